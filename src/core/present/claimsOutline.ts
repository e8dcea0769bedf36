// The shape of the Claims panel, without VS Code: which nodes there are (roots, children,
// parents), how claims are grouped and filtered, and what must be redrawn when articles change.
// Nodes are strings (see outlineIds.ts), so the view's elements are ids, never objects that go
// stale. Each article's row is rebuilt only when that article changes, and the totals the panel
// shows (the badge, group sizes) are kept up to date from the rows that changed, so an event
// about one article costs that article's claims, not the workspace's.
import { isOpenClaim } from '../navigation';
import { afterStateMoves, progressOf, type Progress } from '../store/progress';
import type { StatusScale } from '../statusScale';
import type { ArticleSnapshot, ClaimEntry, SidecarState } from '../store/types';
import type { Suggestion } from '../suggest/suggestClaims';
import { isFiltering, isFilteringAssignees, matchesFilter, needsRecheck, suggestionMatchesFilter, type ClaimFilter } from './claimFilter';
import type { DeskContext } from '../workflow/deskState';
import { GROUPINGS, type Grouping, type GroupBy } from './outlineGroupings';
import { nodeId, parseNodeId, type ClaimUnder, type OutlineNode } from './outlineIds';

export type { GroupBy } from './outlineGroupings';

/** What an article's row shows of its sidecar file. */
export interface ArticleFile {
  readonly sidecar: string;
  readonly sidecarState: SidecarState;
  readonly articleMissing: boolean;
}

/**
 * An article whose claims the store has not brought in yet (restored from the start-up cache:
 * ClaimStore.pendingSummary): what its row shows while it is collapsed.
 */
export interface PendingArticle {
  readonly state: ArticleFile & { readonly claimCount: number };
  readonly progress: Progress;
  /** Claims that still need work. */
  readonly open: number;
}

/** What the outline reads about each article. */
export interface OutlineSource {
  readonly scale: StatusScale;
  /** The article as the store has it now; undefined when the store does not know it. */
  snapshot(article: string): ArticleSnapshot | undefined;
  /**
   * The article while its claims are not brought in (undefined otherwise): a row that needs no
   * claim (grouped by article, nothing filtered, no suggestions shown) is built from it, and takes the claims from
   * snapshot() only when they are asked for (the article expanded). Without it, every row is built
   * from a snapshot: at a warm start, every article's claims parsed before the panel shows.
   */
  pending?(article: string): PendingArticle | undefined;
  /** One claim's entry as the store has it now, without a snapshot of the article (for updateEdited; without it, typing rebuilds the row). */
  claim?(article: string, id: string): ClaimEntry | undefined;
  /** The suggestions shown for the article; undefined or empty when none are. */
  suggestions(article: string): readonly Suggestion[] | undefined;
  /** What articles are sorted by (their path relative to the workspace); asked once per article. */
  sortKey(article: string): string;
  /** The review policy and the current user, for grouping and filtering by review state and assignee. */
  desk?(): DeskContext;
}

/** What the view must redraw: everything, or these nodes (and what is under them). */
export type OutlineRefresh = { readonly all: true } | { readonly all: false; readonly ids: readonly string[] };

