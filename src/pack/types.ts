/**
 * The pack format as TypeScript types. schemas/pack.schema.json and schemas/exercise.schema.json are
 * the normative definitions (validated with Ajv); these types mirror them after defaults are applied.
 * See docs/authoring.md for the author-facing description.
 */
import type { Comparator } from '../grading/types';

/** Bump when the format changes incompatibly; a pack declares the version it was written for. */
export const PACK_FORMAT_VERSION = 1;

export interface PackManifest {
  $schema?: string;
  id: string;
  title: string;
  /** The pack's own version (semver). */
  version: string;
  /** GradLab pack format version this pack is written for (see PACK_FORMAT_VERSION). */
  formatVersion: number;
  description: string;
  /** Exercise folder names (= exercise ids) in teaching order. */
  exercises: string[];
  /** BCP-47 language tag of the instructions, hints and messages. Default "en". */
  locale?: string;
  author?: string;
  license?: string;
}

export interface ExportSpec {
  name: string;
  kind: 'function' | 'value' | 'class';
  /** Shown to learners, e.g. "(grads: Tensor[], maxNorm: number) => number". */
  signature?: string;
}

/** How a vector metric is reduced to the one number a check compares. Scalars use 'value'. */
export type Reduction =
  | 'value' | 'first' | 'last' | 'min' | 'max' | 'mean' | 'median' | 'sum' | 'norm'
  | 'flatness' //        log10(max) - log10(min) of |values|: decades between largest and smallest
  | 'ratioFirstLast' //  values[0] / values[n-1]   (e.g. first-layer norm over last-layer norm)
  | 'ratioLastFirst' //  values[n-1] / values[0]
  | 'countNonFinite'; // how many entries are NaN or ±inf

export interface Condition {
  metric: string;
  /** Omitted: 'value' (as in src/grading/measure.ts), so a vector metric needs an explicit reduction. */
  reduce?: Reduction;
  op: Comparator;
  threshold?: number | [number, number];
}

export interface CheckSpec {
  id: string;
  title: string;
  metric: string;
  reduce: Reduction;
  op: Comparator;
  threshold?: number | [number, number];
  /** For closeToReference / equals: |learner - reference| <= atol + rtol * |reference|. */
  rtol?: number;
  atol?: number;
  /** How per-seed outcomes combine: every seed must pass (default), or the median measured value is compared. */
  across: 'every' | 'median';
  points: number;
  hidden: boolean;
  /** Templates; {measured}, {threshold}, {seed}, {reference} are replaced. */
  messages: { pass: string; fail: string };
  /** Specific explanations for classic wrong answers: the first whose condition holds replaces `fail`. */
  explain?: Array<{ when: Condition; message: string }>;
  hint?: string;
}

export type ChartKind = 'layerNorms' | 'series' | 'timesteps';

export interface ChartDef {
  id: string;
  title: string;
  kind: ChartKind;
  /** Vector metrics to plot (several → several lines/bar groups). */
  metrics: string[];
  /** Also plot the reference solution's values of the same metrics. Default true. */
  compareReference: boolean;
  logScale: boolean;
  xLabel?: string;
  yLabel?: string;
}

export interface MetricDecl {
  description: string;
  kind: 'scalar' | 'vector';
}

export interface ExerciseManifest {
  $schema?: string;
  id: string;
  title: string;
  /** Course module tags (e.g. "M6") and topic words (e.g. "clipping"). */
  topics: string[];
  /** The file the learner edits, e.g. "clip.ts". The starter is copied to this name. */
  learnerFile: string;
  files: { starter: string; solution: string; harness: string; readme: string };
  exports: ExportSpec[];
  seeds: number[];
  limits: { timeMs: number; memoryMb: number };
  hints: string[];
  /** Engine exports the learner may not use (e.g. "clipGradNorm_" in the clipping exercise). */
  bannedHelpers: string[];
  /** Every metric the harness records; checks and charts may only reference these. */
  metrics: Record<string, MetricDecl>;
  checks: CheckSpec[];
  charts: ChartDef[];
}

/**
 * One thing wrong (or worth a second look) in a pack. The loader throws PackLoadError with a list of
 * these; the extension shows them as diagnostics at `line`/`column`, the CLI prints them.
 */
export interface PackProblem {
  /** Absolute path of the file the problem is in (pack.json, exercise.json, or a missing file's manifest). */
  file: string;
  /** JSON Pointer into that file, e.g. "/checks/2/threshold"; "" for the whole document. */
  jsonPath: string;
  /** 1-based position of the value at jsonPath (or of its nearest existing parent). */
  line?: number;
  column?: number;
  /** What is wrong, in plain words. */
  message: string;
  /** What to do about it. */
  fix: string;
  severity: 'error' | 'warning';
}

/** A loaded pack: manifests plus resolved absolute paths. */
export interface LoadedExercise {
  manifest: ExerciseManifest;
  dir: string;
  paths: { starter: string; solution: string; harness: string; readme: string };
  /** Non-fatal problems found while loading (e.g. hint count outside 2–4). Always set by the loader. */
  warnings?: PackProblem[];
}

export interface LoadedPack {
  manifest: PackManifest;
  dir: string;
  exercises: LoadedExercise[];
  /** Non-fatal problems in pack.json and every exercise (e.g. an unlisted exercise folder). Always set by the loader. */
  warnings?: PackProblem[];
}
