// Which claims the Claims panel shows under a filter. Pure, shared by the tree and its tests.
import type { ClaimEntry } from '../store/types';

export interface ClaimFilter {
  /** Status keys to show; empty or absent = all. */
  statuses?: readonly string[];
  /** Words to look for (case-insensitive) in the quote, explanation, claimant, tags and sources. */
  text?: string;
}

export function isFiltering(f: ClaimFilter): boolean {
  return !!(f.statuses?.length || f.text?.trim());
}

export function matchesFilter(e: ClaimEntry, f: ClaimFilter): boolean {
  if (f.statuses?.length && !f.statuses.includes(e.claim.status)) return false;
  const text = f.text?.trim().toLocaleLowerCase();
  if (!text) return true;
  const c = e.claim;
  const hay = [c.quote, e.currentText, c.explanation, c.claimant, ...(c.tags ?? []), ...(c.sources ?? []).flatMap((s) => [s.title, s.url, s.excerpt])];
  return hay.some((h) => typeof h === 'string' && h.toLocaleLowerCase().includes(text));
}

export function needsRecheck(e: ClaimEntry): boolean {
  return e.state === 'changed' || e.state === 'ambiguous' || e.state === 'orphaned';
}
