// Instructor commands in a real VS Code: New Exercise Pack / New Exercise (validate immediately),
// Validate Pack (two-way check; problems as diagnostics at the JSON path), Open Exercise Pack (folder,
// .zip, too-new format), Preview as Learner, Next / Previous Exercise.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import * as vscode from 'vscode';
import { activateGradLab, minimalPack, startCourse, tempDir } from './gradlab-helpers';

interface ValidateReport { valid: boolean; exercises: Array<{ id: string; referencePasses: boolean; starterFails: boolean }> }

function zipFolder(dir: string, prefix: string): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const walk = (d: string, rel: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full, `${rel}${entry.name}/`);
      else files[`${rel}${entry.name}`] = new Uint8Array(fs.readFileSync(full));
    }
  };
  walk(dir, prefix);
  return zipSync(files);
}

suite('GradLab instructor flow', () => {
  let packDir: string;

  suiteSetup(async function () {
    this.timeout(30_000);
    await activateGradLab();
    await vscode.workspace.getConfiguration('gradlab').update('checkOnSave', false, vscode.ConfigurationTarget.Global);
    packDir = path.join(tempDir('authoring'), 'my-pack');
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('gradlab').update('checkOnSave', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('New Exercise Pack… and New Exercise… scaffold a pack that validates both ways', async function () {
    this.timeout(120_000);
    assert.equal(await vscode.commands.executeCommand('gradlab.newPack', { dir: packDir, open: false }), packDir);
    const second = await vscode.commands.executeCommand<string>('gradlab.newExercise', { pack: packDir, id: 'second-one', open: false });
    assert.equal(second, path.join(packDir, 'second-one'));
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(packDir, 'pack.json'), 'utf8')).exercises.length, 2);
    const report = await vscode.commands.executeCommand<ValidateReport>('gradlab.validatePack', { pack: packDir });
    assert.equal(report.valid, true, JSON.stringify(report));
    assert.ok(report.exercises.every((e) => e.referencePasses && e.starterFails));
  });

  test('Next / Previous Exercise follow the pack order and stop at the ends', async function () {
    this.timeout(30_000);
    const course = await startCourse(packDir, 'nav', 'sigmoid-grad', 'sigmoid-grad.ts', 'my-pack');
    await vscode.commands.executeCommand('gradlab.openExercise', { file: course.learnerFile });
    assert.equal(await vscode.commands.executeCommand('gradlab.nextExercise'), 'my-pack/second-one');
    assert.equal(await vscode.commands.executeCommand('gradlab.nextExercise'), undefined);
    assert.equal(await vscode.commands.executeCommand('gradlab.previousExercise'), 'my-pack/sigmoid-grad');
    assert.equal(await vscode.commands.executeCommand('gradlab.previousExercise'), undefined);
  });

  test('Validate Pack reports a schema problem as a diagnostic at the JSON path\'s line', async () => {
    const broken = path.join(tempDir('broken'), 'pack');
    fs.cpSync(minimalPack(), broken, { recursive: true });
    const manifestFile = path.join(broken, 'sigmoid-grad', 'exercise.json');
    const text = fs.readFileSync(manifestFile, 'utf8').replace('"points": 2', '"points": "two"');
    fs.writeFileSync(manifestFile, text);
    const expectedLine = text.split('\n').findIndex((l) => l.includes('"points": "two"')) + 1;
    const result = await vscode.commands.executeCommand<{ loadProblems: Array<{ jsonPath: string; line?: number }> }>('gradlab.validatePack', { pack: broken });
    assert.ok(result.loadProblems.some((p) => p.jsonPath === '/checks/0/points' && p.line === expectedLine), JSON.stringify(result.loadProblems));
    const diagnostics = await vscode.commands.executeCommand<Array<{ line: number; code: string }>>('gradlab._test.diagnostics', manifestFile);
    assert.ok(diagnostics.some((d) => d.line === expectedLine && d.code === '/checks/0/points'), JSON.stringify(diagnostics));
  });

  test('Open Exercise Pack… opens a .zip (unpacked to extension storage)', async () => {
    const zipFile = path.join(tempDir('zip'), 'minimal.zip');
    fs.writeFileSync(zipFile, zipFolder(minimalPack(), 'minimal-pack/'));
    const dir = await vscode.commands.executeCommand<string>('gradlab.openPack', zipFile);
    assert.ok(dir, 'openPack returned nothing');
    assert.ok(fs.existsSync(path.join(dir, 'pack.json')));
    assert.notEqual(path.resolve(dir), path.resolve(minimalPack()));
  });

  test('Open Exercise Pack… refuses a pack that needs a newer format', async () => {
    const future = path.join(tempDir('future'), 'pack');
    fs.cpSync(minimalPack(), future, { recursive: true });
    const packFile = path.join(future, 'pack.json');
    fs.writeFileSync(packFile, fs.readFileSync(packFile, 'utf8').replace('"formatVersion": 1', '"formatVersion": 99'));
    assert.equal(await vscode.commands.executeCommand('gradlab.openPack', future), undefined);
  });

  test('Preview as Learner opens a fresh learner copy of the starter with the panel', async () => {
    const learnerFile = await vscode.commands.executeCommand<string>('gradlab.previewAsLearner', { pack: minimalPack(), exercise: 'sigmoid-grad' });
    assert.ok(learnerFile);
    assert.equal(fs.readFileSync(learnerFile, 'utf8'), fs.readFileSync(path.join(minimalPack(), 'sigmoid-grad', 'starter.ts'), 'utf8'));
    const view = await vscode.commands.executeCommand<{ view: { exerciseId: string; subtitle: string } }>('gradlab._test.lastPanelMessage', 'exercise');
    assert.equal(view.view.exerciseId, 'sigmoid-grad');
    assert.match(view.view.subtitle, /preview/);
  });

  test('zip test helper sanity: fflate round-trips a file', () => {
    assert.equal(zipSync({ a: strToU8('x') }).length > 0, true);
  });
});
