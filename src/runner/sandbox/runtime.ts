/**
 * The in-context sandbox runtime: bundled with the ENGINE into dist/sandbox-runtime.js (an IIFE,
 * global name __gradlabRuntime) and evaluated INSIDE the worker's vm context, so every object the
 * learner can reach — engine, harness context, console, require — belongs to the sandbox's own realm.
 *
 * The worker (src/runner/sandbox/worker.ts) drives it through this small API and only ever passes
 * strings, numbers and functions compiled inside the context; results come back as JSON strings.
 * Nothing from Node's realm is ever handed in: an outer object's .constructor.constructor would be
 * Node's Function, i.e. `process`.
 *
 * Order of use: setup(config, gemmModule?) → defineModule('harness'|'submission', factory) → lockDown() →
 * for each seed: runSeed(seed) (then the worker drains microtasks) → collectSeed().
 */
import * as engine from '../../engine/index';
import { installWasmGemm, wasmGemmActive } from '../../engine/kernels/matmul-wasm';
import type { ErrorInfo } from '../../grading/types';
import { installAllocationGuard } from './runtime/allocation-guard';
import { classifyEscaped, learnerException, type Files } from './runtime/classify';
import { ConsoleBuffer } from './runtime/console-capture';
import { asFatal, asSandboxFailure, failure, failureAt, harnessFailure, SandboxFailure, type FailureLocation } from './runtime/failures';
import { installForbiddenGlobals, lockDown as lockDownRealm } from './runtime/harden';
import { makeHarnessContext, makeTensorChecker, type TensorChecker } from './runtime/harness-context';
import { MetricStore } from './runtime/metrics';
import {
  instantiate,
  makeHarnessRequire,
  makeLearnerFacade,
  makeLearnerRequire,
  type ModuleFactory,
} from './runtime/modules';
import { firstFrameLine, safeStack } from './runtime/stack';

/** What the worker passes to setup(), as JSON. */
export interface RuntimeConfig {
  learnerFile: string;
  harnessFile: string;
  bannedHelpers: string[];
  requiredExports: Array<{ name: string; kind: 'function' | 'value' | 'class' }>;
  memoryMb: number;
}

/** What collectSeed() returns, as JSON. */
export interface SeedReport {
  metrics: import('../harness-api').RecordedMetrics;
  error?: ErrorInfo;
  /** The error stops the whole run (same on every seed): missing export, forbidden access, … */
  fatal?: boolean;
  console: import('../../grading/types').ConsoleLine[];
  consoleTruncated: boolean;
}

type AnyGlobal = Record<PropertyKey, any>;
const realm = globalThis as unknown as AnyGlobal;
const engineApi = engine as unknown as Record<string, unknown>;

let config: RuntimeConfig;
let files: Files;
let tensors: TensorChecker;
let consoleBuffer: ConsoleBuffer;
let learnerFacade: object;
const metrics = new MetricStore();
const factories: { harness?: ModuleFactory; submission?: ModuleFactory } = {};
let locked = false;
/** First forbidden attempt in the current seed: sticky, even if learner code caught the error. */
let forbiddenAttempt: SandboxFailure | undefined;
let seedError: SandboxFailure | undefined;
let currentSeed = 0;

/** The learner's line currently on the call stack, if any. */
function learnerLine(): number | undefined {
  return firstFrameLine(safeStack(new Error('probe')), files.learnerFile);
}

/**
 * The learner's file and line currently on the call stack; no location at all when none is. Probes
 * the stack itself rather than through learnerLine: one frame fewer between the allocation and the
 * learner's frame under stackTraceLimit.
 */
function learnerLocation(): FailureLocation {
  const line = firstFrameLine(safeStack(new Error('probe')), files.learnerFile);
  return line ? failureAt(files.learnerFile, line) : { suffix: '', info: {} };
}

function forbid(what: string): Error {
  const at = failureAt(files.learnerFile, learnerLine());
  const niceName = what.startsWith('require(') || what.startsWith('import(') ? what.replace(/^(require|import)\('(.*)'\)$/, "'$2'") : `'${what}'`;
  const message =
    what.startsWith('require(') || what.startsWith('import(')
      ? `GradLab exercises can only import 'gradlab'; ${niceName} is not available in the sandbox.`
      : what === 'Proxy'
        ? "'Proxy' is not available in GradLab exercises: the sandbox leaves it out so results cannot be disguised."
        : `${niceName} is not available in GradLab exercises: your code runs in a sandbox without Node.js, files, network or timers.`;
  const err = failure('forbidden', message + at.suffix, at.info, true);
  forbiddenAttempt ??= err;
  return err;
}

function banned(name: string): Error {
  const at = failureAt(files.learnerFile, learnerLine());
  return failure(
    'banned-helper',
    `This exercise asks you to write ${name} yourself, so the engine's ${name} is not available to your code.${at.suffix}`,
    at.info,
    true,
  );
}

/**
 * Hands the engine the wasm gemm, instantiated with THIS realm's WebAssembly from a module the worker
 * compiled outside (compilation is disabled in here). Instantiating here, not outside, makes the
 * exported function, its memory and any trap it throws objects of the sandbox realm, so nothing of
 * Node's realm can ever surface through a matmul. Must run before installForbiddenGlobals (it takes
 * WebAssembly away).
 */
