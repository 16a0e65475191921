/**
 * Manifest text → problems (and, when there are no errors, the manifest with defaults applied).
 * The extension calls validatePackManifest / validateExerciseManifest with the editor's unsaved text
 * and shows the problems as diagnostics; the loader uses the analyze* functions on file contents.
 */
import * as fs from 'fs';
import * as path from 'path';
import { locatePointer, parseJsonText, type ParsedJson } from './json-text';
import { exerciseRuleProblems, type RuleProblem } from './exercise-rules';
import { packRuleProblems, newerFormatProblem } from './pack-rules';
import { hasErrors } from './problems';
import { schemaProblems } from './schema-check';
import type { ExerciseManifest, PackManifest, PackProblem } from './types';

export interface ValidateOptions {
  /**
   * Also check the files the manifest names (starter/solution/harness/README, exercise folders)
   * exist next to `file`. Default true; turn off for text that has no folder yet.
   */
  checkFiles?: boolean;
}

export interface Analysis<M> {
  /** Set only when there are no errors (warnings allowed). Defaults are applied. */
  manifest?: M;
  /** The parsed value (defaults applied as far as validation got) whenever the text is JSON. */
  data?: unknown;
  problems: PackProblem[];
  /** True when the pack is for a newer GradLab: nothing else about it can be judged. */
  newerFormat?: boolean;
}

/** Problems in the text of a pack.json at `file` (absolute path). Never throws. */
export function validatePackManifest(text: string, file: string, options: ValidateOptions = {}): PackProblem[] {
  return analyzePackManifest(text, file, options).problems;
}

/** Problems in the text of an exercise.json at `file` (absolute path). Never throws. */
export function validateExerciseManifest(text: string, file: string, options: ValidateOptions = {}): PackProblem[] {
  return analyzeExerciseManifest(text, file, options).problems;
}

export function analyzePackManifest(text: string, file: string, options: ValidateOptions = {}): Analysis<PackManifest> {
  const parsed = parseJsonText(text, file);
  if (parsed.syntaxProblems.length) return { problems: parsed.syntaxProblems };
  const notObject = notAnObject(parsed, file, 'pack.json');
  if (notObject) return { problems: [notObject] };
  // A newer format is reported alone: its new fields would otherwise drown the one message that
  // matters (update GradLab) in "unknown property" noise.
  const tooNew = newerFormatProblem(parsed.value);
  if (tooNew) return { problems: [locate(parsed, file, tooNew)], newerFormat: true };

  const problems = schemaProblems('pack', parsed, file);
  problems.push(...packRuleProblems(parsed.value, options.checkFiles === false ? undefined : path.dirname(file)).map((p) => locate(parsed, file, p)));
  return hasErrors(problems) ? { problems, data: parsed.value } : { manifest: parsed.value as PackManifest, data: parsed.value, problems };
}

export function analyzeExerciseManifest(text: string, file: string, options: ValidateOptions = {}): Analysis<ExerciseManifest> {
  const parsed = parseJsonText(text, file);
  if (parsed.syntaxProblems.length) return { problems: parsed.syntaxProblems };
  const notObject = notAnObject(parsed, file, 'exercise.json');
  if (notObject) return { problems: [notObject] };

  const problems = schemaProblems('exercise', parsed, file);
  const rules = exerciseRuleProblems(parsed.value);
  if (options.checkFiles !== false) rules.push(...missingFileProblems(parsed.value, path.dirname(file)));
  problems.push(...rules.map((p) => locate(parsed, file, p)));
  return hasErrors(problems) ? { problems, data: parsed.value } : { manifest: parsed.value as ExerciseManifest, data: parsed.value, problems };
}

function missingFileProblems(m: any, dir: string): RuleProblem[] {
  const files = m?.files;
  if (!files || typeof files !== 'object') return [];
  const out: RuleProblem[] = [];
  const what: Record<string, string> = {
    starter: 'the starter the learner begins from', solution: 'the reference solution',
    harness: 'the harness that measures submissions', readme: 'the learner instructions',
  };
  for (const role of Object.keys(what)) {
    const rel = files[role];
    if (typeof rel !== 'string' || rel === '') continue;
    const abs = path.resolve(dir, rel);
    if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) {
      out.push({
        jsonPath: `/files/${role}`, severity: 'error',
        message: `Missing ${role} file "${rel}" (${what[role]}); looked for ${abs}.`,
        fix: `Create ${rel} in the exercise folder, or set "files": {"${role}": "<file name>"} to the file you have.`,
      });
    }
  }
  return out;
}

function notAnObject(parsed: ParsedJson, file: string, name: string): PackProblem | undefined {
  const v = parsed.value;
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return undefined;
  return { file, jsonPath: '', line: 1, column: 1, severity: 'error', message: `${name} must contain a JSON object, not ${Array.isArray(v) ? 'an array' : typeof v}.`, fix: 'Wrap the fields in { … } (see docs/authoring.md).' };
}

export function locate(parsed: ParsedJson, file: string, p: RuleProblem): PackProblem {
  return { file, ...locatePointer(parsed, p.jsonPath), ...p };
}
