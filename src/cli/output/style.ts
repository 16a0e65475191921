/**
 * Terminal styling decisions in one place: colour only on a TTY and never with NO_COLOR or
 * --no-color (https://no-color.org); ✓/✗ only on a UTF-8 terminal, ASCII otherwise.
 */
import type { CliIO } from '../io';

export interface Style {
  color: boolean;
  unicode: boolean;
  pass: string;
  fail: string;
  warn: string;
  bullet: string;
  ellipsis: string;
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  /** Authored text (messages, titles) made printable: ≤ ≥ × ≈ — … spelled in ASCII when not UTF-8. */
  text(text: string): string;
}

const ASCII_SPELLINGS: Array<[RegExp, string]> = [[/≤/g, '<='], [/≥/g, '>='], [/×/g, 'x'], [/≈/g, '~'], [/—/g, '-'], [/…/g, '...'], [/→/g, '->'], [/‖/g, '||']];

/** Replaces the few non-ASCII symbols our messages use, for terminals that are not UTF-8. */
export function asciiFallback(text: string): string {
  return ASCII_SPELLINGS.reduce((acc, [pattern, replacement]) => acc.replace(pattern, replacement), text);
}

/** Does this environment render UTF-8? Locale variables decide on Unix; on Windows only modern terminals. */
export function terminalIsUtf8(env: CliIO['env'], platform: NodeJS.Platform): boolean {
  if (platform === 'win32') {
    return Boolean(env.WT_SESSION || env.TERM_PROGRAM === 'vscode' || env.ConEmuANSI === 'ON');
  }
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  if (/utf-?8/i.test(locale)) return true;
  // VS Code's integrated terminal renders UTF-8 even when the login shell exports no locale.
  return env.TERM_PROGRAM === 'vscode';
}

export interface StyleOptions {
  /** Commander's `--no-color` sets this to false. */
  colorFlag?: boolean;
  /** Which stream the styled text goes to. */
  stream: 'stdout' | 'stderr';
}

export function styleFor(io: CliIO, opts: StyleOptions): Style {
  const noColorEnv = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  const plainRequested = noColorEnv || opts.colorFlag === false;
  const isTTY = opts.stream === 'stdout' ? io.stdoutIsTTY : io.stderrIsTTY;
  return makeStyle({
    color: isTTY && !plainRequested,
    unicode: terminalIsUtf8(io.env, io.platform) && !plainRequested,
  });
}

const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

export function makeStyle(opts: { color: boolean; unicode: boolean }): Style {
  const id = (text: string) => text;
  return {
    color: opts.color,
    unicode: opts.unicode,
    pass: opts.unicode ? '✓' : 'PASS',
    fail: opts.unicode ? '✗' : 'FAIL',
    warn: opts.unicode ? '⚠' : 'WARN',
    bullet: opts.unicode ? '•' : '-',
    ellipsis: opts.unicode ? '…' : '...',
    green: opts.color ? sgr(32, 39) : id,
    red: opts.color ? sgr(31, 39) : id,
    yellow: opts.color ? sgr(33, 39) : id,
    dim: opts.color ? sgr(2, 22) : id,
    bold: opts.color ? sgr(1, 22) : id,
    text: opts.unicode ? id : asciiFallback,
  };
}

/** Strips ANSI colour codes (for width computations and tests). */
export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** Printed width of a string: ANSI codes do not count; each code point counts as one column. */
export function displayWidth(text: string): number {
  return Array.from(stripAnsi(text)).length;
}

/** "1 exercise", "3 exercises". */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
