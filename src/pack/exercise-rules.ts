/**
 * Rules for exercise.json that a JSON Schema cannot express: cross-references between fields
 * (checks → metrics), uniqueness of ids, [lo, hi] ordering, engine helper names, file layout.
 *
 * Written defensively: they also run on manifests that failed the schema (so an instructor sees
 * every problem at once in the editor), hence the type guards on every access.
 */
import * as path from 'path';
import { engineExportNames, engineNameProblem, MIN_COMPLETE_ENGINE_EXPORTS } from './engine-exports';
import { closestName } from './problems';
import { BANNED_HELPER_NAME } from './schema-check';
import type { MetricDecl, PackProblem } from './types';

/** A problem before it is given a file and position (the caller locates jsonPath in the text). */
export type RuleProblem = Omit<PackProblem, 'file' | 'line' | 'column'>;

const SCALAR_REDUCTION = 'value';
const PLACEHOLDERS = new Set(['measured', 'threshold', 'seed', 'reference']);
const FILE_ROLES = ['starter', 'solution', 'harness', 'readme'] as const;

export function exerciseRuleProblems(m: any): RuleProblem[] {
  if (!m || typeof m !== 'object' || Array.isArray(m)) return [];
  const out: RuleProblem[] = [];
  const metrics: Record<string, MetricDecl> = isObject(m.metrics) ? m.metrics : {};
  const metricNames = Object.keys(metrics);

  duplicateIds(out, m.exports, '/exports', 'name', 'export');
  duplicateIds(out, m.checks, '/checks', 'id', 'check id');
  duplicateIds(out, m.charts, '/charts', 'id', 'chart id');

  asArray(m.checks).forEach((check: any, i: number) => {
    if (!isObject(check)) return;
    const base = `/checks/${i}`;
    metricReference(out, check.metric, check.reduce, `${base}/metric`, `${base}/reduce`, metrics, metricNames);
    betweenOrder(out, check.op, check.threshold, `${base}/threshold`);
    if (isObject(check.messages)) {
      for (const which of ['pass', 'fail'] as const) unknownPlaceholders(out, check.messages[which], `${base}/messages/${which}`);
    }
    asArray(check.explain).forEach((entry: any, j: number) => {
      if (!isObject(entry) || !isObject(entry.when)) return;
      const when = entry.when;
      const at = `${base}/explain/${j}/when`;
      // An omitted reduce means 'value', as the grader reads it (see Condition in types.ts).
      metricReference(out, when.metric, when.reduce, `${at}/metric`, `${at}/reduce`, metrics, metricNames);
      betweenOrder(out, when.op, when.threshold, `${at}/threshold`);
      unknownPlaceholders(out, entry.message, `${base}/explain/${j}/message`);
    });
  });

  asArray(m.charts).forEach((chart: any, i: number) => {
    if (!isObject(chart)) return;
    asArray(chart.metrics).forEach((name: unknown, j: number) => {
      if (typeof name !== 'string') return;
      const at = `/charts/${i}/metrics/${j}`;
      const decl = metrics[name];
      if (!decl) out.push(undeclaredMetric(name, at, metricNames));
      else if (decl.kind === 'scalar') {
        out.push({
          jsonPath: at, severity: 'error',
          message: `Chart "${chart.id}" plots "${name}", a scalar metric (one number per seed cannot be drawn as a line or bars).`,
          fix: `Plot a vector metric recorded with ctx.recordVector, or declare "${name}" as "kind": "vector" if the harness records a list.`,
        });
      }
    });
  });

  bannedHelperNames(out, m.bannedHelpers);
  exerciseFileNames(out, m);

  const hints = asArray(m.hints);
  if (Array.isArray(m.hints) && (hints.length < 2 || hints.length > 4)) {
    out.push({
      jsonPath: '/hints', severity: 'warning',
      message: `${hints.length} hint${hints.length === 1 ? '' : 's'}; 2–4 progressive hints work best.`,
      fix: hints.length < 2 ? 'Add hints that go from a gentle nudge to nearly the answer.' : 'Merge or drop hints so each one adds something.',
    });
  }
  if (Array.isArray(m.seeds) && m.seeds.length < 3) {
    out.push({
      jsonPath: '/seeds', severity: 'warning',
      message: `Only ${m.seeds.length} seed${m.seeds.length === 1 ? '' : 's'}: a lucky seed can pass a wrong answer.`,
      fix: 'Use at least 3 seeds, e.g. [1, 2, 3] (or remove "seeds" to get that default).',
    });
  }
  return out;
}

