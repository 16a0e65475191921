/**
 * Workspace Trust decisions, kept pure so they are unit-tested. In a restricted workspace GradLab
 * still shows instructions, hints and earlier charts, but runs no learner or pack code: not the
 * learner's file, not a harness, not a reference solution (even though all of it would run in the
 * sandbox, a restricted workspace means "run nothing from here").
 */

/** Everything GradLab can do, split by whether it executes code from the workspace or a pack. */
export type GradLabAction =
  | 'check' | 'validate' | 'preview'                    // run learner / pack code
  | 'showInstructions' | 'showHint' | 'showSolution'    // read-only
  | 'openExercise' | 'exportProgress' | 'reset' | 'startCourse' | 'scaffold';

const RUNS_CODE: ReadonlySet<GradLabAction> = new Set(['check', 'validate', 'preview']);

export interface TrustDecision {
  allowed: boolean;
  /** Why not, for the learner (a key into the l10n table; the caller translates it). */
  reason?: 'restricted';
}

export function decideTrust(action: GradLabAction, workspaceTrusted: boolean): TrustDecision {
  if (workspaceTrusted || !RUNS_CODE.has(action)) return { allowed: true };
  return { allowed: false, reason: 'restricted' };
}
