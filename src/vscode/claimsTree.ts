// The Claims panel: every claim of every article in the workspace, grouped by article or by
// status, with a filter, and the suggested check-worthy sentences of articles where they are
// shown. The shape (roots, children, parents, grouping, what to redraw) is the pure outline in
// core/present/claimsOutline.ts; how each node looks is claimsTreeItems.ts. This file wires them
// to VS Code: the tree view, the store's and suggestions' events, the badge and the message.
import * as vscode from 'vscode';
import { isFiltering, isFilteringAssignees, type AssigneeFilter, type ClaimFilter } from '../core/present/claimFilter';
import { ClaimsOutline, type OutlineRefresh } from '../core/present/claimsOutline';
import { oneLine, uiText } from '../core/present/displayText';
import { GROUP_BYS, isGroupBy, type GroupBy } from '../core/present/outlineGroupings';
import { DESK_STATE_DESCRIPTIONS, DESK_STATE_LABELS, DESK_STATES, isDeskState, type DeskContext, type DeskState } from '../core/workflow/deskState';
import { cleanName, nameKey, samePerson } from '../core/workflow/people';
import type { OutlineNode } from '../core/present/outlineIds';
import type { StoreChange } from '../core/store/types';
import { statusLabel } from '../core/statusScale';
import { articleUri } from './articles';
import {
  articleItem, claimItem, claimTooltip, errorItem, errorsItem, groupItem, recheckItem, suggestionItem,
  suggestionsItem, suggestionTooltip,
} from './claimsTreeItems';
import type { ClaimRef, Services } from './services';
import type { ScanStatus } from './workspaceScan';
import { treeNodeOf } from './treeArguments';
import { ClaimItemCache, type ClaimNode, type Holds } from './claimItemCache';
import { timed } from './perf';

export type { GroupBy } from '../core/present/outlineGroupings';


/** Counts for tests that check the panel does work in proportion to what changed. */
export interface ClaimsTreeStats {
  /** onDidChangeTreeData events fired, and of those, how many redrew the whole tree. */
  readonly fired: number;
  readonly firedAll: number;
  /** Node ids named in partial refreshes. */
  readonly nodesRefreshed: number;
  /** Items VS Code asked for (getTreeItem calls); of those, built afresh and claims' rows returned as kept (itemsAsked = itemsBuilt + itemsReused). */
  readonly itemsAsked: number;
  readonly itemsBuilt: number;
  readonly itemsReused: number;
  /** Tooltips resolved (on hover). */
  readonly tooltipsResolved: number;
  /** The last few refreshes fired, oldest first: the node ids named, or undefined for the whole tree. */
  readonly recent: readonly (readonly string[] | undefined)[];
}

export interface ClaimsTreeHandle {
  readonly view: vscode.TreeView<string>;
  readonly provider: vscode.TreeDataProvider<string>;
  groupBy(): GroupBy;
  setGroupBy(g: GroupBy): void;
  filter(): ClaimFilter;
  setFilter(f: ClaimFilter): void;
  /** What an element (a node id) stands for. */
  node(id: string): OutlineNode | undefined;
  /** Selects the claim in the panel (under its article or its group). */
  reveal(ref: ClaimRef, options?: { focus?: boolean }): Promise<void>;
  /** Number of claims that still need work (the view's badge). */
  openCount(): number;
  stats(): ClaimsTreeStats;
}

const TYPING_DELAY_MS = 200;
/**
 * While the workspace is scanned, the whole tree (whose root lists every article, each asked for
 * its item again) is redrawn at most this often, and only once the articles shown grew by a
 * quarter: so the items built while loading N articles are a few times N, however long it takes.
 */
const SCAN_REDRAW_MS = 500;
const SCAN_REDRAW_GROWTH = 1.25;
const handles = new WeakMap<Services, ClaimsTreeHandle>();

