// How the integration suite (inside VS Code) hands its results to the launcher (outside).
// The extension host exits 0 whether tests pass or fail, so the result file is the only truth.

/** Absolute path of the mocha JSON report; the launcher sets it in code-server's environment. */
export const RESULTS_FILE_ENV = 'GRADLAB_TEST_RESULTS';
/** Used when the env var did not reach the extension host: relative to the first workspace folder. */
export const FALLBACK_RESULTS_PATH = '.gradlab-test/results.json';
/** Optional mocha --grep for the integration suite, e.g. GRADLAB_TEST_GREP=activation. */
export const GREP_ENV = 'GRADLAB_TEST_GREP';
/**
 * '1' = the launcher started VS Code with Workspace Trust enabled on an untrusted folder (real
 * Restricted Mode). The suite then requires `vscode.workspace.isTrusted === false` and runs only the
 * restricted-mode tests; anything else would not be testing what the run claims to test.
 */
export const WORKSPACE_TRUST_ENV = 'GRADLAB_WORKSPACE_TRUST';

export interface MochaTestRecord {
  title: string;
  fullTitle: string;
  file?: string;
  duration?: number;
  err: { message?: string; stack?: string; actual?: unknown; expected?: unknown } | Record<string, never>;
}

/** Mocha's built-in `json` reporter output, plus `setupError` when the suite could not even start. */
export interface SuiteResults {
  stats: { suites: number; tests: number; passes: number; pending: number; failures: number; duration?: number };
  tests: MochaTestRecord[];
  passes: MochaTestRecord[];
  failures: MochaTestRecord[];
  pending: MochaTestRecord[];
  setupError?: string;
}
