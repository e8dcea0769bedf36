// "Suggest claims": scores each sentence for check-worthiness (scorer.ts: the trained model, or
// the cue heuristic when the model is not loaded) and returns those at or above a threshold,
// each with the reasons that put it there — its cues and its strongest features.

import { type Sentence, splitSentences } from './sentences';
import { type FeatureWeight, HEURISTIC_SCORER, type Scorer, type SentenceScore } from './scorer';

export interface Suggestion {
  start: number;
  end: number;
  text: string;
  /** 0–1 (see SentenceScore.score). */
  score: number;
  /** Why the sentence scored as it did, e.g. "figure: 194", "attribution: said", "feature: “voted for” +0.41". */
  reasons: string[];
  /** The strongest features behind the score (empty with the heuristic; absent in suggestions made elsewhere). */
  features?: FeatureWeight[];
}

export interface SuggestOptions {
  /** Minimum score (0–1) for a sentence to be suggested; the scorer's own threshold by default. */
  threshold?: number;
  /** The trained model's scorer (model.ts); the plain cue heuristic by default. */
  scorer?: Scorer;
}

/** The score of one sentence and the reasons for it. */
export function scoreSentence(sentence: string, scorer: Scorer = HEURISTIC_SCORER): SentenceScore {
  return scorer.score(sentence);
}

/** Every sentence with its score, in document order (for review and for the bench). */
export function scoreSentences(text: string, scorer: Scorer = HEURISTIC_SCORER): Array<Sentence & SentenceScore> {
  return splitSentences(text).map((s) => ({ ...s, ...scorer.score(s.text) }));
}

/** Sentences worth checking, in document order. */
export function suggestClaims(text: string, opts: SuggestOptions = {}): Suggestion[] {
  const scorer = opts.scorer ?? HEURISTIC_SCORER;
  const threshold = opts.threshold ?? scorer.threshold;
  return scoreSentences(text, scorer)
    .filter((s) => s.score >= threshold)
    .map(({ start, end, text: t, score, reasons, features }) => ({ start, end, text: t, score, reasons, features }));
}