function installGemm(gemmModule: unknown, memoryMb: number): void {
  const wasm = realm.WebAssembly as typeof WebAssembly | undefined;
  if (gemmModule === undefined || wasm === undefined) return;
  try {
    const instance = new wasm.Instance(gemmModule as WebAssembly.Module);
    // Wasm memory is outside the V8 heap limit (the RSS watchdog still counts it): allow a quarter
    // of the budget; bigger products run in the (bit-identical) JS kernel.
    installWasmGemm(instance.exports as never, { maxBytes: Math.floor(memoryMb / 4) * 1024 * 1024 });
  } catch {
    installWasmGemm(null); // not a gemm module, or instantiation refused: the JS kernel runs
  }
}

export function setup(configJson: string, gemmModule?: unknown): void {
  config = JSON.parse(configJson) as RuntimeConfig;
  files = { learnerFile: config.learnerFile, harnessFile: config.harnessFile };
  installGemm(gemmModule, config.memoryMb);
  installAllocationGuard(realm, config.memoryMb, learnerLocation);
  // Deep engine call chains must still show the learner's frame below them.
  (realm.Error as { stackTraceLimit: number }).stackTraceLimit = 50;
  tensors = makeTensorChecker(engineApi);
  consoleBuffer = new ConsoleBuffer(tensors.isTensor);
  realm.console = consoleBuffer.makeConsole();
  installForbiddenGlobals(realm, forbid);
  // Math.random becomes the engine's seeded generator: same code + same seed → same numbers.
  const seeded = (engineApi.seededRandom as (() => () => number) | undefined)?.();
  if (seeded) Object.defineProperty(realm.Math, 'random', { value: function random() { return seeded(); }, writable: true, configurable: true });
  learnerFacade = makeLearnerFacade(engineApi, new Set(config.bannedHelpers), banned);
}

export function defineModule(which: 'harness' | 'submission', factory: ModuleFactory): void {
  if (locked) throw new Error('defineModule after lockDown');
  factories[which] = factory;
}

/** A dynamic import() reached the sandbox (the worker compiles scripts with this as the hook). */
export function forbiddenImport(specifier: string): Error {
  return forbid(`import('${String(specifier)}')`);
}

/** Diagnostics (tests, scripts/sandbox-speed.ts): the matmul kernel the engine in here uses. */
export function gemmBackend(): 'wasm' | 'js' {
  return wasmGemmActive() ? 'wasm' : 'js';
}

export function lockDown(): void {
  lockDownRealm(realm, [engineApi, learnerFacade, SandboxFailure, setup, defineModule, forbiddenImport, lockDown, runSeed, collectSeed, gemmBackend]);
  locked = true;
}

function checkRequiredExports(exportsObj: Record<string, unknown>): void {
  for (const spec of config.requiredExports) {
    const value = exportsObj[spec.name];
    if (value === undefined) {
      const example = spec.kind === 'class' ? `export class ${spec.name} { … }` : spec.kind === 'value' ? `export const ${spec.name} = …;` : `export function ${spec.name}(…) { … }`;
      throw failure('missing-export', `${files.learnerFile} does not export '${spec.name}'. Add \`${example}\` (keep the name exactly as written).`, { file: files.learnerFile }, true);
    }
    if ((spec.kind === 'function' || spec.kind === 'class') && typeof value !== 'function') {
      throw failure('missing-export', `'${spec.name}' in ${files.learnerFile} must be a ${spec.kind}, but it is a ${typeof value}.`, { file: files.learnerFile }, true);
    }
  }
}

function seedEngine(seed: number): void {
  const manualSeed = engineApi.manualSeed as ((s: number) => unknown) | undefined;
  manualSeed?.(seed);
  (engineApi.setGradEnabled as ((on: boolean) => void) | undefined)?.(true);
}

/** Runs one seed: fresh module instances, seeded engine, the harness. Never throws. */
export function runSeed(seed: number): void {
  forbiddenAttempt = undefined;
  seedError = undefined;
  consoleBuffer.seed = seed;
  currentSeed = seed;
  try {
    seedEngine(seed);
    let learnerExports: Record<string, unknown>;
    try {
      learnerExports = instantiate(factories.submission!, makeLearnerRequire(learnerFacade, forbid));
    } catch (thrown) {
      // The learner file's top-level code failed (whatever it threw is theirs, even `throw 42`):
      // nothing can run, on any seed.
      throw asFatal(asSandboxFailure(thrown) ?? learnerException(thrown, files, tensors.isTensor));
    }
    checkRequiredExports(learnerExports);
    const harnessExports = instantiate(factories.harness!, makeHarnessRequire(engine, files.harnessFile));
    const harness = (harnessExports.default ?? harnessExports.harness) as unknown;
    if (typeof harness !== 'function') {
      throw harnessFailure(`${files.harnessFile} must \`export default function harness(ctx) { … }\`.`, { file: files.harnessFile }, true);
    }
    const ctx = makeHarnessContext({ seed, engine, learnerExports, metrics, console: consoleBuffer, files, tensors });
    (harness as (c: unknown) => unknown)(ctx);
  } catch (thrown) {
    seedError = classifyEscaped(thrown, files, tensors.isTensor);
  }
}

/** The finished seed as JSON (call after the worker drained the context's microtasks). */
export function collectSeed(): string {
  const chosen = forbiddenAttempt ?? seedError;
  const report: SeedReport = {
    metrics: metrics.take(),
    console: consoleBuffer.take(),
    consoleTruncated: consoleBuffer.truncated,
  };
  if (chosen) {
    report.error = { ...chosen.info };
    if (chosen.fatal) report.fatal = true;
    else report.error.seed = currentSeed;
  }
  forbiddenAttempt = undefined;
  seedError = undefined;
  return JSON.stringify(report);
}

