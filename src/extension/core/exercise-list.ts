/**
 * How exercises are listed to a learner (Open Exercise… quick pick, the GradLab tree view, the status
 * bar): status ✓ passed / ✗ attempted but not passed / – not attempted, score, topics. Pure.
 */
import type { ExerciseProgress } from './progress';
import { english, type Translate } from './translate';

export interface ListedExercise {
  id: string;
  title: string;
  topics: string[];
  maxScore: number;
}

export type ExerciseStatus = 'passed' | 'failed' | 'new';

export function exerciseStatus(progress: ExerciseProgress | undefined): ExerciseStatus {
  if (!progress || progress.attempts === 0) return progress?.passed ? 'passed' : 'new';
  return progress.passed ? 'passed' : 'failed';
}

export const STATUS_MARK: Record<ExerciseStatus, string> = { passed: '✓', failed: '✗', new: '–' };
/** Codicons for the tree view (ThemeIcon ids). */
export const STATUS_ICON: Record<ExerciseStatus, string> = { passed: 'pass', failed: 'error', new: 'circle-large-outline' };

export function scoreText(progress: ExerciseProgress | undefined, maxScore: number): string {
  return `${progress?.bestScore ?? 0}/${maxScore}`;
}

export interface ExercisePickItem {
  id: string;
  label: string;
  description: string;
  detail: string;
  picked: boolean;
}

export function buildExercisePickItems(
  exercises: readonly ListedExercise[],
  progressOf: (id: string) => ExerciseProgress | undefined,
  current: string | undefined,
  t: Translate = english,
): ExercisePickItem[] {
  return exercises.map((exercise, index) => {
    const progress = progressOf(exercise.id);
    const status = exerciseStatus(progress);
    const attempts = progress?.attempts ?? 0;
    return {
      id: exercise.id,
      label: `${STATUS_MARK[status]} ${index + 1}. ${exercise.title}`,
      description: `${exercise.id} · ${scoreText(progress, exercise.maxScore)}${exercise.id === current ? ` · ${t('current')}` : ''}`,
      detail: [exercise.topics.join(', '), attempts > 0 ? t('{0} attempt(s)', attempts) : t('not attempted')].filter(Boolean).join(' · '),
      picked: exercise.id === current,
    };
  });
}

/** "$(beaker) m6-clip-global-norm · 42/120" */
export function statusBarText(currentExercise: string | undefined, course: { score: number; maxScore: number } | undefined): string {
  const parts = [`$(beaker) ${currentExercise ?? 'GradLab'}`];
  if (course) parts.push(`${course.score}/${course.maxScore}`);
  return parts.join(' · ');
}
