/**
 * Numbers and thresholds for terminal output. The digits come from src/grading/format.ts so the
 * terminal, the JSON messages and the extension print the same values; this file only adds what a
 * terminal needs: a dash for "not measured" and ASCII spellings when the terminal is not UTF-8.
 */
import { formatNumber as gradingFormatNumber, formatThreshold as gradingFormatThreshold } from '../../grading/format';
import type { Comparator } from '../../grading/types';
import { asciiFallback } from './style';

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '-' : gradingFormatNumber(value);
}


/** A CheckResult's threshold in words ("≤ 1", "between 0.5 and 2", "rtol 1e-6", "finite"). */
export function formatThreshold(
  comparator: Comparator,
  threshold: number | [number, number] | string | null,
  unicode = true,
): string {
  let text: string;
  if (threshold === null) text = comparator === 'finite' ? 'finite' : comparator === 'true' ? 'non-zero' : '(hidden)';
  else if (typeof threshold === 'string') text = threshold;
  else text = gradingFormatThreshold({ op: comparator, threshold });
  return unicode ? text : asciiFallback(text);
}
