/**
 * m9-capstone harness. Builds small MLPs from configs (some broken on purpose), trains each for a
 * few SGD steps and hands the learner's diagnose() only a report of measurements: per-layer weight
 * gradient norms and activation statistics at the first step, and the loss series. The visible
 * cases are the three classic failures plus a healthy net, shown in a seeded shuffled order; hidden
 * variants (other activations, a too-large learning rate, a partly dead net, a healthy ReLU net)
 * stop a diagnose() that only memorises the visible four. Then fix(kind) is merged into the broken
 * config, the net is rebuilt from the same seed and re-measured against the harness's own health
 * criteria.
 */
import type { HarnessContext } from 'gradlab/harness';
import { Generator, init, linear, mseLoss, noGrad, randn, rand, Tensor } from 'gradlab';

type Kind = 'vanishing' | 'exploding' | 'dead' | 'healthy';
type Activation = 'sigmoid' | 'tanh' | 'relu';

interface NetConfig {
  depth: number;
  width: number;
  activation: Activation;
  init: 'normal' | 'xavier' | 'he';
  initStd: number; // used when init is 'normal'
  bias: number; //    initial value of every hidden bias
  lr: number;
  lossScale: number; // the loss is multiplied by this before backward()
}

export interface Report {
  layerGradNorms: number[];
  activationStd: number[];
  deadFraction: number[];
  lossSeries: number[];
}

const BATCH = 32;
const STEPS = 12;
const BASE: NetConfig = { depth: 8, width: 32, activation: 'tanh', init: 'xavier', initStd: 1, bias: 0, lr: 0.02, lossScale: 1 };

const VISIBLE: Array<{ kind: Kind; config: NetConfig }> = [
  { kind: 'vanishing', config: { ...BASE, depth: 10, activation: 'sigmoid', init: 'normal', initStd: 0.01 } },
  { kind: 'exploding', config: { ...BASE, depth: 6, activation: 'relu', init: 'normal', initStd: 1 } },
  { kind: 'dead', config: { ...BASE, depth: 6, activation: 'relu', init: 'he', bias: -3 } },
  { kind: 'healthy', config: { ...BASE, depth: 6, activation: 'tanh', init: 'xavier' } },
];
const HIDDEN: Array<{ kind: Kind; config: NetConfig }> = [
  { kind: 'vanishing', config: { ...BASE, depth: 10, activation: 'sigmoid', init: 'xavier' } },
  { kind: 'exploding', config: { ...BASE, depth: 6, activation: 'relu', init: 'he', lr: 3 } },
  { kind: 'dead', config: { ...BASE, depth: 6, activation: 'relu', init: 'normal', initStd: 0.05, bias: -1 } },
  { kind: 'healthy', config: { ...BASE, depth: 8, activation: 'relu', init: 'he' } },
];

interface Measured extends Report { config: NetConfig }

function act(x: Tensor, a: Activation): Tensor {
  return a === 'sigmoid' ? x.sigmoid() : a === 'tanh' ? x.tanh() : x.relu();
}

