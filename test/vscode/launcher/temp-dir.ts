// One temp folder per test run; removed afterwards unless GRADLAB_KEEP_TEMP=1 (for post-mortems).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface TempRun {
  readonly root: string;
  /** Removes the folder (or says where it was kept). Never throws. */
  cleanup(): void;
}

export function createTempRun(prefix: string): TempRun {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  return {
    root,
    cleanup() {
      if (process.env.GRADLAB_KEEP_TEMP === '1') {
        console.log(`[gradlab] kept temp folder ${root} (GRADLAB_KEEP_TEMP=1)`);
        return;
      }
      try {
        fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
      } catch (err) {
        console.warn(`[gradlab] could not remove ${root}: ${(err as Error).message}`);
      }
    },
  };
}
