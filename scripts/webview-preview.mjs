#!/usr/bin/env node
// Look at the exercise webview for real, without VS Code.
//
//   node scripts/webview-preview.mjs [--exercise DIR] [--file LEARNER.ts] [--result R.json]
//                                    [--out DIR] [--theme light|dark|hc|all]
//                                    [--open-tables] [--sections] [--hide-reference] [--no-screenshot]
//
// Builds src/webview/main.ts (same options as esbuild.config.mjs), renders the README with the host's
// renderInstructions, gets a GradeResult (from --result, else `node dist/cli.js check DIR --json`),
// serves a page with the panel's exact CSP from 127.0.0.1 (a fake acquireVsCodeApi answers the page
// like the host would), and screenshots it with playwright-core + Chromium per theme (CHROMIUM, else
// GRADLAB_CHROMIUM, else /usr/bin/chromium).
// CSP violations and page errors are printed and make the script exit 1.
// Default output: test-results/webview-preview/{light,dark,hc}.png and preview-*.html.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, copyFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromiumExecutable } from './vscode/code-server-paths.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const flag = (name) => process.argv.includes(`--${name}`);

const exerciseDir = resolve(root, arg('exercise', 'examples/minimal-pack/sigmoid-grad'));
const outDir = resolve(root, arg('out', 'test-results/webview-preview'));
const themeArg = arg('theme', 'all');
mkdirSync(join(outDir, 'dist'), { recursive: true });
mkdirSync(join(outDir, 'media'), { recursive: true });

// 1. The page bundle and stylesheet, exactly as shipped.
await esbuild.build({
  entryPoints: [join(root, 'src/webview/main.ts')], outfile: join(outDir, 'dist/webview.js'),
  bundle: true, platform: 'browser', format: 'iife', target: 'es2022', minify: true,
  mainFields: ['module', 'main'], logLevel: 'warning', legalComments: 'none',
});
copyFileSync(join(root, 'media/webview.css'), join(outDir, 'media/webview.css'));

// 2. Host-side pieces (markdown + HTML shell) compiled on the fly: they are TypeScript.
const hostBundle = join(mkdtempSync(join(tmpdir(), 'gradlab-preview-')), 'host.cjs');
await esbuild.build({
  stdin: {
    contents: "export { renderInstructions } from './src/extension/panel/markdown'; export { webviewHtml, createNonce } from './src/extension/panel/html';",
    resolveDir: root, loader: 'ts',
  },
  outfile: hostBundle, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning',
});
const { renderInstructions, webviewHtml, createNonce } = require(hostBundle);
rmSync(dirname(hostBundle), { recursive: true, force: true });

// 3. A GradeResult and the exercise view.
let result;
if (arg('result')) {
  result = JSON.parse(readFileSync(resolve(root, arg('result')), 'utf8'));
} else {
  const cliArgs = [join(root, 'dist/cli.js'), 'check', exerciseDir, '--json'];
  if (arg('file')) cliArgs.push('--file', resolve(root, arg('file')));
  const run = spawnSync(process.execPath, cliArgs, { encoding: 'utf8' });
  if (!run.stdout.trim()) throw new Error(`gradlab check printed nothing (exit ${run.status}); run \`npm run build\` first.\n${run.stderr}`);
  result = JSON.parse(run.stdout);
}
const manifest = JSON.parse(readFileSync(join(exerciseDir, 'exercise.json'), 'utf8'));
const readmePath = join(exerciseDir, manifest.files?.readme ?? 'README.md');
const readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : `# ${manifest.title}`;
const hints = (manifest.hints ?? []).map((h) => (typeof h === 'string' ? h : h.text ?? JSON.stringify(h)));
const view = {
  exerciseId: manifest.id,
  title: manifest.title,
  subtitle: 'Preview · ' + (manifest.topics ?? []).join(', '),
  instructionsHtml: renderInstructions(readme, {}),
  hints: hints.slice(0, 1),
  hintsTotal: hints.length,
  progress: { solved: result.passed, bestScore: result.score, maxScore: result.maxScore, attempts: 3, positionLabel: 'Exercise 1 of 1' },
  trusted: true,
  solutionAvailable: true,
  fileName: manifest.learnerFile,
};

