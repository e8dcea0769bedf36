// The approximate matcher: Myers' bit-parallel algorithm (G. Myers, "A fast bit-vector algorithm
// for approximate string matching based on dynamic programming", J. ACM 46(3), 1999), in blocks
// of 32 pattern characters, with the block cut-off of its Fig. 9. Callers pass a window: the
// cost is O(window × errors / 32), so searching a whole 5 MB article for every claim is exactly
// what we must not do.
//
// It reports what approx-string-match's search() reports (the matcher Hypothesis uses, which
// this replaced; test/unit/fuzzy.test.ts checks that the two agree), merged as below, but finds
// the start of a match only for the matches kept: search() runs a reverse search for every end
// position, and an edited quote has dozens of them, one per character of slack at each edge.

export interface FuzzyMatch { start: number; end: number; errors: number }

const W = 32;

/**
 * The pattern's character bit masks, per block of 32 characters, read forwards or backwards.
 * Each distinct character has a slot of `blocks` masks; slot 0 (all zero) stands for the
 * characters the pattern lacks. The masks live in one shared arena (`masks[offset …]`), not in
 * typed arrays of their own: a typed array of more than a few bytes is allocated outside the
 * heap, which cost more than the scan itself for the short windows anchoring searches.
 */
interface Compiled {
  length: number;
  blocks: number;
  /** The pattern's distinct characters; chars[k] has slot k + 1. */
  chars: number[];
  /** Where slot 0 of this pattern starts in `arena`. */
  offset: number;
  /** The bit of the pattern's last character in the last block. */
  lastBit: number;
}

/** Compiled patterns: the same quote is searched for in several windows in a row. */
const forwards = new Map<string, Compiled>();
const backwards = new Map<string, Compiled>();
const MAX_COMPILED = 256;
/** Masks of the compiled patterns above; emptied together with them. */
let arena = new Int32Array(1 << 16);
let used = 0;

/**
 * Slot × blocks of each UTF-16 code unit for the pattern being scanned (load() before, unload()
 * after): one table for all patterns, so that compiling one allocates no lookup table.
 */
const slots = new Int32Array(65536);

function compile(pattern: string, reversed: boolean): Compiled {
  const m = pattern.length;
  const blocks = Math.ceil(m / W);
  const chars: number[] = [];
  for (let i = 0; i < m; i++) {
    const c = pattern.charCodeAt(i);
    if (slots[c] === 0) { chars.push(c); slots[c] = chars.length; }
  }
  const need = (chars.length + 1) * blocks;
  if (used + need > arena.length) {
    // Nothing compiled before stays valid once its masks are overwritten.
    forwards.clear();
    backwards.clear();
    used = 0;
    if (need > arena.length) arena = new Int32Array(Math.max(need, 2 * arena.length));
  }
  const offset = used;
  used += need;
  arena.fill(0, offset, offset + need);
  for (let i = 0; i < m; i++) {
    const c = pattern.charCodeAt(reversed ? m - 1 - i : i);
    arena[offset + slots[c] * blocks + ((i / W) | 0)] |= 1 << (i % W);
  }
  for (const c of chars) slots[c] = 0;
  return { length: m, blocks, chars, offset, lastBit: 1 << ((m - 1) % W) };
}

function load(pat: Compiled): void {
  const { chars, blocks } = pat;
  for (let k = 0; k < chars.length; k++) slots[chars[k]] = (k + 1) * blocks;
}

function unload(pat: Compiled): void {
  const { chars } = pat;
  for (let k = 0; k < chars.length; k++) slots[chars[k]] = 0;
}

function compiledFor(pattern: string, reversed: boolean): Compiled {
  const cache = reversed ? backwards : forwards;
  let c = cache.get(pattern);
  if (!c) {
    if (cache.size >= MAX_COMPILED) cache.clear();
    c = compile(pattern, reversed);
    // compile() may have emptied both caches to make room in the arena.
    (reversed ? backwards : forwards).set(pattern, c);
  }
  return c;
}

// Scan state, reused (grown when a pattern needs more blocks).
let P = new Int32Array(8);
let M = new Int32Array(8);
let score = new Int32Array(8);

function grow(blocks: number): void {
  if (P.length < blocks) { P = new Int32Array(blocks * 2); M = new Int32Array(blocks * 2); score = new Int32Array(blocks * 2); }
}

/**
 * Runs the matcher over text[from, to) (or, with `backwards`, from `to` down to `from`, for the
 * pattern compiled backwards). With `ratchet`, returns the ends (scan positions after the last
 * character matched, in scan order) of the lowest-error matches, as search() does, and their
 * error count in `errorsOut[0]`; without, the farthest end of a match with at most `k` errors.
 * The pattern must be load()ed.
 */
