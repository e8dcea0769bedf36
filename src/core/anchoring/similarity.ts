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

/** Context may line up a few characters off when the quote's own edges were edited. */
const SLACK = 8;

function reverse(s: string): string {
  let out = '';
  for (let i = s.length - 1; i >= 0; i--) out += s[i];
  return out;
}

/**
 * Best match of `pattern` ending near the end of `hay` (free start, free end, edit distance),
 * preferring ends closer to `hay.length - SLACK`. Returns the distance and where the match ends.
 */
function alignEnd(pattern: string, hay: string, ideal: number): { dist: number; at: number } {
  const m = pattern.length;
  const cols = hay.length + 1;
  let prev = new Int32Array(cols); // row 0: a match may start anywhere
  let cur = new Int32Array(cols);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    const c = pattern.charCodeAt(i - 1);
    for (let j = 1; j < cols; j++) {
      const sub = prev[j - 1] + (c === hay.charCodeAt(j - 1) ? 0 : 1);
      cur[j] = Math.min(sub, prev[j] + 1, cur[j - 1] + 1);
    }
    [prev, cur] = [cur, prev];
  }
  let best = { dist: Infinity, at: ideal };
  for (let j = 0; j < cols; j++) {
    if (prev[j] < best.dist || (prev[j] === best.dist && Math.abs(j - ideal) < Math.abs(best.at - ideal))) best = { dist: prev[j], at: j };
  }
  return best;
}

/** Where the stored `before` context best ends near `start`, and how well it matches (0..1). */
export function alignBefore(text: string, start: number, before: string): { score: number; at: number } {
  if (before.length === 0) return { score: start === 0 ? 1 : 0.5, at: start };
  if (text.startsWith(before, start - before.length)) return { score: 1, at: start };
  const from = Math.max(0, start - before.length - SLACK);
  const hay = text.slice(from, Math.min(text.length, start + SLACK));
  const a = alignEnd(before, hay, start - from);
  return { score: Math.max(0, 1 - a.dist / before.length), at: from + a.at };
}

/** Where the stored `after` context best begins near `end`, and how well it matches (0..1). */
export function alignAfter(text: string, end: number, after: string): { score: number; at: number } {
  if (after.length === 0) return { score: end === text.length ? 1 : 0.5, at: end };
  if (text.startsWith(after, end)) return { score: 1, at: end };
  const from = Math.max(0, end - SLACK);
  const to = Math.min(text.length, end + after.length + SLACK);
  const a = alignEnd(reverse(after), reverse(text.slice(from, to)), to - end);
  return { score: Math.max(0, 1 - a.dist / after.length), at: to - a.at };
}

/** How well the text around [start, end) matches the stored context, 0..1. */
export function contextScore(text: string, start: number, end: number, before: string, after: string): number {
  return (alignBefore(text, start, before).score + alignAfter(text, end, after).score) / 2;
}
