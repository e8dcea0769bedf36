// The Claims panel's kept rows (src/vscode/claimItemCache.ts, no vscode import at run time): a row
// is returned again only for the very inputs it was built from, and rows VS Code stopped asking
// for are let go after two whole redraws.
import * as assert from 'assert';
import type * as vscode from 'vscode';
import { ClaimItemCache } from '../../src/vscode/claimItemCache';
import type { Claim } from '../../src/core/model';
import { DEFAULT_SCALE, type StatusScale } from '../../src/core/statusScale';
import type { ClaimEntry } from '../../src/core/store/types';
import type { DeskContext } from '../../src/core/workflow/deskState';

const claim = (quote: string): Claim => ({ id: 'c1', quote, status: 'unverified' }) as unknown as Claim;
const entry = (c: Claim, state: ClaimEntry['state'] = 'anchored', start = 10): ClaimEntry => ({ claim: c, state, start, end: start + c.quote.length, reason: '', confidence: 1 });
const row = (label: string) => ({ label }) as vscode.TreeItem;

describe('the Claims panel\'s kept rows', () => {
  const c = claim('a budget of £412 million');
  const desk: DeskContext = { scale: DEFAULT_SCALE, requireReviews: 1, me: 'Jane Doe' };
  const id = 'claim:article:c1:file:///a.md';

  it('gives the row back for the same claim, state, scale, policy, user and grouping, whatever else of the entry changed', () => {
    const cache = new ClaimItemCache();
    const r = row('x');
    cache.set(id, entry(c), DEFAULT_SCALE, desk, false, r);
    // A new entry object with the claim moved (typing elsewhere): the row shows no range.
    assert.strictEqual(cache.get(id, entry(c, 'anchored', 99), DEFAULT_SCALE, { ...desk }, false), r);
    assert.strictEqual(cache.get('claim:recheck:c1:file:///a.md', entry(c), DEFAULT_SCALE, desk, false), undefined, 'another node');
  });

  it('builds again when anything the row shows changed', () => {
    const cache = new ClaimItemCache();
    const r = row('x');
    cache.set(id, entry(c), DEFAULT_SCALE, desk, false, r);
    const otherScale: StatusScale = { ...DEFAULT_SCALE, statuses: DEFAULT_SCALE.statuses.map((s) => ({ ...s })) };
    const misses: [string, () => vscode.TreeItem | undefined][] = [
      // Claims are replaced, never changed in place: an equal copy is another claim (its status, words, reviews may differ).
      ['another Claim object', () => cache.get(id, entry({ ...c }), DEFAULT_SCALE, desk, false)],
      ['its anchor state', () => cache.get(id, entry(c, 'changed'), DEFAULT_SCALE, desk, false)],
      ['the scale', () => cache.get(id, entry(c), otherScale, { ...desk, scale: otherScale }, false)],
      ['requireReviews', () => cache.get(id, entry(c), DEFAULT_SCALE, { ...desk, requireReviews: 2 }, false)],
      ['the current user', () => cache.get(id, entry(c), DEFAULT_SCALE, { ...desk, me: 'John Roe' }, false)],
      ['no current user', () => cache.get(id, entry(c), DEFAULT_SCALE, { ...desk, me: undefined }, false)],
      ['under a status group', () => cache.get(id, entry(c), DEFAULT_SCALE, desk, true)],
    ];
    for (const [what, get] of misses) assert.strictEqual(get(), undefined, `kept though ${what} changed`);
    // Still kept for its own inputs, and replaced by a row built for new ones.
    assert.strictEqual(cache.get(id, entry(c), DEFAULT_SCALE, desk, false), r);
    const r2 = row('y');
    const c2 = { ...c, status: 'accurate' } as Claim;
    cache.set(id, entry(c2), DEFAULT_SCALE, desk, false, r2);
    assert.strictEqual(cache.get(id, entry(c2), DEFAULT_SCALE, desk, false), r2);
    assert.strictEqual(cache.get(id, entry(c), DEFAULT_SCALE, desk, false), undefined);
    assert.strictEqual(cache.size, 1);
  });

  it('lets go of rows not asked for in the last two whole redraws, and of everything when cleared', () => {
    const cache = new ClaimItemCache();
    const ids = ['claim:article:c1:a', 'claim:article:c1:b', 'claim:article:c1:c'];
    for (const x of ids) cache.set(x, entry(c), DEFAULT_SCALE, desk, false, row(x));
    cache.age();
    // Asked for in the redraw: a (found) and b (found, though a new entry object); c not asked for.
    assert.ok(cache.get(ids[0], entry(c), DEFAULT_SCALE, desk, false));
    assert.ok(cache.get(ids[1], entry(c, 'anchored', 5), DEFAULT_SCALE, desk, false));
    assert.strictEqual(cache.size, 3, 'c is kept for one more redraw (its node may be collapsed for a while)');
    cache.age();
    assert.strictEqual(cache.size, 2);
    assert.strictEqual(cache.get(ids[2], entry(c), DEFAULT_SCALE, desk, false), undefined);
    assert.ok(cache.get(ids[0], entry(c), DEFAULT_SCALE, desk, false), 'a, asked for again, is kept');
    cache.age();
    cache.age();
    assert.strictEqual(cache.size, 0);
    cache.set(ids[0], entry(c), DEFAULT_SCALE, desk, false, row('a'));
    cache.clear();
    assert.strictEqual(cache.get(ids[0], entry(c), DEFAULT_SCALE, desk, false), undefined);
  });
});
