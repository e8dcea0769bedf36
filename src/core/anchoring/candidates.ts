// Finding candidate places for a quote in the normalised text: exact occurrences and fuzzy
// matches, each scored against the stored context. Deciding between them is decide.ts' job.
import { fuzzySearch } from './fuzzy';
import { refine, wordsOfQuote } from './refine';
import { alignAfter, alignBefore, editDistance } from './similarity';
import { alignWords, wordsIn } from './words';

/** A quote, its context and position hints, all in normalised form/offsets. */
export interface Query {
  quote: string;
  before: string;
  after: string;
  /** Where the quote was recorded. */
  hint?: number;
  /** Where we expect it now (the hint plus the drift seen on neighbouring claims). */
  expected?: number;
  /** Between the places of the claims recorded just before and after it, when both were found. */
  gap?: { from: number; to: number };
}

export interface Candidate {
  start: number;
  end: number;
  /** How much of the quote is there (see wordSim; 1 for an exact match), and the character edit distance. */
  sim: number;
  errors: number;
  /** 1 − errors / quote length: similarity by characters, which sees an edit inside a word as small. */
  charSim: number;
  /** Context similarity, 0..1: the mean of the context before (cb) and after (ca). */
  ctx: number;
  cb: number;
  ca: number;
  /** Share of the quote's words found there, and share of the words there that are the quote's. */
  recall: number;
  precision: number;
  /** Distance from the expected position (Infinity when there is none). */
  dist: number;
  /** The character matcher's own similarity, before its range was stretched to the context (raw candidates only). */
  matchSim?: number;
}

/** Beyond this many exact hits we keep only the nearest: a quote that common is ambiguous anyway. */
const MAX_EXACT = 64;

export function makeCandidate(text: string, q: Query, start: number, end: number, errors: number): Candidate {
  const matchSim = Math.max(0, 1 - errors / q.quote.length);
  const b = alignBefore(text, start, q.before);
  const a = alignAfter(text, end, q.after);
  if (errors > 0 && b.score >= 0.5 && a.score >= 0.5 && b.at < a.at && (b.at !== start || a.at !== end)) {
    // The matcher trims edited words at the quote's edges; the context shows where the claim
    // really begins and ends, so report its current words in full.
    // (Accepted only if the words in between still resemble the quote about as well.)
    const d = editDistance(q.quote, text.slice(b.at, a.at));
    if (d <= 2 * errors + 4) { start = b.at; end = a.at; errors = d; }
  }
  const sim = Math.max(0, 1 - errors / q.quote.length);
  return {
    start,
    end,
    sim,
    errors,
    charSim: sim,
    ctx: (a.score + b.score) / 2,
    cb: b.score,
    ca: a.score,
    recall: sim,
    precision: sim,
    dist: q.expected === undefined ? Infinity : Math.abs(start - q.expected),
    matchSim,
  };
}

/** Overall score used to rank candidates and to report them: mostly the words, then the context. */
export function score(c: Candidate): number {
  return 0.6 * c.sim + 0.4 * c.ctx;
}

/** Start offsets of exact occurrences of `quote` starting inside [from, to - quote.length] (the first `limit` + 1 of them). */
export function exactStarts(text: string, quote: string, from: number, to: number, limit = 4 * MAX_EXACT): number[] {
  from = Math.max(0, from);
  to = Math.min(text.length, to);
  // Searching a slice keeps a miss bounded by the window instead of scanning to the end.
  const hay = from === 0 && to === text.length ? text : text.slice(from, to);
  const out: number[] = [];
  for (let i = hay.indexOf(quote); i >= 0; i = hay.indexOf(quote, i + 1)) {
    out.push(i + from);
    if (out.length > limit) break;
  }
  return out;
}

/**
 * Exact occurrences of `quote` nearest `expected`, for a quote found more often than
 * exactStarts reports: the first occurrences in the text are not the ones that matter (the claim
 * is usually near where it is expected). Windows around `expected` grow until they hold
 * MAX_EXACT occurrences or the whole text.
 */
