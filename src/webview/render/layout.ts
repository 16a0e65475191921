/**
 * The page skeleton: every section exists once, with a stable id and data-testid, and is updated in
 * place on each message (no reload, focus and scroll position survive a new result).
 * Order: header · trust banner · host error · learner error · results (summary + checks) · hints ·
 * charts · console · instructions. Empty sections are `hidden`.
 */
import { h } from '../dom';

export interface Layout {
  root: HTMLElement;
  subtitle: HTMLElement;
  title: HTMLElement;
  badge: HTMLElement;
  status: HTMLElement;
  progress: HTMLElement;
  actions: HTMLElement;
  announcer: HTMLElement;
  trustBanner: HTMLElement;
  hostError: HTMLElement;
  learnerError: HTMLElement;
  results: HTMLElement;
  hints: HTMLElement;
  charts: HTMLElement;
  consoleOutput: HTMLDetailsElement;
  instructions: HTMLDetailsElement;
}

export function buildLayout(root: HTMLElement): Layout {
  const subtitle = h('p', { id: 'exercise-subtitle', class: 'subtitle', 'data-testid': 'exercise-subtitle' });
  const title = h('h1', { id: 'exercise-title', 'data-testid': 'exercise-title' }, 'GradLab');
  const badge = h('span', { id: 'score-badge', class: 'score-badge', 'data-testid': 'score-badge', hidden: true });
  const status = h('span', { id: 'status', class: 'status', 'data-testid': 'status', 'data-state': 'idle' });
  const progress = h('span', { id: 'progress', class: 'progress', 'data-testid': 'progress' });
  const actions = h('div', { id: 'actions', class: 'actions', 'data-testid': 'actions' });
  const header = h('header', { id: 'header', 'data-testid': 'header' },
    subtitle,
    h('div', { class: 'title-row' }, title, badge),
    h('div', { class: 'status-row' }, status, progress),
    actions,
  );
  // Screen readers hear "Checking…" and then the summary; visually the status line shows the same.
  const announcer = h('div', { id: 'announcer', class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true', 'data-testid': 'announcer' });
  const trustBanner = h('section', { id: 'trust-banner', class: 'banner banner-warning', 'data-testid': 'trust-banner', hidden: true, 'aria-labelledby': 'trust-heading' });
  const hostError = h('section', { id: 'host-error', class: 'banner banner-error', role: 'alert', 'data-testid': 'host-error', hidden: true });
  const learnerError = h('section', { id: 'error', class: 'error-block', 'data-testid': 'error-block', hidden: true, 'aria-labelledby': 'error-heading' });
  const results = h('section', { id: 'results', 'data-testid': 'results', hidden: true, 'aria-labelledby': 'results-heading' });
  const hints = h('section', { id: 'hints', 'data-testid': 'hints', hidden: true, 'aria-labelledby': 'hints-heading' });
  const charts = h('section', { id: 'charts', 'data-testid': 'charts', hidden: true, 'aria-labelledby': 'charts-heading' });
  const consoleOutput = h('details', { id: 'console', class: 'console', 'data-testid': 'console', hidden: true });
  const instructions = h('details', { id: 'instructions', class: 'instructions', 'data-testid': 'instructions', open: true, hidden: true });

  while (root.firstChild) root.removeChild(root.firstChild);
  root.append(header, announcer, trustBanner, hostError, learnerError, results, hints, charts, consoleOutput, instructions);
  return { root, subtitle, title, badge, status, progress, actions, announcer, trustBanner, hostError, learnerError, results, hints, charts, consoleOutput, instructions };
}
