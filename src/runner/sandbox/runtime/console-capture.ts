/**
 * The sandbox's `console`: lines go into a bounded buffer that leaves the sandbox with each seed's
 * result. Bounds are per run (all seeds together) so a `console.log` inside a 10 000-step training
 * loop cannot flood the learner's panel or the IPC channel.
 */
import type { ConsoleLine } from '../../../grading/types';
import { formatForConsole, truncate } from './describe';

export const CONSOLE_LIMITS = { maxLines: 200, maxLineChars: 500, maxTotalChars: 20_000 } as const;

export class ConsoleBuffer {
  private pending: ConsoleLine[] = [];
  private totalLines = 0;
  private totalChars = 0;
  truncated = false;
  seed: number | undefined;

  constructor(private readonly isTensor: (v: unknown) => boolean) {}

  write(stream: ConsoleLine['stream'], args: readonly unknown[]): void {
    if (this.truncated) return;
    let text = args.map((a) => formatForConsole(a, this.isTensor)).join(' ');
    text = truncate(text, CONSOLE_LIMITS.maxLineChars);
    if (this.totalLines >= CONSOLE_LIMITS.maxLines || this.totalChars + text.length > CONSOLE_LIMITS.maxTotalChars) {
      this.truncated = true;
      return;
    }
    this.totalLines++;
    this.totalChars += text.length;
    const line: ConsoleLine = { stream, text };
    if (this.seed !== undefined) line.seed = this.seed;
    this.pending.push(line);
  }

  /** Lines written since the last call (they leave the sandbox with the seed's result). */
  take(): ConsoleLine[] {
    const lines = this.pending;
    this.pending = [];
    return lines;
  }

  /** The object installed as the context's global `console`. */
  makeConsole(): Record<string, (...args: unknown[]) => void> {
    const write = (stream: ConsoleLine['stream']) => (...args: unknown[]) => this.write(stream, args);
    return {
      log: write('log'),
      info: write('info'),
      warn: write('warn'),
      error: write('error'),
      debug: write('log'),
      dir: write('log'),
      table: write('log'),
      trace: write('error'),
    };
  }
}
