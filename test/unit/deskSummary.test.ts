// The desk view's figures, computed in the core: per article and in total, per status and per
// workflow state, and that the claims a figure's link lists are exactly those it counts.
import * as assert from 'assert';
import fc from 'fast-check';
import type { Claim, Review } from '../../src/core/model';
import { claimsInFigure, deskSummary, inFigure, isDeskFigure, WORKFLOW_FIGURES, type DeskArticle, type DeskFigure } from '../../src/core/present/deskSummary';
import { DEFAULT_SCALE } from '../../src/core/statusScale';
import type { ArticleSnapshot, ClaimEntry, ClaimState, SidecarState } from '../../src/core/store/types';

const approve = (by: string, status: string, verdict: Review['verdict'] = 'approve'): Review => ({ by, date: '2026-11-29T11:00:00Z', verdict, status });

let n = 0;
function entry(status: string, extra: Partial<Claim> = {}, state: ClaimState = 'anchored'): ClaimEntry {
  const claim: Claim = { id: `c${++n}`, quote: `words ${n}`, before: '', after: '', status, sources: [], ...extra };
  return { claim, state, ...(state === 'orphaned' ? {} : { start: n * 10, end: n * 10 + 5 }), reason: '', confidence: 1 };
}

function article(path: string, claims: ClaimEntry[], sidecarState: SidecarState = 'ok'): DeskArticle {
  const key = `file:///ws/${path}`;
  const snapshot: ArticleSnapshot = { article: key, sidecar: `${key}.claims.yaml`, sidecarState, problems: [], dirty: false, dismissed: [], claims };
  return { article: key, path, snapshot };
}

const ctx = (me: string | undefined, requireReviews = 1) => ({ scale: DEFAULT_SCALE, requireReviews, me });

