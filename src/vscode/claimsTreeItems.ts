// How each node of the Claims panel looks: one builder per kind of node, from the outline's row
// and the store's entry. Items are built when VS Code asks for them; a claim's Markdown tooltip
// only when the user hovers it (resolveTreeItem), so listing thousands of claims stays cheap.
import * as vscode from 'vscode';
import { claimMarkdown, CLAIM_LINK_COMMANDS } from '../core/present/claimMarkdown';
import { isFiltering, type ClaimFilter } from '../core/present/claimFilter';
import type { ArticleRow } from '../core/present/claimsOutline';
import { mdInline, oneLine } from '../core/present/displayText';
import { suggestedSentences } from '../core/present/phrases';
import type { OutlineNode } from '../core/present/outlineIds';
import { findStatus, statusLabel, type StatusScale } from '../core/statusScale';
import type { ArticleSnapshot, ClaimEntry } from '../core/store/types';
import { suggestionMarkdown } from '../core/suggest/explain';
import type { Suggestion } from '../core/suggest/suggestClaims';
import { DESK_STATE_DESCRIPTIONS, DESK_STATE_LABELS, deskState, isDeskState, type DeskContext, type DeskState } from '../core/workflow/deskState';
import { UNASSIGNED } from '../core/present/outlineGroupings';
import { samePerson } from '../core/workflow/people';
import { mayReview } from '../core/workflow/reviews';
import { articleUri, baseName } from './articles';
import type { ClaimRef, SuggestionRef } from './services';
import { needsRecheckColor, statusIcon } from './statusColors';

type Node<K extends OutlineNode['kind']> = Extract<OutlineNode, { kind: K }>;

const collapsible = (expanded: boolean) => (expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);

/** " · ⟲ words changed" and the like: what the claim's anchor state adds to its description. */
function stateMark(e: ClaimEntry): string {
  switch (e.state) {
    case 'changed': return ' · ⟲ words changed';
    case 'ambiguous': return ' · ⟲ unsure place';
    case 'orphaned': return ' · not found';
    default: return '';
  }
}

/** " · ⚑ disputed" and the like: where a verdict's sign-off stands, when it asks for attention. */
const REVIEW_MARKS: Partial<Record<DeskState, string>> = {
  'awaiting-me': ' · awaiting your review',
  disputed: ' · ⚑ disputed',
  recheck: ' · verdict to confirm',
  'signed-off': ' · ✓ signed off',
};

export function claimItem(id: string, n: Node<'claim'>, e: ClaimEntry | undefined, scale: StatusScale, desk?: DeskContext): vscode.TreeItem {
  if (!e) return Object.assign(new vscode.TreeItem('(deleted claim)'), { id });
  const item = new vscode.TreeItem(oneLine(e.claim.quote, 70) || '(empty quote)', vscode.TreeItemCollapsibleState.None);
  item.id = id;
  const status = findStatus(scale, e.claim.status);
  const review = desk ? deskState(e.claim, desk) : undefined;
  const marks = stateMark(e) + (review ? REVIEW_MARKS[review] ?? '' : '');
  const where = n.under === 'article' ? '' : ` · ${baseName(articleUri(n.article))}`;
  // A status not on the scale (a typo, a status removed from .factmark.yaml) is an error of the claim.
  const label = status ? status.label : `${oneLine(e.claim.status, 30)} — not on the scale`;
  item.description = `${label}${marks}${where}`;
  item.iconPath = !status ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
    : e.state === 'changed' || e.state === 'ambiguous'
    ? new vscode.ThemeIcon('history', needsRecheckColor())
    : e.state === 'orphaned'
      ? new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('list.warningForeground'))
      : statusIcon(status, e.claim.status);
  const reviewable = !!desk && mayReview(e.claim, 'dispute', scale, desk.me).ok;
  item.contextValue = `claim status:${e.claim.status} ${e.state}${review ? ` review:${review}` : ''}${reviewable ? ' reviewable' : ''}`;
  const ref: ClaimRef = { article: n.article, id: n.id };
  item.command = { command: 'factmark.revealClaim', title: 'Reveal Claim in Article', arguments: [ref] };
  item.accessibilityInformation = { label: `${oneLine(e.claim.quote, 200)}, ${label}${marks.replace(/ · [⚑✓] ?| · /g, ', ')}` };
  return item;
}

