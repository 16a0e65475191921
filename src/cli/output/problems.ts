/**
 * Pack problems (schema errors, missing files, validate findings) as a human list:
 *   ✗ exercises/clip/exercise.json:12:5  checks[0].threshold
 *       must be a number
 *       fix: give the threshold as a number, e.g. 1.0
 */
import type { PackProblem } from '../deps';
import type { Style } from './style';

/** file:line:column, with the file shown through `display` (e.g. relative to the cwd). */
export function problemLocation(problem: Pick<PackProblem, 'file' | 'line' | 'column'>, display: (file: string) => string = (f) => f): string {
  if (!problem.file) return '';
  return `${display(problem.file)}${problem.line ? `:${problem.line}${problem.column ? `:${problem.column}` : ''}` : ''}`;
}

export function formatProblems(problems: PackProblem[], style: Style, display?: (file: string) => string, indent = '  '): string {
  const lines: string[] = [];
  for (const problem of problems) {
    const isWarning = problem.severity === 'warning';
    const mark = isWarning ? style.yellow(style.warn) : style.red(style.fail);
    const where = [problemLocation(problem, display), problem.jsonPath].filter(Boolean).join('  ');
    lines.push(`${indent}${mark} ${where || '(pack)'}`);
    lines.push(`${indent}    ${style.text(problem.message)}`);
    if (problem.fix) lines.push(style.dim(`${indent}    fix: ${style.text(problem.fix)}`));
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