function metricReference(
  out: RuleProblem[], name: unknown, reduce: unknown, metricAt: string, reduceAt: string,
  metrics: Record<string, MetricDecl>, metricNames: string[],
): void {
  if (typeof name !== 'string') return;
  const decl = metrics[name];
  if (!decl) {
    out.push(undeclaredMetric(name, metricAt, metricNames));
    return;
  }
  const r = typeof reduce === 'string' ? reduce : SCALAR_REDUCTION;
  if (decl.kind === 'vector' && r === SCALAR_REDUCTION) {
    out.push({
      jsonPath: reduceAt, severity: 'error',
      message: `"${name}" is a vector metric, so it needs a reduction to one number ("reduce" is "value" or omitted).`,
      fix: 'Set "reduce" to e.g. "max", "last", "norm", "flatness" or "ratioFirstLast".',
    });
  } else if (decl.kind === 'scalar' && r !== SCALAR_REDUCTION) {
    out.push({
      jsonPath: reduceAt, severity: 'error',
      message: `"${name}" is a scalar metric; reduce "${r}" only applies to vector metrics.`,
      fix: 'Remove "reduce" (or set it to "value").',
    });
  }
}

function undeclaredMetric(name: string, at: string, metricNames: string[]): RuleProblem {
  const suggestion = closestName(name, metricNames);
  return {
    jsonPath: at, severity: 'error',
    message: `Metric "${name}" is not declared in "metrics"` + (metricNames.length ? ` (declared: ${metricNames.join(', ')}).` : '.'),
    fix: suggestion ? `Did you mean "${suggestion}"?` : `Declare it under "metrics" with its description and kind, and record it in the harness.`,
  };
}

function betweenOrder(out: RuleProblem[], op: unknown, threshold: unknown, at: string): void {
  if (op !== 'between' || !Array.isArray(threshold) || threshold.length !== 2) return;
  const [lo, hi] = threshold;
  if (typeof lo === 'number' && typeof hi === 'number' && lo > hi) {
    out.push({ jsonPath: at, severity: 'error', message: `"between" needs [lo, hi] with lo ≤ hi (got [${lo}, ${hi}]).`, fix: `Swap them: [${hi}, ${lo}].` });
  }
}

function unknownPlaceholders(out: RuleProblem[], text: unknown, at: string): void {
  if (typeof text !== 'string') return;
  for (const match of text.matchAll(/\{([A-Za-z_]+)\}/g)) {
    if (PLACEHOLDERS.has(match[1])) continue;
    const suggestion = closestName(match[1], PLACEHOLDERS);
    out.push({
      jsonPath: at, severity: 'warning',
      message: `Unknown placeholder {${match[1]}} will be shown literally.`,
      fix: suggestion ? `Did you mean {${suggestion}}?` : 'Placeholders are {measured}, {threshold}, {seed} and {reference}.',
    });
  }
}

function bannedHelperNames(out: RuleProblem[], banned: unknown): void {
  // While the engine is incomplete, an unknown name may just not exist *yet*: warn, don't fail.
  const severity = engineExportNames().length < MIN_COMPLETE_ENGINE_EXPORTS ? 'warning' : 'error';
  asArray(banned).forEach((name: unknown, i: number) => {
    // A malformed name already has the schema's error at this path; a second one adds nothing.
    if (typeof name !== 'string' || !BANNED_HELPER_NAME.test(name)) return;
    const problem = engineNameProblem(name);
    if (!problem) return;
    const suggestion = closestName(name, problem.candidates);
    out.push({
      jsonPath: `/bannedHelpers/${i}`, severity,
      message: problem.message,
      fix: suggestion
        ? `Did you mean "${suggestion}"?`
        : problem.fix ?? 'Name an engine export (see the `gradlab` module\'s API), a namespace member such as "nn.BatchNorm1d", or remove it.',
    });
  });
}