/** The claim's tooltip, built only when it is hovered: the words, then what the hover shows. */
export function claimTooltip(n: Node<'claim'>, e: ClaimEntry, scale: StatusScale): vscode.MarkdownString {
  const tip = new vscode.MarkdownString(`“${mdInline(e.claim.quote, 200)}”\n\n${claimMarkdown(e, scale, { ref: { article: n.article, id: n.id } })}`);
  tip.isTrusted = { enabledCommands: [...CLAIM_LINK_COMMANDS] };
  tip.supportHtml = false;
  return tip;
}

export function suggestionItem(id: string, n: Node<'suggestion'>, s: Suggestion | undefined): vscode.TreeItem {
  if (!s) return Object.assign(new vscode.TreeItem('(no longer suggested)'), { id });
  const item = new vscode.TreeItem(oneLine(s.text, 70), vscode.TreeItemCollapsibleState.None);
  item.id = id;
  item.description = `score ${s.score}${n.under === 'all' ? ` · ${baseName(articleUri(n.article))}` : ''}`;
  item.iconPath = new vscode.ThemeIcon('lightbulb', new vscode.ThemeColor('factmark.suggestion'));
  item.contextValue = 'suggestion';
  const ref: SuggestionRef = { article: n.article, start: n.start, end: n.end };
  item.command = { command: 'factmark.revealSuggestion', title: 'Reveal Suggestion in Article', arguments: [ref] };
  item.accessibilityInformation = { label: `Suggested claim: ${oneLine(s.text, 200)}, score ${s.score}, because of ${s.reasons.join('; ')}` };
  return item;
}

export function suggestionTooltip(s: Suggestion): vscode.MarkdownString {
  const tip = new vscode.MarkdownString(`${suggestionMarkdown(s)}\n\n*Accept* (Ctrl+Enter) marks it as a claim; *Dismiss* (Delete) never suggests it again.`);
  tip.supportHtml = false;
  return tip;
}

export function suggestionsItem(id: string, count: number, expanded: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem(`Suggestions (${count})`, collapsible(expanded));
  item.id = id;
  item.iconPath = new vscode.ThemeIcon('lightbulb', new vscode.ThemeColor('factmark.suggestion'));
  item.description = 'check-worthy, no claim yet';
  item.tooltip = 'Sentences that state figures, dates, quotations or attributions and that no claim covers. Accept one to mark it as a claim, or dismiss it (remembered in the sidecar).';
  item.contextValue = 'group suggestions';
  return item;
}

export interface ArticleItemContext {
  /** The article's path relative to the workspace. */
  readonly path: string;
  readonly filter: ClaimFilter;
  readonly expanded: boolean;
}

export function articleItem(id: string, article: string, row: ArticleRow | undefined, c: ArticleItemContext): vscode.TreeItem {
  const s = row?.snapshot;
  const uri = articleUri(article);
  const item = new vscode.TreeItem(baseName(uri), collapsible(c.expanded));
  item.id = id;
  item.resourceUri = uri;
  item.contextValue = 'article';
  // " · 3 suggested sentences without a claim" once the article's suggestions are computed.
  const list = row?.suggestions;
  const coverage = list?.length ? ` · ${suggestedSentences(list.length)}` : '';
  if (s && row) {
    const p = row.progress;
    const shown = isFiltering(c.filter) ? `${row.visible.length} of ${p.total} shown · ` : '';
    item.description = `${shown}${p.settled}/${p.total} checked${p.needsRecheck + p.orphaned ? ` · ${p.needsRecheck + p.orphaned} to re-check` : ''}${coverage}`;
    item.tooltip = `${c.path}\n${p.open} still open`;
    if (s.sidecarState === 'broken' || s.sidecarState === 'conflict') item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    else item.iconPath = vscode.ThemeIcon.File;
    if (s.articleMissing) {
      // Renamed or deleted outside VS Code: the sidecar is orphaned beside a missing article.
      item.description = `article missing · ${p.total} claim${p.total === 1 ? '' : 's'} kept, orphaned`;
      item.tooltip = `${c.path} does not exist (renamed or deleted outside the editor?).\nIts claims are kept in ${baseName(vscode.Uri.parse(s.sidecar, true))}; rename the sidecar with the article to place them again.`;
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    }
  } else {
    // Suggestions shown in an article with no sidecar yet.
    item.description = `no claims yet${coverage}`;
    item.iconPath = vscode.ThemeIcon.File;
  }
  return item;
}

