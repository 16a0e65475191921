/** The pack layer's public API: load, validate and scaffold GradLab exercise packs. */
export { loadPack, loadExercise, findPackRoot } from './load';
export { validatePackManifest, validateExerciseManifest, type ValidateOptions } from './validate';
export { PackLoadError, formatProblem } from './problems';
export { scaffoldPack, scaffoldExercise, scaffoldEditorSupport, ScaffoldError, type ScaffoldResult } from './scaffold';
export { PACK_MANIFEST, EXERCISE_MANIFEST } from './pack-rules';
export * from './types';
