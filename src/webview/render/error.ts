/** The learner-error block (shown first when the run failed) and the host-error banner. */
import type { ErrorInfo } from '../../grading/types';
import { button, h, replaceChildren } from '../dom';
import { errorBlock } from '../view-model';
import type { OpenFileRequest } from './checks';

export function renderLearnerError(section: HTMLElement, error: ErrorInfo | undefined, openFile: (request: OpenFileRequest) => void): void {
  if (!error) {
    section.hidden = true;
    replaceChildren(section);
    return;
  }
  const block = errorBlock(error);
  section.hidden = false;
  section.dataset.kind = error.kind;
  replaceChildren(section,
    h('h2', { id: 'error-heading', 'data-testid': 'error-title' }, block.title),
    h('p', { class: 'error-message', 'data-testid': 'error-message' }, block.message),
    block.seedNote && h('p', { class: 'meta' }, block.seedNote),
    block.goToLabel && button(block.goToLabel, { class: 'secondary', 'data-testid': 'go-to-line' },
      () => openFile({ line: block.line, column: block.column, file: block.file })),
  );
}

export function renderHostError(section: HTMLElement, message: string | undefined): void {
  section.hidden = message === undefined;
  replaceChildren(section, message !== undefined && h('p', { 'data-testid': 'host-error-message' }, message));
}
