// The only module that imports the approximate matcher (Myers' bit-parallel algorithm), so it can
// be swapped or patched in one place. Callers pass a window: the cost is O(window × errors / 32),
// so searching a whole 5 MB article for every claim is exactly what we must not do.
import approxSearch from 'approx-string-match';

export interface FuzzyMatch { start: number; end: number; errors: number }

/**
 * Lowest-error matches of `pattern` inside text[from, to), offsets in `text`.
 * Matches that overlap (the matcher reports one per end position) are merged, keeping the first.
 */
export function fuzzySearch(text: string, pattern: string, maxErrors: number, from = 0, to = text.length): FuzzyMatch[] {
  from = Math.max(0, from);
  to = Math.min(text.length, to);
  if (pattern.length === 0 || to <= from) return [];
  const found = approxSearch(text.slice(from, to), pattern, Math.max(0, Math.floor(maxErrors)));
  found.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: FuzzyMatch[] = [];
  for (const m of found) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) continue;
    out.push({ start: m.start + from, end: m.end + from, errors: m.errors });
  }
  return out;
}
