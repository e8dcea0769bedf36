// The suggestions still open in an article: check-worthy sentences that no claim covers yet
// and that the desk has not dismissed. Their count is the article's coverage gap ("N unchecked
// sentences"): sentences the scorer thinks worth checking that nobody has marked.
import { normalizeForCompare } from '../anchoring/normalize';
import { dismissedEntry } from '../sidecar/claimData';
import { suggestClaims, type Suggestion, type SuggestOptions } from './suggestClaims';

export interface OffsetRange { start: number; end: number }

/**
 * `claims`: the ranges of the article's placed claims; a sentence that overlaps any of them is
 * covered. `dismissed`: the sidecar's entries, compared without regard to whitespace runs,
 * curly vs straight quotes or CRLF.
 */
export function openSuggestions(text: string, claims: readonly OffsetRange[], dismissed: readonly string[], opts: SuggestOptions = {}): Suggestion[] {
  const gone = new Set(dismissed.map(dismissedKey));
  return suggestClaims(text, opts).filter((s) =>
    !claims.some((c) => c.start < s.end && s.start < c.end) && !gone.has(dismissedKey(s.text)));
}

function dismissedKey(sentence: string): string {
  return normalizeForCompare(dismissedEntry(sentence));
}

/** The open suggestion at `offset` (inside or at either end of its sentence), if any. */
export function suggestionAt(suggestions: readonly Suggestion[], offset: number): Suggestion | undefined {
  return suggestions.find((s) => s.start <= offset && offset <= s.end);
}
