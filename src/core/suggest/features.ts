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

/** Words of a sentence: lower case, straight apostrophes, digit runs folded to "0", symbols that carry meaning kept. */
export function featureWords(sentence: string): string[] {
  const out: string[] = [];
  const re = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[$€£¥%]/gu;
  for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
    let w = m[0].toLowerCase();
    if (w.includes('’')) w = w.replace(/’/g, "'");
    if (/\d/.test(w)) w = w.replace(/\d+/g, '0');
    out.push(w);
  }
  return out;
}

const LENGTH_BINS: ReadonlyArray<[number, string]> = [[3, 'n:1-3'], [7, 'n:4-7'], [15, 'n:8-15'], [30, 'n:16-30'], [Infinity, 'n:31+']];

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
  if (settings.length) {
    const n = words.length;
    for (const [upTo, name] of LENGTH_BINS) if (n <= upTo) { visit(name, 1); break; }
  }
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
