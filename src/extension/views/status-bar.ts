/** "$(beaker) m6-clip-global-norm · 42/120": current exercise and course score; click opens the panel. */
import * as vscode from 'vscode';
import { exerciseRefs, maxScoreOf } from '../core/exercise-ref';
import { statusBarText } from '../core/exercise-list';
import { courseScore, type ProgressStore } from '../core/progress';
import type { CourseRegistry } from '../services/course-registry';

export class GradLabStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('gradlab.status', vscode.StatusBarAlignment.Left, 50);

  constructor(private readonly registry: CourseRegistry, private readonly progress: ProgressStore) {
    this.item.name = vscode.l10n.t('GradLab exercise');
    this.item.command = 'gradlab.showPanel';
  }

  dispose(): void {
    this.item.dispose();
  }

  get text(): string | undefined {
    return this.item.text || undefined;
  }

  update(): void {
    const current = this.registry.getCurrent();
    const session = current?.session ?? this.registry.primarySession();
    if (!session) {
      this.item.hide();
      return;
    }
    const refs = exerciseRefs(session);
    const score = courseScore(this.progress.pack(session.pack.manifest.id), refs.map((r) => ({ id: r.exercise.manifest.id, maxScore: maxScoreOf(r.exercise) })));
    this.item.text = statusBarText(current?.exercise.manifest.id, score);
    this.item.tooltip = vscode.l10n.t('{0}: {1} of {2} exercises passed, {3}/{4} points. Click to open the exercise panel.',
      session.pack.manifest.title, score.passed, refs.length, score.score, score.maxScore);
    this.item.accessibilityInformation = { label: vscode.l10n.t('GradLab: {0}, score {1} of {2}', current?.exercise.manifest.title ?? session.pack.manifest.title, score.score, score.maxScore) };
    this.item.show();
  }
}