/** Builds, trains and measures one net. All randomness comes from `netSeed` so a fix is compared on the same draw. */
function measure(config: NetConfig, netSeed: number): Measured {
  const g = new Generator(netSeed);
  const n = config.width;
  const X = randn([BATCH, n], { generator: g });
  const Y = rand([BATCH, 1], { generator: g });
  const weights: Tensor[] = [];
  const biases: Tensor[] = [];
  for (let l = 0; l < config.depth; l++) {
    const out = l === config.depth - 1 ? 1 : n;
    const w = new Tensor(new Float64Array(out * n), [out, n]);
    if (config.init === 'xavier') init.xavierNormal_(w, config.activation === 'tanh' ? 5 / 3 : 1, g);
    else if (config.init === 'he') init.kaimingNormal_(w, { a: 0, mode: 'fanIn', nonlinearity: 'relu', generator: g });
    else init.normal_(w, 0, config.initStd, g);
    weights.push(w.requiresGrad_());
    const b = new Tensor(new Float64Array(out).fill(l === config.depth - 1 ? 0 : config.bias), [out]);
    biases.push(b.requiresGrad_());
  }
  const params = [...weights, ...biases];
  const lossSeries: number[] = [];
  let layerGradNorms: number[] = [];
  const activationStd: number[] = [];
  const deadFraction: number[] = [];
  for (let step = 0; step < STEPS; step++) {
    let h = X;
    const hidden: Tensor[] = [];
    for (let l = 0; l < config.depth; l++) {
      const z = linear(h, weights[l], biases[l]);
      h = l === config.depth - 1 ? z : act(z, config.activation);
      if (l < config.depth - 1) hidden.push(h);
    }
    const loss = mseLoss(h, Y);
    lossSeries.push(loss.item());
    for (const p of params) p.zeroGrad();
    loss.mul(config.lossScale).backward();
    if (step === 0) {
      layerGradNorms = weights.map((w) => (w.grad ? w.grad.norm().item() : 0));
      for (const a of hidden) {
        const d = a.data;
        let mean = 0;
        for (const v of d) mean += v;
        mean /= d.length;
        let v2 = 0;
        for (const v of d) v2 += (v - mean) ** 2;
        activationStd.push(Math.sqrt(v2 / d.length));
        let deadUnits = 0;
        for (let j = 0; j < n; j++) {
          let alive = false;
          for (let i = 0; i < BATCH; i++) if (d[i * n + j] !== 0) { alive = true; break; }
          if (!alive) deadUnits++;
        }
        deadFraction.push(deadUnits / n);
      }
    }
    noGrad(() => {
      for (const p of params) {
        if (!p.grad) continue;
        const gd = p.grad.data;
        for (let i = 0; i < gd.length; i++) p.data[i] -= config.lr * gd[i];
      }
    });
  }
  return { config, layerGradNorms, activationStd, deadFraction, lossSeries };
}

/** The harness's own verdict on a fixed net (the learner never sees these rules). */
function healthy(m: Measured): { ok: boolean; finite: boolean; learned: boolean; alive: boolean; flows: boolean } {
  const finite = m.lossSeries.every(Number.isFinite) && m.layerGradNorms.every(Number.isFinite);
  const learned = finite && m.lossSeries[m.lossSeries.length - 1] <= 0.8 * m.lossSeries[0];
  const alive = Math.max(...m.deadFraction) < 0.5;
  const r = m.layerGradNorms[0] / m.layerGradNorms[m.layerGradNorms.length - 1];
  const flows = r >= 1e-2 && r <= 1e2;
  return { ok: finite && learned && alive && flows, finite, learned, alive, flows };
}

const FIX_KEYS: Array<keyof NetConfig> = ['depth', 'width', 'activation', 'init', 'initStd', 'bias', 'lr', 'lossScale'];

function applyFix(ctx: HarnessContext, base: NetConfig, fix: unknown, kind: string): NetConfig {
  if (typeof fix !== 'object' || fix === null || Array.isArray(fix)) {
    ctx.fail('wrong-type', `fix('${kind}') must return an object of config changes such as { bias: 0 }, got ${fix === null ? 'null' : typeof fix}.`);
  }
  const out: NetConfig = { ...base };
  for (const [key, value] of Object.entries(fix as Record<string, unknown>)) {
    if (!FIX_KEYS.includes(key as keyof NetConfig)) {
      ctx.fail('wrong-type', `fix('${kind}') returned an unknown setting '${key}'; the settings are ${FIX_KEYS.join(', ')}.`);
    }
    const k = key as keyof NetConfig;
    if (k === 'activation') {
      if (value !== 'sigmoid' && value !== 'tanh' && value !== 'relu') ctx.fail('wrong-type', `fix('${kind}').activation must be 'sigmoid', 'tanh' or 'relu'.`);
      out.activation = value;
    } else if (k === 'init') {
      if (value !== 'normal' && value !== 'xavier' && value !== 'he') ctx.fail('wrong-type', `fix('${kind}').init must be 'normal', 'xavier' or 'he'.`);
      out.init = value;
    } else {
      const num = ctx.expectNumber(value, `fix('${kind}').${k}`);
      if ((k === 'depth' && (num !== base.depth)) || (k === 'width' && num !== base.width)) {
        ctx.fail('wrong-type', `fix('${kind}') may not change ${k}: repair the network you were given, not a different one.`);
      }
      (out as unknown as Record<string, number>)[k] = num;
    }
  }
  return out;
}