export function nearestExactStarts(text: string, quote: string, expected: number, index?: GramIndex, read?: (chars: number) => void): number[] {
  for (let r = 1024; ; r *= 4) {
    const from = expected - r, to = expected + quote.length + r;
    let hits = index && index.startsIn(quote, from, to);
    if (!hits) {
      hits = exactStarts(text, quote, from, to, Infinity);
      read?.(Math.min(text.length, to) - Math.max(0, from));
    }
    if (hits.length >= MAX_EXACT || (from <= 0 && to >= text.length)) return hits;
  }
}

/**
 * What is known of one text's whole-text exact searches: their results, how much of the text
 * indexOf has read for them (in characters), and the gram index once that is worth building.
 */
interface WholeText { starts: Map<string, number[]>; read: number; index?: GramIndex }

/** Exact occurrences of `quote` in the whole of `text`, the same quote is looked up twice or more per anchorAll run. */
const wholeTextStarts = new WeakMap<object, WholeText>();

/**
 * When whole-text searches of one text go through the gram index: once indexOf has read the
 * text `reads` times over for them (whole-text searches and nearestExactStarts' windows), on texts
 * of at least `length` characters. Building the index costs about 40 such reads (measured on the
 * bench's 5 MB article: ~70 ms against ~1.7 ms per whole-text indexOf), so it is built once the
 * reads have cost about as much as it does: never more than about twice the cheaper of the two
 * (the bench's ~30 reads per anchorAll build none; an article with hundreds of claims moved
 * builds it early). Tests set `reads` to Infinity for the reference path, 0 to index at once.
 */
export const gramIndexing = { reads: 40, length: 1 << 16 };

function wholeText(owner: object): WholeText {
  let known = wholeTextStarts.get(owner);
  if (!known) wholeTextStarts.set(owner, (known = { starts: new Map(), read: 0 }));
  return known;
}

/** The text's gram index, built now if the reads so far have cost about as much. */
function indexFor(known: WholeText, text: string): GramIndex | undefined {
  if (!known.index && known.read >= gramIndexing.reads * text.length && text.length >= gramIndexing.length) known.index = new GramIndex(text);
  return known.index;
}

/** exactStarts over the whole text, remembered as long as `owner` (the normalised text it belongs to) lives. */
export function exactStartsEverywhere(owner: object, text: string, quote: string): number[] {
  const known = wholeText(owner);
  let starts = known.starts.get(quote);
  if (!starts) {
    starts = indexFor(known, text)?.starts(quote, 4 * MAX_EXACT);
    if (!starts) {
      starts = exactStarts(text, quote, 0, text.length);
      known.read += text.length;
    }
    known.starts.set(quote, starts);
  }
  return starts;
}

/** nearestExactStarts over the whole text, through its gram index once it is worth building. */
export function nearestExactStartsEverywhere(owner: object, text: string, quote: string, expected: number): number[] {
  const known = wholeText(owner);
  return nearestExactStarts(text, quote, expected, indexFor(known, text), (chars) => { known.read += chars; });
}

/** Characters of a gram (two blocks of STEP), and the stride between indexed grams. */
const GRAM = 8;
const STEP = 4;
const GRAM_BUCKETS = 1 << 16;

/** Hash of the STEP characters at `at`. */
function blockHash(s: string, at: number): number {
  return (Math.imul(Math.imul(Math.imul(s.charCodeAt(at), 31) + s.charCodeAt(at + 1), 31) + s.charCodeAt(at + 2), 31) + s.charCodeAt(at + 3)) | 0;
}

/** Bucket of the gram made of two blocks' hashes. */
function bucketOf(first: number, second: number): number {
  const h = (Math.imul(first, 0x9e3779b1) ^ second) | 0;
  return (h ^ (h >>> 16)) & (GRAM_BUCKETS - 1);
}

function gramHash(s: string, at: number): number {
  return bucketOf(blockHash(s, at), blockHash(s, at + STEP));
}

