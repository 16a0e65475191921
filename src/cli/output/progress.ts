/**
 * Progress for long batches, on stderr so stdout stays clean for JSON/CSV:
 *   TTY:     one self-overwriting line "[#####.....] 12/40 alice · clip-global-norm"
 *   not TTY: a plain line "graded 12/40" per finished item ("validated 2/5" for validate) (CI logs keep every line, so no \r tricks).
 */
import type { CliIO } from '../io';
import type { Style } from './style';
import { truncate } from './table';

export interface Progress {
  /** One item finished; `detail` names it (shown on a TTY only). */
  tick(detail?: string): void;
  /** Clears the TTY line (the final summary is printed by the caller). */
  finish(): void;
}

export function renderBar(done: number, total: number, width: number, unicode: boolean): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const [full, empty] = unicode ? ['█', '░'] : ['#', '.'];
  return `[${full.repeat(filled)}${empty.repeat(width - filled)}]`;
}

export function createProgress(io: CliIO, total: number, style: Style, verb = 'graded'): Progress {
  let done = 0;
  if (!io.stderrIsTTY) {
    return {
      tick() {
        done++;
        io.stderr(`${verb} ${done}/${total}\n`);
      },
      finish() {},
    };
  }
  const columns = io.stderrColumns || 80; // 0 when the terminal reports no size (e.g. under `script`)
  const draw = (detail: string) => {
    const head = `${renderBar(done, total, 20, style.unicode)} ${done}/${total}`;
    const line = detail ? `${head} ${truncate(detail, Math.max(0, columns - head.length - 2), style.ellipsis)}` : head;
    io.stderr(`\r\u001b[K${line}`);
  };
  draw('');
  return {
    tick(detail = '') {
      done++;
      draw(detail);
    },
    finish() {
      io.stderr('\r\u001b[K');
    },
  };
}
