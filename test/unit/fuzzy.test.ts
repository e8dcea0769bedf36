// The approximate matcher (src/core/anchoring/fuzzy.ts) against approx-string-match, the
// matcher Hypothesis uses and ours used to call: on random texts, patterns and windows, both
// report the same merged matches (same starts, ends and error counts). Ours finds the start of
// a match only for the matches it keeps, which is what makes it faster, so this is what must hold.
import * as assert from 'assert';
import approxSearch from 'approx-string-match';
import { bestEnd, fuzzySearch, levenshtein, type FuzzyMatch } from '../../src/core/anchoring/fuzzy';
import { seededRandom } from '../../bench/seededRandom';

/**
 * approx-string-match's matches, merged as fuzzySearch merges them: in text order, a match that
 * overlaps the last one kept is dropped. (When fuzzySearch called it, it compared the start of a
 * match in the window with the end of the last one in the text, so that beyond the start of the
 * text it kept only the first match: fixed here and there.)
 */
function reference(text: string, pattern: string, maxErrors: number, from = 0, to = text.length): FuzzyMatch[] {
  from = Math.max(0, from);
  to = Math.min(text.length, to);
  if (pattern.length === 0 || to <= from) return [];
  const found = approxSearch(text.slice(from, to), pattern, Math.max(0, Math.floor(maxErrors)));
  found.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: FuzzyMatch[] = [];
  for (const m of found) {
    const last = out[out.length - 1];
    if (last && m.start + from < last.end) continue;
    out.push({ start: m.start + from, end: m.end + from, errors: m.errors });
  }
  return out;
}

/** The best end of `pattern` in hay[from, to), by dynamic programming cell by cell (as alignEnd computed it for long context). */
function bestEndByCells(pattern: string, hay: string, from: number, to: number, backwards: boolean, ideal: number): { dist: number; at: number } {
  const m = pattern.length;
  const cols = to - from + 1;
  let prev = new Int32Array(cols); // a match may start anywhere
  let cur = new Int32Array(cols);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    const c = pattern.charCodeAt(backwards ? m - i : i - 1);
    for (let j = 1; j < cols; j++) {
      const h = hay.charCodeAt(backwards ? to - j : from + j - 1);
      cur[j] = Math.min(prev[j - 1] + (c === h ? 0 : 1), prev[j] + 1, cur[j - 1] + 1);
    }
    [prev, cur] = [cur, prev];
  }
  let dist = Infinity;
  let at = ideal;
  for (let j = 0; j < cols; j++) {
    if (prev[j] < dist || (prev[j] === dist && Math.abs(j - ideal) < Math.abs(at - ideal))) { dist = prev[j]; at = j; }
  }
  return { dist, at };
}

