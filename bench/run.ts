/**
 * `npm run bench` — times the workloads of ../shared/bench/torch_bench.py on GradLab's engine.
 *   --json        one line per workload: {"workload": NAME, "step_ms_median": X}
 *   --peer        also run the PyTorch script (Debian python3-torch) and print ours/pytorch ratios
 *   --rounds N    alternate ours and the peer N times and report the median of each (default 1);
 *                 on a shared, noisy machine this keeps a load spike from landing on one side only
 *   --only NAME   run one workload
 *   --no-wasm     use the scalar JS matmul kernel (what the exercise sandbox runs until the runner
 *                 hands the engine a wasm instance; see docs/performance.md)
 *   --memory      peak RSS per workload and heap/array-buffer samples over --steps N steps (1000)
 *   --scaling     step time vs MLP width and depth and RNN/LSTM sequence length (+ --peer, --rounds)
 * Timing matches the peer: 5 warm-up steps, then the median of 30 (scaling: of 10).
 */
import * as path from 'node:path';
import { WORKLOADS } from './workloads';
import { SCALING } from './scaling';
import { median, medianStepMs, round3, REPS, WARMUP } from './timing';
import { runPeer, runScalingPeer } from './peer';
import { memoryChild, runMemory } from './memory';
import { manualSeed } from '../src/engine/index';
import { setWasmGemmEnabled, wasmGemmActive } from '../src/engine/kernels/matmul-wasm';

function argValue(args: string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
}

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

const kernelName = (): string => (wasmGemmActive() ? 'wasm-simd' : 'js');

function mainTimings(args: string[], repoRoot: string): void {
  const json = args.includes('--json');
  const peer = args.includes('--peer');
  const only = argValue(args, '--only');
  const rounds = Math.max(1, Number(argValue(args, '--rounds') ?? 1));
  const ours = new Map<string, number[]>();
  const theirs = new Map<string, number[]>();
  let peerName = 'pytorch';
  for (let r = 0; r < rounds; r++) {
    for (const w of WORKLOADS) {
      if (only && w.name !== only) continue;
      manualSeed(0);
      const ms = medianStepMs(w.make());
      ours.set(w.name, [...(ours.get(w.name) ?? []), ms]);
    }
    if (peer) {
      const res = runPeer(repoRoot);
      for (const t of res ?? []) {
        theirs.set(t.workload, [...(theirs.get(t.workload) ?? []), t.step_ms_median]);
        peerName = t.peer ?? peerName;
      }
    }
  }
  const rows = [...ours.entries()].map(([name, ms]) => {
    const o = round3(median(ms));
    const t = theirs.get(name);
    const p = t === undefined ? undefined : round3(median(t));
    return { name, o, p, ratio: p === undefined ? undefined : Math.round((o / p) * 100) / 100, ms, t };
  });
  if (json) {
    for (const r of rows) process.stdout.write(JSON.stringify({ workload: r.name, step_ms_median: r.o, kernel: kernelName() }) + '\n');
    for (const r of rows) {
      if (r.p !== undefined) process.stdout.write(JSON.stringify({ workload: r.name, peer: peerName, peer_step_ms_median: r.p, ratio: r.ratio }) + '\n');
    }
    return;
  }
  table(
    ['workload', 'gradlab ms', peer ? peerName : 'pytorch ms', 'ratio', ...(rounds > 1 ? ['per-round ratios'] : [])],
    rows.map((r) => [
      r.name,
      r.o.toFixed(2),
      r.p === undefined ? '-' : r.p.toFixed(2),
      r.ratio === undefined ? '-' : r.ratio.toFixed(2) + '×',
      ...(rounds > 1 ? [r.t ? perRound(r.ms, r.t) : '-'] : []),
    ]),
  );
  console.log(
    `(float64, forward + backward + SGD; median of ${REPS} after ${WARMUP} warm-up steps` +
      `${rounds > 1 ? `, median over ${rounds} alternating rounds` : ''}; matmul kernel: ${kernelName()})`,
  );
}

