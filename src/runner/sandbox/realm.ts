/**
 * Creates the sandbox realm: the vm context learner code runs in, with the runtime bundle
 * (engine + harness runtime, dist/sandbox-runtime.js) evaluated and set up inside it. Used by the
 * worker (./worker.ts) and, in-process, by the runner tests.
 *
 * Why the context is created with vm.constants.DONT_CONTEXTIFY (a "vanilla" context): a classic
 * contextified context puts a Node interceptor on the global object, and EVERY global lookup made by
 * code in the context — `Math.imul` in the engine's random generator, `new Float64Array` in every op,
 * `Math.exp` in a learner's loop — becomes a call into C++ and back (≈ 0.1 µs each; measured 10–20×
 * slower on global-heavy loops, 3–6× on whole exercises, see docs/performance.md "Sandbox overhead").
 * A vanilla context's global is an ordinary V8 global: lookups are inline-cached property loads, and
 * after lockDown makes the bindings read-only, constants in optimised code. It is also stricter:
 * there is no outer-realm "sandbox object" behind the global at all. Runtimes without the constant
 * (Node < 20.18) fall back to the contextified global with a null-prototype sandbox object (slower,
 * same guarantees).
 *
 * Security properties this file keeps (see the worker for the rest): code generation from strings and
 * wasm compilation are disabled in the context; the only object of the worker's realm handed in is the
 * compiled (not instantiated) gemm WebAssembly.Module, to trusted runtime code during setup, which
 * instantiates it with the CONTEXT's WebAssembly (so its exports, memory and traps all belong to the
 * sandbox realm) and keeps the instance where only the engine's matmul can reach it. WebAssembly is
 * then removed from the context's global, so learner code can neither compile nor instantiate wasm.
 */
import * as vm from 'node:vm';
import { gemmModuleBytes } from '../../engine/kernels/wasm/gemm-module';
import type { RuntimeConfig } from './runtime';

/** The runtime bundle's API as seen from outside the context (functions of the inner realm). */
export interface RuntimeApi {
  setup(configJson: string, gemmModule?: unknown): void;
  defineModule(which: 'harness' | 'submission', factory: unknown): void;
  forbiddenImport(specifier: string): unknown;
  lockDown(): void;
  runSeed(seed: number): void;
  collectSeed(): string;
  /** Diagnostics for tests: which matmul kernel the engine in the context uses. */
  gemmBackend(): 'wasm' | 'js';
}

export interface SandboxRealm {
  context: vm.Context;
  api: RuntimeApi;
  /** Whether the global is an ordinary one (fast lookups) or Node's contextified global (fallback). */
  globalKind: 'vanilla' | 'contextified';
}

const MODULE_HEADER = '(function (exports, require, module) {';

/**
 * Wraps transformed code as a module factory. The header sits on its own line and the script is
 * compiled with lineOffset -1, so line N of the learner's file is line N in stack traces.
 */
export function wrapModule(js: string): string {
  return `${MODULE_HEADER}\n${js}\n})`;
}

/** vm.constants.DONT_CONTEXTIFY where this Node has it (≥ 20.18 / 22.8; undefined before). */
function vanillaContextMarker(): typeof vm.constants.DONT_CONTEXTIFY | undefined {
  const constants = vm.constants as Partial<typeof vm.constants> | undefined;
  return constants?.DONT_CONTEXTIFY;
}

/**
 * The gemm kernel compiled in THIS realm, where wasm code generation is allowed; null where
 * WebAssembly is unavailable (the engine then keeps its bit-identical JS kernel).
 */
export function compileGemmModule(): WebAssembly.Module | null {
  try {
    return typeof WebAssembly === 'undefined' ? null : new WebAssembly.Module(gemmModuleBytes());
  } catch {
    return null;
  }
}

export interface RealmOptions {
  /** The gemm module to hand the engine (default: compileGemmModule()); null keeps the JS kernel. */
  gemmModule?: WebAssembly.Module | null;
  /** Use the contextified fallback even where vanilla contexts exist (tests of the fallback). */
  contextified?: boolean;
}

export function createSandboxRealm(runtimeSource: string, config: RuntimeConfig, opts: RealmOptions = {}): SandboxRealm {
  const gemmModule = opts.gemmModule === undefined ? compileGemmModule() : opts.gemmModule;
  const options: vm.CreateContextOptions = {
    name: 'gradlab-sandbox',
    codeGeneration: { strings: false, wasm: false },
    // Promise jobs run when a script evaluation ends, not on the worker's own queue: the worker
    // drains them explicitly after each seed, so they count towards that seed.
    microtaskMode: 'afterEvaluate',
  };
  const vanilla = opts.contextified ? undefined : vanillaContextMarker();
  const context = vm.createContext(vanilla ?? Object.create(null), options);

  // `var __gradlabRuntime` of the IIFE bundle stays local to this wrapper: no global is created.
  const api = new vm.Script(`(function () {\n${runtimeSource}\n;return __gradlabRuntime;\n})()`, { filename: 'gradlab-runtime.js', lineOffset: -1 }).runInContext(context) as RuntimeApi;
  api.setup(JSON.stringify(config), gemmModule ?? undefined);
  return { context, api, globalKind: vanilla === undefined ? 'contextified' : 'vanilla' };
}