export function registerClaimsTree(context: vscode.ExtensionContext, services: Services, scan?: ScanStatus): ClaimsTreeHandle {
  const { store, suggestions } = services;
  const changed = new vscode.EventEmitter<string | string[] | undefined>();
  const paths = new Map<string, string>();
  const relPath = (article: string): string => {
    let p = paths.get(article);
    if (p === undefined) {
      p = vscode.workspace.asRelativePath(articleUri(article), true);
      paths.set(article, p);
    }
    return p;
  };
  /** An assignee group's name as its first claim writes it (the group's key is the compared form). */
  const assigneeShown = (groupId: string): string | undefined => {
    const first = outline.children(groupId)[0];
    const c = first ? outline.node(first) : undefined;
    return c?.kind === 'claim' ? cleanName(store.claim(c.article, c.id)?.claim.assignee) : undefined;
  };
  /**
   * The desk context for the items VS Code asks for in one go (all the children of a node, in one
   * synchronous run), and for the rows of the articles of one update (a batch of the scan): the
   * current user is read once for them, not once an item or article (reading the author setting
   * was half of the cost of a row kept). VS Code may take several messages in one run, a new
   * author setting among them: the user read is forgotten when that setting or the policy changes.
   */
  let meNow: { me: string | undefined } | undefined;
  const desk = (): DeskContext => {
    if (!meNow) {
      meNow = { me: store.me() };
      queueMicrotask(() => { meNow = undefined; });
    }
    return { scale: store.scale, requireReviews: store.policy.requireReviews, me: meNow.me };
  };
  const outline = new ClaimsOutline({
    get scale() { return store.scale; },
    desk,
    snapshot: (a) => store.get(a),
    pending: (a) => store.pendingSummary(a),
    claim: (a, id) => store.claim(a, id),
    suggestions: (a) => suggestions.get(a),
    sortKey: relPath,
  });
  const saved = context.workspaceState.get<string>('factmark.groupBy');
  if (isGroupBy(saved) && saved !== 'article') outline.setGroupBy(saved);

  const stats = { fired: 0, firedAll: 0, nodesRefreshed: 0, itemsAsked: 0, itemsBuilt: 0, itemsReused: 0, tooltipsResolved: 0 };
  /** Claims' rows as built, returned again while nothing they show changed (see claimItemCache.ts). */
  const claimItems = new ClaimItemCache();
  const recent: (readonly string[] | undefined)[] = [];
  const log = (ids: readonly string[] | undefined) => { recent.push(ids); if (recent.length > 20) recent.shift(); };
  /** What waits to be redrawn. */
  let redrawAll = false;
  const redrawIds = new Set<string>();
  let redrawTimer: ReturnType<typeof setTimeout> | undefined;
  /** Articles edited while typing and the claims whose words the keystrokes touched, taken in after a pause. */
  const typed = new Map<string, Set<string>>();
  let typingTimer: ReturnType<typeof setTimeout> | undefined;

  /** Articles listed at the last whole redraw. */
  let shownArticles = 0;
  const fire = () => {
    if (redrawTimer) { clearTimeout(redrawTimer); redrawTimer = undefined; }
    if (redrawAll) {
      stats.fired++; stats.firedAll++;
      shownArticles = outline.articleCount();
      claimItems.age();
      log(undefined);
      changed.fire(undefined);
    } else if (redrawIds.size) {
      stats.fired++; stats.nodesRefreshed += redrawIds.size;
      const ids = [...redrawIds];
      log(ids);
      changed.fire(ids);
    }
    redrawAll = false;
    redrawIds.clear();
    updateBadgeAndMessage();
  };

  const redraw = (r: OutlineRefresh) => {
    if (r.all) redrawAll = true;
    else for (const id of r.ids) redrawIds.add(id);
    if (scan?.current()) {
      // Loading thousands of articles: the progress message now, the articles in a few steps.
      updateBadgeAndMessage();
      if (redrawAll && outline.articleCount() < shownArticles * SCAN_REDRAW_GROWTH) return; // until more have come, or the scan ends
      redrawTimer ??= setTimeout(() => timed('panel', fire), SCAN_REDRAW_MS);
      return;
    }
    fire();
  };

  /** Takes in the articles typed in since the last pause. */
  const takeTyped = () => {
    if (typingTimer) { clearTimeout(typingTimer); typingTimer = undefined; }
    if (!typed.size) return;
    const edited = [...typed];
    typed.clear();
    // Claim by claim, not a snapshot of each article: what typing changed is those claims' entries.
    const ids = new Set<string>();
    let all = false;
    for (const [article, claims] of edited) {
      const r = outline.updateEdited(article, claims);
      if (r.all) all = true; else for (const id of r.ids) ids.add(id);
    }
    redraw(all ? { all: true } : { all: false, ids: [...ids] });
  };

  let lastBadge = -1;
  let lastMessage: string | undefined;
  const updateBadgeAndMessage = () => {
    const open = outline.openCount();
    if (open !== lastBadge) {
      lastBadge = open;
      view.badge = open ? { value: open, tooltip: `${open} claim${open === 1 ? '' : 's'} still need${open === 1 ? 's' : ''} work` } : undefined;
    }
    const progress = scan?.current();
    const message = progress
      ? `Loading claims… ${progress.done.toLocaleString('en')} of ${progress.total.toLocaleString('en')} articles`
      : isFiltering(outline.filter) ? filterMessage(outline.filter, (k) => statusLabel(store.scale, k), store.me()) : undefined;
    if (message !== lastMessage) {
      lastMessage = message;
      view.message = message === undefined ? undefined : uiText(message);
    }
  };


  const holds: Holds = (article, claim, state) => store.holds(article, claim, state);
  /** Whether a claim's row sits under a status group (its status is then said by the group, not the row). */
  const underStatus = (n: ClaimNode) => n.under === 'group' && outline.groupBy === 'status';
  const item = (id: string): vscode.TreeItem => {
    stats.itemsAsked++;
    // A claim's row kept from before: reused without parsing its id or building its entry when
    // the store still holds that very claim in that state (a whole redraw asks for every row).
    const k = claimItems.peek(id);
    if (k) {
      const d = desk();
      if (claimItems.fresh(k, d.scale, d, underStatus(k.node), holds)) { stats.itemsReused++; return k.item; }
    }
    const n = k?.node ?? outline.node(id);
    if (n?.kind === 'claim') {
      const e = store.claim(n.article, n.id);
      const d = desk();
      const scale = d.scale;
      const statusAbove = underStatus(n);
      stats.itemsBuilt++;
      const built = claimItem(id, n, e, scale, d, statusAbove);
      if (e) claimItems.set(id, n, e, scale, d, statusAbove, built);
      return built;
    }
    stats.itemsBuilt++;
    const expanded = outline.startsExpanded(id);
    switch (n?.kind) {
      case 'article': return articleItem(id, n.article, outline.row(n.article), { path: relPath(n.article), filter: outline.filter, expanded });
      case 'sidecarError': return errorItem(id, n.article, outline.row(n.article)?.snapshot);
      case 'suggestion': return suggestionItem(id, n, suggestions.get(n.article)?.find((s) => s.start === n.start && s.end === n.end));
      case 'suggestions': return suggestionsItem(id, outline.groupSize(id), expanded);
      case 'recheck': return recheckItem(id, outline.groupSize(id), expanded);
      case 'errors': return errorsItem(id, outline.groupSize(id), expanded);
      case 'group': return groupItem(id, n, outline.groupSize(id), desk(), expanded, n.by === 'assignee' ? assigneeShown(id) : undefined);
      default: return Object.assign(new vscode.TreeItem('(gone)'), { id });
    }
  };

  // The panel's work is timed (`panel`): what typing costs here once it pauses is counted with the keystrokes.
  const provider: vscode.TreeDataProvider<string> = {
    onDidChangeTreeData: changed.event,
    getChildren: (id) => timed('panel', () => outline.children(id)),
    getTreeItem: (id) => timed('panel', () => item(id)),
    getParent: (id) => timed('panel', () => outline.parent(id)),
    resolveTreeItem(treeItem, id) {
      const n = outline.node(id);
      if (n?.kind === 'claim') {
        const e = store.claim(n.article, n.id);
        // On a copy: the row may be kept and handed out again, where the tooltip must be the claim's then.
        if (e) { stats.tooltipsResolved++; return Object.assign(new vscode.TreeItem(treeItem.label ?? ''), treeItem, { tooltip: claimTooltip(n, e, store.scale) }); }
      } else if (n?.kind === 'suggestion') {
        const s = suggestions.get(n.article)?.find((x) => x.start === n.start && x.end === n.end);
        if (s) { stats.tooltipsResolved++; treeItem.tooltip = suggestionTooltip(s); }
      }
      return treeItem;
    },
  };

  const view = vscode.window.createTreeView('factmark.claims', { treeDataProvider: provider, showCollapseAll: true });

  /** The policy or the current user changed (one event per article): one redraw of everything. */
  let policyTimer: ReturnType<typeof setTimeout> | undefined;
  const onStore = (e: StoreChange) => {
    if (e.kind === 'policy') {
      meNow = undefined; // (the current user may be another now, within this very run)
      policyTimer ??= setTimeout(() => { policyTimer = undefined; timed('panel', () => redraw(outline.refreshAll())); }, 0);
      return;
    }
    // Typing that touched no claim moved ranges only: nothing the panel shows changed.
    if (e.kind === 'anchors' && e.ids && e.ids.length === 0) return;
    if (e.kind === 'anchors' && e.ids) {
      for (const a of e.articles) {
        const claims = typed.get(a);
        if (claims) for (const id of e.ids) claims.add(id); else typed.set(a, new Set(e.ids));
      }
      if (typingTimer) clearTimeout(typingTimer);
      typingTimer = setTimeout(() => timed('panel', takeTyped), TYPING_DELAY_MS);
      return;
    }
    for (const a of e.articles) typed.delete(a);
    redraw(outline.update(e.articles));
  };

  const setContext = () => {
    void vscode.commands.executeCommand('setContext', 'factmark.groupBy', outline.groupBy);
    void vscode.commands.executeCommand('setContext', 'factmark.filtered', isFiltering(outline.filter));
  };

  const handle: ClaimsTreeHandle = {
    view,
    provider,
    groupBy: () => outline.groupBy,
    setGroupBy(g) {
      void context.workspaceState.update('factmark.groupBy', g);
      const r = outline.setGroupBy(g);
      // Every row rebuilt, as asked: the ids under groups differ from those under articles anyway.
      claimItems.clear();
      setContext();
      redraw(r);
    },
    filter: () => outline.filter,
    setFilter(f) {
      const r = outline.setFilter(f);
      setContext();
      redraw(r);
    },
    node: (id) => outline.node(id),
    async reveal(ref, options = {}) {
      if (!store.claim(ref.article, ref.id)) return;
      takeTyped();
      if (!outline.row(ref.article)?.byId.has(ref.id)) redraw(outline.update([ref.article]));
      await view.reveal(outline.claimNode(ref.article, ref.id), { select: true, focus: options.focus ?? false, expand: true });
    },
    openCount: () => outline.openCount(),
    stats: () => ({ ...stats, recent: [...recent] }),
  };
  handles.set(services, handle);

  /** The claim being read is the one selected in the panel. */
  const follow = (ref: ClaimRef | undefined) => {
    if (!ref || !view.visible) return;
    const sel = view.selection[0];
    const n = sel === undefined ? undefined : outline.node(sel);
    if (n?.kind === 'claim' && n.article === ref.article && n.id === ref.id) return;
    void handle.reveal(ref).then(undefined, () => undefined);
  };

  context.subscriptions.push(
    view,
    changed,
    store.onDidChange((e) => timed('panel', () => onStore(e))),
    // (a new author setting may arrive in the same run as a request for rows: not the one read before it)
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('factmark.author')) meNow = undefined; }),
    suggestions.onDidChange((e) => timed('panel', () => redraw(outline.update([e.article])))),
    view.onDidChangeSelection((e) => {
      const n = e.selection[0] === undefined ? undefined : outline.node(e.selection[0]);
      services.setSelectedInPanel(n?.kind === 'claim' ? { article: n.article, id: n.id } : undefined);
      if (n?.kind === 'claim') services.setSelectedClaim({ article: n.article, id: n.id });
      services.setSelectedSuggestion(n?.kind === 'suggestion' ? { article: n.article, start: n.start, end: n.end } : undefined);
    }),
    services.onDidChangeCurrentClaim(follow),
    // Shown again (or for the first time): select the claim being read, which opens its article.
    view.onDidChangeVisibility((e) => { if (e.visible) follow(services.currentClaim()); }),
    { dispose: () => { if (typingTimer) clearTimeout(typingTimer); if (redrawTimer) clearTimeout(redrawTimer); if (policyTimer) clearTimeout(policyTimer); handles.delete(services); } },
  );
  if (scan) {
    context.subscriptions.push(scan.onDidChange((p) => {
      outline.setExpected(p?.total ?? 0);
      if (p) updateBadgeAndMessage();
      else fire(); // the scan is over: draw what it loaded now
    }));
  }
  setContext();
  redraw(outline.update(store.articles()));
  return handle;
}

