/**
 * Test doubles for the CLI: a captured CliIO, synthetic GradeResults, and fake deps whose
 * behaviour each test sets. Synthetic results are written by hand here (not produced by our own
 * grader), so the formatter tests check the formatters, not the grader.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliDeps, GradeOptions } from '../../../src/cli/deps';
import type { CliIO } from '../../../src/cli/io';
import type { CheckResult, GradeResult } from '../../../src/grading/types';
import type { CheckSpec, ExerciseManifest, LoadedExercise, LoadedPack, PackProblem } from '../../../src/pack/types';

export interface CapturedIO extends CliIO {
  out: string;
  err: string;
}

export function captureIO(overrides: Partial<CliIO> = {}): CapturedIO {
  const io: CapturedIO = {
    out: '',
    err: '',
    stdout(text) {
      io.out += text;
    },
    stderr(text) {
      io.err += text;
    },
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: { LANG: 'en_US.UTF-8' },
    cwd: process.cwd(),
    cpus: 3,
    platform: 'linux',
    ...overrides,
  };
  return io;
}

export function check(overrides: Partial<CheckResult> = {}): CheckResult {
  return {
    id: 'global-norm',
    title: 'Global norm after clipping',
    passed: true,
    measured: 1,
    threshold: 1.0001,
    comparator: '<=',
    points: 2,
    maxPoints: 2,
    message: 'The global norm is 1 ≤ 1.0001.',
    hidden: false,
    perSeed: [{ seed: 1, measured: 1, passed: true }],
    ...overrides,
  };
}

export function gradeResult(overrides: Partial<GradeResult> = {}): GradeResult {
  const checks = overrides.checks ?? [check()];
  const score = checks.reduce((s, c) => s + c.points, 0);
  const maxScore = checks.reduce((s, c) => s + c.maxPoints, 0);
  return {
    exercise: 'clip-global-norm',
    title: 'Clip by global norm',
    passed: checks.every((c) => c.passed),
    score,
    maxScore,
    checks,
    charts: [],
    durationMs: 120,
    seeds: [1],
    summary: checks.every((c) => c.passed) ? 'All checks passed' : `${checks.filter((c) => c.passed).length} of ${checks.length} checks passed`,
    console: [],
    consoleTruncated: false,
    ...overrides,
  };
}

export function checkSpec(overrides: Partial<CheckSpec> = {}): CheckSpec {
  return {
    id: 'global-norm',
    title: 'Global norm after clipping',
    metric: 'globalNorm',
    reduce: 'value',
    op: '<=',
    threshold: 1.0001,
    across: 'every',
    points: 2,
    hidden: false,
    messages: { pass: 'ok', fail: 'not ok' },
    ...overrides,
  };
}

export function manifest(overrides: Partial<ExerciseManifest> = {}): ExerciseManifest {
  return {
    id: 'clip-global-norm',
    title: 'Clip by global norm',
    topics: ['M6', 'clipping'],
    learnerFile: 'clip.ts',
    files: { starter: 'starter.ts', solution: 'solution.ts', harness: 'harness.ts', readme: 'README.md' },
    exports: [{ name: 'clip', kind: 'function' }],
    seeds: [1, 2, 3],
    limits: { timeMs: 5000, memoryMb: 256 },
    hints: [],
    bannedHelpers: [],
    metrics: { globalNorm: { description: 'norm', kind: 'scalar' } },
    checks: [checkSpec()],
    charts: [],
    ...overrides,
  };
}

export function loadedExercise(dir: string, m: ExerciseManifest = manifest()): LoadedExercise {
  return {
    manifest: m,
    dir,
    paths: {
      starter: path.join(dir, m.files.starter),
      solution: path.join(dir, m.files.solution),
      harness: path.join(dir, m.files.harness),
      readme: path.join(dir, m.files.readme),
    },
    warnings: [],
  };
}

/** A pack folder on disk with real (empty) manifests so the commands' folder checks pass. */
export function makePackDir(exercises: ExerciseManifest[], opts: { withLearnerFile?: boolean } = {}): { dir: string; pack: LoadedPack } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gradlab-cli-pack-'));
  fs.writeFileSync(path.join(dir, 'pack.json'), '{}');
  const loaded = exercises.map((m) => {
    const exDir = path.join(dir, m.id);
    fs.mkdirSync(exDir);
    fs.writeFileSync(path.join(exDir, 'exercise.json'), JSON.stringify(m, null, 2));
    for (const f of Object.values(m.files)) fs.writeFileSync(path.join(exDir, f), '// test file\n');
    if (opts.withLearnerFile) fs.writeFileSync(path.join(exDir, m.learnerFile), '// learner\n');
    return loadedExercise(exDir, m);
  });
  return {
    dir,
    pack: {
      manifest: { id: 'test-pack', title: 'Test pack', version: '1.0.0', formatVersion: 1, description: 'd', exercises: exercises.map((e) => e.id) },
      dir,
      exercises: loaded,
      warnings: [],
    },
  };
}

export class FakePackLoadError extends Error {
  constructor(readonly problems: PackProblem[]) {
    super('Cannot load pack');
  }
}

export interface GradeCall {
  exercise: string;
  file: string;
  opts: GradeOptions;
}

/** Fake layers: `grade` decides the result per call; every call is recorded. */
export function fakeDeps(opts: {
  pack?: LoadedPack;
  exercise?: LoadedExercise;
  loadError?: unknown;
  grade?: (exercise: LoadedExercise, file: string, opts: GradeOptions) => GradeResult | Promise<GradeResult>;
}): CliDeps & { calls: GradeCall[]; scaffolded: string[] } {
  const calls: GradeCall[] = [];
  const scaffolded: string[] = [];
  return {
    calls,
    scaffolded,
    async loadPack() {
      if (opts.loadError) throw opts.loadError;
      if (!opts.pack) throw new Error('no pack in this fake');
      return opts.pack;
    },
    async loadExercise(dir) {
      if (opts.loadError) throw opts.loadError;
      return opts.exercise ?? opts.pack?.exercises.find((e) => e.dir === dir) ?? loadedExercise(dir);
    },
    async gradeExercise(exercise, submission, gradeOpts) {
      calls.push({ exercise: exercise.manifest.id, file: submission.file, opts: gradeOpts });
      if (!opts.grade) return gradeResult({ exercise: exercise.manifest.id });
      return opts.grade(exercise, submission.file, gradeOpts);
    },
    createReferenceCache: () => new Map(),
    async scaffoldPack(dir) {
      scaffolded.push(dir);
      return { dir, files: [path.join(dir, 'pack.json')] };
    },
    async scaffoldExercise(packDir, id) {
      scaffolded.push(path.join(packDir, id));
      return { dir: path.join(packDir, id), files: [] };
    },
    async scaffoldEditorSupport(packDir) {
      scaffolded.push(path.join(packDir, 'tsconfig.json'));
      return { dir: packDir, files: [] };
    },
    packProblems: (error) => (error instanceof FakePackLoadError ? error.problems : undefined),
  };
}

export function tempDir(prefix = 'gradlab-cli-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
