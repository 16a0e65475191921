// Collects everything the workbench page (and its iframes, webviews included) prints to the console.
import * as fs from 'node:fs';
import type { Page } from 'playwright-core';

export interface ConsoleEntry {
  type: string;
  text: string;
  url?: string;
}

// Chromium reports every CSP block as a console error: "Refused to load/execute/apply … because it
// violates the following Content Security Policy directive …" (report-only policies say "[Report Only]").
const CSP_VIOLATION = /Content Security Policy|Refused to (load|execute|apply|evaluate|connect|frame|create)/i;

export class ConsoleLog {
  readonly entries: ConsoleEntry[] = [];

  constructor(page: Page) {
    page.on('console', (message) =>
      this.entries.push({ type: message.type(), text: message.text(), url: message.location().url }),
    );
    page.on('pageerror', (error) => this.entries.push({ type: 'pageerror', text: error.stack ?? error.message }));
  }

  cspViolations(): ConsoleEntry[] {
    return this.entries.filter((entry) => CSP_VIOLATION.test(entry.text));
  }

  errors(): ConsoleEntry[] {
    return this.entries.filter((entry) => entry.type === 'error' || entry.type === 'pageerror');
  }

  /** Throws with every violation listed; call at the end of each test that shows GradLab UI. */
  assertNoCspViolations(): void {
    const violations = this.cspViolations();
    if (violations.length > 0) {
      throw new Error(
        `${violations.length} Content Security Policy violation(s) in the browser console:\n` +
          violations.map((v) => `  - ${v.text}${v.url ? ` (${v.url})` : ''}`).join('\n'),
      );
    }
  }

  /** Writes the whole log for post-mortems (test-results/e2e/console.log). */
  save(file: string): void {
    fs.writeFileSync(file, this.entries.map((e) => `[${e.type}] ${e.text}${e.url ? `  (${e.url})` : ''}`).join('\n') + '\n');
  }
}
