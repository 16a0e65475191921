/**
 * The real wiring of the layers the CLI uses (see deps.ts for why this is injectable).
 */
import * as path from 'node:path';
import { resolveDistDir } from '../runner/dist-dir';
import { gradingDeps } from '../grading/grade-exercise';
import { loadExercise, loadPack, PackLoadError, scaffoldEditorSupport, scaffoldExercise, scaffoldPack } from '../pack';
import type { CliDeps } from './deps';

export interface DefaultDepsOptions {
  /**
   * Folder holding dist/sandbox-host.js. The bundled CLI (dist/cli.js) sits next to it and needs
   * nothing; tests running the CLI from src/ under tsx pass the repository's dist folder.
   */
  distDir?: string;
}

export function defaultDeps(options: DefaultDepsOptions = {}): CliDeps {
  // The running GradLab's engine declarations, copied into packs for editor support.
  const typesDir = () => path.join(resolveDistDir(options.distDir), 'types');
  return {
    loadPack,
    loadExercise,
    ...gradingDeps(options.distDir),
    // New packs get editor support: the running GradLab's engine declarations (dist/types) are copied in.
    scaffoldPack: (dir, opts) => scaffoldPack(dir, { ...opts, typesDir: typesDir() }),
    scaffoldExercise,
    scaffoldEditorSupport: (packDir) => scaffoldEditorSupport(packDir, typesDir()),
    packProblems: (error) => (error instanceof PackLoadError ? error.problems : undefined),
  };
}
