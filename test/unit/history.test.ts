// History-aware re-anchoring, pure: the line-then-character diff and carrying claims through it.
import * as assert from 'assert';
import fc from 'fast-check';
import { anchorAll, captureSelector } from '../../src/core/anchoring/anchor';
import { anchorWithHistory, CARRIED_REASON } from '../../src/core/history/anchorWithHistory';
import { carryThroughHistory } from '../../src/core/history/carryThroughHistory';
import { applyTextChanges, diffTexts } from '../../src/core/history/textDiff';
import { myersMatches } from '../../src/core/history/myers';
import { CLAIM_IN_NEW, NEW, OLD, OUTRO, INTRO, para, REFRAIN } from '../fixtures/twinParagraphs';

function lcsLength(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i][j] = a[i - 1] === b[j - 1] ? d[i - 1][j - 1] + 1 : Math.max(d[i - 1][j], d[i][j - 1]);
  return d[a.length][b.length];
}
const codes = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

describe('diffTexts: line-then-character diff', () => {
  it('turns the old text into the new one, for any pair of texts (with CRLF and emoji)', () => {
    fc.assert(fc.property(
      fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\r\n', '😀', 'é', 'line one\n', 'line two\n'), { maxLength: 30 }).map((x) => x.join('')),
      fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\r\n', '😀', 'é', 'line one\n', 'line two\n'), { maxLength: 30 }).map((x) => x.join('')),
      (a, b) => { assert.strictEqual(applyTextChanges(a, diffTexts(a, b)), b); },
    ), { seed: 7, numRuns: 500 });
  });

  it('lists changes from last to first, each within the old text', () => {
    const changes = diffTexts('one\ntwo\nthree\nfour\n', 'zero\none\n2\nthree\nfour!\n');
    assert.ok(changes.length >= 3);
    for (let i = 1; i < changes.length; i++) assert.ok(changes[i].offset + changes[i].removed <= changes[i - 1].offset, JSON.stringify(changes));
  });

  it('myersMatches finds a longest common subsequence (checked against dynamic programming)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 25 }), fc.string({ maxLength: 25 }), (a, b) => {
      const runs = myersMatches(codes(a), codes(b), 1000)!;
      let ai = 0, bi = 0, total = 0;
      for (const r of runs) {
        assert.ok(r.aStart >= ai && r.bStart >= bi, 'runs are in order');
        assert.strictEqual(a.slice(r.aStart, r.aStart + r.length), b.slice(r.bStart, r.bStart + r.length));
        ai = r.aStart + r.length; bi = r.bStart + r.length; total += r.length;
      }
      assert.strictEqual(total, lcsLength(a, b));
    }), { seed: 11, numRuns: 300 });
  });

  it('gives up (undefined) beyond the edit budget instead of running long', () => {
    assert.strictEqual(myersMatches(codes('abcdefgh'), codes('stuvwxyz'), 3), undefined);
    assert.ok(myersMatches(codes('abcdefgh'), codes('abXdefgh'), 3));
  });

  it('keeps a claim untouched when a word elsewhere on its line changes', () => {
    const at = OLD.indexOf(REFRAIN, OLD.indexOf('2024'));
    const next = OLD.replace(para('2024'), para('2024', 'Two councillors said the figure was wrong.'));
    const r = carryThroughHistory(OLD, next, [captureSelector(OLD, at, at + REFRAIN.length)]);
    assert.deepStrictEqual(r.outcomes, ['carried']);
    assert.strictEqual(next.slice(r.ranges[0]!.start, r.ranges[0]!.end), REFRAIN);
  });
});

describe('carrying claims through the article\'s history', () => {
  const at = OLD.indexOf(REFRAIN, OLD.indexOf('for 2024'));
  const sel = captureSelector(OLD, at, at + REFRAIN.length);
  // A paragraph inserted above, the closing paragraph moved to the top, and the words right
  // after the claim rewritten: its own context is gone, its twin's is intact.
  const right = CLAIM_IN_NEW;
  const twin = NEW.indexOf(REFRAIN, NEW.indexOf('for 2023'));

  it('quote search alone puts the claim on its twin sentence (the premise of this test)', () => {
    const [r] = anchorAll(NEW, [sel]);
    assert.notStrictEqual(r.start, right, `quote search found it anyway: ${JSON.stringify(r)}`);
    assert.ok(r.start === twin || r.state === 'ambiguous', JSON.stringify(r));
  });

  it('history finds it, reported as moved and carried through git history', () => {
    const [r] = anchorWithHistory(NEW, [sel], () => ({ text: OLD, label: 'abc1234' }));
    assert.strictEqual(r.start, right, JSON.stringify(r));
    assert.strictEqual(r.state, 'moved');
    assert.ok(r.reason.startsWith(CARRIED_REASON) && r.reason.includes('abc1234'), r.reason);
    assert.strictEqual(NEW.slice(r.start, r.end), REFRAIN);
  });

  it('follows a paragraph moved whole, and leaves a claim whose words were edited to the search', () => {
    const moved = ['# City budget', para('2024'), INTRO, para('2023'), OUTRO].join('\n\n') + '\n';
    const r = carryThroughHistory(OLD, moved, [sel]);
    assert.ok(['carried', 'moved-block'].includes(r.outcomes[0]), r.outcomes[0]);
    assert.strictEqual(r.ranges[0]!.start, moved.indexOf(REFRAIN));
    const edited = OLD.replace(para('2024'), para('2024').replace('12 percent', '14 percent'));
    const e = carryThroughHistory(OLD, edited, [sel]);
    assert.deepStrictEqual(e.outcomes, ['edited']);
    assert.strictEqual(e.ranges[0], undefined);
    assert.strictEqual(e.selectors[0].offset, at, 'the hint still points at the claim');
  });

  it('carries nothing for a claim that was not at its recorded place in the old version', () => {
    const stale = { ...sel, offset: sel.offset! + 7 };
    const r = carryThroughHistory(OLD, NEW, [stale]);
    assert.deepStrictEqual(r.outcomes, ['unknown']);
    assert.strictEqual(r.selectors[0].offset, stale.offset);
  });

  it('does not ask for history when every claim is at its recorded place', () => {
    let asked = false;
    anchorWithHistory(OLD, [sel], () => { asked = true; return undefined; });
    assert.strictEqual(asked, false);
  });

  it('works through CRLF line ends and non-Latin text with emoji', () => {
    const oldCrlf = `Введение 😀 первое.\r\n\r\n${para('2023')}\r\n\r\n${para('2024')}\r\n`;
    const a = oldCrlf.indexOf(REFRAIN, oldCrlf.indexOf('2024'));
    const s = captureSelector(oldCrlf, a, a + REFRAIN.length);
    const newCrlf = `Новый абзац 🎉.\r\n\r\n${oldCrlf.replace('Nobody on the council objected to the figure.\r\n', 'Они возразили.\r\n')}`;
    const [r] = anchorWithHistory(newCrlf, [s], () => ({ text: oldCrlf, label: 'c0ffee0' }));
    assert.strictEqual(r.start, newCrlf.indexOf(REFRAIN, newCrlf.indexOf('2024')), JSON.stringify(r));
  });
});
