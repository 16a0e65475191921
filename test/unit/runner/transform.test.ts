import { strict as assert } from 'node:assert';
import { lineExcerpt, transformTypeScript } from '../../../src/runner/transform';

describe('runner: TypeScript transform (sucrase)', () => {
  it('keeps every line of code on its original line number (no source maps needed)', () => {
    const source = [
      "import { Tensor, mul } from 'gradlab';", // 1
      'interface Options {', // 2
      '  scale: number;', // 3
      '}', // 4
      'type Pair<T> = [T, T];', // 5
      'export function f(x: Tensor, o: Options): Tensor {', // 6
      '  const marker7 = 7;', // 7
      '  const pair: Pair<number> = [1, 2];', // 8
      '  return mul(x, o.scale as number + marker7 + pair[0]); // marker9', // 9
      '}', // 10
      'export const marker11 = 11;', // 11
      'enum Mode { A, B }', // 12
      'export const marker13 = Mode.B;', // 13
    ].join('\n');
    const result = transformTypeScript(source, 'f.ts');
    assert.ok(result.ok);
    const outLines = result.code.split('\n');
    for (const [marker, line] of [['marker7', 7], ['marker9', 9], ['marker11', 11], ['marker13', 13]] as const) {
      assert.ok(outLines[line - 1].includes(marker), `expected ${marker} on line ${line}, got: ${outLines[line - 1]}`);
    }
  });

  it('turns import() into require() so it meets the sandbox require shim', () => {
    const result = transformTypeScript("export async function f() { return import('fs'); }", 'f.ts');
    assert.ok(result.ok);
    assert.ok(!/\bimport\s*\(/.test(result.code), result.code);
    assert.match(result.code, /require\('fs'\)/);
  });

  it('reports a syntax error with line, column and a message without the sucrase prefix', () => {
    const result = transformTypeScript('const a = 1;\n\nconst b = ;\n', 'bad.ts');
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.line, 3);
    assert.equal(result.column, 11);
    assert.match(result.message, /Unexpected token/);
    assert.ok(!result.message.includes('Error transforming'), result.message);
  });

  it('lineExcerpt trims and shortens the offending line', () => {
    assert.equal(lineExcerpt('a\n   const b = ;  \nc', 2), 'const b = ;');
    assert.equal(lineExcerpt(`x${'y'.repeat(200)}`, 1, 10).length, 10);
  });
});
