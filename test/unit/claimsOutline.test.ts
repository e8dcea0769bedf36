// The Claims panel's outline, without VS Code: what is listed where, and that an event about one
// article redraws that article's node only and keeps the totals right (kept incrementally, they
// must always equal what a fresh outline computes from scratch).
import * as assert from 'assert';
import fc from 'fast-check';
import { ClaimsOutline, EXPAND_ARTICLES_UP_TO, EXPAND_GROUPS_UP_TO, type OutlineRefresh, type OutlineSource } from '../../src/core/present/claimsOutline';
import type { ClaimFilter } from '../../src/core/present/claimFilter';
import type { GroupBy } from '../../src/core/present/outlineGroupings';
import { nodeId, parseNodeId, type OutlineNode } from '../../src/core/present/outlineIds';
import type { Claim, Review } from '../../src/core/model';
import { DEFAULT_SCALE, type StatusScale } from '../../src/core/statusScale';
import type { ArticleSnapshot, ClaimEntry, ClaimState, SidecarState } from '../../src/core/store/types';
import type { Suggestion } from '../../src/core/suggest/suggestClaims';
import { ProgressCount } from '../../src/core/store/progress';

interface FakeClaim { id: string; status: string; state?: ClaimState; words?: string; quote?: string; rater?: string; assignee?: string; reviews?: Review[] }
interface FakeArticle { claims: FakeClaim[]; sidecarState?: SidecarState; suggestions?: number }

/** A source over plain data, counting what the outline asks for. */
class FakeSource implements OutlineSource {
  scale: StatusScale = DEFAULT_SCALE;
  me: string | undefined = 'Ann Lee';
  requireReviews = 1;
  readonly articles = new Map<string, FakeArticle>();
  readonly asked = { snapshot: 0, sortKey: 0, claim: 0 };
  /** Typing moves every range: entries from later reads say so. */
  shift = 0;
  private readonly claims = new Map<string, Claim>();

  set(article: string, a: FakeArticle | undefined): void {
    if (a) this.articles.set(article, a); else this.articles.delete(article);
  }

  snapshot(article: string): ArticleSnapshot | undefined {
    this.asked.snapshot++;
    const a = this.articles.get(article);
    if (!a) return undefined;
    return {
      article, sidecar: `${article}.claims.yaml`, sidecarState: a.sidecarState ?? 'ok', problems: [], dirty: false, dismissed: [],
      claims: a.claims.map((c, i) => this.entryOf(article, c, i)),
    };
  }

  claim(article: string, id: string): ClaimEntry | undefined {
    this.asked.claim++;
    const claims = this.articles.get(article)?.claims ?? [];
    const i = claims.findIndex((c) => c.id === id);
    return i < 0 ? undefined : this.entryOf(article, claims[i], i);
  }

  private entryOf(article: string, c: FakeClaim, i: number): ClaimEntry {
    return { claim: this.claimOf(article, c), state: c.state ?? 'anchored', start: i * 10 + this.shift, end: i * 10 + 5 + this.shift, ...(c.words !== undefined ? { currentText: c.words } : {}), reason: '', confidence: 1 };
  }

  suggestions(article: string): readonly Suggestion[] | undefined {
    const n = this.articles.get(article)?.suggestions ?? 0;
    return n ? Array.from({ length: n }, (_, i) => ({ start: 1000 + i * 10, end: 1005 + i * 10, text: `s${i}`, score: 3, reasons: ['figure'] })) : undefined;
  }

  desk() {
    return { scale: this.scale, requireReviews: this.requireReviews, me: this.me };
  }

  sortKey(article: string): string {
    this.asked.sortKey++;
    return article.replace(/^file:\/\/\/ws\//, '');
  }

  /** The same Claim object while its data is unchanged, as the store hands out. */
  private claimOf(article: string, c: FakeClaim): Claim {
    const key = JSON.stringify([article, c.id, c.status, c.quote ?? '', c.rater, c.assignee, c.reviews]);
    let claim = this.claims.get(key);
    if (!claim) {
      claim = {
        id: c.id, quote: c.quote ?? `words of ${c.id}`, before: '', after: '', status: c.status, sources: [],
        ...(c.rater ? { rater: c.rater } : {}), ...(c.assignee ? { assignee: c.assignee } : {}), ...(c.reviews ? { reviews: c.reviews } : {}),
      };
      this.claims.set(key, claim);
    }
    return claim;
  }
}

const A = 'file:///ws/b-budget.md';
const B = 'file:///ws/a-treaty.md';
const C = 'file:///ws/c/harbour.md';

function setup(articles: Record<string, FakeArticle>): { src: FakeSource; o: ClaimsOutline } {
  const src = new FakeSource();
  for (const [k, v] of Object.entries(articles)) src.set(k, v);
  const o = new ClaimsOutline(src);
  o.update(Object.keys(articles));
  return { src, o };
}

const kinds = (o: ClaimsOutline, ids: string[]) => ids.map((id) => o.node(id)?.kind);

/** How every node looks now: its children, its size, and what its item shows. */
function looks(o: ClaimsOutline): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (id: string) => {
    const n = o.node(id);
    let shows = '';
    if (n?.kind === 'claim') { const e = o.row(n.article)?.byId.get(n.id); shows = `${e?.claim.status} ${e?.state} ${e?.currentText}`; }
    if (n?.kind === 'article') { const r = o.row(n.article); shows = JSON.stringify([r?.progress.settled, r?.progress.total, r?.progress.needsRecheck, r?.progress.orphaned, r?.visible.length, r?.suggestions.length, r?.snapshot?.sidecarState]); }
    out.set(id, JSON.stringify([o.children(id), o.groupSize(id), shows]));
    for (const c of o.children(id)) walk(c);
  };
  for (const r of o.roots()) walk(r);
  return out;
}

