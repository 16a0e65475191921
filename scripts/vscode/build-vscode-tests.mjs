#!/usr/bin/env node
// Compiles the integration suite (test/vscode/suite/*.ts) to out/test/vscode/suite/*.js for the
// extension host, which cannot load TypeScript. Separate from esbuild.config.mjs because it is
// test-only output. Each entry is bundled on its own (so tests may import src/ helpers and the
// `gradlab` alias); only `vscode` is left to the host.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { REPO_ROOT } from './code-server-paths.mjs';

const suiteDir = path.join(REPO_ROOT, 'test', 'vscode', 'suite');
const outDir = path.join(REPO_ROOT, 'out', 'test', 'vscode', 'suite');

const entryPoints = fs
  .readdirSync(suiteDir)
  .filter((name) => name === 'index.ts' || name.endsWith('.test.ts'))
  .map((name) => path.join(suiteDir, name));

// Stale outputs of deleted tests would still be picked up by index.js: start clean.
fs.rmSync(outDir, { recursive: true, force: true });
const started = Date.now();
await esbuild.build({
  entryPoints,
  outdir: outDir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  // mocha is bundled too: mocha 12 needs require(esm) (Node ≥ 20.19), which an older Electron may lack.
  external: ['vscode'],
  alias: { gradlab: path.join(REPO_ROOT, 'src', 'engine', 'index.ts') },
  logLevel: 'warning',
  // Only mocha's parallel mode uses these require.resolve() calls; the suite runs serially.
  logOverride: { 'require-resolve-not-external': 'silent' },
});
console.log(`[build:vscode-tests] ${entryPoints.length} files → ${path.relative(REPO_ROOT, outDir)} in ${Date.now() - started} ms`);
