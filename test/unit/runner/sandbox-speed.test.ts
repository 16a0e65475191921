/**
 * The two things that make the sandbox fast (docs/performance.md, "Sandbox overhead") without
 * weakening it: the vm context's global is an ordinary global (no Node interceptor on every global
 * lookup), and the engine inside uses the WebAssembly gemm instantiated from a module the worker
 * compiled outside, while learner code still cannot reach WebAssembly. Speed itself is measured by
 * scripts/sandbox-speed.ts, never asserted here.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { compileGemmModule, createSandboxRealm, wrapModule, type SandboxRealm } from '../../../src/runner/sandbox/realm';
import type { RuntimeConfig, SeedReport } from '../../../src/runner/sandbox/runtime';
import { sandboxDistDir } from './sandbox-build';

const config: RuntimeConfig = { learnerFile: 'learner.ts', harnessFile: 'harness.ts', bannedHelpers: [], requiredExports: [], memoryMb: 128 };

/** Already-transformed CommonJS, as the worker receives it from sucrase. */
const MATMUL_HARNESS = `
exports.default = function harness(ctx) {
  const e = ctx.engine;
  // 32·64·64 multiply-adds, far above the wasm path's threshold; backward runs the Aᵀ·B and A·Bᵀ forms.
  const a = e.randn([32, 64], { requiresGrad: true });
  const b = e.randn([64, 64], { requiresGrad: true });
  const y = e.matmul(a, b);
  e.sum(e.mul(y, y)).backward();
  ctx.recordVector('y', y.data);
  ctx.recordVector('gradA', a.grad.data);
  ctx.recordVector('gradB', b.grad.data);
};`;

/** Learner code: logs what it could reach instead of throwing, so the test can read every attempt. */
const PROBE_SUBMISSION = `
const attempt = (name, f) => { try { console.log(name + ': reached ' + typeof f()); } catch (err) { console.log(name + ': ' + err.message); } };
attempt('WebAssembly', () => WebAssembly);
attempt('globalThis.WebAssembly', () => globalThis.WebAssembly);
attempt('getter', () => Object.getOwnPropertyDescriptor(globalThis, 'WebAssembly').get().Module);
attempt('own keys', () => Reflect.ownKeys(globalThis).includes('WebAssembly') && globalThis['Web' + 'Assembly']);
exports.nothing = 0;`;

let runtimeSource: string;

function realmWith(gemmModule: WebAssembly.Module | null, submissionJs = 'exports.nothing = 0;', contextified = false): SandboxRealm {
  const realm = createSandboxRealm(runtimeSource, config, { gemmModule, contextified });
  const compile = (js: string, filename: string) => new vm.Script(wrapModule(js), { filename, lineOffset: -1 }).runInContext(realm.context);
  realm.api.defineModule('harness', compile(MATMUL_HARNESS, config.harnessFile));
  realm.api.defineModule('submission', compile(submissionJs, config.learnerFile));
  realm.api.lockDown();
  return realm;
}

function runSeed(realm: SandboxRealm, seed: number): SeedReport {
  realm.api.runSeed(seed);
  return JSON.parse(realm.api.collectSeed()) as SeedReport;
}

describe('runner: sandbox realm speed (ordinary global, wasm gemm)', function () {
  this.timeout(30_000);
  before(async () => {
    runtimeSource = readFileSync(path.join(await sandboxDistDir(), 'sandbox-runtime.js'), 'utf8');
  });

  it('creates a vanilla context (Node ≥ 20.18): globalThis inside is the context object, no interceptor in between', () => {
    const realm = realmWith(compileGemmModule());
    assert.equal(realm.globalKind, 'vanilla');
    // For a contextified context, globalThis inside is a different object from the sandbox object.
    assert.equal(vm.runInContext('globalThis', realm.context), realm.context);
  });

  it('the engine inside uses the wasm gemm handed in by the worker', () => {
    assert.ok(compileGemmModule() instanceof WebAssembly.Module);
    const realm = realmWith(compileGemmModule());
    assert.equal(realm.api.gemmBackend(), 'wasm');
  });

  it('keeps the JS kernel when no module or something that is not a gemm module is handed in', () => {
    assert.equal(realmWith(null).api.gemmBackend(), 'js');
    const notGemm = new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
    assert.equal(realmWith(notGemm).api.gemmBackend(), 'js');
    assert.equal(realmWith({} as WebAssembly.Module).api.gemmBackend(), 'js');
  });

  it('the wasm and JS kernels give the harness identical numbers (forward and both backward products)', () => {
    const withWasm = runSeed(realmWith(compileGemmModule()), 7);
    const withJs = runSeed(realmWith(null), 7);
    assert.equal(withWasm.error, undefined, JSON.stringify(withWasm.error));
    assert.equal(withJs.error, undefined, JSON.stringify(withJs.error));
    assert.ok(Object.keys(withWasm.metrics).length === 3);
    assert.deepEqual(withWasm.metrics, withJs.metrics);
  });

  it('learner code cannot reach WebAssembly, even though the engine uses it', () => {
    const realm = realmWith(compileGemmModule(), PROBE_SUBMISSION);
    const report = runSeed(realm, 1);
    assert.equal(report.error?.kind, 'forbidden', JSON.stringify(report));
    assert.match(report.error!.message, /'WebAssembly' is not available/);
    const lines = report.console.map((line) => line.text);
    assert.equal(lines.length, 4, JSON.stringify(lines));
    for (const line of lines) assert.match(line, /'WebAssembly' is not available/);
    assert.equal(realm.api.gemmBackend(), 'wasm');
  });

  it('the contextified fallback (Node without DONT_CONTEXTIFY) gets the wasm gemm and keeps WebAssembly out of reach too', () => {
    const realm = realmWith(compileGemmModule(), PROBE_SUBMISSION, true);
    assert.equal(realm.globalKind, 'contextified');
    assert.notEqual(vm.runInContext('globalThis', realm.context), realm.context);
    assert.equal(realm.api.gemmBackend(), 'wasm');
    const report = runSeed(realm, 1);
    assert.equal(report.error?.kind, 'forbidden', JSON.stringify(report));
    for (const line of report.console) assert.match(line.text, /'WebAssembly' is not available/);
    assert.equal(report.console.length, 4);
    const matmul = runSeed(realmWith(compileGemmModule(), undefined, true), 7);
    assert.deepEqual(matmul.metrics, runSeed(realmWith(null), 7).metrics);
  });
});
