import * as assert from 'node:assert/strict';
import * as E from '../../../../src/engine/index';
import { gemmNN, gemmNT, gemmTN, gemmNaive } from '../../../../src/engine/kernels/matmul';
import { checkOp } from '../helpers/check-op';
import { matmulRef, ravel, unravel, size } from '../helpers/reference';

/** Reference permute: out[idx] = in[idx permuted back]. */
function permuteRef(shape: number[], perm: number[]) {
  return (a: Float64Array): number[] => {
    const outShape = perm.map((p) => shape[p]);
    const out: number[] = [];
    for (let i = 0; i < size(outShape); i++) {
      const idx = unravel(i, outShape);
      const src = new Array<number>(shape.length);
      perm.forEach((p, k) => (src[p] = idx[k]));
      out.push(a[ravel(src, shape)]);
    }
    return out;
  };
}

describe('engine core: shape ops', () => {
  it('reshape / view / flatten keep values, infer -1 and share storage', () => {
    checkOp('reshape', (a) => a.reshape(4, -1), [[2, 3, 2]], { shape: [4, 3], reference: (a) => Array.from(a) });
    checkOp('view', (a) => a.view([6, 2]), [[2, 3, 2]], { shape: [6, 2] });
    checkOp('flatten', (a) => a.flatten(1), [[2, 3, 2]], { shape: [2, 6] });
    const x = E.arange(6);
    assert.equal(x.reshape(2, 3).data, x.data, 'reshape is a view');
  });
  it('transpose / permute / .T', () => {
    checkOp('T', (a) => a.T, [[3, 5]], { shape: [5, 3], reference: permuteRef([3, 5], [1, 0]) });
    checkOp('transpose(0,2)', (a) => a.transpose(0, 2), [[2, 3, 4]], { shape: [4, 3, 2], reference: permuteRef([2, 3, 4], [2, 1, 0]) });
    checkOp('permute', (a) => a.permute(1, 2, 0), [[2, 3, 4]], { shape: [3, 4, 2], reference: permuteRef([2, 3, 4], [1, 2, 0]) });
    checkOp('transpose(-1,-2)', (a) => E.transpose(a, -1, -2), [[2, 3, 4]], { reference: permuteRef([2, 3, 4], [0, 2, 1]) });
  });
  it('slice / narrow / select / index along each dim', () => {
    const shape = [3, 4, 5];
    for (let dim = 0; dim < 3; dim++) {
      checkOp(`slice dim ${dim}`, (a) => a.slice(dim, 1, 3), [shape], {
        reference: (a) => {
          const outShape = shape.slice();
          outShape[dim] = 2;
          return Array.from({ length: size(outShape) }, (_, i) => {
            const idx = unravel(i, outShape);
            idx[dim] += 1;
            return a[ravel(idx, shape)];
          });
        },
      });
      checkOp(`select dim ${dim}`, (a) => a.select(dim, -1), [shape], { shape: shape.filter((_, k) => k !== dim) });
    }
    checkOp('slice with step', (a) => a.slice(1, 0, null, 2), [[3, 5]], { shape: [3, 3] });
    checkOp('narrow', (a) => a.narrow(0, 1, 2), [[4, 2]], { shape: [2, 2] });
    checkOp('index', (a) => a.index(2), [[4, 2]], { shape: [2] });
    assert.deepEqual(E.arange(10).slice(0, -3).toArray(), [7, 8, 9]);
  });
  it('cat / concat / stack', () => {
    checkOp('cat dim 1', (a, b) => E.cat([a, b], 1), [[2, 3], [2, 2]], {
      shape: [2, 5], reference: (a, b) => [a[0], a[1], a[2], b[0], b[1], a[3], a[4], a[5], b[2], b[3]],
    });
    checkOp('concat dim 0', (a, b) => E.concat([a, b]), [[1, 3], [2, 3]], { shape: [3, 3] });
    checkOp('stack dim 0', (a, b) => E.stack([a, b]), [[2, 2], [2, 2]], { shape: [2, 2, 2] });
    checkOp('stack dim -1', (a, b) => E.stack([a, b], -1), [[3], [3]], {
      shape: [3, 2], reference: (a, b) => [a[0], b[0], a[1], b[1], a[2], b[2]],
    });
  });
  it('unsqueeze / squeeze / expand', () => {
    checkOp('unsqueeze', (a) => a.unsqueeze(1), [[3, 2]], { shape: [3, 1, 2] });
    checkOp('unsqueeze end', (a) => a.unsqueeze(-1), [[3, 2]], { shape: [3, 2, 1] });
    checkOp('squeeze all', (a) => a.squeeze(), [[3, 1, 2, 1]], { shape: [3, 2] });
    checkOp('squeeze dim', (a) => a.squeeze(1), [[3, 1, 2, 1]], { shape: [3, 2, 1] });
    checkOp('expand', (a) => a.expand(4, -1, 3), [[2, 1]], {
      shape: [4, 2, 3], reference: (a) => Array.from({ length: 24 }, (_, i) => a[Math.floor(i / 3) % 2]),
    });
  });
});

