// Entry point VS Code loads as `extensionTestsPath`: runs every *.test.js next to it with mocha,
// inside the extension host, with the full `vscode` API. Used by both launchers
// (run-web.ts: code-server + Chromium, offline; run-electron.ts: desktop VS Code).
//
// The report goes to a file because the host's exit code says nothing in the browser case.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { FALLBACK_RESULTS_PATH, GREP_ENV, RESULTS_FILE_ENV, WORKSPACE_TRUST_ENV } from '../results-contract';

/** The suites that make sense in a window opened in real Restricted Mode (the rest assume trust). */
const RESTRICTED_RUN_GREP = 'Restricted Mode';

function resultsFile(): string {
  const fromEnv = process.env[RESULTS_FILE_ENV];
  if (fromEnv) return fromEnv;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) throw new Error(`${RESULTS_FILE_ENV} is unset and no workspace folder is open: nowhere to write results`);
  return path.join(folder, FALLBACK_RESULTS_PATH);
}

/** Written when mocha never got to run, so the launcher reports the cause instead of "no results". */
function writeSetupError(file: string, err: unknown): void {
  const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
  const empty = { suites: 0, tests: 0, passes: 0, pending: 0, failures: 0 };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ stats: empty, tests: [], passes: [], failures: [], pending: [], setupError: message }));
}

export async function run(): Promise<void> {
  const output = resultsFile();
  fs.rmSync(output, { force: true });
  let failures: number;
  try {
    const mocha = new Mocha({
      ui: 'tdd',
      color: false,
      timeout: 30_000,
      reporter: 'json',
      reporterOptions: { output },
      grep: process.env[GREP_ENV] || (process.env[WORKSPACE_TRUST_ENV] === '1' ? RESTRICTED_RUN_GREP : undefined),
    });
    const testFiles = fs
      .readdirSync(__dirname)
      .filter((name) => name.endsWith('.test.js'))
      .sort();
    if (testFiles.length === 0) throw new Error(`no *.test.js files in ${__dirname}: run the suite build first`);
    for (const name of testFiles) mocha.addFile(path.join(__dirname, name));

    failures = await new Promise<number>((resolve) => {
      const runner = mocha.run(resolve);
      // Live progress in the extension host log / browser console; the JSON file is the verdict.
      runner.on('pass', (test) => console.log(`[gradlab-suite] ✓ ${test.fullTitle()}`));
      runner.on('fail', (test, err: Error) => console.log(`[gradlab-suite] ✗ ${test.fullTitle()}: ${err.message}`));
    });
  } catch (err) {
    writeSetupError(output, err);
    throw err;
  }
  // Rejecting makes desktop VS Code exit non-zero (test-electron); the web host ignores it.
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
