// Resolving a sidecar left with git conflict markers, claim by claim: whether the markers come
// from `factmark merge-driver` or from git's own line merge (driver not installed), the file is
// split into its versions, each parsed, and merged by claim id; what still differs is offered
// as a choice per claim: keep ours, keep theirs, or keep both (theirs under a new id).
import { newClaimId } from '../ids';
import type { Claim, Problem, Sidecar } from '../model';
import { parseSidecar, serializeSidecar, type LoadedSidecar } from '../sidecar/sidecarYaml';
import { deepEqual } from './deepEqual';
import { mergeSidecars } from './mergeClaims';
import { splitConflicts } from './splitConflicts';

export type ClaimChoice = 'ours' | 'theirs' | 'both';

/** One claim the two sides disagree on. A side is absent where that side deleted (or never had) it. */
export interface ConflictingClaim {
  id: string;
  /** Each side's version, with every non-conflicting change of the other side already merged in. */
  ours?: Claim;
  theirs?: Claim;
  base?: Claim;
  /** Fields that differ; empty when one side lacks the claim. */
  fields: string[];
}

export interface ConflictedSidecar {
  conflicts: ConflictingClaim[];
  /** Whether a common base was recovered (diff3-style markers); without one every difference is a conflict. */
  hasBase: boolean;
  ours: LoadedSidecar;
  theirs: LoadedSidecar;
  base?: LoadedSidecar;
}

export type ReadConflictsResult = { ok: true; value: ConflictedSidecar } | { ok: false; message: string; problems?: Problem[] };

/** The claims in conflict in a sidecar text with git conflict markers, with both versions. */
export function listClaimConflicts(text: string, file?: string): ReadConflictsResult {
  const sides = splitConflicts(text);
  if (!sides) return { ok: false, message: 'The file has no well-formed git conflict markers (<<<<<<<, =======, >>>>>>>).' };
  const ours = parseSidecar(sides.ours, file);
  if (!ours.ok) return { ok: false, message: 'Our side of the conflict is not a valid sidecar; fix it by hand.', problems: ours.problems };
  const theirs = parseSidecar(sides.theirs, file);
  if (!theirs.ok) return { ok: false, message: 'Their side of the conflict is not a valid sidecar; fix it by hand.', problems: theirs.problems };
  const baseParsed = sides.base !== undefined ? parseSidecar(sides.base, file) : undefined;
  const base = baseParsed?.ok ? baseParsed.loaded : undefined;
  const o = ours.loaded.sidecar, t = theirs.loaded.sidecar;
  const forOurs = mergeSidecars(base?.sidecar, o, t);
  const forTheirs = mergeSidecars(base?.sidecar, t, o);
  const oursMerged = byId(forOurs.merged.claims), theirsMerged = byId(forTheirs.merged.claims);
  const oursIds = new Set(o.claims.map((c) => c.id)), theirsIds = new Set(t.claims.map((c) => c.id));
  const baseById = byId(base?.sidecar.claims ?? []);
  const conflicts: ConflictingClaim[] = forOurs.conflicts.map((c) => ({
    id: c.id,
    ours: c.ours && oursMerged.get(c.id),
    theirs: c.theirs && theirsMerged.get(c.id),
    base: c.base,
    fields: c.fields,
  }));
  if (!base) {
    // Without a base a claim on one side only may be an addition or a deletion: ask.
    for (const claim of [...o.claims, ...t.claims]) {
      if (oursIds.has(claim.id) && theirsIds.has(claim.id)) continue;
      if (conflicts.some((c) => c.id === claim.id)) continue;
      conflicts.push({ id: claim.id, ours: oursIds.has(claim.id) ? claim : undefined, theirs: theirsIds.has(claim.id) ? claim : undefined, fields: [] });
    }
  }
  for (const c of conflicts) if (!c.base && baseById.has(c.id)) c.base = baseById.get(c.id);
  return { ok: true, value: { conflicts: order(conflicts, forOurs.merged.claims), hasBase: !!base, ours: ours.loaded, theirs: theirs.loaded, base } };
}

export type ResolveResult =
  | { ok: true; text: string; sidecar: Sidecar; /** New ids given to theirs' copies kept with 'both'. */ renamed: Record<string, string> }
  | { ok: false; message: string; problems?: Problem[]; /** Conflicting claims that have no choice. */ missing?: string[] };

/**
 * The sidecar text with every conflict resolved as chosen, written in ours' formatting (claims
 * not in conflict keep their bytes). Every conflicting claim needs a choice.
 */
export function resolveConflictedSidecar(text: string, choices: Readonly<Record<string, ClaimChoice>>, file?: string,
  makeId: (taken: ReadonlySet<string>) => string = newClaimId): ResolveResult {
  const read = listClaimConflicts(text, file);
  if (!read.ok) return read;
  const { conflicts, ours, theirs, base } = read.value;
  const missing = conflicts.filter((c) => !choices[c.id]).map((c) => c.id);
  if (missing.length) return { ok: false, message: `Choose ours, theirs or both for claim${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`, missing };
  const merged = mergeSidecars(base?.sidecar, ours.sidecar, theirs.sidecar).merged;
  const taken = new Set([...ours.sidecar.claims, ...theirs.sidecar.claims, ...(base?.sidecar.claims ?? [])].map((c) => c.id));
  const renamed: Record<string, string> = {};
  const byConflict = new Map(conflicts.map((c) => [c.id, c]));
  const claims: Claim[] = [];
  const seen = new Set<string>();
  // Merged order first, then conflicting claims it lacks (present on theirs only).
  const ids = [...merged.claims.map((c) => c.id), ...conflicts.map((c) => c.id)];
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    const c = byConflict.get(id);
    if (!c) { claims.push(merged.claims.find((m) => m.id === id)!); continue; }
    const choice = choices[id];
    const keepOurs = choice !== 'theirs' ? c.ours : undefined;
    const keepTheirs = choice !== 'ours' ? c.theirs : undefined;
    if (keepOurs) claims.push(keepOurs);
    if (keepTheirs && keepOurs && !deepEqual(keepOurs, keepTheirs)) {
      const fresh = makeId(taken);
      taken.add(fresh);
      renamed[id] = fresh;
      claims.push({ ...keepTheirs, id: fresh });
    } else if (keepTheirs && !keepOurs) claims.push(keepTheirs);
  }
  const sidecar: Sidecar = { ...merged, claims };
  return { ok: true, text: serializeSidecar(sidecar, ours), sidecar, renamed };
}

function byId(claims: Claim[]): Map<string, Claim> {
  return new Map(claims.map((c) => [c.id, c]));
}

/** Conflicts in the order their claims appear in the merged file. */
function order(conflicts: ConflictingClaim[], merged: Claim[]): ConflictingClaim[] {
  const at = new Map(merged.map((c, i) => [c.id, i]));
  return [...conflicts].sort((a, b) => (at.get(a.id) ?? Infinity) - (at.get(b.id) ?? Infinity));
}
