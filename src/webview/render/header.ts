/** Header (title, score badge, status, progress), the action buttons and the trust banner. */
import type { GradeResult } from '../../grading/types';
import type { ExerciseView } from '../../protocol/messages';
import { button, h, replaceChildren } from '../dom';
import { progressLine, scoreBadge } from '../view-model';
import type { Layout } from './layout';

export type Activity = { kind: 'idle' } | { kind: 'running' } | { kind: 'host-error' };

export interface HeaderActions {
  check(): void;
  showSolution(): void;
  trustWorkspace(): void;
}

export function renderHeader(layout: Layout, view: ExerciseView | undefined, result: GradeResult | undefined, activity: Activity): void {
  layout.title.textContent = view?.title ?? result?.title ?? 'GradLab';
  layout.subtitle.textContent = view?.subtitle ?? '';
  layout.subtitle.hidden = !view?.subtitle;
  layout.progress.textContent = view ? progressLine(view.progress) : '';

  if (result) {
    const badge = scoreBadge(result);
    layout.badge.hidden = false;
    layout.badge.textContent = badge.text;
    layout.badge.dataset.state = badge.state;
    layout.badge.setAttribute('aria-label', badge.label);
    layout.badge.title = badge.label;
  } else {
    layout.badge.hidden = true;
  }

  let state: string;
  let text: string;
  if (activity.kind === 'running') { state = 'running'; text = 'Checking…'; }
  else if (activity.kind === 'host-error') { state = 'error'; text = 'Could not run the check'; }
  else if (result?.error) { state = 'error'; text = 'Your code could not be checked'; }
  else if (result) { state = result.passed ? 'passed' : 'failed'; text = result.summary; }
  else if (view && !view.trusted) { state = 'untrusted'; text = 'Checks are off in an untrusted workspace'; }
  else { state = 'idle'; text = 'Not checked yet: save your file or press Check'; }
  layout.status.dataset.state = state;
  replaceChildren(layout.status,
    state === 'running' ? h('span', { class: 'spinner', 'aria-hidden': 'true' }) : null,
    text);
  layout.root.setAttribute('aria-busy', String(activity.kind === 'running'));
}

export function renderActions(container: HTMLElement, view: ExerciseView | undefined, running: boolean, actions: HeaderActions): void {
  // Rebuilding would drop keyboard focus: update existing buttons in place.
  let check = container.querySelector<HTMLButtonElement>('#check-button');
  let solution = container.querySelector<HTMLButtonElement>('#show-solution');
  if (!check) {
    // aria-disabled rather than disabled: a disabled button drops keyboard focus to <body> mid-check.
    check = button('Check', { id: 'check-button', class: 'primary', 'data-testid': 'check-button' }, (event) => {
      if ((event.currentTarget as HTMLElement).getAttribute('aria-disabled') !== 'true') actions.check();
    });
    solution = button('Show reference solution', { id: 'show-solution', class: 'secondary', 'data-testid': 'show-solution' }, () => actions.showSolution());
    container.append(check, solution);
  }
  const trusted = view?.trusted ?? false;
  check.setAttribute('aria-disabled', String(!view || !trusted || running));
  check.textContent = running ? 'Checking…' : 'Check';
  check.title = !trusted ? 'Trust this workspace to run checks' : 'Run the checks on your saved file';
  solution!.hidden = !view?.solutionAvailable;
}

export function renderTrustBanner(section: HTMLElement, view: ExerciseView | undefined, trustWorkspace: () => void): void {
  const show = view !== undefined && !view.trusted;
  section.hidden = !show;
  if (!show) { replaceChildren(section); return; }
  if (section.querySelector('#trust-button')) return;
  replaceChildren(section,
    h('h2', { id: 'trust-heading' }, 'This workspace is not trusted'),
    h('p', {}, 'GradLab runs your exercise code to grade it, so checks only run in a trusted workspace. You can still read the instructions and hints.'),
    button('Trust this workspace…', { id: 'trust-button', class: 'secondary', 'data-testid': 'trust-workspace' }, trustWorkspace),
  );
}
