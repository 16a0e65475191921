/**
 * Start Course as a plan of file operations, computed without touching the disk (the caller passes
 * `exists`), so the rules are unit-tested: one folder per exercise holding README.md and the learner
 * file (a copy of the starter), a tsconfig.json and the engine's type declarations so `import … from
 * 'gradlab'` gets completion and type errors, and `.gradlab/course.json`.
 *
 * Never overwrites a learner's work: an existing learner file or README is kept (op 'keep'), so running
 * Start Course again on the same folder only adds what is missing (e.g. exercises added to the pack).
 */
import * as path from 'node:path';
// The tsconfig and sandbox globals are shared with `gradlab new pack` (authors get the same editor
// support), so they live in the pack layer.
import { SANDBOX_GLOBALS_DTS, SANDBOX_GLOBALS_FILE, editorTsconfig } from '../../pack/scaffold-editor-templates';
import { COURSE_DIR, COURSE_FILE, COURSE_TYPES_DIR, type CourseRecord, type PackSource } from './course-record';

export interface PlannableExercise {
  id: string;
  learnerFile: string;
  starter: string;
  readme: string;
}

export interface PlannablePack {
  id: string;
  title: string;
  version: string;
  exercises: PlannableExercise[];
}

export type CourseOp =
  | { kind: 'mkdir'; to: string }
  | { kind: 'copy'; from: string; to: string }
  | { kind: 'copyDir'; from: string; to: string }
  | { kind: 'write'; to: string; text: string }
  | { kind: 'keep'; to: string; why: string };

export interface CoursePlan {
  ops: CourseOp[];
  record: CourseRecord;
  /** The first exercise's learner file: opened when the course starts. */
  firstLearnerFile?: string;
}

/** The course folder's tsconfig: maps 'gradlab' to .gradlab/types (learners never import 'gradlab/harness'). */
export function learnerTsconfig(): string {
  return editorTsconfig({ harness: false });
}

export function planCourse(
  pack: PlannablePack,
  targetDir: string,
  options: { source: PackSource; typesDir: string; now: Date; exists: (file: string) => boolean },
): CoursePlan {
  const ops: CourseOp[] = [];
  const root = path.resolve(targetDir);
  const keepOrCopy = (from: string, to: string, why: string) => {
    ops.push(options.exists(to) ? { kind: 'keep', to, why } : { kind: 'copy', from, to });
  };

  for (const exercise of pack.exercises) {
    const folder = path.join(root, exercise.id);
    ops.push({ kind: 'mkdir', to: folder });
    keepOrCopy(exercise.readme, path.join(folder, 'README.md'), 'instructions already there');
    keepOrCopy(exercise.starter, path.join(folder, exercise.learnerFile), 'your work is kept');
  }

  const courseDir = path.join(root, COURSE_DIR);
  const typesTarget = path.join(courseDir, COURSE_TYPES_DIR);
  ops.push({ kind: 'mkdir', to: courseDir });
  // Types belong to GradLab, not the learner: always refreshed so they match the installed engine.
  ops.push({ kind: 'copyDir', from: options.typesDir, to: typesTarget });
  ops.push({ kind: 'write', to: path.join(typesTarget, SANDBOX_GLOBALS_FILE), text: SANDBOX_GLOBALS_DTS });
  const tsconfig = path.join(root, 'tsconfig.json');
  ops.push(options.exists(tsconfig) ? { kind: 'keep', to: tsconfig, why: 'an existing tsconfig.json is not replaced' } : { kind: 'write', to: tsconfig, text: learnerTsconfig() });

  const record: CourseRecord = {
    format: 'gradlab-course',
    formatVersion: 1,
    pack: { id: pack.id, title: pack.title, version: pack.version },
    source: options.source,
    createdAt: options.now.toISOString(),
    exercises: pack.exercises.map((e) => ({ id: e.id, folder: e.id, learnerFile: e.learnerFile })),
  };
  ops.push({ kind: 'write', to: path.join(courseDir, COURSE_FILE), text: JSON.stringify(record, null, 2) + '\n' });

  const first = pack.exercises[0];
  return { ops, record, firstLearnerFile: first ? path.join(root, first.id, first.learnerFile) : undefined };
}

/** Why a folder cannot take this course (another pack's course is there), or undefined when it can. */
export function refuseTarget(existing: CourseRecord | undefined, packId: string): string | undefined {
  if (existing && existing.pack.id !== packId) {
    return `this folder already holds the course "${existing.pack.title}" (${existing.pack.id})`;
  }
  return undefined;
}
