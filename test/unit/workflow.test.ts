// The newsroom workflow in the core: the status with its rater and the corrections log, reviews
// counted per status and per person (never the rater's own), where a claim stands, and the
// policy that `factmark check` and the editor apply.
import * as assert from 'assert';
import { breaches, type Policy } from '../../src/core/check/policy';
import { loadConfig } from '../../src/core/config';
import type { Claim, Review } from '../../src/core/model';
import { DEFAULT_SCALE } from '../../src/core/statusScale';
import { ClaimStore } from '../../src/core/store/claimStore';
import { StoreError } from '../../src/core/store/types';
import { appendLog } from '../../src/core/workflow/log';
import { samePerson } from '../../src/core/workflow/people';
import { awaitsReviewBy, mayReview, reviewState, summarizeReviews } from '../../src/core/workflow/reviews';
import { reasonFor } from '../../src/core/workflow/statusChange';

const ARTICLE = 'file:///ws/treaty.md';
const TEXT = 'The treaty was signed in Moscow on Friday. It will remain effective for 20 years. Trade grew by 15% last year.';
const WORDS = 'remain effective for 20 years';

/** A store whose clock ticks a minute per change and whose user is whoever `as` names. */
function desk(first = 'Jane Doe') {
  let t = 0;
  let me: string | undefined = first;
  const s = new ClaimStore({ scale: DEFAULT_SCALE, now: () => `2026-11-29T${String(10 + Math.floor(t / 60)).padStart(2, '0')}:${String(t++ % 60).padStart(2, '0')}:00Z`, author: () => me });
  s.open(ARTICLE, ARTICLE + '.claims.yaml', 'treaty.md');
  s.loadSidecar(ARTICLE, undefined);
  s.setArticleText(ARTICLE, TEXT);
  const id = s.addClaim(ARTICLE, TEXT.indexOf(WORDS), TEXT.indexOf(WORDS) + WORDS.length).id;
  return {
    s, id,
    as(name: string | undefined) { me = name; return this; },
    get claim(): Claim { return s.claim(ARTICLE, id)!.claim; },
  };
}

const review = (by: string, verdict: Review['verdict'], status: string, date: string, note?: string): Review =>
  ({ by, verdict, status, date, ...(note ? { note } : {}) });

const claimWith = (extra: Partial<Claim>): Claim => ({ id: 'k3xq7d', quote: 'q', before: '', after: '', status: 'accurate', sources: [], ...extra });

