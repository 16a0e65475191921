/** Learner commands around a course: Start Course, Open Exercise…, Next / Previous, Open Exercise Pack…. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LoadedPack } from '../../pack/types';
import { COURSE_DIR, COURSE_FILE, parseCourseRecord, type PackSource } from '../core/course-record';
import { planCourse, refuseTarget, type CourseOp } from '../core/course-plan';
import { errorMessage } from '../core/error-message';
import { buildExercisePickItems } from '../core/exercise-list';
import { exerciseKey, exerciseRefs, maxScoreOf, type CourseSession, type ExerciseRef } from '../core/exercise-ref';
import { neighbourExercise, resumeExercise } from '../core/navigation';
import { samePath } from '../core/same-path';
import type { GradLabContext } from '../context';
import { browseForPack, loadPackOrExplain, pickPackLocation, rememberPack, resolvePackLocation } from '../services/pack-sources';
import { openExercise } from './shared';

export const PENDING_OPEN_KEY = 'gradlab.pendingOpen';

export interface StartCourseArgs {
  /** 'builtin', a pack folder or a .zip; prompts when absent. */
  pack?: string;
  /** Course folder; prompts when absent. */
  target?: string;
  /** How to open it: this window (reloads), a new window, add to the workspace, or just register it. */
  open?: 'window' | 'newWindow' | 'add' | 'none';
}

export interface StartCourseResult {
  root: string;
  firstLearnerFile?: string;
  opened: string;
}

async function executeOps(ops: CourseOp[]): Promise<void> {
  for (const op of ops) {
    switch (op.kind) {
      case 'mkdir': await fs.promises.mkdir(op.to, { recursive: true }); break;
      // COPYFILE_EXCL: even if the file appeared since planning, never overwrite a learner's file.
      case 'copy': await fs.promises.copyFile(op.from, op.to, fs.constants.COPYFILE_EXCL).catch((e: NodeJS.ErrnoException) => { if (e.code !== 'EEXIST') throw e; }); break;
      case 'copyDir':
        if (fs.existsSync(op.from)) await fs.promises.cp(op.from, op.to, { recursive: true, force: true });
        break;
      case 'write': await fs.promises.mkdir(path.dirname(op.to), { recursive: true }); await fs.promises.writeFile(op.to, op.text); break;
      case 'keep': break;
    }
  }
}

function readCourseRecord(root: string) {
  try {
    return parseCourseRecord(fs.readFileSync(path.join(root, COURSE_DIR, COURSE_FILE), 'utf8')).record;
  } catch {
    return undefined;
  }
}

/** Writes (or completes) a course folder for `pack` at `target`. Shared by Start Course and Preview as Learner. */
export async function materializeCourse(ctx: GradLabContext, pack: LoadedPack, target: string, source: PackSource, exerciseIds?: string[]) {
  const exercises = pack.exercises
    .filter((e) => !exerciseIds || exerciseIds.includes(e.manifest.id))
    .map((e) => ({ id: e.manifest.id, learnerFile: e.manifest.learnerFile, starter: e.paths.starter, readme: e.paths.readme }));
  const typesDir = path.join(ctx.distDir, 'types');
  if (!fs.existsSync(typesDir)) ctx.log.warn(`${typesDir} is missing (build with \`npm run build\`): the course gets no type declarations for 'gradlab'.`);
  const plan = planCourse({ id: pack.manifest.id, title: pack.manifest.title, version: pack.manifest.version, exercises }, target, {
    source, typesDir, now: new Date(), exists: (f) => fs.existsSync(f),
  });
  await executeOps(plan.ops);
  const kept = plan.ops.filter((op) => op.kind === 'keep').length;
  ctx.log.info(`course ${pack.manifest.id} written to ${target} (${plan.ops.length} steps, ${kept} existing files kept)`);
  return plan;
}