// 4. VS Code's theme variables (a subset of Default Light+/Dark+/High Contrast) on <html>, as VS Code sets them.
const THEMES = {
  light: { bodyClass: 'vscode-light', vars: {
    'foreground': '#616161', 'editor-foreground': '#3b3b3b', 'editor-background': '#ffffff', 'descriptionForeground': '#717171',
    'focusBorder': '#005fb8', 'button-background': '#005fb8', 'button-foreground': '#ffffff', 'button-hoverBackground': '#0258a8',
    'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b', 'button-secondaryHoverBackground': '#cccccc',
    'panel-border': '#e5e5e5', 'textLink-foreground': '#005fb8', 'textLink-activeForeground': '#005fb8',
    'textCodeBlock-background': '#f8f8f8', 'textBlockQuote-background': '#f8f8f8', 'textBlockQuote-border': '#0000001a',
    'testing-iconPassed': '#388a34', 'testing-iconFailed': '#f14c4c', 'editorWarning-foreground': '#bf8803',
    'inputValidation-errorBackground': '#f2dede', 'inputValidation-warningBackground': '#f6f5d2',
    'badge-background': '#cccccc', 'badge-foreground': '#3b3b3b', 'list-hoverBackground': '#f2f2f2',
    'charts-foreground': '#616161', 'charts-lines': '#61616180', 'charts-red': '#e51400', 'charts-blue': '#1a85ff',
    'charts-yellow': '#bf8803', 'charts-orange': '#d18616', 'charts-green': '#388a34', 'charts-purple': '#652d90',
    'editorHoverWidget-background': '#f8f8f8', 'editorHoverWidget-foreground': '#3b3b3b', 'editorHoverWidget-border': '#c8c8c8',
  } },
  dark: { bodyClass: 'vscode-dark', vars: {
    'foreground': '#cccccc', 'editor-foreground': '#cccccc', 'editor-background': '#1f1f1f', 'descriptionForeground': '#9d9d9d',
    'focusBorder': '#0078d4', 'button-background': '#0078d4', 'button-foreground': '#ffffff', 'button-hoverBackground': '#026ec1',
    'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc', 'button-secondaryHoverBackground': '#3c3c3c',
    'panel-border': '#2b2b2b', 'textLink-foreground': '#4daafc', 'textLink-activeForeground': '#4daafc',
    'textCodeBlock-background': '#2b2b2b', 'textBlockQuote-background': '#2b2b2b', 'textBlockQuote-border': '#616161',
    'testing-iconPassed': '#73c991', 'testing-iconFailed': '#f14c4c', 'editorWarning-foreground': '#cca700',
    'inputValidation-errorBackground': '#5a1d1d', 'inputValidation-warningBackground': '#352a05',
    'badge-background': '#616161', 'badge-foreground': '#f8f8f8', 'list-hoverBackground': '#2a2d2e',
    'charts-foreground': '#cccccc', 'charts-lines': '#cccccc80', 'charts-red': '#f14c4c', 'charts-blue': '#3794ff',
    'charts-yellow': '#cca700', 'charts-orange': '#d18616', 'charts-green': '#89d185', 'charts-purple': '#b180d7',
    'editorHoverWidget-background': '#202020', 'editorHoverWidget-foreground': '#cccccc', 'editorHoverWidget-border': '#454545',
  } },
  hc: { bodyClass: 'vscode-high-contrast', vars: {
    'foreground': '#ffffff', 'editor-foreground': '#ffffff', 'editor-background': '#000000', 'descriptionForeground': '#ffffff',
    'focusBorder': '#f38518', 'contrastBorder': '#6fc3df', 'contrastActiveBorder': '#f38518',
    'button-background': '#000000', 'button-foreground': '#ffffff', 'button-border': '#6fc3df',
    'button-secondaryBackground': '#000000', 'button-secondaryForeground': '#ffffff',
    'panel-border': '#6fc3df', 'textLink-foreground': '#21a6ff', 'textCodeBlock-background': '#000000',
    'testing-iconPassed': '#73c991', 'testing-iconFailed': '#f14c4c', 'editorWarning-foreground': '#fff560',
    'inputValidation-errorBackground': '#000000', 'inputValidation-warningBackground': '#000000',
    'badge-background': '#000000', 'badge-foreground': '#ffffff',
    'charts-foreground': '#ffffff', 'charts-lines': '#ffffff', 'charts-red': '#f14c4c', 'charts-blue': '#3794ff',
    'charts-yellow': '#ffd700', 'charts-orange': '#d18616', 'charts-green': '#89d185', 'charts-purple': '#b180d7',
  } },
};
const FONT = { 'font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif', 'font-size': '13px', 'editor-font-family': '"Droid Sans Mono", monospace', 'editor-font-size': '13px' };

function themeCss(theme) {
  const vars = { ...FONT, ...theme.vars };
  return `html {\n${Object.entries(vars).map(([k, v]) => `  --vscode-${k}: ${v};`).join('\n')}\n}\n`;
}

