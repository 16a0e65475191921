// Runs the same integration suite (out/test/vscode/suite) in desktop VS Code via @vscode/test-electron.
//
//   npm run test:vscode          (builds the suite, then runs this file with tsx)
//
// Which VS Code:
//   VSCODE_EXECUTABLE_PATH=/path/to/code   use an installed desktop VS Code (works offline);
//   unset                                  @vscode/test-electron downloads VS Code ${VSCODE_TEST_VERSION:-1.100.3}
//                                          into .vscode-test/ (needs network);
//   GRADLAB_ALLOW_SKIP_ELECTRON=1          with no VSCODE_EXECUTABLE_PATH: print a skip notice and exit 0
//                                          (for offline machines; run `npm run test:vscode-web` there instead).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO_ROOT } from '../../scripts/vscode/code-server-paths.mjs';
import { readResults, summarize } from './launcher/summary';
import { createTempRun } from './launcher/temp-dir';
import { GREP_ENV, RESULTS_FILE_ENV } from './results-contract';

const SUITE_ENTRY = path.join(REPO_ROOT, 'out', 'test', 'vscode', 'suite', 'index.js');
const RUN_TIMEOUT_MS = Number(process.env.GRADLAB_VSCODE_TIMEOUT_MS ?? 600_000); // includes a download
/** Matches engines.vscode and the offline code-server (1.100.3), so both layers test the same VS Code. */
const DEFAULT_VERSION = '1.100.3';

async function main(): Promise<boolean> {
  const executable = process.env.VSCODE_EXECUTABLE_PATH;
  if (!executable && process.env.GRADLAB_ALLOW_SKIP_ELECTRON === '1') {
    console.log(
      '[test:vscode] SKIPPED: VSCODE_EXECUTABLE_PATH is not set and GRADLAB_ALLOW_SKIP_ELECTRON=1.\n' +
        '  Set VSCODE_EXECUTABLE_PATH to the Electron binary of a desktop VS Code (Linux: /usr/share/code/code) to run this layer, or use\n' +
        '  `npm run test:vscode-web` (code-server + Chromium, offline).',
    );
    return true;
  }
  if (executable && !fs.existsSync(executable)) throw new Error(`VSCODE_EXECUTABLE_PATH=${executable} does not exist`);
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js missing: run `npm run build` first');
  if (!fs.existsSync(SUITE_ENTRY)) throw new Error(`${SUITE_ENTRY} missing: run \`node scripts/vscode/build-vscode-tests.mjs\``);
  if (!executable) {
    console.log(
      `[test:vscode] VSCODE_EXECUTABLE_PATH unset: downloading VS Code ${process.env.VSCODE_TEST_VERSION ?? DEFAULT_VERSION} ` +
        '(needs network; offline, set GRADLAB_ALLOW_SKIP_ELECTRON=1 and use `npm run test:vscode-web`)',
    );
  }

  const temp = createTempRun('gradlab-vscode-electron');
  const resultsFile = path.join(temp.root, 'results', 'mocha.json');
  const workspaceDir = path.join(temp.root, 'workspace');
  fs.mkdirSync(workspaceDir, { recursive: true });
  // On timeout, emulate Ctrl+C twice: @vscode/test-electron then closes and finally kills VS Code's tree.
  const watchdog = setTimeout(() => {
    console.error(`[test:vscode] no result after ${RUN_TIMEOUT_MS / 1000} s (GRADLAB_VSCODE_TIMEOUT_MS): closing VS Code`);
    process.emit('SIGINT');
    setTimeout(() => process.emit('SIGINT'), 5_000).unref();
    setTimeout(() => process.exit(1), 10_000).unref();
  }, RUN_TIMEOUT_MS);

  try {
    let exitCode: number | undefined;
    try {
      exitCode = await runTests({
        vscodeExecutablePath: executable,
        version: executable ? undefined : (process.env.VSCODE_TEST_VERSION ?? DEFAULT_VERSION),
        timeout: 60_000, // idle timeout of the download
        extensionDevelopmentPath: REPO_ROOT,
        extensionTestsPath: SUITE_ENTRY,
        extensionTestsEnv: { [RESULTS_FILE_ENV]: resultsFile, [GREP_ENV]: process.env[GREP_ENV] ?? '' },
        launchArgs: [
          workspaceDir,
          '--disable-extensions', // other installed extensions must not influence our results
          '--disable-workspace-trust',
          '--user-data-dir', path.join(temp.root, 'user-data'),
          '--skip-welcome',
          '--skip-release-notes',
        ],
      });
    } catch (err) {
      // A failing suite also lands here (non-zero exit); the report below says what failed.
      console.error(`[test:vscode] ${(err as Error).message}`);
      if (!executable && /ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/.test((err as Error).message)) {
        console.error('  (no network to download VS Code: set VSCODE_EXECUTABLE_PATH, or GRADLAB_ALLOW_SKIP_ELECTRON=1)');
        return false;
      }
    }
    const results = readResults(resultsFile);
    if (!results) {
      console.error(`[test:vscode] no results file at ${resultsFile} (VS Code exit code ${exitCode ?? 'n/a'})`);
      return false;
    }
    const verdict = summarize(results);
    console.log(`\nVS Code (desktop, @vscode/test-electron) integration suite:\n${verdict.text}\n`);
    return verdict.ok;
  } finally {
    clearTimeout(watchdog);
    temp.cleanup();
  }
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (err) => {
    console.error(`[test:vscode] ${(err as Error).message}`);
    process.exit(1);
  },
);
