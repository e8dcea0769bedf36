// How alike two short strings are (the stored context and the text around a candidate).
// Edit distance rather than a common prefix, because a word edited next to the quote should
// lower the score a little, not zero it.

let row = new Int32Array(64);

/** Levenshtein distance; strings here are ~32 characters, so O(a·b) is a few hundred steps. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  if (row.length < b.length + 1) row = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0];
    row[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      const cost = ca === b.charCodeAt(j - 1) ? diag : diag + 1;
      row[j] = Math.min(cost, up + 1, row[j - 1] + 1);
      diag = up;
    }
  }
  return row[b.length];
}

/** 1 for equal strings, 0 for nothing in common. */
export function similarity(expected: string, actual: string): number {
  if (expected === actual) return 1;
  const len = Math.max(expected.length, actual.length);
  return len === 0 ? 1 : 1 - editDistance(expected, actual) / len;
}

/**
 * How well the text around [start, end) matches the stored context, 0..1.
 * An empty stored context means the quote was at the start (or end) of the article.
 */
export function contextScore(text: string, start: number, end: number, before: string, after: string): number {
  const b = before.length ? similarity(before, text.slice(Math.max(0, start - before.length), start)) : start === 0 ? 1 : 0.5;
  const a = after.length ? similarity(after, text.slice(end, end + after.length)) : end === text.length ? 1 : 0.5;
  return (a + b) / 2;
}
