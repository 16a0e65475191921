/**
 * Opening a pack distributed as a single .zip: unpack it (fflate, pure JS, so the VSIX stays
 * platform-independent) into extension storage. Refuses entries that would escape the target folder
 * ("zip slip") and archives that unpack to absurd sizes. No `vscode` import: unit-tested in Node.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { unzipSync } from 'fflate';

export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

export class ArchiveError extends Error {
  override readonly name = 'ArchiveError';
}

/** Content hash: the same archive unpacks to the same folder, a changed one to a new folder. */
export function archiveFolderName(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/** Relative path inside the target, or undefined for entries that must be skipped (folders, escapes). */
export function safeEntryPath(name: string): string | undefined {
  const normalized = name.replace(/\\/g, '/');
  if (normalized.endsWith('/')) return undefined;
  if (normalized.startsWith('/') || /^[A-Za-z]:/.test(normalized)) throw new ArchiveError(`The archive entry "${name}" has an absolute path; a pack archive holds relative paths only.`);
  const parts = normalized.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw new ArchiveError(`The archive entry "${name}" points outside the pack ("..").`);
  if (parts[0] === '__MACOSX') return undefined;
  return parts.join('/');
}

/**
 * Unpacks `bytes` into `targetDir` (created; left alone when it already holds this archive) and returns
 * the folder holding pack.json: the archive root or its single top-level folder.
 */
export function unpackPackArchive(bytes: Uint8Array, targetDir: string): string {
  const marker = path.join(targetDir, '.gradlab-unpacked');
  if (!fs.existsSync(marker)) {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(bytes);
    } catch (e) {
      throw new ArchiveError(`This file is not a readable .zip archive (${(e as Error).message}).`);
    }
    const total = Object.values(entries).reduce((sum, data) => sum + data.length, 0);
    if (total > MAX_UNPACKED_BYTES) throw new ArchiveError(`The archive unpacks to ${Math.round(total / 1e6)} MB; a pack should be far smaller.`);
    fs.rmSync(targetDir, { recursive: true, force: true });
    for (const [name, data] of Object.entries(entries)) {
      const rel = safeEntryPath(name);
      if (rel === undefined) continue;
      const file = path.join(targetDir, ...rel.split('/'));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, data);
    }
    fs.mkdirSync(targetDir, { recursive: true });
    fs.writeFileSync(marker, '');
  }
  return findPackFolder(targetDir);
}

export function findPackFolder(unpackedDir: string): string {
  if (fs.existsSync(path.join(unpackedDir, 'pack.json'))) return unpackedDir;
  const folders = fs.readdirSync(unpackedDir, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== '__MACOSX');
  const candidates = folders.filter((d) => fs.existsSync(path.join(unpackedDir, d.name, 'pack.json')));
  if (candidates.length === 1) return path.join(unpackedDir, candidates[0].name);
  throw new ArchiveError(candidates.length > 1
    ? `The archive holds several packs (${candidates.map((c) => c.name).join(', ')}); put one pack per archive.`
    : 'The archive holds no pack.json at its root or in its top-level folder.');
}
