/**
 * The host validates every message the page posts (isFromWebview): the page renders
 * instructor-authored content, so its messages are untrusted input.
 */
import { strict as assert } from 'node:assert';
import {
  PROTOCOL_VERSION, fromWebview, isFromWebview, isPanelState, isToWebview, toWebview,
} from '../../../src/protocol/messages';

describe('protocol: webview → host guard (isFromWebview)', () => {
  const valid: unknown[] = [
    { protocol: 1, type: 'ready' },
    { protocol: 1, type: 'checkRequested' },
    { protocol: 1, type: 'nextHint' },
    { protocol: 1, type: 'showSolution' },
    { protocol: 1, type: 'trustWorkspace' },
    { protocol: 1, type: 'openFile' },
    { protocol: 1, type: 'openFile', line: 12 },
    { protocol: 1, type: 'openFile', line: 12, column: 3, file: 'clip.ts' },
    { protocol: 1, type: 'openFile', line: 1, file: 'lib/helpers.ts' },
  ];
  for (const message of valid) {
    it(`accepts ${JSON.stringify(message)}`, () => assert.equal(isFromWebview(message), true));
  }

  const invalid: Array<[string, unknown]> = [
    ['null', null],
    ['a string', 'ready'],
    ['an array', [{ protocol: 1, type: 'ready' }]],
    ['no protocol', { type: 'ready' }],
    ['another protocol version', { protocol: 2, type: 'ready' }],
    ['protocol as a string', { protocol: '1', type: 'ready' }],
    ['an unknown type', { protocol: 1, type: 'runShell' }],
    ['an inherited type name', { protocol: 1, type: 'toString' }],
    ['an extra field', { protocol: 1, type: 'checkRequested', command: 'rm -rf /' }],
    ['a field of another message', { protocol: 1, type: 'nextHint', line: 3 }],
    ['line 0', { protocol: 1, type: 'openFile', line: 0 }],
    ['a negative line', { protocol: 1, type: 'openFile', line: -4 }],
    ['a fractional line', { protocol: 1, type: 'openFile', line: 2.5 }],
    ['line as a string', { protocol: 1, type: 'openFile', line: '12' }],
    ['line NaN', { protocol: 1, type: 'openFile', line: NaN }],
    ['an absolute POSIX path', { protocol: 1, type: 'openFile', line: 1, file: '/etc/passwd' }],
    ['an absolute Windows path', { protocol: 1, type: 'openFile', line: 1, file: 'C:\\Windows\\win.ini' }],
    ['a parent segment', { protocol: 1, type: 'openFile', line: 1, file: '../../.ssh/id_rsa' }],
    ['a backslash parent segment', { protocol: 1, type: 'openFile', line: 1, file: 'a\\..\\..\\b' }],
    ['an empty file', { protocol: 1, type: 'openFile', line: 1, file: '' }],
    ['a NUL byte', { protocol: 1, type: 'openFile', line: 1, file: 'a\0b' }],
    ['a very long path', { protocol: 1, type: 'openFile', line: 1, file: 'a'.repeat(5000) }],
  ];
  for (const [what, message] of invalid) {
    it(`rejects ${what}`, () => assert.equal(isFromWebview(message), false));
  }

  it('fromWebview stamps the protocol version and the result passes the guard', () => {
    const message = fromWebview({ type: 'openFile', line: 7, file: 'clip.ts' });
    assert.equal(message.protocol, PROTOCOL_VERSION);
    assert.equal(isFromWebview(message), true);
  });
});

describe('protocol: host → webview envelope (isToWebview)', () => {
  const result = { checks: [] };
  const view = { exerciseId: 'x' };
  it('accepts every message the host builds', () => {
    for (const body of [
      { type: 'exercise', view },
      { type: 'result', result, referenceShown: false },
      { type: 'running' },
      { type: 'error', message: 'no workspace' },
      { type: 'hints', hints: ['a', 'b'], total: 3 },
      { type: 'trust', trusted: true },
    ]) {
      assert.equal(isToWebview(toWebview(body as never)), true, body.type);
    }
  });
  it('rejects other versions, unknown types and malformed bodies', () => {
    assert.equal(isToWebview({ protocol: 0, type: 'running' }), false);
    assert.equal(isToWebview({ protocol: 1, type: 'reload' }), false);
    assert.equal(isToWebview({ protocol: 1, type: 'result', result }), false); // referenceShown missing
    assert.equal(isToWebview({ protocol: 1, type: 'hints', hints: [1], total: 1 }), false);
    assert.equal(isToWebview({ protocol: 1, type: 'exercise', view: {} }), false);
  });
});

describe('protocol: saved panel state (isPanelState)', () => {
  it('accepts an empty state and a full one', () => {
    assert.equal(isPanelState({ protocol: 1 }), true);
    assert.equal(isPanelState({ protocol: 1, view: { exerciseId: 'a' }, result: { checks: [] }, referenceShown: true }), true);
  });
  it('rejects state from another version or with a broken view/result', () => {
    assert.equal(isPanelState(undefined), false);
    assert.equal(isPanelState({ protocol: 2 }), false);
    assert.equal(isPanelState({ protocol: 1, view: 'x' }), false);
    assert.equal(isPanelState({ protocol: 1, result: { checks: 'none' } }), false);
  });
});
