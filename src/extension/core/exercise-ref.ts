/**
 * The host's model of "an exercise the learner works on": a course session (a course folder with
 * .gradlab/course.json, or a Preview as Learner copy) plus the loaded pack behind it. Pure types and
 * lookups; services/course-registry.ts fills them from disk and VS Code's workspace.
 */
import * as path from 'node:path';
import type { LoadedExercise, LoadedPack } from '../../pack/types';
import type { CourseRecord } from './course-record';
import { isInsideFolder, samePath } from './same-path';

export interface CourseSession {
  /** Course folder (holds .gradlab/course.json and one folder per exercise). */
  root: string;
  record: CourseRecord;
  pack: LoadedPack;
  kind: 'course' | 'preview';
}

export interface ExerciseRef {
  session: CourseSession;
  exercise: LoadedExercise;
  /** Absolute path of the learner's file for this exercise in this session. */
  learnerFile: string;
  /** Position in the pack's teaching order (0-based). */
  index: number;
}

/** Stable key for maps and progress: "<packId>/<exerciseId>". */
export function exerciseKey(ref: Pick<ExerciseRef, 'session' | 'exercise'>): string {
  return `${ref.session.pack.manifest.id}/${ref.exercise.manifest.id}`;
}

export function exerciseRefs(session: CourseSession): ExerciseRef[] {
  const refs: ExerciseRef[] = [];
  session.pack.exercises.forEach((exercise, index) => {
    const entry = session.record.exercises.find((e) => e.id === exercise.manifest.id);
    // An exercise added to the pack after the course started has no learner file yet: Start Course
    // again adds it. Until then it is not listed (nothing to edit or check).
    if (!entry) return;
    refs.push({ session, exercise, index, learnerFile: path.join(session.root, entry.folder, entry.learnerFile) });
  });
  return refs;
}

/** The exercise whose learner file is `file` (absolute), across all sessions. */
export function findRefByFile(sessions: readonly CourseSession[], file: string): ExerciseRef | undefined {
  const resolved = path.resolve(file);
  for (const session of sessions) {
    const ref = exerciseRefs(session).find((r) => samePath(r.learnerFile, resolved));
    if (ref) return ref;
  }
  return undefined;
}

/** The exercise whose folder contains `file` (e.g. its README.md is the active editor). */
export function findRefByFolder(sessions: readonly CourseSession[], file: string): ExerciseRef | undefined {
  const resolved = path.resolve(file);
  for (const session of sessions) {
    const ref = exerciseRefs(session).find((r) => {
      const folder = path.dirname(r.learnerFile);
      return isInsideFolder(folder, resolved) && !samePath(folder, resolved);
    });
    if (ref) return ref;
  }
  return undefined;
}

/**
 * The exercise a restored panel showed: by pack + exercise (`exerciseKey`) when the saved view has it,
 * since two open courses may both have an exercise "m1-intro"; by exercise id only for views saved
 * before the key existed.
 */
export function findRefForView(sessions: readonly CourseSession[], view: { exerciseId: string; exerciseKey?: string }): ExerciseRef | undefined {
  const refs = sessions.flatMap(exerciseRefs);
  if (view.exerciseKey !== undefined) return refs.find((r) => exerciseKey(r) === view.exerciseKey);
  return refs.find((r) => r.exercise.manifest.id === view.exerciseId);
}

/** Max score of an exercise from its manifest (sum of check points). */
export function maxScoreOf(exercise: LoadedExercise): number {
  return exercise.manifest.checks.reduce((sum, c) => sum + c.points, 0);
}
