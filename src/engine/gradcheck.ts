/**
 * Finite-difference gradient checking (CS231n notes; torch.autograd.gradcheck defaults), usable by
 * tests, exercise harnesses and learners checking their own backward passes.
 */
import { Tensor } from './tensor';
import { ArgumentError, formatShape } from './errors';
import { noGrad } from './grad-mode';
import { Generator } from './random';

/** A function of tensors returning a tensor. Non-scalar outputs are contracted with fixed weights. */
export type TensorFunction = (...inputs: Tensor[]) => Tensor;

/** |a − b| / max(|a|, |b|), and 0 when both are 0. */
export function relativeError(a: number, b: number): number {
  const denom = Math.max(Math.abs(a), Math.abs(b));
  if (denom === 0) return 0;
  return Math.abs(a - b) / denom;
}

/**
 * Fixed pseudo-random weights for a non-scalar output: checking Σ w⊙f(x) instead of Σ f(x) means
 * a backward that mixes up output positions cannot cancel out. Seeded, so runs are reproducible.
 */
function projectionWeights(n: number): Float64Array {
  const g = new Generator(0x5eed);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 0.5 + g.random();
  return w;
}

function scalarValue(out: Tensor, weights: Float64Array | null): number {
  if (weights === null) return out.data[0];
  let s = 0;
  for (let i = 0; i < out.data.length; i++) s += weights[i] * out.data[i];
  return s;
}

function checkInputs(inputs: readonly Tensor[], op: string): void {
  if (!Array.isArray(inputs) || inputs.length === 0 || inputs.some((t) => !(t instanceof Tensor))) {
    throw new ArgumentError(`${op}: pass the inputs as an array of Tensors, e.g. ${op}(f, [x, w]).`);
  }
}

/**
 * ∂f/∂input for every input by centered differences (f(x+h) − f(x−h)) / 2h, in float64.
 * Returns one Float64Array per input (same layout as input.data). Inputs are restored afterwards.
 */
export function numericalGradient(f: TensorFunction, inputs: Tensor[], eps = 1e-6): Float64Array[] {
  checkInputs(inputs, 'numericalGradient');
  return noGrad(() => {
    const probe = f(...inputs);
    const weights = probe.data.length === 1 ? null : projectionWeights(probe.data.length);
    return inputs.map((t) => {
      const d = t.data;
      const grad = new Float64Array(d.length);
      for (let i = 0; i < d.length; i++) {
        const orig = d[i];
        d[i] = orig + eps;
        const plus = scalarValue(f(...inputs), weights);
        d[i] = orig - eps;
        const minus = scalarValue(f(...inputs), weights);
        d[i] = orig;
        grad[i] = (plus - minus) / (2 * eps);
      }
      return grad;
    });
  });
}

/** Analytic gradients via backward(), for the same (possibly projected) scalar as numericalGradient. */
export function analyticalGradient(f: TensorFunction, inputs: Tensor[]): Float64Array[] {
  checkInputs(inputs, 'analyticalGradient');
  const saved = inputs.map((t) => ({ grad: t.grad, requiresGrad: t.requiresGrad }));
  try {
    const leaves = inputs.map((t) => new Tensor(t.data, t.shape, true));
    const out = f(...leaves);
    if (!out.requiresGrad) return inputs.map((t) => new Float64Array(t.data.length));
    if (out.data.length === 1) out.backward();
    else out.backward(new Tensor(projectionWeights(out.data.length), out.shape));
    return leaves.map((l) => (l.grad ? new Float64Array(l.grad.data) : new Float64Array(l.data.length)));
  } finally {
    inputs.forEach((t, i) => {
      t.grad = saved[i].grad;
      t.requiresGrad = saved[i].requiresGrad;
    });
  }
}

export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  /** Absolute tolerance (default 1e-5). */
  atol?: number;
  /** Relative tolerance (default 1e-3). An element passes when |analytic − numeric| ≤ atol + rtol·|numeric|. */
  rtol?: number;
  /** Keep at most this many failures in the report (default 20). */
  maxFailures?: number;
}

export interface GradcheckFailure {
  /** Which input (position in the inputs array). */
  input: number;
  /** Flat index into that input. */
  index: number;
  analytic: number;
  numeric: number;
}

export interface GradcheckResult {
  ok: boolean;
  maxAbsError: number;
  maxRelError: number;
  failures: GradcheckFailure[];
}

/**
 * Compares backward() with centered finite differences for every element of every input.
 * f must be smooth near the inputs (avoid kinks such as relu at 0).
 */
export function gradcheck(f: TensorFunction, inputs: Tensor[], opts: GradcheckOptions = {}): GradcheckResult {
  const eps = opts.eps ?? 1e-6;
  const atol = opts.atol ?? 1e-5;
  const rtol = opts.rtol ?? 1e-3;
  const maxFailures = opts.maxFailures ?? 20;
  const analytic = analyticalGradient(f, inputs);
  const numeric = numericalGradient(f, inputs, eps);
  let maxAbsError = 0;
  let maxRelError = 0;
  const failures: GradcheckFailure[] = [];
  let ok = true;
  for (let j = 0; j < inputs.length; j++) {
    if (analytic[j].length !== numeric[j].length) {
      throw new ArgumentError(`gradcheck: gradient of input ${j} ${formatShape(inputs[j].shape)} has the wrong size.`);
    }
    for (let i = 0; i < numeric[j].length; i++) {
      const a = analytic[j][i];
      const n = numeric[j][i];
      const abs = Math.abs(a - n);
      const bad = !(abs <= atol + rtol * Math.abs(n));
      if (Number.isNaN(abs)) maxAbsError = NaN;
      else if (abs > maxAbsError) maxAbsError = abs;
      const rel = relativeError(a, n);
      if (rel > maxRelError || Number.isNaN(rel)) maxRelError = rel;
      if (bad) {
        ok = false;
        if (failures.length < maxFailures) failures.push({ input: j, index: i, analytic: a, numeric: n });
      }
    }
  }
  return { ok, maxAbsError, maxRelError, failures };
}
