/**
 * JUnit XML for CI systems (GitHub Actions reporters, GitLab, Jenkins, Azure all read it):
 *   <testsuites> one <testsuite> per student, one <testcase> per check of every exercise,
 *   classname "<student>.<exercise>", name "<check id>: <check title>".
 * A failed check is a <failure>; a missing submission fails every check of that exercise with
 * "no submission"; a learner error (syntax, exception, timeout…) adds one extra testcase
 * "<exercise>: runs" whose <failure> names the file:line; GradLab's own failure is an <error>.
 * Testcase time is the exercise's grading time split evenly across its checks.
 */
import type { CheckResult } from '../../grading/types';
import type { BatchExercise, BatchReport, ExerciseCell } from '../batch/types';
import { formatErrorHeadline } from './check-report';
import { formatMeasured, formatThreshold } from './numbers';

/**
 * Escapes text for XML 1.0 content and attribute values. Characters XML 1.0 forbids (C0 controls
 * other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF) become U+FFFD: learner console output can
 * contain anything and one stray \u0000 would make the whole report unparseable.
 */
export function xmlEscape(text: string, attribute = false): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === "'") out += '&apos;';
    // In attributes, a raw newline is normalised to a space by every parser; keep it as a reference.
    else if (attribute && ch === '\n') out += '&#10;';
    else if (attribute && ch === '\r') out += '&#13;';
    else if (attribute && ch === '\t') out += '&#9;';
    else if ((code < 0x20 && ch !== '\t' && ch !== '\n' && ch !== '\r') || (code >= 0xd800 && code <= 0xdfff) || code === 0xfffe || code === 0xffff) out += '\ufffd';
    else out += ch;
  }
  return out;
}

const attr = (name: string, value: string | number) => `${name}="${xmlEscape(String(value), true)}"`;
const seconds = (ms: number) => (Math.max(0, ms) / 1000).toFixed(3);

interface Testcase {
  classname: string;
  name: string;
  timeMs: number;
  failure?: { message: string; type: string; body: string };
  error?: { message: string; type: string; body: string };
}

function checkFailureBody(check: CheckResult): string {
  const lines = [`measured: ${formatMeasured(check.measured, check.threshold)}`, `threshold: ${formatThreshold(check.comparator, check.threshold, false)}`, `points: ${check.points}/${check.maxPoints}`];
  if (check.location) lines.push(`at ${check.location.file}:${check.location.line}`);
  if (check.hint) lines.push(`hint: ${check.hint}`);
  return lines.join('\n');
}

function testcasesFor(student: string, exercise: BatchExercise, cell: ExerciseCell): Testcase[] {
  const classname = `${student}.${exercise.id}`;
  const name = (id: string, title: string) => `${id}: ${title}`;
  if (cell.status === 'missing' || cell.status === 'error' || !cell.result) {
    const message = cell.message ?? (cell.status === 'missing' ? 'no submission' : 'not graded');
    const perCheck = exercise.checks.map<Testcase>((check) => {
      const detail = { message, type: cell.status, body: message };
      return cell.status === 'error'
        ? { classname, name: name(check.id, check.title), timeMs: 0, error: detail }
        : { classname, name: name(check.id, check.title), timeMs: 0, failure: detail };
    });
    return perCheck;
  }
  const result = cell.result;
  const share = result.checks.length > 0 ? result.durationMs / result.checks.length : 0;
  const cases: Testcase[] = [];
  if (result.error) {
    cases.push({
      classname,
      name: `${exercise.id}: runs`,
      timeMs: 0,
      failure: { message: formatErrorHeadline(result.error), type: result.error.kind, body: result.error.message },
    });
  }
  for (const check of result.checks) {
    cases.push({
      classname,
      name: name(check.id, check.title),
      timeMs: share,
      failure: check.passed ? undefined : { message: check.message, type: 'check', body: checkFailureBody(check) },
    });
  }
  return cases;
}

function renderTestcase(tc: Testcase): string {
  const open = `    <testcase ${attr('classname', tc.classname)} ${attr('name', tc.name)} ${attr('time', seconds(tc.timeMs))}`;
  const problem = tc.failure ? ['failure', tc.failure] as const : tc.error ? ['error', tc.error] as const : undefined;
  if (!problem) return `${open}/>`;
  const [tag, detail] = problem;
  return `${open}>\n      <${tag} ${attr('message', detail.message)} ${attr('type', detail.type)}>${xmlEscape(detail.body)}</${tag}>\n    </testcase>`;
}

export function toJunitXml(report: BatchReport): string {
  const byId = new Map(report.exercises.map((e) => [e.id, e]));
  const suites: string[] = [];
  let total = 0;
  let failures = 0;
  let errors = 0;
  let totalMs = 0;
  for (const student of report.students) {
    const cases = student.exercises.flatMap((cell) => {
      const exercise = byId.get(cell.exercise);
      return exercise ? testcasesFor(student.student, exercise, cell) : [];
    });
    const suiteFailures = cases.filter((c) => c.failure).length;
    const suiteErrors = cases.filter((c) => c.error).length;
    const suiteMs = student.exercises.reduce((sum, cell) => sum + (cell.result?.durationMs ?? 0), 0);
    total += cases.length;
    failures += suiteFailures;
    errors += suiteErrors;
    totalMs += suiteMs;
    suites.push(
      [
        `  <testsuite ${attr('name', student.student)} ${attr('tests', cases.length)} ${attr('failures', suiteFailures)} ${attr('errors', suiteErrors)} ${attr('skipped', 0)} ${attr('time', seconds(suiteMs))}>`,
        `    <properties>`,
        `      <property ${attr('name', 'score')} ${attr('value', student.score)}/>`,
        `      <property ${attr('name', 'maxScore')} ${attr('value', student.maxScore)}/>`,
        `    </properties>`,
        ...cases.map(renderTestcase),
        `  </testsuite>`,
      ].join('\n'),
    );
  }
  const name = `gradlab ${report.pack}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${attr('name', name)} ${attr('tests', total)} ${attr('failures', failures)} ${attr('errors', errors)} ${attr('time', seconds(totalMs))}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
