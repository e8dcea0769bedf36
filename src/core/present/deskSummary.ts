// The desk view's figures: every article's progress across the workspace — claims per status,
// where their sign-off stands (awaiting my review, awaiting anyone's, disputed, signed off), what
// needs re-checking and what is orphaned. Each figure is a predicate over claims (`inFigure`),
// used both to count and to list the claims behind a figure, so that a figure and the claims
// its link opens can never disagree. Pure: the VS Code layer renders it (deskView.ts).
import { findStatus, isSettled, type StatusScale } from '../statusScale';
import type { ArticleSnapshot, ClaimEntry } from '../store/types';
import { deskState, type DeskContext } from '../workflow/deskState';

/** What a figure counts. */
export type DeskFigure =
  | { kind: 'all' }
  /** Claims with this status. */
  | { kind: 'status'; key: string }
  /** Verdicts I may sign off and have not (not rated by me, not approved by me yet). */
  | { kind: 'awaiting-me' }
  /** Verdicts short of the sign-offs the policy asks for, mine to give or not. */
  | { kind: 'awaiting' }
  | { kind: 'disputed' }
  | { kind: 'signed-off' }
  /** Placed claims whose words changed or are not surely found, and verdicts to confirm for new words. */
  | { kind: 'recheck' }
  /** Claims whose words are gone from the article (kept, never dropped). */
  | { kind: 'orphaned' };

export type DeskFigureKind = DeskFigure['kind'];
/** The figures besides the per-status ones, in the order the view shows them. */
export const WORKFLOW_FIGURES = ['awaiting-me', 'awaiting', 'disputed', 'signed-off', 'recheck', 'orphaned'] as const;
export type WorkflowFigure = (typeof WORKFLOW_FIGURES)[number];

export const FIGURE_LABELS: Record<WorkflowFigure, string> = {
  'awaiting-me': 'Awaiting my review',
  awaiting: 'Awaiting review',
  disputed: 'Disputed',
  'signed-off': 'Signed off',
  recheck: 'Needs re-check',
  orphaned: 'Orphaned',
};

export function isDeskFigure(value: unknown): value is DeskFigure {
  if (!value || typeof value !== 'object') return false;
  const f = value as { kind?: unknown; key?: unknown };
  if (f.kind === 'status') return typeof f.key === 'string';
  return f.kind === 'all' || (WORKFLOW_FIGURES as readonly unknown[]).includes(f.kind);
}

/** Whether the claim counts in the figure. */
export function inFigure(e: ClaimEntry, f: DeskFigure, ctx: DeskContext): boolean {
  switch (f.kind) {
    case 'all': return true;
    case 'status': return e.claim.status === f.key;
    case 'awaiting-me': return deskState(e.claim, ctx) === 'awaiting-me';
    case 'awaiting': { const s = deskState(e.claim, ctx); return s === 'awaiting-me' || s === 'awaiting-others'; }
    case 'disputed': return deskState(e.claim, ctx) === 'disputed';
    case 'signed-off': return deskState(e.claim, ctx) === 'signed-off';
    case 'recheck': return e.state === 'changed' || e.state === 'ambiguous' || (e.state !== 'orphaned' && !!e.claim.recheck && isSettled(ctx.scale, e.claim.status));
    case 'orphaned': return e.state === 'orphaned';
  }
}

export interface DeskRow {
  article: string;
  /** The article's path relative to the workspace (what rows are sorted by). */
  path: string;
  total: number;
  /** Claims with a verdict. */
  settled: number;
  /** Claims per status, aligned with `DeskSummary.statuses`. */
  byStatus: number[];
  figures: Record<WorkflowFigure, number>;
  /** The sidecar could not be read: its claims are not counted (and nothing is written over it). */
  broken?: boolean;
}

export interface DeskSummary {
  /** The statuses that are on the scale, in its order, then those found in sidecars but not on it. */
  statuses: { key: string; label: string; color?: string; settled: boolean; known: boolean }[];
  rows: DeskRow[];
  totals: Omit<DeskRow, 'article' | 'path' | 'broken'> & { articles: number; broken: number };
  requireReviews: number;
}

export interface DeskArticle {
  article: string;
  path: string;
  snapshot: ArticleSnapshot | undefined;
}

const zeroFigures = (): Record<WorkflowFigure, number> => ({ 'awaiting-me': 0, awaiting: 0, disputed: 0, 'signed-off': 0, recheck: 0, orphaned: 0 });

export function deskSummary(articles: readonly DeskArticle[], ctx: DeskContext): DeskSummary {
  const scale: StatusScale = ctx.scale;
  const unknown = new Set<string>();
  for (const a of articles) for (const e of a.snapshot?.claims ?? []) if (!findStatus(scale, e.claim.status)) unknown.add(e.claim.status);
  const statuses = [
    ...scale.statuses.map((s) => ({ key: s.key, label: s.label, color: s.color, settled: s.settled, known: true })),
    ...[...unknown].sort().map((key) => ({ key, label: `${key} (not on the scale)`, settled: false, known: false })),
  ];
  const column = new Map(statuses.map((s, i) => [s.key, i]));
  const totals = { articles: 0, broken: 0, total: 0, settled: 0, byStatus: statuses.map(() => 0), figures: zeroFigures() };
  const rows: DeskRow[] = [];
  for (const a of [...articles].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0))) {
    const snap = a.snapshot;
    if (!snap) continue;
    const row: DeskRow = { article: a.article, path: a.path, total: 0, settled: 0, byStatus: statuses.map(() => 0), figures: zeroFigures() };
    if (snap.sidecarState === 'broken') row.broken = true;
    for (const e of snap.claims) {
      row.total++;
      if (isSettled(scale, e.claim.status)) row.settled++;
      row.byStatus[column.get(e.claim.status)!]++;
      for (const f of WORKFLOW_FIGURES) if (inFigure(e, { kind: f }, ctx)) row.figures[f]++;
    }
    rows.push(row);
    totals.articles++;
    if (row.broken) totals.broken++;
    totals.total += row.total;
    totals.settled += row.settled;
    row.byStatus.forEach((n, i) => { totals.byStatus[i] += n; });
    for (const f of WORKFLOW_FIGURES) totals.figures[f] += row.figures[f];
  }
  return { statuses, rows, totals, requireReviews: ctx.requireReviews };
}

/** The claims behind a figure, of one article or (`article` undefined) of all, in article order then text order. */
export function claimsInFigure(articles: readonly DeskArticle[], f: DeskFigure, ctx: DeskContext, article?: string): { article: string; entry: ClaimEntry }[] {
  const out: { article: string; entry: ClaimEntry }[] = [];
  for (const a of [...articles].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0))) {
    if (article !== undefined && a.article !== article) continue;
    for (const entry of a.snapshot?.claims ?? []) if (inFigure(entry, f, ctx)) out.push({ article: a.article, entry });
  }
  return out;
}
