/**
 * The composition root's object graph (rust-analyzer style): one GradLabContext owns every service
 * and disposable; command factories receive it. Nothing here runs learner code.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ProgressStore } from './core/progress';
import { CourseRegistry } from './services/course-registry';
import { GradingService } from './services/grading-service';
import { PanelHost } from './services/panel-host';
import { TrustService } from './services/trust';
import { GradLabDiagnostics } from './views/diagnostics';
import { ExerciseTreeProvider } from './views/exercise-tree';
import { GradLabStatusBar } from './views/status-bar';
import { GradLabTesting } from './views/testing';

export class GradLabContext implements vscode.Disposable {
  readonly log: vscode.LogOutputChannel;
  readonly trust: TrustService;
  readonly progress: ProgressStore;
  readonly registry: CourseRegistry;
  readonly grading: GradingService;
  readonly diagnostics: GradLabDiagnostics;
  readonly panel: PanelHost;
  readonly testing: GradLabTesting;
  readonly tree: ExerciseTreeProvider;
  readonly statusBar: GradLabStatusBar;
  /** Folder with dist/sandbox-host.js: given explicitly (the runner would guess from its own bundle). */
  readonly distDir: string;
  readonly builtinPackDir: string;
  /** How long activate() took (set at its end; logged and read by the integration suite). */
  activationMs = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly extension: vscode.ExtensionContext, log: vscode.LogOutputChannel) {
    this.log = log;
    this.distDir = path.join(extension.extensionUri.fsPath, 'dist');
    this.builtinPackDir = path.join(extension.extensionUri.fsPath, 'exercises');
    this.trust = new TrustService(extension.extensionMode);
    const globalState = extension.globalState;
    this.progress = new ProgressStore(globalState, (keys) => globalState.setKeysForSync(keys));
    // Progress syncs across machines (Settings Sync) for every pack seen so far.
    globalState.setKeysForSync(this.progress.syncKeys());
    this.registry = this.own(new CourseRegistry(this.builtinPackDir, log));
    this.grading = this.own(new GradingService(this.distDir, this.progress, this.trust, log, extension.workspaceState));
    this.diagnostics = this.own(new GradLabDiagnostics());
    this.panel = this.own(new PanelHost(extension.extensionUri, this.registry, this.grading, this.progress, this.trust, log));
    this.testing = this.own(new GradLabTesting(this.registry, this.grading, this.trust));
    this.tree = this.own(new ExerciseTreeProvider(this.registry, this.progress));
    this.statusBar = this.own(new GradLabStatusBar(this.registry, this.progress));
  }

  own<T extends vscode.Disposable>(disposable: T): T {
    this.disposables.push(disposable);
    return disposable;
  }

  /** Repaints everything that shows progress (tree, status bar). */
  refreshProgressViews(): void {
    this.tree.refresh();
    this.statusBar.update();
  }

  get storageDir(): string {
    return this.extension.globalStorageUri.fsPath;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) {
      try {
        d.dispose();
      } catch (e) {
        this.log.warn(`dispose failed: ${(e as Error).message}`);
      }
    }
  }
}
