// The one way the sidecar writer changes a file it read: replace spans of the original text and
// keep every other byte, so that an untouched claim, comment or blank line stays as it was.

/** Replace `[start, end)` of the original text with `text` (offsets into the text as read). */
export interface Edit { start: number; end: number; text: string }

/** The source with the edits applied; they must not overlap (two edits of one span are a bug). */
export function applyEdits(source: string, edits: Edit[]): string {
  edits.sort((a, b) => a.start - b.start || (a.end - a.start) - (b.end - b.start));
  let out = '';
  let cursor = 0;
  for (const e of edits) {
    if (e.start < cursor) throw new Error('serializeSidecar: overlapping edits (a bug in Factmark)');
    out += source.slice(cursor, e.start) + e.text;
    cursor = e.end;
  }
  return out + source.slice(cursor);
}