/**
 * The Claims panel's commands, for the command table: grouping and filtering. (Show Claims
 * Panel, `factmark.focusPanel`, is in the navigation commands.)
 */
export function viewCommands(services: Services): Record<string, (...args: unknown[]) => unknown> {
  const tree = (): ClaimsTreeHandle => {
    const h = handles.get(services);
    if (!h) throw new Error('the Claims panel is not registered');
    return h;
  };
  const focus = () => vscode.commands.executeCommand('factmark.claims.focus');
  return {
    'factmark.groupByArticle': () => tree().setGroupBy('article'),
    'factmark.groupByStatus': () => tree().setGroupBy('status'),
    'factmark.groupByReview': () => tree().setGroupBy('review'),
    'factmark.groupByAssignee': () => tree().setGroupBy('assignee'),
    'factmark.groupBy': async (arg?: unknown) => {
      const t = tree();
      const g = isGroupBy(arg) ? arg : (await vscode.window.showQuickPick(
        GROUP_BYS.map((by) => ({ ...GROUP_BY_LABELS[by], by, description: by === t.groupBy() ? `${GROUP_BY_LABELS[by].description} (now)` : GROUP_BY_LABELS[by].description })),
        { title: 'Group claims by', placeHolder: 'How the Claims panel lists claims' },
      ))?.by;
      if (g) t.setGroupBy(g);
      return t.groupBy();
    },
    'factmark.clearFilter': () => tree().setFilter({}),
    'factmark.filter': async (arg?: unknown) => {
      const t = tree();
      // A filter given by a caller; the claim or article of the panel's focused row (what the
      // title bar's Filter button passes) is no filter, so the user is asked.
      if (isFilterArgument(arg)) {
        t.setFilter(filterFromArg(arg));
        return t.filter();
      }
      const f = await askFilter(services, t.filter());
      if (f) t.setFilter(f);
      return t.filter();
    },
    /** The verdicts I am asked to sign off, in one step (Command Palette, the desk view). */
    'factmark.showAwaitingMyReview': async () => {
      tree().setFilter({ review: ['awaiting-me'] });
      await focus();
      return tree().filter();
    },
    'factmark.showMyClaims': async () => {
      tree().setFilter({ assignees: { me: true } });
      await focus();
      return tree().filter();
    },
  };
}

