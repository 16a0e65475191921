/**
 * ExercisePanel: the host side of the exercise webview (one panel, beside the editor).
 *
 * Public API (used by the commands / Testing controller; see src/protocol/messages.ts for messages):
 *
 *   ExercisePanel.viewType = 'gradlab.exercise'
 *   ExercisePanel.current: ExercisePanel | undefined              the open panel, if any
 *   ExercisePanel.createOrShow(extensionUri, options?): ExercisePanel
 *       options: { column?: ViewColumn (default Beside), preserveFocus?: boolean (default true) }
 *       Reveals the existing panel or creates it.
 *   ExercisePanel.registerSerializer(extensionUri, onRestore): Disposable
 *       onRestore(panel, state: PanelState | undefined) runs after a window reload restored the panel
 *       (the page has already rendered `state` itself; re-send fresh data with panel.show(...)).
 *       package.json needs "activationEvents": ["onWebviewPanel:gradlab.exercise"].
 *
 *   panel.show(view: ExerciseView)                     exercise title, instructions HTML, hints, progress, trust
 *   panel.showResult(result: GradeResult, referenceShown = true)    updates in place; referenceShown=false
 *                                                      hides the reference solution's curves and values
 *   panel.showRunning()                                "Checking…"
 *   panel.clearRunning()                               the check ended with nothing to show (cancelled): drop "Checking…"
 *   panel.showError(message)                           the host could not run the check (not a learner error)
 *   panel.setHints(hints: string[], total: number)     after the learner revealed another hint
 *   panel.setTrusted(trusted: boolean)                 on workspace trust change
 *   panel.renderInstructions(markdown, exerciseDir?)   README → HTML; relative images resolved inside exerciseDir
 *   panel.state: PanelState                            what the panel currently shows
 *   panel.onDidReceiveMessage: Event<FromWebview>      validated messages from the page ('ready' included)
 *   panel.onDidDispose: Event<void>
 *   panel.reveal(column?, preserveFocus?) · panel.dispose()
 *
 * Lifecycle: retainContextWhenHidden is false (cheaper; state survives through setState). When the
 * page reloads (panel hidden then shown, or window reload) it renders its saved state at once, posts
 * {type:'ready'}, and the panel answers by re-sending its latest view and result, so messages posted
 * while the page was not listening are never lost.
 */
import * as vscode from 'vscode';
import type { GradeResult } from '../../grading/types';
import {
  PROTOCOL_VERSION, isFromWebview, isPanelState, toWebview,
  type ExerciseView, type FromWebview, type PanelState, type ToWebviewBody,
} from '../../protocol/messages';
import { createNonce, webviewHtml } from './html';
import { renderInstructions } from './markdown';

export interface CreateOrShowOptions {
  column?: vscode.ViewColumn;
  preserveFocus?: boolean;
}

const STYLE_FILES = ['webview.css'];

export class ExercisePanel implements vscode.Disposable {
  static readonly viewType = 'gradlab.exercise';
  private static currentPanel: ExercisePanel | undefined;

  static get current(): ExercisePanel | undefined {
    return ExercisePanel.currentPanel;
  }

  static createOrShow(extensionUri: vscode.Uri, options: CreateOrShowOptions = {}): ExercisePanel {
    const column = options.column ?? vscode.ViewColumn.Beside;
    const preserveFocus = options.preserveFocus ?? true;
    if (ExercisePanel.currentPanel) {
      ExercisePanel.currentPanel.reveal(column, preserveFocus);
      return ExercisePanel.currentPanel;
    }
    const panel = vscode.window.createWebviewPanel(
      ExercisePanel.viewType,
      'GradLab',
      { viewColumn: column, preserveFocus },
      ExercisePanel.webviewOptions(extensionUri),
    );
    return new ExercisePanel(panel, extensionUri, undefined);
  }