/** One article as the panel shows it, rebuilt whenever the article changes. */
export interface ArticleRow {
  readonly article: string;
  readonly sortKey: string;
  /**
   * The article at the row's last full build (for a row built without the claims, see
   * pendingRow: taken when first read). Typing taken in since by updateEdited is in the fields
   * below, not here, and the entries anywhere in the row keep the ranges they had then (the panel
   * never shows where a claim is). What the row shows of the file and how many claims it has are
   * `file` and `total`.
   */
  readonly snapshot?: ArticleSnapshot;
  /** The sidecar as the row was built (undefined for an article without one: suggestions only). */
  readonly file?: ArticleFile;
  /** The article's claims (filtered or not). */
  readonly total: number;
  /** The suggestions the filter lets through (none under a status filter). */
  readonly suggestions: readonly Suggestion[];
  /** The claims the filter lets through, in article order. */
  readonly visible: readonly ClaimEntry[];
  /** Every claim of the article by id. */
  readonly byId: ReadonlyMap<string, ClaimEntry>;
  /** Visible claims whose words changed, whose place is unsure or that were not found. */
  readonly recheck: readonly ClaimEntry[];
  readonly progress: Progress;
  /** Claims that still need work (the badge counts these). */
  readonly open: number;
  /** The sidecar does not parse or waits for a conflict to be resolved. */
  readonly troubled: boolean;
  /** Visible claim ids per group of the current grouping (empty when grouping by article). */
  readonly groups: ReadonlyMap<string, readonly string[]>;
}

/** Above this many articles (or while a workspace that large loads) articles start collapsed. */
export const EXPAND_ARTICLES_UP_TO = 20;
/** Groups (re-check, errors, statuses) with more children than this start collapsed. */
export const EXPAND_GROUPS_UP_TO = 100;

const collator = new Intl.Collator(undefined);

export class ClaimsOutline {
  private readonly rows = new Map<string, ArticleRow>();
  /**
   * The node ids of an article row's claims, as children() last gave them. A whole redraw asks
   * for every child of an expanded article again (10,000 in a big one), and the same string
   * objects each time are ids VS Code's maps and the panel's kept rows find at once; new ones
   * would be built, and hashed, again. A row replaced by updateEdited (the same claims in the
   * same order) passes them on.
   */
  private readonly articleChildIds = new WeakMap<ArticleRow, readonly string[]>();
  /** All rows' articles in path order; rebuilt lazily after the set of articles changed. */
  private sorted?: string[];
  private groupBy_: GroupBy = 'article';
  private filter_: ClaimFilter = {};
  private scale: StatusScale;
  private openTotal = 0;
  /** Rows listed in the panel (see listed()). */
  private listedTotal = 0;
  private recheckTotal = 0;
  private suggestionTotal = 0;
  private readonly troubled = new Set<string>();
  /** Visible claims per group key, summed over the rows. */
  private readonly groupTotals = new Map<string, number>();
  /** Articles a scan in progress will bring (for the expansion policy). */
  private expected = 0;

  constructor(private readonly source: OutlineSource) {
    this.scale = source.scale;
  }

  get groupBy(): GroupBy { return this.groupBy_; }
  get filter(): ClaimFilter { return this.filter_; }

  /** Switches grouping; every row is rebuilt (a user action, not a per-event cost). */
  setGroupBy(g: GroupBy): OutlineRefresh {
    this.groupBy_ = g;
    return this.rebuildAll();
  }

  setFilter(f: ClaimFilter): OutlineRefresh {
    this.filter_ = {
      statuses: f.statuses?.length ? [...f.statuses] : undefined,
      review: f.review?.length ? [...f.review] : undefined,
      assignees: isFilteringAssignees(f.assignees) ? { ...f.assignees, names: f.assignees.names?.length ? [...f.assignees.names] : undefined } : undefined,
      text: f.text?.trim() || undefined,
    };
    return this.rebuildAll();
  }

  /** Rebuilds every row: what the rows show depends on something besides the articles (the policy, the current user). */
  refreshAll(): OutlineRefresh {
    return this.rebuildAll();
  }

  /** Says how many articles a scan in progress will bring (0 when none is running). */
  setExpected(articles: number): void {
    this.expected = articles;
  }

  /** Takes the current state of these articles from the source; says what to redraw. */
  update(articles: Iterable<string>): OutlineRefresh {
    let all = this.source.scale !== this.scale;
    if (all) return this.rebuildAll();
    const ids = new Set<string>();
    for (const article of articles) {
      const before = this.rows.get(article);
      const after = this.build(article, before?.sortKey);
      this.replace(article, before, after);
      if (this.rootsDiffer(before, after)) all = true;
      else if (!all) this.changedNodes(article, before, after, ids);
    }
    if (all) return { all: true };
    return { all: false, ids: [...ids] };
  }

