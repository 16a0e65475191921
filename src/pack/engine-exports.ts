/**
 * The names `bannedHelpers` may refer to: the engine's exports. Read lazily (on first use, not at
 * module load) because the engine grows while packs are written; a pack naming a helper that this
 * build of the engine lacks is still worth a clear message rather than a crash.
 */
import * as engine from '../engine/index';

/** Below this many exports the engine is evidently incomplete, so unknown names only warn. */
export const MIN_COMPLETE_ENGINE_EXPORTS = 20;

let cached: string[] | undefined;

export function engineExportNames(): string[] {
  if (!cached) {
    // esModuleInterop's namespace wrapper adds "default"; it is not an engine export.
    cached = Object.keys(engine).filter((k) => k !== 'default' && k !== '__esModule').sort();
  }
  return cached;
}

/** For tests: forget the cached list (e.g. after substituting names with `setEngineExportNamesForTest`). */
export function setEngineExportNamesForTest(names: string[] | undefined): void {
  cached = names;
}
