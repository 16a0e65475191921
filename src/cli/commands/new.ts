/**
 * gradlab new pack <dir> [--id ID] [--title T]
 * gradlab new exercise <pack-dir> <id> [--title T]
 * gradlab new types <pack-dir>
 * Scaffolding lives in src/pack (the extension's "New Exercise Pack…" writes the same files); the
 * result validates out of the box (`gradlab validate <dir>`): reference passes, starter fails.
 * Exit 0 created · 2 usage (refuses to overwrite, bad id, not a pack).
 */
import * as path from 'node:path';
import { displayPath, requirePackDir, resolveArg, type CommandContext } from '../context';
import { reportError } from '../errors';
import { EXIT_OK, UsageError } from '../io';

interface Scaffolded {
  dir: string;
  files: string[];
  warnings?: string[];
}

/**
 * Scaffolding refusals (folder exists, bad id, no pack.json) and file-system errors (EACCES…) are
 * the user's to fix: report them as usage errors. Anything else stays an internal error.
 */
function asUsageError(error: unknown): unknown {
  if (error instanceof UsageError || !(error instanceof Error)) return error;
  if (error.name === 'ScaffoldError' || typeof (error as NodeJS.ErrnoException).code === 'string') return new UsageError(error.message);
  return error;
}

async function scaffold(run: () => Promise<unknown>): Promise<Scaffolded | undefined> {
  try {
    const result = await run();
    return result && typeof result === 'object' && 'dir' in result ? (result as Scaffolded) : undefined;
  } catch (error) {
    throw asUsageError(error);
  }
}

function listFiles(ctx: CommandContext, created: Scaffolded | undefined): string {
  return created ? created.files.map((f) => `  ${displayPath(ctx, f)}\n`).join('') : '';
}

export async function runNewPack(dir: string, opts: { id?: string; title?: string }, ctx: CommandContext): Promise<number> {
  try {
    const target = resolveArg(ctx, dir);
    const created = await scaffold(() => ctx.deps.scaffoldPack(target, { id: opts.id, title: opts.title }));
    const shown = displayPath(ctx, created?.dir ?? target);
    ctx.io.stdout(`Created pack in ${shown}:\n${listFiles(ctx, created)}Next:\n  gradlab validate ${shown}\n  gradlab new exercise ${shown} <exercise-id>\n`);
    for (const warning of created?.warnings ?? []) ctx.io.stderr(`gradlab: warning: ${warning}\n`);
    return EXIT_OK;
  } catch (error) {
    return reportError(error, ctx);
  }
}

export async function runNewExercise(packDir: string, id: string, opts: { title?: string }, ctx: CommandContext): Promise<number> {
  try {
    const pack = requirePackDir(ctx, packDir);
    const created = await scaffold(() => ctx.deps.scaffoldExercise(pack, id, { title: opts.title }));
    const shown = displayPath(ctx, created?.dir ?? path.join(pack, id));
    ctx.io.stdout(`Created exercise ${id} in ${shown} (and listed it in pack.json):\n${listFiles(ctx, created)}Next:\n  edit the harness, starter and solution, then: gradlab validate ${displayPath(ctx, pack)}\n`);
    return EXIT_OK;
  } catch (error) {
    return reportError(error, ctx);
  }
}

/** Editor support for a pack that lacks it (cloned: .gradlab/ is git-ignored) or has stale types. */
export async function runNewTypes(packDir: string, ctx: CommandContext): Promise<number> {
  try {
    const pack = requirePackDir(ctx, packDir);
    const created = await scaffold(() => ctx.deps.scaffoldEditorSupport(pack));
    ctx.io.stdout(`Editor support for ${displayPath(ctx, pack)} (completion and type errors for 'gradlab' and 'gradlab/harness'):\n${listFiles(ctx, created)}`);
    for (const warning of created?.warnings ?? []) ctx.io.stderr(`gradlab: warning: ${warning}\n`);
    return EXIT_OK;
  } catch (error) {
    return reportError(error, ctx);
  }
}