  /**
   * Typing in the article changed these claims' entries (their words now, perhaps their anchor
   * state) and moved every claim's range, and nothing else: the same claims, the same Claim
   * objects, the same file. The row takes those claims' entries from the source one by one
   * instead of a snapshot of the whole article (in an article of 10,000 claims, a snapshot and a
   * row of 10,000 at every pause in typing), and what is redrawn is those claims' nodes, with the
   * article's node and the re-check group only when a claim's state changed (its progress, the
   * group's list). Whenever that does not hold (a claim the row does not have, another Claim
   * object, a filter on words, which reads the words now, another scale), it is update().
   */
  updateEdited(article: string, ids: Iterable<string>): OutlineRefresh {
    const row = this.rows.get(article);
    const source = this.source;
    if (!row || !source.claim || source.scale !== this.scale || this.filter_.text) return this.update([article]);
    const filtering = isFiltering(this.filter_);
    const ctx = this.desk();
    const changes: { before: ClaimEntry; after: ClaimEntry; at: number }[] = [];
    for (const id of new Set(ids)) {
      const before = row.byId.get(id);
      const after = source.claim(article, id);
      if (!before || !after || before.claim !== after.claim) return this.update([article]);
      const at = row.visible.indexOf(before);
      // Only a filter on words (left to update() above) reads more than the Claim: still, should the filter disagree, build the row.
      if (filtering && (at >= 0) !== matchesFilter(after, this.filter_, ctx)) return this.update([article]);
      changes.push({ before, after, at });
    }
    if (!changes.length) return { all: false, ids: [] };
    // The list the row may share with the store's snapshot (its claims) is never changed in place:
    // a copy. The id map is the row's own (build() makes it), and the row is replaced: changed in place.
    const visible = row.visible.slice();
    const byId = row.byId as Map<string, ClaimEntry>;
    let open = row.open;
    let states = false;
    let recheckMembers = false;
    for (const { before, after, at } of changes) {
      byId.set(after.claim.id, after);
      if (at >= 0) visible[at] = after;
      open += (isOpenClaim(after, this.scale) ? 1 : 0) - (isOpenClaim(before, this.scale) ? 1 : 0);
      if (after.state !== before.state) states = true;
      if (at >= 0 && needsRecheck(after) !== needsRecheck(before)) recheckMembers = true;
    }
    let recheck: readonly ClaimEntry[];
    if (recheckMembers) recheck = visible.filter(needsRecheck);
    else {
      const copy = row.recheck.slice();
      for (const { before, after } of changes) { const i = copy.indexOf(before); if (i >= 0) copy[i] = after; }
      recheck = copy;
    }
    const after: ArticleRow = {
      ...row,
      visible,
      byId,
      recheck,
      // The same Claim objects, so the same statuses: the figures follow the states that moved, no claim is counted again.
      progress: states ? afterStateMoves(row.progress, changes.map(({ before, after }) => [before.state, after.state] as const)) : row.progress,
      open,
    };
    // The same claims in the same order: the same node ids.
    const childIds = this.articleChildIds.get(row);
    if (childIds) this.articleChildIds.set(after, childIds);
    this.replace(article, row, after);
    if (this.rootsDiffer(row, after)) return { all: true };
    const refresh = new Set<string>();
    for (const { before, after: e, at } of changes) {
      if (at < 0) continue;
      refresh.add(this.claimNode(article, e.claim.id));
      if (needsRecheck(e) && needsRecheck(before)) refresh.add(claimId(article, e, 'recheck'));
    }
    if (states && this.groupBy_ === 'article') refresh.add(nodeId({ kind: 'article', article }));
    if (recheckMembers) refresh.add(nodeId({ kind: 'recheck' }));
    return { all: false, ids: [...refresh] };
  }

