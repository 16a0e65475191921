// One script builds every entry point GradLab ships. Each target says why it is built the way it is.
//   node esbuild.config.mjs               development build (source maps)
//   node esbuild.config.mjs --production  minified build used by `npm run package`
//   node esbuild.config.mjs --watch       rebuild on change
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
  legalComments: 'none',
  // The "gradlab" module name is what learners import; inside our own bundles it is the engine.
  alias: { gradlab: './src/engine/index.ts' },
  // Prefer packages' ESM builds: jsonc-parser's default UMD entry loads its parts with a dynamic
  // require that esbuild cannot follow ("Cannot find module './impl/format'").
  mainFields: ['module', 'main'],
  plugins: [sucraseCommonJs()],
};

/**
 * `import 'sucrase'` → its CommonJS build. The banned-helper scan deep-imports sucrase's CJS parser
 * (sucrase/dist/parser); with the ESM entry (mainFields) as well, every bundle carried sucrase twice.
 */
function sucraseCommonJs() {
  return {
    name: 'sucrase-commonjs',
    setup(build) {
      build.onResolve({ filter: /^sucrase$/ }, () => ({ path: createRequire(import.meta.url).resolve('sucrase') }));
    },
  };
}

/** @type {import('esbuild').BuildOptions[]} */
const targets = [
  // Extension host: Node/CommonJS, `vscode` is provided by the host at run time.
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js',
    platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  // The `gradlab` CLI (package.json bin). Never imports vscode.
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js',
    platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' } },
  // The sandbox host process forked per check: owns limits, spawns the worker, reports results.
  { ...common, entryPoints: ['src/runner/sandbox/host.ts'], outfile: 'dist/sandbox-host.js',
    platform: 'node', format: 'cjs', target: 'node20' },
  // Code evaluated INSIDE the sandbox's vm context (engine + harness runtime). Platform neutral and
  // self-contained: it must not touch Node APIs, so learner code can never reach them through it.
  { ...common, entryPoints: ['src/runner/sandbox/runtime.ts'], outfile: 'dist/sandbox-runtime.js',
    platform: 'neutral', format: 'iife', globalName: '__gradlabRuntime', target: 'es2022',
    mainFields: ['module', 'main'], sourcemap: false },
  // Webview page: browser IIFE. Vega lives only here (≈ 900 KB), never in the extension host.
  { ...common, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js',
    platform: 'browser', format: 'iife', target: 'es2022' },
  // Benchmark runner (`npm run bench`).
  { ...common, entryPoints: ['bench/run.ts'], outfile: 'dist/bench.js',
    platform: 'node', format: 'cjs', target: 'node20' },
];

if (watch) {
  const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
}
