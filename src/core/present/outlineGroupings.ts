// How the Claims panel can group claims besides by article. A grouping says which group a
// claim belongs to and in which order the groups come; how a group looks is the VS Code layer's
// business (claimsTreeItems.ts). To add one: an entry here, its appearance there, and a
// "Group by …" command.
import { findStatus } from '../statusScale';
import type { ClaimEntry } from '../store/types';
import { deskState, DESK_STATES, type DeskContext } from '../workflow/deskState';
import { cleanName, nameKey, samePerson } from '../workflow/people';

export interface Grouping {
  /** The group a claim is listed under. */
  key(entry: ClaimEntry, ctx: DeskContext): string;
  /** The groups that have claims, in the order they are shown. */
  order(present: ReadonlySet<string>, ctx: DeskContext): string[];
}

/** The assignee group of claims nobody is assigned to. */
export const UNASSIGNED = '';

const collator = new Intl.Collator(undefined, { sensitivity: 'base' });

export const GROUPINGS = {
  /** By status, in the order of the scale; statuses the scale does not know come last, sorted. */
  status: {
    key: (e) => e.claim.status,
    order: (present, { scale }) => [
      ...scale.statuses.map((s) => s.key).filter((k) => present.has(k)),
      ...[...present].filter((k) => !findStatus(scale, k)).sort(),
    ],
  },
  /** By where the sign-off stands for me: awaiting my review first, signed off last. */
  review: {
    key: (e, ctx) => deskState(e.claim, ctx),
    order: (present) => DESK_STATES.filter((k) => present.has(k)),
  },
  /**
   * By assignee, one group per person however their name is typed ("Ann Lee", "ann  lee"): the
   * key is the name's compared form (people.ts nameKey), the view shows it as a claim spells it.
   * Mine first, then by name, unassigned last.
   */
  assignee: {
    key: (e) => { const n = cleanName(e.claim.assignee); return n ? nameKey(n) : UNASSIGNED; },
    order: (present, { me }) => {
      const names = [...present].filter((k) => k !== UNASSIGNED);
      const mine = names.filter((k) => samePerson(k, me));
      const others = names.filter((k) => !samePerson(k, me)).sort((a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
      return [...mine, ...others, ...(present.has(UNASSIGNED) ? [UNASSIGNED] : [])];
    },
  },
} satisfies Record<string, Grouping>;

export type GroupBy = 'article' | keyof typeof GROUPINGS;
export const GROUP_BYS: readonly GroupBy[] = ['article', 'status', 'review', 'assignee'];

export function isGroupBy(value: unknown): value is GroupBy {
  return value === 'article' || (typeof value === 'string' && Object.prototype.hasOwnProperty.call(GROUPINGS, value));
}
