// The model's word and word-pair weights arranged for scoring: every word the weights name gets
// a number once, when the model loads; a sentence's words are then looked up once each, its
// word pairs are keys made of two numbers, and no feature name is built per sentence. The
// result is exactly what visitFeatures (features.ts) and a lookup by name give — the same
// features, in the same order, so the same floating-point sum (test/unit/suggestScoringExact).
// Letter n-grams are not arranged here: a model that has them is scored by name.

import type { FeatureSettings } from './features';

/** Sentences with more words than this are scored by name. */
export const MAX_TABLE_WORDS = 2 ** 24;
const START = -1;

/**
 * A hash table from pairs of word numbers to numbers, open addressing in typed arrays: looking
 * a pair up allocates nothing. `clear` forgets every entry at once (by a stamp), so one table
 * can serve sentence after sentence.
 */
class PairTable {
  private a: Int32Array;
  private b: Int32Array;
  private value: Int32Array;
  private stampOf: Uint32Array;
  private stamp = 1;
  private mask: number;
  size = 0;

  constructor(capacity: number) {
    let n = 16;
    while (n < capacity * 2) n *= 2;
    this.mask = n - 1;
    this.a = new Int32Array(n);
    this.b = new Int32Array(n);
    this.value = new Int32Array(n);
    this.stampOf = new Uint32Array(n);
  }

  private slot(a: number, b: number): number {
    return (Math.imul(a + 1, 0x9e3779b1) ^ Math.imul(b + 0x3c6ef372, 0x85ebca6b)) >>> 0 & this.mask;
  }

  get(a: number, b: number): number {
    for (let i = this.slot(a, b); this.stampOf[i] === this.stamp; i = (i + 1) & this.mask) {
      if (this.a[i] === a && this.b[i] === b) return this.value[i];
    }
    return -1;
  }

  /** Adds the pair unless it is there; whether it was added. */
  add(a: number, b: number, value: number): boolean {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    let i = this.slot(a, b);
    for (; this.stampOf[i] === this.stamp; i = (i + 1) & this.mask) {
      if (this.a[i] === a && this.b[i] === b) return false;
    }
    this.stampOf[i] = this.stamp;
    this.a[i] = a;
    this.b[i] = b;
    this.value[i] = value;
    this.size++;
    return true;
  }

  clear(): void {
    this.size = 0;
    if (++this.stamp === 0xffffffff) { this.stampOf.fill(0); this.stamp = 1; }
  }

  private grow(): void {
    const { a, b, value, stampOf, stamp } = this;
    const n = (this.mask + 1) * 2;
    this.mask = n - 1;
    this.a = new Int32Array(n);
    this.b = new Int32Array(n);
    this.value = new Int32Array(n);
    this.stampOf = new Uint32Array(n);
    this.stamp = 1;
    this.size = 0;
    for (let i = 0; i < a.length; i++) if (stampOf[i] === stamp) this.add(a[i], b[i], value[i]);
  }
}

/** One sentence's word and pair features that have weights, in visiting order. */
export interface GramHits {
  /** The features' names and their shares (weight × scale), word features first. */
  readonly names: string[];
  readonly shares: number[];
}

/** The word and pair weights of one model. One sentence at a time: scoring is synchronous, and the buffers are reused. */
export class WeightTable {
  private readonly ids = new Map<string, number>();
  private readonly wordName: string[] = [];
  /** NaN where the word has no weight of its own (it appears only in pairs). */
  private readonly wordWeight: Float64Array;
  private readonly pairs: PairTable;
  private readonly pairName: string[] = [];
  private readonly pairWeight: number[] = [];
  /** The stamp of the last sentence each known word was seen in. */
  private readonly seen: Uint32Array;
  private stamp = 0;
  /** The pairs of the sentence being scored, when one of its words repeats. */
  private readonly sentencePairs = new PairTable(64);
  private sentenceIds = new Int32Array(64);
  private firstAt = new Uint8Array(64);

