/** The webview shell: the exact CSP checked with vega-embed in VS Code 1.100.3, nonce on every script. */
import { strict as assert } from 'node:assert';
import { contentSecurityPolicy, createNonce, webviewHtml } from '../../../src/extension/panel/html';

describe('webview html shell', () => {
  const source = 'https://*.vscode-cdn.net';
  it('uses the CSP from the reference, with no unsafe-eval or unsafe-inline', () => {
    const csp = contentSecurityPolicy(source, 'N0nce');
    assert.equal(csp, `default-src 'none'; script-src 'nonce-N0nce'; style-src ${source} 'nonce-N0nce'; img-src ${source} data:`);
    assert.doesNotMatch(csp, /unsafe/);
  });

  it('nonces are fresh, long and safe inside an attribute', () => {
    const a = createNonce();
    const b = createNonce();
    assert.notEqual(a, b);
    assert.ok(a.length >= 22);
    assert.match(a, /^[A-Za-z0-9+/]+$/);
  });

  it('every <script> carries the nonce and the CSP meta comes first', () => {
    const html = webviewHtml({ cspSource: source, nonce: 'abc', scriptUri: 'https://x/dist/webview.js', styleUris: ['https://x/media/webview.css'], title: 'T "q"' });
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.ok(scripts.every((s) => s.includes('nonce="abc"')));
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<link'));
    assert.match(html, /<link rel="stylesheet" href="https:\/\/x\/media\/webview.css"/);
    assert.match(html, /<title>T &quot;q&quot;<\/title>/);
    assert.doesNotMatch(html, /style="/);
  });
});
