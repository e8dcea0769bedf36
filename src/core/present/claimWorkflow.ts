// What the Claim Details view shows of a claim's place in the desk's workflow: who rated it and
// when, who it is assigned to, its reviews (each marked with whether it counts, and why not), its
// corrections log with status labels, and whether the current user may approve or dispute it.
// Pure: the view sends this to its page as data.
import type { Claim, LogEntry, ReviewVerdict } from '../model';
import { findStatus, type StatusScale } from '../statusScale';
import { DESK_STATE_LABELS, deskState, type DeskState } from '../workflow/deskState';
import { nameKey, samePerson } from '../workflow/people';
import { approvalsNeeded, isOfCurrentVerdict, mayReview } from '../workflow/reviews';

/** Why a review counts or not: `self` the rater's own, `earlier` of another verdict, `superseded` by the same person's later review. */
export type ReviewStanding = 'counts' | 'self' | 'earlier' | 'superseded';

export interface ReviewRow {
  by: string;
  date: string;
  verdict: ReviewVerdict;
  status: string;
  statusLabel: string;
  note?: string;
  standing: ReviewStanding;
}

/** A log entry as shown: `from` and `to` are status labels for a status change, the old and new words for a wording change. */
export type LogRow = LogEntry;

export type Permission = { ok: true } | { ok: false; message: string };

export interface ClaimWorkflow {
  rater?: string;
  rated?: string;
  assignee?: string;
  /** The assignee is the current user. */
  assignedToMe: boolean;
  /** The current user rated the claim's current status. */
  ratedByMe: boolean;
  settled: boolean;
  state: DeskState;
  stateLabel: string;
  /** Approvals that count, and how many sign it off. */
  approvals: number;
  needed: number;
  /** Oldest first, as in the file. */
  reviews: ReviewRow[];
  log: LogRow[];
  approve: Permission;
  dispute: Permission;
  me?: string;
}

export interface WorkflowContext {
  scale: StatusScale;
  requireReviews: number;
  me?: string;
  /** The claim's words are not where it was rated (changed, unsure place or not found). */
  wordsChanged: boolean;
}

export function claimWorkflow(claim: Claim, ctx: WorkflowContext): ClaimWorkflow {
  const label = (key: string) => findStatus(ctx.scale, key)?.label ?? key;
  const reviews = claim.reviews ?? [];
  // A person's latest review of the current verdict is their say; earlier ones are superseded.
  const latest = new Map<string, number>();
  reviews.forEach((r, i) => {
    if (isOfCurrentVerdict(r, claim) && !samePerson(r.by, claim.rater)) latest.set(nameKey(r.by), i);
  });
  const rows: ReviewRow[] = reviews.map((r, i) => ({
    by: r.by,
    date: r.date,
    verdict: r.verdict,
    status: r.status,
    statusLabel: label(r.status),
    ...(r.note ? { note: r.note } : {}),
    standing: !isOfCurrentVerdict(r, claim) ? 'earlier' : samePerson(r.by, claim.rater) ? 'self' : latest.get(nameKey(r.by)) === i ? 'counts' : 'superseded',
  }));
  const state = deskState(claim, ctx);
  const approve = mayReview(claim, 'approve', ctx.scale, ctx.me, ctx.wordsChanged);
  const dispute = mayReview(claim, 'dispute', ctx.scale, ctx.me, ctx.wordsChanged);
  return {
    ...(claim.rater ? { rater: claim.rater } : {}),
    ...(claim.rated ? { rated: claim.rated } : {}),
    ...(claim.assignee ? { assignee: claim.assignee } : {}),
    assignedToMe: samePerson(claim.assignee, ctx.me),
    ratedByMe: samePerson(claim.rater, ctx.me),
    settled: !!findStatus(ctx.scale, claim.status)?.settled,
    state,
    stateLabel: DESK_STATE_LABELS[state],
    approvals: rows.filter((r) => r.standing === 'counts' && r.verdict === 'approve').length,
    needed: approvalsNeeded(ctx.requireReviews),
    reviews: rows,
    log: (claim.log ?? []).map((l) => ({
      date: l.date,
      ...(l.by ? { by: l.by } : {}),
      change: l.change,
      from: l.change === 'status' ? label(l.from) : l.from,
      to: l.change === 'status' ? label(l.to) : l.to,
      ...(l.reason ? { reason: l.reason } : {}),
    })),
    approve,
    dispute,
    ...(ctx.me ? { me: ctx.me } : {}),
  };
}
