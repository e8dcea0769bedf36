// The heart of `factmark check`: validate one sidecar, re-anchor each claim against the
// article's current text and hold it to the policy. Pure: the CLI does the reading/printing.
import type { AnchorState } from '../anchoring/types';
import { anchorWithHistory, type ArticleVersion } from '../history/anchorWithHistory';
import { LineIndex } from '../lineIndex';
import type { Claim, LogEntry, Problem, Review } from '../model';
import { parseSidecar } from '../sidecar/sidecarYaml';
import { validateStatuses } from '../sidecar/validate';
import { findStatus, statusLabel, type StatusScale } from '../statusScale';
import { reviewState, summarizeReviews, type ReviewState } from '../workflow/reviews';
import { violations, type Policy } from './policy';

export interface ClaimReport {
  id: string;
  status: string;
  statusLabel: string;
  quote: string;
  state: AnchorState;
  reason: string;
  confidence: number;
  /** Where the claim's words are now; null when orphaned. For ambiguous: the best guess, not accepted. */
  range: { start: number; end: number; line: number; column: number; text: string } | null;
  violations: string[];
  /** The desk's workflow: who rated it and when, who is to check it, its reviews and corrections log. */
  rater?: string;
  rated?: string;
  assignee?: string;
  recheck?: boolean;
  reviews: Review[];
  log: LogEntry[];
  /** Where its sign-off stands: approvals and disputes of its current status by people other than its rater. */
  review: { state: ReviewState; approvedBy: string[]; disputedBy: string[]; required: number };
}

export interface ArticleReport {
  article: string;
  sidecar: string;
  problems: Problem[];
  claims: ClaimReport[];
  /** No error-level problem and no policy violation. */
  ok: boolean;
}

export interface CheckInput {
  article: string;
  sidecar: string;
  /** The article's decoded text, or the problem that prevented reading it. */
  articleText: string | Problem;
  sidecarSource: string;
  /**
   * The article as it was when the sidecar last matched it (e.g. at the sidecar's last commit),
   * asked for only when some claim is not at its recorded place; positions are carried through
   * the edits since then before the claims' words are searched for.
   */
  previousArticle?: () => ArticleVersion | undefined;
}

export function checkArticle(input: CheckInput, scale: StatusScale, policy: Policy): ArticleReport {
  return checkArticleCounted(input, scale, policy, false).report;
}

/**
 * checkArticle, and how many claims it checked (the report's, had it kept them all). `failingOnly`:
 * the report keeps only the claims that break the policy (all that `factmark check --quiet`
 * prints), and the others' reports (workflow, review summary, position, text) are never built, in
 * an archive where nearly every claim passes; `ok` is the same either way.
 */
export function checkArticleCounted(input: CheckInput, scale: StatusScale, policy: Policy, failingOnly: boolean): { report: ArticleReport; claims: number } {
  const report: ArticleReport = { article: input.article, sidecar: input.sidecar, problems: [], claims: [], ok: false };
  const parsed = parseSidecar(input.sidecarSource, input.sidecar);
  if (!parsed.ok) {
    report.problems.push(...parsed.problems);
    return { report, claims: 0 };
  }
  const { sidecar, warnings } = parsed.loaded;
  // Statuses missing from the scale are all that validateStatuses can report (it validates the
  // whole sidecar again to find them): asked only when there is one.
  const offScale = sidecar.claims.some((c) => !findStatus(scale, c.status));
  report.problems.push(...warnings, ...(offScale ? validateStatuses(parsed.loaded, scale) : []));
  if (typeof input.articleText !== 'string') {
    report.problems.push(input.articleText);
    return { report, claims: 0 }; // (none reported: the summary counts the claims checked)
  }
  const text = input.articleText;
  const lines = new LineIndex(text);
  const results = anchorWithHistory(text, sidecar.claims, input.previousArticle);
  let failing = 0;
  sidecar.claims.forEach((claim, i) => {
    const r = results[i];
    const broken = violations(claim, r.state, policy, scale);
    if (broken.length) failing++;
    else if (failingOnly) return;
    const range = r.start !== undefined && r.end !== undefined && r.state !== 'orphaned'
      ? { start: r.start, end: r.end, ...lines.position(r.start), text: text.slice(r.start, r.end) }
      : null;
    report.claims.push({
      id: claim.id,
      status: claim.status,
      statusLabel: statusLabel(scale, claim.status),
      quote: claim.quote,
      state: r.state,
      reason: r.reason,
      confidence: r.confidence,
      range,
      violations: broken,
      ...workflowOf(claim, scale, policy.requireReviews ?? 0),
    });
  });
  report.ok = !report.problems.some((p) => p.severity === 'error') && failing === 0;
  return { report, claims: sidecar.claims.length };
}

function workflowOf(claim: Claim, scale: StatusScale, required: number) {
  const s = summarizeReviews(claim, required);
  return {
    ...(claim.rater !== undefined ? { rater: claim.rater } : {}),
    ...(claim.rated !== undefined ? { rated: claim.rated } : {}),
    ...(claim.assignee !== undefined ? { assignee: claim.assignee } : {}),
    ...(claim.recheck ? { recheck: true } : {}),
    reviews: claim.reviews ?? [],
    log: claim.log ?? [],
    review: { state: reviewState(claim, scale, required), approvedBy: s.approvedBy, disputedBy: s.disputes.map((d) => d.by), required },
  };
}
