/**
 * m3-init-formulas: call the learner's initialisers on large [out, in] tensors with fan_in ≠ fan_out
 * and compare what they drew with torch.nn.init's formulas (computed here with the engine's own
 * init namespace, which the learner may not use):
 *   - uniform inits: max |w| against the bound (never above it; within 0.5 % of it on 18 432 draws);
 *   - every init: the sample std against the formula (±3 %: ~6 standard errors at this size);
 *   - calculateGain: exact values.
 * Diagnostics let the explain entries name the classic mistakes (fan_out for fan_in, the √3 of
 * the uniform bound, gain 1 for tanh).
 */
import type { HarnessContext } from 'gradlab/harness';
import { init, zeros } from 'gradlab';

/** [out, in]: fan_in = 192, fan_out = 96, so swapping the fans changes the std by √2. */
const SHAPE = [96, 192];
const FAN_IN = 192;
const FAN_OUT = 96;

type Nl = 'linear' | 'identity' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu';
const GAIN_CASES: Array<[Nl, number | undefined]> = [
  ['linear', undefined], ['identity', undefined], ['sigmoid', undefined], ['tanh', undefined],
  ['relu', undefined], ['leaky_relu', undefined], ['leaky_relu', 0.2], ['selu', undefined],
];
const GAIN_LABELS = GAIN_CASES.map(([n, p]) => (p === undefined ? n : `${n}(${p})`));

interface KaimingCase {
  opts: { a?: number; mode?: 'fan_in' | 'fan_out'; nonlinearity?: 'leaky_relu' | 'relu' | 'tanh' | 'linear' };
  label: string;
}
const KAIMING_CASES: KaimingCase[] = [
  { opts: {}, label: 'defaults (ReLU, fan_in)' },
  { opts: { mode: 'fan_out', nonlinearity: 'relu' }, label: "relu, fan_out" },
  { opts: { a: Math.sqrt(5) }, label: 'a = √5 (nn.Linear)' },
  { opts: { nonlinearity: 'tanh' }, label: 'tanh, fan_in' },
];