describe('engine core: matmul', () => {
  it('2-D · 2-D matches the plain triple loop, gradients by finite differences', () => {
    checkOp('matmul', (a, b) => a.matmul(b), [[3, 4], [4, 5]], { shape: [3, 5], reference: matmulRef(3, 4, 5) });
    checkOp('mm odd', (a, b) => E.mm(a, b), [[7, 1], [1, 3]], { reference: matmulRef(7, 1, 3) });
  });
  it('1-D operands follow torch.matmul (dot, vector-matrix, matrix-vector)', () => {
    checkOp('dot', (a, b) => a.matmul(b), [[4], [4]], { shape: [], reference: matmulRef(1, 4, 1) });
    checkOp('vec·mat', (a, b) => a.matmul(b), [[4], [4, 3]], { shape: [3], reference: matmulRef(1, 4, 3) });
    checkOp('mat·vec', (a, b) => a.matmul(b), [[2, 4], [4]], { shape: [2], reference: matmulRef(2, 4, 1) });
  });
  it('batched and broadcast N-D matmul', () => {
    checkOp('[2,3,4]·[4,5]', (a, b) => a.matmul(b), [[2, 3, 4], [4, 5]], { shape: [2, 3, 5], reference: matmulRef(6, 4, 5) });
    checkOp('[2,3,4]·[2,4,5]', (a, b) => a.matmul(b), [[2, 3, 4], [2, 4, 5]], {
      shape: [2, 3, 5],
      reference: (a, b) => [
        ...matmulRef(3, 4, 5)(a.subarray(0, 12), b.subarray(0, 20)),
        ...matmulRef(3, 4, 5)(a.subarray(12), b.subarray(20)),
      ],
    });
    checkOp('[3,4]·[2,4,5] broadcast', (a, b) => a.matmul(b), [[3, 4], [2, 4, 5]], { shape: [2, 3, 5] });
    checkOp('[2,1,3,4]·[3,4,2]', (a, b) => a.matmul(b), [[2, 1, 3, 4], [3, 4, 2]], { shape: [2, 3, 3, 2] });
  });
  it('linear(x, W, b) = x·Wᵀ + b with W in PyTorch [out, in] layout', () => {
    checkOp('linear', (x, w, b) => E.linear(x, w, b), [[5, 3], [4, 3], [4]], {
      shape: [5, 4],
      reference: (x, w, b) => {
        const out: number[] = [];
        for (let i = 0; i < 5; i++) for (let j = 0; j < 4; j++) {
          let s = b[j];
          for (let k = 0; k < 3; k++) s += x[i * 3 + k] * w[j * 3 + k];
          out.push(s);
        }
        return out;
      },
    });
    checkOp('linear no bias, 3-D input', (x, w) => E.linear(x, w), [[2, 3, 3], [2, 3]], { shape: [2, 3, 2] });
  });
});

describe('engine core: matmul kernels vs the naive reference', () => {
  const gen = new E.Generator(7);
  const rand = (n: number): Float64Array => Float64Array.from({ length: n }, () => gen.normal());
  const shapes: Array<[number, number, number]> = [
    [1, 1, 1], [1, 7, 3], [5, 1, 4], [3, 5, 1], [7, 9, 11], [13, 4, 17], [32, 64, 64], [33, 65, 31], [2, 3, 129],
  ];
  for (const [M, K, N] of shapes) {
    it(`M=${M} K=${K} N=${N}: NN, TN, NT`, () => {
      const a = rand(M * K);
      const b = rand(K * N);
      const at = rand(K * M);
      const bt = rand(N * K);
      const check = (got: Float64Array, want: Float64Array, what: string): void => {
        for (let i = 0; i < want.length; i++) {
          assert.ok(Math.abs(got[i] - want[i]) <= 1e-12 * (1 + Math.abs(want[i])), `${what}[${i}]: ${got[i]} vs ${want[i]}`);
        }
      };
      const c = new Float64Array(M * N).fill(NaN); // kernels must overwrite, not accumulate
      gemmNN(a, b, c, M, K, N);
      check(c, gemmNaive(a, b, M, K, N), 'NN');
      gemmTN(at, b, c, M, K, N);
      check(c, gemmNaive(at, b, M, K, N, true, false), 'TN');
      gemmNT(a, bt, c, M, K, N);
      check(c, gemmNaive(a, bt, M, K, N, false, true), 'NT');
    });
  }
  it('offsets select one matrix of a batch', () => {
    const a = rand(2 * 3 * 4);
    const b = rand(2 * 4 * 5);
    const c = new Float64Array(2 * 15);
    gemmNN(a, b, c, 3, 4, 5, 12, 20, 15);
    const want = gemmNaive(a.subarray(12), b.subarray(20), 3, 4, 5);
    for (let i = 0; i < 15; i++) assert.ok(Math.abs(c[15 + i] - want[i]) < 1e-12);
  });
  it('gemmNaive itself is the textbook product (hand-computed 2×2)', () => {
    assert.deepEqual(Array.from(gemmNaive(Float64Array.from([1, 2, 3, 4]), Float64Array.from([5, 6, 7, 8]), 2, 2, 2)), [19, 22, 43, 50]);
  });
});
