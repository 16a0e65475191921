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
  await pathBox.fill('');
  await pathBox.pressSequentially(workbench.workspaceDir);
  await page.keyboard.press('Enter');
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
