// Three-way merge of sidecars by claim id: the logic behind `factmark merge-driver`, and what
// the extension does when a sidecar changed on disk while it had unsaved changes.
//
// Per claim: a change made on one side only is taken; a field changed differently on both
// sides is a conflict on that claim only (the rest still merges). `updated`/`by` never
// conflict: the later edit wins. Position hints and context (`line`, `offset`, `before`,
// `after`) never conflict either: both sides re-anchored the claim in their own version of the
// article, neither fits the merged article exactly, and re-anchoring corrects whichever is
// kept (ours). Nothing is dropped: a claim deleted on one side and edited
// on the other is a conflict, not a deletion.
//
// Reviews and log entries merge as sets of entries and never conflict (mergeEntries.ts).
//
// Dismissed sentences merge as a set and never conflict: what either side dismissed is kept,
// and an entry goes only when one side removed it and the other left it as it was in the base.
// File-level fields (`published`, `article`, …) merge like claim fields: a change made on one
// side only is taken; changed differently on both sides, ours is kept and the field is listed
// in `fieldConflicts` (the merge driver then marks it as a conflict).
import type { Claim, Sidecar } from '../model';
import { sortDismissed } from '../sidecar/claimData';
import { deepEqual } from './deepEqual';
import { ENTRY_LIST_FIELDS, mergeEntryLists } from './mergeEntries';

export interface ClaimConflict {
  id: string;
  base?: Claim;
  ours?: Claim;
  theirs?: Claim;
  /** Fields changed differently on both sides; empty for delete-vs-edit and add/add. */
  fields: string[];
}

export interface MergeResult {
  /** The merged file; a conflicting claim appears in its `ours` form (or `theirs` when ours deleted it). */
  merged: Sidecar;
  conflicts: ClaimConflict[];
  /** File-level fields changed differently on both sides (ours' value is in `merged`). */
  fieldConflicts: string[];
}

const VOLATILE = new Set(['updated', 'by']);
const HINTS = new Set(['line', 'offset', 'before', 'after']);

export function mergeSidecars(base: Sidecar | undefined, ours: Sidecar, theirs: Sidecar): MergeResult {
  const baseById = byId(base?.claims ?? []);
  const oursById = byId(ours.claims);
  const theirsById = byId(theirs.claims);
  const conflicts: ClaimConflict[] = [];
  const result = new Map<string, Claim>();

  for (const id of unionIds(ours.claims, theirs.claims, base?.claims ?? [])) {
    const b = baseById.get(id), o = oursById.get(id), t = theirsById.get(id);
    if (o && t) {
      const merged = mergeClaim(b, o, t);
      result.set(id, merged.claim);
      if (merged.fields.length) conflicts.push({ id, base: b, ours: o, theirs: t, fields: merged.fields });
    } else if (o || t) {
      const present = (o ?? t) as Claim;
      if (!b) result.set(id, present); // added on one side
      else if (deepEqual(withoutHints(b), withoutHints(present))) {
        // deleted on the other side and untouched here (or only re-anchored): the deletion stands
      } else {
        result.set(id, present); // edited here, deleted there: keep it and say so
        conflicts.push({ id, base: b, ours: o, theirs: t, fields: [] });
      }
    }
  }

  const header = mergeHeader(base, ours, theirs);
  const merged = { ...header.fields, claims: orderClaims(ours.claims, theirs.claims, result) } as Sidecar;
  const dismissed = mergeDismissed(base?.dismissed, ours.dismissed, theirs.dismissed);
  if (dismissed) merged.dismissed = dismissed;
  return { merged, conflicts, fieldConflicts: header.conflicts };
}