  constructor(weights: Readonly<Record<string, number>>, private readonly settings: FeatureSettings) {
    const words: Array<[number, number]> = [];
    const pairs: Array<[number, number]> = [];
    for (const [name, weight] of Object.entries(weights)) {
      if (name.startsWith('w:')) {
        const id = this.id(name.slice(2));
        this.wordName[id] = name;
        words.push([id, weight]);
      } else if (name.startsWith('b:')) {
        // Words never hold "|", so a pair name has exactly one; any other is never visited.
        const parts = name.slice(2).split('|');
        if (parts.length !== 2) continue;
        pairs.push([parts[0] === '^' ? START : this.id(parts[0]), this.id(parts[1])]);
        this.pairName.push(name);
        this.pairWeight.push(weight);
      }
    }
    this.wordWeight = new Float64Array(this.ids.size).fill(NaN);
    for (const [id, weight] of words) this.wordWeight[id] = weight;
    this.pairs = new PairTable(pairs.length);
    pairs.forEach(([a, b], k) => this.pairs.add(a, b, k));
    this.seen = new Uint32Array(this.ids.size);
  }

  private id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(word, id);
    }
    return id;
  }

  /**
   * Adds the word and pair features of `words` with weights to `hits` and returns their part
   * of the log-odds, summed in visitFeatures' order: the distinct words in order of first
   * appearance, then the distinct pairs (the first one with the start marker "^"), each
   * weight × 1/√(distinct words + distinct pairs).
   */
  addGrams(words: readonly string[], hits: GramHits, z: number): number {
    const n = words.length;
    const known = this.ids.size;
    if (n > this.sentenceIds.length) {
      this.sentenceIds = new Int32Array(n * 2);
      this.firstAt = new Uint8Array(n * 2);
    }
    const ids = this.sentenceIds;
    const firstAt = this.firstAt;
    if (++this.stamp === 0xffffffff) { this.seen.fill(0); this.stamp = 1; }
    const stamp = this.stamp;
    // Words: known ones by number; the others numbered from `known` up for this sentence only.
    let unknown: Map<string, number> | undefined;
    let distinctWords = 0;
    const wordHits: number[] = [];
    for (let i = 0; i < n; i++) {
      const w = words[i];
      let id = this.ids.get(w);
      let first = false;
      if (id === undefined) {
        unknown ??= new Map();
        id = unknown.get(w);
        if (id === undefined) { id = known + unknown.size; unknown.set(w, id); first = true; }
      } else if (this.seen[id] !== stamp) {
        this.seen[id] = stamp;
        first = true;
        if (!Number.isNaN(this.wordWeight[id])) wordHits.push(id);
      }
      if (first) distinctWords++;
      ids[i] = id;
      firstAt[i] = first ? 1 : 0;
    }
    let distinct = this.settings.words ? distinctWords : 0;
    const pairHits: number[] = [];
    if (this.settings.bigrams) {
      // A pair is new where its second word is; after a repeated word, the pairs so far are kept to tell.
      const earlier = this.sentencePairs;
      let keeping = false;
      for (let i = 0; i < n; i++) {
        const a = i ? ids[i - 1] : START;
        const b = ids[i];
        if (!firstAt[i]) {
          if (!keeping) {
            keeping = true;
            earlier.clear();
            for (let j = 0; j < i; j++) earlier.add(j ? ids[j - 1] : START, ids[j], 0);
          }
          if (!earlier.add(a, b, 0)) continue;
        } else if (keeping) earlier.add(a, b, 0);
        distinct++;
        if (a < known && b < known) {
          const k = this.pairs.get(a, b);
          if (k >= 0) pairHits.push(k);
        }
      }
    }
    const scale = distinct ? 1 / Math.sqrt(distinct) : 0;
    if (this.settings.words) {
      for (const id of wordHits) {
        const share = this.wordWeight[id] * scale;
        z += share;
        hits.names.push(this.wordName[id]);
        hits.shares.push(share);
      }
    }
    for (const k of pairHits) {
      const share = this.pairWeight[k] * scale;
      z += share;
      hits.names.push(this.pairName[k]);
      hits.shares.push(share);
    }
    return z;
  }
}
