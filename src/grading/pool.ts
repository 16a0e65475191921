/**
 * Runs async tasks with at most `concurrency` in flight, results in input order. Each grading task
 * spawns its own sandbox process, so this is what bounds CPU and memory use of a batch
 * (`gradlab grade`) or a pack validation (CLI and extension). It lives in src/grading, the lowest
 * layer both of those use; it depends on nothing.
 * A task that throws does not stop the others: its error is returned in its slot.
 */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export async function runPool<I, T>(
  items: readonly I[],
  concurrency: number,
  task: (item: I, index: number) => Promise<T>,
  onSettled?: (result: Settled<T>, item: I, index: number) => void,
): Promise<Array<Settled<T>>> {
  const results: Array<Settled<T>> = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      let settled: Settled<T>;
      try {
        settled = { ok: true, value: await task(items[index], index) };
      } catch (error) {
        settled = { ok: false, error };
      }
      results[index] = settled;
      onSettled?.(settled, items[index], index);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker);
  await Promise.all(workers);
  return results;
}

/** Default parallelism: leave one core for the machine (the sandbox host is CPU-bound), min 1. */
export function defaultJobs(cpus: number): number {
  return Math.max(1, cpus - 1);
}
