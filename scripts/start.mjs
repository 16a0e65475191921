#!/usr/bin/env node
// `npm start`: the quick start on a fresh clone. Installs dependencies (if missing), builds and packages
// the VSIX, then opens GradLab:
//   - in desktop VS Code when the `code` command exists (installs the VSIX, opens a course folder);
//   - otherwise in the browser VS Code (code-server 4.100.3 from npm), at a printed localhost URL.
// In the opened window run "GradLab: Start Course" (the walkthrough shows it on first install).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnPlan } from './win-spawn.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const courseDir = process.env.GRADLAB_COURSE_DIR || path.join(homedir(), 'gradlab-course');
const port = Number(process.env.GRADLAB_PORT || 8765);

function step(title, cmd, args, opts = {}) {
  console.log(`\n▶ ${title}`);
  const plan = spawnPlan(cmd, args);
  const r = spawnSync(plan.file, plan.args, { cwd: root, stdio: 'inherit', shell: plan.shell, ...opts });
  if (r.status !== 0) {
    console.error(`✗ ${title} failed (${r.error ? r.error.message : `exit ${r.status}`}).`);
    process.exit(r.status || 1);
  }
}
const has = (cmd) => spawnSync(process.platform === 'win32' ? 'where' : 'which', [cmd], { stdio: 'ignore' }).status === 0;

if (!existsSync(path.join(root, 'node_modules', '.bin', 'esbuild'))) step('Installing dependencies (npm ci)', 'npm', ['ci']);
step('Building and packaging gradlab.vsix', 'npm', ['run', 'package']);
mkdirSync(courseDir, { recursive: true });
const vsix = path.join(root, 'gradlab.vsix');

if (has('code') && process.env.GRADLAB_BROWSER !== '1') {
  step('Installing the extension into VS Code', 'code', ['--install-extension', vsix, '--force']);
  step(`Opening ${courseDir}`, 'code', [courseDir]);
  console.log('\n✓ VS Code is open. Run "GradLab: Start Course" from the command palette (F1).');
} else {
  step('Setting up the browser VS Code (code-server 4.100.3, first time ≈ 1 min)', 'npm', ['run', 'setup:code-server']);
  const { codeServerEntry } = await import('./vscode/code-server-paths.mjs');
  const dataDir = path.join(root, '.vscode-test', 'start');
  // The same isolated folders as the test launcher (test/vscode/launcher/code-server.ts): nothing lands in ~.
  const common = ['--user-data-dir', path.join(dataDir, 'user-data'), '--extensions-dir', path.join(dataDir, 'extensions'),
    '--config', path.join(dataDir, 'config', 'config.yaml'), '--disable-telemetry', '--disable-update-check'];
  for (const d of ['user-data', 'extensions', 'config']) mkdirSync(path.join(dataDir, d), { recursive: true });
  step('Installing the extension into the browser VS Code', process.execPath,
    [codeServerEntry(), ...common, '--install-extension', vsix, '--force']);
  const child = spawn(process.execPath, [codeServerEntry(), ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    courseDir], { stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`\n✓ GradLab is running in the browser VS Code: http://127.0.0.1:${port}/?folder=${encodeURIComponent(courseDir)}`);
  console.log('  Run "GradLab: Start Course" from the command palette (F1). Ctrl-C stops the server.');
  process.on('SIGINT', () => { child.kill(); process.exit(0); });
  child.on('exit', (code) => process.exit(code ?? 0));
}
