// What the Markdown, HTML and CSV outputs show, worked out once: per article its claims in
// article order with their verdicts, who rated and reviewed them, their sources and corrections,
// and the count of claims per status of the scale.
import { lineOf, lineStarts } from '../anchoring/lines';
import type { Appearance, LogEntry, Published, Review, Source } from '../model';
import { findStatus, type StatusDef } from '../statusScale';
import type { ExportArticle, ExportEntry, ExportInput } from './exportInput';
import { isPlaced, wordsNow } from './exportInput';

export interface ReportReview extends Review {
  /** The label of the status that was reviewed. */
  statusLabel: string;
  /** The review is of the claim's current status (a review of an older status no longer counts). */
  current: boolean;
}

export interface ReportLogEntry extends LogEntry {
  /** For status changes: the labels of the statuses. */
  fromLabel: string;
  toLabel: string;
}

export interface ReportClaim {
  index: number;
  id: string;
  /** The words as rated. */
  quote: string;
  /** The article's words now, when they differ from the quote. */
  wordsNow?: string;
  /** 1-based line in the article now. */
  line?: number;
  status: StatusDef;
  explanation?: string;
  claimant?: string;
  /** Where and when the claim was made. */
  appearances: readonly Appearance[];
  summary?: string;
  sources: readonly Source[];
  tags: readonly string[];
  rater?: string;
  rated?: string;
  assignee?: string;
  reviews: ReportReview[];
  log: ReportLogEntry[];
  /** Why the reader should be careful with this verdict (orphaned, words changed, re-check asked). */
  caution?: string;
}

export interface StatusCount { status: StatusDef; count: number }

export interface ReportArticle {
  name: string;
  /** The headline when published, else the article's name. */
  title: string;
  published?: Published;
  claims: ReportClaim[];
  counts: StatusCount[];
  total: number;
  settled: number;
}

export interface Report {
  articles: ReportArticle[];
  /** Counts over all articles. */
  counts: StatusCount[];
  total: number;
  settled: number;
  publisher?: { name?: string; url?: string };
  generated: string;
}

export function buildReport(input: ExportInput): Report {
  const articles = input.articles.map((a) => reportArticle(a, input));
  const counts = countStatuses(input, articles.flatMap((a) => a.claims));
  return {
    articles,
    counts,
    total: articles.reduce((n, a) => n + a.total, 0),
    settled: articles.reduce((n, a) => n + a.settled, 0),
    publisher: input.publisher,
    generated: input.generated,
  };
}

/** The status of a claim; a key that is not on the scale is shown as itself, unsettled. */
export function statusOf(input: Pick<ExportInput, 'scale'>, key: string): StatusDef {
  return findStatus(input.scale, key) ?? { key, label: key, definition: 'Not a status of this repository\'s scale.', color: '#8a8a8a', settled: false };
}

function reportArticle(a: ExportArticle, input: ExportInput): ReportArticle {
  const starts = a.text === undefined ? undefined : lineStarts(a.text);
  const claims = a.entries.map((e, i) => reportClaim(a, e, i + 1, input, starts));
  return {
    name: a.name,
    title: a.published?.headline ?? a.name,
    published: a.published,
    claims,
    counts: countStatuses(input, claims),
    total: claims.length,
    settled: claims.filter((c) => c.status.settled).length,
  };
}

function reportClaim(a: ExportArticle, e: ExportEntry, index: number, input: ExportInput, starts: Int32Array | undefined): ReportClaim {
  const c = e.claim;
  const status = statusOf(input, c.status);
  const now = wordsNow(a, e);
  const label = (key: string) => statusOf(input, key).label;
  return {
    index,
    id: c.id,
    quote: c.quote,
    wordsNow: isPlaced(e) && now !== c.quote ? now : undefined,
    line: isPlaced(e) && starts ? lineOf(starts, e.start!) : undefined,
    status,
    explanation: c.explanation,
    claimant: c.claimant,
    appearances: c.appearances ?? [],
    summary: c.summary,
    sources: c.sources ?? [],
    tags: c.tags ?? [],
    rater: c.rater,
    rated: c.rated,
    assignee: c.assignee,
    reviews: (c.reviews ?? []).map((r) => ({ ...r, statusLabel: label(r.status), current: r.status === c.status })),
    log: (c.log ?? []).map((l) => ({ ...l, fromLabel: l.change === 'status' ? label(l.from) : l.from, toLabel: l.change === 'status' ? label(l.to) : l.to })),
    caution: caution(e),
  };
}

function caution(e: ExportEntry): string | undefined {
  switch (e.state) {
    case 'orphaned': return 'The words of this claim are no longer in the article.';
    case 'changed': return 'The words were edited after they were rated.';
    case 'ambiguous': return 'The claim\'s place in the article is unsure.';
    case 'unresolved': return 'The article could not be read, so the claim\'s words were not checked.';
  }
  return e.claim.recheck ? 'The wording was replaced after the verdict; it has not been confirmed since.' : undefined;
}

function countStatuses(input: ExportInput, claims: readonly ReportClaim[]): StatusCount[] {
  const counts = input.scale.statuses.map((status) => ({ status, count: claims.filter((c) => c.status.key === status.key).length }));
  // Statuses not on the scale (a sidecar from elsewhere) are counted too, after the scale's own.
  for (const c of claims) {
    if (!counts.some((x) => x.status.key === c.status.key)) counts.push({ status: c.status, count: claims.filter((d) => d.status.key === c.status.key).length });
  }
  return counts;
}

/** `2026-11-29T10:00:00Z` → `2026-11-29`; other text as it is. */
export function dateOnly(iso: string | undefined): string | undefined {
  return iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : iso;
}
