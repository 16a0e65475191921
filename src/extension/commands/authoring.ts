/** Instructor commands: Validate Pack, New Exercise Pack…, New Exercise…, Preview as Learner. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ValidateDeps, ValidateReport } from '../../grading/validate/validate-pack';
import { gradingLayer, packLayer, validateLayer } from '../lazy';
import type { PackProblem } from '../../pack/types';
import { errorMessage } from '../core/error-message';
import { exerciseRefs } from '../core/exercise-ref';
import { isInsideFolder } from '../core/same-path';
import type { GradLabContext } from '../context';
import { loadPackOrExplain } from '../services/pack-sources';
import { materializeCourse } from './course';
import { openExercise } from './shared';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The pack an authoring command acts on: argument, the active file's pack, a workspace pack, or a folder dialog. */
async function choosePackDir(ctx: GradLabContext, arg: unknown, title: string): Promise<string | undefined> {
  // Every command that asks for a pack loads the pack layer next anyway.
  const { findPackRoot } = await packLayer();
  const given = typeof arg === 'string' ? arg : arg instanceof vscode.Uri ? arg.fsPath : (arg as { pack?: string } | undefined)?.pack;
  if (given) return findPackRoot(given) ?? given;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file') {
    const root = findPackRoot(path.dirname(active.fsPath));
    if (root) return root;
  }
  const candidates = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath).filter((d) => fs.existsSync(path.join(d, 'pack.json')));
  if (candidates.length === 1) return candidates[0];
  if (candidates.length > 1) {
    const pick = await vscode.window.showQuickPick(candidates.map((c) => ({ label: path.basename(c), description: c })), { title });
    return pick?.description;
  }
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: vscode.l10n.t('Choose Pack'), title });
  return picked?.[0]?.fsPath;
}

async function validateDeps(ctx: GradLabContext): Promise<ValidateDeps> {
  const { gradingDeps } = await gradingLayer();
  return gradingDeps(ctx.distDir);
}

export function validatePackCommand(ctx: GradLabContext) {
  return async (arg?: unknown): Promise<ValidateReport | { loadProblems: PackProblem[] } | undefined> => {
    const dir = await choosePackDir(ctx, arg, vscode.l10n.t('GradLab: Validate Pack'));
    if (!dir) return undefined;
    if (!ctx.trust.allows('validate')) {
      void ctx.trust.explainRestricted('validate');
      return undefined;
    }
    const { loadPack, PackLoadError } = await packLayer();
    const { validateLoadedPack } = await validateLayer();
    const deps = await validateDeps(ctx);
    let pack;
    try {
      pack = await loadPack(dir);
    } catch (e) {
      if (!(e instanceof PackLoadError)) {
        void vscode.window.showErrorMessage(vscode.l10n.t('GradLab could not read the pack in {0}: {1}', dir, errorMessage(e)));
        return undefined;
      }
      ctx.diagnostics.showPackProblems(dir, e.problems);
      void vscode.window.showErrorMessage(vscode.l10n.t('The pack does not load: {0} problem(s), shown in the Problems view at the JSON path they concern.', e.problems.length));
      void vscode.commands.executeCommand('workbench.actions.view.problems');
      return { loadProblems: e.problems };
    }
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Validating "{0}"', pack.manifest.title), cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        const step = 100 / Math.max(1, pack.exercises.length);
        progress.report({ message: vscode.l10n.t('reference solutions and starters, {0} exercise(s)…', pack.exercises.length) });
        // One exercise at a time: two sandboxes per exercise already use both cores of a small machine.
        return validateLoadedPack(pack, deps, {
          jobs: 1,
          signal: controller.signal,
          timeMultiplier: vscode.workspace.getConfiguration('gradlab').get<number>('timeLimitMultiplier', 1),
          onExerciseDone: (v) => progress.report({ increment: step, message: `${v.id}: ${v.referencePasses && v.starterFails ? '✓' : '✗'}` }),
        });
      },
    );
    const problems = [...report.problems, ...report.exercises.flatMap((e) => e.problems)];
    ctx.diagnostics.showPackProblems(pack.dir, problems);
    for (const e of report.exercises) {
      ctx.log.info(`validate ${e.id}: reference ${e.referencePasses ? 'passes' : 'FAILS'}, starter ${e.starterFails ? 'fails' : 'PASSES'}; ${e.problems.length} problem(s)`);
    }
    const errors = problems.filter((p) => p.severity === 'error').length;
    const warnings = problems.length - errors;
    const show = vscode.l10n.t('Show Problems');
    const message = report.valid
      ? vscode.l10n.t('"{0}" is valid: every reference passes and every starter fails ({1} warning(s)).', report.title, warnings)
      : vscode.l10n.t('"{0}" is not valid: {1} error(s), {2} warning(s).', report.title, errors, warnings);
    void (report.valid ? vscode.window.showInformationMessage(message, ...(warnings ? [show] : [])) : vscode.window.showErrorMessage(message, show))
      .then((c) => c === show && vscode.commands.executeCommand('workbench.actions.view.problems'));
    return report;
  };
}

