// Reviews and corrections-log entries merge entry by entry: both sides' additions are kept, an
// entry removed on one side goes only if the other left it as it was, and nothing conflicts.
import * as assert from 'assert';
import { mergeSidecars } from '../../src/core/merge/mergeClaims';
import { mergeEntryLists } from '../../src/core/merge/mergeEntries';
import type { Review, Sidecar } from '../../src/core/model';
import { claim } from '../fixtures/sidecars/fixtures';

const r = (by: string, date: string, verdict: Review['verdict'] = 'approve'): Review => ({ by, date, verdict, status: 'accurate' });
const ANN = r('Ann Lee', '2026-11-29T11:00:00Z');
const BO = r('Bo Kim', '2026-11-29T10:30:00Z');
const CY = r('Cy Park', '2026-11-29T12:00:00Z', 'dispute');

describe('merging reviews and log entries', () => {
  it('keeps what both sides added, once, in date order (ours first at the same time)', () => {
    assert.deepStrictEqual(mergeEntryLists([], [ANN], [BO]), [BO, ANN]);
    assert.deepStrictEqual(mergeEntryLists(undefined, [ANN, CY], [ANN, BO]), [BO, ANN, CY]);
    const same = r('Dee Ray', ANN.date);
    assert.deepStrictEqual(mergeEntryLists([], [ANN], [same]), [ANN, same]);
    assert.deepStrictEqual(mergeEntryLists([], [same], [ANN]), [same, ANN]);
  });

  it('an entry is its whole content, whatever the key order', () => {
    const reordered = { status: ANN.status, verdict: ANN.verdict, date: ANN.date, by: ANN.by } as Review;
    assert.deepStrictEqual(mergeEntryLists([], [ANN], [reordered]), [ANN]);
    assert.strictEqual(mergeEntryLists([], [ANN], [{ ...ANN, note: 'x' }])?.length, 2, 'a note makes it another entry');
  });

  it('a removal on one side stands when the other side left the entry alone', () => {
    assert.deepStrictEqual(mergeEntryLists([ANN, BO], [BO], [ANN, BO, CY]), [BO, CY]);
    assert.strictEqual(mergeEntryLists([ANN], [], undefined), undefined, 'nothing left: the field is left out');
  });

  it('claims reviewed on both sides merge without conflict, and other fields still do', () => {
    const base: Sidecar = { factmark: 1, article: 'a.md', claims: [claim('k3xq7d', { status: 'accurate', rater: 'Jane Doe', updated: '2026-11-29T10:00:00Z' })] };
    const ours = structuredClone(base), theirs = structuredClone(base);
    Object.assign(ours.claims[0], { reviews: [ANN], updated: ANN.date, by: 'Ann Lee' });
    Object.assign(theirs.claims[0], { reviews: [BO], updated: BO.date, by: 'Bo Kim', log: [{ date: BO.date, change: 'wording', from: 'a', to: 'b' }] });
    const m = mergeSidecars(base, ours, theirs);
    assert.deepStrictEqual(m.conflicts, []);
    assert.deepStrictEqual(m.merged.claims[0].reviews, [BO, ANN]);
    assert.strictEqual(m.merged.claims[0].log?.length, 1);
    assert.strictEqual(m.merged.claims[0].by, 'Ann Lee', 'the later edit wins updated/by');
    theirs.claims[0].explanation = 'theirs';
    ours.claims[0].explanation = 'ours';
    assert.deepStrictEqual(mergeSidecars(base, ours, theirs).conflicts.map((c) => c.fields), [['explanation']]);
  });
});
