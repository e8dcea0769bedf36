// Check-worthy claim suggestions: sentence splitting, cue detection and scoring.
export type { Sentence } from './sentences';
export { splitSentences } from './sentences';
export type { Cue, CueKind } from './cues';
export { findCues } from './cues';
export type { Suggestion, SuggestOptions, SentenceScore } from './suggestClaims';
export { CUE_WEIGHTS, DEFAULT_THRESHOLD, scoreSentence, scoreSentences, suggestClaims } from './suggestClaims';
export type { OffsetRange } from './openSuggestions';
export { openSuggestions, suggestionAt } from './openSuggestions';
export { SuggestionStore, type SuggestionChange } from './suggestionStore';