export function errorItem(id: string, article: string, s: ArticleSnapshot | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(s ? baseName(vscode.Uri.parse(s.sidecar, true)) : baseName(articleUri(article)), vscode.TreeItemCollapsibleState.None);
  item.id = id;
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
}

export function recheckItem(id: string, size: number, expanded: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem('Orphaned / needs re-check', collapsible(expanded));
  item.iconPath = new vscode.ThemeIcon('history', needsRecheckColor());
  item.description = String(size);
  item.tooltip = 'Claims whose words changed since they were rated, whose place is unsure, or whose words were not found.';
  item.contextValue = 'group recheck';
  item.id = id;
  return item;
}

export function errorsItem(id: string, size: number, expanded: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem('Sidecar errors', collapsible(expanded));
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
  item.description = String(size);
  item.contextValue = 'group errors';
  item.id = id;
  return item;
}

/** The icon of each review state's group. */
const REVIEW_ICONS: Record<DeskState, vscode.ThemeIcon> = {
  'awaiting-me': new vscode.ThemeIcon('eye', new vscode.ThemeColor('list.warningForeground')),
  disputed: new vscode.ThemeIcon('comment-unresolved', new vscode.ThemeColor('list.errorForeground')),
  recheck: new vscode.ThemeIcon('history', new vscode.ThemeColor('factmark.needsRecheck')),
  'awaiting-others': new vscode.ThemeIcon('watch'),
  open: new vscode.ThemeIcon('circle-large-outline'),
  'signed-off': new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
};

type GroupLook = { label: string; icon?: vscode.ThemeIcon | vscode.Uri; tooltip?: string };

/** How the groups of each grouping look (see outlineGroupings.ts). */
/** `name`: how the group's first claim writes it, where the key is a compared form (assignees). */
const GROUP_LOOKS: Record<string, (key: string, desk: DeskContext, name?: string) => GroupLook> = {
  status: (key, { scale }) => {
    const def = findStatus(scale, key);
    return { label: def ? def.label : `${key} (not on the scale)`, icon: statusIcon(def, key), tooltip: def?.definition };
  },
  review: (key, { requireReviews }) => {
    if (!isDeskState(key)) return { label: key };
    const need = Math.max(1, requireReviews);
    const policy = `${need} sign-off${need === 1 ? '' : 's'} by someone other than the rater (requireReviews${requireReviews ? `: ${requireReviews}` : ' is not set: one counts'}).`;
    return { label: DESK_STATE_LABELS[key], icon: REVIEW_ICONS[key], tooltip: `${DESK_STATE_DESCRIPTIONS[key]}\nEach verdict needs ${policy}` };
  },
  assignee: (key, { me }, name) => {
    if (key === UNASSIGNED) return { label: 'Unassigned', icon: new vscode.ThemeIcon('circle-slash'), tooltip: 'Claims nobody is assigned to (Assign Claim… sets who is to check one).' };
    const mine = samePerson(key, me);
    const label = oneLine(name ?? key, 60);
    return { label: mine ? `${label} (me)` : label, icon: new vscode.ThemeIcon(mine ? 'account' : 'person'), tooltip: `Claims assigned to ${label}${mine ? ' (you)' : ''}.` };
  },
};

export function groupItem(id: string, n: Node<'group'>, size: number, desk: DeskContext, expanded: boolean, name?: string): vscode.TreeItem {
  const look = GROUP_LOOKS[n.by]?.(n.key, desk, name) ?? { label: oneLine(n.key, 60) };
  const item = new vscode.TreeItem(look.label, collapsible(expanded));
  item.iconPath = look.icon;
  item.description = String(size);
  item.tooltip = look.tooltip;
  item.contextValue = `group ${n.by}:${n.key}`;
  item.id = id;
  return item;
}
