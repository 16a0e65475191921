/** Shared helpers for the pack tests: fixture paths, and positions found by searching the text. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { PackLoadError } from '../../../src/pack/problems';
import type { PackProblem } from '../../../src/pack/types';

export const REPO = path.resolve(__dirname, '../../..');
export const FIXTURES = path.join(REPO, 'test/fixtures/packs');
export const EXAMPLE_PACK = path.join(REPO, 'examples/minimal-pack');

/**
 * 1-based line/column of the `occurrence`-th match of `needle` in `file` — an independent way to
 * know where a problem should be reported (plain string search, not the parser under test).
 */
export function positionOf(file: string, needle: string, occurrence = 1): { line: number; column: number } {
  const text = fs.readFileSync(file, 'utf8');
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    assert.ok(index >= 0, `fixture ${file} does not contain ${needle} (occurrence ${occurrence})`);
  }
  const lines = text.slice(0, index).split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** Runs `load`, asserts it throws a PackLoadError, and returns it. */
export async function expectLoadError(load: () => Promise<unknown>): Promise<PackLoadError> {
  try {
    await load();
  } catch (e) {
    assert.ok(e instanceof PackLoadError, `expected PackLoadError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected loading to fail, but it succeeded');
}

/** The one problem at `jsonPath` in `file` (fails listing all problems otherwise). */
export function problemAt(problems: PackProblem[], file: string, jsonPath: string): PackProblem {
  const found = problems.filter((p) => p.file === file && p.jsonPath === jsonPath);
  assert.strictEqual(found.length, 1, `expected one problem at ${file} ${jsonPath}; got:\n${JSON.stringify(problems, null, 2)}`);
  return found[0];
}
