// Browser E2E: the whole learner flow through VS Code's UI, with GradLab installed from its VSIX.
//   palette "GradLab: Start Course" → built-in course → the real folder prompt (code-server's simple
//   file dialog) → "GradLab: Open Exercise…" → Check in the panel: fails → type the fix with the
//   keyboard → Ctrl+S (check on save) → panel ✓ rows + a drawn Vega chart, Testing view "Passed",
//   no CSP violation. Then screenshots of the panel in a dark and a light theme.
// Run: npm run build && npm run test:e2e   (needs `npm run setup:code-server` once)
//
// Exercise: m6-clip-value. It checks in well under a second, its fix is five short lines, and its
// result has a series chart (lines + points), so every part of the panel is exercised.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { REPO_ROOT } from '../../scripts/vscode/code-server-paths.mjs';
import { createTempRun, type TempRun } from '../vscode/launcher/temp-dir';
import { openExerciseFromPalette, startBuiltInCourseInWorkspace } from './helpers/gradlab-ui';
import { packageVsix } from './helpers/vsix';
import {
  acceptQuickPickRow,
  PREDICTABLE_TYPING_SETTINGS,
  quickInput,
  RESULTS_DIR,
  runCommand,
  startWorkbench,
  waitForQuickInput,
  webviewFrame,
  type Workbench,
} from './helpers/workbench';

const EXERCISE = {
  id: 'm6-clip-value',
  title: 'Clip gradients by value',
  learnerFile: 'clip-value.ts',
  /** The starter lines the fix replaces: a TODO comment and two `void` statements. */
  starterLines: ['// TODO: clamp every g[i] to [−clipValue, clipValue].', 'void g;', 'void clipValue;'],
  /** Typed line by line without leading spaces: the editor's auto-indent indents them. */
  fix: [
    'for (let i = 0; i < g.length; i++) {',
    '// A NaN fails both comparisons and stays NaN.',
    'if (g[i] > clipValue) g[i] = clipValue;',
    'else if (g[i] < -clipValue) g[i] = -clipValue;',
    '}',
  ],
};
const CHECK_COUNT = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'exercises', EXERCISE.id, 'exercise.json'), 'utf8')).checks.length as number;

/** Committed copies of the theme screenshots (README "What it looks like"); GRADLAB_UPDATE_DOCS_IMAGES=1 refreshes them. */
const DOCS_IMAGES = path.join(REPO_ROOT, 'docs', 'images');

/** Grading runs in the sandbox on 2 shared cores: generous, but a hang still fails the test. */
const CHECK_TIMEOUT_MS = 90_000;

function status(frame: FrameLocator, state: 'passed' | 'failed') {
  return frame.locator(`[data-testid="status"][data-state="${state}"]`);
}

async function checkRows(frame: FrameLocator): Promise<Array<{ id: string; passed: boolean; symbol: string }>> {
  return frame.getByTestId('check-row').evaluateAll((rows) =>
    rows.map((row) => ({
      id: row.getAttribute('data-check-id') ?? '',
      passed: row.getAttribute('data-passed') === 'true',
      symbol: row.querySelector('.check-symbol')?.textContent?.trim() ?? '',
    })),
  );
}

/** The fill of the chart's first axis label: changes when the chart is redrawn in another theme. */
function axisLabelFill(frame: FrameLocator): Promise<string | null> {
  return frame
    .locator('[data-testid="chart"][data-rendered="true"] [data-testid="chart-svg"] .role-axis-label text')
    .first()
    .getAttribute('fill', { timeout: 5_000 })
    .catch(() => null);
}

/** Polls until `probe` returns something truthy (for states no single selector describes). */
async function waitUntil<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Screenshot of the GradLab panel only, from its top to the end of the charts section. */
async function panelScreenshot(page: Page, frame: FrameLocator, name: string): Promise<string> {
  await frame.locator('html').evaluate(() => window.scrollTo(0, 0)); // frame from the panel's first line
  const panel = await page.locator('iframe.webview.ready').boundingBox();
  const charts = await frame.getByTestId('charts').boundingBox();
  assert.ok(panel && charts, 'the panel or its charts section has no box on screen');
  const height = Math.min(panel.height, charts.y + charts.height - panel.y + 12);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, clip: { x: panel.x, y: panel.y, width: panel.width, height } });
  return file;
}

