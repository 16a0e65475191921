// Restricted Mode runs nothing. In the default integration run Workspace Trust is disabled (the window
// is trusted), so the suite switches the extension's trust gate with a test-only override that only
// exists under ExtensionMode.Test; a run with Workspace Trust enabled (untrusted window) exercises the
// real vscode.workspace.isTrusted path with the same assertions.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateGradLab, check, minimalPack, startCourse, type StartedCourse } from './gradlab-helpers';

suite('GradLab in Restricted Mode', () => {
  let course: StartedCourse;
  const progress = () => vscode.commands.executeCommand<{ attempts: number; hintsUsed: number }>('gradlab._test.progress', 'minimal-pack', 'sigmoid-grad');

  suiteSetup(async function () {
    this.timeout(30_000);
    await activateGradLab();
    course = await startCourse(minimalPack(), 'restricted');
    if (vscode.workspace.isTrusted) await vscode.commands.executeCommand('gradlab._test.setTrustOverride', false);
    console.log(`[gradlab-suite] restricted mode via ${vscode.workspace.isTrusted ? 'test override' : 'real Workspace Trust'}`);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('gradlab._test.setTrustOverride', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Check runs nothing, records no attempt, and tells the panel why', async () => {
    const before = (await progress()).attempts;
    const outcome = await check({ file: course.learnerFile });
    assert.equal(outcome?.kind, 'untrusted');
    assert.equal((await progress()).attempts, before);
    const error = await vscode.commands.executeCommand<{ message: string }>('gradlab._test.lastPanelMessage', 'error');
    assert.match(error.message, /Restricted Mode/);
    const view = await vscode.commands.executeCommand<{ view: { trusted: boolean } }>('gradlab._test.lastPanelMessage', 'exercise');
    assert.equal(view.view.trusted, false);
  });

  test('Validate Pack and Preview as Learner run nothing', async () => {
    assert.equal(await vscode.commands.executeCommand('gradlab.validatePack', { pack: minimalPack() }), undefined);
    assert.equal(await vscode.commands.executeCommand('gradlab.previewAsLearner', { pack: minimalPack(), exercise: 'sigmoid-grad' }), undefined);
  });

  test('instructions and hints still work', async () => {
    const before = (await progress()).hintsUsed;
    const used = await vscode.commands.executeCommand<number>('gradlab.showNextHint', { file: course.learnerFile });
    assert.equal(used, Math.min(3, before + 1));
    await vscode.commands.executeCommand('gradlab.openExercise', { file: course.learnerFile });
    const view = await vscode.commands.executeCommand<{ view: { exerciseId: string; instructionsHtml: string } }>('gradlab._test.lastPanelMessage', 'exercise');
    assert.equal(view.view.exerciseId, 'sigmoid-grad');
    assert.ok(view.view.instructionsHtml.length > 50);
    assert.ok(fs.existsSync(path.join(course.root, 'sigmoid-grad', 'README.md')));
  });
});
