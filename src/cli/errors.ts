/**
 * Turning anything a command throws into a message and an exit code, never a Node stack trace
 * (unless GRADLAB_DEBUG=1, for us):
 *   PackLoadError → its problems with file:line, JSON path and fix, exit 2
 *   UsageError    → one line (plus the fix), exit 2
 *   anything else → "internal error" + how to get the stack, exit 2 (no grading verdict was reached,
 *                   so exit 1 — "your code failed" — would be a false claim)
 * With --json the same information goes to stdout as {"error": {...}} so scripts always get JSON.
 */
import type { CommandContext } from './context';
import { displayPath, stderrStyle } from './context';
import { EXIT_USAGE, UsageError } from './io';
import { toJson } from './output/json';
import { formatProblems } from './output/problems';

export function reportError(error: unknown, ctx: CommandContext, opts: { json?: boolean } = {}): number {
  const style = stderrStyle(ctx);
  const debug = ctx.io.env.GRADLAB_DEBUG === '1';
  const problems = ctx.deps.packProblems(error);
  if (problems) {
    const errors = problems.filter((p) => p.severity !== 'warning').length;
    const message = `the pack is invalid (${errors} problem${errors === 1 ? '' : 's'})`;
    if (opts.json) ctx.io.stdout(toJson({ error: { kind: 'invalid-pack', message, problems } }));
    ctx.io.stderr(`gradlab: ${message}\n${formatProblems(problems, style, (file) => displayPath(ctx, file))}`);
  } else if (error instanceof UsageError) {
    if (opts.json) ctx.io.stdout(toJson({ error: { kind: 'usage', message: error.message, fix: error.fix } }));
    ctx.io.stderr(`gradlab: ${style.text(error.message)}\n${error.fix ? style.dim(`  fix: ${style.text(error.fix)}\n`) : ''}`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    if (opts.json) ctx.io.stdout(toJson({ error: { kind: 'internal', message } }));
    ctx.io.stderr(`gradlab: internal error: ${message}\n${debug ? '' : style.dim('  (set GRADLAB_DEBUG=1 to see the stack trace, and please report it)\n')}`);
  }
  if (debug && error instanceof Error && error.stack) ctx.io.stderr(`${error.stack}\n`);
  return EXIT_USAGE;
}
