import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { ArchiveError, archiveFolderName, safeEntryPath, unpackPackArchive } from '../../../src/extension/core/pack-archive';

describe('extension/pack-archive', () => {
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gradlab-archive-'))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('unpacks a pack zipped with its top-level folder and finds pack.json inside it', () => {
    const zip = zipSync({ 'my-pack/pack.json': strToU8('{"id":"my-pack"}'), 'my-pack/ex/exercise.json': strToU8('{}') });
    const dir = unpackPackArchive(zip, path.join(tmp, 'out'));
    assert.equal(dir, path.join(tmp, 'out', 'my-pack'));
    assert.equal(fs.readFileSync(path.join(dir, 'pack.json'), 'utf8'), '{"id":"my-pack"}');
    assert.ok(fs.existsSync(path.join(dir, 'ex', 'exercise.json')));
  });

  it('unpacks a pack zipped at its root', () => {
    const dir = unpackPackArchive(zipSync({ 'pack.json': strToU8('{}') }), path.join(tmp, 'out'));
    assert.equal(dir, path.join(tmp, 'out'));
  });

  it('refuses entries that escape the target folder (zip slip) and writes nothing outside', () => {
    const zip = zipSync({ 'pack.json': strToU8('{}'), '../evil.txt': strToU8('x') });
    assert.throws(() => unpackPackArchive(zip, path.join(tmp, 'out')), ArchiveError);
    assert.equal(fs.existsSync(path.join(tmp, 'evil.txt')), false);
    assert.throws(() => safeEntryPath('/etc/passwd'), /absolute path/);
    assert.throws(() => safeEntryPath('C:\\x'), /absolute path/);
  });

  it('says clearly when the archive holds no pack or is not a zip', () => {
    assert.throws(() => unpackPackArchive(zipSync({ 'readme.txt': strToU8('x') }), path.join(tmp, 'a')), /no pack\.json/);
    assert.throws(() => unpackPackArchive(strToU8('not a zip at all'), path.join(tmp, 'b')), /not a readable \.zip/);
  });

  it('names the unpack folder by content, so a changed archive never reuses a stale folder', () => {
    const a = zipSync({ 'pack.json': strToU8('{"v":1}') });
    const b = zipSync({ 'pack.json': strToU8('{"v":2}') });
    assert.equal(archiveFolderName(a), archiveFolderName(zipSync({ 'pack.json': strToU8('{"v":1}') })));
    assert.notEqual(archiveFolderName(a), archiveFolderName(b));
  });
});
