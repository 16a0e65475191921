/**
 * How much slower is an exercise inside the sandbox than the same code in plain Node?
 *
 *   npm run build
 *   npx tsx scripts/sandbox-speed.ts [exercise-dir] [--file <submission>] [--rounds N] [--modes sandbox,plain,plain-js]
 *                                    [--prof <dir>] [--dist <dir>]
 *
 * Default: exercises/m1-fix-vanishing with its solution (files.solution), its own seeds, 3 rounds. Each round runs
 *   sandbox  dist/sandbox-host.js forked exactly as runSubmission does (vm context, hardening, limits);
 *   plain    dist/sandbox-runtime.js evaluated in a fresh Node process's MAIN realm — the same runtime,
 *            hardening, allocation guard, harness and submission, minus the vm context. WebAssembly is
 *            left in place there, so the engine uses the wasm gemm (what bench/ and the CLI get);
 *   plain-js the same with WebAssembly deleted first: the JS gemm fallback, no vm context.
 * and prints each seed's wall time (the worker's own per-seed timer), then the median per mode and the
 * sandbox ÷ plain ratio. --prof <dir> writes V8 CPU profiles of the sandbox worker thread there.
 * --dist <dir> runs "sandbox" with the bundles of another build (e.g. an older commit built elsewhere);
 * the plain modes always use this checkout's dist/.
 * Numbers move with machine load (2 shared cores): compare modes within one invocation only.
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vm from 'node:vm';
import { medianOf } from '../src/grading/reduce';
import { loadExercise } from '../src/pack';
import type { HostEvent, HostRequest, WorkerJob } from '../src/runner/protocol';
import { sandboxExecArgv } from '../src/runner/run';
import { transformTypeScript } from '../src/runner/transform';

const root = path.resolve(__dirname, '..');
let dist = path.join(root, 'dist');

type Mode = 'sandbox' | 'plain' | 'plain-js';
interface Timing {
  seeds: number[];
  errors: string[];
}

/** Loaded like the CLI loads it, so defaults (files.*, limits) and renamed files apply. */
async function buildJob(exerciseDir: string, file: string | undefined): Promise<WorkerJob> {
  const { manifest, paths } = await loadExercise(exerciseDir);
  const submissionPath = path.resolve(file ?? paths.solution);
  const compile = (source: string, name: string): string => {
    const result = transformTypeScript(source, name);
    if (!result.ok) throw new Error(`${name}: ${result.message}`);
    return result.code;
  };
  const learnerFile = manifest.learnerFile;
  return {
    harnessJs: compile(readFileSync(paths.harness, 'utf8'), manifest.files.harness),
    submissionJs: compile(readFileSync(submissionPath, 'utf8'), learnerFile),
    learnerFile,
    harnessFile: manifest.files.harness,
    requiredExports: manifest.exports.map((e) => ({ name: e.name, kind: e.kind })),
    bannedHelpers: manifest.bannedHelpers,
    seeds: manifest.seeds,
    timeMsPerSeed: 120_000,
    memoryMb: manifest.limits.memoryMb,
  };
}

