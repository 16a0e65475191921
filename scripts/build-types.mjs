#!/usr/bin/env node
// Emits the engine's type declarations (dist/types/index.d.ts and friends) with tsc, for learners'
// editors: Start Course copies dist/types into each course folder. Part of `npm run build`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist', 'types');
const started = Date.now();
fs.rmSync(outDir, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.types.json'), '--emitDeclarationOnly'], { stdio: 'inherit', cwd: root });
if (result.status !== 0) {
  console.error('[build-types] tsc failed: the engine must type-check on its own (src/engine imports nothing else).');
  process.exit(result.status ?? 1);
}
if (!fs.existsSync(path.join(outDir, 'index.d.ts'))) {
  console.error(`[build-types] ${path.relative(root, outDir)}/index.d.ts was not written`);
  process.exit(1);
}
const files = fs.readdirSync(outDir, { recursive: true }).filter((f) => String(f).endsWith('.d.ts')).length;
console.log(`[build-types] ${files} declaration files → ${path.relative(root, outDir)} in ${Date.now() - started} ms`);
