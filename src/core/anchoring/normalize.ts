// Matching-only normalisation: the article and the stored selector may differ in byte-level
// details that a reader cannot see (BOM, CRLF vs LF, curly vs straight quotes, NBSP vs space).
// We match on a normalised copy and map offsets back to the raw text, because every offset
// the core returns must be valid in the text as VS Code holds it.

/**
 * Characters replaced one-for-one: they never change offsets, so they need no map. Curly and
 * prime single quotes become ', double ones ", no-break spaces a space, a lone CR a line feed.
 */
const ONE_FOR_ONE = /[\r\u00a0\u2007\u202f\u2018-\u201f\u2032\u2033]/g;

function oneForOne(c: string): string {
  switch (c) {
    case '\u2018': case '\u2019': case '\u201a': case '\u201b': case '\u2032': return "'";
    case '\u201c': case '\u201d': case '\u201e': case '\u201f': case '\u2033': return '"';
    case '\r': return '\n';
    default: return ' ';
  }
}
/** Characters dropped: a BOM (anywhere, it is invisible) and the CR of a CRLF pair. */
const DROPPED = /\uFEFF|\r(?=\n)/g;

/** One pass over the text (a 5 MB article is read once, not once per kind of character). */
function replaceOneForOne(s: string): string {
  return s.replace(ONE_FOR_ONE, oneForOne);
}

const NOT_LATIN1 = /[^\x00-\xff]/;
/** Large texts only: below this the copy costs more than it saves. */
const COMPACT = 1 << 16;

/**
 * The same characters, held one byte each when they fit: a text that held curly quotes is kept
 * by the engine at two bytes per character even once they are straight, and every whole-text
 * search then reads twice the memory. A UTF-8 round trip gives a compact copy.
 */
function compact(s: string): string {
  if (s.length < COMPACT || NOT_LATIN1.test(s)) return s;
  return new TextDecoder().decode(new TextEncoder().encode(s));
}

/** Any character that ONE_FOR_ONE replaces or DROPPED drops (a CR, a BOM): one test instead of three passes. */
const CHANGED = /[\r\u00a0\u2007\u202f\u2018-\u201f\u2032\u2033\uFEFF]/;

/** Normalises a short string (a quote or its context); same rules as `normalizeText`. */
export function normalizeForCompare(s: string): string {
  // Most quotes and contexts (30,000 per anchorAll of the bench's 10,000 claims) have nothing to change.
  if (!CHANGED.test(s)) return s;
  return replaceOneForOne(s.indexOf('\r') >= 0 || s.indexOf('\uFEFF') >= 0 ? s.replace(DROPPED, '') : s);
}

export interface NormalizedText {
  readonly raw: string;
  readonly text: string;
  /**
   * map[i] = raw offset of normalised character i, map[text.length] = raw.length.
   * Absent when nothing was dropped (offsets are then identical), which is the common case
   * and saves 4 bytes per character on large articles.
   */
  readonly map?: Int32Array;
}

export function normalizeText(raw: string): NormalizedText {
  const hasDropped = raw.indexOf('\r') >= 0 || raw.indexOf('\uFEFF') >= 0;
  if (!hasDropped) return { raw, text: compact(replaceOneForOne(raw)) };
  const parts: string[] = [];
  const map = new Int32Array(raw.length + 1);
  let kept = 0; // normalised length so far
  let segStart = 0;
  const keep = (from: number, to: number) => {
    parts.push(raw.slice(from, to));
    for (let r = from; r < to; r++) map[kept++] = r;
  };
  DROPPED.lastIndex = 0;
  for (let m = DROPPED.exec(raw); m; m = DROPPED.exec(raw)) {
    keep(segStart, m.index);
    segStart = m.index + 1;
  }
  keep(segStart, raw.length);
  map[kept] = raw.length;
  return { raw, text: compact(replaceOneForOne(parts.join(''))), map: map.subarray(0, kept + 1) };
}

/** Raw offset where the normalised range starting at `start` begins. */
export function rawStart(n: NormalizedText, start: number): number {
  return n.map ? n.map[start] : start;
}

/** Raw offset where the normalised range [start, end) ends (a dropped CR after it stays outside). */
export function rawEnd(n: NormalizedText, start: number, end: number): number {
  if (!n.map) return end;
  return end > start ? n.map[end - 1] + 1 : n.map[start];
}

/** Normalised offset of a raw offset (a dropped character maps to the next kept one). */
export function toNormalized(n: NormalizedText, raw: number): number {
  const map = n.map;
  if (!map) return Math.max(0, Math.min(raw, n.text.length));
  let lo = 0;
  let hi = map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (map[mid] < raw) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