describe('desk summary', () => {
  const treaty = article('news/treaty.md', [
    entry('accurate', { rater: 'Jane Doe' }), // awaits Ann
    entry('accurate', { rater: 'Ann Lee' }), // Ann's own: awaits someone else
    entry('inaccurate', { rater: 'Jane Doe', reviews: [approve('Bo Kim', 'inaccurate')] }), // signed off
    entry('mixed', { rater: 'Jane Doe', reviews: [approve('Bo Kim', 'mixed', 'dispute')] }), // disputed
    entry('unverified', {}, 'changed'), // open, needs re-check
    entry('accurate', { rater: 'Jane Doe', recheck: true }), // verdict to confirm: re-check, not awaiting
    entry('inaccurate', { rater: 'Jane Doe' }, 'orphaned'), // orphaned, and still awaiting sign-off
  ]);
  const budget = article('a/budget.md', [entry('unverified'), entry('custom-x', {}, 'ambiguous')]);
  const broken = article('z/broken.md', [], 'broken');

  it('counts per status and per workflow state, per article and in total, articles in path order', () => {
    const s = deskSummary([treaty, broken, budget], ctx('Ann Lee'));
    assert.deepStrictEqual(s.rows.map((r) => r.path), ['a/budget.md', 'news/treaty.md', 'z/broken.md']);
    assert.deepStrictEqual(s.statuses.map((x) => x.key), [...DEFAULT_SCALE.statuses.map((x) => x.key), 'custom-x'], 'unknown statuses last');
    assert.strictEqual(s.statuses.at(-1)?.known, false);
    const t = s.rows[1];
    const col = (key: string) => t.byStatus[s.statuses.findIndex((x) => x.key === key)];
    assert.deepStrictEqual([t.total, t.settled, col('accurate'), col('inaccurate'), col('mixed'), col('unverified')], [7, 6, 3, 2, 1, 1]);
    assert.deepStrictEqual(t.figures, { 'awaiting-me': 2, awaiting: 3, disputed: 1, 'signed-off': 1, recheck: 2, orphaned: 1 });
    assert.deepStrictEqual(s.rows[0].figures, { 'awaiting-me': 0, awaiting: 0, disputed: 0, 'signed-off': 0, recheck: 1, orphaned: 0 });
    assert.strictEqual(s.rows[2].broken, true);
    assert.deepStrictEqual([s.totals.articles, s.totals.broken, s.totals.total, s.totals.settled], [3, 1, 9, 6]);
    assert.deepStrictEqual(s.totals.figures, { 'awaiting-me': 2, awaiting: 3, disputed: 1, 'signed-off': 1, recheck: 3, orphaned: 1 });
  });

  it('"awaiting my review" depends on who looks and on the policy', () => {
    assert.strictEqual(deskSummary([treaty], ctx('Jane Doe')).totals.figures['awaiting-me'], 1, 'Jane waits only on Ann’s verdict');
    assert.strictEqual(deskSummary([treaty], ctx(undefined)).totals.figures['awaiting-me'], 0, 'nothing awaits an unknown user');
    const two = deskSummary([treaty], ctx('Cy Park', 2)).totals.figures;
    assert.deepStrictEqual([two['awaiting-me'], two.awaiting, two['signed-off']], [4, 4, 0], 'one approval is not enough for two');
  });

  it('the claims behind a figure are exactly those it counts, of one article or all', () => {
    const all = [treaty, budget, broken];
    const c = ctx('Ann Lee');
    const s = deskSummary(all, c);
    const figures: DeskFigure[] = [{ kind: 'all' }, ...s.statuses.map((x) => ({ kind: 'status' as const, key: x.key })), ...WORKFLOW_FIGURES.map((kind) => ({ kind }))];
    for (const f of figures) {
      const count = f.kind === 'all' ? s.totals.total : f.kind === 'status' ? s.totals.byStatus[s.statuses.findIndex((x) => x.key === f.key)] : s.totals.figures[f.kind];
      assert.strictEqual(claimsInFigure(all, f, c).length, count, JSON.stringify(f));
      for (const row of s.rows) {
        const inRow = f.kind === 'all' ? row.total : f.kind === 'status' ? row.byStatus[s.statuses.findIndex((x) => x.key === f.key)] : row.figures[f.kind];
        const listed = claimsInFigure(all, f, c, row.article);
        assert.strictEqual(listed.length, inRow, `${row.path} ${JSON.stringify(f)}`);
        assert.ok(listed.every((x) => x.article === row.article && inFigure(x.entry, f, c)));
      }
    }
    assert.deepStrictEqual(claimsInFigure(all, { kind: 'recheck' }, c).map((x) => x.article), [budget.article, treaty.article, treaty.article], 'in path order');
  });

  it('totals are the sums of the rows, whatever the claims (property)', () => {
    const statuses = ['unverified', 'accurate', 'inaccurate', 'odd'];
    const states: ClaimState[] = ['anchored', 'moved', 'changed', 'ambiguous', 'orphaned'];
    const people = ['Ann Lee', 'Bo Kim', 'ann lee'];
    const claimArb = fc.record({
      status: fc.constantFrom(...statuses), state: fc.constantFrom(...states), recheck: fc.boolean(),
      rater: fc.option(fc.constantFrom(...people), { nil: undefined }),
      reviews: fc.array(fc.record({ by: fc.constantFrom(...people), verdict: fc.constantFrom<Review['verdict']>('approve', 'dispute'), status: fc.constantFrom(...statuses) }), { maxLength: 3 }),
    });
    fc.assert(fc.property(fc.array(fc.array(claimArb, { maxLength: 6 }), { maxLength: 4 }), fc.constantFrom('Ann Lee', 'Bo Kim', undefined), fc.nat(3), (arts, me, req) => {
      const all = arts.map((cs, i) => article(`p${i}.md`, cs.map((x) => entry(x.status, {
        ...(x.rater ? { rater: x.rater } : {}), ...(x.recheck ? { recheck: true } : {}),
        reviews: x.reviews.map((r) => approve(r.by, r.status, r.verdict)),
      }, x.state))));
      const s = deskSummary(all, ctx(me, req));
      const sum = (pick: (r: (typeof s.rows)[number]) => number) => s.rows.reduce((a, r) => a + pick(r), 0);
      assert.strictEqual(s.totals.total, sum((r) => r.total));
      for (const f of WORKFLOW_FIGURES) assert.strictEqual(s.totals.figures[f], sum((r) => r.figures[f]));
      for (const r of s.rows) {
        assert.strictEqual(r.byStatus.reduce((a, b) => a + b, 0), r.total, 'every claim in one status column');
        assert.ok(r.figures['awaiting-me'] <= r.figures.awaiting && r.figures.awaiting + r.figures.disputed + r.figures['signed-off'] <= r.settled);
      }
    }), { numRuns: 200 });
  });

  it('reads only figures it knows from a message', () => {
    assert.ok(isDeskFigure({ kind: 'status', key: 'accurate' }));
    assert.ok(isDeskFigure({ kind: 'awaiting-me' }));
    for (const bad of [undefined, null, 'all', { kind: 'status' }, { kind: 'status', key: 3 }, { kind: 'constructor' }, { kind: '__proto__' }]) assert.ok(!isDeskFigure(bad), JSON.stringify(bad));
  });
});
