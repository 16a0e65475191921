#!/usr/bin/env node
// Installs code-server (a real VS Code 1.100.3 served to a browser) for the offline VS Code tests.
//
//   node scripts/vscode/setup-code-server.mjs [--force]      (npm run setup:code-server)
//
// Idempotent: does nothing when the pinned version is already completely installed.
// Why not a devDependency: ~280 MB with native modules (node-pty, kerberos, …) that every
// `npm ci` would rebuild; only the VS Code test layers need it. It lives in .vscode-test/ (gitignored)
// or in GRADLAB_CODE_SERVER_DIR.
//
// Offline recipe (checked on Debian 12 + Node 20, /work/shared/reference/vscode.md):
// - npm_config_unsafe_perm=true: code-server's postinstall refuses to run as root otherwise (CI is root).
//   npm 11 warns "Unknown env config unsafe-perm": expected; the postinstall reads the variable itself.
// - npm_config_yes=true: node-pty's install runs `npx node-gyp`, which would otherwise prompt / refuse.
// - @vscode/ripgrep downloads rg from GitHub in its postinstall; we seed its download cache with
//   Debian's /usr/bin/rg so it never touches the network.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CODE_SERVER_VERSION,
  chromiumExecutable,
  codeServerEntry,
  codeServerInstallDir,
  codeServerPackageDir,
  installMarkerFile,
  installedCodeServerVersion,
} from './code-server-paths.mjs';

// The @vscode/ripgrep version code-server 4.100.3 depends on, and the rg release it asks for.
// If code-server's pin changes, the postinstall error names the file it wanted: update these two.
const VSCODE_RIPGREP_VERSION = '1.15.11';
const RIPGREP_RELEASE = 'v13.0.0-10';
const INSTALL_TIMEOUT_MS = 15 * 60_000;

const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const log = (msg) => console.log(`[setup:code-server] ${msg}`);

class SetupError extends Error {}

function findOnPath(names) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  return undefined;
}

/**
 * Every missing tool is reported at once, with the apt package that provides it. Chromium is needed
 * to run the tests at all; the build tools only when an install is actually going to happen.
 */
function checkPrerequisites({ installing }) {
  const missing = [];
  const rg = findOnPath(['rg']);
  if (!fs.existsSync(chromiumExecutable()))
    missing.push([`Chromium (${chromiumExecutable()}; or set GRADLAB_CHROMIUM)`, 'chromium', 'drives the VS Code web UI']);
  if (!installing) return reportMissing(missing, rg);
  if (!rg) missing.push(['ripgrep (rg)', 'ripgrep', 'code-server search; seeds @vscode/ripgrep offline']);
  if (!findOnPath(['g++', 'c++'])) missing.push(['a C++ compiler (g++)', 'g++', "builds code-server's native modules"]);
  if (!findOnPath(['make'])) missing.push(['make', 'make', 'node-gyp builds']);
  if (!findOnPath(['python3'])) missing.push(['python3', 'python3', 'node-gyp builds']);
  if (!fs.existsSync('/usr/include/gssapi/gssapi.h') && !findOnPath(['krb5-config']))
    missing.push(['Kerberos headers (gssapi/gssapi.h)', 'libkrb5-dev', "builds code-server's kerberos module"]);
  if (!findOnPath(['tar'])) missing.push(['tar', 'tar', 'packs rg into the @vscode/ripgrep cache']);
  return reportMissing(missing, rg);
}

function reportMissing(missing, rg) {
  if (missing.length > 0) {
    const lines = missing.map(([what, , why]) => `  - ${what}: ${why}`);
    const packages = [...new Set(missing.map(([, pkg]) => pkg))].join(' ');
    throw new SetupError(
      `missing prerequisites:\n${lines.join('\n')}\ninstall with: apt-get install -y --no-install-recommends ${packages}`,
    );
  }
  return { rg };
}

function ripgrepTarget() {
  // Mirrors @vscode/ripgrep's postinstall choice of release asset on Linux.
  if (process.platform !== 'linux') throw new SetupError(`offline setup supports Linux only (this is ${process.platform})`);
  if (process.arch === 'x64') return 'x86_64-unknown-linux-musl';
  if (process.arch === 'arm64') return 'aarch64-unknown-linux-musl';
  throw new SetupError(`no known @vscode/ripgrep asset for architecture ${process.arch}`);
}

/** Puts Debian's rg where @vscode/ripgrep's postinstall looks before downloading. */
function seedRipgrepCache(rg) {
  const cacheDir = path.join(os.tmpdir(), `vscode-ripgrep-cache-${VSCODE_RIPGREP_VERSION}`);
  const archive = path.join(cacheDir, `ripgrep-${RIPGREP_RELEASE}-${ripgrepTarget()}.tar.gz`);
  fs.mkdirSync(cacheDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'gradlab-rg-'));
  try {
    // The archive must hold the single file `rg` at its root (that is what the postinstall extracts).
    fs.copyFileSync(fs.realpathSync(rg), path.join(staging, 'rg'));
    fs.chmodSync(path.join(staging, 'rg'), 0o755);
    const tar = spawnSync('tar', ['-czf', archive, '-C', staging, 'rg'], { encoding: 'utf8' });
    if (tar.status !== 0) throw new SetupError(`could not write ${archive}: ${tar.stderr || tar.error}`);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  log(`seeded @vscode/ripgrep cache with ${rg} → ${archive}`);
}

