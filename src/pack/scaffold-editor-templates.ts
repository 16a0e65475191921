/**
 * Editor support written next to exercise files so `import … from 'gradlab'` (and, in a pack,
 * `'gradlab/harness'`) get completion and type errors: a tsconfig.json that maps those module names
 * to type declarations copied into `.gradlab/types/`, plus a declaration of the sandbox's globals.
 *
 * Shared by the extension's Start Course (a learner's course folder) and `gradlab new pack` / New
 * Exercise Pack… (an author's pack folder), so both get the same compiler settings. Pure text, no
 * file system: unit-tested and safe to bundle anywhere.
 */

/** Folder (inside a course or pack) that holds GradLab's files; not the learner's or author's. */
export const EDITOR_DIR = '.gradlab';
/** Sub-folder of EDITOR_DIR with the engine's type declarations (a copy of dist/types). */
export const EDITOR_TYPES_DIR = 'types';
/** Declarations of 'gradlab/harness', written next to the engine's index.d.ts. */
export const HARNESS_DTS_FILE = 'harness.d.ts';
export const SANDBOX_GLOBALS_FILE = 'sandbox-globals.d.ts';

/** What the editor needs to type-check exercise files without @types/node: the sandbox's globals. */
export const SANDBOX_GLOBALS_DTS = `// Globals available inside GradLab's sandbox (written by GradLab).
declare const console: {
  log(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
};
`;

/**
 * tsconfig.json for a course or pack folder whose exercises are its direct sub-folders. Only for the
 * editor: GradLab runs the files itself, so nothing is compiled or emitted (noEmit).
 * `harness: true` also maps 'gradlab/harness' (authors write harnesses; learners never import it).
 */
export function editorTsconfig(opts: { harness: boolean }): string {
  const types = `${EDITOR_DIR}/${EDITOR_TYPES_DIR}`;
  const paths: Record<string, string[]> = { gradlab: [`${types}/index.d.ts`] };
  if (opts.harness) paths['gradlab/harness'] = [`${types}/${HARNESS_DTS_FILE}`];
  const config = {
    compilerOptions: {
      target: 'ES2022',
      module: 'commonjs',
      moduleResolution: 'node',
      lib: ['ES2022'],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
      baseUrl: '.',
      paths,
    },
    include: ['*/*.ts', `${types}/${SANDBOX_GLOBALS_FILE}`],
  };
  return JSON.stringify(config, null, 2) + '\n';
}

/** A pack is usually a git repository: the copied types belong to the installed GradLab, not to it. */
export const PACK_GITIGNORE = `# Written by GradLab: type declarations copied from the installed GradLab (editor support only).
${EDITOR_DIR}/
`;
