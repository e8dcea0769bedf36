// Reviews and corrections-log entries merge as sets of entries, never as conflicts: two
// editors signing off a claim on two branches both keep their sign-off, and a status change
// logged on one branch stays beside a review made on the other. An entry is its whole content
// (two identical entries are one); one goes only when one side removed it by hand and the other
// left it as it was in the base. The result is in date order, ours first among equal dates.
/** Claim fields merged entry by entry. */
export const ENTRY_LIST_FIELDS = new Set(['reviews', 'log']);

interface Dated { date?: unknown }

export function mergeEntryLists<T extends Dated>(base: readonly T[] | undefined, ours: readonly T[] | undefined, theirs: readonly T[] | undefined): T[] | undefined {
  if (ours === undefined && theirs === undefined) return undefined;
  const key = (e: T) => JSON.stringify(canonical(e));
  const b = new Set((base ?? []).map(key)), o = new Set((ours ?? []).map(key)), t = new Set((theirs ?? []).map(key));
  const seen = new Set<string>();
  const kept: T[] = [];
  for (const e of [...(ours ?? []), ...(theirs ?? [])]) {
    const k = key(e);
    if (seen.has(k)) continue;
    seen.add(k);
    if ((o.has(k) && t.has(k)) || !b.has(k)) kept.push(e);
  }
  // Stable: equal dates keep ours-then-theirs order (the schema requires dates; any that do not parse go last).
  const at = (e: T) => { const n = typeof e.date === 'string' ? Date.parse(e.date) : NaN; return Number.isNaN(n) ? Infinity : n; };
  const order = kept.map((e, i) => ({ e, i, t: at(e) }));
  order.sort((x, y) => (x.t === y.t ? x.i - y.i : x.t < y.t ? -1 : 1));
  return order.length ? order.map((x) => x.e) : undefined;
}

/** An entry in the file's key order, so that key order never makes two entries differ. */
function canonical(e: Dated): unknown {
  const keys = Object.keys(e).filter((k) => (e as Record<string, unknown>)[k] !== undefined).sort();
  return keys.map((k) => [k, (e as Record<string, unknown>)[k]]);
}