  /** Claims that still need work, over every article (the view's badge). */
  openCount(): number {
    return this.openTotal;
  }

  row(article: string): ArticleRow | undefined {
    return this.rows.get(article);
  }

  node(id: string): OutlineNode | undefined {
    return parseNodeId(id);
  }

  roots(): string[] {
    const out: string[] = [];
    if (this.recheckTotal > 0) out.push(nodeId({ kind: 'recheck' }));
    if (this.troubled.size > 0) out.push(nodeId({ kind: 'errors' }));
    const grouping = this.grouping();
    if (!grouping) {
      const filtering = isFiltering(this.filter_);
      for (const a of this.order()) {
        const r = this.rows.get(a) as ArticleRow;
        if (!listed(r)) continue;
        if (!filtering || r.visible.length || r.suggestions.length) out.push(nodeId({ kind: 'article', article: a }));
      }
    } else {
      if (this.suggestionTotal > 0) out.push(nodeId({ kind: 'suggestions' }));
      const present = new Set([...this.groupTotals].filter(([, n]) => n > 0).map(([k]) => k));
      for (const key of grouping.order(present, this.desk())) out.push(nodeId({ kind: 'group', by: this.groupBy_, key }));
    }
    return out;
  }

  children(id: string | undefined): string[] {
    if (id === undefined) return this.roots();
    const n = parseNodeId(id);
    if (!n) return [];
    switch (n.kind) {
      case 'recheck':
        return this.eachRow((r) => r.recheck.map((e) => claimId(r.article, e, 'recheck')));
      case 'errors':
        return this.order().filter((a) => this.troubled.has(a)).map((article) => nodeId({ kind: 'sidecarError', article }));
      case 'article': {
        const r = this.rows.get(n.article);
        if (!r) return [];
        let claims = this.articleChildIds.get(r);
        if (!claims) {
          claims = r.visible.map((e) => claimId(r.article, e, 'article'));
          this.articleChildIds.set(r, claims);
        }
        return r.suggestions.length ? [...claims, nodeId({ kind: 'suggestions', article: n.article })] : claims.slice();
      }
      case 'group':
        if (n.by !== this.groupBy_) return [];
        return this.eachRow((r) => (r.groups.get(n.key) ?? []).map((claim) => nodeId({ kind: 'claim', article: r.article, id: claim, under: 'group' })));
      case 'suggestions':
        if (n.article !== undefined) return suggestionIds(this.rows.get(n.article), 'article');
        return this.eachRow((r) => suggestionIds(r, 'all'));
      default:
        return [];
    }
  }

  parent(id: string): string | undefined {
    const n = parseNodeId(id);
    if (!n) return undefined;
    switch (n.kind) {
      case 'sidecarError': return nodeId({ kind: 'errors' });
      case 'suggestions': return n.article === undefined ? undefined : nodeId({ kind: 'article', article: n.article });
      case 'suggestion': return n.under === 'all' ? nodeId({ kind: 'suggestions' }) : nodeId({ kind: 'suggestions', article: n.article });
      case 'claim': {
        if (n.under === 'recheck') return nodeId({ kind: 'recheck' });
        if (n.under === 'article') return nodeId({ kind: 'article', article: n.article });
        const e = this.rows.get(n.article)?.byId.get(n.id);
        const grouping = this.grouping();
        return e && grouping ? nodeId({ kind: 'group', by: this.groupBy_, key: grouping.key(e, this.desk()) }) : undefined;
      }
      default:
        return undefined;
    }
  }

  /** Where the claim is listed in the current grouping (not under "re-check"). */
  claimNode(article: string, id: string): string {
    return nodeId({ kind: 'claim', article, id, under: this.groupBy_ === 'article' ? 'article' : 'group' });
  }

