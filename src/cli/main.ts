/**
 * gradlab CLI entry (bundled to dist/cli.js with a shebang). Wires the real process to runCli and
 * guarantees the process never ends with a Node stack trace (unless GRADLAB_DEBUG=1).
 */
import { defaultDeps } from './default-deps';
import { EXIT_USAGE, processIO } from './io';
import { runCli } from './program';

const abort = new AbortController();
let interrupted = false;
process.on('SIGINT', () => {
  // First Ctrl-C: stop the sandboxes and let the command report; second: leave now.
  if (interrupted) process.exit(130);
  interrupted = true;
  abort.abort();
});

runCli(process.argv.slice(2), processIO(), { deps: () => defaultDeps(), signal: abort.signal }).then(
  (code) => {
    process.exitCode = interrupted && code === 0 ? 130 : code;
  },
  (error: unknown) => {
    process.stderr.write(`gradlab: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.GRADLAB_DEBUG === '1' && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = EXIT_USAGE;
  },
);
