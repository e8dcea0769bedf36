// Matching-only normalisation: the article and the stored selector may differ in byte-level
// details that a reader cannot see (BOM, CRLF vs LF, curly vs straight quotes, NBSP vs space).
// We match on a normalised copy and map offsets back to the raw text, because every offset
// the core returns must be valid in the text as VS Code holds it.

/**
 * Characters replaced one-for-one: they never change offsets, so they need no map. Curly and
 * prime single quotes become ', double ones ", no-break spaces a space, a lone CR a line feed.
 */
function oneForOne(c: number): string | undefined {
  switch (c) {
    case 0x2018: case 0x2019: case 0x201a: case 0x201b: case 0x2032: return "'";
    case 0x201c: case 0x201d: case 0x201e: case 0x201f: case 0x2033: return '"';
    case 0x00a0: case 0x2007: case 0x202f: return ' ';
    case 0x0d: return '\n';
    default: return undefined;
  }
}
/** Characters dropped: a BOM (anywhere, it is invisible) and the CR of a CRLF pair. */
const DROPPED = /\uFEFF|\r(?=\n)/g;

/** One pass over the text (a 5 MB article is read once, not once per kind of character). */
function replaceOneForOne(s: string): string {
  const parts: string[] = [];
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x0d && c < 0xa0) continue;
    const r = oneForOne(c);
    if (r === undefined) continue;
    parts.push(s.slice(last, i), r);
    last = i + 1;
  }
  if (parts.length === 0) return s;
  parts.push(s.slice(last));
  return parts.join('');
}

/** Normalises a short string (a quote or its context); same rules as `normalizeText`. */
export function normalizeForCompare(s: string): string {
  return replaceOneForOne(s.replace(DROPPED, ''));
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
  if (!hasDropped) return { raw, text: replaceOneForOne(raw) };
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
  return { raw, text: replaceOneForOne(parts.join('')), map: map.subarray(0, kept + 1) };
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
