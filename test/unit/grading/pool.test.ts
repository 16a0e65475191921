import { strict as assert } from 'node:assert';
import { defaultJobs, runPool } from '../../../src/grading/pool';

describe('grading job pool', () => {
  it('never runs more than `concurrency` tasks at once and keeps results in input order', async () => {
    let running = 0;
    let peak = 0;
    const results = await runPool([30, 5, 20, 1, 10], 2, async (ms) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, ms));
      running--;
      return ms * 2;
    });
    assert.equal(peak, 2);
    assert.deepEqual(results.map((r) => (r.ok ? r.value : null)), [60, 10, 40, 2, 20]);
  });

  it('keeps going when a task throws and returns the error in its slot', async () => {
    const results = await runPool([1, 2, 3], 3, async (n) => {
      if (n === 2) throw new Error('bad');
      return n;
    });
    assert.equal(results[0].ok && results[0].value, 1);
    assert.equal(!results[1].ok && (results[1].error as Error).message, 'bad');
    assert.equal(results[2].ok && results[2].value, 3);
  });

  it('leaves one core free by default and never asks for fewer than one job', () => {
    assert.equal(defaultJobs(8), 7);
    assert.equal(defaultJobs(1), 1);
    assert.equal(defaultJobs(0), 1);
  });
});
