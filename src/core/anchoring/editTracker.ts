// Keeps claim ranges in step with the editor between re-anchorings: every keystroke arrives as
// a TextChange and each range is shifted or adjusted in place. Plain numbers and one loop,
// because this runs on every keystroke for every claim of the article.

/** One edit as VS Code reports it: rangeOffset, rangeLength and text of a content change. */
export interface TextChange { offset: number; removed: number; inserted: string }

/** A claim's range in UTF-16 offsets; `touched` = an edit changed text inside it since it was last anchored. */
export interface TrackedRange { start: number; end: number; touched: boolean }

/**
 * Applies one edit to every range, mutating them in place. Rules:
 * - text inserted exactly at a boundary stays outside the range (typing next to a claim is not
 *   editing it);
 * - an edit inside or overlapping a range sets `touched`; an edit within the range keeps the
 *   new text in it, an edit straddling a boundary leaves only the claim's surviving words;
 * - a range whose words are all replaced or deleted collapses to an empty range at the edit
 *   (the new text is not the claim's words, and a whole-document replace must not stretch every
 *   range over the article). Ranges are never dropped.
 *
 * Every range after the edit must shift anyway, so this is one O(n) pass with no allocation
 * (no binary search: ranges may overlap or be unsorted, and a tight loop over 10,000 ranges
 * costs a few microseconds). `touched`, when given, receives the index of each range this edit
 * touched (so that a caller need not reset and scan every range's flag to find them).
 */
export function applyChange(ranges: TrackedRange[], change: TextChange, touched?: number[]): void {
  const o = change.offset;
  const changeEnd = o + change.removed;
  const ins = change.inserted.length;
  const delta = ins - change.removed;
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i];
    const s = r.start;
    const e = r.end;
    if (e <= o) {
      // Entirely before the edit (an insertion at its end stays outside).
      continue;
    }
    if (s >= changeEnd) {
      // Entirely after the edit (an insertion at its start stays outside).
      r.start = s + delta;
      r.end = e + delta;
      continue;
    }
    r.touched = true;
    touched?.push(i);
    if (o <= s && e <= changeEnd) {
      r.start = o;
      r.end = o;
    } else if (s <= o && changeEnd <= e) {
      // Edited within the range: the new words belong to the claim.
      r.end = e + delta;
    } else {
      // The edit straddles a boundary: keep only the claim's surviving words.
      r.start = s < o ? s : o + ins;
      r.end = e > changeEnd ? e + delta : o;
    }
  }
}

/** Applies the content changes of one VS Code change event, in the order given (as VS Code's own document mirror does). */
export function applyChanges(ranges: TrackedRange[], changes: readonly TextChange[], touched?: number[]): void {
  for (const c of changes) applyChange(ranges, c, touched);
}
