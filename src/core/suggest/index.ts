// Check-worthy claim suggestions: sentence splitting, cue detection, the trained model and scoring.
export type { Sentence } from './sentences';
export { splitSentences } from './sentences';
export type { Cue, CueKind } from './cues';
export { findCues } from './cues';
export type { FeatureSettings } from './features';
export { DEFAULT_FEATURES, describeFeature, featureWords, visitFeatures } from './features';
export type { FeatureWeight, Scorer, SentenceScore } from './scorer';
export { CUE_WEIGHTS, cueSum, DEFAULT_THRESHOLD, HEURISTIC_SCORER } from './scorer';
export type { LoadedScorer, ModelFile } from './model';
export { loadScorer, MODEL_FORMAT, MODEL_PATH, MODEL_VERSION, ModelError, modelScorer, parseModel } from './model';
export type { SuggestionReasons } from './explain';
export { suggestionMarkdown, suggestionReasons } from './explain';
export type { Suggestion, SuggestOptions } from './suggestClaims';
export { scoreSentence, scoreSentences, suggestClaims } from './suggestClaims';
export type { OffsetRange } from './openSuggestions';
export { openSuggestions, suggestionAt } from './openSuggestions';
export { SuggestionStore, type SuggestionChange } from './suggestionStore';
