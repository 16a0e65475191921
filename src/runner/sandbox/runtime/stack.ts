/**
 * Reading line numbers out of V8 stack strings. The learner's file is compiled with its display name
 * as the vm.Script filename and sucrase keeps line numbers (see src/runner/transform.ts), so a frame
 * "at clip (clip.ts:12:9)" is line 12 of the file the learner sees.
 */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** 1-based line of the first stack frame that lies in `fileName`, if any. */
export function firstFrameLine(stack: unknown, fileName: string): number | undefined {
  if (typeof stack !== 'string') return undefined;
  const framePattern = new RegExp(`(?:\\(|at )${escapeRegExp(fileName)}:(\\d+):(\\d+)\\)?$`);
  for (const line of stack.split('\n')) {
    if (!/^\s+at /.test(line)) continue; // skip the message lines: messages may mention file names too
    const match = framePattern.exec(line.trim());
    if (match) return Number(match[1]);
  }
  return undefined;
}

/** The stack string of a thrown value, without running learner getters that could throw. */
export function safeStack(value: unknown): string | undefined {
  try {
    if (typeof value === 'object' && value !== null) {
      const stack = (value as { stack?: unknown }).stack;
      return typeof stack === 'string' ? stack : undefined;
    }
  } catch {
    // a learner getter threw: no stack
  }
  return undefined;
}
