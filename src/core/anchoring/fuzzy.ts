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
 * The pattern's character bit masks, per block of 32 characters, read forwards or backwards:
 * each distinct character has a slot of `blocks` masks in `masks`; slot 0 (all zero) stands
 * for the characters the pattern lacks.
 */
interface Compiled {
  length: number;
  blocks: number;
  /** Slot of each character below 256. */
  ascii: Int32Array;
  other: Map<number, number>;
  masks: Int32Array;
  /** The bit of the pattern's last character in the last block. */
  lastBit: number;
}

function compile(pattern: string, backwards: boolean): Compiled {
  const m = pattern.length;
  const blocks = Math.ceil(m / W);
  const ascii = new Int32Array(256);
  const other = new Map<number, number>();
  let slots = 1;
  const slotOf = (c: number): number => {
    if (c < 256) return ascii[c] || (ascii[c] = slots++);
    let s = other.get(c);
    if (s === undefined) other.set(c, (s = slots++));
    return s;
  };
  const at = new Int32Array(m);
  for (let i = 0; i < m; i++) at[i] = slotOf(pattern.charCodeAt(backwards ? m - 1 - i : i));
  const masks = new Int32Array(slots * blocks);
  for (let i = 0; i < m; i++) masks[at[i] * blocks + ((i / W) | 0)] |= 1 << (i % W);
  return { length: m, blocks, ascii, other, masks, lastBit: 1 << ((m - 1) % W) };
}

/** Where the masks of character `c` start in `pat.masks` (slot 0 when the pattern lacks it). */
function slotBase(pat: Compiled, c: number): number {
  return (c < 256 ? pat.ascii[c] : pat.other.get(c) ?? 0) * pat.blocks;
}

/** Compiled patterns: the same quote is searched for in several windows in a row. */
const forwards = new Map<string, Compiled>();
const backwards = new Map<string, Compiled>();
const MAX_COMPILED = 256;

function compiledFor(pattern: string, reversed: boolean): Compiled {
  const cache = reversed ? backwards : forwards;
  let c = cache.get(pattern);
  if (!c) {
    if (cache.size >= MAX_COMPILED) cache.clear();
    cache.set(pattern, (c = compile(pattern, reversed)));
  }
  return c;
}

// Scan state, reused (grown when a pattern needs more blocks).
let P = new Int32Array(8);
let M = new Int32Array(8);
let score = new Int32Array(8);

/**
 * Runs the matcher over text[from, to) (or, with `backwards`, from `to` down to `from`, for the
 * pattern compiled backwards). With `ratchet`, returns the ends (scan positions after the last
 * character matched, in scan order) of the lowest-error matches, as search() does, and their
 * error count in `errorsOut[0]`; without, the farthest end of a match with at most `k` errors.
 */
function scan(text: string, from: number, to: number, pat: Compiled, k: number, backwards: boolean, ratchet: boolean, ends: number[], errorsOut: number[]): number {
  const m = pat.length;
  const bMax = pat.blocks - 1;
  if (P.length < pat.blocks) { P = new Int32Array(pat.blocks * 2); M = new Int32Array(pat.blocks * 2); score = new Int32Array(pat.blocks * 2); }
  const { masks: eq, lastBit } = pat;
  let y = Math.max(0, Math.ceil(k / W) - 1);
  for (let b = 0; b <= y; b++) { score[b] = (b + 1) * W; P[b] = -1; M[b] = 0; }
  score[bMax] = m;
  let farthest = -1;
  const n = to - from;
  for (let j = 0; j < n; j++) {
    const base = slotBase(pat, text.charCodeAt(backwards ? to - 1 - j : from + j));
    let carry = 0;
    for (let b = 0; b <= y; b++) {
      carry = advance(eq[base + b], b, carry, b === bMax ? lastBit : 1 << 31);
      score[b] += carry;
    }
    if (score[y] - carry <= k && y < bMax && ((eq[base + y + 1] & 1) !== 0 || carry < 0)) {
      // The block below may now hold a match: compute it too, from a fresh column.
      y++;
      P[y] = -1;
      M[y] = 0;
      const blockMax = y === bMax ? (m % W === 0 ? W : m % W) : W;
      score[y] = score[y - 1] + blockMax - carry + advance(eq[base + y], y, carry, y === bMax ? lastBit : 1 << 31);
    } else {
      while (y > 0 && score[y] >= k + W) y--;
    }
    if (y === bMax && score[y] <= k) {
      if (!ratchet) { farthest = j + 1; continue; }
      if (score[y] < k) ends.length = 0;
      ends.push(j + 1);
      // Only the lowest-error matches are reported: the bound comes down with each one found.
      k = score[y];
      errorsOut[0] = k;
    }
  }
  return farthest;
}

/** One block's step (Myers' Fig. 8, without branches); returns the change of its last row's score. */
function advance(peq: number, b: number, hIn: number, lastRow: number): number {
  let pV = P[b];
  let mV = M[b];
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
  P[b] = pV;
  M[b] = mV;
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
  scan(text, from, to, compiledFor(pattern, false), k, false, true, ends, errorsOut);
  if (ends.length === 0) return [];
  const errors = errorsOut[0];
  const back = compiledFor(pattern, true);
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
  if (P.length < pat.blocks) { P = new Int32Array(pat.blocks * 2); M = new Int32Array(pat.blocks * 2); score = new Int32Array(pat.blocks * 2); }
  const { masks: eq, lastBit } = pat;
  for (let b = 0; b <= bMax; b++) { P[b] = -1; M[b] = 0; }
  let s = m;
  let dist = m;
  let at = 0;
  const cols = to - from;
  for (let j = 1; j <= cols; j++) {
    const base = slotBase(pat, hay.charCodeAt(backwards ? to - j : from + j - 1));
    let carry = 0;
    for (let b = 0; b <= bMax; b++) carry = advance(eq[base + b], b, carry, b === bMax ? lastBit : 1 << 31);
    s += carry;
    if (s < dist || (s === dist && Math.abs(j - ideal) < Math.abs(at - ideal))) { dist = s; at = j; }
  }
  return { dist, at };
}
