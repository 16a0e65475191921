/**
 * The webview's HTML shell and its Content-Security-Policy. Pure (no `vscode` import) so the exact
 * CSP is unit-tested. The CSP is the one checked in VS Code 1.100.3 with vega-embed 7
 * (../shared/reference/vscode.md): no 'unsafe-eval' (vega-embed runs with `ast: true`), no
 * 'unsafe-inline' (our styles come from media/*.css, our script carries the nonce).
 */
import { randomBytes } from 'node:crypto';

export interface WebviewHtmlParts {
  /** webview.cspSource */
  cspSource: string;
  /** A fresh nonce per page load (see createNonce). */
  nonce: string;
  /** asWebviewUri(dist/webview.js) as a string */
  scriptUri: string;
  /** asWebviewUri(media/*.css) as strings, in load order */
  styleUris: string[];
  /** Initial document title (the panel title is set separately by the host). */
  title: string;
}

/** 128 bits from the OS CSPRNG, base64 without padding (valid inside 'nonce-…'). */
export function createNonce(): string {
  return randomBytes(16).toString('base64').replace(/=+$/, '');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

function escapeAttribute(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The page shell. Everything visible is built by dist/webview.js; the <main> stays empty until then,
 * except for a noscript-free "Loading…" line that the script replaces.
 */
export function webviewHtml(parts: WebviewHtmlParts): string {
  const csp = contentSecurityPolicy(parts.cspSource, parts.nonce);
  const styles = parts.styleUris
    .map((href) => `  <link rel="stylesheet" href="${escapeAttribute(href)}" nonce="${parts.nonce}">`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
  <title>${escapeAttribute(parts.title)}</title>
</head>
<body>
  <main id="app" data-testid="app"><p class="loading">Loading…</p></main>
  <script nonce="${parts.nonce}" src="${escapeAttribute(parts.scriptUri)}"></script>
</body>
</html>
`;
}
