/**
 * Sandbox escapes: every way learner code might reach Node (process, require, fs, Function from the
 * outer realm) must fail INSIDE the sandbox with kind 'forbidden' and a plain message. If any of
 * these escaped, the escaped code calls process.exit(7), which would surface as a 'crash' instead.
 */
import { strict as assert } from 'node:assert';
import { runSubmission } from '../../../src/runner/run';
import { fixtureRequest, sandboxDistDir } from './sandbox-build';

let distDir: string;

function submission(body: string): string {
  return `import { Tensor } from 'gradlab';\nexport function clipByNorm(x: Tensor): Tensor {\n${body}\n  return x;\n}\n`;
}

async function runBody(body: string) {
  return runSubmission(fixtureRequest('inline.ts', { submissionSource: submission(body), seeds: [1, 2] }), { distDir });
}

describe('runner: sandbox escapes', function () {
  this.timeout(30_000);
  before(async () => {
    distDir = await sandboxDistDir();
  });

  const forbiddenAttempts: Array<[string, string, RegExp]> = [
    ['constructor.constructor on this', "  const p = (this as any).constructor.constructor('return process')(); p.exit(7);", /eval, new Function/],
    ['constructor.constructor on a tensor', "  const p = (x as any).constructor.constructor('return process')(); p.exit(7);", /eval, new Function/],
    ['AsyncFunction constructor', "  (Object.getPrototypeOf(async function () {}) as any).constructor('return process')();", /eval, new Function/],
    ['globalThis.process', '  (globalThis as any).process.exit(7);', /'process' is not available/],
    ['sloppy this (undefined in modules) falling back to globalThis', '  const g = (function (this: any) { return this; })() ?? globalThis; g.process.exit(7);', /'process' is not available/],
    ['indirect eval', '  (0, eval)("1"); ', /eval, new Function/],
    ['bare process', '  // @ts-ignore\n  process.exit(0);', /'process' is not available/],
    ["require('fs')", "  // @ts-ignore\n  require('fs').writeFileSync('/tmp/gradlab-escaped', 'x');", /only import 'gradlab'; 'fs' is not available/],
    ["require('child_process')", "  // @ts-ignore\n  require('child_process').execSync('true');", /'child_process' is not available/],
    ['eval', "  eval('1 + 1');", /eval, new Function/],
    ['new Function', "  new Function('return 1')();", /eval, new Function/],
    ['Buffer', '  // @ts-ignore\n  Buffer.alloc(10);', /'Buffer' is not available/],
    ['setTimeout', '  // @ts-ignore\n  setTimeout(() => {}, 0);', /'setTimeout' is not available/],
    ['SharedArrayBuffer', '  // @ts-ignore\n  new SharedArrayBuffer(8);', /'SharedArrayBuffer' is not available/],
    ['WebAssembly', '  // @ts-ignore\n  WebAssembly.Memory;', /'WebAssembly' is not available/],
    ['a Proxy disguising a tensor', '  return new Proxy(x, { get: (t: any, k) => (k === "data" ? new Float64Array(6) : t[k]) });', /'Proxy' is not available/],
  ];

  for (const [name, body, message] of forbiddenAttempts) {
    it(`${name} → forbidden`, async () => {
      const outcome = await runBody(body);
      assert.equal(outcome.error?.kind, 'forbidden', JSON.stringify(outcome.error ?? outcome.seeds[0]));
      assert.match(outcome.error!.message, message);
      // The last line of `body` is the one that tries it (the body starts on line 3).
      assert.equal(outcome.error!.line, 3 + body.split('\n').length - 1, outcome.error!.message);
      assert.ok(outcome.seeds.every((s) => s.error?.kind === 'forbidden'));
    });
  }

  it("import('fs') (even un-awaited, with the rejection swallowed) → forbidden", async () => {
    const body = "  // @ts-ignore\n  import('fs').then((fs: any) => fs.writeFileSync('/tmp/gradlab-escaped', 'x')).catch(() => {});";
    const outcome = await runBody(body);
    assert.equal(outcome.error?.kind, 'forbidden', JSON.stringify(outcome));
    assert.match(outcome.error!.message, /'fs' is not available/);
  });

  it('a forbidden access caught by try/catch is still reported', async () => {
    const outcome = await runBody("  try { (globalThis as any).process.exit(7); } catch { /* hide it */ }");
    assert.equal(outcome.error?.kind, 'forbidden');
  });

  it('the learner\'s process fixture and the fs / child_process / constructor fixtures are all forbidden', async () => {
    for (const file of ['process-exit.ts', 'require-fs.ts', 'require-child-process.ts', 'escape-constructor.ts']) {
      const outcome = await runSubmission(fixtureRequest(file), { distDir });
      assert.equal(outcome.error?.kind, 'forbidden', `${file}: ${JSON.stringify(outcome.error)}`);
      assert.ok(outcome.error!.line !== undefined, file);
    }
  });

  it('cannot install Error.prepareStackTrace (which would hand out V8 CallSites) or replace the global Error', async () => {
    const attempts = [
      "  (Error as any).prepareStackTrace = (_e: unknown, sites: any[]) => sites[sites.length - 1].getFunction().constructor('return process')().exit(7);",
      "  (globalThis as any).Error = { prepareStackTrace: (_e: unknown, sites: any[]) => sites.map((s) => s.getFunction()) };",
      "  Object.defineProperty(globalThis, 'Error', { get: () => ({ prepareStackTrace: () => 'x' }) });",
    ];
    for (const body of attempts) {
      const outcome = await runBody(`${body}\n  new RangeError('format me').stack;`);
      const error = outcome.seeds[0].error;
      assert.equal(error?.kind, 'exception', body);
      assert.match(error!.message, /read.only|not extensible|Cannot (assign|redefine|define)/, body);
    }
  });

  it('a getter planted on Object.prototype cannot intercept the runtime', async () => {
    const outcome = await runBody("  Object.defineProperty(Object.prototype, 'then', { get() { return 1; } });");
    const error = outcome.seeds[0].error;
    assert.equal(error?.kind, 'exception');
    assert.match(error!.message, /not extensible|Cannot define/);
  });
});
