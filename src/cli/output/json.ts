/**
 * JSON for machines: one object per invocation, 2-space indented, newline-terminated. JSON has no
 * NaN/Infinity; GradeResult already uses null for "not measured", and JSON.stringify maps any stray
 * non-finite number to null too, so the output always parses.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
