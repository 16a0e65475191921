// A GradLab-equipped VS Code in a browser, for E2E tests: code-server with the packaged VSIX
// installed into a fresh extensions folder, a fresh profile and workspace, driven by Chromium.
//
//   const wb = await startWorkbench({ vsix });
//   await runCommand(wb.page, 'GradLab: Show Log');
//   await wb.screenshot('show-log');
//   await wb.stop();
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { REPO_ROOT } from '../../../scripts/vscode/code-server-paths.mjs';
import { launchChromium } from '../../vscode/launcher/chromium';
import { installVsix, startCodeServer, type CodeServer } from '../../vscode/launcher/code-server';
import { createTempRun, type TempRun } from '../../vscode/launcher/temp-dir';
import { ConsoleLog } from './console-log';

/** Screenshots and console logs land here (gitignored). */
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results', 'e2e');

export interface WorkbenchOptions {
  /** Path of the VSIX to install (see packageVsix). */
  vsix: string;
  /** Files to create in the workspace before VS Code opens it: relative path → content. */
  workspaceFiles?: Record<string, string>;
  /** Keep Workspace Trust on (only for trust tests); default off. */
  workspaceTrust?: boolean;
  userSettings?: Record<string, unknown>;
}

export interface Workbench {
  readonly server: CodeServer;
  readonly browser: Browser;
  readonly page: Page;
  readonly console: ConsoleLog;
  readonly workspaceDir: string;
  /** Saves test-results/e2e/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Closes the browser, stops code-server, saves the console log, removes temp files. */
  stop(): Promise<void>;
}

/** Ready = the workbench shell is rendered and the extension host has connected (status bar filled). */
async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  await page.locator('.part.statusbar .statusbar-item').first().waitFor({ state: 'visible', timeout: 60_000 });
}

export async function startWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const temp: TempRun = createTempRun('gradlab-e2e');
  const stateDir = path.join(temp.root, 'state');
  const workspaceDir = path.join(temp.root, 'workspace');
  for (const [relative, content] of Object.entries(options.workspaceFiles ?? {})) {
    fs.mkdirSync(path.dirname(path.join(workspaceDir, relative)), { recursive: true });
    fs.writeFileSync(path.join(workspaceDir, relative), content);
  }
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    installVsix(stateDir, options.vsix);
    server = await startCodeServer({
      stateDir,
      workspaceDir,
      workspaceTrust: options.workspaceTrust,
      userSettings: options.userSettings,
    });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(30_000);
    const consoleLog = new ConsoleLog(page);
    await page.goto(server.workbenchUrl(), { timeout: 60_000 });
    await waitForWorkbench(page);
    const started = { server, browser };
    return {
      ...started,
      page,
      console: consoleLog,
      workspaceDir,
      screenshot: (name) => screenshot(page, name),
      async stop() {
        fs.mkdirSync(RESULTS_DIR, { recursive: true });
        consoleLog.save(path.join(RESULTS_DIR, 'console.log'));
        await started.browser.close().catch(() => undefined);
        await started.server.stop();
        temp.cleanup();
      },
    };
  } catch (err) {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    temp.cleanup();
    throw err;
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file });
  return file;
}

const QUICK_INPUT = '.quick-input-widget';

/** Opens the command palette (F1) and returns its input box. */
export async function openPalette(page: Page) {
  // Focus the workbench first: a key press while nothing has focus goes nowhere.
  await page.locator('.monaco-workbench').focus();
  await page.keyboard.press('F1');
  const input = page.locator(`${QUICK_INPUT} .quick-input-box input`);
  await input.waitFor({ state: 'visible' });
  return input;
}

/**
 * Runs a command by its palette title ("GradLab: Show Log"), the way a user does: F1, type, Enter.
 * Enter is pressed only when the highlighted row is exactly that command, never a near match.
 *
 * Commands contributed by extensions reach the palette only after the remote extension host has
 * registered them, a few seconds after the workbench renders (and the palette does not refresh
 * while open), so this reopens the palette until the command shows up or `timeoutMs` passes.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const focusedLabel = page.locator(`${QUICK_INPUT} .monaco-list-row.focused .label-name`).first();
  let lastSeen = '';
  for (;;) {
    const input = await openPalette(page);
    await input.fill(`>${title}`);
    try {
      await focusedLabel.filter({ hasText: title }).waitFor({ state: 'visible', timeout: 3_000 });
      if ((await focusedLabel.textContent())?.trim() === title) break;
    } catch {
      // not (yet) the highlighted row
    }
    lastSeen = (await focusedLabel.textContent({ timeout: 1_000 }).catch(() => null))?.trim() ?? '(no rows)';
    await page.keyboard.press('Escape');
    if (Date.now() > deadline) {
      throw new Error(`command "${title}" not in the command palette after ${timeoutMs} ms (highlighted: "${lastSeen}")`);
    }
    await page.waitForTimeout(1_000);
  }
  await page.keyboard.press('Enter');
  await page.locator(QUICK_INPUT).waitFor({ state: 'hidden' });
}

/** The content frame of the active webview (VS Code nests it: outer iframe → #active-frame). */
export function webviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/**
 * The Output panel's editor while it shows channel `name`. VS Code labels the pane
 * "<channel> - Output" for screen readers: the same thing a user sees in the channel picker.
 */
export function outputPanel(page: Page, name: string) {
  return page.locator(`.part.panel .pane-body.output-view[aria-label="${name} - Output"] .view-lines`);
}
