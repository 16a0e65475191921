/** The runner's public surface: learner code in, RunOutcome out. */
export { runSubmission, type RunOptions } from './run';
export type { RunRequest, RunOutcome, SeedOutcome } from './types';
export type { HarnessContext, MetricRecord, RecordedMetrics, ScalarMetric, VectorMetric } from './harness-api';
