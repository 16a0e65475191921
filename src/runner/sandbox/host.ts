/**
 * Entry of dist/sandbox-host.js, forked once per run by runSubmission (src/runner/run.ts).
 * The same bundle is both threads: the main thread is the watchdog, the worker thread (started by
 * the watchdog with `new Worker(__filename)`) runs the vm context with the learner's code.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { WorkerJob } from '../protocol';
import { startWatchdog } from './watchdog';
import { runWorker } from './worker';

if (isMainThread) {
  startWatchdog();
} else {
  runWorker(workerData as WorkerJob, parentPort!);
}