function scan(text: string, from: number, to: number, pat: Compiled, k: number, backwards: boolean, ratchet: boolean, ends: number[], errorsOut: number[]): number {
  if (pat.blocks === 1) return scan32(text, from, to, pat, k, backwards, ratchet, ends, errorsOut);
  if (pat.blocks === 2) return scan64(text, from, to, pat, k, backwards, ratchet, ends, errorsOut);
  const m = pat.length;
  const bMax = pat.blocks - 1;
  grow(pat.blocks);
  const Pv = P, Mv = M, sc = score, eq = arena, off = pat.offset, tab = slots;
  const lastBit = pat.lastBit;
  let y = Math.max(0, Math.ceil(k / W) - 1);
  for (let b = 0; b <= y; b++) { sc[b] = (b + 1) * W; Pv[b] = -1; Mv[b] = 0; }
  sc[bMax] = m;
  let farthest = -1;
  const n = to - from;
  for (let j = 0; j < n; j++) {
    const base = off + tab[text.charCodeAt(backwards ? to - 1 - j : from + j)];
    let carry = 0;
    for (let b = 0; b <= y; b++) {
      carry = advance(Pv, Mv, eq[base + b], b, carry, b === bMax ? lastBit : 1 << 31);
      sc[b] += carry;
    }
    if (sc[y] - carry <= k && y < bMax && ((eq[base + y + 1] & 1) !== 0 || carry < 0)) {
      // The block below may now hold a match: compute it too, from a fresh column.
      y++;
      Pv[y] = -1;
      Mv[y] = 0;
      const blockMax = y === bMax ? (m % W === 0 ? W : m % W) : W;
      sc[y] = sc[y - 1] + blockMax - carry + advance(Pv, Mv, eq[base + y], y, carry, y === bMax ? lastBit : 1 << 31);
    } else {
      while (y > 0 && sc[y] >= k + W) y--;
    }
    if (y === bMax && sc[y] <= k) {
      if (!ratchet) { farthest = j + 1; continue; }
      if (sc[y] < k) ends.length = 0;
      ends.push(j + 1);
      // Only the lowest-error matches are reported: the bound comes down with each one found.
      k = sc[y];
      errorsOut[0] = k;
    }
  }
  return farthest;
}

/**
 * scan() for a pattern of 33 to 64 characters (about half the quotes): the same steps, cut-off
 * included, with both blocks' bit vectors and scores in locals instead of the block arrays.
 * Reports exactly what scan() reports (test/unit/fuzzy.test.ts checks both against approx-string-match).
 */
function scan64(text: string, from: number, to: number, pat: Compiled, k: number, backwards: boolean, ratchet: boolean, ends: number[], errorsOut: number[]): number {
  const m = pat.length;
  const eq = arena, off = pat.offset, tab = slots;
  const lastBit = pat.lastBit;
  const last = m - W; // rows of the second block
  // Block 1 active (y = 1 in scan()) or not.
  let y = k > W ? 1 : 0;
  let p0 = -1, m0 = 0, s0 = W;
  let p1 = -1, m1 = 0, s1 = m;
  let farthest = -1;
  const n = to - from;
  for (let j = 0; j < n; j++) {
    const base = off + tab[text.charCodeAt(backwards ? to - 1 - j : from + j)];
    const peq0 = eq[base];
    let c0 = 0;
    {
      const xV = peq0 | m0;
      const xH = (((peq0 & p0) + p0) ^ p0) | peq0;
      let pH = m0 | ~(xH | p0);
      let mH = p0 & xH;
      c0 = ((pH & (1 << 31)) !== 0 ? 1 : 0) - ((mH & (1 << 31)) !== 0 ? 1 : 0);
      pH <<= 1;
      mH <<= 1;
      p0 = mH | ~(xV | pH);
      m0 = pH & xV;
    }
    s0 += c0;
    let carry = c0;
    // The second block's column step is written out twice below (going on, and from a fresh
    // column): this is the hot loop, and the step updates four locals. Change both together.
    if (y === 1) {
      const peq1 = eq[base + 1];
      let c1 = 0;
      {
        const hNeg = c0 >>> 31;
        const e = peq1 | hNeg;
        const xV = e | m1;
        const xH = (((e & p1) + p1) ^ p1) | e;
        let pH = m1 | ~(xH | p1);
        let mH = p1 & xH;
        c1 = ((pH & lastBit) !== 0 ? 1 : 0) - ((mH & lastBit) !== 0 ? 1 : 0);
        pH = (pH << 1) | (c0 > 0 ? 1 : 0);
        mH = (mH << 1) | hNeg;
        p1 = mH | ~(xV | pH);
        m1 = pH & xV;
      }
      s1 += c1;
      carry = c1;
      while (y > 0 && s1 >= k + W) y--;
    } else if (s0 - carry <= k && ((eq[base + 1] & 1) !== 0 || carry < 0)) {
      // The block below may now hold a match: compute it too, from a fresh column.
      y = 1;
      p1 = -1;
      m1 = 0;
      const peq1 = eq[base + 1];
      let c1 = 0;
      {
        const hNeg = c0 >>> 31;
        const e = peq1 | hNeg;
        const xV = e | m1;
        const xH = (((e & p1) + p1) ^ p1) | e;
        let pH = m1 | ~(xH | p1);
        let mH = p1 & xH;
        c1 = ((pH & lastBit) !== 0 ? 1 : 0) - ((mH & lastBit) !== 0 ? 1 : 0);
        pH = (pH << 1) | (c0 > 0 ? 1 : 0);
        mH = (mH << 1) | hNeg;
        p1 = mH | ~(xV | pH);
        m1 = pH & xV;
      }
      s1 = s0 + last - carry + c1;
    }
    if (y === 1 && s1 <= k) {
      if (!ratchet) { farthest = j + 1; continue; }
      if (s1 < k) ends.length = 0;
      ends.push(j + 1);
      k = s1;
      errorsOut[0] = k;
    }
  }
  return farthest;
}

