// History-aware re-anchoring: when the article changed since the sidecar last matched it, the
// claims' positions are carried through the edits between the two versions (as the editor
// does while someone types) before anything searches for their words. A claim is "carried"
// only when it provably sat at its recorded place in the old version and no edit touched its
// words; such a claim is found even where its sentence now appears twice.
import { anchorAll } from '../anchoring/anchor';
import { applyChanges, type TrackedRange } from '../anchoring/editTracker';
import { lineOf, lineStarts } from '../anchoring/lines';
import type { AnchorSelector } from '../anchoring/types';
import { diffTexts } from './textDiff';

export type CarryOutcome =
  /** Its words are untouched: the new offset is certain. */
  | 'carried'
  /** Its words sat in a block that moved unchanged (a reordered paragraph): found there, once. */
  | 'moved-block'
  /** An edit changed its words: the offset is a hint only (the search decides). */
  | 'edited'
  /** Its words were all deleted or replaced: left to the search. */
  | 'deleted'
  /** It was not at its recorded place in the old version (the sidecar did not match it). */
  | 'unknown';

export interface CarryResult<S extends AnchorSelector> {
  /** Copies of the selectors, with offset and line updated where the claim could be followed. */
  selectors: S[];
  /** Per selector (same order). 'carried' and 'moved-block' mean its words are at the new offset. */
  outcomes: CarryOutcome[];
  /** Per selector: where its words are in the new text (raw offsets) when carried, else undefined. */
  ranges: ({ start: number; end: number } | undefined)[];
}

/** Whether an outcome places the claim's exact words at its new offset. */
export function isCarried(o: CarryOutcome): boolean {
  return o === 'carried' || o === 'moved-block';
}

export function carryThroughHistory<S extends AnchorSelector>(oldText: string, newText: string, selectors: readonly S[]): CarryResult<S> {
  const out = selectors.map((s) => ({ ...s }));
  const outcomes: CarryOutcome[] = selectors.map(() => 'unknown');
  const found: CarryResult<S>['ranges'] = selectors.map(() => undefined);
  // Where each claim was in the old text: only exactly at its recorded place, in its context.
  const ranges: (TrackedRange & { index: number })[] = [];
  // One pass over the old text for all claims (anchor() per claim would normalise it each time).
  const inOld = anchorAll(oldText, selectors);
  selectors.forEach((s, index) => {
    if (s.offset === undefined) return;
    const r = inOld[index];
    if (r.state === 'anchored' && r.start !== undefined && r.end !== undefined) ranges.push({ start: r.start, end: r.end, touched: false, index });
  });
  if (ranges.length === 0 || oldText === newText) return { selectors: out, outcomes, ranges: found };
  const old = ranges.map((r) => ({ start: r.start, end: r.end }));
  applyChanges(ranges, diffTexts(oldText, newText));
  const starts = lineStarts(newText);
  ranges.forEach((r, j) => {
    const sel = out[r.index];
    let at: number | undefined;
    if (!r.touched) { at = r.start; outcomes[r.index] = 'carried'; found[r.index] = { start: r.start, end: r.end }; }
    else {
      at = movedBlock(oldText, newText, old[j].start, old[j].end);
      if (at !== undefined) { outcomes[r.index] = 'moved-block'; found[r.index] = { start: at, end: at + old[j].end - old[j].start }; }
      else if (r.end > r.start) { at = r.start; outcomes[r.index] = 'edited'; }
      else outcomes[r.index] = 'deleted';
    }
    if (at !== undefined) { sel.offset = at; sel.line = lineOf(starts, at); }
  });
  return { selectors: out, outcomes, ranges: found };
}

const MIN_BLOCK = 32;

/**
 * A claim whose words were deleted in one place and inserted in another, with the lines around
 * it (a paragraph moved as a whole): its new offset if those whole lines occur exactly once in
 * the new text.
 */
function movedBlock(oldText: string, newText: string, start: number, end: number): number | undefined {
  const lineStart = oldText.lastIndexOf('\n', start - 1) + 1;
  const nl = oldText.indexOf('\n', end);
  const lineEnd = nl < 0 ? oldText.length : nl + 1;
  const block = oldText.slice(lineStart, lineEnd);
  if (block.trim().length < MIN_BLOCK) return undefined; // a short line can be retyped elsewhere
  const first = newText.indexOf(block);
  if (first < 0 || newText.indexOf(block, first + 1) >= 0) return undefined;
  const startsLine = first === 0 || newText[first - 1] === '\n';
  return startsLine ? first + (start - lineStart) : undefined;
}
