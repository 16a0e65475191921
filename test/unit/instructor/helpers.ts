/**
 * Shared by the instructor-workflow tests: run the CLI in-process with the real layers (as
 * test/unit/cli/integration.test.ts does), or the built binary, and the repository's TypeScript.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultDeps } from '../../../src/cli/default-deps';
import type { CliIO } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/program';

export const ROOT = path.resolve(__dirname, '../../..');
export const DIST = path.join(ROOT, 'dist');
export const CLI_BUNDLE = path.join(DIST, 'cli.js');

export const haveSandbox = (): boolean =>
  fs.existsSync(path.join(DIST, 'sandbox-host.js')) && fs.existsSync(path.join(DIST, 'sandbox-runtime.js'));
export const haveTypes = (): boolean => fs.existsSync(path.join(DIST, 'types', 'index.d.ts'));

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** `gradlab <argv>` in-process, real layers, cwd as given (relative paths resolve against it). */
export async function gradlab(argv: string[], cwd: string = ROOT): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: CliIO = {
    stdout: (t) => { out += t; },
    stderr: (t) => { err += t; },
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: { LANG: 'en_US.UTF-8', NO_COLOR: '1' },
    cwd,
    cpus: 2,
    platform: process.platform,
  };
  const code = await runCli(argv, io, { deps: () => defaultDeps({ distDir: DIST }) });
  return { code, out, err };
}

/** `tsc --noEmit -p <project>` with the repository's TypeScript. */
export function typecheck(project: string): CliRun {
  const tsc = require.resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '-p', project], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
