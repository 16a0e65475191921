/**
 * The page's state and how each host message changes it. One `render()` updates every section in
 * place from the current state; sections that did not change keep their DOM (charts and
 * instructions compare before re-drawing).
 */
import type { GradeResult } from '../grading/types';
import { PROTOCOL_VERSION, isToWebview, type ExerciseView, type PanelState, type ToWebview } from '../protocol/messages';
import type { HostConnection } from './vscode-api';
import { buildLayout, type Layout } from './render/layout';
import { renderActions, renderHeader, renderTrustBanner, type Activity } from './render/header';
import { renderHostError, renderLearnerError } from './render/error';
import { renderResults, type OpenFileRequest } from './render/checks';
import { renderHints } from './render/hints';
import { renderConsole } from './render/console';
import { renderInstructions } from './render/instructions';
import { ChartsView } from './render/charts';
import { readChartTheme, themeKindFromClasses, vegaLiteConfig } from './theme';
import { resultAnnouncement } from './view-model';
import { withoutReferenceSeries } from './chart-spec';

export class App {
  private view: ExerciseView | undefined;
  private result: GradeResult | undefined;
  /** Show the reference solution's curves and values (showResult's second argument). */
  private referenceShown = true;
  private activity: Activity = { kind: 'idle' };
  private hostError: string | undefined;
  private readonly layout: Layout;
  private readonly charts: ChartsView;

  constructor(root: HTMLElement, private readonly host: HostConnection) {
    this.layout = buildLayout(root);
    this.charts = new ChartsView(this.layout.charts);
    const saved = host.savedState();
    if (saved) {
      this.view = saved.view;
      this.result = saved.result;
      this.referenceShown = saved.referenceShown ?? true;
    }
    this.render();
  }

  /** Entry for window 'message' events: the envelope is checked, unknown messages are ignored. */
  receive(data: unknown): void {
    if (!isToWebview(data)) return;
    this.apply(data);
    this.persist();
    this.render();
  }

  /** VS Code switched theme (body class changed): redraw charts with the new colours. */
  themeChanged(): void {
    this.renderCharts();
  }

  private apply(message: ToWebview): void {
    switch (message.type) {
      case 'exercise':
        if (this.view?.exerciseId !== message.view.exerciseId) {
          this.result = undefined; // a result never outlives its exercise
          this.referenceShown = true;
          this.activity = { kind: 'idle' };
          this.hostError = undefined;
        }
        this.view = message.view;
        break;
      case 'result':
        this.result = message.result;
        this.referenceShown = message.referenceShown;
        this.activity = { kind: 'idle' };
        this.hostError = undefined;
        this.announce(resultAnnouncement(message.result));
        break;
      case 'running':
        this.activity = { kind: 'running' };
        this.hostError = undefined;
        this.announce('Checking…');
        break;
      case 'idle':
        // Only "Checking…" is cleared: a host error stays until the next check.
        if (this.activity.kind === 'running') this.activity = { kind: 'idle' };
        break;
      case 'error':
        this.activity = { kind: 'host-error' };
        this.hostError = message.message;
        this.announce(`Could not run the check: ${message.message}`);
        break;
      case 'hints':
        if (this.view) this.view = { ...this.view, hints: message.hints, hintsTotal: message.total };
        break;
      case 'trust':
        if (this.view) this.view = { ...this.view, trusted: message.trusted };
        break;
    }
  }

  private persist(): void {
    const state: PanelState = { protocol: PROTOCOL_VERSION, view: this.view, result: this.result, referenceShown: this.referenceShown };
    this.host.saveState(state);
  }

  private announce(text: string): void {
    // Clearing first makes screen readers announce the same text twice in a row (two equal summaries).
    this.layout.announcer.textContent = '';
    requestAnimationFrame(() => { this.layout.announcer.textContent = text; });
  }

  private openFile = (request: OpenFileRequest): void => {
    this.host.post({ type: 'openFile', ...definedOnly(request) });
  };

  private render(): void {
    const { layout, view, result } = this;
    renderHeader(layout, view, result, this.activity);
    renderActions(layout.actions, view, this.activity.kind === 'running', {
      check: () => this.host.post({ type: 'checkRequested' }),
      showSolution: () => this.host.post({ type: 'showSolution' }),
      trustWorkspace: () => this.host.post({ type: 'trustWorkspace' }),
    });
    renderTrustBanner(layout.trustBanner, view, () => this.host.post({ type: 'trustWorkspace' }));
    renderHostError(layout.hostError, this.hostError);
    renderLearnerError(layout.learnerError, result?.error, this.openFile);
    renderResults(layout.results, result, this.referenceShown, this.openFile);
    renderHints(layout.hints, view?.hints ?? [], view?.hintsTotal ?? 0, () => this.host.post({ type: 'nextHint' }));
    this.renderCharts();
    renderConsole(layout.consoleOutput, result?.console ?? [], result?.consoleTruncated ?? false);
    renderInstructions(layout.instructions, view?.instructionsHtml);
  }

  private renderCharts(): void {
    const style = getComputedStyle(document.body);
    const theme = readChartTheme((name) => style.getPropertyValue(name), themeKindFromClasses(Array.from(document.body.classList)));
    const charts = this.result?.charts ?? [];
    this.charts.render(this.referenceShown ? charts : charts.map(withoutReferenceSeries), vegaLiteConfig(theme));
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
