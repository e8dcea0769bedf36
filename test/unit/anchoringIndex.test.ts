// anchorAll's whole-text exact searches go through one index of the article (GramIndex in
// src/core/anchoring/candidates.ts) once there are several: a pure speed change, so it must find
// exactly what indexOf finds, and anchorAll must place every claim exactly as without it.
import * as assert from 'assert';
import { buildScenario } from '../../bench/anchorBench';
import { seededRandom } from '../../bench/seededRandom';
import { anchorAll } from '../../src/core/anchoring/anchor';
import { GramIndex, exactStarts, gramIndexing } from '../../src/core/anchoring/candidates';

describe('whole-text exact search through the gram index (seeded)', () => {
  it('finds the occurrences indexOf finds, in order, overlapping ones too, up to the same limit, in the whole text or a window', () => {
    const rand = seededRandom(909);
    let windowsWithHits = 0;
    for (let t = 0; t < 60; t++) {
      // Small alphabets and repeated pieces: many occurrences, overlapping and at the text's ends.
      const alphabet = ['ab', 'ab ', 'abc \u201c', 'the cat sat ', 'xyz\u00e9\ud83d\ude00 '][t % 5];
      const pieces = Array.from({ length: 4 }, () => Array.from({ length: 3 + Math.floor(rand() * 12) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join(''));
      let text = '';
      const length = 50 + Math.floor(rand() * 4000);
      while (text.length < length) text += rand() < 0.5 ? pieces[Math.floor(rand() * pieces.length)] : alphabet[Math.floor(rand() * alphabet.length)];
      const index = new GramIndex(text);
      for (let k = 0; k < 40; k++) {
        const L = 1 + Math.floor(rand() * 40);
        const at = Math.floor(rand() * Math.max(1, text.length - L));
        let quote = text.slice(at, at + L);
        if (rand() < 0.2) quote = quote.slice(0, L >> 1) + 'q' + quote.slice((L >> 1) + 1); // often nowhere
        const limit = rand() < 0.5 ? 3 : 256;
        const got = index.starts(quote, limit);
        if (quote.length < 11) { assert.strictEqual(got, undefined, 'a quote too short for the index is left to indexOf'); continue; }
        assert.deepStrictEqual(got, exactStarts(text, quote, 0, text.length, limit), JSON.stringify({ t, quote, limit }));
        // Every occurrence inside a window (nearestExactStarts' growing windows), edges outside the text too.
        // (Often starting or ending right at an occurrence: the window's edges are inclusive.)
        const from = rand() < 0.3 ? at : Math.floor(rand() * (text.length + 40)) - 20;
        const to = rand() < 0.3 ? at + L : from + Math.floor(rand() * (text.length + 40));
        const inWindow = exactStarts(text, quote, from, to, Infinity);
        if (inWindow.length > 0) windowsWithHits++;
        assert.deepStrictEqual(index.startsIn(quote, from, to), inWindow, JSON.stringify({ t, quote, from, to }));
      }
    }
    assert.ok(windowsWithHits > 300, `${windowsWithHits} windows with occurrences`);
  });

  it('anchorAll places every claim of a generated article exactly as without the index', function () {
    this.timeout(120_000);
    const { sels, text } = buildScenario(() => {}, { bytes: 400_000, claims: 800, duplicates: 40 });
    const saved = { ...gramIndexing };
    try {
      gramIndexing.reads = Infinity;
      const reference = anchorAll(text, sels);
      gramIndexing.reads = 0;
      gramIndexing.length = 0;
      const indexed = anchorAll(text, sels);
      // Whole-text searches must have happened for this to say anything: claims placed far from
      // where they were predicted, or flagged, went through them.
      assert.ok(reference.filter((r) => r.state !== 'anchored' && r.state !== 'moved').length >= 10, 'the article has claims that need a whole-text search');
      for (let i = 0; i < sels.length; i++) assert.deepStrictEqual(indexed[i], reference[i], `claim ${i}: ${JSON.stringify(sels[i].quote)}`);
    } finally {
      Object.assign(gramIndexing, saved);
    }
  });
});
