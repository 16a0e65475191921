/**
 * Finds uses of banned engine helpers in learner source before anything runs, so the learner hears
 * "write clipGradNorm_ yourself" with a line number instead of a runtime failure deep in a harness.
 * Comments and string contents are blanked first (keeping line breaks), so a comment saying "don't use
 * clipGradNorm_" is fine. Template-literal `${…}` expressions are code and are kept.
 * The runtime backs this up: the learner's 'gradlab' module throws if a banned name is read anyway.
 */

/** `source` with comments and string/template text replaced by spaces (newlines kept). */
export function blankCommentsAndStrings(source: string): string {
  const out: string[] = [];
  let i = 0;
  const n = source.length;
  const templateDepth: number[] = []; // brace depth at which each open ${ started
  let braceDepth = 0;
  const blank = (ch: string) => (ch === '\n' || ch === '\r' ? ch : ' ');
  const readTemplate = () => {
    // at the character after ` or after the } closing an expression
    while (i < n) {
      const ch = source[i];
      if (ch === '\\') {
        out.push(' ', blank(source[i + 1] ?? ''));
        i += 2;
      } else if (ch === '`') {
        out.push('`');
        i++;
        return;
      } else if (ch === '$' && source[i + 1] === '{') {
        out.push('${');
        i += 2;
        templateDepth.push(braceDepth);
        braceDepth++;
        return;
      } else {
        out.push(blank(ch));
        i++;
      }
    }
  };
  while (i < n) {
    const ch = source[i];
    const next = source[i + 1];
    if (ch === '/' && next === '/') {
      while (i < n && source[i] !== '\n') {
        out.push(' ');
        i++;
      }
    } else if (ch === '/' && next === '*') {
      out.push('  ');
      i += 2;
      while (i < n && !(source[i] === '*' && source[i + 1] === '/')) {
        out.push(blank(source[i]));
        i++;
      }
      if (i < n) {
        out.push('  ');
        i += 2;
      }
    } else if (ch === '"' || ch === "'") {
      out.push(ch);
      i++;
      while (i < n && source[i] !== ch && source[i] !== '\n') {
        if (source[i] === '\\') {
          out.push(' ');
          i++;
        }
        if (i < n) out.push(blank(source[i]));
        i++;
      }
      if (i < n && source[i] === ch) {
        out.push(ch);
        i++;
      }
    } else if (ch === '`') {
      out.push('`');
      i++;
      readTemplate();
    } else if (ch === '{') {
      braceDepth++;
      out.push(ch);
      i++;
    } else if (ch === '}') {
      braceDepth--;
      out.push(ch);
      i++;
      if (templateDepth.length > 0 && templateDepth[templateDepth.length - 1] === braceDepth) {
        templateDepth.pop();
        readTemplate();
      }
    } else {
      out.push(ch);
      i++;
    }
  }
  return out.join('');
}

export interface BannedUse {
  name: string;
  line: number;
}

/**
 * The first use of any banned identifier (whole word), with its 1-based line. A use in code beats one
 * in an import line, so the learner is pointed at the call they need to rewrite.
 */
export function findBannedHelper(source: string, banned: readonly string[]): BannedUse | undefined {
  if (banned.length === 0) return undefined;
  const lines = blankCommentsAndStrings(source).split('\n');
  let importUse: BannedUse | undefined;
  for (let i = 0; i < lines.length; i++) {
    for (const name of banned) {
      const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (!new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`).test(lines[i])) continue;
      const use = { name, line: i + 1 };
      if (!/^\s*(import|export)\b.*\bfrom\b|^\s*import\b/.test(lines[i])) return use;
      importUse ??= use;
    }
  }
  return importUse;
}
