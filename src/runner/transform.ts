/**
 * TypeScript → CommonJS JavaScript with sucrase (pure JS: no native binary in the VSIX).
 *
 * sucrase removes types and rewrites imports WITHOUT moving code between lines (it pads with the
 * same newlines), so line N of the learner's .ts file is line N of the output and stack traces point
 * at the learner's own lines with no source map (test/unit/runner/transform.test.ts checks this).
 * Columns are not preserved, so only syntax errors (reported by sucrase on the original text) carry one.
 */
import { transform } from 'sucrase';
import { truncate } from './sandbox/runtime/describe';

/**
 * The text every later step (transform, banned-helper scan, V8) sees, with line breaks and a BOM
 * spelled one way. sucrase counts only \n as a line break, V8 and VS Code also count a lone \r, so a
 * file saved with old-Mac line endings would get line numbers that match neither the editor nor the
 * stack traces; a leading BOM (Notepad's UTF-8) would shift sucrase's columns on line 1 by one.
 * CRLF already works, but normalising it too keeps excerpts and offsets free of stray \r.
 * Safe: a \r is never meaningful inside JS code (a lone one in a string or regex literal is already
 * a syntax error, and template literals turn \r\n and \r into \n by the language's own rule).
 */
export function normalizeSourceText(source: string): string {
  const withoutBom = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  return withoutBom.includes('\r') ? withoutBom.replace(/\r\n?/g, '\n') : withoutBom;
}

export type TransformResult = { ok: true; code: string } | { ok: false; line?: number; column?: number; message: string };

/** Short excerpt of `line` (1-based) of `source` (already through normalizeSourceText), for error messages. */
export function lineExcerpt(source: string, line: number, max = 80): string {
  return truncate((source.split('\n')[line - 1] ?? '').trim(), max);
}

export function transformTypeScript(source: string, fileName: string): TransformResult {
  try {
    const { code } = transform(source, {
      transforms: ['typescript', 'imports'],
      filePath: fileName,
      // import('x') becomes require('x') so it meets the sandbox's require shim.
      preserveDynamicImport: false,
    });
    return { ok: true, code };
  } catch (err) {
    const e = err as { message?: string; loc?: { line: number; column: number } };
    // sucrase says "Error transforming clip.ts: Unexpected token (4:17)"; keep the middle part.
    const raw = String(e.message ?? err)
      .replace(/^Error transforming [^:]*: /, '')
      .replace(/\s*\(\d+:\d+\)\s*$/, '');
    const result: TransformResult = { ok: false, message: raw };
    if (e.loc) {
      result.line = e.loc.line;
      result.column = e.loc.column;
    }
    return result;
  }
}
