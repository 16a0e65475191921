/**
 * `--memory`: each workload in a fresh child process (so peak RSS is that workload's own), run for
 * `--steps` steps (default 1,000) with a full GC before every sample. A leaked graph (closures
 * holding every step's activations) would show as heap / array-buffer bytes growing step after
 * step; a healthy engine plateaus after warm-up. The child needs --expose-gc; the parent passes it.
 */
import { spawnSync } from 'node:child_process';
import { WORKLOADS } from './workloads';
import { manualSeed } from '../src/engine/index';

export interface MemorySample {
  step: number;
  rssMB: number;
  heapUsedMB: number;
  arrayBuffersMB: number;
}

export interface MemoryReport {
  workload: string;
  steps: number;
  peakRssMB: number;
  samples: MemorySample[];
  /** Heap + array buffers after GC: last sample minus the one at step 100 (after warm-up). */
  growthMB: number;
}

const MB = 1024 * 1024;
const r1 = (x: number): number => Math.round(x * 10) / 10;

/** Child side: runs one workload and prints one JSON line. */
export function memoryChild(name: string, steps: number): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('--memory-child needs node --expose-gc');
  const w = WORKLOADS.find((x) => x.name === name);
  if (w === undefined) throw new Error(`unknown workload ${name}`);
  manualSeed(0);
  const step = w.make();
  const sample = (s: number): MemorySample => {
    // Twice: array-buffer backing stores are swept after the GC that found them dead, so a single
    // gc() can still count the last steps' Float64Arrays.
    gc();
    gc();
    const m = process.memoryUsage();
    return { step: s, rssMB: r1(m.rss / MB), heapUsedMB: r1(m.heapUsed / MB), arrayBuffersMB: r1(m.arrayBuffers / MB) };
  };
  const samples: MemorySample[] = [sample(0)];
  const every = Math.max(1, Math.floor(steps / 10));
  for (let s = 1; s <= steps; s++) {
    step();
    if (s === 10 || s % every === 0) samples.push(sample(s));
  }
  const at100 = samples.find((x) => x.step >= Math.min(100, steps)) ?? samples[0];
  const last = samples[samples.length - 1];
  const report: MemoryReport = {
    workload: name,
    steps,
    peakRssMB: r1((process.resourceUsage().maxRSS * 1024) / MB),
    samples,
    growthMB: r1(last.heapUsedMB + last.arrayBuffersMB - (at100.heapUsedMB + at100.arrayBuffersMB)),
  };
  process.stdout.write(JSON.stringify(report) + '\n');
}

/** Parent side: one child per workload. */
export function runMemory(script: string, steps: number, only: string | undefined, extraArgs: string[]): MemoryReport[] {
  const out: MemoryReport[] = [];
  for (const w of WORKLOADS) {
    if (only && w.name !== only) continue;
    const r = spawnSync(process.execPath, ['--expose-gc', script, '--memory-child', w.name, '--steps', String(steps), ...extraArgs], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`memory child for ${w.name} failed: ${r.stderr}`);
    out.push(JSON.parse(r.stdout.trim().split('\n').pop()!) as MemoryReport);
  }
  return out;
}
