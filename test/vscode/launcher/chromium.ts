// Launches Debian's Chromium through playwright-core (no browser download: playwright-core ships none).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { chromiumExecutable } from '../../../scripts/vscode/code-server-paths.mjs';

/**
 * Flags checked on these machines (/work/shared/reference/vscode.md). The networking flags matter:
 * without them Chromium floods the closed network with update/sync/QUIC requests. Playwright's
 * launch() already uses a fresh temporary profile (--user-data-dir) and adds --headless.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumExecutable();
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}.\n` +
        'Install it with: apt-get install -y chromium   (or point GRADLAB_CHROMIUM at another Chromium/Chrome binary)',
    );
  }
  // Even with a temporary profile, Chromium creates $XDG_CONFIG_HOME/chromium/Crash Reports: point the
  // XDG folders at a throwaway directory, removed when the browser goes away.
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gradlab-chromium-'));
  const browser = await chromium
    .launch({
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 60_000,
      env: { ...process.env, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache') },
    })
    .catch((err: unknown) => {
      fs.rmSync(home, { recursive: true, force: true });
      throw err;
    });
  browser.on('disconnected', () => fs.rmSync(home, { recursive: true, force: true }));
  return browser;
}