describe('workflow: status, rater and the corrections log', () => {
  it('setting a status records who set it and when; a first verdict is not logged', () => {
    const d = desk();
    assert.strictEqual(d.claim.rater, undefined, 'a claim marked without a status has no rater');
    d.s.setStatus(ARTICLE, d.id, 'in-progress');
    d.as('Sam Roe').s.setStatus(ARTICLE, d.id, 'accurate');
    assert.strictEqual(d.claim.status, 'accurate');
    assert.strictEqual(d.claim.rater, 'Sam Roe');
    assert.strictEqual(d.claim.rated, d.claim.updated);
    assert.strictEqual(d.claim.log, undefined, 'open → verdict is not a correction');
  });

  it('a changed verdict needs a reason and keeps the change in the log; nothing changes without it', () => {
    const d = desk();
    d.s.setStatus(ARTICLE, d.id, 'accurate');
    const before = structuredClone(d.claim);
    assert.throws(() => d.s.setStatus(ARTICLE, d.id, 'inaccurate'), (e: unknown) => e instanceof StoreError && /needs a reason/.test(e.message));
    assert.throws(() => d.s.setStatus(ARTICLE, d.id, 'inaccurate', { reason: '   ' }), StoreError);
    assert.deepStrictEqual(d.claim, before, 'a refused change leaves the claim as it was');
    d.as('Ann Lee').s.setStatus(ARTICLE, d.id, 'inaccurate', { reason: ' Article 25 says ten years. ' });
    assert.deepStrictEqual(d.claim.log, [{ date: d.claim.rated, by: 'Ann Lee', change: 'status', from: 'accurate', to: 'inaccurate', reason: 'Article 25 says ten years.' }]);
    assert.strictEqual(d.claim.rater, 'Ann Lee');
  });

  it('a verdict taken back to an open status is logged, the reason optional', () => {
    const d = desk();
    d.s.setStatus(ARTICLE, d.id, 'accurate');
    d.s.setStatus(ARTICLE, d.id, 'in-progress');
    d.s.setStatus(ARTICLE, d.id, 'mixed');
    d.s.setStatus(ARTICLE, d.id, 'unverified', { reason: 'New figures are out.' });
    assert.deepStrictEqual(d.claim.log?.map((l) => [l.from, l.to, l.reason]), [
      ['accurate', 'in-progress', undefined],
      ['mixed', 'unverified', 'New figures are out.'],
    ]);
  });

  it('the same status again changes nothing, unless its words were replaced: then it confirms the verdict', () => {
    const d = desk();
    d.s.setStatus(ARTICLE, d.id, 'accurate');
    const rated = structuredClone(d.claim);
    d.as('Bo Kim').s.setStatus(ARTICLE, d.id, 'accurate');
    assert.deepStrictEqual(d.claim, rated, 'no new rater, date or log entry');
    d.s.updateClaim(ARTICLE, d.id, { recheck: true });
    d.s.setStatus(ARTICLE, d.id, 'accurate');
    assert.strictEqual(d.claim.recheck, undefined, 'setting the status clears recheck');
    assert.strictEqual(d.claim.rater, 'Bo Kim');
    assert.ok(d.claim.rated! > rated.rated!);
    assert.strictEqual(d.claim.log, undefined, 'confirming is not a change of verdict');
  });

  it('a status given when marking sets the rater; a status off the scale is refused', () => {
    const d = desk();
    const c = d.s.addClaim(ARTICLE, 0, 10, { status: 'inaccurate' });
    assert.strictEqual(c.rater, 'Jane Doe');
    assert.strictEqual(c.rated, c.created);
    assert.throws(() => d.s.setStatus(ARTICLE, d.id, 'true'), /not a status/);
  });

  it('without a known user the status is still set, with no rater (the old rater is not kept)', () => {
    const d = desk();
    d.s.setStatus(ARTICLE, d.id, 'accurate');
    d.as(undefined).s.setStatus(ARTICLE, d.id, 'mixed', { reason: 'Partly.' });
    assert.strictEqual(d.claim.rater, undefined);
    assert.strictEqual(d.claim.log?.[0].by, undefined);
  });

  it('reasonFor says when the prompt must insist', () => {
    const c = claimWith({ status: 'accurate' });
    assert.strictEqual(reasonFor(c, 'inaccurate', DEFAULT_SCALE), 'required');
    assert.strictEqual(reasonFor(c, 'in-progress', DEFAULT_SCALE), 'optional');
    assert.strictEqual(reasonFor(c, 'accurate', DEFAULT_SCALE), 'none');
    assert.strictEqual(reasonFor(claimWith({ status: 'unverified' }), 'accurate', DEFAULT_SCALE), 'none');
  });

  it('appendLog writes no empty field and leaves the old log alone', () => {
    const old = [{ date: '2026-11-29T09:00:00Z', change: 'wording' as const, from: 'a', to: 'b' }];
    const next = appendLog(old, { change: 'status', from: 'accurate', to: 'mixed', date: '2026-11-29T10:00:00Z', by: '  ', reason: '' });
    assert.deepStrictEqual(next[1], { date: '2026-11-29T10:00:00Z', change: 'status', from: 'accurate', to: 'mixed' });
    assert.strictEqual(old.length, 1);
  });
});

