/**
 * Exercises in VS Code's Testing view: pack → exercise → check. A run grades each exercise ONCE
 * (GradingService) and reports every check from that one GradeResult (core/check-outcomes.ts).
 * Continuous run = re-check on save (workspace.onDidSaveTextDocument: file watchers miss saves on
 * WSL and network drives). Check Exercise and checkOnSave also go through here, so the Testing view,
 * panel, diagnostics and progress always show the same result.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkOutcomes } from '../core/check-outcomes';
import { exerciseKey, exerciseRefs, type ExerciseRef } from '../core/exercise-ref';
import { samePath } from '../core/same-path';
import type { CourseRegistry } from '../services/course-registry';
import type { GradingService, CheckOutcome as ServiceOutcome } from '../services/grading-service';
import { openDocumentFor } from '../services/open-document';
import type { TrustService } from '../services/trust';

const t = (message: string, ...args: Array<string | number | boolean>) => vscode.l10n.t(message, ...args);

export class GradLabTesting implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController('gradlab', 'GradLab');
  private readonly refsByItemId = new Map<string, ExerciseRef>();
  /** Exercises under a continuous run (checkOnSave leaves them to it). */
  private readonly continuous = new Map<string, number>();
  private readonly disposables: vscode.Disposable[] = [];
  readonly runProfile: vscode.TestRunProfile;

  constructor(
    private readonly registry: CourseRegistry,
    private readonly grading: GradingService,
    private readonly trust: TrustService,
  ) {
    this.runProfile = this.controller.createRunProfile(t('Check'), vscode.TestRunProfileKind.Run, (request, token) => this.runHandler(request, token), true, undefined, true);
    this.controller.refreshHandler = async () => {
      await this.registry.refresh();
    };
    this.disposables.push(this.controller);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  /** Rebuilds the item tree from the registry's sessions. */
  rebuild(): void {
    this.refsByItemId.clear();
    const packs: vscode.TestItem[] = [];
    for (const session of this.registry.all()) {
      const pack = this.controller.createTestItem(`pack:${session.root}`, session.kind === 'preview' ? t('{0} (preview)', session.pack.manifest.title) : session.pack.manifest.title);
      for (const ref of exerciseRefs(session)) {
        const uri = vscode.Uri.file(ref.learnerFile);
        const range = firstExportRange(ref);
        const exerciseItem = this.controller.createTestItem(this.exerciseItemId(ref), ref.exercise.manifest.title, uri);
        exerciseItem.range = range;
        exerciseItem.description = ref.exercise.manifest.id;
        this.refsByItemId.set(exerciseItem.id, ref);
        for (const check of ref.exercise.manifest.checks) {
          const checkItem = this.controller.createTestItem(`${exerciseItem.id}|${check.id}`, check.title, uri);
          checkItem.range = range;
          checkItem.description = check.hidden ? t('hidden check') : `${check.points} pt`;
          exerciseItem.children.add(checkItem);
        }
        pack.children.add(exerciseItem);
      }
      packs.push(pack);
    }
    this.controller.items.replace(packs);
  }

  exerciseItemId(ref: ExerciseRef): string {
    return `ex:${ref.session.root}|${exerciseKey(ref)}`;
  }

  isContinuous(ref: ExerciseRef): boolean {
    return (this.continuous.get(this.exerciseItemId(ref)) ?? 0) > 0;
  }

  /** Check one exercise as a Testing run (Check Exercise command, checkOnSave, panel button). */
  async checkExercise(ref: ExerciseRef, reason: 'command' | 'save' | 'panel', token?: vscode.CancellationToken): Promise<ServiceOutcome> {
    const item = this.itemFor(ref);
    const run = this.controller.createTestRun(new vscode.TestRunRequest(item ? [item] : undefined, undefined, this.runProfile), undefined, false);
    try {
      return await this.gradeInto(run, ref, item, reason, token);
    } finally {
      run.end();
    }
  }

  /** The learner edited the file: move the gutter buttons to where the export now is. */
  updateRange(ref: ExerciseRef): void {
    const item = this.itemFor(ref);
    if (!item) return;
    const range = firstExportRange(ref);
    item.range = range;
    item.children.forEach((c) => (c.range = range));
  }

  private itemFor(ref: ExerciseRef): vscode.TestItem | undefined {
    const id = this.exerciseItemId(ref);
    for (const [, pack] of this.controller.items) {
      const item = pack.children.get(id);
      if (item) return item;
    }
    return undefined;
  }

  private async runHandler(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const exercises = this.exercisesIn(request);
    if (request.continuous) {
      this.watchContinuously(request, exercises, token);
      // Turning the watch on shows where the learner stands now, as a one-off run would.
    }
    const run = this.controller.createTestRun(request);
    try {
      for (const [item, ref] of exercises) {
        if (token.isCancellationRequested) break;
        await this.gradeInto(run, ref, item, 'testing', token);
      }
    } finally {
      run.end();
    }
  }

  /** Continuous run: grade again whenever one of these learner files is saved, until cancelled (runHandler grades once now). */
  private watchContinuously(request: vscode.TestRunRequest, exercises: Array<[vscode.TestItem, ExerciseRef]>, token: vscode.CancellationToken): void {
    const ids = exercises.map(([item]) => item.id);
    for (const id of ids) this.continuous.set(id, (this.continuous.get(id) ?? 0) + 1);
    const listener = vscode.workspace.onDidSaveTextDocument(async (document) => {
      const match = exercises.find(([, ref]) => samePath(ref.learnerFile, document.uri.fsPath));
      if (!match) return;
      const current = this.registry.findByFile(document.uri.fsPath) ?? match[1];
      const run = this.controller.createTestRun(new vscode.TestRunRequest([match[0]], undefined, request.profile, true));
      try {
        await this.gradeInto(run, current, match[0], 'save', token);
      } finally {
        run.end();
      }
    });
    token.onCancellationRequested(() => {
      listener.dispose();
      for (const id of ids) this.continuous.set(id, Math.max(0, (this.continuous.get(id) ?? 1) - 1));
    });
  }

  /** Exercise items a request covers: included checks/exercises/packs (or everything), minus excluded. */
  private exercisesIn(request: vscode.TestRunRequest): Array<[vscode.TestItem, ExerciseRef]> {
    const chosen = new Map<string, vscode.TestItem>();
    const addExercise = (item: vscode.TestItem) => {
      if (this.refsByItemId.has(item.id)) chosen.set(item.id, item);
    };
    const visit = (item: vscode.TestItem) => {
      if (item.id.startsWith('pack:')) item.children.forEach(addExercise);
      else if (this.refsByItemId.has(item.id)) addExercise(item);
      else if (item.parent) addExercise(item.parent);
    };
    if (request.include) request.include.forEach(visit);
    else this.controller.items.forEach(visit);
    for (const excluded of request.exclude ?? []) chosen.delete(excluded.id);
    return [...chosen.values()].map((item) => [item, this.refsByItemId.get(item.id)!] as [vscode.TestItem, ExerciseRef]);
  }

  private async gradeInto(run: vscode.TestRun, ref: ExerciseRef, item: vscode.TestItem | undefined, reason: 'command' | 'save' | 'panel' | 'testing', token?: vscode.CancellationToken): Promise<ServiceOutcome> {
    const checks: vscode.TestItem[] = [];
    item?.children.forEach((c) => checks.push(c));
    for (const c of checks) run.started(c);
    if (item) run.started(item);
    // Grade the editor's text when it has unsaved changes: what the learner sees is what is checked.
    const open = openDocumentFor(ref.learnerFile);
    const source = open?.isDirty ? open.getText() : undefined;
    const outcome = await this.grading.check(ref, { reason, token, source });
    const uri = vscode.Uri.file(ref.learnerFile);
    switch (outcome.kind) {
      case 'untrusted': {
        run.appendOutput(t('Restricted Mode: GradLab runs no code in an untrusted workspace.') + '\r\n');
        for (const c of checks) run.skipped(c);
        if (item) run.skipped(item);
        break;
      }
      case 'cancelled':
        for (const c of checks) run.skipped(c);
        if (item) run.skipped(item);
        break;
      case 'failed': {
        const message = new vscode.TestMessage(t('GradLab could not run this check: {0}', outcome.message));
        for (const c of checks) run.errored(c, message);
        if (item) run.errored(item, message);
        break;
      }
      case 'graded': {
        const result = outcome.result;
        const outcomes = checkOutcomes(result, checks.map((c) => c.id.split('|').pop()!), path.basename(uri.fsPath), t);
        outcomes.forEach((o, i) => {
          const checkItem = checks[i];
          if (o.state === 'passed') {
            run.passed(checkItem, result.durationMs);
            return;
          }
          const message = o.expected !== undefined && o.actual !== undefined
            ? vscode.TestMessage.diff(o.message, o.expected, o.actual)
            : new vscode.TestMessage(o.message);
          if (o.line !== undefined) message.location = new vscode.Location(uri, new vscode.Position(o.line - 1, Math.max(0, (o.column ?? 1) - 1)));
          if (o.state === 'errored') run.errored(checkItem, message, result.durationMs);
          else run.failed(checkItem, message, result.durationMs);
        });
        if (item) {
          if (result.error) run.errored(item, new vscode.TestMessage(result.error.message), result.durationMs);
          else if (result.passed) run.passed(item, result.durationMs);
          else run.failed(item, new vscode.TestMessage(result.summary), result.durationMs);
        }
        if (result.console.length > 0) run.appendOutput(result.console.map((l) => l.text).join('\r\n') + '\r\n', undefined, item);
        break;
      }
    }
    return outcome;
  }
}

/** The line of the first required export in the learner file: where gutter run buttons appear. */
function firstExportRange(ref: ExerciseRef): vscode.Range {
  let line = 0;
  try {
    const lines = fs.readFileSync(ref.learnerFile, 'utf8').split(/\r?\n/);
    const names = ref.exercise.manifest.exports.map((e) => e.name);
    const found = lines.findIndex((text) => /^\s*export\b/.test(text) && names.some((n) => new RegExp(`\\b${n}\\b`).test(text)));
    if (found >= 0) line = found;
  } catch {
    // Missing learner file: the item still exists; running it reports the missing file.
  }
  return new vscode.Range(line, 0, line, 0);
}