const GROUP_BY_LABELS: Record<GroupBy, { label: string; description: string; iconPath: vscode.ThemeIcon }> = {
  article: { label: 'Article', description: 'each article with its claims', iconPath: new vscode.ThemeIcon('file') },
  status: { label: 'Status', description: 'True, False… in the order of the scale', iconPath: new vscode.ThemeIcon('tag') },
  review: { label: 'Review state', description: 'awaiting my review, disputed, signed off…', iconPath: new vscode.ThemeIcon('eye') },
  assignee: { label: 'Assignee', description: 'who is to check each claim', iconPath: new vscode.ThemeIcon('person') },
};

/** A filter from a command argument (tests, links): only the fields and values it may hold. */
function filterFromArg(arg: object): ClaimFilter {
  const a = arg as { statuses?: unknown; review?: unknown; assignees?: unknown; text?: unknown };
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : undefined);
  const who = a.assignees && typeof a.assignees === 'object' ? a.assignees as { me?: unknown; nobody?: unknown; names?: unknown } : undefined;
  return {
    statuses: strings(a.statuses),
    review: strings(a.review)?.filter(isDeskState),
    assignees: who ? { me: who.me === true, nobody: who.nobody === true, names: strings(who.names) } : undefined,
    text: typeof a.text === 'string' ? a.text : undefined,
  };
}

