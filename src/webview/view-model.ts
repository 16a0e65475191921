/**
 * Pure view-model functions: GradeResult / ExerciseView → the strings and flags the page renders.
 * No DOM here, so every decision about what a learner sees is unit-tested in Node
 * (test/unit/webview/view-model.test.ts). The DOM code in ./render only places these values.
 */
import { COMPARATOR_SYMBOLS } from '../grading/format';
import type { CheckResult, Comparator, ErrorInfo, GradeResult, LearnerErrorKind } from '../grading/types';

/**
 * Numbers as a learner reads them: 3 significant digits (more when asked), exponent notation
 * outside [1e-3, 1e4), trailing zeros dropped, a real minus sign.
 */
export function formatNumber(x: number | null | undefined, nonFinite?: 'nan' | 'inf' | '-inf', digits = 3): string {
  if (nonFinite === 'nan') return 'NaN';
  if (nonFinite === 'inf') return '+∞';
  if (nonFinite === '-inf') return '−∞';
  if (x === null || x === undefined) return '—';
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+∞';
  if (x === -Infinity) return '−∞';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  let text: string;
  if (abs >= 1e-3 && abs < 1e4) {
    // toPrecision then Number() drops trailing zeros: 0.2500 → "0.25", 12.00 → "12".
    // Never round away integer digits: 1234.4 reads "1234", not "1230".
    const integerDigits = Math.floor(Math.log10(abs)) + 1;
    text = String(Number(x.toPrecision(Math.max(digits, integerDigits))));
  } else {
    const [mantissa, exponent] = x.toExponential(digits - 1).split('e');
    text = `${String(Number(mantissa))}e${exponent.replace('+', '')}`;
  }
  return text.replace(/^-/, '−'); // a real minus sign reads better and is announced as "minus"
}

/**
 * The fewest significant digits (≥ 3) at which different numbers also LOOK different, so a
 * threshold of [0.2499999999, 0.2500000001] is not shown as "between 0.25 and 0.25", nor a failing
 * 1.0000001e-9 as "1e-9 ≤ 1e-9".
 */
export function distinguishingDigits(values: Array<number | null | undefined>, min = 3, max = 15): number {
  const finite = [...new Set(values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)))];
  for (let digits = min; digits < max; digits++) {
    const texts = new Set(finite.map((v) => formatNumber(v, undefined, digits)));
    if (texts.size === finite.length) return digits;
  }
  return max;
}

function thresholdNumbers(threshold: CheckResult['threshold']): number[] {
  if (typeof threshold === 'number') return [threshold];
  if (Array.isArray(threshold)) return threshold;
  return [];
}

/** The threshold column: "≤ 1", "between 0.5 and 2", "finite", "≈ reference (rtol 1e-6)". */
export function formatThreshold(comparator: Comparator, threshold: CheckResult['threshold'], digits = distinguishingDigits(thresholdNumbers(threshold))): string {
  if (threshold === null) {
    if (comparator === 'finite') return 'finite';
    if (comparator === 'true') return 'true';
    if (comparator === 'closeToReference') return '≈ reference';
    return '—';
  }
  if (comparator === 'between' && Array.isArray(threshold)) {
    return `between ${formatNumber(threshold[0], undefined, digits)} and ${formatNumber(threshold[1], undefined, digits)}`;
  }
  const value = typeof threshold === 'number'
    ? formatNumber(threshold, undefined, digits)
    : Array.isArray(threshold) ? threshold.map((t) => formatNumber(t, undefined, digits)).join(' – ') : threshold;
  switch (comparator) {
    case 'closeToReference': return `≈ reference (${value})`;
    case 'finite': return 'finite';
    case 'true': return 'true';
    default: return `${COMPARATOR_SYMBOLS[comparator] ?? comparator} ${value}`;
  }
}

export interface CheckRow {
  id: string;
  title: string;
  passed: boolean;
  /** "✓" or "✗": shown; the statusLabel is what a screen reader hears. */
  symbol: '✓' | '✗';
  statusLabel: 'Passed' | 'Failed';
  hidden: boolean;
  /** Empty for hidden checks: they show name and pass/fail only. */
  measured: string;
  threshold: string;
  /** "yours 0.31 · reference 1.02" style extra, only for reference comparisons. */
  reference: string;
  message: string;
  /** The check's own hint, shown only when it failed. */
  hint: string;
  /** "2 / 2"; empty for hidden checks. */
  points: string;
  location?: { file: string; line: number };
}

export function checkRow(check: CheckResult): CheckRow {
  const base = {
    id: check.id,
    title: check.title,
    passed: check.passed,
    symbol: check.passed ? '✓' : '✗',
    statusLabel: check.passed ? 'Passed' : 'Failed',
    hidden: check.hidden,
  } as const;
  if (check.hidden) {
    // Name and pass/fail only: the measured value, threshold or message could give the answer away.
    return { ...base, measured: '', threshold: '', reference: '', message: '', hint: '', points: '' };
  }
  const digits = distinguishingDigits([check.measured, ...thresholdNumbers(check.threshold)]);
  return {
    ...base,
    measured: formatNumber(check.measured, check.nonFinite, digits),
    threshold: formatThreshold(check.comparator, check.threshold, digits),
    reference: check.reference === undefined ? '' : `reference ${formatNumber(check.reference)}`,
    message: check.message,
    hint: !check.passed && check.hint ? check.hint : '',
    points: `${formatNumber(check.points)} / ${formatNumber(check.maxPoints)}`,
    location: !check.passed ? check.location : undefined,
  };
}

