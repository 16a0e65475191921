/**
 * The nearest folder at or above `startDir` holding pack.json. Same rule as src/pack's findPackRoot,
 * kept here so finding a pack does not load the pack layer (Ajv, engine) at activation.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function findPackRootDir(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'pack.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
