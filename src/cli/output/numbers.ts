/**
 * Numbers and thresholds for terminal output. The digits come from src/grading/format.ts so the
 * terminal, the JSON messages and the extension print the same values; this file only adds what a
 * terminal needs: a dash for "not measured" and ASCII spellings when the terminal is not UTF-8.
 */
import { formatMaybe, formatNumber as gradingFormatNumber, formatThreshold as gradingFormatThreshold } from '../../grading/format';
import type { Comparator } from '../../grading/types';
import { asciiFallback } from './style';

export function formatNumber(value: number | null | undefined): string {
  return formatMaybe(value, '-');
}

/**
 * A threshold exactly as the author wrote it: 1.0001 stays 1.0001 and [0.2499999999, 0.2500000001]
 * does not collapse into "between 0.25 and 0.25" (3 significant digits would hide the very
 * difference the check is about). JavaScript's shortest round-trip spelling does exactly that.
 */
function formatAuthored(value: number): string {
  if (!Number.isFinite(value)) return gradingFormatNumber(value);
  return String(value).replace('e+', 'e');
}

/**
 * A measured value next to its threshold: 3 significant digits, more when needed so the printed
 * value lands on the same side of every bound as the exact one (1.00012 against "≤ 1.0001" prints
 * as 1.00012, not as a passing-looking "1").
 */
export function formatMeasured(value: number | null | undefined, threshold: number | [number, number] | string | null): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return formatNumber(value);
  const bounds = typeof threshold === 'number' ? [threshold] : Array.isArray(threshold) ? threshold : [];
  const sameSide = (shown: number) => bounds.every((b) => Math.sign(shown - b) === Math.sign(value - b));
  for (let digits = 3; digits <= 17; digits++) {
    const shown = Number(value.toPrecision(digits));
    if (sameSide(shown)) return digits === 3 ? gradingFormatNumber(value) : formatAuthored(shown);
  }
  return formatAuthored(value);
}

const NULL_THRESHOLD_WORDS: Partial<Record<Comparator, string>> = {
  finite: 'finite', true: 'non-zero', closeToReference: '≈ reference', equals: '= reference',
};

/** A CheckResult's threshold in words ("≤ 1", "between 0.5 and 2", "rtol 1e-6", "finite"). */
export function formatThreshold(
  comparator: Comparator,
  threshold: number | [number, number] | string | null,
  unicode = true,
): string {
  let text: string;
  // A null threshold means "hidden" only for order comparators; reference comparisons have no
  // authored number to show. (The webview's view-model words null thresholds its own, terser way:
  // "—" for hidden and for equals, "true" for non-zero.)
  if (threshold === null) text = NULL_THRESHOLD_WORDS[comparator] ?? '(hidden)';
  else if (typeof threshold === 'string') text = threshold;
  // A [lo, hi] pair always reads as a range, whatever the comparator says.
  else if (Array.isArray(threshold)) text = gradingFormatThreshold({ op: 'between', threshold }, formatAuthored);
  else text = gradingFormatThreshold({ op: comparator, threshold }, formatAuthored);
  return unicode ? text : asciiFallback(text);
}