export const NOT_MEASURED_MESSAGE = 'Not measured: your code could not be checked (see the error above).';

/**
 * Rows of the check table. When the whole run failed (result.error), the grader repeats the error
 * in every unmeasured check; the page shows it once in the error block and keeps the rows short.
 */
export function checkRows(result: GradeResult, options: { showReference?: boolean } = {}): CheckRow[] {
  const showReference = options.showReference ?? true;
  return result.checks.map((check) => {
    const row = showReference ? checkRow(check) : { ...checkRow(check), reference: '' };
    if (result.error && !check.hidden && check.measured === null && check.nonFinite === undefined) {
      return { ...row, message: NOT_MEASURED_MESSAGE, hint: '', location: undefined };
    }
    return row;
  });
}

export type BadgeState = 'passed' | 'partial' | 'failed' | 'error';

export interface ScoreBadge {
  text: string;
  state: BadgeState;
  /** Full sentence for aria-label: "Score 6 of 8 points, not passed yet". */
  label: string;
}

export function scoreBadge(result: GradeResult): ScoreBadge {
  const text = `${formatNumber(result.score)} / ${formatNumber(result.maxScore)}`;
  const points = `${formatNumber(result.score)} of ${formatNumber(result.maxScore)} points`;
  if (result.error) return { text, state: 'error', label: `Score ${points}: the code could not be checked` };
  if (result.passed) return { text, state: 'passed', label: `Score ${points}: passed` };
  if (result.score > 0) return { text, state: 'partial', label: `Score ${points}: not passed yet` };
  return { text, state: 'failed', label: `Score ${points}: not passed yet` };
}

const ERROR_KIND_LABELS: Record<LearnerErrorKind, string> = {
  syntax: 'Syntax error',
  'missing-export': 'Missing export',
  'wrong-type': 'Wrong return type',
  'wrong-shape': 'Wrong tensor shape',
  exception: 'Your code threw an error',
  timeout: 'Time limit exceeded',
  'out-of-memory': 'Memory limit exceeded',
  'non-finite': 'NaN or infinity',
  'banned-helper': 'Helper not allowed here',
  forbidden: 'Not available in the sandbox',
  'harness-error': 'Problem in the exercise itself',
  crash: 'The check process crashed',
};

export function errorKindLabel(kind: LearnerErrorKind): string {
  return ERROR_KIND_LABELS[kind] ?? 'Error';
}

export interface ErrorBlock {
  title: string;
  message: string;
  /** "Go to line 12" (with the file name when it is not the learner's own file); absent without a line. */
  goToLabel?: string;
  line?: number;
  column?: number;
  file?: string;
  /** "on seed 3" when the failure depends on the seed. */
  seedNote: string;
}

export function errorBlock(error: ErrorInfo): ErrorBlock {
  const block: ErrorBlock = {
    title: errorKindLabel(error.kind),
    message: error.message,
    seedNote: error.seed === undefined ? '' : `Happened on seed ${error.seed}.`,
  };
  if (error.line !== undefined && error.line >= 1) {
    block.line = error.line;
    block.column = error.column;
    block.file = error.file;
    block.goToLabel = error.file ? `Go to ${baseName(error.file)} line ${error.line}` : `Go to line ${error.line}`;
  }
  return block;
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/** What the aria-live region says once a result arrives. */
export function resultAnnouncement(result: GradeResult): string {
  if (result.error) return `Check finished: ${errorKindLabel(result.error.kind)}. ${result.error.message}`;
  return `Check finished: ${result.summary}`;
}

/** "Show next hint (2 of 4)"; undefined when every hint is already shown. */
export function nextHintLabel(shown: number, total: number): string | undefined {
  if (shown >= total) return undefined;
  return `Show next hint (${shown + 1} of ${total})`;
}

/** Accessible name of a chart: its title plus the spec's description (a one-line summary). */
export function chartLabel(spec: { title?: unknown; description?: unknown; usermeta?: { gradlab?: { table?: { caption?: string } } } }): string {
  const title = typeof spec.title === 'string'
    ? spec.title
    : typeof spec.title === 'object' && spec.title !== null && typeof (spec.title as { text?: unknown }).text === 'string'
      ? (spec.title as { text: string }).text
      : spec.usermeta?.gradlab?.table?.caption ?? 'Chart';
  const description = typeof spec.description === 'string' ? spec.description : '';
  if (!description) return title;
  return description.startsWith(title) ? description : `${title}. ${description}`;
}

/** Cell text of the accessible chart table (numbers formatted like the checks; strings kept). */
export function tableCell(value: string | number | null): string {
  if (value === null) return '—';
  if (typeof value === 'number') return formatNumber(value);
  return value;
}

/** "Best 6 / 8 · 3 attempts · solved" for the header; empty when nothing is known yet. */
export function progressLine(progress: { solved: boolean; bestScore?: number; maxScore?: number; attempts?: number; positionLabel?: string }): string {
  const parts: string[] = [];
  if (progress.positionLabel) parts.push(progress.positionLabel);
  if (progress.solved) parts.push('Solved');
  if (progress.bestScore !== undefined && progress.maxScore !== undefined) parts.push(`Best ${formatNumber(progress.bestScore)} / ${formatNumber(progress.maxScore)}`);
  if (progress.attempts !== undefined) parts.push(`${progress.attempts} ${progress.attempts === 1 ? 'attempt' : 'attempts'}`);
  return parts.join(' · ');
}