/**
 * scan() for a pattern of at most 32 characters (most quotes' edges, many short quotes): one
 * block, its two bit vectors and its score held in locals, no block arrays and no cut-off.
 * Reports exactly what scan() reports (test/unit/fuzzy.test.ts runs both on the same searches).
 */
function scan32(text: string, from: number, to: number, pat: Compiled, k: number, backwards: boolean, ratchet: boolean, ends: number[], errorsOut: number[]): number {
  const eq = arena, off = pat.offset, tab = slots;
  const lastBit = pat.lastBit;
  let pV = -1, mV = 0, sc = pat.length;
  let farthest = -1;
  const n = to - from;
  for (let j = 0; j < n; j++) {
    const peq = eq[off + tab[text.charCodeAt(backwards ? to - 1 - j : from + j)]];
    // advance() with no carry in from a block above.
    const xV = peq | mV;
    const xH = (((peq & pV) + pV) ^ pV) | peq;
    let pH = mV | ~(xH | pV);
    let mH = pV & xH;
    sc += ((pH & lastBit) !== 0 ? 1 : 0) - ((mH & lastBit) !== 0 ? 1 : 0);
    pH <<= 1;
    mH <<= 1;
    pV = mH | ~(xV | pH);
    mV = pH & xV;
    if (sc <= k) {
      if (!ratchet) { farthest = j + 1; continue; }
      if (sc < k) ends.length = 0;
      ends.push(j + 1);
      k = sc;
      errorsOut[0] = k;
    }
  }
  return farthest;
}

/** One block's step (Myers' Fig. 8, without branches); returns the change of its last row's score. */
function advance(Pv: Int32Array, Mv: Int32Array, peq: number, b: number, hIn: number, lastRow: number): number {
  let pV = Pv[b];
  let mV = Mv[b];
  const hInNegative = hIn >>> 31;
  const eq = peq | hInNegative;
  const xV = eq | mV;
  const xH = (((eq & pV) + pV) ^ pV) | eq;
  let pH = mV | ~(xH | pV);
  let mH = pV & xH;
  const hOut = ((pH & lastRow) !== 0 ? 1 : 0) - ((mH & lastRow) !== 0 ? 1 : 0);
  pH = (pH << 1) | (hIn > 0 ? 1 : 0);
  mH = (mH << 1) | hInNegative;
  pV = mH | ~(xV | pH);
  mV = pH & xV;
  Pv[b] = pV;
  Mv[b] = mV;
  return hOut;
}

/**
 * Lowest-error matches of `pattern` inside text[from, to), offsets in `text`, in text order.
 * Matches that overlap (the matcher reports one per end position) are merged, keeping the first.
 */
