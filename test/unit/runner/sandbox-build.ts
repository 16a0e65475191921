/**
 * Builds the two sandbox bundles from the current sources into a private temp folder once per test
 * process (esbuild takes well under a second), so runner tests never depend on a stale dist/ or
 * clobber the one other builds write. Options mirror esbuild.config.mjs.
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RunRequest } from '../../../src/runner/types';

const root = path.resolve(__dirname, '../../..');
let built: Promise<string> | undefined;

export function sandboxDistDir(): Promise<string> {
  built ??= (async () => {
    const outdir = mkdtempSync(path.join(os.tmpdir(), 'gradlab-runner-test-'));
    process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
    const common = { bundle: true, logLevel: 'silent' as const, legalComments: 'none' as const, alias: { gradlab: path.join(root, 'src/engine/index.ts') } };
    await Promise.all([
      build({ ...common, entryPoints: [path.join(root, 'src/runner/sandbox/host.ts')], outfile: path.join(outdir, 'sandbox-host.js'), platform: 'node', format: 'cjs', target: 'node20' }),
      build({
        ...common,
        entryPoints: [path.join(root, 'src/runner/sandbox/runtime.ts')],
        outfile: path.join(outdir, 'sandbox-runtime.js'),
        platform: 'neutral',
        format: 'iife',
        globalName: '__gradlabRuntime',
        target: 'es2022',
        mainFields: ['module', 'main'],
      }),
    ]);
    return outdir;
  })();
  return built;
}

export const fixtures = path.resolve(root, 'test/fixtures/submissions');

/** A request against the fixture harness; short limits keep the suite quick. */
export function fixtureRequest(submission: string, overrides: Partial<RunRequest> = {}): RunRequest {
  return {
    harnessFile: path.join(fixtures, 'harness.ts'),
    submissionFile: path.join(fixtures, submission),
    submissionDisplayName: 'clip.ts',
    requiredExports: [{ name: 'clipByNorm', kind: 'function' }],
    bannedHelpers: ['clipGradNorm_'],
    seeds: [1, 2],
    timeMsPerSeed: 1500,
    memoryMb: 128,
    ...overrides,
  };
}