describe('workflow: reviews', () => {
  it('count per person, for the current status only, latest say first; the rater never counts', () => {
    const c = claimWith({
      rater: 'Jane Doe', rated: '2026-11-29T10:00:00Z',
      reviews: [
        review('Ann Lee', 'approve', 'accurate', '2026-11-29T11:00:00Z'),
        review('ann lee', 'approve', 'accurate', '2026-11-29T11:30:00Z'),
        review('Bo Kim', 'approve', 'accurate', '2026-11-29T12:00:00Z'),
        review('Bo Kim', 'dispute', 'accurate', '2026-11-29T12:30:00Z', 'Renewable, not fixed.'),
        review('Cy Park', 'approve', 'mostly-accurate', '2026-11-29T12:40:00Z'),
        review('JANE  DOE', 'approve', 'accurate', '2026-11-29T12:50:00Z'),
        review('Dee Ray', 'approve', 'accurate', '2026-11-29T09:00:00Z'),
      ],
    });
    const s = summarizeReviews(c, 2);
    assert.deepStrictEqual(s.approvedBy, ['ann lee'], 'Ann once; Bo changed his mind');
    assert.deepStrictEqual(s.disputes.map((r) => [r.by, r.note]), [['Bo Kim', 'Renewable, not fixed.']]);
    assert.deepStrictEqual(s.selfReviews.map((r) => r.by), ['JANE  DOE']);
    assert.deepStrictEqual(s.earlier.map((r) => r.by), ['Cy Park', 'Dee Ray'], 'another status, or before the current rating');
    assert.strictEqual(reviewState(c, DEFAULT_SCALE, 2), 'disputed');
  });

  it('a verdict changed and changed back needs sign-off again', () => {
    const c = claimWith({ rater: 'Jane Doe', rated: '2026-11-29T10:00:00Z', reviews: [review('Ann Lee', 'approve', 'accurate', '2026-11-29T11:00:00Z')] });
    assert.strictEqual(reviewState(c, DEFAULT_SCALE, 1), 'signed-off');
    // Dates are compared as times, not as text: 11:30+01:00 is 10:30Z, before the review at 11:00Z.
    assert.strictEqual(reviewState({ ...c, rated: '2026-11-29T11:30:00+01:00' }, DEFAULT_SCALE, 1), 'signed-off');
    assert.strictEqual(reviewState({ ...c, rated: '2026-11-29T12:30:00+01:00' }, DEFAULT_SCALE, 1), 'awaiting', 'the review predates the rating');
    assert.strictEqual(reviewState({ ...c, status: 'mixed' }, DEFAULT_SCALE, 1), 'awaiting');
  });

  it('review states: open, recheck, awaiting, signed off with enough approvals', () => {
    const two = [review('Ann Lee', 'approve', 'accurate', '2026-11-29T11:00:00Z'), review('Bo Kim', 'approve', 'accurate', '2026-11-29T11:05:00Z')];
    assert.strictEqual(reviewState(claimWith({ status: 'in-progress', reviews: two }), DEFAULT_SCALE, 1), 'open');
    assert.strictEqual(reviewState(claimWith({ recheck: true, reviews: two }), DEFAULT_SCALE, 1), 'recheck');
    assert.strictEqual(reviewState(claimWith({}), DEFAULT_SCALE, 0), 'awaiting', 'without a policy one approval signs off');
    assert.strictEqual(reviewState(claimWith({ reviews: two.slice(0, 1) }), DEFAULT_SCALE, 2), 'awaiting');
    assert.strictEqual(reviewState(claimWith({ reviews: two }), DEFAULT_SCALE, 2), 'signed-off');
  });

  it('awaits my review only when I did not rate it and have not approved it', () => {
    const c = claimWith({ rater: 'Jane Doe', reviews: [review('Ann Lee', 'approve', 'accurate', '2026-11-29T11:00:00Z')] });
    assert.ok(awaitsReviewBy(c, DEFAULT_SCALE, 2, 'Bo Kim'));
    assert.ok(!awaitsReviewBy(c, DEFAULT_SCALE, 2, 'jane doe'), 'the rater');
    assert.ok(!awaitsReviewBy(c, DEFAULT_SCALE, 2, 'Ann Lee'), 'already approved');
    assert.ok(!awaitsReviewBy(c, DEFAULT_SCALE, 1, 'Bo Kim'), 'already signed off');
    assert.ok(!awaitsReviewBy(c, DEFAULT_SCALE, 2, undefined));
  });

  it('the store records a review of the current status and refuses a self-review', () => {
    const d = desk();
    d.s.setStatus(ARTICLE, d.id, 'accurate');
    assert.throws(() => d.s.review(ARTICLE, d.id, 'approve'), (e: unknown) => e instanceof StoreError && /You rated this claim/.test(e.message));
    assert.throws(() => d.as('jane  doe').s.review(ARTICLE, d.id, 'dispute'), /You rated this claim/, 'the same person, typed differently');
    assert.strictEqual(d.claim.reviews, undefined);
    d.as('Ann Lee').s.review(ARTICLE, d.id, 'approve', { note: ' Checked Article 25. ' });
    assert.deepStrictEqual(d.claim.reviews, [{ by: 'Ann Lee', date: d.claim.updated, verdict: 'approve', status: 'accurate', note: 'Checked Article 25.' }]);
    assert.throws(() => d.s.review(ARTICLE, d.id, 'approve'), /already signed off/);
    d.s.review(ARTICLE, d.id, 'dispute');
    assert.strictEqual(reviewState(d.claim, DEFAULT_SCALE, 1), 'disputed', 'the latest say of a person wins');
  });

  it('refuses to review an open claim, an unknown reviewer, and approving words that changed', () => {
    const d = desk();
    assert.throws(() => d.as('Ann Lee').s.review(ARTICLE, d.id, 'approve'), /Only a verdict can be reviewed/);
    d.as('Jane Doe').s.setStatus(ARTICLE, d.id, 'accurate');
    assert.throws(() => d.as(undefined).s.review(ARTICLE, d.id, 'approve'), /does not know who you are/);
    d.as('Jane Doe').s.updateClaim(ARTICLE, d.id, { recheck: true });
    assert.throws(() => d.as('Ann Lee').s.review(ARTICLE, d.id, 'approve'), /confirmed/);
    d.s.review(ARTICLE, d.id, 'dispute', { note: 'Old wording.' });
    assert.strictEqual(d.claim.reviews?.length, 1, 'a dispute is still possible');
    const changed = claimWith({ rater: 'Jane Doe' });
    assert.deepStrictEqual(mayReview(changed, 'approve', DEFAULT_SCALE, 'Ann Lee', true).ok, false);
    assert.deepStrictEqual(mayReview(changed, 'dispute', DEFAULT_SCALE, 'Ann Lee', true).ok, true);
  });

  it('samePerson ignores case and spacing, never matches a missing name', () => {
    assert.ok(samePerson('Jane Doe', ' jane   DOE '));
    assert.ok(!samePerson('Jane Doe', 'Jane Roe'));
    assert.ok(!samePerson(undefined, undefined));
    assert.ok(!samePerson('', ''));
  });
});

