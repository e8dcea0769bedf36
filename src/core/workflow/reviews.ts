// Sign-off by a second checker. A review counts only for the status it reviewed, only while
// the claim still has that status as it was rated (a review dated before the current rating is
// of an earlier verdict, even one with the same key), and only when it is by someone other than
// the rater. Each person counts once: their latest review of the current verdict is their say.
import type { Claim, Review, ReviewVerdict } from '../model';
import { findStatus, isSettled, type StatusScale } from '../statusScale';
import { nameKey, samePerson } from './people';

export interface ReviewSummary {
  /** The status the summary is about: the claim's current one. */
  status: string;
  /** People whose latest review of the current verdict approves it (never the rater), oldest first. */
  approvedBy: string[];
  /** The latest review of each person who disputes the current verdict, oldest first. */
  disputes: Review[];
  /** Reviews of the current verdict by its own rater: kept in the file, never counted. */
  selfReviews: Review[];
  /** Reviews of an earlier verdict (another status, or dated before the current one was set). */
  earlier: Review[];
  /** Approvals the repository asks for (`requireReviews`). */
  required: number;
}

/** Milliseconds since the epoch of an ISO date, or undefined when it does not parse. */
function time(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

/** Whether a review is of the claim's current verdict (its status, and not older than the rating). */
export function isOfCurrentVerdict(review: Review, claim: Claim): boolean {
  if (review.status !== claim.status) return false;
  const rated = time(claim.rated), at = time(review.date);
  return rated === undefined || at === undefined || at >= rated;
}

export function summarizeReviews(claim: Claim, required = 0): ReviewSummary {
  const latest = new Map<string, Review>();
  const selfReviews: Review[] = [], earlier: Review[] = [];
  for (const r of claim.reviews ?? []) {
    if (!isOfCurrentVerdict(r, claim)) { earlier.push(r); continue; }
    if (samePerson(r.by, claim.rater)) { selfReviews.push(r); continue; }
    const key = nameKey(r.by);
    // Re-inserted so that the map's order is the order of each person's latest say.
    latest.delete(key);
    latest.set(key, r);
  }
  const current = [...latest.values()];
  return {
    status: claim.status,
    approvedBy: current.filter((r) => r.verdict === 'approve').map((r) => r.by),
    disputes: current.filter((r) => r.verdict === 'dispute'),
    selfReviews,
    earlier,
    required: Math.max(0, Math.floor(required)),
  };
}

/**
 * Where a claim stands in the desk's workflow:
 * - `open`: no verdict yet;
 * - `recheck`: its words were replaced after it was rated (Accept New Wording): its verdict waits
 *   to be confirmed by setting the status again;
 * - `disputed`: someone other than the rater disputes the current verdict;
 * - `awaiting`: a verdict with fewer approvals than asked for (at least one);
 * - `signed-off`: a verdict approved by enough people other than its rater.
 */
export type ReviewState = 'open' | 'recheck' | 'disputed' | 'awaiting' | 'signed-off';
export const REVIEW_STATES: readonly ReviewState[] = ['open', 'recheck', 'disputed', 'awaiting', 'signed-off'];

export const REVIEW_STATE_LABELS: Record<ReviewState, string> = {
  open: 'Open',
  recheck: 'Verdict to confirm',
  disputed: 'Disputed',
  awaiting: 'Awaiting review',
  'signed-off': 'Signed off',
};

/** Approvals that make a verdict signed off: what the repository asks for, and at least one. */
export function approvalsNeeded(required: number): number {
  return Math.max(1, Math.floor(required));
}

export function reviewState(claim: Claim, scale: StatusScale, required = 0): ReviewState {
  if (!isSettled(scale, claim.status)) return 'open';
  if (claim.recheck) return 'recheck';
  const s = summarizeReviews(claim, required);
  if (s.disputes.length) return 'disputed';
  return s.approvedBy.length >= approvalsNeeded(required) ? 'signed-off' : 'awaiting';
}

/** Whether `me` is someone the claim is waiting for: a verdict awaiting review that `me` did not rate and has not approved. */
export function awaitsReviewBy(claim: Claim, scale: StatusScale, required: number, me: string | undefined): boolean {
  if (!me?.trim() || reviewState(claim, scale, required) !== 'awaiting') return false;
  if (samePerson(me, claim.rater)) return false;
  return !summarizeReviews(claim, required).approvedBy.some((by) => samePerson(by, me));
}

export type ReviewCheck = { ok: true } | { ok: false; message: string };

/**
 * Whether `me` may review the claim's current status with `verdict`. The rater never reviews
 * their own verdict; approving needs the verdict to stand on the claim's current words.
 */
export function mayReview(claim: Claim, verdict: ReviewVerdict, scale: StatusScale, me: string | undefined,
  wordsChanged = false): ReviewCheck {
  const status = findStatus(scale, claim.status);
  const label = status?.label ?? claim.status;
  if (!status?.settled) return { ok: false, message: `Only a verdict can be reviewed; this claim is “${label}”.` };
  if (!me?.trim()) return { ok: false, message: 'Factmark does not know who you are: set git’s user.name (git config user.name "Your Name"), the factmark.author setting, or pass --by NAME.' };
  if (samePerson(me, claim.rater)) return { ok: false, message: `You rated this claim “${label}”: someone else has to review it.` };
  if (verdict === 'approve') {
    if (claim.recheck) return { ok: false, message: `Its words were replaced after it was rated “${label}”: its verdict has to be confirmed (set its status again) before it can be signed off.` };
    if (wordsChanged) return { ok: false, message: 'Its words changed in the article since it was rated, or were not found: accept the new wording or re-attach it, and have it rated again, before signing it off.' };
    const mine = [...(claim.reviews ?? [])].reverse().find((r) => samePerson(r.by, me) && isOfCurrentVerdict(r, claim));
    if (mine?.verdict === 'approve') return { ok: false, message: `You have already signed off “${label}” (${mine.date.slice(0, 10)}).` };
  }
  return { ok: true };
}
