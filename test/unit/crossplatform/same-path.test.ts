/**
 * Path comparisons the extension makes between VS Code's document URIs and the paths it builds
 * itself. The Windows cases run on any OS by injecting path.win32 and the platform name.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { findRefByFile, findRefByFolder } from '../../../src/extension/core/exercise-ref';
import { caseInsensitiveFileSystem, isInsideFolder, pathKey, samePath } from '../../../src/extension/core/same-path';

describe('cross-platform: samePath / isInsideFolder', () => {
  const win = path.win32;

  it('Windows: a VS Code fsPath (lowercase drive) and a resolved path (uppercase drive, other case) are the same file', () => {
    assert.equal(samePath('c:\\Users\\Ana\\Course\\m1\\sigmoid.ts', 'C:\\users\\ana\\course\\m1\\Sigmoid.ts', win, 'win32'), true);
    assert.equal(samePath('c:\\Course\\m1\\..\\m1\\a.ts', 'C:/Course/m1/a.ts', win, 'win32'), true, 'separators and .. normalise');
    assert.equal(samePath('c:\\Course\\a.ts', 'd:\\Course\\a.ts', win, 'win32'), false, 'another drive is another file');
    assert.equal(samePath('c:\\Course\\a.ts', 'c:\\Course\\b.ts', win, 'win32'), false);
  });

  it('Linux: case matters, as it does on ext4', () => {
    assert.equal(samePath('/home/ana/Course/a.ts', '/home/ana/course/a.ts', path.posix, 'linux'), false);
    assert.equal(samePath('/home/ana/course/./a.ts', '/home/ana/course/a.ts', path.posix, 'linux'), true);
  });

  it('macOS: the default volume ignores case', () => {
    assert.equal(caseInsensitiveFileSystem('darwin'), true);
    assert.equal(samePath('/Users/ana/Course/a.ts', '/Users/ana/course/A.ts', path.posix, 'darwin'), true);
  });

  it('pathKey makes one Map key for both spellings on Windows', () => {
    assert.equal(pathKey('c:\\Course', win, 'win32'), pathKey('C:\\course\\', win, 'win32'));
    assert.notEqual(pathKey('/a/Course', path.posix, 'linux'), pathKey('/a/course', path.posix, 'linux'));
  });

  it('isInsideFolder: Windows drive and case spellings, other drives, sibling prefixes, names starting with ..', () => {
    assert.equal(isInsideFolder('c:\\Packs\\clip', 'C:\\packs\\CLIP\\README.md', win, 'win32'), true);
    assert.equal(isInsideFolder('c:\\Packs\\clip', 'd:\\Packs\\clip\\README.md', win, 'win32'), false, 'path.relative across drives is absolute, not ..');
    assert.equal(isInsideFolder('c:\\Packs\\clip', 'c:\\Packs\\clip-2\\README.md', win, 'win32'), false, 'a sibling whose name starts alike');
    assert.equal(isInsideFolder('/packs/clip', '/packs/clip-2/README.md', path.posix, 'linux'), false);
    assert.equal(isInsideFolder('/packs/clip', '/packs/clip/..notes/a.md', path.posix, 'linux'), true, 'a folder named "..notes" is inside');
    assert.equal(isInsideFolder('/packs/clip', '/packs/other/a.md', path.posix, 'linux'), false);
    assert.equal(isInsideFolder('/packs/clip', '/packs/clip', path.posix, 'linux'), true);
  });
});

describe('cross-platform: findRefByFolder does not match a sibling folder with the same prefix', () => {
  const root = path.resolve('/course with spaces/Kurs ü');
  const session = {
    root, kind: 'course',
    pack: { manifest: { id: 'p' }, dir: '/pack', exercises: [{ manifest: { id: 'a', learnerFile: 'a.ts', checks: [] }, dir: '/pack/a', paths: {} }] },
    record: { exercises: [{ id: 'a', folder: 'a', learnerFile: 'a.ts' }] },
  } as unknown as Parameters<typeof findRefByFolder>[0][number];

  it('a README in the exercise folder belongs to it; one in "a-old" next to it does not', () => {
    assert.equal(findRefByFolder([session], path.join(root, 'a', 'README.md'))?.exercise.manifest.id, 'a');
    assert.equal(findRefByFolder([session], path.join(root, 'a-old', 'README.md')), undefined);
    assert.equal(findRefByFolder([session], path.join(root, 'a')), undefined, 'the folder itself is not a file in it');
    assert.equal(findRefByFile([session], path.join(root, 'a', 'a.ts'))?.exercise.manifest.id, 'a');
  });
});