describe('workflow: policy', () => {
  const policy = (requireReviews: number, requireSources = false): Policy => ({ requireReviews, requireSources, failOn: new Set() });
  const codes = (c: Claim, p: Policy) => breaches(c, 'anchored', p, DEFAULT_SCALE).map((b) => b.code);

  it('asks each verdict for N sign-offs by others, reports disputes and replaced words', () => {
    const reviewed = claimWith({ rater: 'Jane Doe', explanation: 'x', sources: [{ url: 'https://example.org' }],
      reviews: [review('Jane Doe', 'approve', 'accurate', '2026-11-29T11:00:00Z'), review('Ann Lee', 'approve', 'accurate', '2026-11-29T11:00:00Z')] });
    assert.deepStrictEqual(codes(reviewed, policy(0)), []);
    assert.deepStrictEqual(codes(reviewed, policy(1)), []);
    const two = breaches(reviewed, 'anchored', policy(2), DEFAULT_SCALE);
    assert.deepStrictEqual(two.map((b) => b.code), ['sign-off']);
    assert.match(two[0].message, /needs 2 sign-offs of “True” by someone other than its rater, has 1 \(Ann Lee\); its rater’s own review does not count/);
    const disputed = { ...reviewed, reviews: [...reviewed.reviews!, review('Bo Kim', 'dispute', 'accurate', '2026-11-29T12:00:00Z', 'Renewable.\u001b[2J')] };
    const d = breaches(disputed, 'anchored', policy(1), DEFAULT_SCALE);
    assert.deepStrictEqual(d.map((b) => b.code), ['disputed']);
    assert.match(d[0].message, /disputed by Bo Kim: Renewable\. \[2J$/, 'control characters from the file do not reach the message');
    assert.deepStrictEqual(codes({ ...reviewed, recheck: true }, policy(1)), ['recheck']);
    assert.deepStrictEqual(codes({ ...reviewed, status: 'in-progress' }, policy(3)), [], 'open claims need no sign-off');
  });

  it('sources and explanation, as before', () => {
    assert.deepStrictEqual(codes(claimWith({}), policy(0, true)), ['no-explanation', 'no-source']);
    assert.deepStrictEqual(codes(claimWith({ status: 'unproven' }), policy(0, true)), ['no-explanation'], 'no source needed without a rating');
  });

  it('.factmark.yaml: requireReviews and requireSources, bad values reported at their place', () => {
    assert.deepStrictEqual(loadConfig('requireReviews: 2\nrequireSources: true\n').policy, { requireReviews: 2, requireSources: true });
    assert.deepStrictEqual(loadConfig().policy, { requireReviews: 0, requireSources: false });
    const bad = loadConfig('requireReviews: two\nrequireSources: yes please\n', 'repo/.factmark.yaml');
    assert.deepStrictEqual(bad.policy, { requireReviews: 0, requireSources: false });
    assert.deepStrictEqual(bad.problems.map((p) => [p.code, p.file, p.line, p.column]), [['config-invalid', 'repo/.factmark.yaml', 1, 17], ['config-invalid', 'repo/.factmark.yaml', 2, 17]]);
    assert.match(loadConfig('requireReview: 1\n').problems[0].message, /Did you mean "requireReviews"/);
    assert.match(loadConfig('requireReviews: 1.5\n').problems[0].message, /whole number from 0 to 10/);
  });
});
