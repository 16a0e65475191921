// Runs the integration suite (out/test/vscode/suite) inside a real VS Code, offline:
// code-server 4.100.3 (= VS Code 1.100.3) + Debian's Chromium driven by playwright-core.
//
//   npm run test:vscode-web        (builds the suite, then runs this file with tsx)
//
// Assumes `npm run build` ran (dist/extension.js) and `npm run setup:code-server` installed code-server.
// Pass/fail comes from the mocha JSON report the suite writes, never from an exit code: the
// browser's extension host "exits" 0 either way.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT } from '../../scripts/vscode/code-server-paths.mjs';
import { launchChromium } from './launcher/chromium';
import { startCodeServer, type CodeServer } from './launcher/code-server';
import { readResults, summarize } from './launcher/summary';
import { createTempRun } from './launcher/temp-dir';
import { GREP_ENV, RESULTS_FILE_ENV, WORKSPACE_TRUST_ENV, type SuiteResults } from './results-contract';

const SUITE_ENTRY = path.join(REPO_ROOT, 'out', 'test', 'vscode', 'suite', 'index.js');
const EXTENSION_MAIN = path.join(REPO_ROOT, 'dist', 'extension.js');
/** Whole run, start to finish: a hung VS Code must not hang CI. */
const RUN_TIMEOUT_MS = Number(process.env.GRADLAB_VSCODE_TIMEOUT_MS ?? 300_000);
const VERBOSE = process.env.GRADLAB_VERBOSE === '1';
/**
 * --restricted or GRADLAB_WORKSPACE_TRUST=1 (`npm run test:vscode-web:restricted`): start code-server with Workspace
 * Trust enabled on a folder nobody has trusted, so the window is in real Restricted Mode and the
 * suite's restricted-mode tests go through `vscode.workspace.isTrusted` instead of the test override.
 * The suite learns the mode from the same variable (see results-contract.ts).
 */
const WORKSPACE_TRUST = process.env[WORKSPACE_TRUST_ENV] === '1' || process.argv.includes('--restricted');
const MODE = WORKSPACE_TRUST ? 'restricted' : 'trusted';

/** Logs of a failed run are copied here (gitignored) before the temp folder goes away. */
const FAILURE_LOGS_DIR = path.join(REPO_ROOT, 'test-results', 'vscode-web');

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const log = (msg: string) => console.log(`[test:vscode-web ${elapsed()}] ${msg}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function requireBuildOutputs(): void {
  const missing = [
    [EXTENSION_MAIN, 'npm run build'],
    [SUITE_ENTRY, 'node scripts/vscode/build-vscode-tests.mjs'],
  ].filter(([file]) => !fs.existsSync(file!));
  if (missing.length > 0) {
    throw new Error(missing.map(([file, fix]) => `missing ${file}: run \`${fix}\` first`).join('\n'));
  }
}

/** Keeps the page's console for the failure report; echoes the suite's own progress lines. */
function watchConsole(page: Page): string[] {
  const lines: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    lines.push(`[${message.type()}] ${text}`);
    if (VERBOSE || text.includes('[gradlab-suite]')) console.log(`    ${text.replace(/^.*\[gradlab-suite\] /, '')}`);
  });
  page.on('pageerror', (error) => lines.push(`[pageerror] ${error.message}`));
  return lines;
}

/** Polls for the report; the page closing without one (or the deadline) is a failure with context. */
async function waitForResults(page: Page, resultsFile: string, deadline: number): Promise<SuiteResults> {
  let closedAt: number | undefined;
  page.once('close', () => (closedAt = Date.now()));
  for (;;) {
    const results = readResults(resultsFile);
    if (results) return results;
    // The reporter writes right before run() settles and the page closes: allow a short grace period.
    if (closedAt !== undefined && Date.now() - closedAt > 5_000) {
      throw new Error('the workbench closed without writing a results file (did run() throw before mocha started?)');
    }
    if (Date.now() > deadline) throw new Error(`no results after ${RUN_TIMEOUT_MS / 1000} s (GRADLAB_VSCODE_TIMEOUT_MS)`);
    await sleep(500);
  }
}

