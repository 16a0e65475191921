// The learner loop in a real VS Code: Start Course → check (fail, pass, syntax error) → hints, reset,
// solution, progress, export. Uses examples/minimal-pack (one fast exercise) unless noted.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateGradLab, check, extensionPath, minimalPack, setSetting, startCourse, tempDir, waitFor, type StartedCourse } from './gradlab-helpers';

suite('GradLab learner flow', () => {
  let course: StartedCourse;
  const starter = () => fs.readFileSync(path.join(minimalPack(), 'sigmoid-grad', 'starter.ts'), 'utf8');
  const solution = () => fs.readFileSync(path.join(minimalPack(), 'sigmoid-grad', 'solution.ts'), 'utf8');
  const progress = () => vscode.commands.executeCommand<{ passed: boolean; attempts: number; hintsUsed: number; bestScore: number }>('gradlab._test.progress', 'minimal-pack', 'sigmoid-grad');

  suiteSetup(async function () {
    this.timeout(60_000);
    await activateGradLab();
    // Saves in these tests are deliberate; checkOnSave gets its own test below.
    await setSetting('checkOnSave', false);
    course = await startCourse(minimalPack(), 'learner');
  });

  suiteTeardown(async () => {
    await setSetting('checkOnSave', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('activation is measured and every contributed command is registered (hidden ones too)', async () => {
    const extension = await activateGradLab();
    const ms = await vscode.commands.executeCommand<number>('gradlab._test.activationMs');
    assert.ok(Number.isFinite(ms) && ms > 0, `activation time ${ms}`);
    console.log(`[gradlab-suite] activate() took ${ms.toFixed(1)} ms`);
    const contributed: string[] = extension.packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    assert.ok(contributed.length >= 16, contributed.join(', '));
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((id) => !registered.has(id)), []);
    const hidden = extension.packageJSON.contributes.menus.commandPalette as Array<{ command: string; when: string }>;
    assert.deepEqual(hidden, [{ command: 'gradlab.showPanel', when: 'false' }]);
    assert.ok(!(extension.packageJSON.activationEvents as string[]).includes('*'));
  });

  test('Start Course writes one folder per exercise, tsconfig, engine types and course.json', () => {
    assert.equal(fs.readFileSync(course.learnerFile, 'utf8'), starter());
    assert.ok(fs.existsSync(path.join(course.root, 'sigmoid-grad', 'README.md')));
    assert.ok(!fs.existsSync(path.join(course.root, 'sigmoid-grad', 'solution.ts')), 'the solution must stay in the pack');
    const tsconfig = JSON.parse(fs.readFileSync(path.join(course.root, 'tsconfig.json'), 'utf8'));
    assert.deepEqual(tsconfig.compilerOptions.paths.gradlab, ['.gradlab/types/index.d.ts']);
    assert.ok(fs.existsSync(path.join(course.root, '.gradlab', 'types', 'index.d.ts')), 'engine declarations (npm run build writes dist/types)');
    const record = JSON.parse(fs.readFileSync(path.join(course.root, '.gradlab', 'course.json'), 'utf8'));
    assert.equal(record.pack.id, 'minimal-pack');
    assert.deepEqual(record.source, { kind: 'folder', path: minimalPack() });
  });

  test('the course shows up in the Testing view (pack → exercise → check) and the panel shows the first exercise', async () => {
    const items = await waitFor(async () => {
      const ids = await vscode.commands.executeCommand<string[]>('gradlab._test.testItems');
      return ids.some((id) => id.endsWith('|minimal-pack/sigmoid-grad|matches-autograd')) ? ids : undefined;
    }, 10_000, 'test items');
    assert.ok(items.some((id) => id === `pack:${course.root}`));
    assert.ok(items.some((id) => id.endsWith('|minimal-pack/sigmoid-grad|peak-is-quarter')));
    const view = await waitFor(() => vscode.commands.executeCommand<{ view: { exerciseId: string; hintsTotal: number } }>('gradlab._test.lastPanelMessage', 'exercise'), 10_000, 'panel view');
    assert.equal(view.view.exerciseId, 'sigmoid-grad');
    assert.equal(view.view.hintsTotal, 3);
  });

  test('Check on the failing starter reports failed checks, reaches the panel and counts an attempt', async function () {
    this.timeout(60_000);
    const before = (await progress()).attempts;
    const outcome = await check({ file: course.learnerFile });
    assert.equal(outcome?.kind, 'graded');
    assert.equal(outcome.result!.passed, false);
    assert.equal(outcome.result!.error, undefined);
    assert.ok(outcome.result!.checks.some((c) => !c.passed));
    const posted = await vscode.commands.executeCommand<{ result: { exercise: string; passed: boolean } }>('gradlab._test.lastPanelMessage', 'result');
    assert.equal(posted.result.exercise, 'sigmoid-grad');
    assert.equal(posted.result.passed, false);
    assert.equal((await progress()).attempts, before + 1);
  });

  test('Check on the reference solution passes; progress is saved in globalState and synced', async function () {
    this.timeout(60_000);
    fs.writeFileSync(course.learnerFile, solution());
    const outcome = await check({ file: course.learnerFile });
    assert.equal(outcome?.kind, 'graded');
    assert.equal(outcome.result!.passed, true, JSON.stringify(outcome.result!.checks));
    const state = await vscode.commands.executeCommand<{ exercises: Record<string, { passed: boolean; bestScore: number }> }>('gradlab._test.globalState', 'gradlab.progress/minimal-pack');
    assert.equal(state.exercises['sigmoid-grad'].passed, true);
    assert.equal(state.exercises['sigmoid-grad'].bestScore, outcome.result!.maxScore);
    assert.ok((await vscode.commands.executeCommand<string[]>('gradlab._test.syncKeys')).includes('gradlab.progress/minimal-pack'));
    const panel = await vscode.commands.executeCommand<{ result: { passed: boolean } }>('gradlab._test.lastPanelMessage', 'result');
    assert.equal(panel.result.passed, true);
    const status = await vscode.commands.executeCommand<string>('gradlab._test.statusBarText');
    assert.match(status, new RegExp(`sigmoid-grad · ${outcome.result!.maxScore}/${outcome.result!.maxScore}$`));
  });

  test('a syntax error becomes a diagnostic at its line and errors the check', async function () {
    this.timeout(60_000);
    fs.writeFileSync(course.learnerFile, 'export function sigmoidGrad(x: number): number {\n  return (x * ;\n}\n');
    const outcome = await check({ file: course.learnerFile });
    assert.equal(outcome?.result?.error?.kind, 'syntax');
    const diagnostics = await vscode.commands.executeCommand<Array<{ line: number; code: string }>>('gradlab._test.diagnostics', course.learnerFile);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].code, 'syntax');
    assert.equal(diagnostics[0].line, outcome.result!.error!.line);
    assert.equal(diagnostics[0].line, 2);
  });

  test('a second check of the same exercise cancels the first', async function () {
    this.timeout(60_000);
    fs.writeFileSync(course.learnerFile, starter());
    const first = check({ file: course.learnerFile });
    const second = check({ file: course.learnerFile });
    const [a, b] = await Promise.all([first, second]);
    assert.equal(a?.kind, 'cancelled');
    assert.equal(b?.kind, 'graded');
  });

  test('Show Next Hint reveals one more hint, up to the number available', async () => {
    const before = (await progress()).hintsUsed;
    const used = await vscode.commands.executeCommand<number>('gradlab.showNextHint', { file: course.learnerFile });
    assert.equal(used, Math.min(3, before + 1));
    assert.equal((await progress()).hintsUsed, used);
  });

  test('Reset Exercise restores the starter and keeps a timestamped backup of the learner\'s work', async () => {
    fs.writeFileSync(course.learnerFile, '// my precious work\n');
    const result = await vscode.commands.executeCommand<{ backup: string }>('gradlab.resetExercise', { file: course.learnerFile, confirm: false });
    assert.ok(result?.backup, 'no backup reported');
    assert.match(path.basename(result.backup), /^sigmoid-grad\.ts\.\d{8}-\d{6}(-\d+)?\.bak$/);
    assert.equal(fs.readFileSync(result.backup, 'utf8'), '// my precious work\n');
    assert.equal(fs.readFileSync(course.learnerFile, 'utf8'), starter());
  });

  test('Show Solution opens the reference read-only beside the learner\'s file', async () => {
    const uri = await vscode.commands.executeCommand<string>('gradlab.showSolution', { file: course.learnerFile, confirm: false });
    assert.ok(uri?.startsWith('gradlab-solution:'), uri);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    assert.equal(document.getText(), solution());
  });

  test('checkOnSave re-checks when the learner saves the file in the editor', async function () {
    this.timeout(60_000);
    await setSetting('checkOnSave', true);
    try {
      const before = (await progress()).attempts;
      const document = await vscode.workspace.openTextDocument(course.learnerFile);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), solution());
      await vscode.workspace.applyEdit(edit);
      await document.save();
      await waitFor(async () => ((await progress()).attempts > before ? true : undefined), 30_000, 'a check after save');
    } finally {
      await setSetting('checkOnSave', false);
    }
  });

  test('a continuous Testing run grades now, re-checks on every save (once, even with checkOnSave on) and stops when cancelled', async function () {
    this.timeout(90_000);
    const document = await vscode.workspace.openTextDocument(course.learnerFile);
    const saveWith = async (text: string) => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
      await vscode.workspace.applyEdit(edit);
      await document.save();
    };
    const attempts = async () => (await progress()).attempts;
    const settled = async (what: string) => {
      // Grading is asynchronous: wait until the attempt count stops moving for 3 s.
      let last = await attempts();
      for (;;) {
        await new Promise((r) => setTimeout(r, 3_000));
        const now = await attempts();
        if (now === last) return now;
        last = now;
        if (Date.now() > deadline) throw new Error(`attempts never settled (${what})`);
      }
    };
    const deadline = Date.now() + 80_000;
    // Watch this course's exercise only: other suites' sessions of the same pack share its progress.
    const itemId = `ex:${course.root}|minimal-pack/sigmoid-grad`;
    assert.ok((await vscode.commands.executeCommand<string[]>('gradlab._test.testItems')).includes(itemId), itemId);
    const start = await settled('before');
    await vscode.commands.executeCommand('gradlab._test.continuousRun', true, itemId);
    try {
      assert.equal(await settled('start'), start + 1, 'starting the watch grades once');
      await setSetting('checkOnSave', true);
      await saveWith(starter());
      assert.equal(await settled('save while watching'), start + 2, 'one check per save: checkOnSave defers to the watch');
      const posted = await vscode.commands.executeCommand<{ result: { exercise: string; passed: boolean } }>('gradlab._test.lastPanelMessage', 'result');
      assert.equal(posted.result.passed, false, 'the saved starter was graded');
    } finally {
      await vscode.commands.executeCommand('gradlab._test.continuousRun', false);
      await setSetting('checkOnSave', false);
    }
    const stopped = await attempts();
    await saveWith(solution());
    assert.equal(await settled('save after stop'), stopped, 'a cancelled watch no longer grades');
  });

  test('a run from the Testing view grades the exercise (Test Explorer / gutter path)', async function () {
    this.timeout(60_000);
    const before = (await progress()).attempts;
    await vscode.commands.executeCommand('testing.runAll');
    await waitFor(async () => ((await progress()).attempts > before ? true : undefined), 45_000, 'a graded Testing run');
    const posted = await vscode.commands.executeCommand<{ result: { exercise: string } }>('gradlab._test.lastPanelMessage', 'result');
    assert.equal(posted.result.exercise, 'sigmoid-grad');
  });

  test('Export Progress writes one JSON entry per exercise', async () => {
    const target = path.join(tempDir('export'), 'progress.json');
    const written = await vscode.commands.executeCommand<string>('gradlab.exportProgress', { target });
    assert.equal(written, target);
    const data = JSON.parse(fs.readFileSync(target, 'utf8'));
    assert.equal(data.format, 'gradlab-progress');
    assert.equal(data.pack.id, 'minimal-pack');
    assert.deepEqual(data.exercises.map((e: { id: string }) => e.id), ['sigmoid-grad']);
    assert.equal(data.exercises[0].passed, true);
  });

  test('the built-in pack folder ships with the extension', () => {
    assert.ok(fs.existsSync(extensionPath('exercises', 'pack.json')));
  });
});
