// The Claims panel: every claim of every article in the workspace, grouped by article or by
// status, with a filter, and the suggested check-worthy sentences of articles where they are
// shown (a "Suggestions" group per article, or at the top when grouped by status). Elements are small id objects (cached, so `reveal` finds the same
// object); TreeItems are built on demand from the store, which the view follows through
// onDidChange.
import * as vscode from 'vscode';
import { isOpenClaim } from '../core/navigation';
import { claimMarkdown, CLAIM_LINK_COMMANDS } from '../core/present/claimMarkdown';
import { isFiltering, matchesFilter, needsRecheck, type ClaimFilter } from '../core/present/claimFilter';
import { mdInline, oneLine } from '../core/present/displayText';
import { progressOf } from '../core/store/progress';
import { findStatus } from '../core/statusScale';
import type { ArticleSnapshot, ClaimEntry, StoreChange } from '../core/store/types';
import type { Suggestion } from '../core/suggest/suggestClaims';
import { articleUri, baseName } from './articles';
import type { ClaimRef, Services, SuggestionRef } from './services';
import { needsRecheckColor, statusIcon } from './statusColors';

export type GroupBy = 'article' | 'status';

export type ClaimsNode =
  | { kind: 'recheck' }
  | { kind: 'errors' }
  | { kind: 'sidecarError'; article: string }
  | { kind: 'article'; article: string }
  | { kind: 'status'; status: string }
  | { kind: 'claim'; article: string; id: string; under: 'recheck' | 'article' | 'status' }
  /** `article` undefined: every article's suggestions (grouped by status). */
  | { kind: 'suggestions'; article?: string }
  | { kind: 'suggestion'; article: string; start: number; end: number; under: 'article' | 'all' };

export interface ClaimsTreeHandle {
  readonly view: vscode.TreeView<ClaimsNode>;
  readonly provider: vscode.TreeDataProvider<ClaimsNode>;
  groupBy(): GroupBy;
  setGroupBy(g: GroupBy): void;
  filter(): ClaimFilter;
  setFilter(f: ClaimFilter): void;
  /** Selects the claim in the panel (under its article or status). */
  reveal(ref: ClaimRef, options?: { focus?: boolean }): Promise<void>;
  /** Number of claims that still need work (the view's badge). */
  openCount(): number;
}

const TYPING_DELAY_MS = 200;
const handles = new WeakMap<Services, ClaimsTreeHandle>();

