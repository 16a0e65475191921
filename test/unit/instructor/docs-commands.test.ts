/**
 * docs/instructors.md and examples/ci/github-grade-class.yml cannot rot: every shell command they
 * show is run here, in order, against a sample pack and class (examples/clipping-init-pack and its
 * sample-submissions, copied to `pack/` and `submissions/` as the doc and the workflow name them),
 * with `npx gradlab` resolving to the built CLI (dist/cli.js) like an installed one. Exit codes are
 * asserted per command, outputs shown right after a command must appear in what it printed, and
 * the CI pipelines (GitHub matrix shards + merge, GitLab parallel + merge) must produce the same
 * grade sheet as one unsharded run.
 *
 * A command added to the doc without an expectation below fails the test: say what it should do.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
// js-yaml: parses the CI workflow files the doc shows (a devDependency; mocha uses the same one).
import * as yaml from 'js-yaml';
import { parseCsv } from '../../../src/cli/output/csv';
import { CLI_BUNDLE, haveSandbox, ROOT, tempDir } from './helpers';
import { commandLines, fencedBlocks, type FencedBlock } from './markdown-blocks';


const DOC = path.join(ROOT, 'docs/instructors.md');
const WORKFLOW = path.join(ROOT, 'examples/ci/github-grade-class.yml');
const EXAMPLE = path.join(ROOT, 'examples/clipping-init-pack');

interface Expectation {
  code: number;
  /** Must match stdout + stderr. */
  output?: RegExp[];
  /** Must exist in the workspace afterwards. */
  files?: string[];
}

/** What each command of docs/instructors.md must do, in the order the doc runs them. */
const EXPECTED: Record<string, Expectation> = {
  'npx gradlab new pack my-course --title "Gradients 101"': { code: 0, output: [/Created pack in my-course/], files: ['my-course/pack.json', 'my-course/tsconfig.json', 'my-course/.gradlab/types/index.d.ts'] },
  'npx gradlab new exercise my-course clip-by-norm --title "Clip by norm"': { code: 0, output: [/Created exercise clip-by-norm/], files: ['my-course/clip-by-norm/harness.ts'] },
  'npx gradlab list my-course': { code: 0, output: [/sigmoid-grad/, /clip-by-norm/] },
  'npx gradlab validate my-course': { code: 0, output: [/Pack is valid/] },
  'npx gradlab check my-course/clip-by-norm --file my-course/clip-by-norm/solution.ts': { code: 0, output: [/All checks passed/] },
  'npx gradlab check my-course/clip-by-norm --file my-course/clip-by-norm/starter.ts': { code: 1 },
  'npx gradlab validate pack --seeds 10': { code: 0, output: [/Pack is valid/] },
  'npx gradlab validate pack --seeds 5 --json > validate.json': { code: 0, files: ['validate.json'] },
  'npx gradlab check pack/clip-global-norm --file submissions/ben/clip-global-norm.ts': { code: 1, output: [/1 of 3 checks passed/] },
  '(cd pack && zip -qr ../clipping-init-pack.zip .)': { code: 0, files: ['clipping-init-pack.zip'] },
  'npx gradlab validate future-pack': { code: 2 },
  'npx gradlab grade pack submissions --out grades.csv --junit junit.xml': { code: 0, files: ['grades.csv', 'junit.xml'] },
  'npx gradlab grade pack submissions --json > report.json': { code: 0, files: ['report.json'] },
  'npx gradlab grade pack submissions --out -': { code: 0, output: [/^student,clip-global-norm,tanh-init-scale,total,max\r\n/] },
  'npx gradlab grade pack submissions --reveal-hidden --json > instructor-report.json': { code: 0, files: ['instructor-report.json'] },
  'npx gradlab grade pack no-such-folder': { code: 2 },
  'npx gradlab grade pack submissions --shard 1/2 --out shard-1.csv': { code: 0, files: ['shard-1.csv'] },
  'npx gradlab grade pack submissions --shard 2/2 --out shard-2.csv': { code: 0, files: ['shard-2.csv'] },
  'head -n 1 shard-1.csv > merged.csv && tail -q -n +2 shard-*.csv | LC_ALL=C sort >> merged.csv': { code: 0, files: ['merged.csv'] },
};

