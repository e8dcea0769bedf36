// Pieces of anchoring rewritten for speed: each must answer exactly what the plain version it
// replaced answers (the placements of the bench's 10,000 claims are compared separately).
import * as assert from 'assert';
import { seededRandom } from '../../bench/seededRandom';
import { normalizeForCompare, normalizeText } from '../../src/core/anchoring/normalize';
import { blankLineBetween } from '../../src/core/anchoring/refine';

/** The normalisation rules written out plainly: BOMs and the CR of a CRLF dropped, then one character for one. */
function plainNormalized(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\uFEFF' || (c === '\r' && s[i + 1] === '\n')) continue;
    if ('\u2018\u2019\u201a\u201b\u2032'.includes(c)) out += "'";
    else if ('\u201c\u201d\u201e\u201f\u2033'.includes(c)) out += '"';
    else if (c === '\r') out += '\n';
    else if ('\u00a0\u2007\u202f'.includes(c)) out += ' ';
    else out += c;
  }
  return out;
}

describe("anchoring's fast paths answer what the plain code answers (seeded)", () => {
  it('blankLineBetween answers what /\\n[ \\t]*\\n/ answers on the slice, at any window', () => {
    const rand = seededRandom(4242);
    const units = ['\n', '\n', '\n', ' ', '\t', 'a', '\r', '\u00a0'];
    let blank = 0, notBlank = 0;
    for (let t = 0; t < 20_000; t++) {
      const length = Math.floor(rand() * 16);
      let text = '';
      for (let k = 0; k < length; k++) text += units[Math.floor(rand() * units.length)];
      const from = Math.floor(rand() * (length + 1));
      const to = from + Math.floor(rand() * (length - from + 1));
      const expected = /\n[ \t]*\n/.test(text.slice(from, to));
      if (expected) blank++; else notBlank++;
      assert.strictEqual(blankLineBetween(text, from, to), expected, JSON.stringify({ text, from, to }));
    }
    // Both answers must have been asked for often enough to say something.
    assert.ok(blank > 2000 && notBlank > 2000, `${blank} blank, ${notBlank} not`);
  });

  it('normalizeForCompare gives the plain rules\' result and normalizeText\'s, with each special character alone or mixed', () => {
    const rand = seededRandom(777);
    const special = ['\r', '\n', '\uFEFF', '\u00a0', '\u2007', '\u202f', '\u2018', '\u2019', '\u201a', '\u201b', '\u201c', '\u201d', '\u201e', '\u201f', '\u2032', '\u2033'];
    const cases = special.flatMap((c) => [c, `a${c}b`, `${c}${c}`]);
    for (let t = 0; t < 3000; t++) {
      const length = Math.floor(rand() * 10);
      let s = '';
      for (let k = 0; k < length; k++) s += rand() < 0.3 ? special[Math.floor(rand() * special.length)] : 'ab \u00e9\ud83d\ude00'[Math.floor(rand() * 6)];
      cases.push(s);
    }
    let changed = 0;
    for (const s of cases) {
      const expected = plainNormalized(s);
      if (expected !== s) changed++;
      assert.strictEqual(normalizeForCompare(s), expected, JSON.stringify(s));
      assert.strictEqual(normalizeText(s).text, expected, JSON.stringify(s));
    }
    assert.ok(changed > 1000, `${changed} strings changed`);
  });
});