  /** How many nodes are directly under a group node (re-check, errors, a status, suggestions). */
  groupSize(id: string): number {
    const n = parseNodeId(id);
    if (!n) return 0;
    switch (n.kind) {
      case 'recheck': return this.recheckTotal;
      case 'errors': return this.troubled.size;
      case 'group': return n.by === this.groupBy_ ? this.groupTotals.get(n.key) ?? 0 : 0;
      case 'suggestions': return n.article === undefined ? this.suggestionTotal : this.rows.get(n.article)?.suggestions.length ?? 0;
      default: return this.children(id).length;
    }
  }

  /**
   * Whether a node is shown expanded the first time it appears: articles in a small desk's
   * workspace (asking VS Code for every claim's item of thousands of articles is what makes
   * a big one slow), groups small enough to read at a glance.
   */
  startsExpanded(id: string): boolean {
    const n = parseNodeId(id);
    if (!n) return false;
    if (n.kind === 'article') return Math.max(this.expected, this.listedCount()) <= EXPAND_ARTICLES_UP_TO;
    if (n.kind === 'recheck' || n.kind === 'errors' || n.kind === 'group' || n.kind === 'suggestions') return this.groupSize(id) <= EXPAND_GROUPS_UP_TO;
    return false;
  }

  private listedCount(): number {
    return this.listedTotal;
  }

  /** Number of articles listed in the panel (with claims or suggestions). */
  articleCount(): number {
    return this.listedTotal;
  }

  private desk(): DeskContext {
    return this.source.desk?.() ?? { scale: this.source.scale, requireReviews: 0 };
  }

  private grouping(): Grouping | undefined {
    return this.groupBy_ === 'article' ? undefined : GROUPINGS[this.groupBy_];
  }

  private eachRow(fn: (r: ArticleRow) => string[]): string[] {
    const out: string[] = [];
    for (const a of this.order()) {
      const r = this.rows.get(a) as ArticleRow;
      if (listed(r)) for (const id of fn(r)) out.push(id);
    }
    return out;
  }

  private order(): string[] {
    if (!this.sorted) this.sorted = [...this.rows.values()].sort(compareRows).map((r) => r.article);
    return this.sorted;
  }

  private insertionPoint(row: ArticleRow): number {
    const sorted = this.sorted as string[];
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareRows(this.rows.get(sorted[mid]) as ArticleRow, row) <= 0) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  private rebuildAll(): OutlineRefresh {
    this.scale = this.source.scale;
    for (const [article, before] of [...this.rows]) this.replace(article, before, this.build(article, before.sortKey));
    return { all: true };
  }

  private build(article: string, sortKey: string | undefined): ArticleRow | undefined {
    const filter = this.filter_;
    const filtering = isFiltering(filter);
    const offered = this.source.suggestions(article) ?? [];
    const pending = !filtering && !this.grouping() && !offered.length ? this.source.pending?.(article) : undefined;
    if (pending) return this.pendingRow(article, sortKey ?? this.source.sortKey(article), pending);
    const snapshot = this.source.snapshot(article);
    const suggestions = filtering ? offered.filter((s) => suggestionMatchesFilter(s.text, filter)) : offered;
    if (!snapshot && !suggestions.length) return undefined;
    const claims = snapshot?.claims ?? [];
    const ctx = this.desk();
    const visible = filtering ? claims.filter((e) => matchesFilter(e, filter, ctx)) : claims;
    const byId = new Map<string, ClaimEntry>();
    let open = 0;
    for (const e of claims) {
      byId.set(e.claim.id, e);
      if (isOpenClaim(e, this.scale)) open++;
    }
    const groups = new Map<string, string[]>();
    const grouping = this.grouping();
    if (grouping) {
      for (const e of visible) {
        const key = grouping.key(e, ctx);
        const list = groups.get(key);
        if (list) list.push(e.claim.id); else groups.set(key, [e.claim.id]);
      }
    }
    return {
      article,
      sortKey: sortKey ?? this.source.sortKey(article),
      snapshot,
      file: snapshot && { sidecar: snapshot.sidecar, sidecarState: snapshot.sidecarState, articleMissing: !!snapshot.articleMissing },
      total: claims.length,
      suggestions,
      visible,
      byId,
      recheck: visible.filter(needsRecheck),
      progress: progressOf(claims, this.scale),
      open,
      troubled: snapshot?.sidecarState === 'broken' || snapshot?.sidecarState === 'conflict',
      groups,
    };
  }