// 5. Serve the pages. The fake VS Code API answers like ExercisePanel does: 'ready' → exercise + result.
const server = createServer((req, res) => {
  const path = join(outDir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (req.url === '/favicon.ico') { res.writeHead(204); res.end(); return; } // browsers ask; webviews never do
  if (!path.startsWith(outDir) || !existsSync(path)) { res.writeHead(404); res.end(); return; }
  const type = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png' }[extname(path)] ?? 'application/octet-stream';
  res.writeHead(200, { 'content-type': `${type}; charset=utf-8` });
  res.end(readFileSync(path));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;

function pageFor(themeName) {
  const nonce = createNonce();
  writeFileSync(join(outDir, `media/theme-${themeName}.css`), themeCss(THEMES[themeName]));
  let html = webviewHtml({
    cspSource: origin, nonce, title: 'GradLab preview',
    scriptUri: `${origin}/dist/webview.js`,
    styleUris: [`${origin}/media/theme-${themeName}.css`, `${origin}/media/webview.css`],
  });
  const messages = [
    { protocol: 1, type: 'exercise', view },
    { protocol: 1, type: 'result', result, referenceShown: !flag('hide-reference') },
  ];
  // The fake API lives in its own nonce'd script before the bundle, like VS Code's preloaded one.
  const fake = `<script nonce="${nonce}">
    window.__posted = [];
    window.__state = undefined;
    const hints = ${JSON.stringify(hints)};
    let shown = ${view.hints.length};
    const send = (m) => window.postMessage(m, '*');
    window.acquireVsCodeApi = () => ({
      postMessage(m) {
        window.__posted.push(m);
        if (m.type === 'ready') ${JSON.stringify(messages)}.forEach(send);
        if (m.type === 'nextHint' && shown < hints.length) { shown++; send({ protocol: 1, type: 'hints', hints: hints.slice(0, shown), total: hints.length }); }
        if (m.type === 'checkRequested') send({ protocol: 1, type: 'running' });
      },
      getState() { return window.__state; },
      setState(s) { window.__state = s; },
    });
  </script>\n`;
  html = html.replace('<body>', `<body class="${THEMES[themeName].bodyClass}" data-vscode-theme-kind="${THEMES[themeName].bodyClass}">`);
  html = html.replace('  <script nonce', `  ${fake}  <script nonce`);
  const file = `preview-${themeName}.html`;
  writeFileSync(join(outDir, file), html);
  return `${origin}/${file}`;
}

const themes = themeArg === 'all' ? Object.keys(THEMES) : [themeArg];
const urls = Object.fromEntries(themes.map((t) => [t, pageFor(t)]));
let problems = 0;

if (flag('no-screenshot')) {
  console.log(`Serving ${Object.values(urls).join(' ')} (Ctrl+C to stop)`);
} else {
  const { chromium } = await import('playwright-core');
  const userDataDir = mkdtempSync(join(tmpdir(), 'gradlab-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? chromiumExecutable(),
    headless: true,
    viewport: { width: 720, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    env: { ...process.env, XDG_CONFIG_HOME: join(userDataDir, 'config'), XDG_CACHE_HOME: join(userDataDir, 'cache') },
  });
  try {
    for (const [themeName, url] of Object.entries(urls)) {
      const page = await context.newPage();
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') { console.log(`[${themeName}] console.${m.type()}: ${m.text()}`); if (m.type() === 'error') problems++; } });
      page.on('pageerror', (e) => { console.log(`[${themeName}] page error: ${e.message}`); problems++; });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
      });
      await page.goto(url);
      await page.waitForFunction(() => {
        const figures = [...document.querySelectorAll('[data-testid="chart"]')];
        return figures.every((f) => f.getAttribute('data-rendered') !== 'false') && document.querySelector('[data-testid="exercise-title"]');
      }, null, { timeout: 20000 });
      if (flag('open-tables')) {
        for (const t of await page.locator('[data-testid="chart-table-toggle"]').all()) await t.click();
      }
      const shot = join(outDir, `${themeName}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      if (flag('sections')) {
        // One image per visible section: long pages shrink too much to read in one full-page shot.
        for (const id of ['header', 'error', 'results', 'hints', 'charts', 'console', 'instructions']) {
          const section = page.locator(`#${id}`);
          if (await section.isVisible()) await section.screenshot({ path: join(outDir, `${themeName}-${id}.png`) });
        }
      }
      // Interaction smoke check: the next-hint button reveals one more hint in place, keyboard only.
      const hintsBefore = await page.locator('[data-testid="hint"]').count();
      if (await page.locator('[data-testid="next-hint"]').count()) {
        await page.locator('[data-testid="next-hint"]').focus();
        await page.keyboard.press('Enter');
        await page.waitForFunction((n) => document.querySelectorAll('[data-testid="hint"]').length === n + 1, hintsBefore, { timeout: 5000 })
          .catch(() => { console.log(`[${themeName}] next-hint did not reveal a hint`); problems++; });
        const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);
        if (focused !== 'next-hint' && focused !== 'LI') { console.log(`[${themeName}] focus lost after next hint (now on ${focused})`); problems++; }
      }
      const posted = await page.evaluate(() => window.__posted.map((m) => m.type));
      console.log(`[${themeName}] ${shot} (page posted: ${posted.join(', ')})`);
      await page.close();
    }
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
    server.close();
  }
}
if (problems) { console.error(`${problems} console error(s), page error(s) or CSP violation(s)`); process.exit(1); }
