/**
 * Does a file named in a GradeResult (an error's or a failed check's location) mean the learner's own
 * file? The sandbox names it as it saw it: a bare name, or a path with / or \ separators. Only the last
 * segment is compared, so one rule decides where the Testing view and the Problems view point. Pure.
 */

/** The last segment of a path written with either separator ("a\\b/clip.ts" → "clip.ts"). */
export function fileNameOf(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/** Whether `file` (from a GradeResult) names the learner's file, given that file's name ("clip.ts"). */
export function namesLearnerFile(file: string, learnerFileName: string): boolean {
  return fileNameOf(file) === learnerFileName;
}