/** code-server's own log and VS Code's log folder (extension host, remote agent). */
function saveFailureLogs(stateDir: string, server: CodeServer | undefined, consoleLines: string[]): void {
  try {
    fs.rmSync(FAILURE_LOGS_DIR, { recursive: true, force: true });
    fs.mkdirSync(FAILURE_LOGS_DIR, { recursive: true });
    if (server && fs.existsSync(server.logFile)) fs.copyFileSync(server.logFile, path.join(FAILURE_LOGS_DIR, 'code-server.log'));
    const vscodeLogs = path.join(stateDir, 'user-data', 'logs');
    if (fs.existsSync(vscodeLogs)) fs.cpSync(vscodeLogs, path.join(FAILURE_LOGS_DIR, 'vscode-logs'), { recursive: true });
    fs.writeFileSync(path.join(FAILURE_LOGS_DIR, 'browser-console.log'), consoleLines.join('\n') + '\n');
    console.log(`  logs of this run: ${path.relative(process.cwd(), FAILURE_LOGS_DIR)}/`);
  } catch (err) {
    console.warn(`  could not save logs: ${(err as Error).message}`);
  }
}

async function main(): Promise<boolean> {
  requireBuildOutputs();
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  const temp = createTempRun('gradlab-vscode-web');
  const resultsFile = path.join(temp.root, 'results', 'mocha.json');
  const stateDir = path.join(temp.root, 'state');
  let ok = false;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let consoleLines: string[] = [];
  // Last resort if something below ignores its own timeout: kill everything we started and exit.
  const watchdog = setTimeout(() => {
    console.error(`[test:vscode-web] watchdog: still running after ${(RUN_TIMEOUT_MS + 60_000) / 1000} s, killing`);
    server?.killNow();
    process.exit(3);
  }, RUN_TIMEOUT_MS + 60_000);
  watchdog.unref();

  try {
    server = await startCodeServer({
      stateDir,
      workspaceDir: path.join(temp.root, 'workspace'),
      workspaceTrust: WORKSPACE_TRUST,
      // No modal "Do you trust the authors…?" at startup: the window simply opens restricted.
      userSettings: WORKSPACE_TRUST ? { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.enabled': true } : undefined,
      env: {
        [RESULTS_FILE_ENV]: resultsFile,
        [GREP_ENV]: process.env[GREP_ENV] ?? '',
        [WORKSPACE_TRUST_ENV]: WORKSPACE_TRUST ? '1' : '',
      },
    });
    log(`code-server ready on ${server.origin} (Workspace Trust ${WORKSPACE_TRUST ? 'ON, untrusted folder' : 'disabled'})`);
    browser = await launchChromium();
    const page = await browser.newPage();
    consoleLines = watchConsole(page);
    const url = server.workbenchUrl([
      ['extensionDevelopmentPath', server.remoteUri(REPO_ROOT)],
      ['extensionTestsPath', server.remoteUri(SUITE_ENTRY)],
    ]);
    await page.goto(url, { timeout: 60_000 });
    log('workbench loaded; suite running');
    const results = await waitForResults(page, resultsFile, deadline);
    const verdict = summarize(results);
    console.log(`\nVS Code ${'1.100.3'} (code-server) integration suite, ${MODE} window:\n${verdict.text}\n`);
    if (!verdict.ok && !VERBOSE) {
      const errors = consoleLines.filter((line) => /^\[(error|pageerror)\]/.test(line)).slice(-20);
      if (errors.length > 0) console.log(`  last browser console errors:\n    ${errors.join('\n    ')}\n`);
    }
    ok = verdict.ok;
    return ok;
  } catch (err) {
    console.error(`[test:vscode-web] ${(err as Error).message}`);
    if (server) console.error(`  code-server output:\n${server.recentOutput(30)}`);
    if (consoleLines.length > 0) console.error(`  last browser console lines:\n    ${consoleLines.slice(-30).join('\n    ')}`);
    return false;
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (!ok) saveFailureLogs(stateDir, server, consoleLines);
    clearTimeout(watchdog);
    temp.cleanup();
    log('done');
  }
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