/** What changed is redrawn: the node itself or one above it, or the whole tree (`before`, `roots`: looks() and roots() before the change). */
function assertRedrawn(o: ClaimsOutline, r: OutlineRefresh, before: Map<string, string>, roots: string[]): void {
  if (r.all) return;
  assert.deepStrictEqual(o.roots(), roots, 'the roots changed without a full redraw');
  for (const [id, now] of looks(o)) {
    if (before.get(id) === now || before.get(id) === undefined) continue;
    let covered = false;
    for (let at: string | undefined = id; at !== undefined && !covered; at = o.parent(at)) covered = r.ids.includes(at);
    assert.ok(covered, `${id} changed but neither it nor a node above it is redrawn`);
  }
}

/** What each article's row holds but where its claims are (which the panel never shows). */
function rows(o: ClaimsOutline, articles: readonly string[]): unknown {
  const entry = (e: ClaimEntry) => [e.claim, e.state, e.currentText, e.reason, e.confidence];
  return articles.map((a) => {
    const r = o.row(a);
    return r && {
      visible: r.visible.map(entry), byId: [...r.byId].map(([id, e]) => [id, entry(e)]), recheck: r.recheck.map(entry),
      progress: { ...r.progress, byStatus: [...r.progress.byStatus] }, open: r.open, troubled: r.troubled, groups: [...r.groups], suggestions: r.suggestions, sortKey: r.sortKey,
      sidecarState: r.snapshot?.sidecarState, claimCount: r.snapshot?.claims.length,
    };
  });
}

/** Everything the outline shows, walked from the roots: ids with their children, labels of sizes. */
function dump(o: ClaimsOutline): unknown {
  const walk = (id: string): unknown => ({ id, size: o.groupSize(id), children: o.children(id).map(walk) });
  return { open: o.openCount(), roots: o.roots().map(walk) };
}