/** "0.85 0.46 … (median 0.67)": each round's ours/peer, which a load spike cannot skew across rounds. */
function perRound(ours: number[], theirs: number[]): string {
  const ratios = ours.map((m, i) => m / theirs[i]);
  return `${ratios.map((x) => x.toFixed(2)).join(' ')} (median ${median(ratios).toFixed(2)})`;
}

function mainMemory(args: string[]): void {
  const steps = Number(argValue(args, '--steps') ?? 1000);
  const extra = args.includes('--no-wasm') ? ['--no-wasm'] : [];
  const reports = runMemory(__filename, steps, argValue(args, '--only'), extra);
  if (args.includes('--json')) {
    for (const r of reports) process.stdout.write(JSON.stringify(r) + '\n');
    return;
  }
  table(
    ['workload', 'RSS at start MB', 'peak RSS MB', `heap+buffers MB after GC at steps ${reports[0]?.samples.map((s) => s.step).join(', ')}`, 'growth 100→end'],
    reports.map((r) => [
      r.workload,
      r.samples[0].rssMB.toFixed(1),
      r.peakRssMB.toFixed(1),
      r.samples.map((s) => (s.heapUsedMB + s.arrayBuffersMB).toFixed(1)).join(' '),
      `${r.growthMB >= 0 ? '+' : ''}${r.growthMB.toFixed(1)} MB`,
    ]),
  );
  console.log(`(each workload in its own process; ${steps} steps; GC forced before each sample; matmul kernel: ${kernelName()})`);
}

function mainScaling(args: string[], benchDir: string): void {
  const json = args.includes('--json');
  const peer = args.includes('--peer');
  const rounds = Math.max(1, Number(argValue(args, '--rounds') ?? 1));
  const ours = new Map<string, number[]>();
  const theirs = new Map<string, number[]>();
  for (let r = 0; r < rounds; r++) {
    for (const c of SCALING) {
      manualSeed(0);
      ours.set(c.name, [...(ours.get(c.name) ?? []), medianStepMs(c.make(), WARMUP, 10)]);
    }
    for (const t of (peer ? runScalingPeer(benchDir) : null) ?? []) {
      theirs.set(t.workload, [...(theirs.get(t.workload) ?? []), t.step_ms_median]);
    }
  }
  const rows: string[][] = [];
  for (const c of SCALING) {
    const ms = round3(median(ours.get(c.name)!));
    const t = theirs.get(c.name);
    const p = t === undefined ? undefined : round3(median(t));
    const ratio = p === undefined ? undefined : Math.round((ms / p) * 100) / 100;
    if (json) {
      process.stdout.write(JSON.stringify({ workload: c.name, group: c.group, value: c.value, step_ms_median: ms, peer_step_ms_median: p, ratio }) + '\n');
    } else {
      rows.push([c.group, String(c.value), c.name, ms.toFixed(2), p === undefined ? '-' : p.toFixed(2), ratio === undefined ? '-' : ratio.toFixed(2) + '×']);
    }
  }
  if (!json) {
    table(['knob', 'value', 'case', 'gradlab ms', 'pytorch ms', 'ratio'], rows);
    console.log(
      `(median of 10 after ${WARMUP} warm-up steps${rounds > 1 ? `, median over ${rounds} alternating rounds` : ''}; matmul kernel: ${kernelName()})`,
    );
  }
}

function main(): void {
  const args = process.argv.slice(2);
  if (args.includes('--no-wasm')) setWasmGemmEnabled(false);
  const child = argValue(args, '--memory-child');
  if (child !== undefined) return memoryChild(child, Number(argValue(args, '--steps') ?? 1000));
  const repoRoot = path.resolve(__dirname, '..');
  if (args.includes('--memory')) return mainMemory(args);
  if (args.includes('--scaling')) return mainScaling(args, path.join(repoRoot, 'bench'));
  mainTimings(args, repoRoot);
}

main();
