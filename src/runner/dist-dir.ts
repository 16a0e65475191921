/**
 * Where dist/sandbox-host.js lives. Bundled (dist/cli.js, dist/extension.js) it sits next to the
 * running bundle; from source (tests under tsx) we walk up to the package root and use <root>/dist.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export const HOST_BUNDLE = 'sandbox-host.js';
export const RUNTIME_BUNDLE = 'sandbox-runtime.js';

export function resolveDistDir(explicit?: string, from: string = __dirname): string {
  if (explicit) return explicit;
  if (existsSync(path.join(from, HOST_BUNDLE))) return from;
  let dir = from;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'dist');
    const parent = path.dirname(dir);
    if (parent === dir) return from;
    dir = parent;
  }
}
