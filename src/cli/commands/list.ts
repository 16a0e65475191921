/**
 * gradlab list <pack-dir> [--json]
 * The pack's exercises in teaching order with title, topics and points.
 * --json: {pack, title, version, exercises:[{id, title, topics, points, checks, learnerFile, dir}]}
 * Exit 0 · 2 usage / invalid pack.
 */
import { displayPath, requirePackDir, stdoutStyle, type CommandContext } from '../context';
import { reportError } from '../errors';
import { EXIT_OK } from '../io';
import { toJson } from '../output/json';
import { renderTable } from '../output/table';
import { plural } from '../output/style';

export interface ListedExercise {
  id: string;
  title: string;
  topics: string[];
  points: number;
  checks: number;
  learnerFile: string;
  /** Exercise folder, relative to the current folder when inside it. */
  dir: string;
}

export async function runList(packDir: string, opts: { json?: boolean }, ctx: CommandContext): Promise<number> {
  try {
    const pack = await ctx.deps.loadPack(requirePackDir(ctx, packDir));
    const exercises: ListedExercise[] = pack.exercises.map((e) => ({
      id: e.manifest.id,
      title: e.manifest.title,
      topics: e.manifest.topics,
      points: e.manifest.checks.reduce((sum, c) => sum + c.points, 0),
      checks: e.manifest.checks.length,
      learnerFile: e.manifest.learnerFile,
      dir: displayPath(ctx, e.dir),
    }));
    if (opts.json) {
      ctx.io.stdout(toJson({ pack: pack.manifest.id, title: pack.manifest.title, version: pack.manifest.version, exercises }));
      return EXIT_OK;
    }
    const style = stdoutStyle(ctx);
    const total = exercises.reduce((sum, e) => sum + e.points, 0);
    ctx.io.stdout(
      `${style.bold(style.text(`${pack.manifest.title} (${pack.manifest.id} ${pack.manifest.version})`))}\n\n` +
        renderTable(
          [{ header: '#', align: 'right' }, { header: 'Exercise' }, { header: 'Title', maxWidth: 50 }, { header: 'Topics', maxWidth: 40 }, { header: 'Points', align: 'right' }],
          exercises.map((e, i) => [String(i + 1), e.id, style.text(e.title), e.topics.join(', '), String(e.points)]),
          { ellipsis: style.ellipsis },
        ) +
        `\n${plural(exercises.length, 'exercise')}, ${total} points\n`,
    );
    return EXIT_OK;
  } catch (error) {
    return reportError(error, ctx, { json: opts.json });
  }
}