function stats(d: Float64Array): { std: number; maxAbs: number } {
  let sum = 0;
  for (const v of d) sum += v;
  const mean = sum / d.length;
  let sq = 0;
  let maxAbs = 0;
  for (const v of d) {
    sq += (v - mean) ** 2;
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  return { std: Math.sqrt(sq / (d.length - 1)), maxAbs };
}

/** The entry of `ratios` farthest from 1 (signed), so one number says how wrong the worst call was. */
function worst(ratios: number[]): number {
  return ratios.reduce((w, r) => (Math.abs(r - 1) > Math.abs(w - 1) || Number.isNaN(r) ? r : w), 1);
}

/** Calls the learner's initialiser on a fresh zero tensor and checks it filled that tensor in place. */
function fill(ctx: HarnessContext, name: string, args: unknown[], shown: string): Float64Array {
  const w = zeros(SHAPE);
  ctx.call(name, w, ...args);
  const d = w.data;
  let nonFinite = 0;
  let zerosLeft = 0;
  for (const v of d) {
    if (!Number.isFinite(v)) nonFinite++;
    else if (v === 0) zerosLeft++;
  }
  if (nonFinite > 0) ctx.fail('non-finite', `${shown} wrote ${nonFinite} NaN/infinite values into w.`);
  if (zerosLeft === d.length) {
    ctx.fail('wrong-type', `${shown} left w all zeros: fill w.data in place (the function's job is to overwrite the tensor it is given).`);
  }
  return d;
}

export default function harness(ctx: HarnessContext): void {
  // calculateGain: exact values against torch's table (engine implementation).
  const gains = GAIN_CASES.map(([nl, p]) =>
    ctx.expectNumber(p === undefined ? ctx.call('calculateGain', nl) : ctx.call('calculateGain', nl, p), `calculateGain('${nl}'${p === undefined ? '' : `, ${p}`})`),
  );
  const expectedGains = GAIN_CASES.map(([nl, p]) => init.calculateGain(nl, p));
  ctx.recordVector('gains', gains, GAIN_LABELS);
  ctx.record('gainMaxRelError', Math.max(...gains.map((g, i) => Math.abs(g - expectedGains[i]) / expectedGains[i])));
  ctx.record('gainTanh', gains[3]);
  ctx.record('gainLeakyDefault', gains[5]);

  // Xavier: symmetric in the fans, uses their sum.
  const xavierGains = [1, 5 / 3];
  const xuBound: number[] = [];
  const xuStd: number[] = [];
  const xnStd: number[] = [];
  const xnTail: number[] = [];
  for (const gain of xavierGains) {
    const bound = gain * Math.sqrt(6 / (FAN_IN + FAN_OUT));
    const u = stats(fill(ctx, 'xavierUniform_', [gain], `xavierUniform_(w, ${gain})`));
    xuBound.push(u.maxAbs / bound);
    xuStd.push(u.std / (bound / Math.sqrt(3)));
    const std = gain * Math.sqrt(2 / (FAN_IN + FAN_OUT));
    const n = stats(fill(ctx, 'xavierNormal_', [gain], `xavierNormal_(w, ${gain})`));
    xnStd.push(n.std / std);
    xnTail.push(n.maxAbs / n.std);
  }
  ctx.record('xuBoundWorst', worst(xuBound));
  ctx.record('xuStdWorst', worst(xuStd));
  ctx.record('xnStdWorst', worst(xnStd));
  ctx.record('xnTailMin', Math.min(...xnTail));

  // Kaiming: one fan (fan_in by default), gain from the nonlinearity and a.
  const kuBound: number[] = [];
  const kuStd: number[] = [];
  const knStd: number[] = [];
  const knTail: number[] = [];
  let defaultFanSeen = NaN;
  for (const { opts } of KAIMING_CASES) {
    const fan = opts.mode === 'fan_out' ? FAN_OUT : FAN_IN;
    const gain = init.calculateGain(opts.nonlinearity ?? 'leaky_relu', opts.a ?? 0);
    const bound = gain * Math.sqrt(3 / fan);
    const shown = `(w, ${JSON.stringify(opts)})`;
    const u = stats(fill(ctx, 'kaimingUniform_', [{ ...opts }], `kaimingUniform_${shown}`));
    kuBound.push(u.maxAbs / bound);
    kuStd.push(u.std / (bound / Math.sqrt(3)));
    if (Object.keys(opts).length === 0) ctx.record('kuDefaultFan', 2 / u.std ** 2);
    const n = stats(fill(ctx, 'kaimingNormal_', [{ ...opts }], `kaimingNormal_${shown}`));
    knStd.push(n.std / (gain / Math.sqrt(fan)));
    knTail.push(n.maxAbs / n.std);
    // Which fan did the defaults use? std = √2/√fan  ⇒  fan = 2/std².
    if (Object.keys(opts).length === 0) defaultFanSeen = 2 / n.std ** 2;
  }
  const labels = KAIMING_CASES.map((c) => c.label);
  ctx.recordVector('kaimingUniformStdRatio', kuStd, labels);
  ctx.recordVector('kaimingNormalStdRatio', knStd, labels);
  ctx.recordVector('xavierStdRatio', [...xuStd, ...xnStd], ['uniform, gain 1', 'uniform, gain 5/3', 'normal, gain 1', 'normal, gain 5/3']);
  ctx.record('kuBoundWorst', worst(kuBound));
  ctx.record('kuStdWorst', worst(kuStd));
  ctx.record('knStdWorst', worst(knStd));
  ctx.record('knTailMin', Math.min(...knTail));
  ctx.record('kaimingDefaultFan', defaultFanSeen);
  ctx.record('kaimingTanhStdRatio', knStd[3]);
  ctx.record('kuTanhStdRatio', kuStd[3]);
}