describe('Claims outline', () => {
  it('lists articles in path order with their claims, the re-check and error groups first', () => {
    const { o } = setup({
      [A]: { claims: [{ id: 'a1', status: 'accurate' }, { id: 'a2', status: 'unverified', state: 'changed' }] },
      [B]: { claims: [{ id: 'b1', status: 'inaccurate', state: 'orphaned' }] },
      [C]: { claims: [], sidecarState: 'broken' },
    });
    const roots = o.roots();
    assert.deepStrictEqual(roots, ['recheck', 'errors', `article:${B}`, `article:${A}`]);
    assert.deepStrictEqual(o.children('recheck'), [`claim:recheck:b1:${B}`, `claim:recheck:a2:${A}`]);
    assert.deepStrictEqual(o.children('errors'), [`sidecarError:${C}`]);
    assert.deepStrictEqual(o.children(`article:${A}`), [`claim:article:a1:${A}`, `claim:article:a2:${A}`]);
    assert.strictEqual(o.groupSize('recheck'), 2);
    // a2 is unsettled and changed, b1 is settled but orphaned (not counted as open), a1 is done.
    assert.strictEqual(o.openCount(), 1);
  });

  it('groups by status in the order of the scale, statuses it does not know last', () => {
    const { o } = setup({
      [A]: { claims: [{ id: 'a1', status: 'inaccurate' }, { id: 'a2', status: 'zzz-custom' }, { id: 'a3', status: 'accurate' }] },
      [B]: { claims: [{ id: 'b1', status: 'accurate' }, { id: 'b2', status: 'aaa-custom' }] },
    });
    o.setGroupBy('status');
    assert.deepStrictEqual(o.roots(), ['group:status:accurate', 'group:status:inaccurate', 'group:status:aaa-custom', 'group:status:zzz-custom']);
    assert.deepStrictEqual(o.children('group:status:accurate'), [`claim:group:b1:${B}`, `claim:group:a3:${A}`]);
    assert.strictEqual(o.groupSize('group:status:accurate'), 2);
    assert.strictEqual(o.claimNode(A, 'a3'), `claim:group:a3:${A}`);
  });

  it('groups by review state for the current user: what asks for my action first, signed off last', () => {
    const approve = (by: string, status = 'accurate'): Review => ({ by, date: '2026-11-29T11:00:00Z', verdict: 'approve', status });
    const { src, o } = setup({
      [A]: { claims: [
        { id: 'a1', status: 'accurate', rater: 'Jane Doe' },
        { id: 'a2', status: 'accurate', rater: 'Ann Lee' },
        { id: 'a3', status: 'unverified' },
        { id: 'a4', status: 'inaccurate', rater: 'Jane Doe', reviews: [approve('Bo Kim', 'inaccurate')] },
      ] },
      [B]: { claims: [
        { id: 'b1', status: 'accurate', rater: 'Jane Doe', reviews: [{ ...approve('Bo Kim'), verdict: 'dispute' }] },
        { id: 'b2', status: 'accurate', rater: 'Jane Doe', reviews: [approve('Bo Kim', 'mixed')] },
      ] },
    });
    o.setGroupBy('review');
    assert.deepStrictEqual(o.roots(), ['group:review:awaiting-me', 'group:review:disputed', 'group:review:awaiting-others', 'group:review:open', 'group:review:signed-off']);
    // b2's approval was of an earlier verdict: it awaits a review of the current one.
    assert.deepStrictEqual(o.children('group:review:awaiting-me'), [`claim:group:b2:${B}`, `claim:group:a1:${A}`]);
    assert.deepStrictEqual(o.children('group:review:awaiting-others'), [`claim:group:a2:${A}`], 'my own verdict waits for someone else');
    assert.deepStrictEqual(o.children('group:review:signed-off'), [`claim:group:a4:${A}`]);
    assert.strictEqual(o.parent(`claim:group:b1:${B}`), 'group:review:disputed');
    // Who "I" am and the policy change the groups: the view then rebuilds everything.
    src.me = 'Jane Doe';
    src.requireReviews = 2;
    assert.deepStrictEqual(o.refreshAll(), { all: true });
    assert.deepStrictEqual(o.roots(), ['group:review:awaiting-me', 'group:review:disputed', 'group:review:awaiting-others', 'group:review:open']);
    assert.deepStrictEqual(o.children('group:review:awaiting-me'), [`claim:group:a2:${A}`]);
    assert.deepStrictEqual(o.children('group:review:awaiting-others'), [`claim:group:b2:${B}`, `claim:group:a1:${A}`, `claim:group:a4:${A}`]);
  });

  it('groups by assignee: mine first, then by name, unassigned last', () => {
    const { o } = setup({
      [A]: { claims: [{ id: 'a1', status: 'accurate', assignee: 'Zoe Ng' }, { id: 'a2', status: 'unverified' }, { id: 'a3', status: 'unverified', assignee: 'ann  lee ' }] },
      [B]: { claims: [{ id: 'b1', status: 'accurate', assignee: 'bo kim' }, { id: 'b2', status: 'accurate', assignee: 'Zoe Ng' }] },
    });
    o.setGroupBy('assignee');
    assert.deepStrictEqual(o.roots(), ['group:assignee:ann lee', 'group:assignee:bo kim', 'group:assignee:zoe ng', 'group:assignee:']);
    assert.deepStrictEqual(o.children('group:assignee:zoe ng'), [`claim:group:b2:${B}`, `claim:group:a1:${A}`]);
    assert.deepStrictEqual(o.children('group:assignee:'), [`claim:group:a2:${A}`]);
    assert.strictEqual(o.parent(`claim:group:a3:${A}`), 'group:assignee:ann lee');
    // One group per person however the name is typed.
    const { o: o2 } = setup({ [A]: { claims: [{ id: 'a1', status: 'accurate', assignee: 'Bo Kim' }, { id: 'a2', status: 'accurate', assignee: 'bo  KIM' }] } });
    o2.setGroupBy('assignee');
    assert.deepStrictEqual(o2.roots(), ['group:assignee:bo kim']);
    assert.strictEqual(o2.groupSize('group:assignee:bo kim'), 2);
  });

  it('filters by review state and by assignee: any value of one kind, every kind given', () => {
    const { src, o } = setup({
      [A]: { claims: [
        { id: 'a1', status: 'accurate', rater: 'Jane Doe', assignee: 'Ann Lee' },
        { id: 'a2', status: 'accurate', rater: 'Jane Doe' },
        { id: 'a3', status: 'unverified', assignee: 'ANN LEE' },
        { id: 'a4', status: 'unverified', assignee: 'Bo Kim' },
      ] },
      [B]: { claims: [{ id: 'b1', status: 'unverified', assignee: 'Cy Park' }] },
    });
    o.setFilter({ review: ['awaiting-me'] });
    assert.deepStrictEqual(o.children(`article:${A}`), [`claim:article:a1:${A}`, `claim:article:a2:${A}`]);
    assert.deepStrictEqual(o.roots(), [`article:${A}`], 'an article with nothing awaiting me is hidden');
    o.setFilter({ assignees: { me: true } });
    assert.deepStrictEqual(o.children(`article:${A}`), [`claim:article:a1:${A}`, `claim:article:a3:${A}`], 'names compare case-insensitively');
    o.setFilter({ assignees: { nobody: true, names: ['bo kim'] } });
    assert.deepStrictEqual(o.children(`article:${A}`), [`claim:article:a2:${A}`, `claim:article:a4:${A}`]);
    o.setFilter({ review: ['open'], assignees: { me: true } });
    assert.deepStrictEqual(o.children(`article:${A}`), [`claim:article:a3:${A}`]);
    // Without a current user, "me" matches nobody and nothing awaits "my" review.
    src.me = undefined;
    o.setFilter({ review: ['awaiting-me'], assignees: { me: true } });
    assert.deepStrictEqual(o.roots(), []);
  });

  it('every child names its parent, so reveal finds any node', () => {
    const { o } = setup({
      [A]: { claims: [{ id: 'a1', status: 'accurate', state: 'ambiguous' }, { id: 'a2', status: 'mixed' }], suggestions: 2 },
      [B]: { claims: [{ id: 'b1', status: 'mixed' }], sidecarState: 'conflict' },
    });
    for (const g of ['article', 'status', 'review', 'assignee'] as const) {
      o.setGroupBy(g);
      const check = (id: string) => {
        for (const child of o.children(id)) {
          assert.strictEqual(o.parent(child), id, `${child} under ${id}`);
          check(child);
        }
      };
      for (const r of o.roots()) { assert.strictEqual(o.parent(r), undefined); check(r); }
    }
  });

  it('a filter hides claims, articles left without any, and suggestions (which have no status)', () => {
    const { o } = setup({
      [A]: { claims: [{ id: 'a1', status: 'accurate' }, { id: 'a2', status: 'misleading' }] },
      [B]: { claims: [{ id: 'b1', status: 'accurate' }] },
      [C]: { claims: [{ id: 'c1', status: 'accurate' }], suggestions: 2 },
    });
    o.setFilter({ statuses: ['misleading'] });
    assert.deepStrictEqual(o.roots(), [`article:${A}`]);
    assert.deepStrictEqual(o.children(`article:${A}`), [`claim:article:a2:${A}`]);
    // The badge counts every open claim, whatever the filter shows.
    assert.strictEqual(o.openCount(), 0);
    o.setGroupBy('status');
    assert.deepStrictEqual(o.roots(), ['group:status:misleading'], 'the Suggestions group is listed under a status filter');
    o.setGroupBy('article');
    // Words: the suggestions that hold them are listed with the claims that do.
    o.setFilter({ text: 'S1' });
    assert.deepStrictEqual(o.roots(), [`article:${C}`]);
    assert.deepStrictEqual(kinds(o, o.children(`article:${C}`)), ['suggestions']);
    assert.deepStrictEqual(o.children(`suggestions:${C}`).map((id) => (o.node(id) as { start: number }).start), [1010]);
    o.setFilter({});
    assert.strictEqual(o.roots().length, 3);
    assert.strictEqual(o.children(`suggestions:${C}`).length, 2);
  });

  it('an event about one article redraws that article only, and reads only that article', () => {
    const { src, o } = setup({
      [A]: { claims: [{ id: 'a1', status: 'unverified' }] },
      [B]: { claims: [{ id: 'b1', status: 'unverified' }] },
    });
    const asked = { ...src.asked };
    src.set(A, { claims: [{ id: 'a1', status: 'accurate' }] });
    assert.deepStrictEqual(o.update([A]), { all: false, ids: [`article:${A}`] });
    assert.strictEqual(src.asked.snapshot - asked.snapshot, 1);
    assert.strictEqual(src.asked.sortKey, asked.sortKey, 'the path is looked up again');
    assert.strictEqual(o.openCount(), 1);
    // A new article changes the list of roots.
    src.set(C, { claims: [{ id: 'c1', status: 'mixed' }] });
    assert.deepStrictEqual(o.update([C]), { all: true });
    // The re-check group appears: the roots change; the same claim changing again redraws the group and the article.
    src.set(B, { claims: [{ id: 'b1', status: 'unverified', state: 'changed' }] });
    assert.deepStrictEqual(o.update([B]), { all: true });
    src.set(B, { claims: [{ id: 'b1', status: 'accurate', state: 'changed' }] });
    assert.deepStrictEqual(o.update([B]), { all: false, ids: [`article:${B}`, 'recheck'] });
  });

  it('by status, a status change redraws the two groups the claim leaves and joins', () => {
    const { src, o } = setup({
      [A]: { claims: [{ id: 'a1', status: 'unverified' }, { id: 'a2', status: 'accurate' }] },
      [B]: { claims: [{ id: 'b1', status: 'unverified' }, { id: 'b2', status: 'accurate' }] },
    });
    o.setGroupBy('status');
    src.set(A, { claims: [{ id: 'a1', status: 'accurate' }, { id: 'a2', status: 'accurate' }] });
    const r = o.update([A]);
    assert.ok(!r.all);
    assert.deepStrictEqual([...r.ids].sort(), ['group:status:accurate', 'group:status:unverified']);
    // The last claim of a status goes: the group itself goes, so the roots change.
    src.set(B, { claims: [{ id: 'b1', status: 'accurate' }, { id: 'b2', status: 'accurate' }] });
    assert.deepStrictEqual(o.update([B]), { all: true });
    assert.deepStrictEqual(o.roots(), ['group:status:accurate']);
  });

  it('kept incrementally, it always shows what a fresh outline computes from scratch', () => {
    const statuses = ['unverified', 'accurate', 'misleading', 'custom-x'];
    const states: ClaimState[] = ['anchored', 'moved', 'changed', 'ambiguous', 'orphaned'];
    const articles = [A, B, C, 'file:///ws/d.md'];
    const people = ['Ann Lee', 'Bo Kim', 'ann lee'];
    const reviewArb = fc.record({ by: fc.constantFrom(...people), date: fc.constant('2026-11-29T11:00:00Z'), verdict: fc.constantFrom<Review['verdict']>('approve', 'dispute'), status: fc.constantFrom(...statuses) });
    const claimArb = fc.record({
      id: fc.constantFrom('k1', 'k2', 'k3', 'k4', 'k5'), status: fc.constantFrom(...statuses), state: fc.constantFrom(...states),
      rater: fc.option(fc.constantFrom(...people), { nil: undefined }), assignee: fc.option(fc.constantFrom(...people, 'Cy Park'), { nil: undefined }),
      reviews: fc.option(fc.array(reviewArb, { maxLength: 2 }), { nil: undefined }),
    });
    const articleArb = fc.option(fc.record({
      claims: fc.uniqueArray(claimArb, { selector: (c) => c.id, maxLength: 5 }),
      sidecarState: fc.constantFrom<SidecarState>('ok', 'ok', 'broken', 'conflict'),
      suggestions: fc.nat(2),
    }), { nil: undefined });
    const step = fc.record({ article: fc.constantFrom(...articles), next: articleArb, group: fc.constantFrom<GroupBy | undefined>(undefined, undefined, undefined, 'article', 'status', 'review', 'assignee'), filter: fc.option(fc.constantFrom<ClaimFilter>({ statuses: ['accurate', 'misleading'] }, { review: ['awaiting-me', 'signed-off'] }, { assignees: { me: true, nobody: true } }, { statuses: ['accurate'], assignees: { names: ['bo kim'] } }, {}), { nil: undefined, freq: 3 }) });
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => {
      const src = new FakeSource();
      const o = new ClaimsOutline(src);
      for (const s of steps) {
        const before = looks(o);
        const roots = o.roots();
        src.set(s.article, s.next);
        const r = o.update([s.article]);
        assertRedrawn(o, r, before, roots);
        if (s.group) o.setGroupBy(s.group);
        if (s.filter !== undefined) o.setFilter(s.filter);
        const fresh = new ClaimsOutline(src);
        fresh.setGroupBy(o.groupBy);
        fresh.setFilter(o.filter);
        fresh.update(articles);
        assert.deepStrictEqual(dump(o), dump(fresh));
      }
    }), { numRuns: 120 });
  });

  it('typing taken in claim by claim, without a snapshot, always shows what a fresh outline computes from scratch, and redraws what changed', () => {
    const statuses = ['unverified', 'accurate', 'misleading', 'custom-x'];
    const articles = [A, B, C];
    const people = ['Ann Lee', 'Bo Kim'];
    const claimArb = fc.record({
      id: fc.constantFrom('k1', 'k2', 'k3', 'k4'), status: fc.constantFrom(...statuses), state: fc.constantFrom<ClaimState>('anchored', 'changed', 'orphaned', 'moved'),
      assignee: fc.option(fc.constantFrom(...people), { nil: undefined }),
    });
    const articleArb = fc.option(fc.record({ claims: fc.uniqueArray(claimArb, { selector: (c) => c.id, maxLength: 4 }), sidecarState: fc.constantFrom<SidecarState>('ok', 'ok', 'broken') }), { nil: undefined });
    // A keystroke: the claims it touched are anchored (the words as rated) or changed (other words now); nothing else about them changes.
    const typed = fc.record({ article: fc.constantFrom(...articles), touched: fc.array(fc.record({ pick: fc.nat(3), changed: fc.boolean(), words: fc.constantFrom('new words', 'newer words', '') }), { minLength: 1, maxLength: 3 }) });
    const step = fc.oneof(
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('load' as const), article: fc.constantFrom(...articles), next: articleArb }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('type' as const), keystroke: typed }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('view' as const), group: fc.constantFrom<GroupBy>('article', 'status', 'assignee'), filter: fc.constantFrom<ClaimFilter>({}, {}, { statuses: ['accurate', 'unverified'] }, { assignees: { me: true } }, { text: 'newer' }) }) },
    );
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), (steps) => {
      const src = new FakeSource();
      const o = new ClaimsOutline(src);
      for (const s of steps) {
        if (s.kind === 'load') { src.set(s.article, s.next); o.update([s.article]); continue; }
        if (s.kind === 'view') { o.setGroupBy(s.group); o.setFilter(s.filter); continue; }
        const { article, touched } = s.keystroke;
        const a = src.articles.get(article);
        if (!a?.claims.length || !o.row(article)) continue;
        const before = looks(o);
        const roots = o.roots();
        const asked = src.asked.snapshot;
        const ids: string[] = [];
        // Copies, as the store's data is never changed under the outline; the claims' fields (and so their Claim objects) stay.
        const claims = a.claims.map((c) => ({ ...c }));
        for (const t of touched) {
          const c = claims[t.pick % claims.length];
          c.state = t.changed ? 'changed' : 'anchored';
          c.words = t.changed ? t.words : undefined;
          ids.push(c.id);
        }
        src.set(article, { ...a, claims });
        src.shift++;
        const r = o.updateEdited(article, ids);
        if (!o.filter.text) assert.strictEqual(src.asked.snapshot, asked, 'typing built a snapshot of the article');
        assertRedrawn(o, r, before, roots);
        const fresh = new ClaimsOutline(src);
        fresh.setGroupBy(o.groupBy);
        fresh.setFilter(o.filter);
        fresh.update(articles);
        assert.deepStrictEqual(dump(o), dump(fresh));
        assert.deepStrictEqual([...looks(o)], [...looks(fresh)]);
        assert.deepStrictEqual(rows(o, articles), rows(fresh, articles));
      }
    }), { numRuns: 200 });
  });

  it('typing on inside a changed claim redraws that claim alone; the first keystroke in it, its article and the re-check group too', () => {
    const { src, o } = setup({
      [A]: { claims: [{ id: 'a1', status: 'accurate' }, { id: 'a2', status: 'accurate', state: 'changed', words: 'old' }, { id: 'a3', status: 'unverified' }] },
      [B]: { claims: [{ id: 'b1', status: 'unverified' }] },
    });
    const asked = { ...src.asked };
    const type = (id: string, state: ClaimState, words?: string) => {
      const a = src.articles.get(A) as FakeArticle;
      src.set(A, { claims: a.claims.map((c) => (c.id === id ? { ...c, state, words } : c)) });
      return o.updateEdited(A, [id]);
    };
    assert.deepStrictEqual(type('a2', 'changed', 'older'), { all: false, ids: [`claim:article:a2:${A}`, `claim:recheck:a2:${A}`] });
    assert.deepStrictEqual(type('a1', 'changed', 'new'), { all: false, ids: [`claim:article:a1:${A}`, `article:${A}`, 'recheck'] });
    assert.strictEqual(o.row(A)?.progress.needsRecheck, 2);
    assert.strictEqual(o.openCount(), 4);
    // Its words as rated again (an undo), and the last claim to re-check leaves the group: the roots change.
    type('a1', 'anchored');
    assert.deepStrictEqual(type('a2', 'anchored'), { all: true });
    assert.ok(!o.roots().includes('recheck'));
    assert.strictEqual(src.asked.snapshot, asked.snapshot, 'typing built a snapshot');
    assert.strictEqual(src.asked.claim - asked.claim, 4, 'one entry read per claim typed in');
    // A claim the row does not know (added meanwhile): the row is built again from a snapshot.
    src.set(A, { claims: [...(src.articles.get(A) as FakeArticle).claims, { id: 'a4', status: 'unverified', state: 'changed', words: 'x' }] });
    assert.deepStrictEqual(o.updateEdited(A, ['a4']), { all: true });
    assert.strictEqual(src.asked.snapshot, asked.snapshot + 1);
    assert.deepStrictEqual(o.children(`article:${A}`), ['a1', 'a2', 'a3', 'a4'].map((id) => `claim:article:${id}:${A}`));
  });

  it('gives an article\'s claim nodes in a list of its own each time, the same after typing in them, new ones when its claims change', () => {
    const { src, o } = setup({ [A]: { claims: [{ id: 'a1', status: 'accurate' }, { id: 'a2', status: 'accurate' }] } });
    const ids = ['a1', 'a2'].map((id) => `claim:article:${id}:${A}`);
    const first = o.children(`article:${A}`);
    assert.deepStrictEqual(first, ids);
    // The ids are kept between asks (a whole redraw asks again): a caller changing its list changes no later answer.
    first.push('x');
    first[0] = 'y';
    assert.deepStrictEqual(o.children(`article:${A}`), ids);
    // Typing in a2 (its state changes, its Claim object stays): the row is replaced, taken in claim by claim, and its
    // claims' ids are still right (that they are the very strings handed out before is not observable in JavaScript).
    const asked = src.asked.snapshot;
    src.set(A, { claims: (src.articles.get(A) as FakeArticle).claims.map((c) => (c.id === 'a2' ? { ...c, state: 'changed' as const, words: 'new' } : c)) });
    assert.deepStrictEqual(o.updateEdited(A, ['a2']), { all: true }, 're-check appears at the root');
    assert.strictEqual(src.asked.snapshot, asked, 'taken in claim by claim, not rebuilt');
    assert.deepStrictEqual(o.children(`article:${A}`), ids);
    // A claim added: the row is built again, and so are the ids.
    src.set(A, { claims: [{ id: 'a0', status: 'unverified' }, ...(src.articles.get(A) as FakeArticle).claims] });
    o.update([A]);
    assert.deepStrictEqual(o.children(`article:${A}`), ['a0', 'a1', 'a2'].map((id) => `claim:article:${id}:${A}`));
  });

  it('starts articles collapsed in a big workspace (and while one loads), groups collapsed when large', () => {
    const many: Record<string, FakeArticle> = {};
    for (let i = 0; i < EXPAND_ARTICLES_UP_TO; i++) many[`file:///ws/${i}.md`] = { claims: [{ id: 'x1', status: 'unverified' }] };
    const small = setup(many).o;
    assert.ok(small.startsExpanded('article:file:///ws/0.md'));
    small.setExpected(5000);
    assert.ok(!small.startsExpanded('article:file:///ws/0.md'), 'expanded while thousands of articles load');
    many['file:///ws/extra.md'] = { claims: [{ id: 'x1', status: 'unverified' }] };
    const big = setup(many).o;
    assert.ok(!big.startsExpanded('article:file:///ws/0.md'));
    const claims = Array.from({ length: EXPAND_GROUPS_UP_TO + 1 }, (_, i) => ({ id: `c${i}`, status: 'unverified', state: 'orphaned' as const }));
    const one = setup({ [A]: { claims } }).o;
    assert.ok(!one.startsExpanded('recheck'));
    one.setGroupBy('status');
    assert.ok(!one.startsExpanded('group:status:unverified'));
    assert.ok(setup({ [A]: { claims: claims.slice(1) } }).o.startsExpanded('recheck'));
  });
});

