/**
 * The PyTorch peer: ../shared/bench/torch_bench.py (three workloads) and ./torch_scaling.py (the
 * scaling grid), run with Debian's /usr/bin/python3 + python3-torch. Each returns null, with a
 * message on stderr saying what to install, when it cannot run here.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface PeerResult {
  workload: string;
  step_ms_median: number;
  peer?: string;
}

function runPython(script: string, args: string[] = []): PeerResult[] | null {
  if (!fs.existsSync(script)) {
    process.stderr.write(`peer: skipped, ${script} not found (expected next to the repository).\n`);
    return null;
  }
  const r = spawnSync('/usr/bin/python3', [script, ...args], { encoding: 'utf8' });
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

/** The shared peer script's three workloads. */
export function runPeer(repoRoot: string): PeerResult[] | null {
  return runPython(path.resolve(repoRoot, '../shared/bench/torch_bench.py'));
}

/** The scaling grid on PyTorch (names as in ./scaling.ts). */
export function runScalingPeer(benchDir: string): PeerResult[] | null {
  return runPython(path.join(benchDir, 'torch_scaling.py'));
}
