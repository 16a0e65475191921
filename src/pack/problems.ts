/**
 * PackProblem helpers and PackLoadError, the one error the loader throws. Its message is meant to be
 * printed as is by the CLI: one line per problem, "file:line:col /json/pointer: message — fix: …".
 */
import * as path from 'path';
import type { PackProblem } from './types';

export type { PackProblem };

export class PackLoadError extends Error {
  override readonly name = 'PackLoadError';
  /** Errors first, then warnings, each in file order. */
  readonly problems: PackProblem[];

  constructor(problems: PackProblem[], what: string) {
    const sorted = sortProblems(problems);
    super(formatLoadErrorMessage(sorted, what));
    this.problems = sorted;
  }

  get errors(): PackProblem[] {
    return this.problems.filter((p) => p.severity === 'error');
  }
}

function formatLoadErrorMessage(problems: PackProblem[], what: string): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const counts = `${errors} error${errors === 1 ? '' : 's'}` + (warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : '');
  return `Cannot load ${what} (${counts}):\n` + problems.map((p) => '  ' + formatProblem(p)).join('\n');
}

/** "exercises/clip/exercise.json:14:5 /checks/2/op: must be one of … — fix: …" (warnings say so). */
export function formatProblem(p: PackProblem): string {
  const where = displayPath(p.file) + (p.line !== undefined ? `:${p.line}:${p.column ?? 1}` : '');
  const pointer = p.jsonPath ? ` ${p.jsonPath}` : '';
  const severity = p.severity === 'warning' ? ' warning:' : '';
  return `${where}${pointer}:${severity} ${p.message} — fix: ${p.fix}`;
}

/** Relative to the working directory when inside it (shorter, clickable in terminals), else absolute. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

export function sortProblems(problems: PackProblem[]): PackProblem[] {
  const rank = (p: PackProblem) => (p.severity === 'error' ? 0 : 1);
  return [...problems].sort((a, b) =>
    rank(a) - rank(b) || a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

export function hasErrors(problems: PackProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** The known name closest to a misspelt one (for "did you mean …?"), or undefined if none is close. */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  // Allow about one typo per three characters: "treshold" → "threshold", but "foo" ↛ "metrics".
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(name.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
