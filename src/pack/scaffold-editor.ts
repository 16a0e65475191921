/**
 * Editor support for a new pack: tsconfig.json, .gitignore and .gradlab/types/ (the engine's
 * declarations copied from the running GradLab, plus 'gradlab/harness' and the sandbox globals), so
 * an author's editor offers completion and type errors in starters, solutions and harnesses, and
 * `tsc --noEmit -p <pack>` type-checks the whole pack. The texts are shared with Start Course
 * (scaffold-editor-templates.ts).
 */
import * as fs from 'fs';
import { promises as fsp } from 'fs';
import * as path from 'path';
import { HARNESS_DTS } from './scaffold-harness-types';
import {
  EDITOR_DIR, EDITOR_TYPES_DIR, HARNESS_DTS_FILE, PACK_GITIGNORE, SANDBOX_GLOBALS_DTS, SANDBOX_GLOBALS_FILE, editorTsconfig,
} from './scaffold-editor-templates';

export interface EditorSupportResult {
  files: string[];
  warnings: string[];
}

/**
 * Writes the editor files into `packDir`. The tsconfig is never overwritten (a new pack's caller
 * refuses an existing one up front; `refresh` keeps one that exists); an existing .gitignore is left alone with a warning saying what to add.
 * Missing declarations at `typesDir` are a warning, not an error: the pack itself is complete.
 */
export async function writeEditorSupport(packDir: string, typesDir: string, opts: { refresh?: boolean } = {}): Promise<EditorSupportResult> {
  const files: string[] = [];
  const warnings: string[] = [];
  const tsconfig = path.join(packDir, 'tsconfig.json');
  // Refreshing (a cloned pack, a newer GradLab): the author's tsconfig is theirs to keep; only a
  // missing one is written.
  if (!(opts.refresh && fs.existsSync(tsconfig))) {
    await fsp.writeFile(tsconfig, editorTsconfig({ harness: true }), { flag: 'wx' });
    files.push(tsconfig);
  }

  const gitignore = path.join(packDir, '.gitignore');
  if (fs.existsSync(gitignore)) {
    warnings.push(`${gitignore} already exists and was left as it is: add the line "${EDITOR_DIR}/" to it (the copied type declarations belong to the installed GradLab, not to the pack).`);
  } else {
    await fsp.writeFile(gitignore, PACK_GITIGNORE, { flag: 'wx' });
    files.push(gitignore);
  }

  const typesTarget = path.join(packDir, EDITOR_DIR, EDITOR_TYPES_DIR);
  // The declarations are a copy of the installed GradLab's: replace them whole so a file the newer
  // GradLab no longer ships does not linger.
  if (opts.refresh) await fsp.rm(typesTarget, { recursive: true, force: true });
  await fsp.mkdir(typesTarget, { recursive: true });
  if (fs.existsSync(path.join(typesDir, 'index.d.ts'))) {
    await fsp.cp(typesDir, typesTarget, { recursive: true });
    files.push(path.join(typesTarget, 'index.d.ts'));
  } else {
    warnings.push(`No engine type declarations at ${typesDir} (GradLab builds them with \`npm run build\`): the editor will not know the 'gradlab' module until ${path.join(typesTarget, 'index.d.ts')} exists. Copy GradLab's dist/types there.`);
  }
  for (const [name, text] of [[HARNESS_DTS_FILE, HARNESS_DTS], [SANDBOX_GLOBALS_FILE, SANDBOX_GLOBALS_DTS]] as const) {
    const file = path.join(typesTarget, name);
    await fsp.writeFile(file, text);
    files.push(file);
  }
  return { files, warnings };
}
