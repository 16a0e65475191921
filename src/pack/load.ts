/**
 * Loading packs and exercises from disk. Everything wrong is collected first and thrown once as a
 * PackLoadError, so an instructor fixes a whole pack in one pass instead of one error per run.
 */
import * as fs from 'fs';
import { promises as fsp } from 'fs';
import * as path from 'path';
import { analyzeExerciseManifest, analyzePackManifest, locate } from './validate';
import { EXERCISE_MANIFEST, PACK_MANIFEST } from './pack-rules';
import { parseJsonText } from './json-text';
import { PackLoadError, hasErrors } from './problems';
import type { LoadedExercise, LoadedPack, PackProblem } from './types';

/** Loads pack.json in `dir` and every exercise it lists. Throws PackLoadError listing every error. */
export async function loadPack(dir: string): Promise<LoadedPack> {
  const packDir = path.resolve(dir);
  const packFile = path.join(packDir, PACK_MANIFEST);
  const text = await readManifest(packFile, 'pack', `Point at the folder that contains ${PACK_MANIFEST}, or create a pack with \`gradlab new pack <dir>\`.`);
  const pack = analyzePackManifest(text, packFile);
  const problems: PackProblem[] = [...pack.problems];
  // Even when pack.json has errors, check every exercise it names, so one run reports everything.
  const listed = (pack.data as { exercises?: unknown } | undefined)?.exercises;
  if (pack.newerFormat || !Array.isArray(listed)) throw new PackLoadError(problems, `pack ${packDir}`);
  const folderNames = [...new Set(listed.filter((f): f is string => typeof f === 'string' && isPlainFolderName(f)))];

  const exercises: LoadedExercise[] = [];
  const idToFolder = new Map<string, string>();
  for (const folderName of folderNames) {
    const exerciseDir = path.join(packDir, folderName);
    const manifestFile = path.join(exerciseDir, EXERCISE_MANIFEST);
    if (!fs.existsSync(manifestFile)) continue; // already reported against pack.json by the pack rules
    const result = await analyzeExerciseDir(exerciseDir, 'error');
    problems.push(...result.problems);
    if (!result.exercise) continue;
    const id = result.exercise.manifest.id;
    const other = idToFolder.get(id);
    if (other !== undefined) {
      problems.push(await problemAt(manifestFile, '/id', {
        severity: 'error', message: `Duplicate exercise id "${id}" (also used by folder "${other}").`,
        fix: 'Give each exercise a unique id equal to its folder name.',
      }));
    }
    idToFolder.set(id, folderName);
    exercises.push(result.exercise);
  }
  if (!pack.manifest || hasErrors(problems)) throw new PackLoadError(problems, `pack ${packDir}`);
  return { manifest: pack.manifest, dir: packDir, exercises, warnings: problems };
}

/**
 * Loads one exercise folder on its own (`gradlab check <exercise-dir>`). If the folder sits in a
 * pack whose format is newer than this GradLab reads, that is the error reported.
 * A folder name that differs from the id is only a warning here (it is an error inside a pack).
 */
export async function loadExercise(dir: string): Promise<LoadedExercise> {
  const exerciseDir = path.resolve(dir);
  const packRoot = findPackRoot(path.dirname(exerciseDir));
  if (packRoot) {
    const packFile = path.join(packRoot, PACK_MANIFEST);
    const packText = await fsp.readFile(packFile, 'utf8').catch(() => undefined);
    if (packText !== undefined) {
      const tooNew = analyzePackManifest(packText, packFile, { checkFiles: false }).problems
        .find((p) => p.jsonPath === '/formatVersion' && p.message.startsWith('This pack needs'));
      if (tooNew) throw new PackLoadError([tooNew], `exercise ${exerciseDir}`);
    }
  }
  const result = await analyzeExerciseDir(exerciseDir, 'warning');
  if (!result.exercise) throw new PackLoadError(result.problems, `exercise ${exerciseDir}`);
  return result.exercise;
}

/** The nearest folder at or above `startDir` that contains pack.json, or undefined. */
export function findPackRoot(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    if (fs.existsSync(path.join(dir, PACK_MANIFEST))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

async function analyzeExerciseDir(
  exerciseDir: string, folderMismatch: 'error' | 'warning',
): Promise<{ exercise?: LoadedExercise; problems: PackProblem[] }> {
  const manifestFile = path.join(exerciseDir, EXERCISE_MANIFEST);
  const text = await readManifest(manifestFile, 'exercise', `Point at an exercise folder (it holds ${EXERCISE_MANIFEST}), or create one with \`gradlab new exercise <pack-dir> <id>\`.`);
  const analysis = analyzeExerciseManifest(text, manifestFile);
  const problems = [...analysis.problems];
  const folderName = path.basename(exerciseDir);
  const id = (analysis.manifest ?? safeParse(text))?.id;
  // An id that breaks the pattern is already an error; suggesting it as a folder name would mislead.
  if (typeof id === 'string' && id !== folderName && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) {
    problems.push(locate(parseJsonText(text, manifestFile), manifestFile, {
      jsonPath: '/id', severity: folderMismatch,
      message: `The id "${id}" differs from the folder name "${folderName}".`,
      fix: `Rename the folder to "${id}" or set "id": "${folderName}" (pack.json lists exercises by folder name, which must equal the id).`,
    }));
  }
  if (!analysis.manifest || hasErrors(problems)) return { problems };
  const files = analysis.manifest.files;
  const exercise: LoadedExercise = {
    manifest: analysis.manifest,
    dir: exerciseDir,
    paths: {
      starter: path.resolve(exerciseDir, files.starter),
      solution: path.resolve(exerciseDir, files.solution),
      harness: path.resolve(exerciseDir, files.harness),
      readme: path.resolve(exerciseDir, files.readme),
    },
    warnings: problems,
  };
  return { exercise, problems };
}

async function readManifest(file: string, what: 'pack' | 'exercise', fix: string): Promise<string> {
  try {
    return await fsp.readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? `No ${path.basename(file)} here: this folder is not a GradLab ${what}.`
      : `Cannot read ${path.basename(file)} (${code ?? String(e)}).`;
    throw new PackLoadError([{ file, jsonPath: '', message, fix, severity: 'error' }], `${what} ${path.dirname(file)}`);
  }
}

async function problemAt(file: string, jsonPath: string, p: Omit<PackProblem, 'file' | 'jsonPath' | 'line' | 'column'>): Promise<PackProblem> {
  const text = await fsp.readFile(file, 'utf8');
  return locate(parseJsonText(text, file), file, { jsonPath, ...p });
}

/** A single folder name (the schema's pattern may have failed; never follow "../x" out of the pack). */
function isPlainFolderName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\]/.test(name);
}

function safeParse(text: string): any {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
}
