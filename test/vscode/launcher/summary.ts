// Reads the suite's mocha JSON report and turns it into a readable summary plus a verdict.
import * as fs from 'node:fs';
import type { SuiteResults } from '../results-contract';

export interface Verdict {
  ok: boolean;
  text: string;
}

/** Undefined while the file is missing or half-written (the reporter writes it once, at the end). */
export function readResults(file: string): SuiteResults | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SuiteResults;
  } catch {
    return undefined;
  }
}

function indent(text: string, prefix = '      '): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

/** ✓/✗/- per test in run order, failure details, and the verdict: no tests ran is a failure too. */
export function summarize(results: SuiteResults): Verdict {
  const failed = new Set(results.failures.map((t) => t.fullTitle));
  const pending = new Set(results.pending.map((t) => t.fullTitle));
  const lines: string[] = [];
  for (const test of results.tests) {
    const mark = failed.has(test.fullTitle) ? '✗' : pending.has(test.fullTitle) ? '-' : '✓';
    const ms = test.duration !== undefined ? ` (${test.duration} ms)` : '';
    lines.push(`  ${mark} ${test.fullTitle}${ms}`);
  }
  // Hook failures ("before all" hook …) appear in failures but not in tests.
  for (const failure of results.failures) {
    if (!results.tests.some((t) => t.fullTitle === failure.fullTitle)) lines.push(`  ✗ ${failure.fullTitle}`);
  }
  results.failures.forEach((failure, i) => {
    const err = failure.err as { message?: string; stack?: string };
    lines.push('', `  ${i + 1}) ${failure.fullTitle}`);
    lines.push(indent(err.stack ?? err.message ?? '(no error message)'));
  });
  const { passes, failures, pending: skipped, tests } = results.stats;
  lines.push('', `  ${passes} passing, ${failures} failing, ${skipped} pending (${tests} tests)`);
  if (results.setupError) lines.push('', `  suite setup failed:\n${indent(results.setupError)}`);

  let ok = failures === 0 && !results.setupError;
  if (passes === 0) {
    ok = false;
    lines.push('  ✗ no test passed: treating the run as failed (wrong grep? suite files not compiled?)');
  }
  return { ok, text: lines.join('\n') };
}