describe('Claims outline ids', () => {
  it('round-trip every kind of node, whatever characters the article key holds', () => {
    const keys = ['file:///ws/a.md', 'file:///ws/with%20space/a%23b.md', 'untitled:Untitled-1', 'vscode-vfs://github/o/r/x:y.md'];
    for (const article of keys) {
      const nodes: OutlineNode[] = [
        { kind: 'recheck' }, { kind: 'errors' }, { kind: 'suggestions' },
        { kind: 'sidecarError', article }, { kind: 'article', article }, { kind: 'suggestions', article },
        { kind: 'group', by: 'status', key: 'in-progress' }, { kind: 'group', by: 'assignee', key: 'Jane: desk' },
        { kind: 'claim', article, id: 'k3x_q-7', under: 'recheck' }, { kind: 'claim', article, id: 'a1', under: 'article' }, { kind: 'claim', article, id: 'a1', under: 'group' },
        { kind: 'suggestion', article, start: 3, end: 40, under: 'all' }, { kind: 'suggestion', article, start: 0, end: 1, under: 'article' },
      ];
      const ids = nodes.map(nodeId);
      assert.strictEqual(new Set(ids).size, ids.length, 'two nodes share an id');
      for (const n of nodes) assert.deepStrictEqual(parseNodeId(nodeId(n)), n);
    }
  });

  it('reads nothing from ids it did not make', () => {
    for (const id of ['', 'claim', 'claim:', 'claim:elsewhere:a1:file:///x', 'claim:article::file:///x', 'claim:article:a1', 'suggestion:all:x-y:file:///x', 'nonsense:1', 'article:']) {
      assert.strictEqual(parseNodeId(id), undefined, id);
    }
  });
});

