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
  // VS Code swaps vscode-light / vscode-dark / vscode-high-contrast on <body> when the theme kind
  // changes, sets data-vscode-theme-id for every theme, and rewrites the --vscode-* variables in
  // <html style> (two dark themes differ only there). Redraw once per frame after any of these;
  // the charts view skips the redraw when the resulting config did not change.
  let pending = false;
  const redraw = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; app.themeChanged(); });
  };
  const observer = new MutationObserver(redraw);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-id'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
  host.post({ type: 'ready' });
}

start();
