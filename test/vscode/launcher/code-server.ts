// Starts and stops one code-server (VS Code 1.100.3 in the browser) for a test run.
// Shared by the integration launcher (test/vscode/run-web.ts) and the browser E2E (test/e2e).
//
// Everything it writes lives under one temp folder: user data, extensions, config, logs. The
// process runs in its own process group so stop() also ends the extension host, pty host and
// file watchers it forks: a hung VS Code must never outlive the test run.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { requireCodeServer } from '../../../scripts/vscode/code-server-paths.mjs';

export interface CodeServerOptions {
  /** Folder that holds user-data/, extensions/, config/, code-server.log. Created if missing. */
  stateDir: string;
  /** Folder opened as the workspace (`?folder=`). */
  workspaceDir: string;
  /** Workspace Trust stays on only for tests about trust; everything else disables it. */
  workspaceTrust?: boolean;
  /** Extra environment for code-server and (inherited) its extension host. */
  env?: NodeJS.ProcessEnv;
  /** How long to wait for /healthz before giving up. */
  startTimeoutMs?: number;
  /** Merged over QUIET_TEST_SETTINGS into the fresh profile's User/settings.json. */
  userSettings?: Record<string, unknown>;
}

/**
 * A quiet, deterministic workbench: no welcome page, no marketplace update checks against a
 * network that does not exist, no "what's new" notifications covering the UI in screenshots.
 */
export const QUIET_TEST_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'git.enabled': false,
};

export interface CodeServer {
  readonly port: number;
  /** http://127.0.0.1:PORT — a secure context, which webviews require. */
  readonly origin: string;
  readonly workspaceDir: string;
  readonly extensionsDir: string;
  readonly logFile: string;
  /** `?folder=` URL of the workbench, optionally with a payload (see payloadUrl). */
  workbenchUrl(payload?: Array<[string, string]>): string;
  /** vscode-remote://127.0.0.1:PORT/abs/path — how the browser workbench names files on the server. */
  remoteUri(absolutePath: string): string;
  /** Last lines of code-server's output, for error messages. */
  recentOutput(lines?: number): string;
  /** Graceful stop of the whole process group (SIGTERM, then SIGKILL). */
  stop(): Promise<void>;
  /** Immediate SIGKILL of the whole process group, for last-resort timeouts. */
  killNow(): void;
}

const LOCALHOST = '127.0.0.1';

/** Flags every code-server start needs; the directories keep the run away from ~/.local and ~/.config. */
function commonArgs(stateDir: string): string[] {
  return [
    '--user-data-dir', path.join(stateDir, 'user-data'),
    '--extensions-dir', path.join(stateDir, 'extensions'),
    // Without --config, code-server writes ~/.config/code-server/config.yaml on every start.
    '--config', path.join(stateDir, 'config', 'config.yaml'),
    '--disable-telemetry',
    '--disable-update-check',
  ];
}

/** XDG folders under stateDir so nothing lands in the real home directory. */
function isolatedEnv(stateDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    XDG_CONFIG_HOME: path.join(stateDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(stateDir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(stateDir, 'xdg-cache'),
    ...extra,
  };
}

/** Installs a VSIX into stateDir's extensions folder (offline; code-server's own CLI). */
export function installVsix(stateDir: string, vsixPath: string): void {
  const entry = requireCodeServer();
  const result = spawnSync(process.execPath, [entry, ...commonArgs(stateDir), '--install-extension', vsixPath], {
    encoding: 'utf8',
    env: isolatedEnv(stateDir),
    timeout: 120_000,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(
      `code-server --install-extension ${vsixPath} failed (status ${result.status ?? result.signal}):\n${output.trim()}`,
    );
  }
}

/** Asks the OS for a free port. A race with another process is possible; start() retries once. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, LOCALHOST, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 2_000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Ends the whole process group: SIGTERM, then SIGKILL after a grace period. */
async function killGroup(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // group already gone
    }
  };
  signalGroup('SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), sleep(graceMs).then(() => true)]);
  // Even after the main process exits, forked helpers may linger in the group: always finish with SIGKILL.
  signalGroup('SIGKILL');
  if (timedOut) await Promise.race([exited, sleep(2_000)]);
}

async function startOnce(options: CodeServerOptions, port: number): Promise<CodeServer> {
  const entry = requireCodeServer();
  const { stateDir, workspaceDir } = options;
  fs.mkdirSync(workspaceDir, { recursive: true });
  fs.mkdirSync(path.join(stateDir, 'config'), { recursive: true });
  const settingsFile = path.join(stateDir, 'user-data', 'User', 'settings.json');
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  fs.writeFileSync(settingsFile, JSON.stringify({ ...QUIET_TEST_SETTINGS, ...options.userSettings }, null, 2));
  const logFile = path.join(stateDir, `code-server-${port}.log`);
  const logStream = fs.createWriteStream(logFile);
  const recent: string[] = [];
  const remember = (chunk: Buffer) => {
    logStream.write(chunk);
    recent.push(...chunk.toString('utf8').split('\n').filter((line) => line.trim() !== ''));
    if (recent.length > 200) recent.splice(0, recent.length - 200);
  };

  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', `${LOCALHOST}:${port}`,
    ...commonArgs(stateDir),
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    workspaceDir,
  ];
  const child = spawn(process.execPath, args, {
    env: isolatedEnv(stateDir, options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group, so killGroup reaches the extension host too
  });
  child.stdout!.on('data', remember);
  child.stderr!.on('data', remember);
  let exitNote: string | undefined;
  child.once('exit', (code, signal) => {
    exitNote = `code-server exited (${signal ?? `code ${code}`})`;
    logStream.end();
  });

  const origin = `http://${LOCALHOST}:${port}`;
  const recentOutput = (lines = 40) => recent.slice(-lines).join('\n');
  const stop = () => killGroup(child);

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (exitNote) throw new CodeServerStartError(`${exitNote} before it was ready; output:\n${recentOutput()}`, port);
    if ((await httpStatus(`${origin}/healthz`)) === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new CodeServerStartError(
        `code-server did not answer ${origin}/healthz within ${options.startTimeoutMs ?? 60_000} ms; output:\n${recentOutput()}`,
        port,
      );
    }
    await sleep(250);
  }

  return {
    port,
    origin,
    workspaceDir,
    extensionsDir: path.join(stateDir, 'extensions'),
    logFile,
    recentOutput,
    stop,
    killNow: () => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    },
    remoteUri: (absolutePath) => `vscode-remote://${LOCALHOST}:${port}${absolutePath}`,
    workbenchUrl(payload) {
      const query = [`folder=${encodeURIComponent(workspaceDir)}`];
      if (payload) query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
      return `${origin}/?${query.join('&')}`;
    },
  };
}

class CodeServerStartError extends Error {
  constructor(
    message: string,
    readonly port: number,
  ) {
    super(message);
  }
}

/** Starts code-server on a free 127.0.0.1 port and waits until it answers /healthz. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  try {
    return await startOnce(options, await freePort());
  } catch (err) {
    // The only retry: another process grabbed the port between freePort() and code-server's bind.
    if (err instanceof CodeServerStartError && /EADDRINUSE/.test(err.message)) {
      return startOnce(options, await freePort());
    }
    throw err;
  }
}
