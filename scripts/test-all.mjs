#!/usr/bin/env node
// `npm test`: every test layer, fastest first, each timed, with one plain closing line.
//   build → typecheck → lint → unit (mocha, plain Node) → integration in a real VS Code (code-server),
//   trusted and in real Restricted Mode → browser E2E (the packaged VSIX in code-server, driven by Chromium) → desktop VS Code (only when
//   VSCODE_EXECUTABLE_PATH points at one).
// Every layer runs even when an earlier one failed, so one run shows everything that is broken.
// GRADLAB_SKIP_BROWSER=1 skips the two layers that need Chromium (said loudly, never silently).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumExecutable } from './vscode/code-server-paths.mjs';
import { spawnPlan } from './win-spawn.mjs';

const chromium = chromiumExecutable();
const skipBrowser = process.env.GRADLAB_SKIP_BROWSER === '1';

/** Layers: name, npm script, whether it reports mocha-style "N passing / N failing" counts. */
const layers = [
  { name: 'build', script: 'build' },
  { name: 'typecheck', script: 'typecheck' },
  { name: 'lint', script: 'lint' },
  { name: 'unit', script: 'test:unit', counts: true },
  { name: 'code-server setup', script: 'setup:code-server', browser: true },
  { name: 'integration (VS Code)', script: 'test:vscode-web', counts: true, browser: true },
  { name: 'integration (Restricted Mode)', script: 'test:vscode-web:restricted', counts: true, browser: true },
  { name: 'browser E2E', script: 'test:e2e', counts: true, browser: true },
];
if (process.env.VSCODE_EXECUTABLE_PATH) layers.push({ name: 'integration (desktop VS Code)', script: 'test:vscode', counts: true });

function prerequisiteProblem() {
  if (skipBrowser) return null;
  if (!existsSync(chromium)) {
    return `Chromium is needed for the VS Code and browser tests but ${chromium} does not exist.\n` +
      '  Debian/Ubuntu: apt-get install -y chromium ripgrep libkrb5-dev g++ make python3\n' +
      '  Elsewhere: set GRADLAB_CHROMIUM to a Chromium/Chrome binary, or GRADLAB_SKIP_BROWSER=1 to skip those layers.';
  }
  return null;
}

function run(script) {
  return new Promise((resolve) => {
    // npm is a .cmd shim on Windows: spawnPlan quotes one command line for cmd.exe (see win-spawn.mjs).
    const plan = spawnPlan('npm', ['run', '--silent', script]);
    const child = spawn(plan.file, plan.args, { stdio: ['ignore', 'pipe', 'pipe'], shell: plan.shell });
    let text = '';
    const forward = (stream, out) => stream.on('data', (chunk) => { out.write(chunk); text += chunk.toString(); });
    forward(child.stdout, process.stdout);
    forward(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code: code ?? 1, text }));
  });
}

const lastNumber = (text, word) => {
  const all = [...text.matchAll(new RegExp(`(\\d+) ${word}`, 'g'))];
  return all.length ? Number(all[all.length - 1][1]) : 0;
};

const problem = prerequisiteProblem();
if (problem) {
  console.error(`\n✗ ${problem}\n`);
  process.exit(1);
}

const results = [];
const started = Date.now();
for (const layer of layers) {
  if (layer.browser && skipBrowser) {
    results.push({ ...layer, status: 'skipped (GRADLAB_SKIP_BROWSER=1)', seconds: 0 });
    continue;
  }
  console.log(`\n━━ ${layer.name} (npm run ${layer.script}) ━━`);
  const t0 = Date.now();
  const { code, text } = await run(layer.script);
  const seconds = (Date.now() - t0) / 1000;
  const passed = layer.counts ? lastNumber(text, 'passing') : 0;
  const failed = layer.counts ? lastNumber(text, 'failing') : 0;
  results.push({ ...layer, status: code === 0 ? 'ok' : `FAILED (exit ${code})`, seconds, passed, failed, code });
}

// One row per layer: what ran, how it ended, how long it took (the slow layers are the browser ones).
console.log('\n━━ summary ━━');
const table = [['', 'layer', 'result', 'seconds', 'tests']];
let totalPassed = 0;
let totalFailed = 0;
for (const r of results) {
  const skipped = r.status.startsWith('skipped');
  const tests = r.counts && !skipped ? `${r.passed} passed, ${r.failed} failed` : '';
  table.push([skipped ? '-' : r.code ? '✗' : '✓', r.name, r.status, skipped ? '' : r.seconds.toFixed(1), tests]);
  totalPassed += r.passed ?? 0;
  // A layer that failed without reporting a failing test (build, lint, crash) still counts as one failure.
  totalFailed += r.code ? Math.max(1, r.failed ?? 0) : 0;
}
table.push(['', 'total', '', ((Date.now() - started) / 1000).toFixed(1), '']);
const widths = table[0].map((_, col) => Math.max(...table.map((row) => row[col].length)));
for (const row of table) {
  // Seconds right-aligned so the column reads as numbers; everything else left-aligned.
  console.log('  ' + row.map((cell, col) => (col === 3 ? cell.padStart(widths[col]) : cell.padEnd(widths[col]))).join('  ').trimEnd());
}
console.log(`${totalPassed} passed, ${totalFailed} failed`);
process.exit(results.some((r) => r.code) ? 1 : 0);
