/**
 * The sandbox host's main thread: it runs no untrusted code, only watches the worker that does.
 *  - time: the worker announces each seed; a timer per seed terminates the worker when it runs over
 *    (worker.terminate() interrupts even a synchronous `while (true) {}`), reports a timeout for that
 *    seed and marks the later seeds as not run with the same error.
 *  - memory: the worker's V8 heap is capped by resourceLimits (exceeding it ends the worker with
 *    ERR_WORKER_OUT_OF_MEMORY); typed-array memory lives outside that heap, so the process RSS is
 *    polled every 25 ms against baseline + budget (see runtime/allocation-guard.ts for the other half).
 * Results go to the parent over IPC as they arrive, so a crash still keeps the finished seeds.
 */
import { Worker } from 'node:worker_threads';
import type { ErrorInfo } from '../../grading/types';
import { crashError, outOfMemoryError, timeoutError } from '../messages';
import type { HostEvent, HostRequest, WorkerEvent, WorkerJob } from '../protocol';

const MEMORY_POLL_MS = 25;
/** Building the context and evaluating the runtime bundle; generous because the machine may be busy. */
const SETUP_LIMIT_MS = 15_000;
/** Slack over the budget for allocator fragmentation and garbage not yet collected. */
const RSS_SLACK_MB = 48;

function send(event: HostEvent): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(event, undefined, undefined, () => resolve());
  });
}

export function startWatchdog(): void {
  process.once('message', (request: HostRequest) => {
    if (request?.type === 'run') void watch(request.job).then(() => process.exit(0));
  });
}

async function watch(job: WorkerJob): Promise<void> {
  const worker = new Worker(__filename, {
    workerData: job,
    resourceLimits: {
      maxOldGenerationSizeMb: job.memoryMb,
      maxYoungGenerationSizeMb: Math.max(4, Math.min(32, Math.floor(job.memoryMb / 8))),
    },
    stdout: true, // the worker prints nothing on purpose; keep stray output off our IPC stdio
    stderr: true,
  });
  worker.stdout.resume();
  worker.stderr.resume();

  let finished = false;
  let currentIndex: number | undefined;
  let currentStarted = 0;
  let timer: NodeJS.Timeout | undefined;
  let rssLimit = Infinity;
  const pending: Promise<void>[] = [];

  const seedOf = (index: number | undefined) => (index === undefined ? undefined : job.seeds[index]);

  return new Promise<void>((resolve) => {
    const finish = (stop?: { error: ErrorInfo; fatal: boolean; failCurrent: boolean }) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearInterval(memoryPoll);
      if (stop) {
        if (stop.failCurrent && currentIndex !== undefined) {
          pending.push(
            send({
              type: 'seed',
              index: currentIndex,
              outcome: { seed: job.seeds[currentIndex], metrics: {}, error: stop.error, durationMs: Date.now() - currentStarted },
              console: [],
              consoleTruncated: false,
            }),
          );
        }
        pending.push(send({ type: 'stop', error: stop.error, fatal: stop.fatal }));
      }
      pending.push(send({ type: 'done' }));
      void worker.terminate();
      void Promise.all(pending).then(() => resolve());
    };

    const armTimer = (ms: number, onTimeout: () => void) => {
      clearTimeout(timer);
      timer = setTimeout(onTimeout, ms);
    };
    armTimer(SETUP_LIMIT_MS, () => finish({ error: crashError(`it took longer than ${SETUP_LIMIT_MS / 1000} s to start`), fatal: true, failCurrent: false }));

    const memoryPoll = setInterval(() => {
      if (process.memoryUsage.rss() > rssLimit) {
        finish({ error: outOfMemoryError(job.memoryMb, seedOf(currentIndex)), fatal: false, failCurrent: true });
      }
    }, MEMORY_POLL_MS);

    worker.on('message', (event: WorkerEvent) => {
      if (finished) return;
      switch (event.type) {
        case 'ready':
          rssLimit = process.memoryUsage.rss() + (job.memoryMb + RSS_SLACK_MB) * 1024 * 1024;
          clearTimeout(timer);
          break;
        case 'seed-start': {
          currentIndex = event.index;
          currentStarted = Date.now();
          const seed = job.seeds[event.index];
          armTimer(job.timeMsPerSeed, () => finish({ error: timeoutError(job.timeMsPerSeed, seed), fatal: false, failCurrent: true }));
          break;
        }
        case 'seed-done': {
          clearTimeout(timer);
          const outcome = { seed: job.seeds[event.index], metrics: event.metrics, durationMs: event.durationMs, ...(event.error ? { error: event.error } : {}) };
          pending.push(send({ type: 'seed', index: event.index, outcome, console: event.console, consoleTruncated: event.consoleTruncated }));
          currentIndex = undefined;
          if (event.fatal && event.error) finish({ error: event.error, fatal: true, failCurrent: false });
          break;
        }
        case 'fatal':
          finish({ error: event.error, fatal: true, failCurrent: false });
          break;
        case 'done':
          finish();
          break;
      }
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        finish({ error: outOfMemoryError(job.memoryMb, seedOf(currentIndex)), fatal: false, failCurrent: true });
      } else {
        finish({ error: crashError(`internal error: ${err.message}`, seedOf(currentIndex)), fatal: currentIndex === undefined, failCurrent: true });
      }
    });
    worker.on('exit', (code) => {
      finish({ error: crashError(`the worker exited with code ${code}`, seedOf(currentIndex)), fatal: currentIndex === undefined, failCurrent: true });
    });
  });
}
