// Where the offline code-server lives, shared by the installer and every launcher.
// It is a ~280 MB npm package with native modules, so it is installed into a cache folder outside
// git and outside the project's dependencies (see scripts/vscode/setup-code-server.mjs).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** code-server 4.100.3 bundles VS Code 1.100.3; later versions need Node 22/24 (see docs/testing.md). */
export const CODE_SERVER_VERSION = '4.100.3';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Install folder; override with GRADLAB_CODE_SERVER_DIR (e.g. a CI cache shared between clones). */
export function codeServerInstallDir() {
  return path.resolve(process.env.GRADLAB_CODE_SERVER_DIR ?? path.join(REPO_ROOT, '.vscode-test', 'code-server'));
}

export function codeServerPackageDir() {
  return path.join(codeServerInstallDir(), 'node_modules', 'code-server');
}

/** The Node entry point we start code-server with (`node entry.js …`), avoiding its shell wrapper. */
export function codeServerEntry() {
  return path.join(codeServerPackageDir(), 'out', 'node', 'entry.js');
}

/** Written only after a complete, verified install, so a half-finished install is never reused. */
export function installMarkerFile() {
  return path.join(codeServerInstallDir(), '.gradlab-install-complete');
}

/** Returns the installed version when the install is complete and matches, otherwise undefined. */
export function installedCodeServerVersion() {
  try {
    const marker = JSON.parse(fs.readFileSync(installMarkerFile(), 'utf8'));
    const pkg = JSON.parse(fs.readFileSync(path.join(codeServerPackageDir(), 'package.json'), 'utf8'));
    if (marker.version !== pkg.version || !fs.existsSync(codeServerEntry())) return undefined;
    return pkg.version;
  } catch {
    return undefined;
  }
}

/** Chromium used by playwright-core; Debian's package by default, override with GRADLAB_CHROMIUM. */
export function chromiumExecutable() {
  return process.env.GRADLAB_CHROMIUM ?? '/usr/bin/chromium';
}

/** Throws a human-readable error when code-server is not installed (the launchers call this first). */
export function requireCodeServer() {
  const version = installedCodeServerVersion();
  if (version !== CODE_SERVER_VERSION) {
    throw new Error(
      `code-server ${CODE_SERVER_VERSION} is not installed in ${codeServerInstallDir()}` +
        (version ? ` (found ${version})` : '') +
        '.\nInstall it (offline, ~1 min) with: npm run setup:code-server',
    );
  }
  return codeServerEntry();
}
