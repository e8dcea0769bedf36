// Plain data types of the anchoring core. They shield the rest of Factmark from how claims are
// found (normalisation, the fuzzy matcher): callers see strings and UTF-16 offsets only.

/**
 * How a claim was found in the current text of its article.
 * - anchored: its exact words at its recorded position;
 * - moved: its exact words, elsewhere;
 * - changed: its words were edited (fuzzy match) — the claim needs a re-check;
 * - ambiguous: several places fit equally well, or the best fit is weak — never accepted silently;
 * - orphaned: not found; the claim is kept and flagged.
 */
export type AnchorState = 'anchored' | 'moved' | 'changed' | 'ambiguous' | 'orphaned';

/** What a sidecar stores about where a claim sits (see `Claim` in ../model.ts). */
export interface AnchorSelector {
  quote: string;
  /** About 32 characters of text just before and after the quote. */
  before: string;
  after: string;
  /** UTF-16 offset of the quote in the raw text when it was captured. */
  offset?: number;
  /** 1-based line of the quote when it was captured (used only when `offset` is absent). */
  line?: number;
}

export interface AnchorCandidate { start: number; end: number; score: number }

export interface AnchorResult {
  state: AnchorState;
  /** UTF-16 offsets in the raw text as given; absent when orphaned; for ambiguous, the best candidate (not accepted). */
  start?: number;
  end?: number;
  /** The article's current words at [start, end) (differs from the quote when changed). */
  text?: string;
  /** 0..1: how sure we are that [start, end) holds this claim. */
  confidence: number;
  method: 'position' | 'exact' | 'fuzzy' | 'none';
  /** The places that could not be told apart (ambiguous only), best first. */
  candidates?: AnchorCandidate[];
  /** Short human-readable why, for hovers and reports. */
  reason: string;
  /**
   * Accepted, and no other place in the whole text came close (the exact words occur once and
   * nothing else resembles them, or a single edited match): then the order of the claims around
   * it cannot make it doubtful, only decide between places when there are several.
   */
  alone?: boolean;
}
