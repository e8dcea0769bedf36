// Line tables: lineStarts finds the starts of a text without CR by native searches and walks any
// other text character by character; on every text it must give the table of the plain rule
// (CRLF, LF and a lone CR each end a line), and LineIndex must place every offset on it.
import * as assert from 'assert';
import fc from 'fast-check';
import { lineOf, lineStarts } from '../../src/core/anchoring/lines';
import { LineIndex } from '../../src/core/lineIndex';

/** The rule written out plainly: a line starts at 0 and after every LF, and after a CR not followed by LF. */
function referenceStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) out.push(i + 1);
  }
  return out;
}

describe('line tables', () => {
  it('lineStarts is the plain rule\'s table and LineIndex places every offset on it, with LF, CRLF, lone CR or none', () => {
    const text = fc.array(fc.constantFrom('a', 'bc', ' ', '\n', '\n\n', '\r', '\r\n', '“', '\u2028', '\ud83c\udf0d'), { maxLength: 40 }).map((p) => p.join(''));
    let withoutCr = 0;
    fc.assert(fc.property(text, (t) => {
      if (!t.includes('\r')) withoutCr++;
      const expected = referenceStarts(t);
      assert.deepStrictEqual(Array.from(lineStarts(t)), expected, JSON.stringify(t));
      const index = new LineIndex(t);
      for (let offset = 0; offset <= t.length; offset++) {
        let line = 1;
        while (line < expected.length && expected[line] <= offset) line++;
        assert.strictEqual(lineOf(lineStarts(t), offset), line);
        assert.deepStrictEqual(index.position(offset), { line, column: offset - expected[line - 1] + 1 }, `${JSON.stringify(t)} at ${offset}`);
      }
    }), { seed: 2026_12_02, numRuns: 3000 });
    assert.ok(withoutCr > 300, `${withoutCr} texts without CR`);
  });

  it('counts a line after a final line break, and one line in an empty text', () => {
    assert.deepStrictEqual(Array.from(lineStarts('a\nb\n')), [0, 2, 4]);
    assert.deepStrictEqual(new LineIndex('a\nb\n').position(4), { line: 3, column: 1 });
    assert.deepStrictEqual(new LineIndex('').position(0), { line: 1, column: 1 });
  });
});