describe('Learner flow in VS Code for the Web: Start Course → fail → type the fix → pass', function () {
  // Each step builds on the one before: after a failure the rest would only report the same cause.
  this.bail(true);
  this.timeout(180_000);

  let vsixTemp: TempRun;
  let workbench: Workbench;
  let page: Page;
  let panel: FrameLocator;

  before(async function () {
    this.timeout(240_000);
    vsixTemp = createTempRun('gradlab-vsix');
    workbench = await startWorkbench({
      vsix: packageVsix(vsixTemp.root),
      userSettings: { ...PREDICTABLE_TYPING_SETTINGS, 'workbench.colorTheme': 'Default Dark Modern' },
    });
    page = workbench.page;
    panel = webviewFrame(page);
  });

  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state === 'failed' && workbench) {
      const file = await workbench.screenshot(`FAILED-learner-flow-${test.title}`).catch(() => undefined);
      if (file) console.log(`      screenshot: ${path.relative(process.cwd(), file)}`);
    }
  });

  after(async () => {
    await workbench?.stop('console-learner-flow.log');
    vsixTemp?.cleanup();
  });

  it('"GradLab: Start Course" copies the built-in course into the folder picked in the folder prompt', async () => {
    await startBuiltInCourseInWorkspace(workbench);
    // The folder is the open workspace, so the course opens in place with its first exercise.
    for (const file of ['.gradlab/course.json', `${EXERCISE.id}/${EXERCISE.learnerFile}`, `${EXERCISE.id}/README.md`]) {
      assert.ok(fs.existsSync(path.join(workbench.workspaceDir, file)), `Start Course did not write ${file}`);
    }
  });

  it(`"GradLab: Open Exercise…" opens "${EXERCISE.title}": its file in the editor, its instructions in the panel`, async () => {
    await openExerciseFromPalette(page, EXERCISE.title, EXERCISE.id);
    await panel.getByTestId('instructions-body').waitFor({ state: 'visible' });
    await page.locator(`.monaco-editor[data-uri$="/${EXERCISE.id}/${EXERCISE.learnerFile}"]`).waitFor({ state: 'visible' });
  });

  it('the starter fails: Check in the panel shows ✗ rows', async () => {
    await panel.getByTestId('check-button').click();
    await status(panel, 'failed').waitFor({ state: 'visible', timeout: CHECK_TIMEOUT_MS });
    const rows = await checkRows(panel);
    assert.equal(rows.length, CHECK_COUNT, `check rows: ${JSON.stringify(rows)}`);
    assert.ok(rows.some((row) => !row.passed && row.symbol === '✗'), `no failing row for the starter: ${JSON.stringify(rows)}`);
  });

  it('typing the fix into the editor and saving re-checks the exercise: every check row is ✓', async () => {
    const file = path.join(workbench.workspaceDir, EXERCISE.id, EXERCISE.learnerFile);
    const starter = fs.readFileSync(file, 'utf8').split('\n');
    const first = starter.findIndex((line) => line.trim() === EXERCISE.starterLines[0]);
    assert.ok(first >= 0, `the starter no longer has the line "${EXERCISE.starterLines[0]}": update EXERCISE in this test`);
    assert.deepEqual(starter.slice(first, first + 3).map((line) => line.trim()), EXERCISE.starterLines);

    // Keyboard only, as a learner would: focus the editor, Go to Line, select the three lines, type.
    await runCommand(page, 'View: Focus First Editor Group');
    await page.keyboard.press('Control+G');
    await waitForQuickInput(page, 'line');
    await page.keyboard.type(String(first + 1));
    await quickInput(page).filter({ hasText: `Go to line ${first + 1}` }).waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await quickInput(page).waitFor({ state: 'hidden' });
    await page.keyboard.press('Home'); // first non-blank character: the typed code keeps the indentation
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+End');
    await page.keyboard.type(EXERCISE.fix.join('\n'));
    await page.keyboard.press('Control+S');

    // gradlab.checkOnSave (default on) grades the saved file.
    await status(panel, 'passed').waitFor({ state: 'visible', timeout: CHECK_TIMEOUT_MS });
    const saved = fs.readFileSync(file, 'utf8');
    for (const line of EXERCISE.fix) assert.ok(saved.includes(line), `the saved file lacks the typed line "${line}":\n${saved}`);
    const rows = await checkRows(panel);
    assert.equal(rows.length, CHECK_COUNT);
    assert.deepEqual(rows.filter((row) => !row.passed || row.symbol !== '✓'), [], `not every row is ✓: ${JSON.stringify(rows)}`);
    assert.match(await panel.getByTestId('summary').innerText(), /All checks passed/);
  });

  it('the panel draws the chart as SVG with real marks (lines and points), not just its container', async () => {
    await panel.locator('[data-testid="chart"][data-rendered="true"]').first().waitFor({ state: 'visible', timeout: 30_000 });
    const svg = panel.getByTestId('chart-svg').first();
    const lines = await svg.locator('.mark-line path').count();
    const points = await svg.locator('.mark-symbol path').count();
    assert.ok(lines > 0, 'no line marks in the chart');
    assert.ok(points > 0, 'no point marks in the chart');
    // A drawn line has a path with real coordinates, not an empty "d".
    const d = await svg.locator('.mark-line path').first().getAttribute('d');
    assert.match(d ?? '', /^M[\d.-]+,[\d.-]+L/, `line path data: ${d}`);
  });

  it('the Testing view shows the exercise and each of its checks as Passed', async () => {
    await runCommand(page, 'Testing: Focus on Test Explorer View');
    const filter = page.getByRole('textbox', { name: 'Filter text for tests in the explorer' });
    await filter.waitFor({ state: 'attached' });
    await filter.focus();
    await page.keyboard.type(EXERCISE.title); // the filter expands the matching branch
    // VS Code names a test row "<description> (<state>)"; our exercise items' description is the id.
    const exerciseRow = page.locator(`.test-explorer .monaco-list-row[aria-level="2"][aria-label^="${EXERCISE.id} ("]`);
    await exerciseRow.waitFor({ state: 'visible' });
    assert.match((await exerciseRow.getAttribute('aria-label')) ?? '', new RegExp(`^${EXERCISE.id} \\(Passed\\)`));
    assert.match(await exerciseRow.innerText(), new RegExp(EXERCISE.title));
    const checkLabels = await waitUntil(async () => {
      const labels = await page.locator('.test-explorer .monaco-list-row[aria-level="3"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
      return labels.length === CHECK_COUNT ? labels : undefined;
    }, `${CHECK_COUNT} check rows under the exercise in the Testing view`);
    assert.deepEqual(checkLabels.filter((label) => !/\(Passed\)/.test(label)), [], `check rows: ${checkLabels.join(' | ')}`);
    await workbench.screenshot('learner-flow-testing-view');
  });

  it('screenshots of the panel in a dark and a light theme (test-results/e2e, docs/images)', async () => {
    // A larger window without the side bar, so the panel shows the checks and the chart at once.
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    await page.setViewportSize({ width: 1440, height: 1500 });
    await panel.locator('[data-testid="chart"][data-rendered="true"]').first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok(await panel.locator('body.vscode-dark').count(), 'the panel is not in a dark theme (workbench.colorTheme setting)');
    const dark = await panelScreenshot(page, panel, 'panel-dark');
    const darkFill = await axisLabelFill(panel);

    // Switch the theme the way a user does; the panel redraws its chart in the new colours.
    await runCommand(page, 'Preferences: Color Theme');
    await (await waitForQuickInput(page, 'Default Light Modern')).pressSequentially('Default Light Modern');
    await acceptQuickPickRow(page, 'Default Light Modern');
    await panel.locator('body.vscode-light').waitFor({ state: 'attached', timeout: 30_000 });
    await waitUntil(async () => {
      const fill = await axisLabelFill(panel);
      return fill !== null && fill !== darkFill;
    }, 'the chart to be redrawn in the light theme');
    const light = await panelScreenshot(page, panel, 'panel-light');

    for (const file of [dark, light]) assert.ok(fs.statSync(file).size > 20_000, `screenshot ${file} is suspiciously small`);
    // The committed copies change only on request, so ordinary runs leave the git tree clean.
    if (process.env.GRADLAB_UPDATE_DOCS_IMAGES === '1') {
      fs.mkdirSync(DOCS_IMAGES, { recursive: true });
      for (const file of [dark, light]) fs.copyFileSync(file, path.join(DOCS_IMAGES, path.basename(file)));
      console.log(`      updated ${path.relative(process.cwd(), DOCS_IMAGES)}/panel-{dark,light}.png`);
    }
  });

  it('the browser console shows no Content Security Policy violation during the whole flow', () => {
    workbench.console.assertNoCspViolations();
  });
});
