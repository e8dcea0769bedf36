// Which claim "next" and "previous" go to: pure, so that wrap-around and ties are unit-tested.
import { isSettled, type StatusScale } from './statusScale';
import type { ClaimEntry } from './store/types';

export interface NavResult {
  entry: ClaimEntry;
  /** 1-based position among the candidates, in article order. */
  index: number;
  total: number;
  /** Went past the end (or the start) and came round. */
  wrapped: boolean;
}

/** A claim still needs work: no verdict yet, or its words changed / its anchor is unsure. */
export function isOpenClaim(entry: ClaimEntry, scale: StatusScale): boolean {
  return !isSettled(scale, entry.claim.status) || entry.state === 'changed' || entry.state === 'ambiguous';
}

/**
 * The claim after (or before) the cursor among the placed claims that pass `filter`. A claim that
 * starts at the cursor counts as the current one, so pressing "next" twice never stays put.
 */
export function stepClaim(
  entries: readonly ClaimEntry[],
  cursor: number,
  direction: 1 | -1,
  filter: (e: ClaimEntry) => boolean = () => true,
): NavResult | undefined {
  const placed = entries
    .filter((e) => e.start !== undefined && filter(e))
    .sort((a, b) => (a.start as number) - (b.start as number) || (a.end ?? 0) - (b.end ?? 0));
  if (!placed.length) return undefined;
  let i: number;
  let wrapped = false;
  if (direction === 1) {
    i = placed.findIndex((e) => (e.start as number) > cursor);
    if (i < 0) { i = 0; wrapped = true; }
  } else {
    i = -1;
    for (let k = placed.length - 1; k >= 0; k--) if ((placed[k].start as number) < cursor) { i = k; break; }
    if (i < 0) { i = placed.length - 1; wrapped = true; }
  }
  return { entry: placed[i], index: i + 1, total: placed.length, wrapped };
}

/** The claim whose words contain the offset (innermost when claims nest). */
export function claimAt(entries: readonly ClaimEntry[], offset: number): ClaimEntry | undefined {
  let best: ClaimEntry | undefined;
  for (const e of entries) {
    if (e.start === undefined || e.end === undefined || offset < e.start || offset > e.end) continue;
    if (!best || e.end - e.start < (best.end as number) - (best.start as number)) best = e;
  }
  return best;
}
