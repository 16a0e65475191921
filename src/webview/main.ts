/**
 * Webview page entry (bundled by esbuild to dist/webview.js, browser IIFE). Renders the saved state
 * at once, then tells the host it is ready (the host answers with its current view and result).
 */
import { App } from './app';
import { connectToHost } from './vscode-api';

function start(): void {
  const root = document.getElementById('app');
  if (!root) throw new Error('webview: #app missing from the page shell');
  const host = connectToHost();
  const app = new App(root, host);
  window.addEventListener('message', (event: MessageEvent) => app.receive(event.data));
  // VS Code swaps vscode-light / vscode-dark / vscode-high-contrast on <body> when the theme changes.
  new MutationObserver(() => app.themeChanged()).observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-id'] });
  host.post({ type: 'ready' });
}

start();
