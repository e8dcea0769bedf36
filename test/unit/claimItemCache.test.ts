// The Claims panel's kept rows (src/vscode/claimItemCache.ts, no vscode import at run time): a row
// counts as fresh only while the store holds the very claim object, in the very state, it was
// built from, for the same scale, policy, user and grouping; rows VS Code stopped asking for are
// let go after two whole redraws.
import * as assert from 'assert';
import type * as vscode from 'vscode';
import { ClaimItemCache, type ClaimNode, type Holds } from '../../src/vscode/claimItemCache';
import type { Claim } from '../../src/core/model';
import { parseNodeId } from '../../src/core/present/outlineIds';
import { DEFAULT_SCALE, type StatusScale } from '../../src/core/statusScale';
import type { ClaimEntry, ClaimState } from '../../src/core/store/types';
import type { DeskContext } from '../../src/core/workflow/deskState';

const claim = (quote: string): Claim => ({ id: 'c1', quote, status: 'unverified' }) as unknown as Claim;
const entry = (c: Claim, state: ClaimEntry['state'] = 'anchored', start = 10): ClaimEntry => ({ claim: c, state, start, end: start + c.quote.length, reason: '', confidence: 1 });
const row = (label: string) => ({ label }) as vscode.TreeItem;
const nodeOf = (id: string) => parseNodeId(id) as ClaimNode;

/** A store of one claim per article: what it holds now, and the questions asked of it. */
function fakeStore(): { holds: Holds; put(article: string, c: Claim, state: ClaimState): void; asked: string[] } {
  const held = new Map<string, { claim: Claim; state: ClaimState }>();
  const asked: string[] = [];
  return {
    holds: (article, c, state) => { asked.push(article); const h = held.get(article); return !!h && h.claim === c && h.state === state; },
    put: (article, c, state) => { held.set(article, { claim: c, state }); },
    asked,
  };
}

describe('the Claims panel\'s kept rows', () => {
  const c = claim('a budget of £412 million');
  const desk: DeskContext = { scale: DEFAULT_SCALE, requireReviews: 1, me: 'Jane Doe' };
  const id = 'claim:article:c1:file:///a.md';

  it('keeps the node its id stands for, and is fresh for the same claim, state, scale, policy, user and grouping', () => {
    const cache = new ClaimItemCache();
    const store = fakeStore();
    store.put('file:///a.md', c, 'anchored');
    const r = row('x');
    // Built from an entry with a range: the row shows none, so a move keeps it fresh.
    cache.set(id, nodeOf(id), entry(c, 'anchored', 99), DEFAULT_SCALE, desk, false, r);
    const k = cache.peek(id);
    assert.ok(k);
    assert.strictEqual(k.item, r);
    assert.deepStrictEqual(k.node, { kind: 'claim', under: 'article', id: 'c1', article: 'file:///a.md' });
    assert.ok(cache.fresh(k, DEFAULT_SCALE, { ...desk }, false, store.holds));
    assert.deepStrictEqual(store.asked, ['file:///a.md'], 'the store is asked about the row\'s own article');
    assert.strictEqual(cache.peek('claim:recheck:c1:file:///a.md'), undefined, 'another node');
  });

  it('is not fresh when anything the row shows changed', () => {
    const cache = new ClaimItemCache();
    const store = fakeStore();
    store.put('file:///a.md', c, 'anchored');
    const r = row('x');
    cache.set(id, nodeOf(id), entry(c), DEFAULT_SCALE, desk, false, r);
    const k = cache.peek(id) as NonNullable<ReturnType<ClaimItemCache['peek']>>;
    const otherScale: StatusScale = { ...DEFAULT_SCALE, statuses: DEFAULT_SCALE.statuses.map((s) => ({ ...s })) };
    const misses: [string, () => boolean][] = [
      ['the scale', () => cache.fresh(k, otherScale, { ...desk, scale: otherScale }, false, store.holds)],
      ['requireReviews', () => cache.fresh(k, DEFAULT_SCALE, { ...desk, requireReviews: 2 }, false, store.holds)],
      ['the current user', () => cache.fresh(k, DEFAULT_SCALE, { ...desk, me: 'John Roe' }, false, store.holds)],
      ['no current user', () => cache.fresh(k, DEFAULT_SCALE, { ...desk, me: undefined }, false, store.holds)],
      ['under a status group', () => cache.fresh(k, DEFAULT_SCALE, desk, true, store.holds)],
      // Claims are replaced, never changed in place: an equal copy is another claim (its status, words, reviews may differ).
      ['another Claim object in the store', () => { store.put('file:///a.md', { ...c }, 'anchored'); return cache.fresh(k, DEFAULT_SCALE, desk, false, store.holds); }],
      ['its anchor state in the store', () => { store.put('file:///a.md', c, 'changed'); return cache.fresh(k, DEFAULT_SCALE, desk, false, store.holds); }],
      ['the claim gone from the store', () => { store.put('file:///a.md', undefined as unknown as Claim, 'anchored'); return cache.fresh(k, DEFAULT_SCALE, desk, false, store.holds); }],
    ];
    for (const [what, fresh] of misses) assert.strictEqual(fresh(), false, `fresh though ${what} changed`);
    // Fresh again once the store holds what it was built from; replaced by a row built for new inputs.
    store.put('file:///a.md', c, 'anchored');
    assert.ok(cache.fresh(k, DEFAULT_SCALE, desk, false, store.holds));
    const r2 = row('y');
    const c2 = { ...c, status: 'accurate' } as Claim;
    cache.set(id, nodeOf(id), entry(c2), DEFAULT_SCALE, desk, false, r2);
    const k2 = cache.peek(id) as NonNullable<ReturnType<ClaimItemCache['peek']>>;
    assert.strictEqual(k2.item, r2);
    assert.strictEqual(cache.fresh(k2, DEFAULT_SCALE, desk, false, store.holds), false, 'built for c2, the store holds c');
    store.put('file:///a.md', c2, 'anchored');
    assert.ok(cache.fresh(k2, DEFAULT_SCALE, desk, false, store.holds));
    assert.strictEqual(cache.size, 1);
  });

  it('lets go of rows not asked for in the last two whole redraws, and of everything when cleared', () => {
    const cache = new ClaimItemCache();
    const ids = ['claim:article:c1:a', 'claim:article:c1:b', 'claim:article:c1:c'];
    for (const x of ids) cache.set(x, nodeOf(x), entry(c), DEFAULT_SCALE, desk, false, row(x));
    cache.age();
    // Asked for in the redraw: a and b; c not asked for.
    assert.ok(cache.peek(ids[0]));
    assert.ok(cache.peek(ids[1]));
    assert.strictEqual(cache.size, 3, 'c is kept for one more redraw (its node may be collapsed for a while)');
    cache.age();
    assert.strictEqual(cache.size, 2);
    assert.strictEqual(cache.peek(ids[2]), undefined);
    assert.ok(cache.peek(ids[0]), 'a, asked for again, is kept');
    cache.age();
    cache.age();
    assert.strictEqual(cache.size, 0);
    cache.set(ids[0], nodeOf(ids[0]), entry(c), DEFAULT_SCALE, desk, false, row('a'));
    cache.clear();
    assert.strictEqual(cache.peek(ids[0]), undefined);
  });
});