export function startCourseCommand(ctx: GradLabContext) {
  return async (args: StartCourseArgs = {}): Promise<StartCourseResult | undefined> => {
    const location = args.pack ?? (await pickPackLocation(ctx, vscode.l10n.t('GradLab: Start Course')));
    if (!location) return undefined;
    let resolved;
    try {
      resolved = await resolvePackLocation(ctx, location);
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot open the pack {0}: {1}', location, errorMessage(e)));
      return undefined;
    }
    const pack = await loadPackOrExplain(ctx, resolved.dir);
    if (!pack) return undefined;
    if (location !== 'builtin') await rememberPack(ctx, location);

    let target = args.target;
    if (!target) {
      const picked = await vscode.window.showOpenDialog({
        canSelectFolders: true, canSelectFiles: false, canSelectMany: false,
        openLabel: vscode.l10n.t('Start Course Here'),
        title: vscode.l10n.t('Choose a folder for your copy of "{0}" (an empty folder, or an earlier copy to continue)', pack.manifest.title),
      });
      target = picked?.[0]?.fsPath;
      if (!target) return undefined;
    }
    const root = path.resolve(target);
    const existing = readCourseRecord(root);
    const refusal = refuseTarget(existing, pack.manifest.id);
    if (refusal) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot start "{0}" in {1}: {2}. Choose another folder.', pack.manifest.title, root, refusal));
      return undefined;
    }
    let plan;
    try {
      plan = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('GradLab: copying "{0}"…', pack.manifest.title) },
        () => materializeCourse(ctx, pack, root, resolved.source));
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not write the course into {0}: {1}', root, errorMessage(e)));
      return undefined;
    }
    const progress = ctx.progress.pack(pack.manifest.id);
    const resumeId = resumeExercise(pack.manifest.exercises, progress.lastExercise, (id) => progress.exercises[id]?.passed === true);
    await ctx.extension.globalState.update(PENDING_OPEN_KEY, { root, exerciseId: resumeId });

    const inWorkspace = (vscode.workspace.workspaceFolders ?? []).some((f) => f.uri.scheme === 'file' && samePath(f.uri.fsPath, root));
    let open = args.open;
    if (!open && !inWorkspace) open = await askHowToOpen();
    if (!open && !inWorkspace) return undefined;
    if (inWorkspace || open === 'none' || open === 'add') {
      if (open === 'add') vscode.workspace.updateWorkspaceFolders(vscode.workspace.workspaceFolders?.length ?? 0, 0, { uri: vscode.Uri.file(root) });
      const session = await ctx.registry.addRoot(root, 'course');
      const ref = session ? exerciseRefs(session).find((r) => r.exercise.manifest.id === resumeId) ?? exerciseRefs(session)[0] : undefined;
      if (ref) {
        await ctx.extension.globalState.update(PENDING_OPEN_KEY, undefined);
        await openExercise(ctx, ref);
      }
      return { root, firstLearnerFile: plan.firstLearnerFile, opened: inWorkspace ? 'workspace' : open ?? 'none' };
    }
    // Opening the folder restarts the extension host; activate() finds PENDING_OPEN_KEY and shows the exercise.
    await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(root), { forceNewWindow: open === 'newWindow' });
    return { root, firstLearnerFile: plan.firstLearnerFile, opened: open ?? 'window' };
  };
}

async function askHowToOpen(): Promise<StartCourseArgs['open']> {
  const items: Array<vscode.QuickPickItem & { value: StartCourseArgs['open'] }> = [
    { label: vscode.l10n.t('Open in This Window'), value: 'window' },
    { label: vscode.l10n.t('Open in a New Window'), value: 'newWindow' },
    { label: vscode.l10n.t('Add to This Workspace'), value: 'add' },
  ];
  const choice = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Open the course folder') });
  return choice?.value;
}

/** After Start Course reopened the window on the course folder: show the exercise it chose. */
export async function openPendingExercise(ctx: GradLabContext): Promise<void> {
  const pending = ctx.extension.globalState.get<{ root: string; exerciseId?: string }>(PENDING_OPEN_KEY);
  if (!pending) return;
  const session = ctx.registry.all().find((s) => samePath(s.root, pending.root));
  if (!session) return;
  await ctx.extension.globalState.update(PENDING_OPEN_KEY, undefined);
  const refs = exerciseRefs(session);
  const ref = refs.find((r) => r.exercise.manifest.id === pending.exerciseId) ?? refs[0];
  if (ref) await openExercise(ctx, ref);
}

interface ExercisePick extends vscode.QuickPickItem {
  ref?: ExerciseRef;
}

