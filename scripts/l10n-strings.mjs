// Finds the runtime strings of the extension host: the first argument of vscode.l10n.t(…) and of the
// `t(…)` that pure modules receive (a single- or double-quoted literal; template literals are not
// translatable and are not used). Shared by scripts/extract-l10n.mjs and the unit test.
import * as fs from 'node:fs';
import * as path from 'node:path';

const CALL = /(?:\bvscode\.l10n\.t|(?<![\w.])t)\(\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/g;

function unquote(literal) {
  // The literals are plain JS strings: evaluate them as JSON after normalising the quotes.
  const body = literal.slice(1, -1);
  const json = literal[0] === "'" ? body.replace(/\\'/g, "'").replace(/"/g, '\\"') : body;
  return JSON.parse(`"${json}"`);
}

export function extractL10nStrings(dir) {
  const found = new Set();
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) {
        for (const m of fs.readFileSync(full, 'utf8').matchAll(CALL)) found.add(unquote(m[1]));
      }
    }
  };
  walk(dir);
  return Object.fromEntries([...found].sort().map((s) => [s, s]));
}
