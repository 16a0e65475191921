/**
 * `.gradlab/course.json`: what a learner's course folder was made from. Start Course writes it; every
 * later session reads it to find the pack (harness, reference, checks) behind each learner file.
 * The pack itself stays outside the learner's folder, so solutions and harnesses are not one click away.
 */

import { EDITOR_DIR, EDITOR_TYPES_DIR } from '../../pack/scaffold-editor-templates';

// The same folder names as a scaffolded pack's (the shared tsconfig points there).
export const COURSE_DIR = EDITOR_DIR;
export const COURSE_FILE = 'course.json';
export const COURSE_TYPES_DIR = EDITOR_TYPES_DIR;

/** Where the pack came from. The built-in pack is resolved against the installed extension each time. */
export type PackSource =
  | { kind: 'builtin' }
  | { kind: 'folder'; path: string }
  | { kind: 'archive'; path: string; extractedTo: string };

export interface CourseExerciseEntry {
  id: string;
  /** Folder inside the course root (= exercise id). */
  folder: string;
  learnerFile: string;
}

export interface CourseRecord {
  format: 'gradlab-course';
  formatVersion: 1;
  pack: { id: string; title: string; version: string };
  source: PackSource;
  createdAt: string;
  exercises: CourseExerciseEntry[];
}

/** Parses course.json; returns a message instead of throwing so callers can show it. */
export function parseCourseRecord(text: string): { record?: CourseRecord; error?: string } {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, '')); // course.json edited and saved by Notepad gains a BOM
  } catch (e) {
    return { error: `not valid JSON (${(e as Error).message})` };
  }
  const r = data as Partial<CourseRecord> | null;
  if (!r || r.format !== 'gradlab-course') return { error: 'missing "format": "gradlab-course"' };
  if (r.formatVersion !== 1) return { error: `unknown formatVersion ${String(r.formatVersion)} (this GradLab reads 1)` };
  if (!r.pack || typeof r.pack.id !== 'string') return { error: 'missing "pack.id"' };
  const source = r.source as PackSource | undefined;
  if (!source || !['builtin', 'folder', 'archive'].includes(source.kind)) return { error: 'missing or unknown "source.kind"' };
  if (!Array.isArray(r.exercises) || r.exercises.some((e) => !e || typeof e.id !== 'string' || typeof e.folder !== 'string' || typeof e.learnerFile !== 'string')) {
    return { error: '"exercises" must list {id, folder, learnerFile}' };
  }
  return { record: r as CourseRecord };
}