  /**
   * The row of an article whose claims are not brought in, from what the store knows without
   * them. Grouped by article with nothing filtered, only the article's own node lists its claims
   * (no re-check entry: every claim restored is anchored; no group), and what the totals, the
   * badge and the article's item need is here. Its claims (snapshot, visible, byId) are taken
   * from the source the first time one is asked for (the article expanded, a claim revealed),
   * which brings them in; the row stays the article's until the article changes, as any row.
   */
  private pendingRow(article: string, sortKey: string, p: PendingArticle): ArticleRow {
    const source = this.source;
    let claims: { snapshot?: ArticleSnapshot; visible: readonly ClaimEntry[]; byId: Map<string, ClaimEntry> } | undefined;
    const claimsNow = () => {
      if (!claims) {
        const snapshot = source.snapshot(article);
        const visible = snapshot?.claims ?? [];
        claims = { snapshot, visible, byId: new Map(visible.map((e) => [e.claim.id, e])) };
      }
      return claims;
    };
    const { sidecar, sidecarState, articleMissing, claimCount } = p.state;
    return {
      article,
      sortKey,
      get snapshot() { return claimsNow().snapshot; },
      file: { sidecar, sidecarState, articleMissing },
      total: claimCount,
      suggestions: [],
      get visible() { return claimsNow().visible; },
      get byId() { return claimsNow().byId; },
      recheck: [],
      progress: p.progress,
      open: p.open,
      troubled: sidecarState === 'broken' || sidecarState === 'conflict',
      groups: NO_GROUPS,
    };
  }

  /** Swaps a row and keeps the totals in step. */
  private replace(article: string, before: ArticleRow | undefined, after: ArticleRow | undefined): void {
    if (before) this.count(before, -1);
    if (after) this.count(after, 1);
    if (after) this.rows.set(article, after); else this.rows.delete(article);
    // The sorted list, once made, is kept in step (a binary search per new article, not a sort).
    if (this.sorted && !before && after) this.sorted.splice(this.insertionPoint(after), 0, article);
    else if (this.sorted && before && !after) this.sorted.splice(this.sorted.indexOf(article), 1);
    if (after?.troubled) this.troubled.add(article); else this.troubled.delete(article);
  }

  private count(r: ArticleRow, sign: 1 | -1): void {
    this.openTotal += sign * r.open;
    if (!listed(r)) return;
    this.listedTotal += sign;
    this.recheckTotal += sign * r.recheck.length;
    this.suggestionTotal += sign * r.suggestions.length;
    for (const [key, ids] of r.groups) {
      const n = (this.groupTotals.get(key) ?? 0) + sign * ids.length;
      if (n) this.groupTotals.set(key, n); else this.groupTotals.delete(key);
    }
  }

  /** Whether the list of root nodes may differ. */
  private rootsDiffer(before: ArticleRow | undefined, after: ArticleRow | undefined): boolean {
    const shown = (r: ArticleRow | undefined) => !!r && listed(r) && (!isFiltering(this.filter_) || r.visible.length > 0 || r.suggestions.length > 0);
    if (this.groupBy_ === 'article' && shown(before) !== shown(after)) return true;
    // A group (re-check, errors, a status, suggestions) appeared or went away.
    const flipped = (total: number, delta: number) => (total === 0) !== (total - delta === 0);
    if (flipped(this.recheckTotal, listedLength(after, 'recheck') - listedLength(before, 'recheck'))) return true;
    if (flipped(this.suggestionTotal, listedLength(after, 'suggestions') - listedLength(before, 'suggestions'))) return true;
    const troubledBefore = this.troubled.size - (after?.troubled ? 1 : 0) + (before?.troubled ? 1 : 0);
    if ((troubledBefore === 0) !== (this.troubled.size === 0)) return true;
    for (const key of new Set([...(before?.groups.keys() ?? []), ...(after?.groups.keys() ?? [])])) {
      const delta = listedGroup(after, key) - listedGroup(before, key);
      if (flipped(this.groupTotals.get(key) ?? 0, delta)) return true;
    }
    return false;
  }

