// "Suggest claims": scores each sentence for check-worthiness from its cues and returns those
// above a threshold, each with the reasons that put it there. The score is a plain sum of the
// weights below, so every suggestion can be explained by its reasons and nothing is learned.

import { Cue, CueKind, findCues } from './cues';
import { Sentence, splitSentences } from './sentences';

export interface Suggestion {
  start: number;
  end: number;
  text: string;
  score: number;
  /** Why the sentence scored as it did, e.g. "figure: 194", "attribution: said", "hedge: might". */
  reasons: string[];
}

export interface SuggestOptions {
  /** Minimum score for a sentence to be suggested. */
  threshold?: number;
}

/** Points a cue family adds (or, when negative, takes away). */
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

export const DEFAULT_THRESHOLD = 2;

export interface SentenceScore { score: number; reasons: string[]; cues: Cue[] }

/** The score of one sentence and the reasons for it. */
export function scoreSentence(sentence: string): SentenceScore {
  const cues = findCues(sentence);
  const counts = new Map<CueKind, number>();
  for (const c of cues) counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
  let score = 0;
  for (const [kind, n] of counts) {
    const w = CUE_WEIGHTS[kind];
    score += kind === 'entity'
      ? w * Math.min(n, MAX_ENTITIES)
      : w * Math.min(1 + REPEAT_FACTOR * (n - 1), MAX_FACTOR);
  }
  const reasons = cues.map((c) => `${c.kind}: ${c.text}`);
  const words = sentence.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  if (words < MIN_WORDS) {
    score += SHORT_PENALTY;
    reasons.push(`short: ${words} word${words === 1 ? '' : 's'}`);
  }
  return { score: Math.round(score * 100) / 100, reasons, cues };
}

/** Every sentence with its score, in document order (for review and for the bench). */
export function scoreSentences(text: string): Array<Sentence & SentenceScore> {
  return splitSentences(text).map((s) => ({ ...s, ...scoreSentence(s.text) }));
}

/** Sentences worth checking, in document order. */
export function suggestClaims(text: string, opts: SuggestOptions = {}): Suggestion[] {
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  return scoreSentences(text)
    .filter((s) => s.score >= threshold)
    .map(({ start, end, text: t, score, reasons }) => ({ start, end, text: t, score, reasons }));
}
