/**
 * Runs checks for the extension: one GradeResult per request, from gradeExercise() in a forked
 * sandbox (learner code never runs in the extension host). A second check of the same exercise
 * cancels the first; a VS Code CancellationToken becomes the run's AbortSignal, so a hung check is
 * stopped (the sandbox is killed) instead of freezing anything.
 *
 * Workspace Trust is checked HERE, in code, before anything runs (when-clauses alone are not enough:
 * commands can be invoked programmatically).
 */
import * as vscode from 'vscode';
import type { GradeResult } from '../../grading/types';
import type { RunOutcome } from '../../runner/types';
import { exerciseKey, maxScoreOf, type ExerciseRef } from '../core/exercise-ref';
import type { ProgressStore } from '../core/progress';
import type { TrustService } from './trust';
import { gradingLayer } from '../lazy';

export interface CheckRequest {
  /** Grade this text instead of the file on disk (an unsaved editor buffer). */
  source?: string;
  token?: vscode.CancellationToken;
  /** What started it, for the log. */
  reason: 'command' | 'save' | 'testing' | 'panel';
}

export type CheckOutcome =
  | { kind: 'graded'; result: GradeResult }
  | { kind: 'cancelled' }
  | { kind: 'untrusted' }
  | { kind: 'failed'; message: string };

export interface GradedEvent {
  ref: ExerciseRef;
  result: GradeResult;
}

export class GradingService implements vscode.Disposable {
  private readonly inFlight = new Map<string, AbortController>();
  /** Reference-solution outcomes are reused across checks (keyed by content hashes, see gradeExercise). */
  private readonly referenceCache = new Map<string, RunOutcome>();
  private readonly lastResults = new Map<string, GradeResult>();
  private readonly started = new vscode.EventEmitter<ExerciseRef>();
  private readonly graded = new vscode.EventEmitter<GradedEvent>();
  private readonly ended = new vscode.EventEmitter<ExerciseRef>();
  readonly onDidStart = this.started.event;
  readonly onDidGrade = this.graded.event;
  /** Fires after every check, whatever its outcome (PanelHost clears "Checking…" on it after a cancelled check). */
  readonly onDidEnd = this.ended.event;

  constructor(
    private readonly distDir: string,
    private readonly progress: ProgressStore,
    private readonly trust: TrustService,
    private readonly log: vscode.LogOutputChannel,
    private readonly workspaceState: vscode.Memento,
  ) {}

  dispose(): void {
    for (const controller of this.inFlight.values()) controller.abort();
    this.inFlight.clear();
    this.started.dispose();
    this.graded.dispose();
    this.ended.dispose();
  }

  isRunning(ref: ExerciseRef): boolean {
    return this.inFlight.has(exerciseKey(ref));
  }

  /** The last result of this exercise (this session, or a previous one via workspaceState). */
  lastResult(ref: ExerciseRef): GradeResult | undefined {
    const key = exerciseKey(ref);
    return this.lastResults.get(key) ?? this.workspaceState.get<GradeResult>(`gradlab.lastResult/${key}`);
  }

  async check(ref: ExerciseRef, request: CheckRequest): Promise<CheckOutcome> {
    if (!this.trust.allows('check')) return { kind: 'untrusted' };
    const key = exerciseKey(ref);
    // A newer check of the same exercise supersedes the running one (e.g. two quick saves).
    this.inFlight.get(key)?.abort();
    const controller = new AbortController();
    this.inFlight.set(key, controller);
    const subscription = request.token?.onCancellationRequested(() => controller.abort());
    if (request.token?.isCancellationRequested) controller.abort();
    const multiplier = vscode.workspace.getConfiguration('gradlab').get<number>('timeLimitMultiplier', 1);
    this.started.fire(ref);
    try {
      const { gradeExercise } = await gradingLayer();
      const result = await gradeExercise(ref.exercise, { file: ref.learnerFile, source: request.source }, {
        signal: controller.signal,
        referenceCache: this.referenceCache,
        timeMultiplier: Number.isFinite(multiplier) && multiplier > 0 ? multiplier : 1,
        distDir: this.distDir,
      });
      if (controller.signal.aborted) return { kind: 'cancelled' };
      this.log.info(`check ${key} (${request.reason}): ${result.summary}${result.error ? ` — ${result.error.kind}: ${result.error.message}` : ''} in ${result.durationMs} ms`);
      this.lastResults.set(key, result);
      await this.workspaceState.update(`gradlab.lastResult/${key}`, result);
      await this.progress.recordAttempt(ref.session.pack.manifest.id, ref.exercise.manifest.id, {
        passed: result.passed && !result.error,
        score: result.score,
        maxScore: result.maxScore || maxScoreOf(ref.exercise),
      });
      this.graded.fire({ ref, result });
      return { kind: 'graded', result };
    } catch (e) {
      if (controller.signal.aborted || (e as Error)?.name === 'AbortError') {
        this.log.info(`check ${key} (${request.reason}): cancelled`);
        return { kind: 'cancelled' };
      }
      const message = e instanceof Error ? e.message : String(e);
      this.log.error(`check ${key} (${request.reason}) failed inside GradLab: ${e instanceof Error ? e.stack ?? message : message}`);
      return { kind: 'failed', message };
    } finally {
      subscription?.dispose();
      if (this.inFlight.get(key) === controller) this.inFlight.delete(key);
      this.ended.fire(ref);
    }
  }
}
