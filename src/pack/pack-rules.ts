/**
 * Rules for pack.json beyond its schema: the format version, duplicate exercise entries, and (when
 * a folder is given) that each listed exercise folder exists with an exercise.json, and that no
 * exercise folder is forgotten in the list.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { RuleProblem } from './exercise-rules';
import { PACK_FORMAT_VERSION } from './types';

export const EXERCISE_MANIFEST = 'exercise.json';
export const PACK_MANIFEST = 'pack.json';

export function newerFormatProblem(m: any): RuleProblem | undefined {
  const v = m?.formatVersion;
  if (typeof v !== 'number' || !(v > PACK_FORMAT_VERSION)) return undefined;
  return {
    jsonPath: '/formatVersion', severity: 'error',
    message: `This pack needs GradLab pack format ${v}; this GradLab reads format ${PACK_FORMAT_VERSION}.`,
    fix: 'Update the GradLab extension/CLI.',
  };
}

/** `packDir` undefined: check the text only (no file system). */
export function packRuleProblems(m: any, packDir: string | undefined): RuleProblem[] {
  const out: RuleProblem[] = [];
  const listed: unknown[] = Array.isArray(m?.exercises) ? m.exercises : [];
  const first = new Map<string, number>();
  listed.forEach((name, i) => {
    if (typeof name !== 'string') return;
    const earlier = first.get(name);
    if (earlier !== undefined) {
      out.push({ jsonPath: `/exercises/${i}`, severity: 'error', message: `Exercise "${name}" is listed twice (also at /exercises/${earlier}).`, fix: 'Remove the second entry.' });
      return;
    }
    first.set(name, i);
    if (packDir === undefined) return;
    const folder = path.join(packDir, name);
    if (!isDirectory(folder)) {
      out.push({
        jsonPath: `/exercises/${i}`, severity: 'error',
        message: `Exercise folder "${name}" does not exist (looked for ${folder}).`,
        fix: `Create it with \`gradlab new exercise ${quoteArg(packDir)} ${name}\`, or correct the name in "exercises".`,
      });
    } else if (!fs.existsSync(path.join(folder, EXERCISE_MANIFEST))) {
      out.push({
        jsonPath: `/exercises/${i}`, severity: 'error',
        message: `Exercise folder "${name}" has no ${EXERCISE_MANIFEST}.`,
        fix: `Add ${name}/${EXERCISE_MANIFEST}, or remove "${name}" from "exercises".`,
      });
    }
  });
  if (packDir !== undefined && Array.isArray(m?.exercises)) {
    for (const folder of unlistedExerciseFolders(packDir, new Set(first.keys()))) {
      out.push({
        jsonPath: '/exercises', severity: 'warning',
        message: `Folder "${folder}" contains an ${EXERCISE_MANIFEST} but is not listed in "exercises", so learners will not see it.`,
        fix: `Add "${folder}" to "exercises" where it belongs in the teaching order, or move it out of the pack.`,
      });
    }
  }
  return out;
}

function unlistedExerciseFolders(packDir: string, listed: Set<string>): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(packDir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isDirectory() && !listed.has(e.name) && fs.existsSync(path.join(packDir, e.name, EXERCISE_MANIFEST)))
    .map((e) => e.name)
    .sort();
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function quoteArg(p: string): string {
  return /\s/.test(p) ? JSON.stringify(p) : p;
}
