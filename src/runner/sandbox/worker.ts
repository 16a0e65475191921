/**
 * The worker thread: creates the sandbox realm (./realm.ts: the vm context with the runtime bundle —
 * engine + harness runtime — evaluated and set up in it), compiles the harness and the submission
 * into it, locks it down and runs the seeds.
 *
 * The vm context is the security boundary for learner code: a vanilla (non-contextified) context
 * where Node has one, else a contextified null-prototype sandbox object (either way `this.constructor`
 * inside resolves to the context's own Object, not Node's), code generation from strings disabled
 * (eval / new Function throw EvalError), and wasm compilation disabled. The only object of this realm
 * ever handed in is the compiled gemm WebAssembly.Module, to the runtime's setup (see realm.ts);
 * otherwise only strings, numbers and functions that were compiled inside the context, and results
 * come back as JSON strings.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vm from 'node:vm';
import type { MessagePort } from 'node:worker_threads';
import type { ErrorInfo } from '../../grading/types';
import { RUNTIME_BUNDLE } from '../dist-dir';
import { harnessSyntaxError } from '../messages';
import type { WorkerEvent, WorkerJob } from '../protocol';
import { createSandboxRealm, wrapModule } from './realm';
import type { RuntimeConfig, SeedReport } from './runtime';

/** Line/column of a compile-time SyntaxError in `fileName` (V8 puts "file:line" on its first stack line). */
function syntaxLocation(err: unknown, fileName: string): { line?: number } {
  const stack = err instanceof Error ? err.stack ?? '' : '';
  const first = stack.split('\n')[0] ?? '';
  if (first.startsWith(fileName + ':')) {
    const line = Number(first.slice(fileName.length + 1));
    if (Number.isInteger(line) && line > 0) return { line };
  }
  return {};
}

export function runWorker(job: WorkerJob, port: MessagePort): void {
  const post = (event: WorkerEvent) => port.postMessage(event);
  // Rejected promises inside the context (e.g. an un-awaited import('fs')) are the sandbox's business;
  // the runtime already recorded what they tried. They must not crash the worker.
  process.on('unhandledRejection', () => {});

  const config: RuntimeConfig = {
    learnerFile: job.learnerFile,
    harnessFile: job.harnessFile,
    bannedHelpers: job.bannedHelpers,
    requiredExports: job.requiredExports,
    memoryMb: job.memoryMb,
  };
  const runtimeSource = readFileSync(path.join(__dirname, RUNTIME_BUNDLE), 'utf8');
  // Promise jobs of the context run when a script evaluation ends (microtaskMode 'afterEvaluate'):
  // the worker drains them explicitly after each seed (see drain below), so they count towards it.
  const { context, api } = createSandboxRealm(runtimeSource, config);

  // With --experimental-vm-modules (the host is forked with it) import() calls this hook; it returns
  // an error object made INSIDE the context. Without a hook Node would reject with one of its own
  // errors — an outer-realm object, i.e. a way out. sucrase also rewrites import() to require().
  const importModuleDynamically = ((specifier: string) => {
    throw api.forbiddenImport(String(specifier));
  }) as unknown as vm.ScriptOptions['importModuleDynamically'];

  const compile = (js: string, filename: string): unknown =>
    new vm.Script(wrapModule(js), { filename, lineOffset: -1, importModuleDynamically }).runInContext(context);

  let harnessFactory: unknown;
  try {
    harnessFactory = compile(job.harnessJs, job.harnessFile);
  } catch (err) {
    const { line } = syntaxLocation(err, job.harnessFile);
    post({ type: 'fatal', error: harnessSyntaxError(job.harnessFile, line, 'does not compile', err instanceof Error ? err.message : String(err)) });
    return;
  }
  let submissionFactory: unknown;
  try {
    submissionFactory = compile(job.submissionJs, job.learnerFile);
  } catch (err) {
    const { line } = syntaxLocation(err, job.learnerFile);
    const message = err instanceof Error ? err.message : String(err);
    const error: ErrorInfo = {
      kind: 'syntax',
      message: `${job.learnerFile}${line ? ` line ${line}` : ''}: ${message}. Fix this line so the file parses.`,
      file: job.learnerFile,
    };
    if (line) error.line = line;
    post({ type: 'fatal', error });
    return;
  }
  api.defineModule('harness', harnessFactory);
  api.defineModule('submission', submissionFactory);
  api.lockDown();

  const drain = new vm.Script('void 0', { filename: 'gradlab-drain.js' });
  post({ type: 'ready' });

  for (let index = 0; index < job.seeds.length; index++) {
    post({ type: 'seed-start', index });
    const started = performance.now();
    api.runSeed(job.seeds[index]);
    drain.runInContext(context);
    const report = JSON.parse(api.collectSeed()) as SeedReport;
    post({ type: 'seed-done', index, ...report, durationMs: performance.now() - started });
    if (report.fatal) break;
  }
  post({ type: 'done' });
}
