/**
 * Reading the PyTorch fixtures written by scripts/fixtures/gen_torch_fixtures.py and comparing
 * engine results with them. Tensors are {shape, data} with non-finite values spelled as strings.
 */
import * as fs from 'fs';
import * as path from 'path';
import { strict as assert } from 'assert';
import { Tensor } from 'gradlab';

export type Encoded = { shape: number[]; data: Array<number | string> };

const FIXTURE_DIR = path.join(__dirname, '..', '..', '..', '..', 'fixtures', 'torch');

export function loadTorchFixture<T = any>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, name), 'utf8')) as T;
}

/** "NaN" / "Infinity" / "-Infinity" → the number; numbers pass through. */
export function decodeNumber(v: number | string | null): number {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  throw new Error(`fixture: cannot decode ${JSON.stringify(v)} as a number`);
}

export function decodeArray(values: ReadonlyArray<number | string>): number[] {
  return values.map(decodeNumber);
}

/** A fresh engine tensor holding the fixture's values. */
export function toTensor(e: Encoded, requiresGrad = false): Tensor {
  return new Tensor(Float64Array.from(decodeArray(e.data)), e.shape, requiresGrad);
}

export interface Tolerance {
  /** Relative tolerance (default 1e-10). */
  rtol?: number;
  /** Absolute floor for values near 0, where relative error is meaningless (default 1e-12). */
  atol?: number;
}

/**
 * Asserts |actual − expected| ≤ rtol·|expected| + atol elementwise (NaN must match NaN, ±∞ must
 * match exactly) and, when `expected` is encoded, that the shapes agree. Names the first bad index.
 */
export function assertClose(
  actual: Tensor | ArrayLike<number> | number,
  expected: Encoded | ReadonlyArray<number | string> | number | string,
  what: string,
  tol: Tolerance = {},
): void {
  const rtol = tol.rtol ?? 1e-10;
  const atol = tol.atol ?? 1e-12;
  let exp: number[];
  if (typeof expected === 'number' || typeof expected === 'string') exp = [decodeNumber(expected)];
  else if (Array.isArray(expected)) exp = decodeArray(expected);
  else {
    const enc = expected as Encoded;
    exp = decodeArray(enc.data);
    if (actual instanceof Tensor) {
      assert.deepEqual([...actual.shape], enc.shape, `${what}: shape ${JSON.stringify(actual.shape)} vs torch ${JSON.stringify(enc.shape)}`);
    }
  }
  const act: ArrayLike<number> = typeof actual === 'number' ? [actual] : actual instanceof Tensor ? actual.data : actual;
  assert.equal(act.length, exp.length, `${what}: ${act.length} values vs torch ${exp.length}`);
  for (let i = 0; i < exp.length; i++) {
    const a = act[i];
    const e = exp[i];
    const ok = Number.isNaN(e)
      ? Number.isNaN(a)
      : !Number.isFinite(e)
        ? a === e
        : Math.abs(a - e) <= rtol * Math.abs(e) + atol;
    if (!ok) {
      assert.fail(`${what}: element ${i} is ${a}, torch says ${e} (|diff| ${Math.abs(a - e)}, rtol ${rtol}, atol ${atol})`);
    }
  }
}
