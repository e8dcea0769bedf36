// The features the check-worthiness model reads from one sentence: its words and word pairs,
// the letter sequences inside its words, its cues (cues.ts) and its length. The same function
// serves the training script and the scorer, so what was learned is what is looked up.
//
// Feature names are readable on purpose, because the strongest ones are shown to the user:
//   w:percent      the word "percent"           b:voted|for   the words "voted for"
//   c:cent         the letters "cent" in a word  q:figure      a figure cue
//   n:8-15         8 to 15 words
// Numbers are folded into one shape ("2,500" and "17" are both the word "0"), so that the
// model learns that a figure matters, not which one. Each family of n-grams is scaled to unit
// length (1/√count per feature), so that long sentences do not win by length alone.

import type { Cue, CueKind } from './cues';

export interface FeatureSettings {
  /** Word unigrams. */
  readonly words: boolean;
  /** Pairs of adjacent words, including a start-of-sentence marker. */
  readonly bigrams: boolean;
  /** Letter n-grams inside words (padded with a space at both ends), from min to max letters; [] for none. */
  readonly chars: readonly number[];
  /** One feature per cue family present (q:figure, q:hedge, …). */
  readonly cues: boolean;
  /** The sentence's length in words, in bins. */
  readonly length: boolean;
}

export const DEFAULT_FEATURES: FeatureSettings = { words: true, bigrams: true, chars: [], cues: true, length: true };

const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;

/** Whether code point `c` is a letter or a number (\p{L}, \p{N}); ASCII without a regular expression. */
function isLetterOrNumber(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
  return LETTER_OR_NUMBER.test(String.fromCodePoint(c));
}

/** Whether code point `c` is a letter (\p{L}). */
function isLetter(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
  return LETTER.test(String.fromCodePoint(c));
}

/** The code point at `i` (a surrogate pair read as one). */
function codePointAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  }
  return c;
}

const RIGHT_QUOTE = 0x2019;
const APOSTROPHE = 0x27;
/** The symbols that are words of their own: $ % € £ ¥. */
const isSymbol = (c: number) => c === 0x24 || c === 0x25 || c === 0x20ac || c === 0xa3 || c === 0xa5;

/**
 * Words of a sentence: lower case, straight apostrophes, digit runs folded to "0", symbols that
 * carry meaning kept. A word is a run of letters and numbers, then any number of apostrophes
 * each followed by letters ("don't", "o’neill's"); the symbols $ % € £ ¥ are words alone.
 * Read by character codes, not a regular expression: this runs for every sentence scored.
 */
export function featureWords(sentence: string): string[] {
  const out: string[] = [];
  const n = sentence.length;
  let i = 0;
  while (i < n) {
    let c = codePointAt(sentence, i);
    if (!isLetterOrNumber(c)) {
      if (isSymbol(c)) out.push(sentence[i]);
      i += c > 0xffff ? 2 : 1;
      continue;
    }
    const start = i;
    let lower = false; // an upper-case ASCII letter or anything beyond ASCII: toLowerCase may change it
    let digits = false;
    let curly = false;
    for (; i < n; i += c > 0xffff ? 2 : 1) {
      c = codePointAt(sentence, i);
      if (c < 0x80) {
        if (c >= 0x30 && c <= 0x39) digits = true;
        else if (c >= 0x41 && c <= 0x5a) lower = true;
        else if (!(c >= 0x61 && c <= 0x7a)) break;
      } else if (isLetterOrNumber(c)) lower = true;
      else break;
    }
    // Apostrophes followed by letters (never numbers) stay in the word.
    for (;;) {
      const a = sentence.charCodeAt(i);
      if ((a !== APOSTROPHE && a !== RIGHT_QUOTE) || i + 1 >= n || !isLetter(codePointAt(sentence, i + 1))) break;
      if (a === RIGHT_QUOTE) curly = true;
      for (i++; i < n; i += c > 0xffff ? 2 : 1) {
        c = codePointAt(sentence, i);
        if (!isLetter(c)) break;
        if (c >= 0x80 || c <= 0x5a) lower = true;
      }
    }
    let w = sentence.slice(start, i);
    if (lower) w = w.toLowerCase();
    if (curly) w = w.replace(/’/g, "'");
    if (digits) w = w.replace(/\d+/g, '0');
    out.push(w);
  }
  return out;
}

const LENGTH_BINS: ReadonlyArray<[number, string]> = [[3, 'n:1-3'], [7, 'n:4-7'], [15, 'n:8-15'], [30, 'n:16-30'], [Infinity, 'n:31+']];

/** The length feature of a sentence of `words` words (n:8-15). */
export function lengthFeature(words: number): string {
  for (const [upTo, name] of LENGTH_BINS) if (words <= upTo) return name;
  return LENGTH_BINS[LENGTH_BINS.length - 1][1];
}

/** Calls `visit` once per distinct feature of the sentence with its value. */
export function visitFeatures(sentence: string, cues: readonly Cue[], settings: FeatureSettings, visit: (name: string, value: number) => void): void {
  const words = featureWords(sentence);
  if (settings.words || settings.bigrams) {
    const grams = new Set<string>();
    if (settings.words) for (const w of words) grams.add(`w:${w}`);
    if (settings.bigrams) {
      let prev = '^';
      for (const w of words) { grams.add(`b:${prev}|${w}`); prev = w; }
    }
    const scale = grams.size ? 1 / Math.sqrt(grams.size) : 0;
    for (const g of grams) visit(g, scale);
  }
  if (settings.chars.length === 2) {
    const [min, max] = settings.chars;
    const grams = new Set<string>();
    for (const w of words) {
      const padded = ` ${w} `;
      for (let n = min; n <= max; n++) {
        for (let i = 0; i + n <= padded.length; i++) grams.add(`c:${padded.slice(i, i + n)}`);
      }
    }
    const scale = grams.size ? 1 / Math.sqrt(grams.size) : 0;
    for (const g of grams) visit(g, scale);
  }
  if (settings.cues) {
    const kinds = new Set<CueKind>();
    for (const c of cues) kinds.add(c.kind);
    for (const k of kinds) visit(`q:${k}`, 1);
  }
  if (settings.length) visit(lengthFeature(words.length), 1);
}

/**
 * How a feature reads in an explanation: `w:percent` → “percent”, `b:voted|for` → “voted for”,
 * `w:0` → a number, `b:0|%` → “N %”, `q:figure` → figure cue.
 */
export function describeFeature(name: string): string {
  const body = name.slice(2);
  const shown = (w: string) => w.replace(/0/g, 'N');
  switch (name[0]) {
    case 'w': return body === '0' ? 'a number' : `“${shown(body)}”`;
    case 'b': {
      const [a, b] = body.split('|');
      return a === '^' ? `starts “${shown(b)}”` : `“${shown(a)} ${shown(b)}”`;
    }
    case 'c': return `“${body.trim()}” in a word`;
    case 'q': return `${body} cue`;
    case 'n': return `${body} words`;
    default: return name;
  }
}
