/**
 * The grader's public API. Everything exported here is pure (no Node or VS Code APIs), so the CLI,
 * the extension host and the webview can all import it. gradeExercise (which runs code) lives in
 * ./grade-exercise and is imported from there directly by Node-side callers.
 */
export { evaluate, HIDDEN_FAILED, HIDDEN_PASSED, type EvaluateOptions } from './evaluate';
export { buildCharts, VEGA_LITE_SCHEMA } from './charts';
export { formatNumber, formatMaybe, formatThreshold, thresholdForResult, fillTemplate, summarize, type SummaryInput } from './format';
export { reduceMetric, type ReduceOutcome } from './reduce';
export { compare, needsReference } from './compare';
export { decodeMetric, type DecodedMetric } from './metrics';
export type * from './types';
