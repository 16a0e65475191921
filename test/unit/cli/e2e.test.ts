/**
 * The shipped binary: spawns `node dist/cli.js` like a user's shell would, to catch what in-process
 * tests cannot (the bundle itself, the shebang, process exit codes, stdout/stderr separation).
 * Needs `npm run build` (npm test builds first); skipped with that reason when dist/cli.js is absent.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const EXERCISE = path.join(ROOT, 'examples/minimal-pack/sigmoid-grad');

function gradlab(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('cli binary (node dist/cli.js)', function () {
  this.timeout(60_000);
  before(function () {
    // Reason: dist/ is a build product; run `npm run build` first (npm test does).
    if (!fs.existsSync(CLI)) this.skip();
  });

  it('starts with a shebang so npm can link it as `gradlab`', () => {
    assert.ok(fs.readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node'));
  });

  it('--version prints package.json\'s version', () => {
    const r = gradlab(['--version']);
    // jsonc-parser's default (UMD) build requires its own files at run time, which a bundle cannot
    // satisfy; the node targets in esbuild.config.mjs need mainFields: ['module', 'main'].
    assert.doesNotMatch(r.err, /Cannot find module '\.\/impl\//, 'dist/cli.js bundled the UMD build of jsonc-parser: add mainFields: [\'module\', \'main\'] to the CLI target in esbuild.config.mjs');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.trim(), JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('an unknown command exits 2 with a suggestion on stderr', () => {
    const r = gradlab(['valdiate']);
    assert.equal(r.code, 2);
    assert.match(r.err, /Did you mean validate\?/);
    assert.equal(r.out, '');
  });

  it('a bad folder exits 2 with a message, never a Node stack trace', () => {
    const r = gradlab(['check', 'no/such/exercise']);
    assert.equal(r.code, 2);
    assert.match(r.err, /no such folder/);
    assert.doesNotMatch(r.err, /\n\s+at |node:internal/);
  });

  it('check: starter exits 1, reference exits 0 with one JSON object on stdout', () => {
    assert.equal(gradlab(['check', EXERCISE]).code, 1);
    const r = gradlab(['check', EXERCISE, '--file', path.join(EXERCISE, 'solution.ts'), '--json']);
    assert.equal(r.code, 0, r.err);
    const result = JSON.parse(r.out);
    assert.equal(result.passed, true);
    assert.equal(result.exercise, 'sigmoid-grad');
  });
});
