/**
 * Comparing file-system paths the way the platform's file system does. On Windows the same file is
 * "c:\Course\a.ts" in a VS Code Uri's fsPath (drive letter lowercased) and "C:\course\A.ts" from
 * path.resolve(process.cwd()) or a typed path; on macOS the default volume ignores case too. A plain
 * `===` then misses the learner's file (no grading on save, the dirty editor text ignored).
 * Pure: the path module and platform are parameters so tests can run the Windows rules on Linux.
 */
import * as nodePath from 'node:path';

type PathApi = Pick<typeof nodePath, 'resolve' | 'relative' | 'isAbsolute' | 'sep'>;

/** Platforms whose default file system compares names without case (NTFS, APFS/HFS+). */
export function caseInsensitiveFileSystem(platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'win32' || platform === 'darwin';
}

/** A key that is equal for two spellings of the same absolute path (for Map keys and comparisons). */
export function pathKey(p: string, pathApi: PathApi = nodePath, platform: NodeJS.Platform = process.platform): string {
  const resolved = pathApi.resolve(p);
  return caseInsensitiveFileSystem(platform) ? resolved.toLowerCase() : resolved;
}

export function samePath(a: string, b: string, pathApi: PathApi = nodePath, platform: NodeJS.Platform = process.platform): boolean {
  return pathKey(a, pathApi, platform) === pathKey(b, pathApi, platform);
}

/**
 * Whether `file` is `dir` itself or lies below it. Not `startsWith(dir)`: "/packs/a" would contain
 * "/packs/ab", and on Windows a file on another drive gives an absolute path.relative, not "..".
 */
export function isInsideFolder(dir: string, file: string, pathApi: PathApi = nodePath, platform: NodeJS.Platform = process.platform): boolean {
  const rel = pathApi.relative(pathKey(dir, pathApi, platform), pathKey(file, pathApi, platform));
  return rel === '' || (!rel.startsWith('..' + pathApi.sep) && rel !== '..' && !pathApi.isAbsolute(rel));
}
