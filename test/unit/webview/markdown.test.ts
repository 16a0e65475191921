/** README → HTML in the host (src/extension/panel/markdown.ts): safe to insert into the webview. */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as esbuild from 'esbuild';
import { renderInstructions } from '../../../src/extension/panel/markdown';

describe('instructions markdown', () => {
  it('renders ordinary markdown', () => {
    const html = renderInstructions('# Clip\n\nUse **global** norm: `clip(grads, 1)`.\n\n- a\n- b\n');
    assert.match(html, /<h1>Clip<\/h1>/);
    assert.match(html, /<strong>global<\/strong>/);
    assert.match(html, /<code>clip\(grads, 1\)<\/code>/);
    assert.match(html, /<li>a<\/li>/);
  });

  it('escapes raw HTML: a <script> in a README comes out as text', () => {
    const html = renderInstructions('Hello\n\n<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n');
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<img/i);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  it('refuses javascript: links', () => {
    const html = renderInstructions('[click](javascript:alert(1))');
    assert.doesNotMatch(html, /href="javascript:/i);
  });

  it('keeps external links, turns relative links into plain text', () => {
    const html = renderInstructions('[paper](https://arxiv.org/abs/1211.5063) and [hint](hints.md)');
    assert.match(html, /<a href="https:\/\/arxiv.org\/abs\/1211.5063">paper<\/a>/);
    assert.match(html, /<span class="inert-link">hint<\/span>/);
    assert.doesNotMatch(html, /hints\.md/);
  });

  it('resolves relative images through the host, and never passes parent paths', () => {
    const asked: string[] = [];
    const resolveResource = (p: string) => { asked.push(p); return `https://file+.vscode-resource/ex/${p}`; };
    const html = renderInstructions('![chain](img/chain.png)\n\n![up](../secret.png)\n\n![abs](/etc/x.png)', { resolveResource });
    assert.deepEqual(asked, ['img/chain.png']);
    assert.match(html, /<img src="https:\/\/file\+\.vscode-resource\/ex\/img\/chain\.png" alt="chain">/);
    assert.match(html, /<span class="missing-image">up<\/span>/);
    assert.match(html, /<span class="missing-image">abs<\/span>/);
  });

  it('uses each call\'s own resolveResource (one markdown-it instance serves every README)', () => {
    const first = renderInstructions('![a](a.png)', { resolveResource: (p) => `https://one/${p}` });
    const second = renderInstructions('![a](a.png)', { resolveResource: (p) => `https://two/${p}` });
    const none = renderInstructions('![a](a.png)');
    assert.match(first, /src="https:\/\/one\/a\.png"/);
    assert.match(second, /src="https:\/\/two\/a\.png"/);
    assert.match(none, /<span class="missing-image">a<\/span>/);
  });

  it('replaces remote images (blocked by the CSP) and unresolvable ones with their alt text', () => {
    const html = renderInstructions('![remote](https://example.com/a.png) ![local](a.png)');
    assert.doesNotMatch(html, /<img/);
    assert.match(html, /<span class="missing-image">remote<\/span>/);
    assert.match(html, /<span class="missing-image">local<\/span>/);
  });

  it('escapes alt text of a replaced image', () => {
    const html = renderInstructions('![<b>x</b>](https://example.com/a.png)');
    assert.doesNotMatch(html, /<b>/);
  });

  // markdown-it is require()d on first render so activation does not evaluate it. Bundled with the
  // extension's settings (ESM-first mainFields), that require must still find the constructor, and
  // nothing of markdown-it may run before the first render.
  describe('as bundled into dist/extension.js', () => {
    let bundle: { renderInstructions: typeof renderInstructions };
    let evaluatedAtLoad: () => boolean;
    before(async function () {
      this.timeout(60_000);
      const out = await esbuild.build({
        entryPoints: [path.resolve(__dirname, '../../../src/extension/panel/markdown.ts')],
        bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], write: false, logLevel: 'silent',
      });
      // Count what the bundle's lazy initializers have run: markdown-it's CommonJS wrappers call the
      // module factory only when required.
      const code = out.outputFiles[0].text.replace(/"node_modules\/markdown-it\/dist\/index\.cjs\.js"\(\w+, \w+\) \{/, '$&globalThis.__markdownItEvaluated = true;');
      assert.match(code, /__markdownItEvaluated/, 'markdown-it is not a lazily initialised module in the bundle');
      const sandbox: Record<string, unknown> = { module: { exports: {} }, require, console };
      sandbox.exports = (sandbox.module as { exports: object }).exports;
      vm.runInNewContext(code, sandbox);
      bundle = (sandbox.module as { exports: typeof bundle }).exports;
      evaluatedAtLoad = () => sandbox.__markdownItEvaluated === true;
    });
    it('does not evaluate markdown-it when the bundle loads, only at the first render, and renders the same HTML', () => {
      assert.equal(evaluatedAtLoad(), false);
      const markdown = '# Clip\n\n[paper](https://arxiv.org/abs/1211.5063) and <script>x</script>';
      assert.equal(bundle.renderInstructions(markdown), renderInstructions(markdown));
      assert.equal(evaluatedAtLoad(), true);
    });
  });
});