export function openExerciseCommand(ctx: GradLabContext) {
  return async (arg?: unknown): Promise<string | undefined> => {
    await ctx.registry.ready();
    if (arg !== undefined) {
      const ref = ctx.registry.resolveTarget(arg);
      if (!ref) {
        void vscode.window.showWarningMessage(vscode.l10n.t('No GradLab exercise matches {0}.', JSON.stringify(arg)));
        return undefined;
      }
      await openExercise(ctx, ref);
      return exerciseKey(ref);
    }
    const sessions = ctx.registry.all();
    if (sessions.length === 0) {
      const start = vscode.l10n.t('Start Course');
      if ((await vscode.window.showInformationMessage(vscode.l10n.t('No GradLab course is open in this window.'), start)) === start) {
        await vscode.commands.executeCommand('gradlab.startCourse');
      }
      return undefined;
    }
    const items: ExercisePick[] = [];
    let active: ExercisePick | undefined;
    for (const session of sessions) {
      if (sessions.length > 1) items.push({ label: session.pack.manifest.title, kind: vscode.QuickPickItemKind.Separator });
      const refs = exerciseRefs(session);
      const progress = ctx.progress.pack(session.pack.manifest.id);
      const current = resumeExercise(refs.map((r) => r.exercise.manifest.id), ctx.registry.getCurrent()?.exercise.manifest.id ?? progress.lastExercise, (id) => progress.exercises[id]?.passed === true);
      const built = buildExercisePickItems(
        refs.map((r) => ({ id: r.exercise.manifest.id, title: r.exercise.manifest.title, topics: r.exercise.manifest.topics, maxScore: maxScoreOf(r.exercise) })),
        (id) => progress.exercises[id], current, vscode.l10n.t,
      );
      built.forEach((b, i) => {
        const item: ExercisePick = { label: b.label, description: b.description, detail: b.detail, ref: refs[i] };
        items.push(item);
        if (b.picked && !active) active = item;
      });
    }
    const pick = vscode.window.createQuickPick<ExercisePick>();
    pick.title = vscode.l10n.t('GradLab: Open Exercise');
    pick.placeholder = vscode.l10n.t('✓ passed · ✗ not passed yet · – not attempted');
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.items = items;
    if (active) pick.activeItems = [active];
    const chosen = await new Promise<ExercisePick | undefined>((resolve) => {
      pick.onDidAccept(() => resolve(pick.selectedItems[0]));
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
    pick.dispose();
    if (!chosen?.ref) return undefined;
    await openExercise(ctx, chosen.ref);
    return exerciseKey(chosen.ref);
  };
}

function sessionForNavigation(ctx: GradLabContext): CourseSession | undefined {
  return ctx.registry.resolveTarget()?.session ?? ctx.registry.primarySession();
}

export function stepExerciseCommand(ctx: GradLabContext, step: 1 | -1) {
  return async (): Promise<string | undefined> => {
    await ctx.registry.ready();
    const session = sessionForNavigation(ctx);
    if (!session) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No GradLab course is open in this window. Run "GradLab: Start Course" first.'));
      return undefined;
    }
    const refs = exerciseRefs(session);
    const current = ctx.registry.resolveTarget();
    const id = neighbourExercise(refs.map((r) => r.exercise.manifest.id), current?.session === session ? current.exercise.manifest.id : undefined, step);
    const ref = refs.find((r) => r.exercise.manifest.id === id);
    if (!ref) {
      void vscode.window.showInformationMessage(step === 1 ? vscode.l10n.t('This is the last exercise of the course.') : vscode.l10n.t('This is the first exercise of the course.'));
      return undefined;
    }
    await openExercise(ctx, ref);
    return exerciseKey(ref);
  };
}

export function openPackCommand(ctx: GradLabContext) {
  return async (location?: string): Promise<string | undefined> => {
    if (!location) {
      const kind = await vscode.window.showQuickPick(
        [{ label: vscode.l10n.t('$(folder-opened) A pack folder…'), value: 'folder' as const }, { label: vscode.l10n.t('$(file-zip) A pack archive (.zip)…'), value: 'archive' as const }],
        { title: vscode.l10n.t('GradLab: Open Exercise Pack') },
      );
      if (!kind) return undefined;
      location = await browseForPack(kind.value);
      if (!location) return undefined;
    }
    let resolved;
    try {
      resolved = await resolvePackLocation(ctx, location);
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot open the pack {0}: {1}', location, errorMessage(e)));
      return undefined;
    }
    const pack = await loadPackOrExplain(ctx, resolved.dir);
    if (!pack) return undefined;
    await rememberPack(ctx, location);
    const start = vscode.l10n.t('Start Course');
    const preview = vscode.l10n.t('Preview as Learner');
    const validate = vscode.l10n.t('Validate Pack');
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Opened the pack "{0}" ({1} exercises). It is now offered by Start Course.', pack.manifest.title, pack.exercises.length),
      start, preview, validate,
    ).then((choice) => {
      if (choice === start) void vscode.commands.executeCommand('gradlab.startCourse', { pack: location });
      if (choice === preview) void vscode.commands.executeCommand('gradlab.previewAsLearner', { pack: resolved.dir });
      if (choice === validate) void vscode.commands.executeCommand('gradlab.validatePack', { pack: resolved.dir });
    });
    return resolved.dir;
  };
}
