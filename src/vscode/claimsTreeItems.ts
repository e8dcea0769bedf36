// How each node of the Claims panel looks: one builder per kind of node, from the outline's row
// and the store's entry. Items are built when VS Code asks for them; a claim's Markdown tooltip
// only when the user hovers it (resolveTreeItem), so listing thousands of claims stays cheap.
import * as vscode from 'vscode';
import { claimMarkdown, CLAIM_LINK_COMMANDS } from '../core/present/claimMarkdown';
import { isFiltering, type ClaimFilter } from '../core/present/claimFilter';
import type { ArticleRow } from '../core/present/claimsOutline';
import { mdInline, oneLine } from '../core/present/displayText';
import { count, suggestedSentences } from '../core/present/phrases';
import type { OutlineNode } from '../core/present/outlineIds';
import { findStatus, statusLabel, type StatusScale } from '../core/statusScale';
import type { ArticleSnapshot, ClaimEntry } from '../core/store/types';
import { suggestionMarkdown } from '../core/suggest/explain';
import type { Suggestion } from '../core/suggest/suggestClaims';
import { DESK_STATE_DESCRIPTIONS, DESK_STATE_LABELS, deskState, isDeskState, type DeskContext, type DeskState } from '../core/workflow/deskState';
import { UNASSIGNED } from '../core/present/outlineGroupings';
import { samePerson } from '../core/workflow/people';
import { mayReview } from '../core/workflow/reviews';
import { articleUri, baseName, displayPath } from './articles';
import type { ClaimRef, SuggestionRef } from './services';
import { needsRecheckColor, statusIcon } from './statusColors';
import { trustedMarkdown } from './trustedMarkdown';

type Node<K extends OutlineNode['kind']> = Extract<OutlineNode, { kind: K }>;

const collapsible = (expanded: boolean) => (expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);

/** What a claim's anchor state adds to its row (short) and to what a screen reader says (long). */
function stateWords(e: ClaimEntry): { short: string; long: string } | undefined {
  switch (e.state) {
    case 'changed': return { short: '⟲ words changed', long: 'words changed since it was rated' };
    case 'ambiguous': return { short: '⟲ unsure place', long: 'unsure where it is now' };
    case 'orphaned': return { short: '⚠ not found', long: 'not found in the article' };
    default: return undefined;
  }
}

/** "⚑ disputed" and the like: where a verdict's sign-off stands, when it asks for attention (short: the row; long: a screen reader). */
const REVIEW_MARKS: Partial<Record<DeskState, { short: string; long: string }>> = {
  'awaiting-me': { short: 'awaiting your review', long: 'awaiting your review' },
  disputed: { short: '⚑ disputed', long: 'disputed' },
  recheck: { short: 'verdict to confirm', long: 'verdict to confirm' },
  'signed-off': { short: '✓ signed off', long: 'signed off' },
};

/** The status as a row says it; a status the scale does not have is named as such. */
function statusName(scale: StatusScale, key: string): string {
  return findStatus(scale, key)?.label ?? `${oneLine(key, 30)} (not on the scale)`;
}

/**
 * A claim's row. The status comes first, so that a long quote cannot push it out of view:
 * "True: Spending on housing rises…" (`statusAbove`: under a status group, which names it, the
 * quote alone). The icon is the status's shape in its colour, or the state's when the claim
 * needs re-checking.
 */
export function claimItem(id: string, n: Node<'claim'>, e: ClaimEntry | undefined, scale: StatusScale, desk?: DeskContext, statusAbove = false): vscode.TreeItem {
  if (!e) return Object.assign(new vscode.TreeItem('(deleted claim)'), { id });
  const quote = oneLine(e.claim.quote, 70) || '(empty quote)';
  const status = statusName(scale, e.claim.status);
  const item = new vscode.TreeItem(statusAbove ? quote : `${status}: ${quote}`, vscode.TreeItemCollapsibleState.None);
  item.id = id;
  const state = stateWords(e);
  const review = desk ? deskState(e.claim, desk) : undefined;
  const mark = review ? REVIEW_MARKS[review] : undefined;
  const article = n.under === 'article' ? undefined : baseName(articleUri(n.article));
  item.description = [state?.short, mark?.short, article].filter(Boolean).join(' · ');
  // A status not on the scale (a typo, a status removed from .factmark.yaml) is an error of the claim.
  item.iconPath = !findStatus(scale, e.claim.status) ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
    : e.state === 'changed' || e.state === 'ambiguous'
    ? new vscode.ThemeIcon('history', needsRecheckColor())
    : e.state === 'orphaned'
      ? new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('list.warningForeground'))
      : statusIcon(scale, e.claim.status);
  const reviewable = !!desk && mayReview(e.claim, 'dispute', scale, desk.me).ok;
  item.contextValue = `claim status:${e.claim.status} ${e.state}${review ? ` review:${review}` : ''}${reviewable ? ' reviewable' : ''}`;
  const ref: ClaimRef = { article: n.article, id: n.id };
  item.command = { command: 'factmark.revealClaim', title: 'Reveal Claim in Article', arguments: [ref] };
  item.accessibilityInformation = {
    label: [status, oneLine(e.claim.quote, 200), state?.long, mark?.long, article && `in ${article}`].filter(Boolean).join(', '),
  };
  return item;
}