type FilterItem = vscode.QuickPickItem & { status?: string; review?: DeskState; who?: 'me' | 'nobody'; name?: string };

/** A filter's fields (statuses, review, assignees, text), at least one, and nothing of a panel row. */
function isFilterArgument(arg: unknown): arg is object {
  if (!arg || typeof arg !== 'object' || Array.isArray(arg) || treeNodeOf(arg)) return false;
  const a = arg as { statuses?: unknown; review?: unknown; assignees?: unknown; text?: unknown };
  return Array.isArray(a.statuses) || Array.isArray(a.review) || (!!a.assignees && typeof a.assignees === 'object') || typeof a.text === 'string';
}

async function askFilter(services: Services, current: ClaimFilter): Promise<ClaimFilter | undefined> {
  const { scale } = services.store;
  const me = services.store.me();
  const sep = (label: string): FilterItem => ({ label, kind: vscode.QuickPickItemKind.Separator });
  const names = assigneesOf(services).filter((n) => !samePerson(n, me));
  const items: FilterItem[] = [
    sep('Status'),
    ...scale.statuses.map((s) => ({ label: uiText(s.label, 100), description: s.definition && uiText(s.definition, 400), status: s.key, picked: !!current.statuses?.includes(s.key) })),
    sep('Review'),
    ...DESK_STATES.map((r) => ({ label: DESK_STATE_LABELS[r], description: DESK_STATE_DESCRIPTIONS[r], review: r, picked: !!current.review?.includes(r) })),
    sep('Assigned to'),
    ...(me ? [{ label: `${uiText(me, 60)} (me)`, who: 'me' as const, picked: !!current.assignees?.me }] : []),
    ...names.map((n) => ({ label: uiText(n, 60), name: n, picked: !!current.assignees?.names?.some((x) => nameKey(x) === nameKey(n)) })),
    { label: 'Nobody', description: 'unassigned claims', who: 'nobody' as const, picked: !!current.assignees?.nobody },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Filter claims (1/2): what to show — any under one heading, all headings picked from; none: everything',
    canPickMany: true,
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  const text = await vscode.window.showInputBox({
    title: 'Filter claims (2/2): words to look for',
    prompt: 'In the quote, explanation, claimant, assignee, tags and sources. Empty: any.',
    value: current.text ?? '',
  });
  if (text === undefined) return undefined;
  const assignees: AssigneeFilter = {
    me: picked.some((p) => p.who === 'me'),
    nobody: picked.some((p) => p.who === 'nobody'),
    names: picked.flatMap((p) => (p.name ? [p.name] : [])),
  };
  return {
    statuses: picked.flatMap((p) => (p.status ? [p.status] : [])),
    review: picked.flatMap((p) => (p.review ? [p.review] : [])),
    assignees: isFilteringAssignees(assignees) ? assignees : undefined,
    text,
  };
}

/** Everyone a claim of the workspace is assigned to, by name. */
function assigneesOf(services: Services): string[] {
  const byKey = new Map<string, string>();
  for (const a of services.store.articles()) {
    for (const e of services.store.get(a)?.claims ?? []) {
      const n = cleanName(e.claim.assignee);
      if (n && !byKey.has(nameKey(n))) byKey.set(nameKey(n), n);
    }
  }
  return [...byKey.values()].sort((x, y) => x.localeCompare(y));
}

function filterMessage(f: ClaimFilter, label: (k: string) => string, me: string | undefined): string {
  const parts: string[] = [];
  if (f.statuses?.length) parts.push(f.statuses.map(label).join(', '));
  if (f.review?.length) parts.push(f.review.map((r) => DESK_STATE_LABELS[r]).join(', '));
  if (isFilteringAssignees(f.assignees)) {
    const who = [...(f.assignees.me ? [me ? `${oneLine(me, 30)} (me)` : 'me'] : []), ...(f.assignees.names ?? []).map((n) => oneLine(n, 30)), ...(f.assignees.nobody ? ['nobody'] : [])];
    parts.push(`assigned to ${who.join(' or ')}`);
  }
  if (f.text) parts.push(`“${oneLine(f.text, 40)}”`);
  return `Filtered: ${parts.join(' · ')}`;
}