export function registerClaimsTree(context: vscode.ExtensionContext, services: Services): ClaimsTreeHandle {
  const { store, suggestions } = services;
  const changed = new vscode.EventEmitter<ClaimsNode | undefined>();
  const nodes = new Map<string, ClaimsNode>();
  let groupBy: GroupBy = context.workspaceState.get<GroupBy>('factmark.groupBy') === 'status' ? 'status' : 'article';
  let filter: ClaimFilter = {};
  let timer: ReturnType<typeof setTimeout> | undefined;

  const node = <N extends ClaimsNode>(n: N): N => {
    const id = nodeId(n);
    const known = nodes.get(id);
    if (known) return known as N;
    nodes.set(id, n);
    return n;
  };

  const snapshots = (): ArticleSnapshot[] =>
    store.articles()
      .map((a) => store.get(a))
      .filter((s): s is ArticleSnapshot => !!s && (s.claims.length > 0 || s.sidecarState === 'broken' || s.sidecarState === 'conflict'))
      .sort((a, b) => relPath(a.article).localeCompare(relPath(b.article)));

  /** Open suggestions of an article (empty when none are shown). */
  const suggested = (article: string): readonly Suggestion[] => suggestions.get(article) ?? [];
  /** Articles with claims or with suggestions shown, in path order. */
  const articleKeys = (): string[] => {
    const keys = new Set(snapshots().filter((s) => s.claims.length).map((s) => s.article));
    for (const a of suggestions.articles()) if (suggested(a).length) keys.add(a);
    return [...keys].sort((a, b) => relPath(a).localeCompare(relPath(b)));
  };
  const suggestionNode = (article: string, s: Suggestion, under: 'article' | 'all') =>
    node({ kind: 'suggestion', article, start: s.start, end: s.end, under } as const);

  const visible = (s: ArticleSnapshot): ClaimEntry[] => s.claims.filter((e) => matchesFilter(e, filter));
  const statusLabel = (key: string) => findStatus(store.scale, key)?.label ?? key;

  const roots = (): ClaimsNode[] => {
    const snaps = snapshots();
    const out: ClaimsNode[] = [];
    if (snaps.some((s) => visible(s).some(needsRecheck))) out.push(node({ kind: 'recheck' }));
    if (snaps.some((s) => s.sidecarState === 'broken' || s.sidecarState === 'conflict')) out.push(node({ kind: 'errors' }));
    if (groupBy === 'article') {
      for (const a of articleKeys()) {
        const s = store.get(a);
        if (!isFiltering(filter) || (s && visible(s).length) || suggested(a).length) out.push(node({ kind: 'article', article: a }));
      }
    } else {
      if (suggestions.articles().some((a) => suggested(a).length)) out.push(node({ kind: 'suggestions' }));
      const present = new Set(snaps.flatMap((s) => visible(s).map((e) => e.claim.status)));
      const ordered = [...store.scale.statuses.map((s) => s.key).filter((k) => present.has(k)), ...[...present].filter((k) => !findStatus(store.scale, k)).sort()];
      for (const k of ordered) out.push(node({ kind: 'status', status: k }));
    }
    return out;
  };

  const children = (n: ClaimsNode): ClaimsNode[] => {
    switch (n.kind) {
      case 'recheck':
        return snapshots().flatMap((s) => visible(s).filter(needsRecheck).map((e) => node({ kind: 'claim', article: s.article, id: e.claim.id, under: 'recheck' } as const)));
      case 'errors':
        return snapshots().filter((s) => s.sidecarState === 'broken' || s.sidecarState === 'conflict').map((s) => node({ kind: 'sidecarError', article: s.article } as const));
      case 'article': {
        const s = store.get(n.article);
        const claims: ClaimsNode[] = s ? visible(s).map((e) => node({ kind: 'claim', article: s.article, id: e.claim.id, under: 'article' } as const)) : [];
        return suggested(n.article).length ? [...claims, node({ kind: 'suggestions', article: n.article })] : claims;
      }
      case 'suggestions':
        return n.article !== undefined
          ? suggested(n.article).map((x) => suggestionNode(n.article as string, x, 'article'))
          : articleKeys().flatMap((a) => suggested(a).map((x) => suggestionNode(a, x, 'all')));
      case 'status':
        return snapshots().flatMap((s) => visible(s).filter((e) => e.claim.status === n.status).map((e) => node({ kind: 'claim', article: s.article, id: e.claim.id, under: 'status' } as const)));
      default:
        return [];
    }
  };

  const claimItem = (n: Extract<ClaimsNode, { kind: 'claim' }>): vscode.TreeItem => {
    const e = store.claim(n.article, n.id);
    if (!e) return new vscode.TreeItem('(deleted claim)');
    const item = new vscode.TreeItem(oneLine(e.claim.quote, 70) || '(empty quote)', vscode.TreeItemCollapsibleState.None);
    item.id = nodeId(n);
    const status = findStatus(store.scale, e.claim.status);
    const marks = e.state === 'changed' ? ' · ⟲ words changed' : e.state === 'ambiguous' ? ' · ⟲ unsure place' : e.state === 'orphaned' ? ' · not found' : '';
    const where = n.under === 'article' ? '' : ` · ${baseName(articleUri(n.article))}`;
    item.description = `${statusLabel(e.claim.status)}${marks}${where}`;
    item.iconPath = e.state === 'changed' || e.state === 'ambiguous'
      ? new vscode.ThemeIcon('history', needsRecheckColor())
      : e.state === 'orphaned'
        ? new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('list.warningForeground'))
        : statusIcon(status, e.claim.status);
    const tip = new vscode.MarkdownString(`“${mdInline(e.claim.quote, 200)}”\n\n${claimMarkdown(e, store.scale, { ref: { article: n.article, id: n.id } })}`);
    tip.isTrusted = { enabledCommands: [...CLAIM_LINK_COMMANDS] };
    tip.supportHtml = false;
    item.tooltip = tip;
    item.contextValue = `claim status:${e.claim.status} ${e.state}`;
    const ref: ClaimRef = { article: n.article, id: n.id };
    item.command = { command: 'factmark.revealClaim', title: 'Reveal Claim in Article', arguments: [ref] };
    item.accessibilityInformation = { label: `${oneLine(e.claim.quote, 200)}, ${statusLabel(e.claim.status)}${marks.replace(' · ', ', ')}` };
    return item;
  };

  const suggestionItem = (n: Extract<ClaimsNode, { kind: 'suggestion' }>): vscode.TreeItem => {
    const x = suggested(n.article).find((s) => s.start === n.start && s.end === n.end);
    if (!x) return new vscode.TreeItem('(no longer suggested)');
    const item = new vscode.TreeItem(oneLine(x.text, 70), vscode.TreeItemCollapsibleState.None);
    item.id = nodeId(n);
    item.description = `score ${x.score}${n.under === 'all' ? ` · ${baseName(articleUri(n.article))}` : ''}`;
    item.iconPath = new vscode.ThemeIcon('lightbulb', new vscode.ThemeColor('factmark.suggestion'));
    const tip = new vscode.MarkdownString(`“${mdInline(x.text, 300)}”\n\n**Check-worthiness ${x.score}** because of:\n\n${x.reasons.map((r) => `- ${mdInline(r, 80)}`).join('\n')}\n\n*Accept* (Ctrl+Enter) marks it as a claim; *Dismiss* (Delete) never suggests it again.`);
    tip.supportHtml = false;
    item.tooltip = tip;
    item.contextValue = 'suggestion';
    const ref: SuggestionRef = { article: n.article, start: n.start, end: n.end };
    item.command = { command: 'factmark.revealSuggestion', title: 'Reveal Suggestion in Article', arguments: [ref] };
    item.accessibilityInformation = { label: `Suggested claim: ${oneLine(x.text, 200)}, score ${x.score}, because of ${x.reasons.join('; ')}` };
    return item;
  };

  const suggestionsItem = (n: Extract<ClaimsNode, { kind: 'suggestions' }>): vscode.TreeItem => {
    const count = children(n).length;
    const item = new vscode.TreeItem(`Suggestions (${count})`, vscode.TreeItemCollapsibleState.Expanded);
    item.id = nodeId(n);
    item.iconPath = new vscode.ThemeIcon('lightbulb', new vscode.ThemeColor('factmark.suggestion'));
    item.description = 'check-worthy, no claim yet';
    item.tooltip = 'Sentences that state figures, dates, quotations or attributions and that no claim covers. Accept one to mark it as a claim, or dismiss it (remembered in the sidecar).';
    item.contextValue = 'group suggestions';
    return item;
  };

  /** " · 3 unchecked sentences" once an article's suggestions are computed. */
  const coverage = (article: string): string => {
    const list = suggestions.get(article);
    return list ? ` · ${list.length} unchecked sentence${list.length === 1 ? '' : 's'}` : '';
  };

  const articleItem = (article: string): vscode.TreeItem => {
    const s = store.get(article);
    const uri = articleUri(article);
    const item = new vscode.TreeItem(baseName(uri), vscode.TreeItemCollapsibleState.Expanded);
    item.id = nodeId({ kind: 'article', article });
    item.resourceUri = uri;
    item.contextValue = 'article';
    if (s) {
      const p = progressOf(s.claims, store.scale);
      const shown = isFiltering(filter) ? `${visible(s).length} of ${p.total} shown · ` : '';
      item.description = `${shown}${p.settled}/${p.total} checked${p.needsRecheck + p.orphaned ? ` · ${p.needsRecheck + p.orphaned} to re-check` : ''}${coverage(article)}`;
      item.tooltip = `${relPath(article)}\n${p.open} still open`;
      if (s.sidecarState === 'broken' || s.sidecarState === 'conflict') item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
      else item.iconPath = vscode.ThemeIcon.File;
      if (s.articleMissing) {
        // Renamed or deleted outside VS Code: the sidecar is orphaned beside a missing article.
        item.description = `article missing · ${p.total} claim${p.total === 1 ? '' : 's'} kept, orphaned`;
        item.tooltip = `${relPath(article)} does not exist (renamed or deleted outside the editor?).\nIts claims are kept in ${baseName(vscode.Uri.parse(s.sidecar, true))}; rename the sidecar with the article to place them again.`;
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
      }
    } else {
      // Suggestions shown in an article with no sidecar yet.
      item.description = `no claims yet${coverage(article)}`;
      item.iconPath = vscode.ThemeIcon.File;
    }
    return item;
  };

  const errorItem = (article: string): vscode.TreeItem => {
    const s = store.get(article);
    const item = new vscode.TreeItem(s ? baseName(vscode.Uri.parse(s.sidecar, true)) : baseName(articleUri(article)), vscode.TreeItemCollapsibleState.None);
    item.id = nodeId({ kind: 'sidecarError', article });
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    item.contextValue = 'sidecarError';
    if (!s) return item;
    const sidecar = vscode.Uri.parse(s.sidecar, true);
    if (s.sidecarState === 'conflict') {
      item.description = 'changed on disk in the same claims — choose a version';
      item.command = { command: 'factmark.resolveConflicts', title: 'Resolve Sidecar Conflicts', arguments: [{ article }] };
    } else {
      const p = s.problems.find((x) => x.severity === 'error') ?? s.problems[0];
      item.description = p ? `${p.line ? `line ${p.line}: ` : ''}${oneLine(p.message, 120)}` : 'has errors';
      const line = Math.max(0, (p?.line ?? 1) - 1);
      const col = Math.max(0, (p?.column ?? 1) - 1);
      item.command = { command: 'vscode.open', title: 'Open Sidecar', arguments: [sidecar, { selection: new vscode.Range(line, col, line, col) }] };
    }
    item.tooltip = `${s.sidecar}\n${s.problems.map((p) => `${p.line ? `${p.line}:${p.column ?? 1} ` : ''}${oneLine(p.message, 200)}`).slice(0, 10).join('\n')}\nFactmark will not write over this file until it is fixed.`;
    return item;
  };

  const groupItem = (n: ClaimsNode): vscode.TreeItem => {
    const kids = children(n).length;
    if (n.kind === 'recheck') {
      const item = new vscode.TreeItem('Orphaned / needs re-check', vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon('history', needsRecheckColor());
      item.description = String(kids);
      item.tooltip = 'Claims whose words changed since they were rated, whose place is unsure, or whose words were not found.';
      item.contextValue = 'group recheck';
      item.id = nodeId(n);
      return item;
    }
    if (n.kind === 'errors') {
      const item = new vscode.TreeItem('Sidecar errors', vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
      item.description = String(kids);
      item.contextValue = 'group errors';
      item.id = nodeId(n);
      return item;
    }
    const key = (n as { status: string }).status;
    const def = findStatus(store.scale, key);
    const item = new vscode.TreeItem(def ? def.label : `${key} (not on the scale)`, vscode.TreeItemCollapsibleState.Expanded);
    item.iconPath = statusIcon(def, key);
    item.description = String(kids);
    item.tooltip = def?.definition;
    item.contextValue = `group status:${key}`;
    item.id = nodeId(n);
    return item;
  };

  const provider: vscode.TreeDataProvider<ClaimsNode> = {
    onDidChangeTreeData: changed.event,
    getChildren: (n) => (n ? children(n) : roots()),
    getTreeItem: (n) => {
      switch (n.kind) {
        case 'claim': return claimItem(n);
        case 'article': return articleItem(n.article);
        case 'sidecarError': return errorItem(n.article);
        case 'suggestion': return suggestionItem(n);
        case 'suggestions': return suggestionsItem(n);
        default: return groupItem(n);
      }
    },
    getParent: (n) => {
      if (n.kind === 'sidecarError') return node({ kind: 'errors' });
      if (n.kind === 'suggestions') return n.article === undefined ? undefined : node({ kind: 'article', article: n.article });
      if (n.kind === 'suggestion') return n.under === 'all' ? node({ kind: 'suggestions' }) : node({ kind: 'suggestions', article: n.article });
      if (n.kind !== 'claim') return undefined;
      if (n.under === 'recheck') return node({ kind: 'recheck' });
      if (n.under === 'article') return node({ kind: 'article', article: n.article });
      const e = store.claim(n.article, n.id);
      return e ? node({ kind: 'status', status: e.claim.status }) : undefined;
    },
  };

  const view = vscode.window.createTreeView('factmark.claims', { treeDataProvider: provider, showCollapseAll: true });

  const openCount = () => store.articles().reduce((n, a) => n + (store.get(a)?.claims.filter((e) => isOpenClaim(e, store.scale)).length ?? 0), 0);

  const refresh = () => {
    timer = undefined;
    // Claims may have changed status (and so group): drop cached nodes, ids keep expansion state.
    nodes.clear();
    changed.fire(undefined);
    const open = openCount();
    view.badge = open ? { value: open, tooltip: `${open} claim${open === 1 ? '' : 's'} still need${open === 1 ? 's' : ''} work` } : undefined;
    view.message = isFiltering(filter) ? filterMessage(filter, statusLabel) : undefined;
  };

  const onStore = (e: StoreChange) => {
    if (timer) clearTimeout(timer);
    if (e.kind === 'anchors') timer = setTimeout(refresh, TYPING_DELAY_MS);
    else refresh();
  };

  const setContext = () => {
    void vscode.commands.executeCommand('setContext', 'factmark.groupBy', groupBy);
    void vscode.commands.executeCommand('setContext', 'factmark.filtered', isFiltering(filter));
  };

  const handle: ClaimsTreeHandle = {
    view,
    provider,
    groupBy: () => groupBy,
    setGroupBy(g) {
      groupBy = g;
      void context.workspaceState.update('factmark.groupBy', g);
      setContext();
      refresh();
    },
    filter: () => filter,
    setFilter(f) {
      filter = { statuses: f.statuses?.length ? [...f.statuses] : undefined, text: f.text?.trim() || undefined };
      setContext();
      refresh();
    },
    async reveal(ref, options = {}) {
      const e = store.claim(ref.article, ref.id);
      if (!e) return;
      const target = node({ kind: 'claim', article: ref.article, id: ref.id, under: groupBy === 'article' ? 'article' : 'status' } as const);
      await view.reveal(target, { select: true, focus: options.focus ?? false, expand: true });
    },
    openCount,
  };
  handles.set(services, handle);

  context.subscriptions.push(
    view,
    changed,
    store.onDidChange(onStore),
    suggestions.onDidChange(() => { if (timer) clearTimeout(timer); refresh(); }),
    view.onDidChangeSelection((e) => {
      const n = e.selection[0];
      if (n?.kind === 'claim') services.setSelectedClaim({ article: n.article, id: n.id });
      services.setSelectedSuggestion(n?.kind === 'suggestion' ? { article: n.article, start: n.start, end: n.end } : undefined);
    }),
    // Follow the cursor: the claim being read is the one selected in the panel.
    services.onDidChangeCurrentClaim((ref) => {
      if (!ref || !view.visible) return;
      const sel = view.selection[0];
      if (sel?.kind === 'claim' && sel.article === ref.article && sel.id === ref.id) return;
      void handle.reveal(ref).then(undefined, () => undefined);
    }),
    { dispose: () => { if (timer) clearTimeout(timer); handles.delete(services); } },
  );
  setContext();
  refresh();
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
  return {
    'factmark.groupByArticle': () => tree().setGroupBy('article'),
    'factmark.groupByStatus': () => tree().setGroupBy('status'),
    'factmark.clearFilter': () => tree().setFilter({}),
    'factmark.filter': async (arg?: unknown) => {
      const t = tree();
      if (arg && typeof arg === 'object') {
        const a = arg as { statuses?: unknown; text?: unknown };
        t.setFilter({
          statuses: Array.isArray(a.statuses) ? a.statuses.filter((s): s is string => typeof s === 'string') : undefined,
          text: typeof a.text === 'string' ? a.text : undefined,
        });
        return t.filter();
      }
      const f = await askFilter(services, t.filter());
      if (f) t.setFilter(f);
      return t.filter();
    },
  };
}

async function askFilter(services: Services, current: ClaimFilter): Promise<ClaimFilter | undefined> {
  const { scale } = services.store;
  const picked = await vscode.window.showQuickPick(
    scale.statuses.map((s) => ({ label: s.label, description: s.definition, key: s.key, picked: !!current.statuses?.includes(s.key) })),
    { title: 'Filter claims (1/2): statuses to show — none picked shows all', canPickMany: true, matchOnDescription: true },
  );
  if (!picked) return undefined;
  const text = await vscode.window.showInputBox({
    title: 'Filter claims (2/2): words to look for',
    prompt: 'In the quote, explanation, claimant, tags and sources. Empty: any.',
    value: current.text ?? '',
  });
  if (text === undefined) return undefined;
  return { statuses: picked.map((p) => p.key), text };
}

function filterMessage(f: ClaimFilter, label: (k: string) => string): string {
  const parts: string[] = [];
  if (f.statuses?.length) parts.push(f.statuses.map(label).join(', '));
  if (f.text) parts.push(`“${oneLine(f.text, 40)}”`);
  return `Filtered: ${parts.join(' · ')}`;
}

function nodeId(n: ClaimsNode): string {
  switch (n.kind) {
    case 'claim': return `claim/${n.under}/${n.article}#${n.id}`;
    case 'article': return `article/${n.article}`;
    case 'status': return `status/${n.status}`;
    case 'sidecarError': return `sidecarError/${n.article}`;
    case 'suggestions': return `suggestions/${n.article ?? '*'}`;
    case 'suggestion': return `suggestion/${n.under}/${n.article}#${n.start}-${n.end}`;
    default: return n.kind;
  }
}

function relPath(article: string): string {
  return vscode.workspace.asRelativePath(articleUri(article), true);
}