describe('fuzzySearch', () => {
  it('finds what approx-string-match finds, merged, on 3,000 random texts, patterns and windows', () => {
    const rand = seededRandom(9);
    const alphabets = ['ab', 'abc ', 'the cat sat on a mat, ', 'aé€😀 b', 'abcdefghijklmnopqrstuvwxyz  ,.'];
    let withMatches = 0, multiBlock = 0, singleBlock = 0, twoBlocks = 0;
    for (let t = 0; t < 3000; t++) {
      const abc = alphabets[t % alphabets.length];
      const pick = () => abc[Math.floor(rand() * abc.length)];
      const n = 1 + Math.floor(rand() * 500);
      let text = '';
      for (let i = 0; i < n; i++) text += pick();
      // Half the patterns are pieces of the text with a few edits (real matches), half random.
      const L = 1 + Math.floor(rand() * 150);
      let pattern = '';
      if (rand() < 0.5 && n > 2) {
        const at = Math.floor(rand() * n);
        pattern = text.slice(at, at + L);
        for (let e = Math.floor(rand() * 6); e > 0 && pattern.length > 1; e--) {
          const i = Math.floor(rand() * pattern.length);
          const r = rand();
          pattern = r < 0.33 ? pattern.slice(0, i) + pick() + pattern.slice(i + 1) : r < 0.66 ? pattern.slice(0, i) + pattern.slice(i + 1) : pattern.slice(0, i) + pick() + pattern.slice(i);
        }
      } else {
        for (let i = 0; i < L; i++) pattern += pick();
      }
      const k = Math.floor(rand() * Math.min(70, pattern.length + 2));
      const from = rand() < 0.5 ? 0 : Math.floor(rand() * n);
      const to = rand() < 0.5 ? n : from + Math.floor(rand() * (n - from + 5));
      const want = reference(text, pattern, k, from, to);
      const got = fuzzySearch(text, pattern, k, from, to);
      assert.deepStrictEqual(got, want, JSON.stringify({ text, pattern, k, from, to }));
      if (want.length > 0) withMatches++;
      if (pattern.length > 32 && want.length > 0) multiBlock++;
      if (pattern.length <= 32 && want.length > 0) singleBlock++;
      if (pattern.length > 32 && pattern.length <= 64 && want.length > 0) twoBlocks++;
    }
    // The cases exercise what matters: many with matches, many with patterns of several blocks,
    // many of one block and of two (each scanned by a loop of its own).
    assert.ok(withMatches > 1000 && multiBlock > 300 && singleBlock > 300 && twoBlocks > 150, `${withMatches} with matches, ${multiBlock} of them multi-block (${twoBlocks} of two blocks), ${singleBlock} single-block`);
  });

  it('an edited quote in an article: the same single match, where search() puts it', () => {
    const text = 'The treaty, signed in Moscow on Friday, will remain in force for twenty years, officials said.';
    const quote = 'will remain effective for 20 years';
    const got = fuzzySearch(text, quote, 17);
    assert.deepStrictEqual(got, reference(text, quote, 17));
    assert.strictEqual(got.length, 1);
    assert.ok(text.slice(got[0].start, got[0].end).includes('remain in force for twenty'), JSON.stringify(got));
  });

  it('bestEnd (context longer than 32 characters) finds the distance and end that the cell-by-cell alignment finds', () => {
    const rand = seededRandom(17);
    const abc = 'the cat sat on a mat, é😀';
    for (let t = 0; t < 2000; t++) {
      const pick = () => abc[Math.floor(rand() * abc.length)];
      const m = 33 + Math.floor(rand() * 80);
      let pattern = '';
      for (let i = 0; i < m; i++) pattern += pick();
      // Text around a copy of the pattern with a few edits, as context sits around a candidate.
      let hay = '';
      for (let i = Math.floor(rand() * 20); i > 0; i--) hay += pick();
      for (const ch of pattern) { const r = rand(); hay += r < 0.05 ? pick() : r < 0.08 ? '' : r < 0.1 ? ch + pick() : ch; }
      for (let i = Math.floor(rand() * 20); i > 0; i--) hay += pick();
      const from = Math.floor(rand() * 10);
      const to = Math.max(from, hay.length - Math.floor(rand() * 10));
      const backwards = rand() < 0.5;
      const ideal = Math.floor(rand() * (to - from + 1));
      assert.deepStrictEqual(bestEnd(pattern, hay, from, to, backwards, ideal), bestEndByCells(pattern, hay, from, to, backwards, ideal), JSON.stringify({ pattern, hay, from, to, backwards, ideal }));
    }
  });

  it('levenshtein (bit-parallel, any number of blocks) finds the distance the cell-by-cell table finds', () => {
    const rand = seededRandom(23);
    const alphabets = ['ab', 'the cat sat on a mat, ', 'aé€😀 b'];
    let multiBlock = 0;
    for (let t = 0; t < 3000; t++) {
      const abc = alphabets[t % alphabets.length];
      const pick = () => abc[Math.floor(rand() * abc.length)];
      const m = Math.floor(rand() * 140);
      let a = '';
      for (let i = 0; i < m; i++) a += pick();
      // Half the time an edited copy (the common case: a quote against its edited words), else random.
      let b = '';
      if (rand() < 0.5) for (const ch of a) { const r = rand(); b += r < 0.1 ? pick() : r < 0.15 ? '' : r < 0.2 ? ch + pick() : ch; }
      else for (let i = Math.floor(rand() * 140); i > 0; i--) b += pick();
      const pad = Math.floor(rand() * 5);
      const text = 'x'.repeat(pad) + b + 'y'.repeat(Math.floor(rand() * 5));
      assert.strictEqual(levenshtein(a, text, pad, pad + b.length), distanceByCells(a, b), JSON.stringify({ a, b }));
      if (a.length > 64) multiBlock++;
    }
    assert.ok(multiBlock > 500, `${multiBlock} patterns of three blocks or more`);
  });

  it('no pattern, an empty window or a window outside the text: no match', () => {
    assert.deepStrictEqual(fuzzySearch('abc', '', 1), []);
    assert.deepStrictEqual(fuzzySearch('abc', 'b', 0, 2, 2), []);
    assert.deepStrictEqual(fuzzySearch('abc', 'b', 0, 5, 9), []);
  });
});

/** Levenshtein distance, cell by cell. */
function distanceByCells(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return prev[b.length];
}
