// Browser E2E in real Restricted Mode: code-server with Workspace Trust ON and a folder nobody trusted.
// GradLab (installed from its VSIX) must still start the course and show instructions, must not run the
// learner's code, must say why and how to trust, and must grade once the learner trusts the folder
// through the panel's own "Trust this workspace…" button.
// Run: npm run build && npm run test:e2e   (needs `npm run setup:code-server` once)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { createTempRun, type TempRun } from '../vscode/launcher/temp-dir';
import { openExerciseFromPalette, startBuiltInCourseInWorkspace } from './helpers/gradlab-ui';
import { packageVsix } from './helpers/vsix';
import { runCommand, startWorkbench, webviewFrame, type Workbench } from './helpers/workbench';

const EXERCISE = { id: 'm6-clip-value', title: 'Clip gradients by value', learnerFile: 'clip-value.ts' };
const CHECK_TIMEOUT_MS = 90_000;

describe('Restricted Mode in VS Code for the Web (Workspace Trust on, untrusted folder)', function () {
  this.bail(true); // each step builds on the one before
  this.timeout(180_000);

  let vsixTemp: TempRun;
  let workbench: Workbench;
  let page: Page;
  let panel: FrameLocator;
  const restrictedModeIndicator = () => page.locator('.part.statusbar .statusbar-item').filter({ hasText: 'Restricted Mode' });

  before(async function () {
    this.timeout(240_000);
    vsixTemp = createTempRun('gradlab-vsix');
    workbench = await startWorkbench({
      vsix: packageVsix(vsixTemp.root),
      workspaceTrust: true,
      // No modal "Do you trust the authors…?" at startup: the window opens in Restricted Mode.
      userSettings: { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.enabled': true },
    });
    page = workbench.page;
    panel = webviewFrame(page);
  });

  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state === 'failed' && workbench) {
      const file = await workbench.screenshot(`FAILED-restricted-${test.title}`).catch(() => undefined);
      if (file) console.log(`      screenshot: ${path.relative(process.cwd(), file)}`);
    }
  });

  after(async () => {
    await workbench?.stop('console-restricted-mode.log');
    vsixTemp?.cleanup();
  });

  it('the window is in Restricted Mode (status bar says so)', async () => {
    await restrictedModeIndicator().first().waitFor({ state: 'visible', timeout: 30_000 });
  });

  it('Start Course still works and the panel shows the instructions with a trust banner', async () => {
    await startBuiltInCourseInWorkspace(workbench);
    await openExerciseFromPalette(page, EXERCISE.title, EXERCISE.id);
    await panel.getByTestId('instructions-body').waitFor({ state: 'visible' });
    assert.ok((await panel.getByTestId('instructions-body').innerText()).length > 200, 'the instructions are (almost) empty');
    await panel.getByTestId('trust-banner').waitFor({ state: 'visible' });
    await panel.getByTestId('trust-workspace').waitFor({ state: 'visible' });
    await panel.locator('[data-testid="status"][data-state="untrusted"]').waitFor({ state: 'visible' });
    assert.equal(await panel.getByTestId('check-button').getAttribute('aria-disabled'), 'true');
  });

  it('"GradLab: Check Exercise" runs nothing and tells the learner why and how to trust', async () => {
    await runCommand(page, 'GradLab: Check Exercise');
    // VS Code's notification, with the button that opens the trust editor.
    const toast = page.locator('.notification-toast').filter({ hasText: 'Restricted Mode' });
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await toast.innerText(), /runs nothing here[\s\S]*Trust the folder to check your code/);
    await toast.getByRole('button', { name: 'Manage Workspace Trust' }).waitFor({ state: 'visible' });
    // The panel says the same and shows no result: nothing was graded.
    await panel.getByTestId('host-error-message').filter({ hasText: 'Restricted Mode' }).waitFor({ state: 'visible' });
    assert.equal(await panel.getByTestId('check-row').count(), 0, 'check rows appeared: something was graded');
    assert.match(await panel.getByTestId('progress').innerText(), /0 attempts/);
    await toast.locator('.codicon-notifications-clear').click().catch(() => undefined); // close it: it would cover the editor
  });

  it('"Trust this workspace…" in the panel leads to VS Code\'s trust editor; after trusting, Check grades and draws the chart', async () => {
    await panel.getByTestId('trust-workspace').click();
    const trustEditor = page.locator('.workspace-trust-editor');
    await trustEditor.waitFor({ state: 'visible', timeout: 30_000 });
    await trustEditor.getByRole('button', { name: /^Trust/ }).first().click();
    await restrictedModeIndicator().waitFor({ state: 'hidden', timeout: 30_000 });

    await openExerciseFromPalette(page, EXERCISE.title, EXERCISE.id);
    await panel.getByTestId('trust-banner').waitFor({ state: 'hidden' });
    await panel.locator('[data-testid="check-button"][aria-disabled="false"]').click();
    // The starter fails some checks: what matters here is that it was graded at all.
    await panel.locator('[data-testid="status"][data-state="failed"]').waitFor({ state: 'visible', timeout: CHECK_TIMEOUT_MS });
    assert.ok((await panel.getByTestId('check-row').count()) > 0);
    await panel.locator('[data-testid="chart"][data-rendered="true"]').first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok((await panel.locator('[data-testid="chart-svg"] .mark-line path').count()) > 0, 'no line marks in the chart');
    assert.ok(fs.existsSync(path.join(workbench.workspaceDir, EXERCISE.id, EXERCISE.learnerFile)));
  });

  it('the browser console shows no Content Security Policy violation', () => {
    workbench.console.assertNoCspViolations();
  });
});
