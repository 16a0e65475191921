/**
 * Connects the exercise webview (ExercisePanel, owned by the panel engineer) to the rest of the host:
 * builds the ExerciseView for an exercise, forwards "running" / results from the GradingService,
 * routes the page's buttons to commands, restores the panel after a reload, and remembers the last
 * message it sent (the integration suite reads it through a test-only command).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GradeResult } from '../../grading/types';
import type { ExerciseView, FromWebview, PanelState } from '../../protocol/messages';
import { exerciseKey, exerciseRefs, findRefForView, type ExerciseRef } from '../core/exercise-ref';
import type { ProgressStore } from '../core/progress';
import { ExercisePanel } from '../panel';
import type { CourseRegistry } from './course-registry';
import type { GradingService } from './grading-service';
import type { TrustService } from './trust';

export type PostedMessage =
  | { type: 'exercise'; view: ExerciseView }
  | { type: 'result'; exerciseId: string; result: GradeResult; referenceShown: boolean }
  | { type: 'running'; exerciseId: string }
  | { type: 'error'; exerciseId: string; message: string }
  | { type: 'hints'; exerciseId: string; hints: string[]; total: number };

export class PanelHost implements vscode.Disposable {
  private shown: ExerciseRef | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private panelSubscriptions: vscode.Disposable[] = [];
  /** Rendered READMEs by file (see instructionsHtml). */
  private readonly instructionsCache = new Map<string, { panel: ExercisePanel; mtimeMs: number; size: number; html: string }>();
  /** Most recent message per type, for the integration suite. */
  readonly lastPosted = new Map<PostedMessage['type'], PostedMessage>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly registry: CourseRegistry,
    private readonly grading: GradingService,
    private readonly progress: ProgressStore,
    private readonly trust: TrustService,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      grading.onDidStart((ref) => {
        if (this.isShowing(ref)) {
          ExercisePanel.current?.showRunning();
          this.record({ type: 'running', exerciseId: ref.exercise.manifest.id });
        }
      }),
      grading.onDidGrade(({ ref, result }) => {
        if (this.isShowing(ref)) {
          this.postResult(ref, result);
          this.refreshView(ref);
        }
      }),
      // A cancelled check (Testing view's Stop, a continuous run turned off) posts no result: without
      // this the page kept "Checking…" and a disabled Check button. A check superseded by a newer one
      // of the same exercise leaves that one running, so the indicator stays.
      grading.onDidEnd((ref) => {
        if (this.isShowing(ref) && !grading.isRunning(ref)) ExercisePanel.current?.clearRunning();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => ExercisePanel.current?.setTrusted(true)),
      ExercisePanel.registerSerializer(extensionUri, (panel, state) => this.restore(panel, state)),
    );
  }

  dispose(): void {
    for (const d of this.panelSubscriptions.splice(0)) d.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  isShowing(ref: ExerciseRef): boolean {
    return ExercisePanel.current !== undefined && this.shown !== undefined && exerciseKey(this.shown) === exerciseKey(ref);
  }

  /** Opens (or reveals) the panel on this exercise, with the last result if there is one. */
  show(ref: ExerciseRef, options: { preserveFocus?: boolean } = {}): void {
    const panel = ExercisePanel.createOrShow(this.extensionUri, { preserveFocus: options.preserveFocus ?? true });
    this.attach(panel);
    this.shown = ref;
    this.refreshView(ref);
    const last = this.grading.lastResult(ref);
    if (last && panel.state.result === undefined) this.postResult(ref, last);
    if (this.grading.isRunning(ref)) panel.showRunning();
  }

  showHostError(ref: ExerciseRef, message: string): void {
    if (!this.isShowing(ref)) return;
    ExercisePanel.current?.showError(message);
    this.record({ type: 'error', exerciseId: ref.exercise.manifest.id, message });
  }

  updateHints(ref: ExerciseRef): void {
    if (!this.isShowing(ref)) return;
    const { hints, total } = this.hintsFor(ref);
    ExercisePanel.current?.setHints(hints, total);
    this.record({ type: 'hints', exerciseId: ref.exercise.manifest.id, hints, total });
  }

  /** Re-sends the view (progress, trust, hints) of the exercise on show. */
  refreshView(ref: ExerciseRef): void {
    const panel = ExercisePanel.current;
    if (!panel || !this.isShowing(ref)) return;
    const view = this.buildView(panel, ref);
    panel.show(view);
    this.record({ type: 'exercise', view });
  }

  private postResult(ref: ExerciseRef, result: GradeResult): void {
    const referenceShown = vscode.workspace.getConfiguration('gradlab').get<boolean>('showReferenceCurve', true);
    ExercisePanel.current?.showResult(result, referenceShown);
    this.record({ type: 'result', exerciseId: ref.exercise.manifest.id, result, referenceShown });
  }

  private hintsFor(ref: ExerciseRef): { hints: string[]; total: number } {
    const all = ref.exercise.manifest.hints;
    const used = this.progress.exercise(ref.session.pack.manifest.id, ref.exercise.manifest.id).hintsUsed;
    return { hints: all.slice(0, used), total: all.length };
  }

  private buildView(panel: ExercisePanel, ref: ExerciseRef): ExerciseView {
    const m = ref.exercise.manifest;
    const p = this.progress.exercise(ref.session.pack.manifest.id, m.id);
    const { hints, total } = this.hintsFor(ref);
    const count = exerciseRefs(ref.session).length;
    return {
      exerciseId: m.id,
      exerciseKey: exerciseKey(ref),
      title: m.title,
      subtitle: ref.session.kind === 'preview'
        ? vscode.l10n.t('{0} · preview as learner', ref.session.pack.manifest.title)
        : ref.session.pack.manifest.title,
      instructionsHtml: this.instructionsHtml(panel, ref),
      hints,
      hintsTotal: total,
      progress: {
        solved: p.passed,
        bestScore: p.attempts > 0 ? p.bestScore : undefined,
        maxScore: p.attempts > 0 ? p.maxScore : undefined,
        attempts: p.attempts,
        positionLabel: vscode.l10n.t('Exercise {0} of {1}', ref.index + 1, count),
      },
      trusted: this.trust.isTrusted(),
      // Offered always; the command itself asks for confirmation before a pass.
      solutionAvailable: true,
      fileName: path.basename(ref.learnerFile),
    };
  }

  /**
   * The README as HTML. The view is rebuilt after every grade, so the rendering is cached per README
   * file and reused while its mtime and size are unchanged (an edited README renders afresh). Keyed by
   * panel too: image URLs come from that panel's webview.
   */
  private instructionsHtml(panel: ExercisePanel, ref: ExerciseRef): string {
    // The README the learner sees is their course copy; fall back to the pack's.
    const localReadme = path.join(path.dirname(ref.learnerFile), 'README.md');
    const readmeFile = fs.existsSync(localReadme) ? localReadme : ref.exercise.paths.readme;
    const exerciseDir = vscode.Uri.file(path.dirname(readmeFile));
    let stat: fs.Stats;
    let markdown: string;
    try {
      stat = fs.statSync(readmeFile);
      const cached = this.instructionsCache.get(readmeFile);
      if (cached && cached.panel === panel && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.html;
      markdown = fs.readFileSync(readmeFile, 'utf8');
    } catch {
      this.instructionsCache.delete(readmeFile);
      const missing = `# ${ref.exercise.manifest.title}\n\n${vscode.l10n.t('(The instructions file {0} is missing.)', path.basename(readmeFile))}`;
      return panel.renderInstructions(missing, exerciseDir);
    }
    const html = panel.renderInstructions(markdown, exerciseDir);
    this.instructionsCache.set(readmeFile, { panel, mtimeMs: stat.mtimeMs, size: stat.size, html });
    return html;
  }

  private attach(panel: ExercisePanel): void {
    if (this.panelSubscriptions.length > 0 && ExercisePanel.current === panel) return;
    for (const d of this.panelSubscriptions.splice(0)) d.dispose();
    this.panelSubscriptions.push(
      panel.onDidReceiveMessage((message) => this.onMessage(message)),
      panel.onDidDispose(() => {
        for (const d of this.panelSubscriptions.splice(0)) d.dispose();
        this.instructionsCache.clear(); // its HTML holds this panel's resource URLs
      }),
    );
  }

  private async restore(panel: ExercisePanel, state: PanelState | undefined): Promise<void> {
    this.attach(panel);
    // activate() has already started loading the courses: wait for that scan rather than start another.
    await this.registry.ready();
    const view = state?.view;
    const ref = view ? findRefForView(this.registry.all(), view) : undefined;
    if (!ref) {
      this.log.info(`panel restored without a known exercise (${view?.exerciseKey ?? view?.exerciseId ?? 'none'}); showing its saved state only`);
      return;
    }
    this.shown = ref;
    this.registry.setCurrent(ref);
    this.refreshView(ref);
  }

  private onMessage(message: FromWebview): void {
    const ref = this.shown;
    switch (message.type) {
      case 'checkRequested':
        if (ref) void vscode.commands.executeCommand('gradlab.checkExercise', { key: exerciseKey(ref) });
        return;
      case 'nextHint':
        if (ref) void vscode.commands.executeCommand('gradlab.showNextHint', { key: exerciseKey(ref) });
        return;
      case 'showSolution':
        if (ref) void vscode.commands.executeCommand('gradlab.showSolution', { key: exerciseKey(ref) });
        return;
      case 'trustWorkspace':
        void vscode.commands.executeCommand('workbench.trust.manage');
        return;
      case 'openFile':
        if (ref) void this.openAt(ref, message.line, message.column);
        return;
      case 'ready':
        return;
    }
  }

  /** "Go to line": only ever the learner's own file (the page may name the file; we do not follow it elsewhere). */
  private async openAt(ref: ExerciseRef, line?: number, column?: number): Promise<void> {
    const document = await vscode.workspace.openTextDocument(ref.learnerFile);
    const position = new vscode.Position(Math.max(0, (line ?? 1) - 1), Math.max(0, (column ?? 1) - 1));
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
  }

  private record(message: PostedMessage): void {
    this.lastPosted.set(message.type, message);
  }
}
