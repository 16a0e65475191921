/**
 * `npm run bench` — times the workloads of ../shared/bench/torch_bench.py on GradLab's engine.
 *   --json   one line per workload: {"workload": NAME, "step_ms_median": X}
 *   --peer   also run the PyTorch script (Debian python3-torch) and print ours/pytorch ratios
 *   --only NAME  run one workload
 * Timing matches the peer: 5 warm-up steps, then the median of 30.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WORKLOADS } from './workloads';
import { manualSeed } from '../src/engine/index';

const WARMUP = 5;
const REPS = 30;

function medianStepMs(step: () => void): number {
  for (let i = 0; i < WARMUP; i++) step();
  const times: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const t0 = performance.now();
    step();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

interface PeerResult {
  workload: string;
  step_ms_median: number;
  peer?: string;
}

/** Runs the PyTorch peer script; null (with a message on stderr) when it cannot run here. */
function runPeer(repoRoot: string): PeerResult[] | null {
  const script = path.resolve(repoRoot, '../shared/bench/torch_bench.py');
  if (!fs.existsSync(script)) {
    process.stderr.write(`peer: skipped, ${script} not found (expected next to the repository).\n`);
    return null;
  }
  const r = spawnSync('/usr/bin/python3', [script], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    const why = r.error ? r.error.message : r.stderr.trim().split('\n').pop();
    const hint = /No module named .?torch/.test(r.stderr ?? '') ? ' Install Debian python3-torch (apt-get install python3-torch).' : '';
    process.stderr.write(`peer: skipped, /usr/bin/python3 ${script} failed: ${why}.${hint}\n`);
    return null;
  }
  return r.stdout
    .split('\n')
    .filter((l) => l.trim().startsWith('{'))
    .map((l) => JSON.parse(l) as PeerResult);
}

function main(): void {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const peer = args.includes('--peer');
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
  const repoRoot = path.resolve(__dirname, '..');

  const ours: PeerResult[] = [];
  for (const w of WORKLOADS) {
    if (only && w.name !== only) continue;
    manualSeed(0);
    const ms = medianStepMs(w.make());
    ours.push({ workload: w.name, step_ms_median: Math.round(ms * 1000) / 1000 });
    if (json) process.stdout.write(JSON.stringify({ workload: w.name, step_ms_median: ours[ours.length - 1].step_ms_median }) + '\n');
  }
  const theirs = peer ? runPeer(repoRoot) : null;
  if (json) {
    if (theirs) {
      for (const t of theirs) {
        const o = ours.find((x) => x.workload === t.workload);
        if (o) process.stdout.write(JSON.stringify({ workload: t.workload, peer: t.peer, peer_step_ms_median: t.step_ms_median, ratio: Math.round((o.step_ms_median / t.step_ms_median) * 100) / 100 }) + '\n');
      }
    }
    return;
  }
  const rows = ours.map((o) => {
    const t = theirs?.find((x) => x.workload === o.workload);
    return [o.workload, o.step_ms_median.toFixed(2), t ? t.step_ms_median.toFixed(2) : '-', t ? (o.step_ms_median / t.step_ms_median).toFixed(2) + '×' : '-'];
  });
  const header = ['workload', 'gradlab ms', theirs ? theirs[0]?.peer ?? 'pytorch' : 'pytorch ms', 'ratio'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  console.log(`(float64, forward + backward + SGD; median of ${REPS} after ${WARMUP} warm-up steps)`);
}

main();
