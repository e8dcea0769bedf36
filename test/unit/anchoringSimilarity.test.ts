import * as assert from 'assert';
import fc from 'fast-check';
import { alignAfter, alignBefore, editDistance } from '../../src/core/anchoring/similarity';

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