/** Three-way merge of the fields beside `claims` and `dismissed`, in ours' key order. */
function mergeHeader(base: Sidecar | undefined, ours: Sidecar, theirs: Sidecar): { fields: Record<string, unknown>; conflicts: string[] } {
  const o = ours as unknown as Record<string, unknown>, t = theirs as unknown as Record<string, unknown>;
  const b = (base ?? {}) as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  const conflicts: string[] = [];
  for (const k of unionKeys(ours, theirs)) {
    if (k === 'claims' || k === 'dismissed') continue;
    let v: unknown;
    if (deepEqual(o[k], t[k])) v = o[k];
    else if (base && deepEqual(o[k], b[k])) v = t[k];
    else if (base && deepEqual(t[k], b[k])) v = o[k];
    else { v = o[k]; conflicts.push(k); }
    if (v !== undefined) fields[k] = v;
  }
  return { fields, conflicts };
}

/** Three-way set merge; undefined when neither side has the list. */
export function mergeDismissed(base: readonly string[] | undefined, ours: readonly string[] | undefined, theirs: readonly string[] | undefined): string[] | undefined {
  if (ours === undefined && theirs === undefined) return undefined;
  const b = new Set(base ?? []), o = new Set(ours ?? []), t = new Set(theirs ?? []);
  const keep = [...o, ...t].filter((d) => (o.has(d) && t.has(d)) || !b.has(d));
  return sortDismissed(keep);
}

function mergeClaim(b: Claim | undefined, o: Claim, t: Claim): { claim: Claim; fields: string[] } {
  if (deepEqual(o, t)) return { claim: o, fields: [] };
  const out: Record<string, unknown> = {};
  const fields: string[] = [];
  const keys = unionKeys(o, t, b);
  const oRec = o as unknown as Record<string, unknown>, tRec = t as unknown as Record<string, unknown>;
  const bRec = (b ?? {}) as Record<string, unknown>;
  const theirsIsLater = (t.updated ?? '') > (o.updated ?? '');
  for (const k of keys) {
    const ov = oRec[k], tv = tRec[k], bv = bRec[k];
    let v: unknown;
    if (deepEqual(ov, tv)) v = ov;
    else if (VOLATILE.has(k)) v = theirsIsLater ? tv : ov;
    else if (ENTRY_LIST_FIELDS.has(k)) v = mergeEntryLists(bv as { date?: unknown }[] | undefined, ov as { date?: unknown }[] | undefined, tv as { date?: unknown }[] | undefined);
    else if (b && deepEqual(ov, bv)) v = tv;
    else if (b && deepEqual(tv, bv)) v = ov;
    else if (HINTS.has(k)) v = ov;
    else { v = ov; fields.push(k); }
    if (v !== undefined) out[k] = v;
  }
  return { claim: out as unknown as Claim, fields };
}

/** Ours' order, with claims only theirs has placed after the claim they follow in theirs. */
function orderClaims(ours: Claim[], theirs: Claim[], keep: Map<string, Claim>): Claim[] {
  const order = ours.map((c) => c.id).filter((id) => keep.has(id));
  const placed = new Set(order);
  let prev: string | undefined;
  for (const c of theirs) {
    if (!placed.has(c.id) && keep.has(c.id)) {
      const at = prev === undefined ? 0 : order.indexOf(prev) + 1;
      order.splice(at, 0, c.id);
      placed.add(c.id);
    }
    if (placed.has(c.id)) prev = c.id;
  }
  for (const id of keep.keys()) if (!placed.has(id)) order.push(id); // only-in-base conflicts
  return order.map((id) => keep.get(id) as Claim);
}

function withoutHints(c: Claim): Record<string, unknown> {
  const out: Record<string, unknown> = { ...c };
  for (const k of HINTS) delete out[k];
  return out;
}

function byId(claims: Claim[]): Map<string, Claim> {
  return new Map(claims.map((c) => [c.id, c]));
}

function unionIds(...lists: Claim[][]): string[] {
  const ids = new Set<string>();
  for (const l of lists) for (const c of l) ids.add(c.id);
  return [...ids];
}

function unionKeys(...objs: (object | undefined)[]): string[] {
  const keys = new Set<string>();
  for (const o of objs) if (o) for (const k of Object.keys(o)) keys.add(k);
  return [...keys];
}
