import { strict as assert } from 'node:assert';
import { fileNameOf, namesLearnerFile } from '../../../src/extension/core/learner-file';

describe('learner file in a GradeResult location', () => {
  it('takes the last segment whatever the separator', () => {
    assert.equal(fileNameOf('clip.ts'), 'clip.ts');
    assert.equal(fileNameOf('/course/m6/clip.ts'), 'clip.ts');
    assert.equal(fileNameOf('C:\\course\\m6\\clip.ts'), 'clip.ts');
    assert.equal(fileNameOf('m6\\sub/clip.ts'), 'clip.ts');
  });

  it('matches the learner file by name only, exactly', () => {
    assert.equal(namesLearnerFile('/course/m6/clip.ts', 'clip.ts'), true);
    assert.equal(namesLearnerFile('C:\\course\\m6\\clip.ts', 'clip.ts'), true);
    assert.equal(namesLearnerFile('/pack/m6/harness.ts', 'clip.ts'), false);
    assert.equal(namesLearnerFile('/course/m6/clip.tsx', 'clip.ts'), false);
    assert.equal(namesLearnerFile('', 'clip.ts'), false);
  });
});
