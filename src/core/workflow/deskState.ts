// Where a claim stands for the person looking at it: the review state of workflow/reviews.ts,
// with "awaiting review" split into the claims waiting for *me* (a verdict I did not rate and
// have not approved) and those waiting for someone else. The Claims panel groups and filters by
// it; the desk view counts it.
import type { Claim } from '../model';
import type { StatusScale } from '../statusScale';
import { awaitsReviewBy, reviewState, type ReviewState } from './reviews';

export type DeskState = Exclude<ReviewState, 'awaiting'> | 'awaiting-me' | 'awaiting-others';

/** In the order the panel lists them: what asks for my action first. */
export const DESK_STATES: readonly DeskState[] = ['awaiting-me', 'disputed', 'recheck', 'awaiting-others', 'open', 'signed-off'];

export const DESK_STATE_LABELS: Record<DeskState, string> = {
  'awaiting-me': 'Awaiting my review',
  disputed: 'Disputed',
  recheck: 'Verdict to confirm',
  'awaiting-others': 'Awaiting review',
  open: 'Open',
  'signed-off': 'Signed off',
};

export const DESK_STATE_DESCRIPTIONS: Record<DeskState, string> = {
  'awaiting-me': 'Verdicts you did not rate that need your sign-off.',
  disputed: 'Verdicts a reviewer disputes: the rater should answer, or change the verdict (with a reason).',
  recheck: 'Verdicts whose words were replaced: set the status again to confirm it, then it needs sign-off again.',
  'awaiting-others': 'Verdicts that need more sign-offs, from someone other than you (you rated them, or already approved them).',
  open: 'Claims without a verdict yet.',
  'signed-off': 'Verdicts approved by enough people other than their rater.',
};

export function isDeskState(value: unknown): value is DeskState {
  return typeof value === 'string' && (DESK_STATES as readonly string[]).includes(value);
}

export interface DeskContext {
  readonly scale: StatusScale;
  /** Approvals each verdict needs (`requireReviews`; 0 still asks for one to count as signed off). */
  readonly requireReviews: number;
  /** The current user; undefined when unknown (nothing then awaits "my" review). */
  readonly me?: string;
}

export function deskState(claim: Claim, ctx: DeskContext): DeskState {
  const s = reviewState(claim, ctx.scale, ctx.requireReviews);
  if (s !== 'awaiting') return s;
  return awaitsReviewBy(claim, ctx.scale, ctx.requireReviews, ctx.me) ? 'awaiting-me' : 'awaiting-others';
}
