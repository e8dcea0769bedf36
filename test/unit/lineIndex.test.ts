// LineIndex finds the line starts of a text without CR by native searches and leaves any other
// text to anchoring's lineStarts: on every text it must place every offset on the line and
// column that anchoring's table gives.
import * as assert from 'assert';
import fc from 'fast-check';
import { lineOf, lineStarts } from '../../src/core/anchoring/lines';
import { LineIndex } from '../../src/core/lineIndex';

describe('LineIndex', () => {
  it('places every offset where anchoring\'s line table does, with LF, CRLF, lone CR or none', () => {
    const text = fc.array(fc.constantFrom('a', 'bc', ' ', '\n', '\n\n', '\r', '\r\n', '“', '\u2028', '\ud83c\udf0d'), { maxLength: 40 }).map((p) => p.join(''));
    let withoutCr = 0;
    fc.assert(fc.property(text, (t) => {
      if (!t.includes('\r')) withoutCr++;
      const index = new LineIndex(t);
      const starts = lineStarts(t);
      for (let offset = 0; offset <= t.length; offset++) {
        const line = lineOf(starts, offset);
        assert.deepStrictEqual(index.position(offset), { line, column: offset - starts[line - 1] + 1 }, `${JSON.stringify(t)} at ${offset}`);
      }
    }), { seed: 2026_12_02, numRuns: 3000 });
    assert.ok(withoutCr > 300, `${withoutCr} texts without CR`);
  });

  it('counts a line after a final line break, and one line in an empty text', () => {
    assert.deepStrictEqual(new LineIndex('a\nb\n').position(4), { line: 3, column: 1 });
    assert.deepStrictEqual(new LineIndex('').position(0), { line: 1, column: 1 });
  });
});
