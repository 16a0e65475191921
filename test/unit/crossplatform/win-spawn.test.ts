/**
 * scripts/start.mjs (`npm start`) on Windows: npm and code are .cmd shims that must go through cmd.exe,
 * which hands the program one command line. The program splits it with the CommandLineToArgvW rules,
 * modelled independently below; every argument must come back exactly as given.
 */
import { strict as assert } from 'node:assert';
import { quoteForCmd, spawnPlan } from '../../../scripts/win-spawn.mjs';

/** CommandLineToArgvW: whitespace separates outside quotes; 2n backslashes + " → n backslashes and a quote toggle; 2n+1 → n and a literal ". */
function windowsArgv(line: string): string[] {
  const out: string[] = [];
  let current = '';
  let inQuotes = false;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\') {
      let n = 0;
      while (line[i] === '\\') { n++; i++; }
      if (line[i] === '"') {
        current += '\\'.repeat(Math.floor(n / 2));
        if (n % 2 === 1) current += '"';
        else { inQuotes = !inQuotes; }
      } else {
        current += '\\'.repeat(n);
        i--;
      }
      started = true;
    } else if (ch === '"') {
      inQuotes = !inQuotes;
      started = true;
    } else if ((ch === ' ' || ch === '\t') && !inQuotes) {
      if (started) out.push(current);
      current = '';
      started = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (started) out.push(current);
  return out;
}

describe('cross-platform: npm start spawns on Windows', () => {
  const args = ['--install-extension', 'C:\\Users\\Ana Lopez\\src\\gradlab\\gradlab.vsix', '--force'];

  it('Linux/macOS: commands run directly with their argument list, no shell', () => {
    assert.deepEqual(spawnPlan('code', args, 'linux', '/usr/bin/node'), { file: 'code', args, shell: false });
    assert.deepEqual(spawnPlan('npm', ['ci'], 'darwin', '/usr/local/bin/node'), { file: 'npm', args: ['ci'], shell: false });
  });

  it('Windows: a .cmd shim goes through the shell as one command line that splits back into the same arguments', () => {
    const plan = spawnPlan('code', args, 'win32', 'C:\\Program Files\\nodejs\\node.exe');
    assert.equal(plan.shell, true);
    assert.deepEqual(plan.args, []);
    assert.deepEqual(windowsArgv(plan.file), ['code', ...args]);
  });

  it('Windows: node itself (in "C:\\Program Files") is started directly: through cmd.exe its path would split at the space', () => {
    const node = 'C:\\Program Files\\nodejs\\node.exe';
    assert.deepEqual(spawnPlan(node, ['x.js', 'C:\\a b'], 'win32', node), { file: node, args: ['x.js', 'C:\\a b'], shell: false });
  });

  it('quoting round-trips spaces, non-ASCII, parentheses, & and trailing backslashes', () => {
    const tricky = ['C:\\Users\\Zoë Ünal\\gradlab-course', 'C:\\Program Files (x86)\\x', 'D:\\Tom & Jerry\\c', 'D:\\My Course\\', 'E:\\', 'plain', '--force'];
    assert.deepEqual(windowsArgv(tricky.map(quoteForCmd).join(' ')), tricky);
  });

  it('refuses what cmd.exe would still rewrite inside quotes (%VAR%, ")', () => {
    assert.throws(() => quoteForCmd('C:\\100%done\\course'), /GRADLAB_COURSE_DIR/);
    assert.throws(() => quoteForCmd('C:\\a"b'), /cmd\.exe/);
  });
});