  static registerSerializer(
    extensionUri: vscode.Uri,
    onRestore: (panel: ExercisePanel, state: PanelState | undefined) => void | Promise<void>,
  ): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(ExercisePanel.viewType, {
      async deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
        // The saved state comes from the page: validate it like any other page input.
        const restored = isPanelState(state) ? state : undefined;
        webviewPanel.webview.options = ExercisePanel.webviewOptions(extensionUri);
        ExercisePanel.currentPanel?.dispose();
        const panel = new ExercisePanel(webviewPanel, extensionUri, restored);
        await onRestore(panel, restored);
      },
    });
  }

  private static webviewOptions(extensionUri: vscode.Uri, extraRoots: vscode.Uri[] = []): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: false,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media'), ...extraRoots],
    };
  }

  private readonly messageEmitter = new vscode.EventEmitter<FromWebview>();
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  private current: PanelState;
  /** Last transient status (running / host error) so a reloaded page shows it again. */
  private status: { type: 'running' } | { type: 'error'; message: string } | undefined;
  private extraRoots: vscode.Uri[] = [];
  private disposed = false;

  readonly onDidReceiveMessage: vscode.Event<FromWebview> = this.messageEmitter.event;
  readonly onDidDispose: vscode.Event<void> = this.disposeEmitter.event;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    restored: PanelState | undefined,
  ) {
    ExercisePanel.currentPanel = this;
    this.current = restored ?? { protocol: PROTOCOL_VERSION };
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    if (restored?.view) this.panel.title = panelTitle(restored.view.title);
    this.panel.webview.html = this.html();
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
    );
  }

  get state(): PanelState {
    return { ...this.current };
  }

  show(view: ExerciseView): void {
    const sameExercise = this.current.view?.exerciseId === view.exerciseId;
    this.current = {
      protocol: PROTOCOL_VERSION,
      view,
      // A result belongs to one exercise: keep it only when re-showing the same one.
      result: sameExercise ? this.current.result : undefined,
      referenceShown: sameExercise ? this.current.referenceShown : undefined,
    };
    if (!sameExercise) this.status = undefined;
    this.panel.title = panelTitle(view.title);
    this.post({ type: 'exercise', view });
  }

  showResult(result: GradeResult, referenceShown = true): void {
    this.current = { ...this.current, result, referenceShown };
    this.status = undefined;
    this.post({ type: 'result', result, referenceShown });
  }

  showRunning(): void {
    this.status = { type: 'running' };
    this.post({ type: 'running' });
  }

  clearRunning(): void {
    if (this.status?.type !== 'running') return; // a result or error already replaced it
    this.status = undefined;
    this.post({ type: 'idle' });
  }

  showError(message: string): void {
    this.status = { type: 'error', message };
    this.post({ type: 'error', message });
  }

  setHints(hints: string[], total: number): void {
    if (this.current.view) this.current = { ...this.current, view: { ...this.current.view, hints, hintsTotal: total } };
    this.post({ type: 'hints', hints, total });
  }

  setTrusted(trusted: boolean): void {
    if (this.current.view) this.current = { ...this.current, view: { ...this.current.view, trusted } };
    this.post({ type: 'trust', trusted });
  }

  /**
   * README markdown → HTML for ExerciseView.instructionsHtml. Relative images are served from
   * `exerciseDir` (added to localResourceRoots); without it they are replaced by their alt text.
   */
  renderInstructions(markdown: string, exerciseDir?: vscode.Uri): string {
    if (exerciseDir && !this.extraRoots.some((r) => r.toString() === exerciseDir.toString())) {
      this.extraRoots = [...this.extraRoots, exerciseDir];
      // Changing options keeps the page (no reload) as long as enableScripts is unchanged.
      this.panel.webview.options = ExercisePanel.webviewOptions(this.extensionUri, this.extraRoots);
    }
    const webview = this.panel.webview;
    return renderInstructions(markdown, {
      resolveResource: exerciseDir
        ? (relativePath) => webview.asWebviewUri(vscode.Uri.joinPath(exerciseDir, ...relativePath.split('/'))).toString()
        : undefined,
    });
  }

  reveal(column?: vscode.ViewColumn, preserveFocus = true): void {
    this.panel.reveal(column, preserveFocus);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (ExercisePanel.currentPanel === this) ExercisePanel.currentPanel = undefined;
    this.disposeEmitter.fire();
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.messageEmitter.dispose();
    this.disposeEmitter.dispose();
  }

  private receive(raw: unknown): void {
    if (!isFromWebview(raw)) return; // untrusted input: drop anything that is not exactly a known message
    if (raw.type === 'ready') this.resendState();
    this.messageEmitter.fire(raw);
  }

  /** The page (re)loaded: give it everything it may have missed while it was not listening. */
  private resendState(): void {
    const { view, result, referenceShown } = this.current;
    if (view) this.post({ type: 'exercise', view });
    if (result) this.post({ type: 'result', result, referenceShown: referenceShown ?? true });
    if (this.status) this.post(this.status);
  }

  private post(body: ToWebviewBody): void {
    if (this.disposed) return;
    // postMessage resolves false when the page is not there (hidden without retained context);
    // the 'ready' handshake re-sends the state, so a dropped message is not an error.
    void this.panel.webview.postMessage(toWebview(body));
  }

  private html(): string {
    const webview = this.panel.webview;
    const asUri = (...segments: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...segments)).toString();
    return webviewHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: asUri('dist', 'webview.js'),
      styleUris: STYLE_FILES.map((f) => asUri('media', f)),
      title: 'GradLab',
    });
  }
}

function panelTitle(exerciseTitle: string): string {
  return `GradLab: ${exerciseTitle}`;
}