/**
 * The 8-character grams starting at every fourth offset of a text, by hash: one index of the
 * whole text shared by all of anchorAll's whole-text exact searches. Every occurrence of a quote
 * of 11 characters or more holds, at one of its first four offsets, a gram the index has; so
 * looking up, for each of the four offsets modulo 4, the quote's rarest gram there and checking
 * each place it points at finds every occurrence (exactStarts' results, without reading the text).
 */
export class GramIndex {
  private readonly heads: Int32Array;
  private readonly at: Int32Array;

  constructor(private readonly text: string) {
    const grams = text.length >= GRAM ? Math.floor((text.length - GRAM) / STEP) + 1 : 0;
    const heads = new Int32Array(GRAM_BUCKETS + 1);
    const hashes = new Int32Array(grams);
    // Each block of text is hashed once; a gram is two blocks in a row.
    let prev = grams > 0 ? blockHash(text, 0) : 0;
    for (let g = 0; g < grams; g++) {
      const next = blockHash(text, (g + 1) * STEP);
      const h = bucketOf(prev, next);
      hashes[g] = h;
      heads[h + 1]++;
      prev = next;
    }
    for (let b = 0; b < GRAM_BUCKETS; b++) heads[b + 1] += heads[b];
    const fill = heads.slice(0, GRAM_BUCKETS);
    const at = new Int32Array(grams);
    for (let g = 0; g < grams; g++) at[fill[hashes[g]]++] = g * STEP;
    this.heads = heads;
    this.at = at;
  }

  /**
   * The quote's rarest gram among its offsets i, i + 4, …: an occurrence at p with p + i ≡ 0
   * (mod 4) has that gram indexed at p + offset. Returns the offset in the quote.
   */
  private rarestGram(quote: string, i: number): number {
    const { heads } = this;
    let best = -1, size = Infinity;
    for (let o = i; o + GRAM <= quote.length; o += STEP) {
      const h = gramHash(quote, o);
      const n = heads[h + 1] - heads[h];
      if (n < size) { size = n; best = o; }
    }
    return best;
  }

  /** Start offsets of `quote` in the text, ascending, the first limit + 1 of them; undefined for a quote too short to look up. */
  starts(quote: string, limit: number): number[] | undefined {
    const L = quote.length;
    if (L < GRAM + STEP - 1) return undefined;
    const { heads, at, text } = this;
    const found: number[] = [];
    for (let i = 0; i < STEP; i++) {
      const best = this.rarestGram(quote, i);
      const h = gramHash(quote, best);
      for (let k = heads[h]; k < heads[h + 1]; k++) {
        const p = at[k] - best;
        if (p >= 0 && text.startsWith(quote, p)) found.push(p);
      }
    }
    found.sort((a, b) => a - b);
    return found.length > limit + 1 ? found.slice(0, limit + 1) : found;
  }

  /**
   * All start offsets of `quote` inside text[from, to) (exactStarts' results with no limit),
   * ascending; undefined for a quote too short to look up. Each bucket lists its grams in text
   * order, so only the part of the rarest gram's bucket that falls in the window is read.
   */
  startsIn(quote: string, from: number, to: number): number[] | undefined {
    const L = quote.length;
    if (L < GRAM + STEP - 1) return undefined;
    from = Math.max(0, from);
    to = Math.min(this.text.length, to);
    const { heads, at, text } = this;
    const found: number[] = [];
    if (to - from < L) return found;
    for (let i = 0; i < STEP; i++) {
      const best = this.rarestGram(quote, i);
      const h = gramHash(quote, best);
      // First entry at or after from + best (entries are ascending within a bucket).
      let lo = heads[h], hi = heads[h + 1];
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (at[mid] < from + best) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < heads[h + 1]; k++) {
        const p = at[k] - best;
        if (p + L > to) break;
        if (text.startsWith(quote, p)) found.push(p);
      }
    }
    return found.sort((a, b) => a - b);
  }
}

