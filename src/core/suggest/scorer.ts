// How sure Factmark is that a sentence is worth checking: a score from 0 to 1 and the reasons
// for it. Two scorers give it: the trained model (model.ts), shipped as a data file and loaded
// at run time, and the plain cue heuristic below, used when the model cannot be loaded. Both
// speak the same 0–1 scale, so `factmark.suggestions.threshold` means the same with either.

import { type Cue, type CueKind, findCues } from './cues';

/** One feature's share of a sentence's score (log-odds), for explanations. */
export interface FeatureWeight {
  /** The feature's name in the model file, e.g. `b:voted|for`. */
  readonly feature: string;
  /** How it reads to a person: “voted for”. */
  readonly label: string;
  /** What it added to the sentence's log-odds (negative: took away). */
  readonly weight: number;
}

export interface SentenceScore {
  /** 0–1: the estimated chance that a fact-checker would call the sentence check-worthy. */
  score: number;
  /** Why, for people: the cues (“figure: 194”), then the strongest features (“feature: “voted for” +0.41”). */
  reasons: string[];
  cues: Cue[];
  /** The strongest features, strongest first (empty for the heuristic). */
  features: FeatureWeight[];
}

export interface Scorer {
  /** `model`: the trained weights; `heuristic`: the cue weights below (the fallback). */
  readonly kind: 'model' | 'heuristic';
  /** The score from which a sentence is suggested unless the user sets another. */
  readonly threshold: number;
  /** One line for people: what this scorer is. */
  readonly description: string;
  score(sentence: string): SentenceScore;
}

/**
 * The default of `factmark.suggestions.threshold` (package.json): the threshold chosen for
 * the shipped model on the development sets. A test keeps the three in step.
 */
export const DEFAULT_THRESHOLD = 0.4;

/** Points a cue family adds to the heuristic's sum (or, when negative, takes away). */
export const CUE_WEIGHTS: Readonly<Record<CueKind, number>> = {
  figure: 2,
  date: 2,
  duration: 2,
  quotation: 1,
  attribution: 1.5,
  comparison: 1.5,
  entity: 0.5,
  opinion: -1.5,
  hedge: -1,
  question: -2,
  imperative: -3,
};

/** Repeats of a family add a quarter of its weight each, up to this many times its weight. */
const REPEAT_FACTOR = 0.25;
const MAX_FACTOR = 1.5;
/** Names add their weight each, up to this many. */
const MAX_ENTITIES = 3;
/** Fewer words than this cannot state much. */
const MIN_WORDS = 4;
const SHORT_PENALTY = -1;
/** The cue sum at which the heuristic has always suggested a sentence. */
const HEURISTIC_CUT = 2;

/** The heuristic's cue sum (the scale it had before the model: 2 and up was suggested). */
export function cueSum(sentence: string, cues: readonly Cue[] = findCues(sentence)): { sum: number; reasons: string[] } {
  const counts = new Map<CueKind, number>();
  for (const c of cues) counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
  let sum = 0;
  for (const [kind, n] of counts) {
    const w = CUE_WEIGHTS[kind];
    sum += kind === 'entity'
      ? w * Math.min(n, MAX_ENTITIES)
      : w * Math.min(1 + REPEAT_FACTOR * (n - 1), MAX_FACTOR);
  }
  const reasons = cues.map((c) => `${c.kind}: ${c.text}`);
  const words = sentence.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  if (words < MIN_WORDS) {
    sum += SHORT_PENALTY;
    reasons.push(`short: ${words} word${words === 1 ? '' : 's'}`);
  }
  return { sum, reasons };
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
const logit = (p: number): number => Math.log(p / (1 - p));
/** Scores are shown and compared with two decimals. */
export const roundScore = (p: number): number => Math.round(p * 100) / 100;

/**
 * The plain cue heuristic on the 0–1 scale: the cue sum through a logistic curve placed so that
 * the sum it always suggested from (2) lands on the default threshold. With the default
 * setting it suggests exactly what it did before the model.
 */
export const HEURISTIC_SCORER: Scorer = {
  kind: 'heuristic',
  threshold: DEFAULT_THRESHOLD,
  description: 'the plain cue heuristic (figures, dates, quotations, attributions, comparisons; opinion and hedging count against)',
  score(sentence) {
    const cues = findCues(sentence);
    const { sum, reasons } = cueSum(sentence, cues);
    return { score: roundScore(sigmoid(sum - HEURISTIC_CUT + logit(DEFAULT_THRESHOLD))), reasons, cues, features: [] };
  },
};
