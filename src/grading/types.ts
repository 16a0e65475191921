/**
 * GradeResult: the one contract every consumer reads (CLI text/JSON/CSV/JUnit, the extension's
 * Testing view, diagnostics, webview and progress store). Nothing downstream recomputes a grade.
 *
 * The CLI's `--json` output is exactly this object (see ../shared/design.md: exercise, passed,
 * score, maxScore, checks[{id,title,passed,measured,threshold,message}], charts, error?, durationMs);
 * the extra fields here only extend that contract.
 */

/** Why a learner's attempt could not be measured at all (as opposed to a check that failed). */
export type LearnerErrorKind =
  | 'syntax' //          the file does not parse (line/column given)
  | 'missing-export' //  a required export is absent or not a function
  | 'wrong-type' //      an export returned something of the wrong kind (e.g. a number, not a Tensor)
  | 'wrong-shape' //     a returned tensor has the wrong shape
  | 'exception' //       learner code threw (mapped to the learner's line when possible)
  | 'timeout' //         wall-clock limit exceeded (infinite loop, too slow)
  | 'out-of-memory' //   memory limit exceeded
  | 'non-finite' //      a result that must be finite is NaN/inf (says where it first appeared)
  | 'banned-helper' //   used an engine helper the exercise asks the learner to write themselves
  | 'forbidden' //       tried to reach fs, process, network, … (not available in the sandbox)
  | 'harness-error' //   the exercise's own harness failed: an instructor bug, not the learner's
  | 'crash'; //          the sandbox process died unexpectedly

export interface ErrorInfo {
  kind: LearnerErrorKind;
  /** Plain-language explanation for a learner; never a grader stack trace. */
  message: string;
  /** 1-based line in `file` (the learner's file unless kind is harness-error). */
  line?: number;
  column?: number;
  /** Path of the file the line refers to, relative to the exercise folder when possible. */
  file?: string;
  /** The seed the error happened on, when it depends on the seed. */
  seed?: number;
}

export type Comparator = '<=' | '>=' | '<' | '>' | 'between' | 'finite' | 'closeToReference' | 'equals' | 'true';

export interface CheckSeedResult {
  seed: number;
  /** null when not measured, hidden, or not finite (then `nonFinite` says which). */
  measured: number | null;
  passed: boolean;
  /** Set when the measured value is NaN/±inf (JSON cannot carry those). */
  nonFinite?: 'nan' | 'inf' | '-inf';
  /** The reference solution's value on this seed, for reference comparisons (null if not finite). */
  reference?: number | null;
}

export interface CheckResult {
  id: string;
  title: string;
  passed: boolean;
  /** Measured value (median over seeds for display; per-seed values in perSeed). null when hidden or not measured. */
  measured: number | null;
  /** Set when the shown measured value is NaN/±inf (measured is then null: JSON cannot carry those). */
  nonFinite?: 'nan' | 'inf' | '-inf';
  /** The reference solution's value (median over seeds) for reference comparisons. Absent when hidden. */
  reference?: number | null;
  /** Threshold as authored: a number, [lo, hi] for between, or a short text (e.g. "rtol 1e-6"). null when hidden. */
  threshold: number | [number, number] | string | null;
  comparator: Comparator;
  /** Points earned (0 or maxPoints: checks are all-or-nothing; partial credit is across checks). */
  points: number;
  maxPoints: number;
  /** Learner-facing reason: message first, no stack traces. */
  message: string;
  /** Optional hint attached to this check, shown on failure. */
  hint?: string;
  hidden: boolean;
  perSeed: CheckSeedResult[];
  /** Where to show the failure in the learner's file, when known. */
  location?: { file: string; line: number };
}

/** A Vega-Lite spec with its data inline. `usermeta.gradlab.table` carries the same numbers as a table. */
export interface ChartSpec {
  $schema: string;
  title?: unknown;
  usermeta: { gradlab: { id: string; kind: string; table: AccessibleTable } };
  [key: string]: unknown;
}

/** The chart's numbers for screen readers and copy/paste. */
export interface AccessibleTable {
  caption: string;
  columns: string[];
  rows: Array<Array<string | number | null>>;
}

export interface ConsoleLine {
  stream: 'log' | 'info' | 'warn' | 'error';
  text: string;
  seed?: number;
}

export interface GradeResult {
  /** Exercise id (exercise.json `id`). */
  exercise: string;
  title: string;
  passed: boolean;
  score: number;
  maxScore: number;
  checks: CheckResult[];
  charts: ChartSpec[];
  error?: ErrorInfo;
  durationMs: number;
  seeds: number[];
  /** One line: "3 of 4 checks passed (6/8 points)" or "All visible checks passed". */
  summary: string;
  /** Learner console output, bounded (see runner limits); `truncated` when cut. */
  console: ConsoleLine[];
  consoleTruncated: boolean;
}
