// Where in a whole article the edited words of many claims might be, found in one pass: every
// pair of consecutive words of each quote is looked up among the article's word pairs, and the
// hits that line up (the same offset between the quote's words and the article's) point at a
// region. Only those regions are then searched with the approximate matcher, so that a claim
// whose paragraph moved and whose words were edited is found anywhere, at the cost of one pass
// over the text for all such claims together (not one per claim).
import type { Query } from './candidates';
import { wordsOfQuote } from './refine';
import type { Words } from './words';
import { isIdeographCode, isWordAt } from './words';

export interface Region { from: number; to: number }

/** Regions kept per claim, best first. */
const MAX_REGIONS = 8;
/** Hits kept per claim (a quote made of very common word pairs points everywhere, so nowhere). */
const MAX_HITS = 4096;

function lowerCode(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c < 128) return c;
  const l = String.fromCharCode(c).toLowerCase();
  return l.length === 1 ? l.charCodeAt(0) : c;
}

/** Case-insensitive 32-bit hash of text[start, end) (a word). */
function hashWord(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ lowerCode(text.charCodeAt(i)), 0x01000193);
  return h >>> 0;
}

function pairHash(a: number, b: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ b) >>> 0;
}

/**
 * For each query, up to MAX_REGIONS regions of `text` where its words line up, best first.
 * Quotes of one word are not nominated (a single word is everywhere).
 */
export function nominate(text: string, queries: readonly Query[]): Region[][] {
  const pairs = new Map<number, number[]>(); // pair hash -> [query, position, query, position, …]
  const pairCount: number[] = [];
  queries.forEach((q, qi) => {
    const w: Words = wordsOfQuote(q);
    const hs = w.starts.map((s, k) => hashWord(q.quote, s, w.ends[k]));
    let n = 0;
    for (let k = 1; k < hs.length; k++) {
      const key = pairHash(hs[k - 1], hs[k]);
      let list = pairs.get(key);
      if (!list) pairs.set(key, (list = []));
      list.push(qi, k - 1);
      n++;
    }
    pairCount.push(n);
  });
  const hits: number[][] = queries.map(() => []); // [diagonal, offset, position, …]
  if (pairs.size === 0) return queries.map(() => []);
  // A bit per pair hash (mod 2^20) in front of the map: most of an article's word pairs are in no quote.
  const bits = new Uint32Array(1 << 15);
  for (const key of pairs.keys()) bits[(key >>> 5) & 0x7fff] |= 1 << (key & 31);

  // One pass over the text's words (the same word rules as words.ts, without making strings).
  let prev = -1;
  let wordIndex = 0;
  const L = text.length;
  for (let i = 0; i < L;) {
    if (!isWordAt(text, i)) { i++; continue; }
    const s = i;
    if (isIdeographCode(text.charCodeAt(i))) i++;
    else while (i < L && isWordAt(text, i) && !isIdeographCode(text.charCodeAt(i))) i++;
    const h = hashWord(text, s, i);
    const key = prev >= 0 ? pairHash(prev, h) : 0;
    if (prev >= 0 && bits[(key >>> 5) & 0x7fff] & (1 << (key & 31))) {
      const list = pairs.get(key);
      if (list) {
        for (let k = 0; k < list.length; k += 2) {
          const out = hits[list[k]];
          if (out.length < 3 * MAX_HITS) out.push(wordIndex - 1 - list[k + 1], s, list[k + 1]);
        }
      }
    }
    prev = h;
    wordIndex++;
  }

  return queries.map((q, qi) => regionsOf(hits[qi], pairCount[qi], q.quote.length, wordsOfQuote(q).keys.length));
}

/** Clusters hits by diagonal; a region needs hits from enough different word pairs of the quote. */
function regionsOf(flat: number[], pairs: number, quoteLength: number, words: number): Region[] {
  if (flat.length === 0 || pairs === 0) return [];
  const idx: number[] = [];
  for (let k = 0; k < flat.length; k += 3) idx.push(k);
  idx.sort((a, b) => flat[a] - flat[b] || flat[a + 1] - flat[b + 1]);
  // Words inserted or deleted inside the quote shift the diagonal a little.
  const tolerance = Math.max(4, words >> 1);
  const need = Math.max(pairs >= 3 ? 2 : 1, Math.ceil(pairs * 0.25));
  const out: { from: number; to: number; votes: number }[] = [];
  let i = 0;
  while (i < idx.length) {
    let j = i;
    const seen = new Set<number>();
    let lo = Infinity, hi = -Infinity;
    while (j < idx.length && flat[idx[j]] - flat[idx[i]] <= tolerance) {
      seen.add(flat[idx[j] + 2]);
      lo = Math.min(lo, flat[idx[j] + 1]);
      hi = Math.max(hi, flat[idx[j] + 1]);
      j++;
    }
    if (seen.size >= need) out.push({ from: lo - quoteLength - 16, to: hi + quoteLength + 16, votes: seen.size });
    i = j;
  }
  out.sort((a, b) => b.votes - a.votes);
  return out.slice(0, MAX_REGIONS).map(({ from, to }) => ({ from: Math.max(0, from), to }));
}
