// How the Claims panel can group claims besides by article. A grouping says which group a
// claim belongs to and in which order the groups come; how a group looks is the VS Code layer's
// business (claimsTreeItems.ts). To add one (by assignee, by review state…): an entry here, its
// appearance there, and a "Group by …" command.
import { findStatus, type StatusScale } from '../statusScale';
import type { ClaimEntry } from '../store/types';

export interface Grouping {
  /** The group a claim is listed under. */
  key(entry: ClaimEntry): string;
  /** The groups that have claims, in the order they are shown. */
  order(present: ReadonlySet<string>, scale: StatusScale): string[];
}

export const GROUPINGS = {
  /** By status, in the order of the scale; statuses the scale does not know come last, sorted. */
  status: {
    key: (e) => e.claim.status,
    order: (present, scale) => [
      ...scale.statuses.map((s) => s.key).filter((k) => present.has(k)),
      ...[...present].filter((k) => !findStatus(scale, k)).sort(),
    ],
  },
} satisfies Record<string, Grouping>;

export type GroupBy = 'article' | keyof typeof GROUPINGS;

export function isGroupBy(value: unknown): value is GroupBy {
  return value === 'article' || (typeof value === 'string' && Object.prototype.hasOwnProperty.call(GROUPINGS, value));
}
