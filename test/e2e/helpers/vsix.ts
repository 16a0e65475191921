// Packages the extension exactly as users get it (a VSIX), once per E2E run.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../../scripts/vscode/code-server-paths.mjs';

const VSCE = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

/**
 * Returns <outDir>/gradlab.vsix: `vsce package --no-dependencies` over the current dist/, once per process (run
 * `npm run build` first). GRADLAB_E2E_VSIX=/path/to/gradlab.vsix tests a prebuilt package instead,
 * e.g. the production build from `npm run package`.
 */
export function packageVsix(outDir: string): string {
  // One package per mocha process: every E2E file tests the same build, and each extra `vsce package`
  // costs seconds and is one more chance to zip dist/ while another build rewrites it.
  if (packagedThisRun && fs.existsSync(packagedThisRun)) {
    fs.mkdirSync(outDir, { recursive: true });
    const copy = path.join(outDir, 'gradlab.vsix');
    if (copy !== packagedThisRun) fs.copyFileSync(packagedThisRun, copy);
    return copy;
  }
  // Packaged into a folder of its own (removed when the process exits), not into outDir, which the
  // calling file deletes in its after() hook.
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gradlab-e2e-vsix-'));
  process.once('exit', () => fs.rmSync(cacheDir, { recursive: true, force: true }));
  packagedThisRun = packageOnce(cacheDir);
  return packageVsix(outDir);
}

let packagedThisRun: string | undefined;

function packageOnce(outDir: string): string {
  const prebuilt = process.env.GRADLAB_E2E_VSIX;
  if (prebuilt) {
    if (!fs.existsSync(prebuilt)) throw new Error(`GRADLAB_E2E_VSIX=${prebuilt} does not exist`);
    return path.resolve(prebuilt);
  }
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js missing: run `npm run build` before the E2E tests');
  }
  fs.mkdirSync(outDir, { recursive: true });
  const vsix = path.join(outDir, 'gradlab.vsix');
  const result = spawnSync(process.execPath, [VSCE, 'package', '--no-dependencies', '-o', vsix], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0 || !fs.existsSync(vsix)) {
    throw new Error(`vsce package failed (status ${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
  }
  return vsix;
}
