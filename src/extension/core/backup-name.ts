/**
 * Names for the backups Reset Exercise writes before it touches a learner's file. A learner's work is
 * never lost: the backup sits next to the file as `<file>.<yyyymmdd-hhmmss>.bak`, and a second reset
 * within the same second gets `-2`, `-3`, … instead of overwriting the first backup.
 */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `yyyymmdd-hhmmss` in local time (what the learner sees on their clock). */
export function backupTimestamp(date: Date): string {
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

/**
 * `<file>.<timestamp>.bak`, or `<file>.<timestamp>-<n>.bak` for the first n ≥ 2 not yet taken.
 * `exists` is injected so this stays pure (the caller passes fs.existsSync).
 */
export function backupPathFor(file: string, date: Date, exists: (candidate: string) => boolean): string {
  const stamp = backupTimestamp(date);
  let candidate = `${file}.${stamp}.bak`;
  for (let n = 2; exists(candidate); n++) candidate = `${file}.${stamp}-${n}.bak`;
  return candidate;
}
