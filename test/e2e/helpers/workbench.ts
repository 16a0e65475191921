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
  /** Closes the browser, stops code-server, saves the console log (test-results/e2e/<consoleLogName>), removes temp files. */
  stop(consoleLogName?: string): Promise<void>;
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
      async stop(consoleLogName = 'console.log') {
        fs.mkdirSync(RESULTS_DIR, { recursive: true });
        consoleLog.save(path.join(RESULTS_DIR, consoleLogName));
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
      // The exact title may rank below a longer near match ("Preferences: Browse Color Themes…" above
      // "Preferences: Color Theme"): walk down to it, but only when an exact row is in the list.
      const exactRow = page.locator(`${QUICK_INPUT} .monaco-list-row .label-name`).getByText(title, { exact: true });
      await exactRow.first().waitFor({ state: 'visible', timeout: 3_000 });
      for (let step = 0; step < 10 && (await focusedLabel.textContent())?.trim() !== title; step++) {
        await page.keyboard.press('ArrowDown');
      }
      if ((await focusedLabel.textContent())?.trim() === title) break;
    } catch {
      // not (yet) in the list
    }
    lastSeen = (await focusedLabel.textContent({ timeout: 1_000 }).catch(() => null))?.trim() ?? '(no rows)';
    await page.keyboard.press('Escape');
    if (Date.now() > deadline) {
      throw new Error(`command "${title}" not in the command palette after ${timeoutMs} ms (highlighted: "${lastSeen}")`);
    }
    await page.waitForTimeout(1_000);
  }
  await page.keyboard.press('Enter');
  // Done when the palette has closed, or has been replaced by the command's own quick pick (the same
  // widget, reused at once by e.g. "Preferences: Color Theme").
  await page.waitForFunction(
    ([widget, typed]) => {
      const box = document.querySelector<HTMLElement>(widget);
      const input = box?.querySelector<HTMLInputElement>('.quick-input-box input');
      return !box || box.style.display === 'none' || box.offsetParent === null || input?.value !== typed;
    },
    [QUICK_INPUT, `>${title}`] as const,
    { timeout: 30_000 },
  );
}

/** The open quick input (palette, quick pick, simple file dialog, Go to Line). */
export function quickInput(page: Page) {
  return page.locator(QUICK_INPUT);
}

/** Waits for a quick input whose text contains `title` (e.g. a quick pick's title) and returns its box. */
export async function waitForQuickInput(page: Page, title: string) {
  await page.locator(QUICK_INPUT).filter({ hasText: title }).waitFor({ state: 'visible' });
  return page.locator(`${QUICK_INPUT} .quick-input-box input`);
}

/**
 * Highlights the first quick-pick row containing `text` with the arrow keys (a filter may leave another
 * row on top, e.g. "Browse Additional Color Themes…") and accepts it with Enter.
 */
export async function acceptQuickPickRow(page: Page, text: string): Promise<void> {
  const rows = page.locator(`${QUICK_INPUT} .monaco-list-row`);
  await rows.filter({ hasText: text }).first().waitFor({ state: 'visible' });
  const focused = rows.and(page.locator('.focused')).filter({ hasText: text });
  for (let step = 0; step < 10 && (await focused.count()) === 0; step++) await page.keyboard.press('ArrowDown');
  await focused.first().waitFor({ state: 'visible', timeout: 5_000 });
  await page.keyboard.press('Enter');
}

/**
 * Editor settings that make keyboard typing land as typed: no auto-closed brackets or quotes (the
 * test types both halves), no suggest widget that Enter could accept. Auto-indent stays on, so the
 * test types lines without leading spaces, like a person does.
 */
export const PREDICTABLE_TYPING_SETTINGS: Record<string, unknown> = {
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoClosingComments': 'never',
  'editor.autoSurround': 'never',
  'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  'editor.suggestOnTriggerCharacters': false,
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.formatOnType': false,
  'editor.parameterHints.enabled': false,
  'editor.inlineSuggest.enabled': false,
};

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