export function fuzzySearch(text: string, pattern: string, maxErrors: number, from = 0, to = text.length): FuzzyMatch[] {
  from = Math.max(0, from);
  to = Math.min(text.length, to);
  const L = pattern.length;
  if (L === 0 || to <= from) return [];
  const k = Math.min(L, Math.max(0, Math.floor(maxErrors)));
  const ends: number[] = [];
  const errorsOut = [k];
  const fwd = compiledFor(pattern, false);
  load(fwd);
  scan(text, from, to, fwd, k, false, true, ends, errorsOut);
  unload(fwd);
  if (ends.length === 0) return [];
  const errors = errorsOut[0];
  const back = compiledFor(pattern, true);
  load(back);
  const out: FuzzyMatch[] = [];
  let lastEnd = -Infinity;
  for (const rel of ends) {
    const end = from + rel;
    // A match holds at least L − errors characters: one ending here starts inside the last kept.
    if (end - (L - errors) < lastEnd) continue;
    // Its start: the farthest a reverse search with as many errors reaches back from its end
    // within L + errors characters, as search() finds it. Starts never decrease as ends increase
    // (two lowest-error matches that crossed could swap ends), so the first end whose start
    // clears the last kept match is the next one search() would keep.
    const lo = Math.max(from, end - L - errors);
    const reach = scan(text, lo, end, back, errors, true, false, ends, errorsOut);
    const start = end - Math.max(0, reach);
    if (start < lastEnd) continue;
    out.push({ start, end, errors });
    lastEnd = end;
  }
  unload(back);
  return out;
}

/**
 * The best end of `pattern` matched anywhere in hay[from, to) scanning forwards (or, with
 * `backwards`, from `to` down, the pattern reversed): the edit distance, free start and free
 * end, and the end in scan order, ties going to the end nearest `ideal` (an empty match, end 0,
 * has distance pattern.length). The score of every column is needed, so every block is computed.
 */
export function bestEnd(pattern: string, hay: string, from: number, to: number, backwards: boolean, ideal: number): { dist: number; at: number } {
  const m = pattern.length;
  const pat = compiledFor(pattern, backwards);
  const bMax = pat.blocks - 1;
  grow(pat.blocks);
  const Pv = P, Mv = M, eq = arena, off = pat.offset, tab = slots;
  const lastBit = pat.lastBit;
  for (let b = 0; b <= bMax; b++) { Pv[b] = -1; Mv[b] = 0; }
  load(pat);
  let s = m;
  let dist = m;
  let at = 0;
  const cols = to - from;
  for (let j = 1; j <= cols; j++) {
    const base = off + tab[hay.charCodeAt(backwards ? to - j : from + j - 1)];
    let carry = 0;
    for (let b = 0; b <= bMax; b++) carry = advance(Pv, Mv, eq[base + b], b, carry, b === bMax ? lastBit : 1 << 31);
    s += carry;
    if (s < dist || (s === dist && Math.abs(j - ideal) < Math.abs(at - ideal))) { dist = s; at = j; }
  }
  unload(pat);
  return { dist, at };
}

/**
 * The Levenshtein distance between `pattern` and text[from, to): the same matcher with the
 * pattern's start fixed at `from` (a +1 carried into the first block at every column, as row 0
 * of the table is 0, 1, 2, …; H. Hyyrö, "A bit-vector algorithm for computing Levenshtein and
 * Damerau edit distances", 2003), every block computed. O(⌈m / 32⌉ · n) instead of the table's
 * m · n cells; the pattern (a quote, compared with many stretches of text) is compiled once.
 */
export function levenshtein(pattern: string, text: string, from = 0, to = text.length): number {
  const m = pattern.length;
  const n = to - from;
  if (m === 0) return n;
  if (n <= 0) return m;
  const pat = compiledFor(pattern, false);
  const eq = arena, off = pat.offset, tab = slots;
  const lastBit = pat.lastBit;
  let s = m;
  load(pat);
  if (pat.blocks === 1) {
    let pV = -1, mV = 0;
    for (let j = 0; j < n; j++) {
      // advance() with +1 carried in.
      const peq = eq[off + tab[text.charCodeAt(from + j)]];
      const xV = peq | mV;
      const xH = (((peq & pV) + pV) ^ pV) | peq;
      let pH = mV | ~(xH | pV);
      let mH = pV & xH;
      s += ((pH & lastBit) !== 0 ? 1 : 0) - ((mH & lastBit) !== 0 ? 1 : 0);
      pH = (pH << 1) | 1;
      mH <<= 1;
      pV = mH | ~(xV | pH);
      mV = pH & xV;
    }
  } else {
    const bMax = pat.blocks - 1;
    grow(pat.blocks);
    const Pv = P, Mv = M;
    for (let b = 0; b <= bMax; b++) { Pv[b] = -1; Mv[b] = 0; }
    for (let j = 0; j < n; j++) {
      const base = off + tab[text.charCodeAt(from + j)];
      let carry = 1;
      for (let b = 0; b <= bMax; b++) carry = advance(Pv, Mv, eq[base + b], b, carry, b === bMax ? lastBit : 1 << 31);
      s += carry;
    }
  }
  unload(pat);
  return s;
}
