import * as assert from 'assert';
import { mergeSidecars } from '../../src/core/merge/mergeClaims';
import type { Claim, Sidecar } from '../../src/core/model';

function claim(id: string, extra: Partial<Claim> = {}): Claim {
  return { id, quote: `words of ${id}`, before: '', after: '', status: 'unverified', sources: [], ...extra };
}
function file(...claims: Claim[]): Sidecar {
  return { factmark: 1, article: 'treaty.md', claims };
}
const ids = (s: Sidecar) => s.claims.map((c) => c.id);

describe('mergeSidecars: three-way merge by claim id', () => {
  const base = file(claim('a'), claim('b'), claim('c'));

  it('keeps claims added on both sides, each after the claim it followed', () => {
    const ours = file(claim('a'), claim('x'), claim('b'), claim('c'));
    const theirs = file(claim('a'), claim('b'), claim('y'), claim('c'));
    const r = mergeSidecars(base, ours, theirs);
    assert.deepStrictEqual(ids(r.merged), ['a', 'x', 'b', 'y', 'c']);
    assert.deepStrictEqual(r.conflicts, []);
  });

  it('takes a change made on one side only', () => {
    const ours = file(claim('a', { status: 'accurate' }), claim('b'), claim('c'));
    const theirs = file(claim('a'), claim('b', { explanation: 'checked' }), claim('c'));
    const r = mergeSidecars(base, ours, theirs);
    assert.strictEqual(r.merged.claims[0].status, 'accurate');
    assert.strictEqual(r.merged.claims[1].explanation, 'checked');
    assert.strictEqual(r.conflicts.length, 0);
  });

  it('merges different fields of the same claim changed on both sides', () => {
    const ours = file(claim('a', { status: 'inaccurate' }), claim('b'), claim('c'));
    const theirs = file(claim('a', { sources: [{ url: 'https://example.org' }] }), claim('b'), claim('c'));
    const r = mergeSidecars(base, ours, theirs);
    assert.strictEqual(r.merged.claims[0].status, 'inaccurate');
    assert.deepStrictEqual(r.merged.claims[0].sources, [{ url: 'https://example.org' }]);
    assert.strictEqual(r.conflicts.length, 0);
  });

  it('reports a field changed differently on both sides as a conflict on that claim only', () => {
    const ours = file(claim('a', { status: 'accurate' }), claim('b', { status: 'mixed' }), claim('c'));
    const theirs = file(claim('a', { status: 'inaccurate' }), claim('b'), claim('c', { tags: ['x'] }));
    const r = mergeSidecars(base, ours, theirs);
    assert.deepStrictEqual(r.conflicts.map((c) => [c.id, c.fields]), [['a', ['status']]]);
    assert.strictEqual(r.merged.claims[1].status, 'mixed');
    assert.deepStrictEqual(r.merged.claims[2].tags, ['x']);
  });

  it('never lets `updated`/`by` conflict: the later edit wins', () => {
    const ours = file(claim('a', { status: 'accurate', updated: '2026-01-02T00:00:00Z', by: 'Ana' }), claim('b'), claim('c'));
    const theirs = file(claim('a', { tags: ['t'], updated: '2026-01-03T00:00:00Z', by: 'Ben' }), claim('b'), claim('c'));
    const r = mergeSidecars(base, ours, theirs);
    assert.strictEqual(r.conflicts.length, 0);
    assert.strictEqual(r.merged.claims[0].by, 'Ben');
    assert.strictEqual(r.merged.claims[0].status, 'accurate');
  });

  it('deletes a claim deleted on one side and untouched on the other', () => {
    const ours = file(claim('a'), claim('c'));
    const r = mergeSidecars(base, ours, base);
    assert.deepStrictEqual(ids(r.merged), ['a', 'c']);
  });

  it('keeps a claim deleted on one side but edited on the other, and says so', () => {
    const ours = file(claim('a'), claim('c'));
    const theirs = file(claim('a'), claim('b', { status: 'accurate' }), claim('c'));
    const r = mergeSidecars(base, ours, theirs);
    assert.ok(ids(r.merged).includes('b'));
    assert.deepStrictEqual(r.conflicts.map((c) => c.id), ['b']);
  });

  it('loses no claim of either side without a base (two new files)', () => {
    const r = mergeSidecars(undefined, file(claim('a')), file(claim('b')));
    assert.deepStrictEqual(ids(r.merged).sort(), ['a', 'b']);
  });
});