export function exactCandidates(text: string, q: Query, from: number, to: number, starts = exactStarts(text, q.quote, from, to), nearest = (expected: number) => nearestExactStarts(text, q.quote, expected)): { all: number; candidates: Candidate[] } {
  const all = starts.length;
  // More than exactStarts reports: the nearest ones, not the first ones in the text.
  if (all > 4 * MAX_EXACT && q.expected !== undefined) starts = nearest(q.expected).filter((s) => s >= from && s + q.quote.length <= to);
  // Scored only the nearest MAX_EXACT (scoring aligns the context, which costs).
  const near = q.expected === undefined ? starts : [...starts].sort((a, b) => Math.abs(a - q.expected!) - Math.abs(b - q.expected!));
  const cands = near.slice(0, MAX_EXACT).map((s) => makeCandidate(text, q, s, s + q.quote.length, 0));
  return { all, candidates: cands };
}

/** The error budget of a fuzzy search: half the quote (as Hypothesis does) but bounded for speed. */
export function maxErrorsFor(quote: string): number {
  return Math.min(64, Math.floor(quote.length / 2));
}

/**
 * Best fuzzy matches in [from, to), skipping `exclude` ranges (exact hits would otherwise hide
 * every weaker match: the matcher only reports the lowest-error ones).
 */
export function fuzzyCandidates(text: string, q: Query, from: number, to: number, exclude: readonly Candidate[] = [], raw = false): Candidate[] {
  const k = maxErrorsFor(q.quote);
  const out: Candidate[] = [];
  const gaps: [number, number][] = [];
  from = Math.max(0, from);
  to = Math.min(text.length, to);
  let cursor = from;
  for (const e of [...exclude].sort((a, b) => a.start - b.start)) {
    if (e.end <= from || e.start >= to) continue;
    if (e.start > cursor) gaps.push([cursor, e.start]);
    cursor = Math.max(cursor, e.end);
  }
  gaps.push([cursor, to]);
  for (const [a, b] of gaps) {
    if (b - a < q.quote.length - k) continue;
    for (const m of fuzzySearch(text, q.quote, k, a, b)) {
      // Raw: the matcher's place, scored by characters (as evidence that the claim may be there);
      // else re-read word by word (as a place to put the claim).
      const c = raw ? makeCandidate(text, q, m.start, m.end, m.errors) : refine(text, q, m.start, m.end);
      if (c && !out.some((o) => o.start === c.start && o.end === c.end)) out.push(c);
    }
  }
  return out;
}

/**
 * The best word-by-word alignment of the quote in [from, to), re-read as a place for it: for a
 * long quote reworded beyond the character matcher's error budget (maxErrorsFor caps it at 64
 * characters, less than a reworded clause), whose words are still mostly there in order.
 */
export function wordCandidate(text: string, q: Query, from: number, to: number): Candidate | undefined {
  if (maxErrorsFor(q.quote) * 2 >= q.quote.length) return undefined;
  const tw = wordsIn(text, Math.max(0, from), Math.min(text.length, to));
  const al = alignWords(wordsOfQuote(q), tw);
  if (!al || al.matched < 2) return undefined;
  // A long quote finds a few of its words in any stretch of text: only half of them or more count.
  const c = refine(text, q, tw.starts[al.firstText], tw.ends[al.lastText]);
  return c && c.recall >= 0.5 ? c : undefined;
}

/**
 * Runner-up fuzzy matches around an accepted best one: searches the window on each side of it,
 * so that a second, slightly worse place can make the result ambiguous instead of silently chosen.
 */
export function runnersUp(text: string, q: Query, from: number, to: number, best: Candidate): Candidate[] {
  return fuzzyCandidates(text, q, from, to, [best]);
}

const SEED = 16;
const MAX_SEED_HITS = 16;
const MAX_REGIONS = 32;

/**
 * Fuzzy search over the whole text without running the matcher over all of it: exact hits of
 * a few 16-character pieces of the quote point at regions, and only those are verified.
 * A word edit spoils one or two pieces, not all of them. Pieces that occur too often are skipped.
 */
