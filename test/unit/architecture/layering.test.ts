import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { importsOf, layeringViolations, MAY_IMPORT, resolveImport, scanSources, type Violation } from './layers';

const SRC = path.resolve(__dirname, '../../../src');

const describeViolations = (violations: Violation[]) => violations.map((v) => `src/${v.file}: '${v.specifier}' — ${v.rule}`).join('\n');

describe('architecture: layering of src/', () => {
  it('every folder under src/ has import rules', () => {
    const layers = fs.readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    const unknown = layers.filter((l) => !(l in MAY_IMPORT));
    assert.deepEqual(unknown, [], `add ${unknown.join(', ')} to MAY_IMPORT in test/unit/architecture/layers.ts (and docs/architecture.md)`);
  });

  it('imports in src/ only point down the layers (vscode only in src/extension, no src/cli from src/extension)', () => {
    const sources = scanSources(SRC);
    assert.ok(sources.length > 50, `expected to scan the whole of src/, found ${sources.length} files`);
    const violations = layeringViolations(sources);
    assert.equal(violations.length, 0, `layering violations:\n${describeViolations(violations)}`);
  });
});

// The checker must catch what it claims to: each made-up file below breaks one rule.
describe('architecture: the layering checker', () => {
  const violationsOf = (file: string, text: string) => layeringViolations([importsOf(file, text)]).map((v) => v.rule);

  it('resolves relative paths, packages, node builtins and the gradlab alias', () => {
    assert.deepEqual(resolveImport('extension/commands/a.ts', '../../cli/deps'), { kind: 'layer', layer: 'cli', file: 'cli/deps' });
    assert.deepEqual(resolveImport('extension/a.ts', './lazy'), { kind: 'layer', layer: 'extension', file: 'extension/lazy' });
    assert.deepEqual(resolveImport('pack/a.ts', '../../schemas/x.json'), { kind: 'outside', file: '../schemas/x.json' });
    assert.deepEqual(resolveImport('runner/a.ts', '@vscode/test-electron/out/x'), { kind: 'package', name: '@vscode/test-electron' });
    assert.deepEqual(resolveImport('runner/a.ts', 'gradlab'), { kind: 'layer', layer: 'engine', file: 'engine/index.ts' });
  });

  it('flags vscode outside src/extension, in every import form', () => {
    for (const text of [
      "import * as vscode from 'vscode';",
      "import type { Uri } from 'vscode';",
      "export { Uri } from 'vscode';",
      "const v = require('vscode');",
      "async function f() { return import('vscode'); }",
    ]) {
      assert.deepEqual(violationsOf('grading/x.ts', text), ['only src/extension may import vscode'], text);
    }
    for (const layer of ['engine', 'pack', 'runner', 'cli', 'protocol', 'webview']) {
      assert.equal(violationsOf(`${layer}/deep/x.ts`, "import 'vscode';").length, 1, layer);
    }
    assert.deepEqual(violationsOf('extension/x.ts', "import * as vscode from 'vscode';"), []);
  });

  it('flags src/extension importing src/cli, however deep the file sits', () => {
    assert.match(violationsOf('extension/commands/x.ts', "import type { CliDeps } from '../../cli/deps';")[0], /never imports src\/cli/);
    assert.match(violationsOf('extension/x.ts', "const m = () => import('../cli/validate/validate-pack');")[0], /never imports src\/cli/);
    assert.deepEqual(violationsOf('extension/x.ts', "import { validateLoadedPack } from '../grading/validate/validate-pack';"), []);
  });

  it('flags upward imports and keeps src/engine free of Node, packages and other layers', () => {
    assert.equal(violationsOf('grading/x.ts', "import { x } from '../cli/io';").length, 1);
    assert.equal(violationsOf('cli/x.ts', "import { x } from '../extension/lazy';").length, 1);
    assert.equal(violationsOf('webview/x.ts', "import { x } from '../runner/run';").length, 1);
    assert.deepEqual(violationsOf('engine/ops/x.ts', "import * as fs from 'node:fs';"), ['src/engine uses no Node API']);
    assert.deepEqual(violationsOf('engine/x.ts', "import * as path from 'path';"), ['src/engine uses no Node API']);
    assert.equal(violationsOf('engine/nn/x.ts', "import type { LoadedPack } from '../../pack/types';").length, 1);
    assert.deepEqual(violationsOf('engine/nn/x.ts', "import { Tensor } from '../tensor';"), []);
  });

  it('lets pack and runner share only grading/types with src/grading', () => {
    assert.deepEqual(violationsOf('runner/sandbox/x.ts', "import type { ErrorInfo } from '../../grading/types';"), []);
    assert.equal(violationsOf('runner/x.ts', "import { evaluate } from '../grading/evaluate';").length, 1);
  });
});