function exerciseFileNames(out: RuleProblem[], m: any): void {
  if (!isObject(m.files)) return;
  for (const role of FILE_ROLES) {
    const rel = m.files[role];
    if (typeof rel !== 'string' || rel === '') continue;
    const normalized = portableRelative(rel);
    // Judged by both platforms' rules, whatever this machine runs: "C:\\x" or "C:x" is relative to Linux
    // but leaves the exercise folder on the Windows machine a learner uses. Backslashes are already
    // slashes in `normalized`, so "\\x" and "\\\\server\\share" count as absolute too.
    if (/^[A-Za-z]:/.test(rel) || path.posix.isAbsolute(normalized) || normalized === '..' || normalized.startsWith('../')) {
      out.push({
        jsonPath: `/files/${role}`, severity: 'error',
        message: `files.${role} ("${rel}") points outside the exercise folder.`,
        fix: 'Use a path relative to the folder that holds exercise.json, e.g. "starter.ts".',
      });
    }
  }
  if (typeof m.learnerFile === 'string') {
    portableLearnerFile(out, m.learnerFile);
    for (const role of ['solution', 'harness'] as const) {
      // Compared as Windows and macOS do (case-insensitively): "Solution.ts" IS solution.ts there.
      if (typeof m.files[role] === 'string' && sameFileIgnoringCase(m.files[role], m.learnerFile)) {
        out.push({
          jsonPath: '/learnerFile', severity: 'error',
          message: `learnerFile "${m.learnerFile}" is the same file as files.${role}: the learner's copy would overwrite it.`,
          fix: `Give the learner's file its own name, e.g. "${m.id ?? 'exercise'}.ts".`,
        });
      }
    }
  }
}

function sameFileIgnoringCase(rel: string, name: string): boolean {
  return portableRelative(rel).toLowerCase() === name.toLowerCase();
}

/** A manifest path as one spelling for every OS: backslashes as slashes, "." and ".." resolved. */
function portableRelative(rel: string): string {
  return path.posix.normalize(rel.replace(/\\/g, '/'));
}

/** Device names Windows reserves in every folder, with any extension ("con.ts" cannot be created). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
/** Characters no Windows file name may hold (the schema already rules out / and \). */
const WINDOWS_FORBIDDEN = /[<>:"|?*\u0000-\u001f]/;

/**
 * The learner's file is created on the learner's machine, often Windows, from a manifest usually
 * written on Linux or macOS: a name those accept but Windows refuses breaks Start Course there.
 */
function portableLearnerFile(out: RuleProblem[], name: string): void {
  let why: string | undefined;
  if (WINDOWS_FORBIDDEN.test(name)) why = 'holds a character Windows does not allow in file names (< > : " | ? * or a control character)';
  else if (WINDOWS_RESERVED.test(name)) why = `is a device name Windows reserves ("${name.split('.')[0]}")`;
  if (!why) return;
  out.push({
    jsonPath: '/learnerFile', severity: 'error',
    message: `learnerFile "${name}" ${why}: learners on Windows could not start this exercise.`,
    fix: 'Use letters, digits, "-" and "_" before ".ts", e.g. "clip.ts".',
  });
}

function duplicateIds(out: RuleProblem[], list: unknown, base: string, key: string, what: string): void {
  const firstIndex = new Map<string, number>();
  asArray(list).forEach((item: any, i: number) => {
    const id = isObject(item) ? item[key] : undefined;
    if (typeof id !== 'string') return;
    const first = firstIndex.get(id);
    if (first === undefined) firstIndex.set(id, i);
    else out.push({ jsonPath: `${base}/${i}/${key}`, severity: 'error', message: `Duplicate ${what} "${id}" (also at ${base}/${first}).`, fix: `Give each ${what.replace(/ id$/, '')} a unique ${key}.` });
  });
}

function asArray(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
