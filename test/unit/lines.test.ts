// Line numbers as VS Code counts them (CRLF, LF and a lone CR each end a line): the count that
// runs on every status change (lineNumberAt) against the line-start table the anchoring uses.
import * as assert from 'assert';
import { lineNumberAt, lineOf, lineStarts } from '../../src/core/anchoring/lines';
import { captureSelector } from '../../src/core/anchoring/anchor';
import { seededRandom } from '../../bench/seededRandom';

describe('line numbers', () => {
  it('counts LF, CRLF and a lone CR as one line end each (an offset inside a CRLF is past its CR, as in the text cut there)', () => {
    const text = 'a\nb\r\nc\rd';
    assert.deepStrictEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map((o) => lineNumberAt(text, o)), [1, 1, 2, 2, 3, 3, 3, 4, 4]);
  });

  it('is the line the line-start table gives for the text before the offset, on random text', () => {
    const rand = seededRandom(41);
    const alphabet = ['a', 'b', ' ', '\n', '\r', '\r\n'];
    for (let n = 0; n < 300; n++) {
      let text = '';
      const length = Math.floor(rand() * 60);
      while (text.length < length) text += alphabet[Math.floor(rand() * alphabet.length)];
      for (let offset = 0; offset <= text.length; offset++) {
        const expected = lineOf(lineStarts(text.slice(0, offset)), offset);
        assert.strictEqual(lineNumberAt(text, offset), expected, `${JSON.stringify(text)} at ${offset}`);
      }
    }
  });

  it('gives a captured claim the line it starts on', () => {
    const text = 'Title\r\n\r\nThe council approved a budget.\nIt rose 6 per cent.';
    const at = text.indexOf('rose');
    assert.strictEqual(captureSelector(text, at, at + 4).line, 4);
  });
});
