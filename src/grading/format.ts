/**
 * Text helpers shared by the grader, the CLI and the extension, so a number or a threshold reads the
 * same everywhere. Pure functions: no Node or VS Code APIs (the webview bundles this file too).
 */
import type { CheckSpec } from '../pack/types';
import type { CheckResult, Comparator, ErrorInfo } from './types';

/**
 * A number for people: 3 significant digits; exponent notation ("1.23e-4", "5e6") when the rounded
 * magnitude is ≤ 1e-3 or ≥ 1e4, because gradient norms span dozens of decades and "0.000000123" is
 * unreadable. Integers below 1e4 print exactly (step counts, layer counts). NaN → "NaN", ±∞ → "inf"/"-inf".
 *
 * 1e-3 itself prints as "1e-3" (not "0.001") so thresholds such as "≤ 1e-3" read the way authors write them.
 */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return '0'; // also turns -0 into "0"
  if (Number.isInteger(x) && Math.abs(x) < 1e4) return String(x);
  const rounded = Number(x.toPrecision(3));
  const magnitude = Math.abs(rounded);
  if (magnitude <= 1e-3 || magnitude >= 1e4) {
    // toExponential() without an argument prints the shortest exact mantissa: "1.2e-5", "1e-3".
    return rounded.toExponential().replace('e+', 'e');
  }
  return String(rounded);
}

/** formatNumber for values that may be absent (null = not measured / non-finite in JSON). */
export function formatMaybe(x: number | null | undefined, absent = 'n/a'): string {
  return x === null || x === undefined ? absent : formatNumber(x);
}

type ThresholdFields = Pick<CheckSpec, 'op' | 'threshold' | 'rtol' | 'atol'>;

/** Default tolerances for closeToReference / equals when the author gives none (see evaluate.ts). */
export const DEFAULT_RTOL_REFERENCE = 1e-6;

/** The tolerance of an equals/closeToReference check in words, e.g. "1e-6 (relative)". */
function toleranceText(rtol: number | undefined, atol: number | undefined): string {
  const r = rtol ?? 0;
  const a = atol ?? 0;
  if (r > 0 && a > 0) return `${formatNumber(a)} + ${formatNumber(r)}×|reference|`;
  if (a > 0) return formatNumber(a);
  if (r > 0) return `${formatNumber(r)} (relative)`;
  return '0';
}

/** The symbol of each comparator that reads as "<symbol> <number>" (shared with the webview). */
export const COMPARATOR_SYMBOLS: Readonly<Partial<Record<Comparator, string>>> = { '<=': '≤', '>=': '≥', '<': '<', '>': '>', equals: '=' };

/**
 * The condition a check asks for, in words: "≤ 1e-3", "between 0.5 and 2", "within 1e-6 (relative)
 * of reference", "finite", "non-zero". Used in messages ({threshold} uses the bare value instead).
 * `formatValue` spells the authored threshold number(s) only (the CLI passes one that keeps every
 * authored digit); tolerances always use formatNumber.
 */
export function formatThreshold(check: ThresholdFields, formatValue: (x: number) => string = formatNumber): string {
  const t = check.threshold;
  const single = typeof t === 'number' ? formatValue(t) : '?';
  switch (check.op) {
    case '<=': case '>=': case '<': case '>':
      return `${COMPARATOR_SYMBOLS[check.op]} ${single}`;
    case 'between':
      return Array.isArray(t) ? `between ${formatValue(t[0])} and ${formatValue(t[1])}` : 'between ? and ?';
    case 'finite': return 'finite';
    case 'true': return 'non-zero (true)';
    case 'equals': {
      const { rtol, atol } = check;
      const exact = !(rtol && rtol > 0) && !(atol && atol > 0);
      const target = typeof t === 'number' ? single : 'reference';
      return exact ? `= ${target}` : `within ${toleranceText(rtol, atol)} of ${target}`;
    }
    case 'closeToReference': {
      const rtol = check.rtol === undefined && check.atol === undefined ? DEFAULT_RTOL_REFERENCE : check.rtol;
      return `within ${toleranceText(rtol, check.atol)} of reference`;
    }
  }
}

