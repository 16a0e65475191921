/**
 * m7-update-ratio: the learner's updateRatios(before, after) (‖ΔW‖/‖W‖ per tensor) during real
 * training at three learning rates (too small, about right, too large), and their
 * detectDivergence(losses) on those runs plus synthetic loss curves with known answers (noise, single
 * spikes, short bursts, NaN, exponential growth).
 *
 * The divergence rule is the README's: a loss that is NaN/±∞, or WINDOW consecutive losses that are all
 * more than FACTOR × the lowest loss seen before them.
 */
import type { HarnessContext } from 'gradlab/harness';
import { nn, optim, mseLoss, randn, Tensor, tensor } from 'gradlab';

const STEPS = 25;
const LRS = { small: 1e-4, good: 2e-3, large: 1 };
const WINDOW = 5, FACTOR = 2;

/** The README's rule, written plainly (the ground truth). */
function diverged(losses: number[]): boolean {
  if (losses.some((x) => !Number.isFinite(x))) return true;
  for (let t = 1; t + WINDOW <= losses.length; t++) {
    const best = Math.min(...losses.slice(0, t));
    if (losses.slice(t, t + WINDOW).every((x) => x > FACTOR * best)) return true;
  }
  return false;
}

const norm = (a: ArrayLike<number>) => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i] * a[i]; return Math.sqrt(s); };
const median = (a: number[]) => { const s = [...a].sort((x, y) => x - y); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };

function learnerRatios(ctx: HarnessContext, before: Tensor[], after: Tensor[]): number[] {
  const out = ctx.call<unknown>('updateRatios', before, after);
  if (!Array.isArray(out) || out.length !== after.length) {
    ctx.fail('wrong-type', `updateRatios must return an array with one number per parameter (${after.length} here); it returned ${Array.isArray(out) ? `an array of length ${out.length}` : String(out)}.`);
  }
  return out.map((x, i) => ctx.expectNumber(x, `updateRatios(...)[${i}]`, { allowNonFinite: true }));
}

function learnerFlag(ctx: HarnessContext, losses: number[], what: string): boolean {
  const out = ctx.call<unknown>('detectDivergence', [...losses]);
  if (typeof out !== 'boolean') ctx.fail('wrong-type', `detectDivergence must return true or false; for ${what} it returned ${String(out)}.`);
  return out as boolean;
}

interface RunResult { losses: number[]; mine: number[][]; truth: number[][]; gradRatio: number[][]; afterDenRatio: number[][] }

function train(ctx: HarnessContext, lr: number, X: Tensor, Y: Tensor, state: Record<string, Tensor>): RunResult {
  const net = new nn.Sequential(new nn.Linear(16, 16), new nn.Tanh(), new nn.Linear(16, 16), new nn.Tanh(), new nn.Linear(16, 1));
  net.loadStateDict(state);
  const params = net.parameters();
  const opt = new optim.SGD(params, { lr, momentum: 0.9 });
  const r: RunResult = { losses: [], mine: [], truth: [], gradRatio: [], afterDenRatio: [] };
  for (let t = 0; t < STEPS; t++) {
    opt.zeroGrad();
    const loss = mseLoss(net.call(X), Y);
    r.losses.push(loss.item());
    if (!Number.isFinite(loss.item())) break; // what a real run would report: NaN/∞, then stop
    loss.backward();
    const before = params.map((p) => tensor(p.data, { shape: p.shape })); // copies, no gradient
    const snapshot = params.map((p) => new Float64Array(p.data));
    opt.step();
    r.mine.push(learnerRatios(ctx, before, params));
    r.truth.push(params.map((p, i) => norm(p.data.map((x, k) => x - snapshot[i][k])) / norm(snapshot[i])));
    r.gradRatio.push(params.map((p, i) => norm(p.grad!.data) / norm(snapshot[i])));
    r.afterDenRatio.push(params.map((p, i) => norm(p.data.map((x, k) => x - snapshot[i][k])) / norm(p.data)));
    // Once the rule says "diverged" it stays so; the remaining steps would only overflow.
    if (diverged(r.losses)) break;
  }
  return r;
}

/** Synthetic curves with their known answers. Noise from the engine RNG (seeded). */
function syntheticCases(): Array<{ name: string; losses: number[]; diverged: boolean; kind: 'noise' | 'spike' | 'nan' | 'growth' }> {
  const n = 40;
  const noise = () => Array.from(randn(n).data, (z) => 1 + 0.05 * z);
  const decay = (e: number[]) => e.map((u, t) => 2 * Math.exp(-t / 15) * u + 0.05);
  const a = decay(noise());
  const spike = decay(noise()); spike[20] *= 10;
  const twoSpikes = decay(noise()); twoSpikes[10] *= 6; twoSpikes[26] *= 8;
  const burst = decay(noise()); for (let t = 18; t < 21; t++) burst[t] *= 5; // 3 high values: shorter than the window
  const gentle = decay(noise()).map((x, t) => (t < 20 ? x : x * (1 + 0.02 * (t - 20)))); // rises, but < 2× its best
  const withNaN = decay(noise()); for (let t = 30; t < n; t++) withNaN[t] = NaN;
  const withInf = decay(noise()); withInf[n - 1] = Infinity;
  const growth = decay(noise()).map((x, t) => (t < 15 ? x : x * 1.3 ** (t - 15)));
  return [
    { name: 'a noisy decreasing loss', losses: a, diverged: false, kind: 'noise' },
    { name: 'a decreasing loss with one spike ×10', losses: spike, diverged: false, kind: 'spike' },
    { name: 'a decreasing loss with two separate spikes', losses: twoSpikes, diverged: false, kind: 'spike' },
    { name: 'a decreasing loss with a 3-step burst ×5', losses: burst, diverged: false, kind: 'spike' },
    { name: 'a loss that creeps up by less than 2× its best', losses: gentle, diverged: false, kind: 'noise' },
    { name: 'a loss that turns NaN', losses: withNaN, diverged: true, kind: 'nan' },
    { name: 'a loss whose last value is ∞', losses: withInf, diverged: true, kind: 'nan' },
    { name: 'a loss that grows ×1.3 per step', losses: growth, diverged: true, kind: 'growth' },
  ];
}