  /** The nodes whose item or children differ between the two rows of an article. */
  private changedNodes(article: string, before: ArticleRow | undefined, after: ArticleRow | undefined, ids: Set<string>): void {
    if (this.groupBy_ === 'article') ids.add(nodeId({ kind: 'article', article }));
    if (!sameIds(before?.recheck, after?.recheck) || (this.recheckTotal > 0 && statesDiffer(before?.recheck, after?.recheck))) ids.add(nodeId({ kind: 'recheck' }));
    if (before?.troubled || after?.troubled) ids.add(nodeId({ kind: 'errors' }));
    if (this.groupBy_ !== 'article') {
      for (const key of new Set([...(before?.groups.keys() ?? []), ...(after?.groups.keys() ?? [])])) {
        const a = before?.groups.get(key) ?? [];
        const b = after?.groups.get(key) ?? [];
        // Claims joined or left the group, or one of them looks different now.
        if (a.length !== b.length || a.some((id, i) => id !== b[i]) || b.some((id) => !sameEntry(before?.byId.get(id), after?.byId.get(id)))) {
          ids.add(nodeId({ kind: 'group', by: this.groupBy_, key }));
        }
      }
      if (!sameSuggestions(before?.suggestions, after?.suggestions)) ids.add(nodeId({ kind: 'suggestions' }));
    }
  }
}

function compareRows(a: ArticleRow, b: ArticleRow): number {
  return collator.compare(a.sortKey, b.sortKey) || (a.article < b.article ? -1 : a.article > b.article ? 1 : 0);
}

const NO_GROUPS: ReadonlyMap<string, readonly string[]> = new Map();

/** Listed in the panel: it has claims (shown or filtered out) or suggestions. */
function listed(r: ArticleRow): boolean {
  return r.total > 0 || r.suggestions.length > 0;
}

function listedLength(r: ArticleRow | undefined, what: 'recheck' | 'suggestions'): number {
  return r && listed(r) ? r[what].length : 0;
}

function listedGroup(r: ArticleRow | undefined, key: string): number {
  return r && listed(r) ? r.groups.get(key)?.length ?? 0 : 0;
}

function claimId(article: string, e: ClaimEntry, under: ClaimUnder): string {
  return nodeId({ kind: 'claim', article, id: e.claim.id, under });
}

function suggestionIds(r: ArticleRow | undefined, under: 'article' | 'all'): string[] {
  if (!r) return [];
  return r.suggestions.map((s) => nodeId({ kind: 'suggestion', article: r.article, start: s.start, end: s.end, under }));
}

function sameIds(a: readonly ClaimEntry[] | undefined, b: readonly ClaimEntry[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((e, i) => e.claim.id === y[i].claim.id);
}

function statesDiffer(a: readonly ClaimEntry[] | undefined, b: readonly ClaimEntry[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.some((e, i) => !sameEntry(e, y[i]));
}

/** The same claim object in the same anchor state: its item looks the same. */
function sameEntry(a: ClaimEntry | undefined, b: ClaimEntry | undefined): boolean {
  return !!a && !!b && a.claim === b.claim && a.state === b.state;
}

function sameSuggestions(a: readonly Suggestion[] | undefined, b: readonly Suggestion[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((s, i) => s.start === y[i].start && s.end === y[i].end && s.score === y[i].score);
}
