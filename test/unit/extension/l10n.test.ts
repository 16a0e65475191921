// Every runtime string of the host is in l10n/bundle.l10n.json (what translators copy), and every
// %key% in package.json has an English value in package.nls.json.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');

describe('extension/l10n', () => {
  it('package.json %keys% all exist in package.nls.json, and none are unused', () => {
    const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const used = new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
    const missing = [...used].filter((k) => !(k in nls));
    assert.deepEqual(missing, [], `package.nls.json lacks: ${missing.join(', ')}`);
    const unused = Object.keys(nls).filter((k) => !used.has(k));
    assert.deepEqual(unused, [], `package.nls.json has unused keys: ${unused.join(', ')}`);
  });

  it('every command is in the GradLab category with a localized title', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    for (const c of pkg.contributes.commands) {
      assert.equal(c.category, 'GradLab', c.command);
      assert.match(c.title, /^%command\.[A-Za-z]+\.title%$/, c.command);
    }
  });

  it('l10n/bundle.l10n.json holds every string of the extension host (run `node scripts/extract-l10n.mjs` after adding one)', async () => {
    const { extractL10nStrings } = await import(path.join(root, 'scripts', 'l10n-strings.mjs'));
    const expected = extractL10nStrings(path.join(root, 'src', 'extension')) as Record<string, string>;
    const bundle = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    const missing = Object.keys(expected).filter((k) => !(k in bundle));
    assert.deepEqual(missing, []);
    assert.ok(Object.keys(bundle).length > 50, 'the extraction found suspiciously few strings');
  });
});