/**
 * The `threshold` field of a CheckResult ("as authored"): the number, [lo, hi], or short text for
 * comparators without a numeric threshold ("rtol 1e-6", "finite", "non-zero").
 */
export function thresholdForResult(check: ThresholdFields): number | [number, number] | string {
  switch (check.op) {
    case 'between':
      return Array.isArray(check.threshold) ? [check.threshold[0], check.threshold[1]] : formatThreshold(check);
    case 'finite': return 'finite';
    case 'true': return 'non-zero';
    case 'closeToReference':
    case 'equals': {
      if (check.op === 'equals' && typeof check.threshold === 'number' && !check.rtol && !check.atol) return check.threshold;
      const parts: string[] = [];
      const rtol = check.op === 'closeToReference' && check.rtol === undefined && check.atol === undefined
        ? DEFAULT_RTOL_REFERENCE : check.rtol;
      if (check.atol !== undefined && check.atol > 0) parts.push(`atol ${formatNumber(check.atol)}`);
      if (rtol !== undefined && rtol > 0) parts.push(`rtol ${formatNumber(rtol)}`);
      const of = typeof check.threshold === 'number' && check.op === 'equals' ? ` of ${formatNumber(check.threshold)}` : '';
      return parts.length ? parts.join(', ') + of : 'exact';
    }
    default:
      return typeof check.threshold === 'number' ? check.threshold : formatThreshold(check);
  }
}

/** The value used for {threshold} in message templates: "1e-3", "0.5 and 2", "1e-6 (relative)". */
export function thresholdForTemplate(check: ThresholdFields): string {
  switch (check.op) {
    case '<=': case '>=': case '<': case '>':
      return typeof check.threshold === 'number' ? formatNumber(check.threshold) : '?';
    case 'between':
      return Array.isArray(check.threshold) ? `${formatNumber(check.threshold[0])} and ${formatNumber(check.threshold[1])}` : '?';
    default:
      return formatThreshold(check);
  }
}

/**
 * Substitutes {measured}, {threshold}, {seed}, {reference} in a message template. Unknown
 * placeholders are left as written so an author's typo stays visible instead of silently vanishing.
 */
export function fillTemplate(template: string, values: Record<'measured' | 'threshold' | 'seed' | 'reference', string>): string {
  return template.replace(/\{(measured|threshold|seed|reference)\}/g, (_m, key: keyof typeof values) => values[key]);
}

/** The parts of a GradeResult that `summarize` reads (so callers can summarise before assembling one). */
export interface SummaryInput {
  checks: Array<Pick<CheckResult, 'passed' | 'hidden' | 'points' | 'maxPoints'>>;
  score: number;
  maxScore: number;
  error?: Pick<ErrorInfo, 'message'>;
}

/**
 * One line for a status bar / CLI header:
 *   "All checks passed" · "All visible checks passed" (hidden checks exist; a failed hidden one is
 *   counted, never described) · "3 of 5 checks passed (6/10 points)" · "… — <error message>".
 */
export function summarize(result: SummaryInput): string {
  const total = result.checks.length;
  const passedCount = result.checks.filter((c) => c.passed).length;
  const points = `(${formatNumber(result.score)}/${formatNumber(result.maxScore)} points)`;
  if (result.error) {
    return `${passedCount} of ${total} checks passed ${points} — ${result.error.message}`;
  }
  if (total === 0) return 'No checks to run';
  const hidden = result.checks.filter((c) => c.hidden);
  const visibleAllPassed = result.checks.every((c) => c.hidden || c.passed);
  if (hidden.length > 0 && visibleAllPassed) {
    const hiddenFailed = hidden.filter((c) => !c.passed).length;
    if (hiddenFailed === 0) return 'All visible checks passed';
    return `All visible checks passed; ${hiddenFailed} hidden check${hiddenFailed === 1 ? '' : 's'} failed ${points}`;
  }
  if (passedCount === total) return 'All checks passed';
  return `${passedCount} of ${total} checks passed ${points}`;
}
