/**
 * What every command receives: the IO, the layers it glues (deps), and helpers shared by all
 * commands (styles per stream, path display).
 */
import * as path from 'node:path';
import type { CliDeps } from './deps';
import { isDirectory, isFile } from './fs-util';
import { UsageError, type CliIO } from './io';
import { styleFor, type Style } from './output/style';

export interface CommandContext {
  io: CliIO;
  deps: CliDeps;
  /** false when --no-color was given. */
  colorFlag: boolean;
  /** Aborted on Ctrl-C: running sandboxes are stopped. */
  signal?: AbortSignal;
}

export function stdoutStyle(ctx: CommandContext): Style {
  return styleFor(ctx.io, { stream: 'stdout', colorFlag: ctx.colorFlag });
}

export function stderrStyle(ctx: CommandContext): Style {
  return styleFor(ctx.io, { stream: 'stderr', colorFlag: ctx.colorFlag });
}

/** Resolves a command-line path against the CLI's working directory. */
export function resolveArg(ctx: CommandContext, p: string): string {
  return path.resolve(ctx.io.cwd, p);
}

/** A path as the user should read it: relative to the cwd when it is inside it, else absolute. */
export function displayPath(ctx: CommandContext, absolute: string): string {
  const rel = path.relative(ctx.io.cwd, absolute);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? absolute : rel;
}

/** A pack folder argument, resolved and checked: a usage error (exit 2) that says which folder to give otherwise. */
export function requirePackDir(ctx: CommandContext, packDir: string): string {
  const dir = resolveArg(ctx, packDir);
  if (!isDirectory(dir)) throw new UsageError(`${packDir}: no such folder`, 'give the folder that contains pack.json');
  if (!isFile(path.join(dir, 'pack.json'))) {
    const hint = isFile(path.join(dir, 'exercise.json')) ? 'this is an exercise folder; give its pack folder (the one with pack.json)' : 'give the folder that contains pack.json (create one with `gradlab new pack <dir>`)';
    throw new UsageError(`${packDir}: no pack.json in this folder`, hint);
  }
  return dir;
}
