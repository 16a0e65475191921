// Spawning user-facing commands (npm, code) from scripts/start.mjs so that it works on Windows too.
// Plain Node ESM (start.mjs runs before any build); types in win-spawn.d.mts; tested in
// test/unit/crossplatform/win-spawn.test.ts.

/**
 * An argument as cmd.exe must see it. On Windows `npm` and `code` are .cmd shims, which Node (since the
 * April 2024 security releases) only starts through a shell, and a shell joins arguments unquoted: a
 * home folder like "C:\Users\Ana Lopez" or node in "C:\Program Files" would be split at the space.
 * Inside double quotes cmd.exe still expands %VAR% and cannot hold a ", so those are refused. Trailing
 * backslashes are doubled: the program's argv parser (CommandLineToArgvW rules) would read `\"` as a
 * literal quote, so "D:\My Course\" would swallow the rest of the line.
 */
export function quoteForCmd(arg) {
  if (/^[A-Za-z0-9_\-.:\\/=@+,]+$/.test(arg)) return arg;
  if (/["%\r\n]/.test(arg)) {
    throw new Error(`Cannot pass ${JSON.stringify(arg)} through cmd.exe (it holds " or % or a line break). Set GRADLAB_COURSE_DIR to a folder without them, or move the clone.`);
  }
  return `"${arg.replace(/(\\+)$/, '$1$1')}"`;
}

/** How to spawn `cmd args` on `platform`: node itself directly; other commands through cmd.exe on Windows. */
export function spawnPlan(cmd, args, platform = process.platform, nodePath = process.execPath) {
  if (platform !== 'win32' || cmd === nodePath) return { file: cmd, args, shell: false };
  // One quoted command line: passing args separately with shell: true joins them unquoted (and is deprecated).
  return { file: [cmd, ...args].map(quoteForCmd).join(' '), args: [], shell: true };
}