function runNpmInstall(installDir) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const args = ['install', `code-server@${CODE_SERVER_VERSION}`, '--no-save', '--no-audit', '--no-fund', '--loglevel=warn'];
  log(`npm ${args.join(' ')}   (in ${installDir}; builds native modules, ~1-2 min)`);
  return new Promise((resolve, reject) => {
    const child = spawn(npm, args, {
      cwd: installDir,
      stdio: 'inherit',
      env: {
        ...process.env,
        npm_config_unsafe_perm: 'true',
        npm_config_yes: 'true',
        npm_config_update_notifier: 'false',
      },
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new SetupError(`npm install did not finish within ${INSTALL_TIMEOUT_MS / 60_000} min (no registry access?)`));
    }, INSTALL_TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new SetupError(`could not start npm: ${err.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else
        reject(
          new SetupError(
            `npm install code-server@${CODE_SERVER_VERSION} failed (${signal ?? `exit ${code}`}); see the npm output above.\n` +
              'Common causes: no access to the npm registry; a missing compiler or libkrb5-dev; ' +
              'a @vscode/ripgrep pin other than ' +
              `${VSCODE_RIPGREP_VERSION} (update VSCODE_RIPGREP_VERSION / RIPGREP_RELEASE in this script).`,
          ),
        );
    });
  });
}

/** Native pieces that only exist when the install scripts really ran (npm may skip them silently). */
function verifyInstallScriptsRan() {
  const vscodeModules = path.join(codeServerPackageDir(), 'lib', 'vscode', 'node_modules');
  const expected = [
    path.join(vscodeModules, 'node-pty', 'build', 'Release', 'pty.node'),
    path.join(vscodeModules, '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
    path.join(vscodeModules, '@vscode', 'ripgrep', 'bin', 'rg'),
  ];
  const missing = expected.filter((file) => !fs.existsSync(file));
  if (missing.length > 0) {
    throw new SetupError(
      `code-server's install scripts did not run or failed; missing:\n  ${missing.join('\n  ')}\n` +
        'If npm reported "install scripts not yet covered by allowScripts", your npm blocks dependency ' +
        'scripts: rerun with npm_config_dangerously_allow_all_scripts=true, or approve code-server and argon2.',
    );
  }
}

/** Asks the installed code-server for its version: proves the entry point and its modules load. */
function verifyInstall() {
  verifyInstallScriptsRan();
  // A throwaway XDG home: code-server writes a default config.yaml on every start otherwise into ~/.config.
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gradlab-cs-version-'));
  try {
    const result = spawnSync(process.execPath, [codeServerEntry(), '--version'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_DATA_HOME: path.join(home, 'data') },
    });
    // Output: optional log lines, then "4.100.3 <commit> with Code 1.100.3".
    const versionLine = (result.stdout ?? '').split('\n').find((line) => line.startsWith(`${CODE_SERVER_VERSION} `));
    if (result.status !== 0 || !versionLine) {
      throw new SetupError(
        `installed code-server does not start: \`node ${codeServerEntry()} --version\` → ` +
          `status ${result.status}, stdout "${(result.stdout ?? '').trim().slice(0, 500)}", ` +
          `stderr "${(result.stderr ?? '').trim().slice(0, 500)}"`,
      );
    }
    return versionLine.trim();
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

async function main() {
  const force = process.argv.includes('--force');
  const installDir = codeServerInstallDir();
  if (!force && installedCodeServerVersion() === CODE_SERVER_VERSION) {
    checkPrerequisites({ installing: false });
    log(`code-server ${CODE_SERVER_VERSION} already installed in ${installDir} (${seconds()}); --force reinstalls`);
    return;
  }
  const { rg } = checkPrerequisites({ installing: true });

  fs.mkdirSync(installDir, { recursive: true });
  fs.rmSync(installMarkerFile(), { force: true });
  const manifest = path.join(installDir, 'package.json');
  // npm ≥ 11.x asks for install-script approval (allowScripts). code-server's postinstall builds VS Code's
  // native modules (node-pty, spdlog, kerberos, …) and argon2 fetches/builds its binding: both are needed.
  fs.writeFileSync(
    manifest,
    JSON.stringify(
      {
        name: 'gradlab-code-server-cache',
        private: true,
        description: 'Written by scripts/vscode/setup-code-server.mjs; not part of GradLab.',
        allowScripts: { 'code-server': true, argon2: true },
      },
      null,
      2,
    ) + '\n',
  );
  seedRipgrepCache(rg);
  await runNpmInstall(installDir);
  const version = verifyInstall();
  fs.writeFileSync(installMarkerFile(), JSON.stringify({ version: CODE_SERVER_VERSION, installedAt: new Date().toISOString() }) + '\n');
  log(`installed code-server ${version} in ${installDir} in ${seconds()}`);
}

main().catch((err) => {
  if (err instanceof SetupError) console.error(`[setup:code-server] error: ${err.message}`);
  else console.error(err);
  console.error(`[setup:code-server] failed after ${seconds()}`);
  process.exit(1);
});
