/**
 * Finding who submitted what in a class folder:
 *
 *   submissions/
 *     alice/clip-global-norm/clip.ts     layout A: <student>/<exercise-id>/<learnerFile>
 *     bob/clip.ts                        layout B: <student>/<learnerFile>
 *
 * Layout A always works. Layout B is accepted only for learner file names that are unique across
 * the pack (if two exercises both use "model.ts", a bare model.ts could be either; those exercises
 * need layout A). When both exist for a student, layout A wins.
 * Students are the sub-folders of the submissions folder (hidden ones, starting with ".", are
 * skipped), sorted by name in plain code-point order, so the order and --shard are the same on
 * every machine and locale.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LoadedPack } from '../../pack/types';

export function listStudents(submissionsDir: string): string[] {
  return fs
    .readdirSync(submissionsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    // Compared in NFC: macOS file systems often hand back (or unzip to) decomposed names ("e" + U+0308 for
    // "ë"), which sort differently in code-point order than the composed names Linux and Windows show, and
    // the --shard assignment must be the same on every machine.
    .map((name) => ({ name, key: name.normalize('NFC') }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ name }) => name);
}

/** Learner file names that appear in exactly one exercise of the pack (layout B is unambiguous for them). */
export function uniqueLearnerFiles(pack: LoadedPack): Set<string> {
  const counts = new Map<string, number>();
  for (const exercise of pack.exercises) counts.set(exercise.manifest.learnerFile, (counts.get(exercise.manifest.learnerFile) ?? 0) + 1);
  return new Set([...counts].filter(([, n]) => n === 1).map(([name]) => name));
}

export type Located = { file: string } | { file?: undefined; reason: string };

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

export function locateSubmission(studentDir: string, exerciseId: string, learnerFile: string, unique: ReadonlySet<string>): Located {
  const nested = path.join(studentDir, exerciseId, learnerFile);
  if (isFile(nested)) return { file: nested };
  const flat = path.join(studentDir, learnerFile);
  if (isFile(flat)) {
    if (unique.has(learnerFile)) return { file: flat };
    return { reason: `no submission (${learnerFile} is used by several exercises: put it in ${exerciseId}/${learnerFile})` };
  }
  return { reason: 'no submission' };
}

/**
 * --shard i/n (1-based i): this machine grades the students whose 0-based index in the sorted list
 * is ≡ i−1 (mod n). Round-robin rather than contiguous blocks, so shards stay balanced when names
 * cluster (e.g. many students whose folders start with the same prefix).
 */
export function parseShard(text: string): { index: number; count: number } | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) return undefined;
  return { index, count };
}

export function selectShard<T>(items: readonly T[], shard?: { index: number; count: number }): T[] {
  if (!shard) return [...items];
  return items.filter((_, i) => i % shard.count === shard.index - 1);
}
