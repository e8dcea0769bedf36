// What the editor shows of the workflow, computed in the core: where a claim stands for the
// person looking at it (awaiting *my* review or someone else's), the details view's model of
// reviews and log, and the policy breaches listed in the Problems panel.
import * as assert from 'assert';
import type { Claim, Review } from '../../src/core/model';
import { claimWorkflow } from '../../src/core/present/claimWorkflow';
import { DEFAULT_SCALE } from '../../src/core/statusScale';
import type { ClaimEntry } from '../../src/core/store/types';
import { deskState } from '../../src/core/workflow/deskState';
import { policyProblems } from '../../src/core/workflow/policyProblems';

const review = (by: string, verdict: Review['verdict'], status: string, date: string, note?: string): Review =>
  ({ by, verdict, status, date, ...(note ? { note } : {}) });
const claim = (extra: Partial<Claim> = {}): Claim =>
  ({ id: 'k3xq7d', quote: 'remain effective for 20 years', before: '', after: '', status: 'accurate', sources: [], rater: 'Jane Doe', rated: '2026-11-29T10:00:00Z', ...extra });
const entry = (c: Claim, extra: Partial<ClaimEntry> = {}): ClaimEntry => ({ claim: c, state: 'anchored', start: 10, end: 39, reason: '', confidence: 1, ...extra });

describe('workflow views: desk state', () => {
  const ctx = (me: string | undefined, requireReviews = 1) => ({ scale: DEFAULT_SCALE, requireReviews, me });

  it('splits "awaiting review" into mine and others’', () => {
    const c = claim();
    assert.strictEqual(deskState(c, ctx('Ann Lee')), 'awaiting-me');
    assert.strictEqual(deskState(c, ctx('jane doe')), 'awaiting-others', 'the rater waits for someone else');
    assert.strictEqual(deskState(c, ctx(undefined)), 'awaiting-others', 'an unknown user is awaited by nothing');
    const approved = claim({ reviews: [review('Ann Lee', 'approve', 'accurate', '2026-11-29T11:00:00Z')] });
    assert.strictEqual(deskState(approved, ctx('Ann Lee', 2)), 'awaiting-others', 'Ann has had her say');
    assert.strictEqual(deskState(approved, ctx('Bo Kim', 2)), 'awaiting-me');
    assert.strictEqual(deskState(approved, ctx('Bo Kim', 1)), 'signed-off');
  });

  it('open, disputed and recheck whoever looks', () => {
    for (const me of ['Ann Lee', 'Jane Doe', undefined]) {
      assert.strictEqual(deskState(claim({ status: 'in-progress' }), ctx(me)), 'open');
      assert.strictEqual(deskState(claim({ recheck: true }), ctx(me)), 'recheck');
      assert.strictEqual(deskState(claim({ reviews: [review('Bo Kim', 'dispute', 'accurate', '2026-11-29T11:00:00Z')] }), ctx(me)), 'disputed');
    }
  });
});