export function seededFuzzyCandidates(text: string, q: Query): Candidate[] {
  const L = q.quote.length;
  if (L < SEED) return [];
  const pieces = Math.min(8, Math.floor(L / SEED));
  const step = pieces > 1 ? Math.floor((L - SEED) / (pieces - 1)) : 0;
  const origins: number[] = [];
  for (let p = 0; p < pieces; p++) {
    const at = p * step;
    const hits = exactStarts(text, q.quote.slice(at, at + SEED), 0, text.length);
    if (hits.length > MAX_SEED_HITS) continue;
    for (const h of hits) origins.push(h - at);
  }
  origins.sort((a, b) => a - b);
  const regions: { from: number; to: number; votes: number }[] = [];
  for (const o of origins) {
    const last = regions[regions.length - 1];
    if (last && o - last.from <= L) { last.votes++; continue; }
    regions.push({ from: o, to: o, votes: 1 });
  }
  regions.sort((a, b) => b.votes - a.votes);
  const k = maxErrorsFor(q.quote);
  const out: Candidate[] = [];
  for (const r of regions.slice(0, MAX_REGIONS)) {
    out.push(...fuzzyCandidates(text, q, r.from - k - 8, r.from + 2 * L + k + 8));
  }
  return out;
}

/** How far from the expected position an edited quote is first looked for. */
const NARROW = 64;

/**
 * Fuzzy candidates in a window, plus the best one right at the expected position: in repetitive
 * text a sibling sentence farther away can match with fewer errors and would otherwise hide
 * the claim's own, edited words (the matcher reports only the lowest-error matches).
 */
export function fuzzyAround(text: string, q: Query, from: number, to: number, exclude: readonly Candidate[] = [], raw = false): Candidate[] {
  const out = fuzzyCandidates(text, q, from, to, exclude, raw);
  if (q.expected !== undefined) {
    const k = maxErrorsFor(q.quote);
    const narrow = fuzzyCandidates(text, q, Math.max(from, q.expected - NARROW), Math.min(to, q.expected + q.quote.length + k + NARROW), exclude, raw);
    for (const c of narrow) if (!out.some((o) => o.start === c.start && o.end === c.end)) out.push(c);
  }
  return out;
}

/** How far apart the two pieces of a quote split by a pasted block may be. */
const MAX_SPLIT_GAP = 1024;
/** Pieces of context used to find where a split quote begins and ends. */
const SPLIT_SEED = 12;

function commonPrefix(text: string, at: number, s: string, max: number): number {
  let k = 0;
  while (k < max && at + k < text.length && text.charCodeAt(at + k) === s.charCodeAt(k)) k++;
  return k;
}

function commonSuffix(text: string, end: number, s: string, max: number): number {
  let k = 0;
  while (k < max && end - k - 1 >= 0 && text.charCodeAt(end - k - 1) === s.charCodeAt(s.length - k - 1)) k++;
  return k;
}

/**
 * The quote's own words cut in two by a block pasted inside it: its beginning right after its
 * recorded `before` context near the expected position, its end right before its `after`
 * context a little later. The fuzzy matcher cannot see this (the block is many edits), yet it
 * means the claim's words are still here, so an exact copy elsewhere must not be taken for them.
 * Returned as one candidate spanning both pieces (sim = share of the quote in the two pieces),
 * good only as evidence against another place, never to be accepted.
 */
export function splitCandidate(text: string, q: Query, reach: number): Candidate | undefined {
  if (q.expected === undefined || q.before.length === 0 || q.after.length === 0) return undefined;
  const L = q.quote.length;
  const bSeed = q.before.slice(-SPLIT_SEED);
  const aSeed = q.after.slice(0, SPLIT_SEED);
  let best: Candidate | undefined;
  for (const b of exactStarts(text, bSeed, q.expected - reach - bSeed.length, q.expected + reach)) {
    const s = b + bSeed.length;
    const p = commonPrefix(text, s, q.quote, L);
    if (p === 0 || p === L) continue;
    for (const a of exactStarts(text, aSeed, s + p + 1, s + p + MAX_SPLIT_GAP)) {
      const k = commonSuffix(text, a, q.quote, L - p);
      if (k === 0 || a - k <= s + p) continue;
      const c = makeCandidate(text, q, s, a, L - p - k);
      if (!best || c.sim > best.sim || (c.sim === best.sim && c.ctx > best.ctx)) best = c;
      break;
    }
  }
  return best;
}
