// Why a sentence was suggested, for people: its cues on one line, the model's strongest features
// on another (the CLI prints the same reasons as one list). Pure, so the Claims panel's tooltip
// and any hover show the same words; every piece of text from the article is escaped.
import { mdInline } from '../present/displayText';
import type { Suggestion } from './suggestClaims';

export interface SuggestionReasons {
  /** The cues, e.g. “figure: 194”, and for the heuristic its length penalty (“short: 3 words”). */
  cues: string[];
  /** The features that pushed the score up, strongest first, e.g. “since” +0.97. */
  forIt: string[];
  /** At most one that held it down, e.g. “strategic” −0.19. */
  against: string[];
}

const FEATURE = 'feature: ';

/** Sorts a suggestion's reasons into cues and the features for and against it. */
export function suggestionReasons(s: Pick<Suggestion, 'reasons' | 'features'>): SuggestionReasons {
  const cues = s.reasons.filter((r) => !r.startsWith(FEATURE));
  const shown = (label: string, w: number) => `${label} ${w >= 0 ? '+' : '−'}${Math.abs(w).toFixed(2)}`;
  const features = s.features ?? [];
  return {
    cues,
    forIt: features.filter((f) => f.weight > 0).map((f) => shown(f.label, f.weight)),
    against: features.filter((f) => f.weight < 0).map((f) => shown(f.label, f.weight)),
  };
}

/** The explanation as Markdown (untrusted text escaped): score, cues, weighed words. */
export function suggestionMarkdown(s: Pick<Suggestion, 'text' | 'score' | 'reasons' | 'features'>): string {
  const { cues, forIt, against } = suggestionReasons(s);
  const list = (xs: string[]) => xs.map((x) => mdInline(x, 80)).join(' · ');
  const lines = [`“${mdInline(s.text, 300)}”`, `**Check-worthiness ${s.score}** (0–1)`];
  lines.push(cues.length ? `**Cues:** ${list(cues)}` : '**Cues:** none');
  if (forIt.length || against.length) {
    lines.push(`**The model weighed most:** ${list(forIt) || '—'}${against.length ? ` · *against:* ${list(against)}` : ''}`);
  }
  return lines.join('\n\n');
}
