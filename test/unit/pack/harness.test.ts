/**
 * The example's harness, run in-process with a minimal stand-in for the sandbox's HarnessContext and
 * the real engine: the reference solution must meet the exercise's thresholds on every seed and the
 * starter must not. (The sandboxed runner and `gradlab validate` do the same for real; this catches a
 * threshold or harness mistake in the pack itself without depending on them.)
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import { createRequire } from 'module';
import * as path from 'path';
import * as engine from '../../../src/engine/index';
import type { HarnessContext } from '../../../src/runner/harness-api';
import { scaffoldPack } from '../../../src/pack/scaffold';
import { EXAMPLE_PACK, REPO } from './helpers';

const EX = path.join(EXAMPLE_PACK, 'sigmoid-grad');
const load = createRequire(__filename);

interface Recorded { scalars: Record<string, number>; vectors: Record<string, number[]> }

function runHarness(submissionFile: string, seed: number, harnessFile = path.join(EX, 'harness.ts')): Recorded {
  const submission = load(submissionFile) as Record<string, (...args: unknown[]) => unknown>;
  const harness = (load(harnessFile) as { default: (ctx: HarnessContext) => void }).default;
  const out: Recorded = { scalars: {}, vectors: {} };
  engine.manualSeed(seed);
  const ctx = {
    seed,
    engine,
    getExport: (name: string) => submission[name],
    call: (name: string, ...args: unknown[]) => submission[name](...args),
    record: (name: string, v: number | boolean) => { out.scalars[name] = Number(v); },
    recordVector: (name: string, v: ArrayLike<number>) => { out.vectors[name] = Array.from(v); },
    expectNumber: (v: unknown, what: string) => {
      assert.strictEqual(typeof v, 'number', `${what} returned ${String(v)}`);
      return v as number;
    },
    expectTensor: () => assert.fail('not used by this harness'),
    fail: (_kind: string, message: string) => assert.fail(message),
    log: () => undefined,
  } as unknown as HarnessContext;
  harness(ctx);
  return out;
}

describe('example pack: the harness measures what the checks expect', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(EX, 'exercise.json'), 'utf8'));
  const relErrLimit: number = manifest.checks[0].threshold;
  const [lo, hi]: [number, number] = manifest.checks[1].threshold;

  for (const seed of manifest.seeds as number[]) {
    it(`seed ${seed}: the reference passes both checks, the starter fails both`, () => {
      const ref = runHarness(path.join(EX, 'solution.ts'), seed);
      assert.ok(ref.scalars.maxRelError <= relErrLimit, `reference maxRelError ${ref.scalars.maxRelError}`);
      const peak = Math.max(...ref.vectors.curve);
      assert.ok(peak >= lo && peak <= hi, `reference peak ${peak}`);
      assert.strictEqual(ref.vectors.curve.length, 25);

      const starter = runHarness(path.join(EX, 'starter.ts'), seed);
      assert.ok(starter.scalars.maxRelError > relErrLimit);
      const starterPeak = Math.max(...starter.vectors.curve);
      assert.ok(!(starterPeak >= lo && starterPeak <= hi));
    });
  }

  it('catches the classic wrong answer (returning σ itself) and its explain condition fires', () => {
    const wrong = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gradlab-wrong-')), 'wrong.ts');
    fs.writeFileSync(wrong, 'export function sigmoidGrad(x: number): number { return 1 / (1 + Math.exp(-x)); }\n');
    try {
      const r = runHarness(wrong, 1);
      assert.ok(r.scalars.maxRelError > relErrLimit);
      const when = manifest.checks[0].explain[0].when;
      assert.strictEqual(when.op, '>');
      assert.ok(Math.max(...r.vectors.curve) > when.threshold, 'σ(x) exceeds 1/4 on the grid');
    } finally {
      fs.rmSync(path.dirname(wrong), { recursive: true, force: true });
    }
  });
});

describe('scaffolded exercise: the template harness works with the engine', () => {
  it('the reference meets the template thresholds on every seed and the starter does not', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gradlab-scaffold-'));
    try {
      await scaffoldPack(path.join(tmp, 'p'), { id: 'p' });
      const dir = path.join(tmp, 'p', 'sigmoid-grad');
      // Outside the repo there is no tsconfig mapping "gradlab" to the engine (the sandbox provides it
      // at run time), so point the import at the engine source for this in-process run.
      const harnessText = fs.readFileSync(path.join(dir, 'harness.ts'), 'utf8');
      assert.match(harnessText, /from 'gradlab';/);
      const resolved = path.join(dir, 'harness-resolved.ts');
      fs.writeFileSync(resolved, harnessText.replace("from 'gradlab';", `from ${JSON.stringify(path.join(REPO, 'src/engine/index'))};`));
      const m = JSON.parse(fs.readFileSync(path.join(dir, 'exercise.json'), 'utf8'));
      const [lo, hi] = m.checks[1].threshold;
      for (const seed of m.seeds as number[]) {
        const ref = runHarness(path.join(dir, 'solution.ts'), seed, resolved);
        assert.ok(ref.scalars.maxRelError <= m.checks[0].threshold, `seed ${seed}: ${ref.scalars.maxRelError}`);
        const peak = Math.max(...ref.vectors.curve);
        assert.ok(peak >= lo && peak <= hi);
        const starter = runHarness(path.join(dir, 'starter.ts'), seed, resolved);
        assert.ok(starter.scalars.maxRelError > m.checks[0].threshold);
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
