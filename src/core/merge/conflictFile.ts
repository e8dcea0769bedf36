// Resolves a sidecar that git left with conflict markers: both versions are parsed and merged by
// claim id, so that "keep both" keeps every claim either side has, not two halves of a YAML file.
import { splitConflict } from '../conflictMarkers';
import type { Problem } from '../model';
import { parseSidecar, serializeSidecar } from '../sidecar/sidecarYaml';
import { mergeSidecars } from './mergeClaims';

export type ConflictChoice = 'ours' | 'theirs' | 'both';

export type ConflictFileResult =
  | { ok: true; text: string; claims: number; differing: string[] }
  | { ok: false; message: string; problems?: Problem[] };

export function resolveConflictFile(text: string, choice: ConflictChoice, file?: string): ConflictFileResult {
  const sides = splitConflict(text);
  if (!sides) return { ok: false, message: 'The file has no well-formed git conflict markers (<<<<<<<, =======, >>>>>>>).' };
  const ours = parseSidecar(sides.ours, file);
  const theirs = parseSidecar(sides.theirs, file);
  if (choice !== 'theirs' && !ours.ok) return { ok: false, message: 'Our side of the conflict is not a valid sidecar; fix it by hand.', problems: ours.problems };
  if (choice !== 'ours' && !theirs.ok) return { ok: false, message: 'Their side of the conflict is not a valid sidecar; fix it by hand.', problems: theirs.problems };
  if (choice === 'ours' && ours.ok) return { ok: true, text: sides.ours, claims: ours.loaded.sidecar.claims.length, differing: [] };
  if (choice === 'theirs' && theirs.ok) return { ok: true, text: sides.theirs, claims: theirs.loaded.sidecar.claims.length, differing: [] };
  if (!ours.ok || !theirs.ok) return { ok: false, message: 'unreachable' };
  // No common base is known: a claim on one side only is kept; where both sides have the same
  // claim with different fields, ours is kept and the claim is named so it can be re-checked.
  const merged = mergeSidecars(undefined, ours.loaded.sidecar, theirs.loaded.sidecar);
  return {
    ok: true,
    text: serializeSidecar(merged.merged, ours.loaded),
    claims: merged.merged.claims.length,
    differing: merged.conflicts.map((c) => c.id),
  };
}
