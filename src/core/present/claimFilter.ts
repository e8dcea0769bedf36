// Which claims the Claims panel shows under a filter. Pure, shared by the tree and its tests.
// Within one kind (statuses, review states, assignees) any match will do; every kind given must match.
import type { ClaimEntry } from '../store/types';
import { deskState, type DeskContext, type DeskState } from '../workflow/deskState';
import { nameKey, samePerson } from '../workflow/people';

/** Claims assigned to any of these: the current user, nobody, or people named. */
export interface AssigneeFilter {
  me?: boolean;
  nobody?: boolean;
  names?: readonly string[];
}

export interface ClaimFilter {
  /** Status keys to show; empty or absent = all. */
  statuses?: readonly string[];
  /** Where their sign-off stands (awaiting my review, disputed, signed off…); empty or absent = all. */
  review?: readonly DeskState[];
  /** Who they are assigned to; empty or absent = all. */
  assignees?: AssigneeFilter;
  /** Words to look for (case-insensitive) in the quote, explanation, claimant, tags and sources. */
  text?: string;
}

export function isFiltering(f: ClaimFilter): boolean {
  return !!(f.statuses?.length || f.review?.length || isFilteringAssignees(f.assignees) || f.text?.trim());
}

export function isFilteringAssignees(a: AssigneeFilter | undefined): a is AssigneeFilter {
  return !!a && !!(a.me || a.nobody || a.names?.length);
}

/** `ctx` is needed for the review filter (and `me`); without it those filters match nothing. */
export function matchesFilter(e: ClaimEntry, f: ClaimFilter, ctx?: DeskContext): boolean {
  if (f.statuses?.length && !f.statuses.includes(e.claim.status)) return false;
  if (f.review?.length && !(ctx && f.review.includes(deskState(e.claim, ctx)))) return false;
  if (isFilteringAssignees(f.assignees) && !assignedTo(e, f.assignees, ctx?.me)) return false;
  const text = f.text?.trim().toLocaleLowerCase();
  if (!text) return true;
  const c = e.claim;
  const hay = [c.quote, e.currentText, c.explanation, c.claimant, c.assignee, ...(c.tags ?? []), ...(c.sources ?? []).flatMap((s) => [s.title, s.url, s.excerpt])];
  return hay.some((h) => typeof h === 'string' && h.toLocaleLowerCase().includes(text));
}

function assignedTo(e: ClaimEntry, f: AssigneeFilter, me: string | undefined): boolean {
  const a = e.claim.assignee;
  if (!a?.trim()) return !!f.nobody;
  if (f.me && samePerson(a, me)) return true;
  return !!f.names?.some((n) => nameKey(n) === nameKey(a));
}

/**
 * Whether a suggested sentence is listed under a filter. It has no status, sign-off or assignee,
 * so a filter on any of those (which asks for claims that have them) hides it; words must be in
 * the sentence.
 */
export function suggestionMatchesFilter(sentence: string, f: ClaimFilter): boolean {
  if (f.statuses?.length || f.review?.length || isFilteringAssignees(f.assignees)) return false;
  const text = f.text?.trim().toLocaleLowerCase();
  return !text || sentence.toLocaleLowerCase().includes(text);
}

export function needsRecheck(e: ClaimEntry): boolean {
  return e.state === 'changed' || e.state === 'ambiguous' || e.state === 'orphaned';
}
