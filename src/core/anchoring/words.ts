// Words, for deciding where an edited claim begins and ends and how much of it survives. A word
// is a run of letters, digits and combining marks, with apostrophes inside it (don't, Putin's);
// each CJK ideograph or kana is a word of its own, since those scripts do not separate words.
// Punctuation and markup (**, [, —) are not words: "We **do not** host" has the words of
// "We do not host". Words compare case-insensitively.

const LETTER = /[\p{L}\p{N}\p{M}]/u;

function isLetterCode(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  return LETTER.test(String.fromCharCode(c));
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

/** Whether text[i] belongs to a word (an apostrophe only between two letters). */
export function isWordAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (isApostrophe(c)) return isLetterCode(text.charCodeAt(i - 1)) && isLetterCode(text.charCodeAt(i + 1));
  if (!isLetterCode(c)) return false;
  // Surrogate pairs (astral letters) are rare in articles; a lone half is not a letter to the regex.
  return true;
}

/** Kana and CJK ideographs (the BMP blocks): each is a word of its own. */
export function isIdeographCode(c: number): boolean {
  return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}

function isIdeographAt(text: string, i: number): boolean {
  return isIdeographCode(text.charCodeAt(i));
}

/** Whether offset `i` lies between two characters of the same word (so a range may not start or end there). */
export function insideWord(text: string, i: number): boolean {
  return isWordAt(text, i - 1) && isWordAt(text, i) && !isIdeographAt(text, i - 1) && !isIdeographAt(text, i);
}

/** The words of text[from, to): start and end offsets, and the lowercase form to compare. */
export interface Words {
  starts: number[];
  ends: number[];
  keys: string[];
}

export function wordsIn(text: string, from = 0, to = text.length): Words {
  const out: Words = { starts: [], ends: [], keys: [] };
  from = Math.max(0, from);
  to = Math.min(text.length, to);
  // Whole words only: a window edge inside a word would make a piece of it look like a word.
  while (from > 0 && insideWord(text, from)) from--;
  while (to < text.length && insideWord(text, to)) to++;
  let i = from;
  while (i < to) {
    if (!isWordAt(text, i)) { i++; continue; }
    const s = i;
    if (isIdeographAt(text, i)) i++;
    else while (i < to && isWordAt(text, i) && !isIdeographAt(text, i)) i++;
    out.starts.push(s);
    out.ends.push(i);
    out.keys.push(text.slice(s, i).toLowerCase());
  }
  return out;
}

/** The result of aligning a quote's words with the words of a stretch of text. */
export interface WordAlignment {
  /** Quote words found, in order, among the text's words. */
  matched: number;
  /** First and last matched text word (indices into the text's Words); -1 when none matched. */
  firstText: number;
  lastText: number;
  /** First and last matched quote word. */
  firstQuote: number;
  lastQuote: number;
}

const MATCH = 1;
const MISMATCH = -0.4;
const GAP_OPEN = -0.5;
const GAP_EXTEND = -0.1;
/** Above this many cells the alignment is not attempted (a quote of hundreds of words in a long window). */
const MAX_CELLS = 400_000;

/**
 * Local alignment (Smith–Waterman with affine gaps, Gotoh) of the quote's words with the
 * text's words: the stretch of text whose words best match a run of the quote's, where words
 * inserted into the claim or dropped from it cost a little (a clause inserted in the middle is
 * bridged when enough of the quote follows it) and a stray common word far away is not reached.
 * Undefined when nothing matches or the problem is too big.
 */
