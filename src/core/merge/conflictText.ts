// The text `factmark merge-driver` writes. Two merges, one on top of the other:
// - the claims merge by id (mergeSidecars): what each side changed in each claim and field;
// - then the formatting merge by lines: the merged claims are written in base's, ours' and
//   theirs' own layouts (each keeps its comments, quoting and spacing), and those three texts,
//   which hold the same data, are merged line by line (mergeLines, as git merge-file does). So a
//   comment or hand formatting that only one side changed survives, like the claims do.
// Claims changed differently on both sides go between git conflict markers, each side the
// claim's own YAML block carrying every non-conflicting change, so taking either side of a hunk
// loses nothing else. When the formatting cannot be merged (both sides changed the same lines'
// comments, a side reordered claims), the result says so and the caller conflicts.
import type { Sidecar } from '../model';
import { renderNewSidecar } from '../sidecar/renderNewSidecar';
import { parseSidecar, serializeSidecar, type LoadedSidecar } from '../sidecar/sidecarYaml';
import { deepEqual } from './deepEqual';
import { mergeLines } from './lineMerge';
import { mergeSidecars, type ClaimConflict } from './mergeClaims';

export interface ConflictLabels { ours: string; theirs: string; base: string }
export const DEFAULT_LABELS: ConflictLabels = { ours: 'ours', theirs: 'theirs', base: 'base' };

export type MergedText =
  /**
   * `text` holds every change of both sides, with markers around the conflicting claims, or
   * (then `lineConflicts` > 0) around the lines of file-level fields, comments or formatting
   * that both sides changed differently.
   */
  | { ok: true; text: string; conflicts: ClaimConflict[]; fieldConflicts: string[]; lineConflicts: number }
  /** Both sides' claims merge, but not their formatting or comments: the caller falls back to a line merge. */
  | { ok: false; reason: string; conflicts: ClaimConflict[] };

export interface MergeTextOptions {
  labels?: ConflictLabels;
  /** Also write each claim's base version (`|||||||`), as git's diff3 style does. */
  diff3?: boolean;
}

/**
 * Three-way merge of parsed sidecars into text. Throws only on programming errors (see
 * serializeSidecar); a caller that must never lose data falls back to a line merge on throw.
 */
export function mergeSidecarTexts(base: LoadedSidecar | undefined, ours: LoadedSidecar, theirs: LoadedSidecar, options: MergeTextOptions = {}): MergedText {
  const labels = options.labels ?? DEFAULT_LABELS;
  const forOurs = mergeSidecars(base?.sidecar, ours.sidecar, theirs.sidecar);
  const { merged, conflicts, fieldConflicts } = forOurs;
  // Each side's layout with the merged data. A file-level field both changed keeps theirs' value
  // in theirs' layout and base's (none, without a base) in base's, so that the line merge marks it.
  const theirsData: Sidecar = { ...merged };
  const baseData: Sidecar = { ...merged };
  for (const k of fieldConflicts) {
    (theirsData as unknown as Record<string, unknown>)[k] = (theirs.sidecar as unknown as Record<string, unknown>)[k];
    const was = (base?.sidecar as unknown as Record<string, unknown> | undefined)?.[k];
    if (was === undefined) delete (baseData as unknown as Record<string, unknown>)[k];
    else (baseData as unknown as Record<string, unknown>)[k] = was;
  }
  const oursText = serializeSidecar(merged, ours);
  const theirsText = serializeSidecar(theirsData, theirs);
  const baseText = base ? serializeSidecar(baseData, base) : renderNewSidecar(baseData, ours.layout.eol);
  const lines = mergeLines(baseText, oursText, theirsText, { labels, diff3: options.diff3 });
  if (lines.conflicts > 0) {
    // Claim blocks cannot be marked in a text that no longer parses.
    if (conflicts.length > 0) return { ok: false, reason: 'claims and the lines around them were changed differently on both sides', conflicts };
    return { ok: true, text: lines.text, conflicts, fieldConflicts, lineConflicts: lines.conflicts };
  }
  if (fieldConflicts.length > 0) return { ok: false, reason: `${fieldConflicts.join(', ')} changed differently on both sides`, conflicts };
  const check = parseSidecar(lines.text);
  if (!check.ok || !deepEqual(check.loaded.sidecar, merged)) {
    return { ok: false, reason: 'the two sides\' layouts of the claims could not be merged line by line (claims reordered?)', conflicts };
  }
  const text = conflicts.length ? markClaimConflicts(lines.text, base, ours, theirs, conflicts, labels, options.diff3 === true) : lines.text;
  return { ok: true, text, conflicts, fieldConflicts, lineConflicts: 0 };
}

/** The merged text with each conflicting claim's block replaced by both sides' blocks between markers. */
function markClaimConflicts(text: string, base: LoadedSidecar | undefined, ours: LoadedSidecar, theirs: LoadedSidecar,
  conflicts: ClaimConflict[], labels: ConflictLabels, diff3: boolean): string {
  // The same merge seen from theirs: conflicting claims in their form, the rest merged alike.
  const forTheirs = mergeSidecars(base?.sidecar, theirs.sidecar, ours.sidecar);
  const theirsText = serializeSidecar(forTheirs.merged, theirs);
  const oursBlocks = claimBlocks(text);
  const theirsBlocks = claimBlocks(theirsText);
  const baseBlocks = base && diff3 ? claimBlocks(base.source) : undefined;
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const replacements: { start: number; end: number; text: string }[] = [];
  for (const c of conflicts) {
    const at = oursBlocks.get(c.id);
    if (!at) throw new Error(`mergeSidecarTexts: claim ${c.id} is missing from the merged text`);
    const side = (blocks: Map<string, Block>) => blocks.get(c.id)?.text ?? '';
    const lines = [`<<<<<<< ${labels.ours}`];
    if (c.ours) lines.push(side(oursBlocks));
    if (baseBlocks) { lines.push(`||||||| ${labels.base}`); if (c.base) lines.push(side(baseBlocks)); }
    lines.push('=======');
    if (c.theirs) lines.push(side(theirsBlocks));
    lines.push(`>>>>>>> ${labels.theirs}`);
    replacements.push({ start: at.start, end: at.end, text: lines.join(eol) });
  }
  replacements.sort((a, b) => b.start - a.start);
  let out = text;
  for (const r of replacements) out = out.slice(0, r.start) + r.text + out.slice(r.end);
  return out;
}

interface Block { start: number; end: number; text: string }

/** Each claim's lines in a sidecar text (from its `-` line to its last line, no final line break). */
function claimBlocks(text: string): Map<string, Block> {
  const parsed = parseSidecar(text);
  const out = new Map<string, Block>();
  if (!parsed.ok) throw new Error(`mergeSidecarTexts: a merged version does not parse: ${parsed.problems[0]?.message}`);
  const { items, ids } = parsed.loaded.layout;
  if (!items) throw new Error('mergeSidecarTexts: the claims are not a block list');
  items.forEach((item, i) => out.set(ids[i], { start: item.lineStart, end: item.lineEnd, text: text.slice(item.lineStart, item.lineEnd) }));
  return out;
}