export function newPackCommand(ctx: GradLabContext) {
  return async (arg?: { dir?: string; open?: boolean }): Promise<string | undefined> => {
    let dir = arg?.dir;
    if (!dir) {
      const parent = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: vscode.l10n.t('Create Pack Here'), title: vscode.l10n.t('Where should the new pack folder go?') });
      if (!parent?.[0]) return undefined;
      const name = await vscode.window.showInputBox({
        title: vscode.l10n.t('GradLab: New Exercise Pack'),
        prompt: vscode.l10n.t('Pack id (also the folder name): lowercase letters, digits and hyphens'),
        value: 'my-gradient-pack',
        validateInput: (v) => (KEBAB.test(v) ? (fs.existsSync(path.join(parent[0].fsPath, v)) ? vscode.l10n.t('{0} already exists', v) : undefined) : vscode.l10n.t('Use lowercase letters, digits and single hyphens, e.g. "my-pack".')),
      });
      if (!name) return undefined;
      dir = path.join(parent[0].fsPath, name);
    }
    const { scaffoldPack } = await packLayer();
    try {
      // Editor support (tsconfig + engine declarations) as `gradlab new pack` writes it.
      const result = await scaffoldPack(dir, { typesDir: path.join(ctx.distDir, 'types') });
      ctx.log.info(`new pack ${result.dir}: ${result.files.length} files`);
      for (const warning of result.warnings) ctx.log.warn(warning);
      if (arg?.open !== false) {
        await vscode.window.showTextDocument(vscode.Uri.file(path.join(result.dir, 'pack.json')));
        const add = vscode.l10n.t('Add Folder to Workspace');
        const validate = vscode.l10n.t('Validate Pack');
        void vscode.window.showInformationMessage(vscode.l10n.t('Created the pack {0} with a first exercise that validates.', result.dir), add, validate).then((c) => {
          if (c === add) vscode.workspace.updateWorkspaceFolders(vscode.workspace.workspaceFolders?.length ?? 0, 0, { uri: vscode.Uri.file(result.dir) });
          if (c === validate) void vscode.commands.executeCommand('gradlab.validatePack', { pack: result.dir });
        });
      }
      return result.dir;
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not create the pack: {0}', errorMessage(e)));
      return undefined;
    }
  };
}

export function newExerciseCommand(ctx: GradLabContext) {
  return async (arg?: { pack?: string; id?: string; title?: string; open?: boolean }): Promise<string | undefined> => {
    const packDir = await choosePackDir(ctx, arg?.pack, vscode.l10n.t('GradLab: New Exercise — which pack?'));
    if (!packDir) return undefined;
    const id = arg?.id ?? (await vscode.window.showInputBox({
      title: vscode.l10n.t('GradLab: New Exercise'),
      prompt: vscode.l10n.t('Exercise id (also its folder name), e.g. "m6-clip-global-norm"'),
      validateInput: (v) => (KEBAB.test(v) ? (fs.existsSync(path.join(packDir, v)) ? vscode.l10n.t('{0} already exists in this pack', v) : undefined) : vscode.l10n.t('Use lowercase letters, digits and single hyphens.')),
    }));
    if (!id) return undefined;
    const { scaffoldExercise } = await packLayer();
    try {
      const result = await scaffoldExercise(packDir, id, { title: arg?.title });
      if (arg?.open !== false) {
        await vscode.window.showTextDocument(vscode.Uri.file(path.join(result.dir, 'exercise.json')));
        void vscode.window.showInformationMessage(vscode.l10n.t('Created the exercise {0} (listed in pack.json). Edit exercise.json, the README and the three .ts files, then run "GradLab: Validate Pack".', id));
      }
      return result.dir;
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not create the exercise: {0}', errorMessage(e)));
      return undefined;
    }
  };
}

/**
 * Preview as Learner: a fresh learner copy of one exercise (starter as the learner file, README,
 * tsconfig and types) in extension storage, opened with the panel, graded exactly as a learner's.
 */
export function previewAsLearnerCommand(ctx: GradLabContext) {
  return async (arg?: { pack?: string; exercise?: string } | vscode.Uri): Promise<string | undefined> => {
    if (!ctx.trust.allows('preview')) {
      void ctx.trust.explainRestricted('preview');
      return undefined;
    }
    const argObject = arg instanceof vscode.Uri ? { pack: arg.fsPath } : arg;
    const packDir = await choosePackDir(ctx, argObject?.pack, vscode.l10n.t('GradLab: Preview as Learner — which pack?'));
    if (!packDir) return undefined;
    const pack = await loadPackOrExplain(ctx, packDir);
    if (!pack) return undefined;
    let exerciseId = argObject?.exercise;
    if (!exerciseId) {
      const active = vscode.window.activeTextEditor?.document.uri.fsPath;
      const fromActive = active ? pack.exercises.find((e) => isInsideFolder(e.dir, active)) : undefined;
      const pick = await vscode.window.showQuickPick(
        pack.exercises.map((e) => ({ label: e.manifest.title, description: e.manifest.id, picked: e === fromActive })),
        { title: vscode.l10n.t('Preview which exercise as a learner?') },
      );
      exerciseId = pick?.description;
    }
    if (!exerciseId) return undefined;
    const root = path.join(ctx.storageDir, 'preview', `${pack.manifest.id}--${exerciseId}`);
    // Fresh every time: the preview shows what a learner sees on day one.
    await fs.promises.rm(root, { recursive: true, force: true });
    await materializeCourse(ctx, pack, root, { kind: 'folder', path: pack.dir }, [exerciseId]);
    const session = await ctx.registry.addRoot(root, 'preview');
    const ref = session && exerciseRefs(session).find((r) => r.exercise.manifest.id === exerciseId);
    if (!ref) {
      void vscode.window.showErrorMessage(vscode.l10n.t('No exercise "{0}" in {1}.', exerciseId, pack.dir));
      return undefined;
    }
    await openExercise(ctx, ref);
    return ref.learnerFile;
  };
}