export function alignWords(quote: Words, text: Words, tFrom = 0, tTo = text.keys.length): WordAlignment | undefined {
  const m = quote.keys.length;
  const n = tTo - tFrom;
  if (m === 0 || n <= 0 || m * n > MAX_CELLS) return undefined;
  const w = n + 1;
  // Rows come from buffers kept between calls (this runs for every candidate place); the rows
  // read before they are written (row 0, and column 0, never written) are zero, as if new.
  const [h0, h1, e0, e1, f] = rows(w, ALIGN_ROWS_F64, 'f64') as Float64Array[];
  const [sq0, sq1, st0, st1, m0, m1, es0, es1, et0, et1, em0, em1, fsq, fst, fm] = rows(w, ALIGN_ROWS_I32, 'i32') as Int32Array[];
  // H: best score ending at (i, j); E: ending with a quote word dropped; F: ending with a text word inserted.
  let hPrev = h0, hCur = h1;
  let ePrev = e0, eCur = e1;
  // Start of the alignment that ends at each cell, as (quote index, text index), to report the span.
  let sqPrev = sq0, sqCur = sq1;
  let stPrev = st0, stCur = st1;
  let mPrev = m0, mCur = m1; // matched words on the path
  let esq = es1, est = et1, em = em1;
  let esqPrev = es0, estPrev = et0, emPrev = em0;
  for (const a of [hPrev, ePrev, sqPrev, stPrev, mPrev, esqPrev, estPrev, emPrev]) a.fill(0, 0, w);
  let best = 0, bestI = -1, bestJ = -1, bestSq = 0, bestSt = 0, bestM = 0;
  for (let i = 1; i <= m; i++) {
    const qk = quote.keys[i - 1];
    hCur[0] = 0; eCur[0] = -Infinity; f[0] = -Infinity;
    for (let j = 1; j <= n; j++) {
      // E: a quote word dropped, coming from the row above in the same column.
      const eOpen = hPrev[j] + GAP_OPEN, eExt = ePrev[j] + GAP_EXTEND;
      if (eOpen >= eExt) { eCur[j] = eOpen; esq[j] = sqPrev[j]; est[j] = stPrev[j]; em[j] = mPrev[j]; }
      else { eCur[j] = eExt; esq[j] = esqPrev[j]; est[j] = estPrev[j]; em[j] = emPrev[j]; }
      // F: a text word inserted into the claim, coming from the left in the same row.
      const fOpen = hCur[j - 1] + GAP_OPEN, fExt = f[j - 1] + GAP_EXTEND;
      if (fOpen >= fExt) { f[j] = fOpen; fsq[j] = sqCur[j - 1]; fst[j] = stCur[j - 1]; fm[j] = mCur[j - 1]; }
      else { f[j] = fExt; fsq[j] = fsq[j - 1]; fst[j] = fst[j - 1]; fm[j] = fm[j - 1]; }
      const tk = text.keys[tFrom + j - 1];
      const same = sameWord(qk, tk);
      let diag = hPrev[j - 1] + (same ? MATCH : MISMATCH);
      let sq = sqPrev[j - 1], st = stPrev[j - 1], mm = mPrev[j - 1] + (same ? 1 : 0);
      if (hPrev[j - 1] <= 0) { diag = same ? MATCH : MISMATCH; sq = i - 1; st = j - 1; mm = same ? 1 : 0; }
      let h = diag;
      if (eCur[j] > h) { h = eCur[j]; sq = esq[j]; st = est[j]; mm = em[j]; }
      if (f[j] > h) { h = f[j]; sq = fsq[j]; st = fst[j]; mm = fm[j]; }
      if (h <= 0) { h = 0; sq = i; st = j; mm = 0; }
      hCur[j] = h; sqCur[j] = sq; stCur[j] = st; mCur[j] = mm;
      // Only a cell that ends on a match can end the best alignment.
      if (same && h > best) { best = h; bestI = i; bestJ = j; bestSq = sq; bestSt = st; bestM = mm; }
    }
    [hPrev, hCur] = [hCur, hPrev];
    [ePrev, eCur] = [eCur, ePrev];
    [sqPrev, sqCur] = [sqCur, sqPrev];
    [stPrev, stCur] = [stCur, stPrev];
    [mPrev, mCur] = [mCur, mPrev];
    [esqPrev, esq] = [esq, esqPrev];
    [estPrev, est] = [est, estPrev];
    [emPrev, em] = [em, emPrev];
  }
  if (bestI < 0) return undefined;
  // The span starts at the first matched pair after the recorded start (a local alignment starts on a match).
  return { matched: bestM, firstText: tFrom + bestSt, lastText: tFrom + bestJ - 1, firstQuote: bestSq, lastQuote: bestI - 1 };
}

const ALIGN_ROWS_F64 = 5;
const ALIGN_ROWS_I32 = 15;
const pool = { f64: [] as Float64Array[], i32: [] as Int32Array[], size: 0 };

/** `count` rows of at least `w` cells, reused from call to call (column 0 is never written). */
function rows(w: number, count: number, kind: 'f64' | 'i32'): (Float64Array | Int32Array)[] {
  if (w > pool.size) {
    pool.size = Math.max(w, 2 * pool.size, 64);
    pool.f64 = Array.from({ length: ALIGN_ROWS_F64 }, () => new Float64Array(pool.size));
    pool.i32 = Array.from({ length: ALIGN_ROWS_I32 + 2 }, () => new Int32Array(pool.size));
  }
  return kind === 'f64' ? pool.f64.slice(0, count) : pool.i32.slice(0, count);
}

/** The same word, or a typo of it (see nearlySame). */
export function sameWord(a: string, b: string): boolean {
  return a === b || nearlySame(a, b);
}

/**
 * How many of the quote's words occur, in order, among the words of a fixed stretch of text
 * (their longest common subsequence): the share of the claim a place holds, wherever inside it
 * words were inserted. Beyond MAX_CELLS, the local alignment's count.
 */
export function commonWords(quote: Words, text: Words): number {
  const m = quote.keys.length;
  const n = text.keys.length;
  if (m === 0 || n === 0) return 0;
  if (m * n > MAX_CELLS) return alignWords(quote, text)?.matched ?? 0;
  rows(n + 1, 0, 'i32');
  let prev = pool.i32[ALIGN_ROWS_I32];
  let cur = pool.i32[ALIGN_ROWS_I32 + 1];
  prev.fill(0, 0, n + 1);
  for (let i = 1; i <= m; i++) {
    const qk = quote.keys[i - 1];
    for (let j = 1; j <= n; j++) {
      cur[j] = sameWord(qk, text.keys[j - 1]) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[n];
}

/** A typo fixed or made ("aniversary" / "anniversary"): long words one edit apart, not figures. */
function nearlySame(a: string, b: string): boolean {
  const la = a.length, lb = b.length;
  if (la < 5 || lb < 5 || Math.abs(la - lb) > 1 || a.charCodeAt(0) !== b.charCodeAt(0)) return false;
  // A changed figure is a change, however small.
  if (/\d/.test(a) || /\d/.test(b)) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  let ja = la - 1, jb = lb - 1;
  while (ja >= i && jb >= i && a.charCodeAt(ja) === b.charCodeAt(jb)) { ja--; jb--; }
  // What is left in the middle: at most one character on each side (a substitution, insertion or deletion).
  return ja - i < 1 && jb - i < 1;
}
