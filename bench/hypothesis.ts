// A port of how the Hypothesis client re-anchors a text annotation, for comparison in the benches
// (hypothesis/client, src/annotator/anchoring/html.ts and match-quote.ts): the position selector
// first (the text at the recorded offset still reads as the quote), then matchQuote — every
// exact occurrence, or else the lowest-error approximate matches of the quote (up to half its
// length in errors), ranked by 50·quote + 20·prefix + 20·suffix + 2·position similarity. The best
// match is taken whatever its score: Hypothesis never flags a place as doubtful.
import approxSearch from 'approx-string-match';
import type { AnchorSelector, AnchorState } from '../src/core/anchoring/types';

export interface HypothesisResult { state: AnchorState; start?: number; end?: number }

interface Match { start: number; end: number; errors: number }

function search(text: string, str: string, maxErrors: number, exactFirst: boolean): Match[] {
  if (exactFirst) {
    const exact: Match[] = [];
    for (let p = text.indexOf(str); p !== -1; p = text.indexOf(str, p + 1)) exact.push({ start: p, end: p + str.length, errors: 0 });
    if (exact.length) return exact;
  }
  return approxSearch(text, str, maxErrors);
}

function textMatchScore(text: string, str: string): number {
  if (str.length === 0 || text.length === 0) return 0;
  const m = search(text, str, str.length, true)[0];
  return m ? 1 - m.errors / str.length : 0;
}

/**
 * matchQuote as shipped (`exactFirst`: indexOf before the approximate search) or with the
 * approximate search alone. Offsets are those of `text` as given.
 */
export function matchQuote(text: string, sel: AnchorSelector, exactFirst = true): HypothesisResult {
  const quote = sel.quote;
  if (quote.length === 0) return { state: 'orphaned' };
  const matches = search(text, quote, Math.min(256, quote.length / 2), exactFirst);
  if (matches.length === 0) return { state: 'orphaned' };
  let best = { start: 0, end: 0, score: -1 };
  for (const m of matches) {
    const prefix = sel.before ? textMatchScore(text.slice(Math.max(0, m.start - sel.before.length), m.start), sel.before) : 1;
    const suffix = sel.after ? textMatchScore(text.slice(m.end, m.end + sel.after.length), sel.after) : 1;
    const pos = sel.offset === undefined ? 1 : 1 - Math.abs(m.start - sel.offset) / text.length;
    const score = (50 * (1 - m.errors / quote.length) + 20 * prefix + 20 * suffix + 2 * pos) / 92;
    if (score > best.score) best = { start: m.start, end: m.end, score };
  }
  return { state: best.start === sel.offset ? 'anchored' : 'moved', start: best.start, end: best.end };
}

/** The whole Hypothesis anchoring of one quote: the position selector, then matchQuote with the position as hint. */
export function hypothesisAnchor(text: string, sel: AnchorSelector): HypothesisResult {
  const at = sel.offset;
  if (at !== undefined && text.slice(at, at + sel.quote.length) === sel.quote) return { state: 'anchored', start: at, end: at + sel.quote.length };
  return matchQuote(text, sel, true);
}
