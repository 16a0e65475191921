#!/usr/bin/env node
// Writes l10n/bundle.l10n.json: every runtime string of the extension host (vscode.l10n.t('…') and the
// injected t('…') of src/extension/core), for translators (copy it to bundle.l10n.<locale>.json and
// translate the values). English ships as the source strings. `--check` exits 1 when the file is stale
// (test/unit/extension/l10n.test.ts runs the same extraction).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractL10nStrings } from './l10n-strings.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundleFile = path.join(root, 'l10n', 'bundle.l10n.json');
const text = JSON.stringify(extractL10nStrings(path.join(root, 'src', 'extension')), null, 2) + '\n';
if (process.argv.includes('--check')) {
  const current = fs.existsSync(bundleFile) ? fs.readFileSync(bundleFile, 'utf8') : '';
  if (current !== text) {
    console.error('l10n/bundle.l10n.json is stale: run `node scripts/extract-l10n.mjs`');
    process.exit(1);
  }
} else {
  fs.mkdirSync(path.dirname(bundleFile), { recursive: true });
  fs.writeFileSync(bundleFile, text);
  console.log(`[extract-l10n] ${Object.keys(JSON.parse(text)).length} strings → ${path.relative(root, bundleFile)}`);
}
