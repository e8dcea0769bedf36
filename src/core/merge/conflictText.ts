// The text `factmark merge-driver` writes: the merged sidecar in ours' formatting, with git
// conflict markers around the conflicting claims only, each side the claim's own YAML block.
// Each side already carries every change that does not conflict, so taking either side of a
// hunk (in any editor, or with `git checkout --ours/--theirs` per hunk) loses nothing else.
import { parseSidecar, serializeSidecar, type LoadedSidecar } from '../sidecar/sidecarYaml';
import { mergeSidecars, type ClaimConflict } from './mergeClaims';

export interface ConflictLabels { ours: string; theirs: string; base: string }
export const DEFAULT_LABELS: ConflictLabels = { ours: 'ours', theirs: 'theirs', base: 'base' };

export interface MergedText {
  text: string;
  conflicts: ClaimConflict[];
}

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
  const text = serializeSidecar(forOurs.merged, ours);
  if (forOurs.conflicts.length === 0) return { text, conflicts: [] };
  // The same merge seen from theirs: conflicting claims in their form, the rest merged alike.
  const forTheirs = mergeSidecars(base?.sidecar, theirs.sidecar, ours.sidecar);
  const theirsText = serializeSidecar(forTheirs.merged, theirs);
  const oursBlocks = claimBlocks(text);
  const theirsBlocks = claimBlocks(theirsText);
  const baseBlocks = base && options.diff3 ? claimBlocks(base.source) : undefined;
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const replacements: { start: number; end: number; text: string }[] = [];
  for (const c of forOurs.conflicts) {
    const at = oursBlocks.get(c.id);
    if (!at) throw new Error(`mergeSidecarTexts: claim ${c.id} is missing from the merged text`);
    const side = (present: boolean, blocks: Map<string, Block>) => (present ? blocks.get(c.id)?.text ?? '' : '');
    const lines = [`<<<<<<< ${labels.ours}`];
    if (c.ours) lines.push(side(true, oursBlocks));
    if (baseBlocks) { lines.push(`||||||| ${labels.base}`); if (c.base) lines.push(side(true, baseBlocks)); }
    lines.push('=======');
    if (c.theirs) lines.push(side(true, theirsBlocks));
    lines.push(`>>>>>>> ${labels.theirs}`);
    replacements.push({ start: at.start, end: at.end, text: lines.join(eol) });
  }
  replacements.sort((a, b) => b.start - a.start);
  let out = text;
  for (const r of replacements) out = out.slice(0, r.start) + r.text + out.slice(r.end);
  return { text: out, conflicts: forOurs.conflicts };
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