describe('workflow views: the details view model', () => {
  it('marks each review with whether it counts, and why not', () => {
    const c = claim({
      reviews: [
        review('Dee Ray', 'approve', 'accurate', '2026-11-29T09:00:00Z'),
        review('Ann Lee', 'dispute', 'accurate', '2026-11-29T11:00:00Z', 'Renewable?'),
        review('Jane Doe', 'approve', 'accurate', '2026-11-29T11:10:00Z'),
        review('ann lee', 'approve', 'accurate', '2026-11-29T11:20:00Z', 'Article 25 settles it.'),
        review('Cy Park', 'approve', 'mixed', '2026-11-29T11:30:00Z'),
      ],
    });
    const w = claimWorkflow(c, { scale: DEFAULT_SCALE, requireReviews: 2, me: 'Bo Kim', wordsChanged: false });
    assert.deepStrictEqual(w.reviews.map((r) => [r.by, r.standing]), [
      ['Dee Ray', 'earlier'], ['Ann Lee', 'superseded'], ['Jane Doe', 'self'], ['ann lee', 'counts'], ['Cy Park', 'earlier'],
    ]);
    assert.deepStrictEqual([w.approvals, w.needed, w.state, w.stateLabel], [1, 2, 'awaiting-me', 'Awaiting my review']);
    assert.strictEqual(w.reviews[4].statusLabel, 'Mixed');
    assert.deepStrictEqual([w.approve.ok, w.dispute.ok, w.ratedByMe], [true, true, false]);
  });

  it('offers no sign-off to the rater, nor an approval of words that changed', () => {
    const mine = claimWorkflow(claim(), { scale: DEFAULT_SCALE, requireReviews: 1, me: 'JANE DOE', wordsChanged: false });
    assert.strictEqual(mine.ratedByMe, true);
    assert.ok(!mine.approve.ok && !mine.dispute.ok);
    assert.match(mine.approve.ok ? '' : mine.approve.message, /someone else has to review it/);
    const moved = claimWorkflow(claim(), { scale: DEFAULT_SCALE, requireReviews: 1, me: 'Ann Lee', wordsChanged: true });
    assert.ok(!moved.approve.ok && moved.dispute.ok);
  });

  it('shows the log with status labels, words as they were, and the assignee', () => {
    const c = claim({
      assignee: 'Sam Roe',
      log: [
        { date: '2026-11-29T12:00:00Z', by: 'Jane Doe', change: 'status', from: 'accurate', to: 'gone-status', reason: 'Why not.' },
        { date: '2026-11-29T13:00:00Z', change: 'wording', from: 'for 20 years', to: 'for twenty years' },
      ],
    });
    const w = claimWorkflow(c, { scale: DEFAULT_SCALE, requireReviews: 0, me: 'sam roe', wordsChanged: false });
    assert.deepStrictEqual(w.log, [
      { date: '2026-11-29T12:00:00Z', by: 'Jane Doe', change: 'status', from: 'True', to: 'gone-status', reason: 'Why not.' },
      { date: '2026-11-29T13:00:00Z', change: 'wording', from: 'for 20 years', to: 'for twenty years' },
    ]);
    assert.deepStrictEqual([w.assignee, w.assignedToMe], ['Sam Roe', true]);
  });
});

describe('workflow views: policy problems', () => {
  it('nothing without a policy; each breach on the claim’s words with a severity and the setting that asks for it', () => {
    const c = claim({ explanation: '', reviews: [review('Bo Kim', 'dispute', 'accurate', '2026-11-29T11:00:00Z', 'No.')] });
    assert.deepStrictEqual(policyProblems([entry(c)], { requireReviews: 0, requireSources: false }, DEFAULT_SCALE), []);
    const ps = policyProblems([entry(c), entry(claim({ id: 'open01', status: 'unverified' }))], { requireReviews: 1, requireSources: true }, DEFAULT_SCALE);
    assert.deepStrictEqual(ps.map((p) => [p.claimId, p.code, p.severity, p.start, p.end]), [
      ['k3xq7d', 'no-explanation', 'warning', 10, 39],
      ['k3xq7d', 'no-source', 'warning', 10, 39],
      ['k3xq7d', 'disputed', 'warning', 10, 39],
      ['k3xq7d', 'sign-off', 'information', 10, 39],
    ]);
    assert.match(ps[2].message, /^“remain effective for 20 years”: “True” is disputed by Bo Kim: No\. \(requireReviews in \.factmark\.yaml\)$/);
  });

  it('a claim not placed now keeps the line the sidecar gave', () => {
    const [p] = policyProblems([entry(claim({ line: 7 }), { state: 'orphaned', start: undefined, end: undefined })], { requireReviews: 1, requireSources: false }, DEFAULT_SCALE);
    assert.deepStrictEqual([p.start, p.end, p.lineHint, p.code], [undefined, undefined, 7, 'sign-off']);
  });
});