/** The real sandbox: dist/sandbox-host.js with runSubmission's flags. */
function runSandbox(job: WorkerJob, profDir: string | undefined): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const execArgv = sandboxExecArgv(job.memoryMb);
    if (profDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${profDir}`);
    const child = fork(path.join(dist, 'sandbox-host.js'), [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'json' });
    const timing: Timing = { seeds: [], errors: [] };
    child.on('message', (event: HostEvent) => {
      if (event.type === 'seed') {
        timing.seeds.push(event.outcome.durationMs);
        if (event.outcome.error) timing.errors.push(event.outcome.error.message);
      } else if (event.type === 'stop') timing.errors.push(event.error.message);
      // The profile is written when the host exits on its own: let it (it exits after 'done').
    });
    child.on('exit', () => resolve(timing));
    child.on('error', reject);
    const request: HostRequest = { type: 'run', job };
    child.send(request);
  });
}

/** Same runtime, main realm, in a child process (the runtime hardens the realm it runs in). */
function runPlain(job: WorkerJob, keepWasm: boolean): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--plain-child', keepWasm ? 'wasm' : 'js'], { execArgv: ['-r', 'tsx/cjs'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (t: Timing) => resolve(t));
    child.on('error', reject);
    child.send(job);
  });
}

function plainChild(keepWasm: boolean): void {
  process.once('message', (job: WorkerJob) => {
    // Everything the child needs after the runtime hardened (and hid `process` from) this realm.
    const send = process.send!.bind(process);
    const now = performance.now.bind(performance);
    const disconnect = process.disconnect.bind(process);
    if (!keepWasm) delete (globalThis as { WebAssembly?: unknown }).WebAssembly;
    const source = readFileSync(path.join(dist, 'sandbox-runtime.js'), 'utf8');
    const api = vm.runInThisContext(`${source}\n;__gradlabRuntime`, { filename: 'gradlab-runtime.js' }) as {
      setup(c: string): void; defineModule(w: string, f: unknown): void; lockDown(): void; runSeed(s: number): void; collectSeed(): string;
    };
    const wrap = (js: string, filename: string) => vm.runInThisContext(`(function (exports, require, module) {\n${js}\n})`, { filename, lineOffset: -1 });
    const harness = wrap(job.harnessJs, job.harnessFile);
    const submission = wrap(job.submissionJs, job.learnerFile);
    api.setup(JSON.stringify({ learnerFile: job.learnerFile, harnessFile: job.harnessFile, bannedHelpers: job.bannedHelpers, requiredExports: job.requiredExports, memoryMb: job.memoryMb }));
    api.defineModule('harness', harness);
    api.defineModule('submission', submission);
    api.lockDown();
    const timing: Timing = { seeds: [], errors: [] };
    for (const seed of job.seeds) {
      const started = now();
      api.runSeed(seed);
      const report = JSON.parse(api.collectSeed()) as { error?: { message: string } };
      timing.seeds.push(now() - started);
      if (report.error) timing.errors.push(report.error.message);
    }
    send(timing, () => disconnect());
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
  const exerciseDir = path.resolve(positional[0] ?? path.join(root, 'exercises/m1-fix-vanishing'));
  const rounds = Number(option('--rounds') ?? 3);
  const job = await buildJob(exerciseDir, option('--file'));
  const profDir = option('--prof');
  const distDir = option('--dist');
  if (distDir) dist = path.resolve(distDir);
  const modes: Mode[] = (option('--modes')?.split(',') as Mode[] | undefined) ?? ['sandbox', 'plain', 'plain-js'];
  const all: Record<Mode, number[]> = { sandbox: [], plain: [], 'plain-js': [] };
  console.log(`${path.relative(root, exerciseDir)}: seeds ${job.seeds.join(', ')}, ${rounds} round(s)`);
  for (let r = 0; r < rounds; r++) {
    for (const mode of modes) {
      const started = performance.now();
      const t = mode === 'sandbox' ? await runSandbox(job, profDir) : await runPlain(job, mode === 'plain');
      const wall = performance.now() - started;
      all[mode].push(...t.seeds);
      console.log(`round ${r + 1} ${mode.padEnd(8)} seeds ${t.seeds.map((ms) => ms.toFixed(0).padStart(6)).join(' ')} ms   process ${wall.toFixed(0)} ms${t.errors.length ? `   ERRORS: ${t.errors[0]}` : ''}`);
    }
  }
  console.log('median per seed:', modes.map((m) => `${m} ${medianOf(all[m]).toFixed(1)} ms`).join(', '));
  if (all.sandbox.length && all.plain.length) console.log(`sandbox / plain = ${(medianOf(all.sandbox) / medianOf(all.plain)).toFixed(2)}×`);
  if (all.sandbox.length && all['plain-js'].length) console.log(`sandbox / plain-js = ${(medianOf(all.sandbox) / medianOf(all['plain-js'])).toFixed(2)}×`);
}

if (process.argv[2] === '--plain-child') plainChild(process.argv[3] === 'wasm');
else void main();
