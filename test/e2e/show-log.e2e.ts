// Browser E2E: GradLab installed from its VSIX into a real VS Code (code-server), used through the UI.
// Run: npm run build && npm run test:e2e   (needs `npm run setup:code-server` once)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTempRun, type TempRun } from '../vscode/launcher/temp-dir';
import { ConsoleLog } from './helpers/console-log';
import { packageVsix } from './helpers/vsix';
import { outputPanel, runCommand, startWorkbench, type Workbench } from './helpers/workbench';

describe('GradLab in VS Code for the Web (installed from the VSIX)', function () {
  let vsixTemp: TempRun;
  let workbench: Workbench;

  before(async function () {
    this.timeout(240_000);
    vsixTemp = createTempRun('gradlab-vsix');
    workbench = await startWorkbench({ vsix: packageVsix(vsixTemp.root) });
  });

  afterEach(async function () {
    // A picture of the moment something went wrong is worth more than the stack trace.
    const test = this.currentTest;
    if (test?.state === 'failed' && workbench) {
      const file = await workbench.screenshot(`FAILED-${test.title}`).catch(() => undefined);
      if (file) console.log(`      screenshot: ${path.relative(process.cwd(), file)}`);
    }
  });

  after(async () => {
    await workbench?.stop();
    vsixTemp?.cleanup();
  });

  it('the VSIX installs as gradlab.gradlab into the extensions folder', () => {
    const installed = fs.readdirSync(workbench.server.extensionsDir);
    assert.ok(
      installed.some((name) => name.startsWith('gradlab.gradlab-')),
      `extensions folder holds: ${installed.join(', ')}`,
    );
  });

  it('"GradLab: Show Log" from the command palette opens the GradLab output channel', async () => {
    await runCommand(workbench.page, 'GradLab: Show Log');
    const output = outputPanel(workbench.page, 'GradLab');
    await output.waitFor({ state: 'visible', timeout: 15_000 });
    // The line the command logs proves it ran in the extension host, not just that a panel opened.
    await output.filter({ hasText: 'GradLab log opened' }).waitFor({ state: 'visible', timeout: 15_000 });
    const file = await workbench.screenshot('show-log');
    assert.ok(fs.statSync(file).size > 10_000, `screenshot ${file} is suspiciously small`);
  });

  it('the browser console shows no Content Security Policy violation', () => {
    workbench.console.assertNoCspViolations();
  });

  it('(self-check) the CSP detector recognises a real Chromium CSP violation', async () => {
    // Without this, a change in Chromium's wording would silently turn the check above into a no-op.
    const page = await workbench.browser.newPage();
    try {
      const log = new ConsoleLog(page);
      await page.setContent(
        `<meta http-equiv="Content-Security-Policy" content="script-src 'none'"><script>document.title = 'ran'</script>`,
      );
      await page.waitForTimeout(200); // console events arrive asynchronously
      assert.notEqual(await page.title(), 'ran', 'the inline script ran: the probe page had no effective CSP');
      assert.equal(log.cspViolations().length, 1, `console saw: ${JSON.stringify(log.entries)}`);
      assert.throws(() => log.assertNoCspViolations(), /Content Security Policy violation/);
    } finally {
      await page.close();
    }
  });
});
