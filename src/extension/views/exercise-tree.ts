/** The GradLab activity-bar view: courses → exercises with status icon and score; click opens one. */
import * as vscode from 'vscode';
import { STATUS_ICON, exerciseStatus, scoreText } from '../core/exercise-list';
import { exerciseKey, exerciseRefs, maxScoreOf, type CourseSession, type ExerciseRef } from '../core/exercise-ref';
import type { ProgressStore } from '../core/progress';
import type { CourseRegistry } from '../services/course-registry';

type Node = { kind: 'session'; session: CourseSession } | { kind: 'exercise'; ref: ExerciseRef };

const STATUS_COLOR: Record<string, string | undefined> = { pass: 'testing.iconPassed', error: 'testing.iconFailed' };

export class ExerciseTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly registry: CourseRegistry, private readonly progress: ProgressStore) {}

  dispose(): void {
    this.changed.dispose();
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    const sessions = this.registry.all();
    if (!node) {
      // One course: list its exercises directly; several: group them by course.
      if (sessions.length === 1) return exerciseRefs(sessions[0]).map((ref) => ({ kind: 'exercise', ref }));
      return sessions.map((session) => ({ kind: 'session', session }));
    }
    return node.kind === 'session' ? exerciseRefs(node.session).map((ref) => ({ kind: 'exercise', ref })) : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'session') {
      const item = new vscode.TreeItem(node.session.pack.manifest.title, vscode.TreeItemCollapsibleState.Expanded);
      item.description = node.session.kind === 'preview' ? vscode.l10n.t('preview') : node.session.root;
      item.iconPath = new vscode.ThemeIcon('mortar-board');
      item.contextValue = 'gradlab.course';
      return item;
    }
    const { ref } = node;
    const m = ref.exercise.manifest;
    const p = this.progress.pack(ref.session.pack.manifest.id).exercises[m.id];
    const status = exerciseStatus(p);
    const icon = STATUS_ICON[status];
    const item = new vscode.TreeItem(`${ref.index + 1}. ${m.title}`, vscode.TreeItemCollapsibleState.None);
    item.id = `${ref.session.root}|${exerciseKey(ref)}`;
    item.description = scoreText(p, maxScoreOf(ref.exercise));
    item.tooltip = new vscode.MarkdownString(`**${m.title}** (${m.id})\n\n${m.topics.join(', ')}`);
    item.iconPath = new vscode.ThemeIcon(icon, STATUS_COLOR[icon] ? new vscode.ThemeColor(STATUS_COLOR[icon]!) : undefined);
    item.resourceUri = vscode.Uri.file(ref.learnerFile);
    item.contextValue = 'gradlab.exercise';
    item.accessibilityInformation = { label: vscode.l10n.t('{0}, {1}, score {2}', m.title, status === 'passed' ? vscode.l10n.t('passed') : status === 'failed' ? vscode.l10n.t('not passed yet') : vscode.l10n.t('not attempted'), item.description as string) };
    item.command = { command: 'gradlab.openExercise', title: vscode.l10n.t('Open Exercise'), arguments: [{ key: exerciseKey(ref) }] };
    return item;
  }
}
