/**
 * The learner's progress, per pack and exercise, kept in VS Code's globalState (a Memento). One key
 * per pack (`gradlab.progress/<packId>`) so Settings Sync carries it across machines
 * (setKeysForSync) without mixing courses, and so a pack's key is small.
 *
 * Pure: the Memento is an interface, so the logic is unit-tested with a Map-backed fake.
 */

/** The subset of vscode.Memento this store needs. */
export interface MementoLike {
  keys(): readonly string[];
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface ExerciseProgress {
  passed: boolean;
  /** Best score so far and the exercise's maximum at that time. */
  bestScore: number;
  maxScore: number;
  hintsUsed: number;
  attempts: number;
  /** ISO timestamps. */
  lastOpened?: string;
  lastAttempt?: string;
  firstPassed?: string;
}

export interface PackProgress {
  exercises: Record<string, ExerciseProgress>;
  /** Exercise opened most recently: "continue where I left off". */
  lastExercise?: string;
}

export const PROGRESS_KEY_PREFIX = 'gradlab.progress/';

export function progressKey(packId: string): string {
  return `${PROGRESS_KEY_PREFIX}${packId}`;
}

export function emptyExerciseProgress(): ExerciseProgress {
  return { passed: false, bestScore: 0, maxScore: 0, hintsUsed: 0, attempts: 0 };
}

/** Folds one graded attempt into the record: passing is forever, the best score only grows. */
export function withAttempt(previous: ExerciseProgress | undefined, attempt: { passed: boolean; score: number; maxScore: number }, now: Date): ExerciseProgress {
  const p = { ...emptyExerciseProgress(), ...previous };
  const at = now.toISOString();
  return {
    ...p,
    attempts: p.attempts + 1,
    lastAttempt: at,
    passed: p.passed || attempt.passed,
    firstPassed: p.firstPassed ?? (attempt.passed ? at : undefined),
    bestScore: Math.max(p.bestScore, attempt.score),
    maxScore: attempt.maxScore || p.maxScore,
  };
}

export class ProgressStore {
  /** Called whenever a new pack key appears, so the caller can extend setKeysForSync. */
  constructor(private readonly memento: MementoLike, private readonly onNewKey: (keys: string[]) => void = () => undefined) {}

  /** Every progress key present (for setKeysForSync at activation). */
  syncKeys(): string[] {
    return this.memento.keys().filter((k) => k.startsWith(PROGRESS_KEY_PREFIX));
  }

  pack(packId: string): PackProgress {
    const stored = this.memento.get<PackProgress>(progressKey(packId));
    return { exercises: { ...(stored?.exercises ?? {}) }, lastExercise: stored?.lastExercise };
  }

  exercise(packId: string, exerciseId: string): ExerciseProgress {
    return { ...emptyExerciseProgress(), ...this.pack(packId).exercises[exerciseId] };
  }

  async recordAttempt(packId: string, exerciseId: string, attempt: { passed: boolean; score: number; maxScore: number }, now = new Date()): Promise<ExerciseProgress> {
    return this.updateExercise(packId, exerciseId, (p) => withAttempt(p, attempt, now));
  }

  /** Reveals one more hint (never beyond `available`); returns the new count. */
  async revealHint(packId: string, exerciseId: string, available: number): Promise<number> {
    const updated = await this.updateExercise(packId, exerciseId, (p) => ({ ...p, hintsUsed: Math.min(available, p.hintsUsed + 1) }));
    return updated.hintsUsed;
  }

  async markOpened(packId: string, exerciseId: string, now = new Date()): Promise<void> {
    await this.updateExercise(packId, exerciseId, (p) => ({ ...p, lastOpened: now.toISOString() }), exerciseId);
  }

  private async updateExercise(packId: string, exerciseId: string, change: (p: ExerciseProgress) => ExerciseProgress, lastExercise?: string): Promise<ExerciseProgress> {
    const pack = this.pack(packId);
    const updated = change({ ...emptyExerciseProgress(), ...pack.exercises[exerciseId] });
    pack.exercises[exerciseId] = updated;
    if (lastExercise !== undefined) pack.lastExercise = lastExercise;
    await this.write(packId, pack);
    return updated;
  }

  private async write(packId: string, pack: PackProgress): Promise<void> {
    const key = progressKey(packId);
    const isNew = !this.memento.keys().includes(key);
    await this.memento.update(key, pack);
    if (isNew) this.onNewKey(this.syncKeys());
  }
}

/** Course score: sum of best scores over the pack's exercises (only those still in the pack). */
export function courseScore(progress: PackProgress, exercises: ReadonlyArray<{ id: string; maxScore: number }>): { score: number; maxScore: number; passed: number } {
  let score = 0;
  let maxScore = 0;
  let passed = 0;
  for (const e of exercises) {
    const p = progress.exercises[e.id];
    score += p ? Math.min(p.bestScore, e.maxScore) : 0;
    maxScore += e.maxScore;
    if (p?.passed) passed++;
  }
  return { score, maxScore, passed };
}

/** Export Progress: one JSON document, LMS-friendly (one entry per exercise, in teaching order). */
export interface ProgressExport {
  format: 'gradlab-progress';
  formatVersion: 1;
  exportedAt: string;
  pack: { id: string; title: string; version: string };
  total: { score: number; maxScore: number; passed: number; exercises: number };
  exercises: Array<{ id: string; title: string; maxScore: number } & ExerciseProgress>;
}

export function buildProgressExport(
  pack: { id: string; title: string; version: string },
  exercises: ReadonlyArray<{ id: string; title: string; maxScore: number }>,
  progress: PackProgress,
  now = new Date(),
): ProgressExport {
  const total = courseScore(progress, exercises);
  return {
    format: 'gradlab-progress',
    formatVersion: 1,
    exportedAt: now.toISOString(),
    pack,
    total: { ...total, exercises: exercises.length },
    exercises: exercises.map((e) => ({ ...emptyExerciseProgress(), ...progress.exercises[e.id], id: e.id, title: e.title, maxScore: e.maxScore })),
  };
}
