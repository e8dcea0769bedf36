// test/web/assert.ts stands in for Node's assert in the web suite: it must pass and fail exactly
// where Node's strict assertions do, or the web suite could pass on a broken extension.
import * as nodeAssert from 'assert';
import * as webAssert from '../web/assert';

type Case = [name: keyof typeof webAssert, ...args: unknown[]];

const cases: Case[] = [
  ['ok', 1], ['ok', 0], ['ok', ''], ['ok', 'x'], ['ok', null], ['ok', undefined], ['ok', {}],
  ['strictEqual', 1, 1], ['strictEqual', 1, '1'], ['strictEqual', NaN, NaN], ['strictEqual', 0, -0], ['strictEqual', undefined, null], ['strictEqual', {}, {}],
  ['notStrictEqual', 1, 2], ['notStrictEqual', 'a', 'a'],
  ['deepStrictEqual', { a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }],
  ['deepStrictEqual', { a: 1 }, { a: 1, b: undefined }],
  ['deepStrictEqual', { a: undefined }, { b: undefined }],
  ['deepStrictEqual', [1, 2], [2, 1]],
  ['deepStrictEqual', [1, [2, [3]]], [1, [2, [3]]]],
  ['deepStrictEqual', [1, [2, [3]]], [1, [2, [4]]]],
  ['deepStrictEqual', { a: '1' }, { a: 1 }],
  ['deepStrictEqual', [], {}],
  ['deepStrictEqual', [[0, 1]], [[0, 1]]],
  ['deepStrictEqual', [['a', 'b']], [['a', 'c']]],
  ['deepStrictEqual', null, undefined],
  ['deepStrictEqual', new Date(5), new Date(5)], ['deepStrictEqual', new Date(5), new Date(6)],
  ['deepStrictEqual', new Set([1]), new Set([1])], ['deepStrictEqual', new Map([[1, 'a']]), new Map([[1, 'b']])],
  ['notDeepStrictEqual', { a: 1 }, { a: 2 }], ['notDeepStrictEqual', { a: 1 }, { a: 1 }],
  ['match', 'abc', /b/], ['match', 'abc', /d/],
  ['doesNotMatch', 'abc', /d/], ['doesNotMatch', 'abc', /b/],
];

function outcome(f: () => unknown): 'pass' | 'fail' {
  try {
    f();
    return 'pass';
  } catch {
    return 'fail';
  }
}

describe('the web suite\'s assert (test/web/assert.ts)', () => {
  it('passes and fails where Node\'s assert does', () => {
    for (const [name, ...args] of cases) {
      const node = outcome(() => (nodeAssert as unknown as Record<string, (...a: unknown[]) => void>)[name](...args));
      const web = outcome(() => (webAssert as unknown as Record<string, (...a: unknown[]) => void>)[name](...args));
      nodeAssert.strictEqual(web, node, `${name}(${args.map((a) => String(a)).join(', ')})`);
    }
    nodeAssert.ok(cases.some(([name, ...args]) => outcome(() => (nodeAssert as unknown as Record<string, (...a: unknown[]) => void>)[name](...args)) === 'fail'), 'no failing case');
  });

  it('rejects and throws like Node\'s', async () => {
    await webAssert.rejects(Promise.reject(new Error('boom')), /boom/);
    await nodeAssert.rejects(webAssert.rejects(Promise.resolve(1)));
    await nodeAssert.rejects(webAssert.rejects(Promise.reject(new Error('boom')), /other/));
    webAssert.throws(() => { throw new Error('x'); }, /x/);
    nodeAssert.throws(() => webAssert.throws(() => undefined));
  });

  it('puts the caller\'s message first', () => {
    nodeAssert.throws(() => webAssert.strictEqual(1, 2, 'the count'), (e: Error) => e.message.startsWith('the count\n') && e.message.includes('expected 2, got 1'));
  });
});
