/**
 * Exercise README → HTML for the webview, rendered in the HOST (the page never parses markdown).
 *
 * Pure: no `vscode` import, so it is unit-tested in plain Node. Security model:
 * - markdown-it with `html: false`: raw HTML in a README (e.g. <script>, <img onerror>) comes out as
 *   escaped text. Packs are instructor-authored and may come from anywhere.
 * - markdown-it's own validateLink already refuses javascript:/vbscript:/file: and most data: URLs.
 * - Images: a relative `src` is mapped through `resolveResource` (the panel turns it into a
 *   webview URI inside the exercise folder); anything the page's CSP would block anyway (http(s),
 *   unresolvable relative paths) is replaced by its alt text, so the page never shows a broken image
 *   and the CSP never reports a violation.
 * - Links: http(s)/mailto links are kept (VS Code opens them outside the webview); relative links
 *   cannot be followed from a webview, so they are rendered as plain text.
 */
import type MarkdownIt from 'markdown-it';

type MarkdownItConstructor = typeof MarkdownIt;
let markdownItConstructor: MarkdownItConstructor | undefined;

/**
 * markdown-it (with linkify-it, entities, mdurl, punycode) is loaded on the first README render, not
 * when the extension activates: a static import is evaluated with the bundle, while esbuild turns
 * this require() into a lazy initializer. Synchronous on purpose, so the panel keeps posting the
 * exercise view before a result in the same tick (see PanelHost.show). Same idea as ../lazy.ts.
 */
function loadMarkdownIt(): MarkdownItConstructor {
  if (!markdownItConstructor) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a static import would load markdown-it at activation
    const loaded = require('markdown-it') as MarkdownItConstructor | { default: MarkdownItConstructor };
    // Node resolves the CommonJS build (the constructor itself); the bundle, the ESM build (its default export).
    markdownItConstructor = typeof loaded === 'function' ? loaded : loaded.default;
  }
  return markdownItConstructor;
}

export interface RenderInstructionsOptions {
  /**
   * Map a relative resource path from the README (e.g. "img/chain.png") to a URL the webview may
   * load, or undefined to drop it. Paths with ".." or absolute paths never reach this function.
   */
  resolveResource?: (relativePath: string) => string | undefined;
}

const EXTERNAL_LINK = /^(https?:|mailto:)/i;
const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** A README path we are willing to resolve: relative, no parent segments, no query tricks. */
function safeRelativePath(src: string): string | undefined {
  if (src === '' || src.startsWith('/') || src.startsWith('\\') || src.startsWith('#') || ANY_SCHEME.test(src)) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(src.split(/[?#]/)[0]);
  } catch {
    return undefined; // malformed %-escape
  }
  const parts = path.split(/[\\/]/);
  if (parts.includes('..') || path.includes('\0')) return undefined;
  return parts.filter((p) => p !== '' && p !== '.').join('/');
}

/** What one render passes to the rules through markdown-it's `env` (the instance itself is shared). */
interface RenderEnv {
  resolveResource?: RenderInstructionsOptions['resolveResource'];
}

let renderer: MarkdownIt | undefined;

/** One markdown-it instance for every README: building it (and its rule chains) per render is wasted work. */
function sharedRenderer(): MarkdownIt {
  renderer ??= createRenderer();
  return renderer;
}

function createRenderer(): MarkdownIt {
  const md = new (loadMarkdownIt())({ html: false, linkify: true, typographer: false });

  const defaultImage = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, idx, opts, env, self) => {
    const token = tokens[idx];
    const src = token.attrGet('src') ?? '';
    const alt = self.renderInlineAsText(token.children ?? [], opts, env);
    const isData = /^data:image\//i.test(src);
    const relative = isData ? undefined : safeRelativePath(src);
    const resolved = relative !== undefined ? (env as RenderEnv).resolveResource?.(relative) : undefined;
    if (!isData && resolved === undefined) {
      // The CSP would block it (or it cannot be found): show the alt text instead of a broken image.
      return `<span class="missing-image">${md.utils.escapeHtml(alt || 'image')}</span>`;
    }
    if (resolved !== undefined) token.attrSet('src', resolved);
    return defaultImage(tokens, idx, opts, env, self);
  };

  // Relative links cannot be followed from inside a webview: drop the href, keep the text.
  const openLink = md.renderer.rules.link_open ?? ((tokens, idx, opts, _env, self) => self.renderToken(tokens, idx, opts));
  md.renderer.rules.link_open = (tokens, idx, opts, env, self) => {
    const href = tokens[idx].attrGet('href') ?? '';
    if (!EXTERNAL_LINK.test(href)) {
      tokens[idx].attrs = [['class', 'inert-link']];
      tokens[idx].tag = 'span';
    }
    return openLink(tokens, idx, opts, env, self);
  };
  const closeLink = md.renderer.rules.link_close ?? ((tokens, idx, opts, _env, self) => self.renderToken(tokens, idx, opts));
  md.renderer.rules.link_close = (tokens, idx, opts, env, self) => {
    // Pair the close tag with the open tag we may have turned into a <span>.
    const open = findOpeningLink(tokens, idx);
    if (open && open.tag === 'span') tokens[idx].tag = 'span';
    return closeLink(tokens, idx, opts, env, self);
  };
  return md;
}

function findOpeningLink(tokens: MarkdownIt.Token[], closeIdx: number): MarkdownIt.Token | undefined {
  let depth = 0;
  for (let i = closeIdx - 1; i >= 0; i--) {
    if (tokens[i].type === 'link_close') depth++;
    else if (tokens[i].type === 'link_open') {
      if (depth === 0) return tokens[i];
      depth--;
    }
  }
  return undefined;
}

/** Render an exercise README (markdown) to HTML that is safe to insert into the webview. */
export function renderInstructions(markdown: string, options: RenderInstructionsOptions = {}): string {
  // A README saved by Notepad starts with a BOM, which markdown-it keeps as text: "\uFEFF# Title" is then
  // a paragraph, not the heading.
  const env: RenderEnv = { resolveResource: options.resolveResource };
  return sharedRenderer().render(markdown.replace(/^\uFEFF/, ''), env);
}
