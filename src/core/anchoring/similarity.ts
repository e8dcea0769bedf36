// How alike two short strings are (the stored context and the text around a candidate).
// Edit distance rather than a common prefix, because a word edited next to the quote should
// lower the score a little, not zero it.

import { bestEnd, levenshtein } from './fuzzy';

/**
 * Levenshtein distance (bit-parallel: see levenshtein). `a` is the quote where callers have one,
 * compared with many stretches of text: it is the side compiled.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  return levenshtein(a, b);
}

/** Context may line up a few characters off when the quote's own edges were edited. */
const SLACK = 8;

/**
 * Best match of `pattern` in hay[from, to) (free start, free end, edit distance), scanning hay
 * forwards or, with `backwards`, from `to` down (pattern reversed too), so that one routine
 * aligns both the context before a quote and the context after it. Ties prefer the end nearest
 * `ideal` (an index in scan order). Returns the distance and the end in scan order.
 */
export function alignEnd(pattern: string, hay: string, from: number, to: number, backwards: boolean, ideal: number): { dist: number; at: number } {
  if (pattern.length <= 32) return alignEnd32(pattern, hay, from, to, backwards, ideal);
  if (pattern.length <= 64) return alignEnd64(pattern, hay, from, to, backwards, ideal);
  return bestEnd(pattern, hay, from, to, backwards, ideal);
}

/** Bit mask of each UTF-16 code unit in the pattern alignEnd32 is aligning (all zero between calls). */
const PEQ = new Int32Array(65536);

/**
 * Same as alignEnd for patterns of at most 32 characters (stored context is 32), in one machine
 * word with Myers' bit-parallel algorithm: ~50 steps instead of ~1,500 DP cells per alignment,
 * which matters because every candidate place of every claim has its context scored.
 */
function alignEnd32(pattern: string, hay: string, from: number, to: number, backwards: boolean, ideal: number): { dist: number; at: number } {
  const m = pattern.length;
  const peq = PEQ;
  for (let i = 0; i < m; i++) peq[pattern.charCodeAt(backwards ? m - 1 - i : i)] |= 1 << i;
  const high = 1 << (m - 1);
  let pv = -1;
  let mv = 0;
  let score = m;
  let dist = m;
  let at = 0;
  const cols = to - from;
  for (let j = 1; j <= cols; j++) {
    const eq = peq[hay.charCodeAt(backwards ? to - j : from + j - 1)];
    const xv = eq | mv;
    const xh = (((eq & pv) + pv) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    if (ph & high) score++;
    else if (mh & high) score--;
    // No carry into the shifted-in bit: a match may start anywhere (free start).
    ph <<= 1;
    mh <<= 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
    if (score < dist || (score === dist && Math.abs(j - ideal) < Math.abs(at - ideal))) { dist = score; at = j; }
  }
  for (let i = 0; i < m; i++) peq[pattern.charCodeAt(i)] = 0;
  if (dist === m && Math.abs(ideal) < Math.abs(at - ideal)) at = 0;
  return { dist, at };
}

/** Bit masks of the pattern alignEnd64 is aligning: its first 32 characters, and the rest (all zero between calls). */
const PEQ_LO = new Int32Array(65536);
const PEQ_HI = new Int32Array(65536);

/**
 * bestEnd (fuzzy.ts) for patterns of 33 to 64 characters — most stored contexts, which are 32
 * characters taken out to a word boundary — with both blocks' bit vectors in locals and the
 * pattern's masks set in two tables for the call, as alignEnd32 does, instead of a compiled
 * pattern (one per context: they crowded the quotes out of the matcher's cache). The same steps
 * as bestEnd's two blocks: free start (nothing carried into the first block), every column
 * scored, ties to the end nearest `ideal`; test/unit/anchoringSimilarity.test.ts compares the two.
 */
function alignEnd64(pattern: string, hay: string, from: number, to: number, backwards: boolean, ideal: number): { dist: number; at: number } {
  const m = pattern.length;
  const lo = PEQ_LO, hi = PEQ_HI;
  for (let i = 0; i < m; i++) {
    const c = pattern.charCodeAt(backwards ? m - 1 - i : i);
    if (i < 32) lo[c] |= 1 << i;
    else hi[c] |= 1 << (i - 32);
  }
  const lastBit = 1 << (m - 33);
  let p0 = -1, m0 = 0, p1 = -1, m1 = 0;
  let s = m;
  let dist = m;
  let at = 0;
  const cols = to - from;
  for (let j = 1; j <= cols; j++) {
    const c = hay.charCodeAt(backwards ? to - j : from + j - 1);
    // Block 0, nothing carried in (a match may start anywhere).
    const e0 = lo[c];
    const xV0 = e0 | m0;
    const xH0 = (((e0 & p0) + p0) ^ p0) | e0;
    let pH0 = m0 | ~(xH0 | p0);
    let mH0 = p0 & xH0;
    const h0 = ((pH0 & (1 << 31)) !== 0 ? 1 : 0) - ((mH0 & (1 << 31)) !== 0 ? 1 : 0);
    pH0 <<= 1;
    mH0 <<= 1;
    p0 = mH0 | ~(xV0 | pH0);
    m0 = pH0 & xV0;
    // Block 1, block 0's last row carried in.
    const hNeg = h0 >>> 31;
    const e1 = hi[c] | hNeg;
    const xV1 = e1 | m1;
    const xH1 = (((e1 & p1) + p1) ^ p1) | e1;
    let pH1 = m1 | ~(xH1 | p1);
    let mH1 = p1 & xH1;
    s += ((pH1 & lastBit) !== 0 ? 1 : 0) - ((mH1 & lastBit) !== 0 ? 1 : 0);
    pH1 = (pH1 << 1) | (h0 > 0 ? 1 : 0);
    mH1 = (mH1 << 1) | hNeg;
    p1 = mH1 | ~(xV1 | pH1);
    m1 = pH1 & xV1;
    if (s < dist || (s === dist && Math.abs(j - ideal) < Math.abs(at - ideal))) { dist = s; at = j; }
  }
  for (let i = 0; i < m; i++) { const c = pattern.charCodeAt(i); lo[c] = 0; hi[c] = 0; }
  return { dist, at };
}

/** Where the stored `before` context best ends near `start`, and how well it matches (0..1). */
export function alignBefore(text: string, start: number, before: string): { score: number; at: number } {
  if (before.length === 0) return { score: start === 0 ? 1 : 0.5, at: start };
  if (text.startsWith(before, start - before.length)) return { score: 1, at: start };
  const from = Math.max(0, start - before.length - SLACK);
  const a = alignEnd(before, text, from, Math.min(text.length, start + SLACK), false, start - from);
  return { score: Math.max(0, 1 - a.dist / before.length), at: from + a.at };
}

/** Where the stored `after` context best begins near `end`, and how well it matches (0..1). */
export function alignAfter(text: string, end: number, after: string): { score: number; at: number } {
  if (after.length === 0) return { score: end === text.length ? 1 : 0.5, at: end };
  if (text.startsWith(after, end)) return { score: 1, at: end };
  const from = Math.max(0, end - SLACK);
  const to = Math.min(text.length, end + after.length + SLACK);
  const a = alignEnd(after, text, from, to, true, to - end);
  return { score: Math.max(0, 1 - a.dist / after.length), at: to - a.at };
}