export default function harness(ctx: HarnessContext): void {
  // Seeded shuffle of the visible cases (Fisher–Yates with a generator of this seed).
  const g = new Generator(ctx.seed * 7919 + 1);
  const order = g.permutation(VISIBLE.length);
  const netSeed = (i: number) => ctx.seed * 1000 + i;

  const diagnoseCase = (c: { kind: Kind; config: NetConfig }, seed: number) => {
    const m = measure(c.config, seed);
    const report: Report = Object.freeze({
      layerGradNorms: m.layerGradNorms.slice(), activationStd: m.activationStd.slice(),
      deadFraction: m.deadFraction.slice(), lossSeries: m.lossSeries.slice(),
    });
    const label = ctx.call('diagnose', report);
    if (label !== 'vanishing' && label !== 'exploding' && label !== 'dead' && label !== 'healthy') {
      ctx.fail('wrong-type', `diagnose must return 'vanishing', 'exploding', 'dead' or 'healthy', got ${JSON.stringify(label)}.`);
    }
    return { m, label: label as Kind };
  };

  const visibleLabels: Record<string, Kind> = {};
  const visibleMeasures: Record<string, Measured> = {};
  for (const i of order) {
    const c = VISIBLE[i];
    const { m, label } = diagnoseCase(c, netSeed(i));
    visibleLabels[c.kind] = label;
    visibleMeasures[c.kind] = m;
  }
  for (const kind of ['vanishing', 'exploding', 'dead', 'healthy'] as const) {
    ctx.record(`said_${kind}`, ['vanishing', 'exploding', 'dead', 'healthy'].indexOf(visibleLabels[kind]));
    ctx.record(`correct_${kind}`, visibleLabels[kind] === kind);
  }
  ctx.record('deadCalledVanishing', visibleLabels.dead === 'vanishing');

  let hiddenCorrect = 0;
  HIDDEN.forEach((c, i) => {
    const { label } = diagnoseCase(c, netSeed(100 + i));
    const ok = label === c.kind;
    if (ok) hiddenCorrect++;
    ctx.record(`hidden_${c.kind}`, ok);
  });
  ctx.record('hiddenCorrect', hiddenCorrect);

  // Charts: the visible nets' gradient norms per layer and losses.
  for (const kind of ['vanishing', 'exploding', 'dead', 'healthy'] as const) {
    const m = visibleMeasures[kind];
    ctx.recordVector(`grads_${kind}`, m.layerGradNorms, m.layerGradNorms.map((_, l) => `layer ${l + 1}`));
  }

  // Fixes, on the same draw as the broken net.
  for (const kind of ['vanishing', 'exploding', 'dead'] as const) {
    const idx = VISIBLE.findIndex((c) => c.kind === kind);
    const broken = VISIBLE[idx].config;
    const fix = ctx.call('fix', kind);
    const config = applyFix(ctx, broken, fix, kind);
    const lossOnly = Object.keys(fix as object).length > 0 && Object.keys(fix as object).every((k) => k === 'lossScale');
    const m = measure(config, netSeed(idx));
    const h = healthy(m);
    ctx.record(`fixed_${kind}`, h.ok);
    ctx.record(`fixLossOnly_${kind}`, lossOnly);
    ctx.record(`fixFinite_${kind}`, h.finite);
    ctx.record(`fixAlive_${kind}`, h.alive);
    ctx.record(`fixFlows_${kind}`, h.flows);
    ctx.recordVector(`fixedGrads_${kind}`, m.layerGradNorms, m.layerGradNorms.map((_, l) => `layer ${l + 1}`));
    ctx.recordVector(`fixedLoss_${kind}`, m.lossSeries, m.lossSeries.map((_, s) => `step ${s + 1}`));
  }
}
