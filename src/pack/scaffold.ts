/**
 * `gradlab new pack|exercise` and the extension's "New Exercise Pack…": write a pack or an exercise
 * that validates out of the box and whose reference passes and starter fails. Never overwrites.
 */
import * as fs from 'fs';
import { promises as fsp } from 'fs';
import * as path from 'path';
import { applyEdits, modify, parse } from 'jsonc-parser';
import { EXERCISE_MANIFEST, PACK_MANIFEST } from './pack-rules';
import { writeEditorSupport } from './scaffold-editor';
import * as t from './scaffold-templates';

export class ScaffoldError extends Error {
  override readonly name = 'ScaffoldError';
}

export interface ScaffoldResult {
  /** The pack or exercise folder (absolute). */
  dir: string;
  /** Every file written (absolute), in writing order (copied type declarations not listed one by one). */
  files: string[];
  /** What could not be set up but did not stop the scaffold (e.g. no type declarations to copy). */
  warnings: string[];
}

export interface ScaffoldPackOptions {
  id?: string;
  title?: string;
  /**
   * The engine's type declarations (dist/types of the running GradLab). When given, the pack also gets
   * editor support: tsconfig.json, .gradlab/types/ (engine + 'gradlab/harness' declarations) and a
   * .gitignore for .gradlab/, so authors get completion and type errors in starters, solutions and
   * harnesses. The CLI and the extension always pass it.
   */
  typesDir?: string;
}

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Creates pack.json, README.md and a first exercise (sigmoid-grad) in `dir` (created if needed). */
export async function scaffoldPack(dir: string, opts: ScaffoldPackOptions = {}): Promise<ScaffoldResult> {
  const packDir = path.resolve(dir);
  const id = opts.id ?? toKebab(path.basename(packDir));
  assertId(id, 'pack id');
  const title = opts.title ?? titleFromId(id);
  const packFile = path.join(packDir, PACK_MANIFEST);
  const exerciseDir = path.join(packDir, t.TEMPLATE_EXERCISE_ID);
  // Check everything first so a refusal leaves nothing half-written.
  refuseExisting([packFile, path.join(packDir, 'README.md'), exerciseDir]);
  if (opts.typesDir !== undefined) refuseExisting([path.join(packDir, 'tsconfig.json')]);

  await fsp.mkdir(packDir, { recursive: true });
  const files: string[] = [];
  await writeNew(packFile, t.packJson({ id, title, exercises: [t.TEMPLATE_EXERCISE_ID] }), files);
  await writeNew(path.join(packDir, 'README.md'), t.packReadme({ id, title }), files);
  files.push(...(await writeExerciseFiles(exerciseDir, t.TEMPLATE_EXERCISE_ID, 'Sigmoid derivative')));
  const warnings: string[] = [];
  if (opts.typesDir !== undefined) {
    const editor = await writeEditorSupport(packDir, opts.typesDir);
    files.push(...editor.files);
    warnings.push(...editor.warnings);
  }
  return { dir: packDir, files, warnings };
}

/**
 * Creates `<packDir>/<id>/` with exercise.json, README.md, starter.ts, solution.ts and harness.ts,
 * and appends `id` to pack.json's "exercises" (keeping the file's formatting).
 */
export async function scaffoldExercise(packDir: string, id: string, opts: { title?: string } = {}): Promise<ScaffoldResult> {
  const root = path.resolve(packDir);
  assertId(id, 'exercise id');
  const packFile = path.join(root, PACK_MANIFEST);
  let packText: string;
  try {
    packText = await fsp.readFile(packFile, 'utf8');
  } catch {
    throw new ScaffoldError(`${root} is not a GradLab pack (no ${PACK_MANIFEST}). Create one first with \`gradlab new pack ${root}\`.`);
  }
  const pack = parse(packText);
  if (!pack || !Array.isArray(pack.exercises)) {
    throw new ScaffoldError(`${packFile} has no "exercises" array to add "${id}" to. Fix it first (\`gradlab validate ${root}\` says how).`);
  }
  if (pack.exercises.includes(id)) throw new ScaffoldError(`Exercise "${id}" is already listed in ${packFile}. Choose another id.`);
  const exerciseDir = path.join(root, id);
  refuseExisting([exerciseDir]);

  const files = await writeExerciseFiles(exerciseDir, id, opts.title ?? titleFromId(id));
  const edits = modify(packText, ['exercises', pack.exercises.length], id, { isArrayInsertion: true, formattingOptions: { insertSpaces: true, tabSize: 2 } });
  await fsp.writeFile(packFile, applyEdits(packText, edits));
  return { dir: exerciseDir, files: [...files, packFile], warnings: [] };
}

/**
 * `gradlab new types <pack>`: (re)writes the editor support of an existing pack — after a clone
 * (.gradlab/ is git-ignored) or a GradLab upgrade. Keeps an existing tsconfig.json and .gitignore.
 */
export async function scaffoldEditorSupport(packDir: string, typesDir: string): Promise<ScaffoldResult> {
  const root = path.resolve(packDir);
  if (!fs.existsSync(path.join(root, PACK_MANIFEST))) {
    throw new ScaffoldError(`${root} is not a GradLab pack (no ${PACK_MANIFEST}). Pass the folder that holds pack.json, or create one with \`gradlab new pack ${root}\`.`);
  }
  const editor = await writeEditorSupport(root, typesDir, { refresh: true });
  return { dir: root, files: editor.files, warnings: editor.warnings };
}

async function writeExerciseFiles(exerciseDir: string, id: string, title: string): Promise<string[]> {
  await fsp.mkdir(exerciseDir, { recursive: false });
  const files: string[] = [];
  await writeNew(path.join(exerciseDir, EXERCISE_MANIFEST), t.exerciseJson({ id, title }), files);
  await writeNew(path.join(exerciseDir, 'README.md'), t.exerciseReadme({ title, learnerFile: `${id}.ts` }), files);
  await writeNew(path.join(exerciseDir, 'starter.ts'), t.STARTER_TS, files);
  await writeNew(path.join(exerciseDir, 'solution.ts'), t.SOLUTION_TS, files);
  await writeNew(path.join(exerciseDir, 'harness.ts'), t.HARNESS_TS, files);
  return files;
}

/** Writes a file that must not exist yet ('wx' makes the refusal atomic, not check-then-write). */
async function writeNew(file: string, text: string, written: string[]): Promise<void> {
  try {
    await fsp.writeFile(file, text, { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw existsError(file);
    throw e;
  }
  written.push(file);
}

function refuseExisting(paths: string[]): void {
  const existing = paths.filter((p) => fs.existsSync(p));
  if (existing.length) throw existsError(existing[0]);
}

function existsError(p: string): ScaffoldError {
  return new ScaffoldError(`${p} already exists; GradLab never overwrites files. Choose another folder or id, or move it away first.`);
}

function assertId(id: string, what: string): void {
  if (!KEBAB.test(id)) {
    throw new ScaffoldError(`Invalid ${what} "${id}": use lowercase letters, digits and single hyphens (e.g. "${toKebab(id) || 'my-exercise'}").`);
  }
}

function toKebab(s: string): string {
  return s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

function titleFromId(id: string): string {
  const words = id.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