interface Ran {
  code: number;
  output: string;
  stdout: string;
}

/** A folder with `npx` and `gradlab` that run the built CLI (and nothing else). */
function shimBin(dir: string): string {
  const bin = path.join(dir, '.bin');
  fs.mkdirSync(bin);
  const run = `exec "${process.execPath}" "${CLI_BUNDLE}" "$@"`;
  fs.writeFileSync(path.join(bin, 'gradlab'), `#!/bin/sh\n${run}\n`, { mode: 0o755 });
  fs.writeFileSync(path.join(bin, 'npx'), `#!/bin/sh\nif [ "$1" = gradlab ]; then shift; ${run}; fi\necho "npx $1: not available in this test" >&2\nexit 127\n`, { mode: 0o755 });
  return bin;
}

function shell(script: string, cwd: string, bin: string, env: Record<string, string> = {}): Ran {
  const base: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, LANG: 'C.UTF-8', LC_ALL: '' };
  for (const k of ['NO_COLOR', 'FORCE_COLOR', 'GRADLAB_DEBUG', 'GITHUB_STEP_SUMMARY', 'CI_NODE_INDEX', 'CI_NODE_TOTAL']) delete base[k];
  const r = spawnSync('bash', ['-e', '-c', script], { cwd, encoding: 'utf8', env: { ...base, ...env }, timeout: 180_000 });
  return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}`, stdout: r.stdout };
}

/** pack/ and submissions/ (as the doc and the CI files name them) plus a pack from a future format. */
function classWorkspace(dir: string): void {
  fs.cpSync(EXAMPLE, path.join(dir, 'pack'), { recursive: true, filter: (src) => !src.includes(`${path.sep}sample-submissions`) });
  fs.cpSync(path.join(EXAMPLE, 'sample-submissions'), path.join(dir, 'submissions'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'test/fixtures/packs/future-format'), path.join(dir, 'future-pack'), { recursive: true });
}

/** The grade sheet of one unsharded run: what every merge must reproduce. */
function unshardedCsv(dir: string, bin: string): string {
  const r = shell('npx gradlab grade pack submissions --out -', dir, bin);
  assert.equal(r.code, 0, r.output);
  return r.stdout;
}

const docText = () => fs.readFileSync(DOC, 'utf8');

describe('docs/instructors.md and examples/ci: every command runs as shown', function () {
  this.timeout(600_000);
  let work: string;
  let bin: string;
  before(function () {
    // Reason: the commands run the built CLI and its sandbox; run `npm run build` (npm test does).
    if (!fs.existsSync(CLI_BUNDLE) || !haveSandbox()) this.skip();
    work = tempDir('gradlab-docs-');
    bin = shimBin(work);
  });
  after(() => work && fs.rmSync(work, { recursive: true, force: true }));

  it('the doc is linked from docs/authoring.md', () => {
    assert.match(fs.readFileSync(path.join(ROOT, 'docs/authoring.md'), 'utf8'), /\]\(instructors\.md\)/);
  });

  it('the shell blocks of the doc: each command exits as expected and prints what the doc shows after it', () => {
    const ws = path.join(work, 'doc');
    fs.mkdirSync(ws);
    classWorkspace(ws);
    const blocks = fencedBlocks(docText());
    const seen: string[] = [];
    let previous: { block: FencedBlock; last: Ran } | undefined;
    for (const block of blocks) {
      if (block.lang === 'text' && block.followsPrevious && previous && previous.block.lang === 'sh') {
        // Output shown right after a command: every line (except elisions) must be in what it printed.
        const printed = previous.last.output.split('\n').map((l) => l.trimEnd());
        for (const line of block.lines.map((l) => l.trimEnd()).filter((l) => l !== '' && !l.includes('…'))) {
          assert.ok(printed.includes(line), `docs/instructors.md:${block.line}: the doc shows\n  ${line}\nbut the command printed:\n${previous.last.output}`);
        }
      }
      if (block.lang === 'sh') {
        let last: Ran | undefined;
        for (const command of commandLines(block)) {
          const expected = EXPECTED[command];
          assert.ok(expected, `docs/instructors.md:${block.line}: no expectation for\n  ${command}\nadd it to EXPECTED in this test`);
          last = shell(command, ws, bin);
          seen.push(command);
          assert.equal(last.code, expected.code, `${command}\nexited ${last.code}, expected ${expected.code}:\n${last.output}`);
          for (const pattern of expected.output ?? []) assert.match(last.output, pattern, command);
          for (const file of expected.files ?? []) assert.ok(fs.existsSync(path.join(ws, file)), `${command} did not write ${file}`);
        }
        if (last) previous = { block, last };
      } else if (block.lang !== 'text') {
        previous = undefined;
      }
    }
    assert.deepEqual(seen, Object.keys(EXPECTED), 'every expectation belongs to a command of the doc, in this order');

    // What those commands wrote is what the doc says about it.
    const csvBlock = blocks.find((b) => b.lang === 'text' && b.lines[0]?.startsWith('student,'));
    assert.ok(csvBlock, 'the doc shows a CSV');
    const sheet = fs.readFileSync(path.join(ws, 'grades.csv'), 'utf8');
    assert.deepEqual(parseCsv(sheet), csvBlock.lines.filter((l) => l.trim()).map((l) => l.trim().split(',')));
    assert.equal(fs.readFileSync(path.join(ws, 'merged.csv'), 'utf8'), sheet, 'the sharded CSVs merged as the doc says equal one unsharded run');
    assert.equal(JSON.parse(fs.readFileSync(path.join(ws, 'validate.json'), 'utf8')).valid, true);
    const hiddenCheck = (file: string) => {
      const report = JSON.parse(fs.readFileSync(path.join(ws, file), 'utf8'));
      const ben = report.students.find((s: { student: string }) => s.student === 'ben');
      const clip = ben.exercises.find((c: { exercise: string }) => c.exercise === 'clip-global-norm');
      return clip.result.checks.find((c: { id: string }) => c.id === 'small-untouched');
    };
    assert.equal(hiddenCheck('report.json').measured, null, 'hidden checks stay hidden in --json');
    assert.equal(typeof hiddenCheck('instructor-report.json').measured, 'number', '--reveal-hidden shows them');
    // The archive holds pack.json at its root, as GradLab's unpacker expects.
    const listing = spawnSync('unzip', ['-Z1', path.join(ws, 'clipping-init-pack.zip')], { encoding: 'utf8' }).stdout.split('\n');
    assert.ok(listing.includes('pack.json') && listing.includes('clip-global-norm/exercise.json'), listing.join('\n'));
  });

  it('the workflow in the doc is the committed examples/ci/github-grade-class.yml', () => {
    const yamlBlocks = fencedBlocks(docText()).filter((b) => b.lang === 'yaml');
    assert.equal(yamlBlocks[0]?.lines.join('\n') + '\n', fs.readFileSync(WORKFLOW, 'utf8'));
  });

  it('GitHub Actions: validate, 4 matrix shards and the merge step reproduce an unsharded grade sheet', () => {
    const wf = yaml.load(fs.readFileSync(WORKFLOW, 'utf8')) as GithubWorkflow;
    assert.deepEqual(Object.keys(wf.jobs), ['validate', 'grade', 'merge']);
    assert.equal(wf.jobs.grade.needs, 'validate');
    assert.equal(wf.jobs.merge.needs, 'grade');
    const shards = wf.jobs.grade.strategy?.matrix.shard ?? [];
    assert.deepEqual(shards, [1, 2, 3, 4]);
    const runSteps = (job: GithubJob) => job.steps.filter((s) => s.run !== undefined);
    for (const job of Object.values(wf.jobs)) {
      for (const step of runSteps(job)) assert.doesNotMatch(step.run!, /\$\{\{/, `step "${step.name}": pass expressions through env, not into the script`);
    }
    const env = wf.env;
    // Every job starts from a fresh checkout; "Install GradLab" is npm (the shim stands in for it).
    const runJob = (job: GithubJob, dir: string, extra: Record<string, string>) => {
      for (const step of runSteps(job)) {
        if (step.name === 'Install GradLab') continue;
        const r = shell(step.run!, dir, bin, { ...env, ...extra });
        assert.equal(r.code, 0, `step "${step.name}" failed:\n${r.output}`);
      }
    };
    const checkout = (name: string) => {
      const dir = path.join(work, 'gh', name);
      fs.mkdirSync(dir, { recursive: true });
      classWorkspace(dir);
      return dir;
    };
    runJob(wf.jobs.validate, checkout('validate'), {});

    const mergeDir = path.join(work, 'gh', 'merge');
    fs.mkdirSync(path.join(mergeDir, 'out'), { recursive: true });
    for (const shard of shards) {
      const dir = checkout(`grade-${shard}`);
      runJob(wf.jobs.grade, dir, { SHARD_INDEX: String(shard), SHARD_TOTAL: String(shards.length) });
      const report = JSON.parse(fs.readFileSync(path.join(dir, 'out', `report-${shard}.json`), 'utf8'));
      assert.deepEqual(report.shard, { index: shard, count: shards.length });
      assert.ok(fs.existsSync(path.join(dir, 'out', `junit-${shard}.xml`)));
      // download-artifact with merge-multiple: every shard's out/ files land in one out/.
      fs.cpSync(path.join(dir, 'out'), path.join(mergeDir, 'out'), { recursive: true });
    }
    const summary = path.join(work, 'gh', 'summary.md');
    runJob(wf.jobs.merge, mergeDir, { GITHUB_STEP_SUMMARY: summary });

    const expected = unshardedCsv(checkout('reference'), bin);
    assert.equal(fs.readFileSync(path.join(mergeDir, 'grades.csv'), 'utf8'), expected);
    assert.match(fs.readFileSync(summary, 'utf8'), /^ada,5,5,10,10$/m);
    assert.equal(parseCsv(expected).length, 4, 'header + 3 students');
  });

  it('GitLab CI: the parallel grade job and the merge job reproduce an unsharded grade sheet', () => {
    const gitlabBlock = fencedBlocks(docText()).filter((b) => b.lang === 'yaml')[1];
    assert.ok(gitlabBlock, 'the doc shows a .gitlab-ci.yml');
    const ci = yaml.load(gitlabBlock.lines.join('\n')) as Record<string, GitlabJob> & { stages: string[] };
    assert.deepEqual(ci.stages, ['validate', 'grade', 'merge']);
    const script = (job: GitlabJob) => job.script.filter((line) => !line.startsWith('npm install')).join('\n');
    const checkout = (name: string) => {
      const dir = path.join(work, 'gl', name);
      fs.mkdirSync(dir, { recursive: true });
      classWorkspace(dir);
      return dir;
    };
    const validate = shell(script(ci.validate), checkout('validate'), bin);
    assert.equal(validate.code, 0, validate.output);

    const total = ci.grade.parallel!;
    const mergeDir = path.join(work, 'gl', 'merge');
    fs.mkdirSync(path.join(mergeDir, 'out'), { recursive: true });
    for (let index = 1; index <= total; index++) {
      const dir = checkout(`grade-${index}`);
      const r = shell(script(ci.grade), dir, bin, { CI_NODE_INDEX: String(index), CI_NODE_TOTAL: String(total) });
      assert.equal(r.code, 0, r.output);
      assert.deepEqual(ci.grade.artifacts?.paths, ['out/']);
      fs.cpSync(path.join(dir, 'out'), path.join(mergeDir, 'out'), { recursive: true });
    }
    const merge = shell(script(ci.merge), mergeDir, bin);
    assert.equal(merge.code, 0, merge.output);
    assert.equal(fs.readFileSync(path.join(mergeDir, 'grades.csv'), 'utf8'), unshardedCsv(checkout('reference'), bin));
  });
});

interface GithubStep {
  name?: string;
  run?: string;
  uses?: string;
}
interface GithubJob {
  needs?: string;
  strategy?: { matrix: { shard: number[] } };
  steps: GithubStep[];
}
interface GithubWorkflow {
  env: Record<string, string>;
  jobs: Record<'validate' | 'grade' | 'merge', GithubJob>;
}
interface GitlabJob {
  script: string[];
  parallel?: number;
  artifacts?: { paths?: string[] };
}
