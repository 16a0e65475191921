// GradLab steps a learner performs through VS Code's UI, shared by the E2E flows.
import type { Page } from 'playwright-core';
import { acceptQuickPickRow, quickInput, runCommand, waitForQuickInput, webviewFrame, type Workbench } from './workbench';

/**
 * "GradLab: Start Course" → built-in course → the real folder prompt (code-server's simple file
 * dialog: a quick input holding a path) answered with the open workspace folder, so the course opens
 * in place, with no window reload. Resolves once the panel shows the first exercise.
 */
export async function startBuiltInCourseInWorkspace(workbench: Workbench): Promise<void> {
  const { page } = workbench;
  await runCommand(page, 'GradLab: Start Course');
  await waitForQuickInput(page, 'Built-in course');
  await acceptQuickPickRow(page, 'Built-in course');
  const pathBox = await waitForQuickInput(page, 'Choose a folder for your copy');
  // The simple file dialog fills in its default path asynchronously, after it appears: typing
  // before that lands in front of the default ("/tmp/x//tmp/x"). Wait for the default, replace it,
  // and check the box holds exactly our path before accepting.
  await waitUntil(async () => (await pathBox.inputValue()) !== '', 5_000);
  for (let attempt = 0; ; attempt++) {
    await pathBox.press('ControlOrMeta+A');
    await pathBox.press('Backspace');
    await pathBox.pressSequentially(workbench.workspaceDir);
    const value = await pathBox.inputValue();
    if (value === workbench.workspaceDir) break;
    if (attempt === 3) throw new Error(`the folder prompt holds "${value}", not "${workbench.workspaceDir}"`);
  }
  // The dialog's OK button (our openLabel), not Enter: while the dialog is still listing the parent
  // folder, Enter can pick the highlighted row ("workspace") and descend into it instead of accepting.
  await quickInput(page).getByRole('button', { name: 'Start Course Here' }).click();
  await quickInput(page).waitFor({ state: 'hidden', timeout: 30_000 });
  await webviewFrame(page).getByTestId('exercise-title').waitFor({ state: 'visible', timeout: 60_000 });
}

/** "GradLab: Open Exercise…", filtered by title, accepted on the row that names the exercise id. */
export async function openExerciseFromPalette(page: Page, title: string, id: string): Promise<void> {
  await runCommand(page, 'GradLab: Open Exercise…');
  const filter = await waitForQuickInput(page, 'GradLab: Open Exercise');
  await filter.pressSequentially(title);
  await acceptQuickPickRow(page, id);
  await webviewFrame(page).getByTestId('exercise-title').filter({ hasText: title }).waitFor({ state: 'visible', timeout: 30_000 });
}

/** Polls until `probe` is true or `timeoutMs` passes (then returns quietly: the caller checks). */
async function waitUntil(probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !(await probe())) await new Promise((r) => setTimeout(r, 100));
}
