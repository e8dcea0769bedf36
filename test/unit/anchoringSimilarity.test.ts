import * as assert from 'assert';
import fc from 'fast-check';
import { bestEnd } from '../../src/core/anchoring/fuzzy';
import { alignAfter, alignBefore, alignEnd, editDistance } from '../../src/core/anchoring/similarity';
import { seededRandom } from '../../bench/seededRandom';

// Context scoring uses a bit-parallel matcher for contexts up to 32 characters; this checks it
// against a brute-force minimum over every substring of the same search window.
function bruteBest(pattern: string, text: string, lo: number, hi: number): number {
  let best = pattern.length;
  for (let i = lo; i <= hi; i++) for (let j = i; j <= hi; j++) best = Math.min(best, editDistance(pattern, text.slice(i, j)));
  return best;
}

describe('context alignment (seeded)', () => {
  const str = (max: number) => fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', '\u00e9', '\ud83d\ude00'), maxLength: max });

  it('alignBefore/alignAfter scores equal 1 - (best edit distance near the boundary) / length', () => {
    fc.assert(
      fc.property(str(12).filter((s) => s.length > 0 && s.length <= 32), str(30), fc.nat(), (ctx, text, at) => {
        const pos = at % (text.length + 1);
        const b = alignBefore(text, pos, ctx);
        const a = alignAfter(text, pos, ctx);
        const eb = text.startsWith(ctx, pos - ctx.length) ? 0 : bruteBest(ctx, text, Math.max(0, pos - ctx.length - 8), Math.min(text.length, pos + 8));
        const ea = text.startsWith(ctx, pos) ? 0 : bruteBest(ctx, text, Math.max(0, pos - 8), Math.min(text.length, pos + ctx.length + 8));
        assert.ok(Math.abs(b.score - (1 - eb / ctx.length)) < 1e-9, `before ${b.score} vs ${1 - eb / ctx.length}`);
        assert.ok(Math.abs(a.score - (1 - ea / ctx.length)) < 1e-9, `after ${a.score} vs ${1 - ea / ctx.length}`);
      }),
      { seed: 31, numRuns: 400 },
    );
  });

  it('contexts of 33 to 64 characters are aligned exactly as the block matcher (bestEnd) aligns them: distance and end, both directions', () => {
    const rand = seededRandom(6464);
    const alphabet = ['a', 'b', 'c', ' ', '\u00e9', 'x'];
    const str = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    let differentEnds = 0;
    for (let t = 0; t < 4000; t++) {
      const m = 33 + Math.floor(rand() * 32);
      const pattern = str(m);
      // The text holds the pattern edited (or not at all), so that distances span the whole range.
      let hay = str(Math.floor(rand() * 40));
      if (rand() < 0.7) {
        let copy = pattern;
        for (let e = Math.floor(rand() * 12); e > 0; e--) {
          const at = Math.floor(rand() * copy.length);
          copy = rand() < 0.5 ? copy.slice(0, at) + str(1) + copy.slice(at + 1) : rand() < 0.5 ? copy.slice(0, at) + copy.slice(at + 1) : copy.slice(0, at) + str(1) + copy.slice(at);
        }
        hay += copy;
      }
      hay += str(Math.floor(rand() * 40));
      const from = Math.floor(rand() * 10);
      const to = Math.max(from, hay.length - Math.floor(rand() * 10));
      const backwards = rand() < 0.5;
      const ideal = Math.floor(rand() * (to - from + 1));
      const got = alignEnd(pattern, hay, from, to, backwards, ideal);
      const want = bestEnd(pattern, hay, from, to, backwards, ideal);
      assert.deepStrictEqual(got, want, JSON.stringify({ pattern, hay, from, to, backwards, ideal }));
      if (want.at !== ideal) differentEnds++;
    }
    // Ties and ends away from the ideal one must have been exercised, not only perfect matches.
    assert.ok(differentEnds > 1000, `${differentEnds} ends away from the ideal one`);
  });

  it('an intact context scores 1 and aligns exactly at the boundary', () => {
    const text = 'The treaty was signed in Moscow on Friday.';
    const at = text.indexOf('signed');
    assert.deepStrictEqual(alignBefore(text, at, 'treaty was '), { score: 1, at });
    assert.deepStrictEqual(alignAfter(text, at + 6, ' in Moscow'), { score: 1, at: at + 6 });
  });

  it('a word edited next to the quote lowers the score a little, not to zero', () => {
    const text = 'The pact was signed in Moscow on Friday.';
    const at = text.indexOf('signed');
    const s = alignBefore(text, at, 'treaty was ').score;
    assert.ok(s > 0.4 && s < 1, String(s));
  });
});