/** The claim's tooltip, built only when it is hovered: the words, then what the hover shows. */
export function claimTooltip(n: Node<'claim'>, e: ClaimEntry, scale: StatusScale): vscode.MarkdownString {
  return trustedMarkdown(`“${mdInline(e.claim.quote, 200)}”\n\n${claimMarkdown(e, scale, { ref: { article: n.article, id: n.id } })}`, CLAIM_LINK_COMMANDS);
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
  return trustedMarkdown(`${suggestionMarkdown(s)}\n\n*Accept* (Ctrl+Enter) marks it as a claim; *Dismiss* (Delete) never suggests it again.`);
}

export function suggestionsItem(id: string, size: number, expanded: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem(`Suggestions (${size})`, collapsible(expanded));
  item.id = id;
  item.iconPath = new vscode.ThemeIcon('lightbulb', new vscode.ThemeColor('factmark.suggestion'));
  item.description = 'check-worthy, no claim yet';
  item.tooltip = 'Sentences that state figures, dates, quotations or attributions and that no claim covers. Accept one to mark it as a claim, or dismiss it (remembered in the sidecar).';
  item.accessibilityInformation = { label: `Suggestions, ${suggestedSentences(size)}` };
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
  // (the row's file, not its snapshot: an article whose claims are not brought in is shown without them)
  const s = row?.file;
  const uri = articleUri(article);
  const item = new vscode.TreeItem(baseName(uri), collapsible(c.expanded));
  item.id = id;
  item.resourceUri = uri;
  item.contextValue = 'article';
  // " · 3 suggested sentences without a claim" once the article's suggestions are computed.
  const list = row?.suggestions;
  const coverage = list?.length ? ` · ${suggestedSentences(list.length)}` : '';
  let spoken: string;
  if (s && row) {
    const p = row.progress;
    const shown = isFiltering(c.filter) ? `${row.visible.length} of ${p.total} shown · ` : '';
    const recheck = p.needsRecheck + p.orphaned;
    item.description = `${shown}${p.settled}/${p.total} checked${recheck ? ` · ${recheck} to re-check` : ''}${coverage}`;
    item.tooltip = `${c.path}\n${p.open} still open`;
    spoken = [
      isFiltering(c.filter) ? `${row.visible.length} of ${count(p.total, 'claim')} shown` : undefined,
      `${p.settled} of ${count(p.total, 'claim')} checked`, recheck ? `${recheck} to re-check` : undefined, list?.length ? suggestedSentences(list.length) : undefined,
    ].filter(Boolean).join(', ');
    if (s.sidecarState === 'broken' || s.sidecarState === 'conflict') item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    else item.iconPath = vscode.ThemeIcon.File;
    if (s.articleMissing) {
      // Renamed or deleted outside VS Code: the sidecar is orphaned beside a missing article.
      item.description = `article missing · ${count(p.total, 'claim')} kept, orphaned`;
      spoken = `article missing, ${count(p.total, 'claim')} kept, orphaned`;
      item.tooltip = `${c.path} does not exist (renamed or deleted outside the editor?).\nIts claims are kept in ${baseName(vscode.Uri.parse(s.sidecar, true))}; rename the sidecar with the article to place them again.`;
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    }
  } else {
    // Suggestions shown in an article with no sidecar yet.
    item.description = `no claims yet${coverage}`;
    item.iconPath = vscode.ThemeIcon.File;
    spoken = `no claims yet${list?.length ? `, ${suggestedSentences(list.length)}` : ''}`;
  }
  item.accessibilityInformation = { label: `${baseName(uri)}, ${spoken}` };
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
  item.tooltip = `${displayPath(sidecar)}\n${s.problems.map((p) => `${p.line ? `${p.line}:${p.column ?? 1} ` : ''}${oneLine(p.message, 200)}`).slice(0, 10).join('\n')}\nFactmark will not write over this file until it is fixed.`;
  return item;
}

export function recheckItem(id: string, size: number, expanded: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem('Orphaned / needs re-check', collapsible(expanded));
  item.iconPath = new vscode.ThemeIcon('history', needsRecheckColor());
  item.description = String(size);
  item.tooltip = 'Claims whose words changed since they were rated, whose place is unsure, or whose words were not found.';
  item.accessibilityInformation = { label: `Orphaned or needs re-check, ${count(size, 'claim')}` };
  item.contextValue = 'group recheck';
  item.id = id;
  return item;
}

export function errorsItem(id: string, size: number, expanded: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem('Sidecar errors', collapsible(expanded));
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
  item.description = String(size);
  item.accessibilityInformation = { label: `Sidecar errors, ${count(size, 'file')}` };
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

type GroupLook = { label: string; icon?: vscode.TreeItem['iconPath']; tooltip?: string };

/** How the groups of each grouping look (see outlineGroupings.ts). */
/** `name`: how the group's first claim writes it, where the key is a compared form (assignees). */
const GROUP_LOOKS: Record<string, (key: string, desk: DeskContext, name?: string) => GroupLook> = {
  status: (key, { scale }) => ({ label: statusName(scale, key), icon: statusIcon(scale, key), tooltip: findStatus(scale, key)?.definition }),
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
  // Said as "True, 6 claims" (a screen reader would read the tooltip, the definition, instead).
  item.accessibilityInformation = { label: `${look.label}, ${count(size, 'claim')}` };
  item.contextValue = `group ${n.by}:${n.key}`;
  item.id = id;
  return item;
}