export default function harness(ctx: HarnessContext): void {
  const X = randn(16, 16);
  const Y = X.matmul(randn(16, 1)).tanh();
  const init = new nn.Sequential(new nn.Linear(16, 16), new nn.Tanh(), new nn.Linear(16, 16), new nn.Tanh(), new nn.Linear(16, 1));
  const state = init.stateDict() as Record<string, Tensor>;

  let maxRelError = 0, gradMatch = true, gradLrMatch = true, afterDenMatch = true, any = false;
  const runs: Record<keyof typeof LRS, RunResult> = {} as never;
  let runFlagErrors = 0;
  const truthLog: string[] = [];
  for (const key of Object.keys(LRS) as Array<keyof typeof LRS>) {
    const lr = LRS[key];
    const r = train(ctx, lr, X, Y, state);
    runs[key] = r;
    r.mine.forEach((row, t) => row.forEach((x, i) => {
      any = true;
      const e = r.truth[t][i];
      const d = Math.abs(x - e) / e;
      maxRelError = Math.max(maxRelError, Number.isNaN(d) ? Infinity : d);
      const near = (y: number) => Math.abs(x - y) <= 1e-6 * Math.abs(y);
      gradMatch &&= near(r.gradRatio[t][i]);
      gradLrMatch &&= near(lr * r.gradRatio[t][i]);
      afterDenMatch &&= near(r.afterDenRatio[t][i]);
    }));
    const truth = diverged(r.losses);
    if (learnerFlag(ctx, r.losses, `the run with lr = ${lr}`) !== truth) runFlagErrors++;
    truthLog.push(`lr ${lr}: ${truth ? 'diverged' : 'fine'} (loss ${r.losses[0].toPrecision(3)} → ${r.losses[r.losses.length - 1].toPrecision(3)})`);
  }
  ctx.record('ratioMaxRelError', any ? maxRelError : Infinity);
  ctx.record('gradRatioMatch', any && (gradMatch || gradLrMatch));
  ctx.record('afterDenominatorMatch', any && afterDenMatch);
  ctx.record('runFlagErrors', runFlagErrors);
  ctx.log(`Training runs: ${truthLog.join('; ')}.`);

  // Per weight matrix: the median over steps of YOUR ratio, for the chart and the lesson check.
  const weightIdx = [0, 2, 4];
  const layerLabels = ['layer 1', 'layer 2', 'layer 3'];
  const perLayer = (r: RunResult) => weightIdx.map((i) => median(r.mine.map((row) => row[i])));
  const good = perLayer(runs.good);
  ctx.recordVector('ratiosSmallLr', perLayer(runs.small), layerLabels);
  ctx.recordVector('ratiosGoodLr', good, layerLabels);
  ctx.recordVector('ratiosLargeLr', perLayer(runs.large), layerLabels);
  ctx.recordVector('ruleOfThumb', weightIdx.map(() => 1e-3), layerLabels);
  // log10: the ratio is a log-scale quantity (rule of thumb 1e-3 = −3); 0 becomes −∞ and fails.
  ctx.record('goodLrLog10Ratio', Math.log10(median(good)));
  ctx.record('ratiosAllZero', any && [runs.small, runs.good, runs.large].every((r) => r.mine.every((row) => row.every((x) => x === 0))));
  ctx.recordVector('lossGoodLr', runs.good.losses, runs.good.losses.map((_, t) => `step ${t + 1}`));
  ctx.recordVector('lossLargeLr', runs.large.losses, runs.large.losses.map((_, t) => `step ${t + 1}`));

  let falseAlarms = 0, missed = 0, missedNaN = false, spikeFlagged = false;
  for (const c of syntheticCases()) {
    const flag = learnerFlag(ctx, c.losses, c.name);
    if (flag && !c.diverged) { falseAlarms++; if (c.kind === 'spike') spikeFlagged = true; ctx.log(`detectDivergence flagged ${c.name} (not a divergence).`); }
    if (!flag && c.diverged) { missed++; if (c.kind === 'nan') missedNaN = true; ctx.log(`detectDivergence missed ${c.name}.`); }
  }
  ctx.record('falseAlarms', falseAlarms);
  ctx.record('missedDivergences', missed);
  ctx.record('missedNaN', missedNaN);
  ctx.record('spikeFlagged', spikeFlagged);
}
