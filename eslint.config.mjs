// ESLint flat config: typescript-eslint's recommended rules plus the one architectural rule that
// matters most here — only src/extension may import the `vscode` API.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test/fixtures/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/extension/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only src/extension may import vscode.' }] }],
    },
  },
  {
    // The CLI and the extension are siblings: what both need (pack validation, the job pool) lives
    // in src/grading. test/unit/architecture/layering.test.ts checks every layer rule by resolving paths.
    files: ['src/extension/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/cli', '**/cli/**'], message: 'src/extension never imports src/cli: move shared code to src/grading (or lower).' },
      ] }],
    },
  },
  {
    // A later block replaces an earlier block's options for the same rule, so vscode is repeated here.
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only src/extension may import vscode.' }], patterns: [
        { group: ['../pack/*', '../runner/*', '../grading/*', '../cli/*', '../extension/*', '../protocol/*'], message: 'src/engine depends on nothing else of ours.' },
        { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'vm'], message: 'src/engine is pure TypeScript: no Node APIs.' },
      ] }],
    },
  },
);