/**
 * A source whose articles start as the store has them at a warm start: restored from the start-up
 * cache, their claims not brought in (pending) until a snapshot of the article is asked for.
 */
class PendingSource extends FakeSource {
  readonly pendingArticles = new Set<string>();

  override snapshot(article: string): ArticleSnapshot | undefined {
    this.pendingArticles.delete(article);
    return super.snapshot(article);
  }

  pending(article: string) {
    const a = this.articles.get(article);
    if (!a || !this.pendingArticles.has(article)) return undefined;
    // (what ClaimStore.pendingSummary gives: the statuses counted, every claim anchored)
    const count = new ProgressCount();
    for (const c of a.claims) count.add(c.status, 'anchored');
    const progress = count.progress(this.scale);
    return { state: { sidecar: `${article}.claims.yaml`, sidecarState: a.sidecarState ?? 'ok', articleMissing: false, claimCount: a.claims.length }, progress, open: progress.open };
  }
}

describe('Claims outline: articles whose claims are not brought in yet (a warm start)', () => {
  const articles = (): Record<string, FakeArticle> => ({
    [A]: { claims: [{ id: 'a1', status: 'accurate' }, { id: 'a2', status: 'unverified' }, { id: 'a3', status: 'inaccurate' }] },
    [B]: { claims: [{ id: 'b1', status: 'unverified' }] },
    [C]: { claims: [] },
  });
  const pendingSetup = () => {
    const src = new PendingSource();
    for (const [k, v] of Object.entries(articles())) { src.set(k, v); src.pendingArticles.add(k); }
    const o = new ClaimsOutline(src);
    o.update(Object.keys(articles()));
    return { src, o };
  };
  /** What the panel shows without opening an article: the roots, the badge, each article's figures. */
  const collapsed = (o: ClaimsOutline) => ({
    roots: o.roots(), open: o.openCount(), listed: o.articleCount(),
    rows: o.roots().map((id) => { const n = parseNodeId(id); const r = n?.kind === 'article' ? o.row(n.article) : undefined; return r && [r.progress, r.open, r.file, r.total, r.troubled]; }),
  });

  it('builds every row, the badge and the roots without a snapshot of any article, as a full build shows them', () => {
    const { src, o } = pendingSetup();
    const full = setup(articles());
    assert.strictEqual(src.asked.snapshot, 0, 'no article\'s claims brought in');
    assert.deepStrictEqual(collapsed(o), collapsed(full.o));
    assert.deepStrictEqual(o.roots(), [nodeId({ kind: 'article', article: B }), nodeId({ kind: 'article', article: A })], 'an article without claims is not listed');
    assert.strictEqual(o.openCount(), 2);
    assert.strictEqual(src.asked.snapshot, 0);
  });

  it('an article expanded takes its claims then, that article\'s only, once; what it lists is what a full build lists', () => {
    const { src, o } = pendingSetup();
    const full = setup(articles());
    const node = nodeId({ kind: 'article', article: A });
    assert.deepStrictEqual(o.children(node), full.o.children(node));
    assert.strictEqual(src.asked.snapshot, 1);
    assert.deepStrictEqual([...src.pendingArticles].sort(), [B, C].sort());
    o.children(node);
    o.row(A)?.byId.get('a2');
    assert.strictEqual(src.asked.snapshot, 1, 'taken once');
    assert.deepStrictEqual(looks(o), looks(full.o));
  });

  it('an article changed is built again from what the source has now; a filter or another grouping builds rows from the claims', () => {
    const { src, o } = pendingSetup();
    src.set(B, { claims: [{ id: 'b1', status: 'accurate' }, { id: 'b2', status: 'unverified' }] });
    src.pendingArticles.delete(B);
    o.update([B]);
    assert.strictEqual(o.row(B)?.total, 2);
    assert.strictEqual(o.openCount(), 2, 'A has one open, B now one');
    const asked = src.asked.snapshot;
    o.setFilter({ statuses: ['unverified'] });
    assert.strictEqual(src.asked.snapshot, asked + 3, 'a filter reads every article\'s claims');
    o.setFilter({});
    o.setGroupBy('status');
    const full = setup(articles());
    full.src.set(B, src.articles.get(B));
    full.o.update([B]);
    full.o.setGroupBy('status');
    assert.deepStrictEqual(looks(o), looks(full.o));
  });

  it('kept totals equal a fresh build after any sequence of changes to pending and loaded articles', () => {
    fc.assert(fc.property(fc.array(fc.record({ article: fc.constantFrom(A, B, C), statuses: fc.array(fc.constantFrom('accurate', 'unverified', 'inaccurate'), { maxLength: 4 }), pending: fc.boolean(), expand: fc.boolean() }), { maxLength: 8 }), (steps) => {
      const { src, o } = pendingSetup();
      for (const s of steps) {
        src.set(s.article, { claims: s.statuses.map((status, i) => ({ id: `${s.article.slice(-5)}${i}`, status })) });
        if (s.pending) src.pendingArticles.add(s.article); else src.pendingArticles.delete(s.article);
        o.update([s.article]);
        if (s.expand) o.children(nodeId({ kind: 'article', article: s.article }));
      }
      const fresh = new ClaimsOutline(new FakeSource());
      const plain = (fresh as unknown as { source: FakeSource }).source;
      for (const [k, v] of src.articles) plain.set(k, v);
      fresh.update([...src.articles.keys()]);
      assert.deepStrictEqual(collapsed(o), collapsed(fresh));
      assert.deepStrictEqual(looks(o), looks(fresh));
    }), { numRuns: 200 });
  });
});
