// Template sentences: an article where many sentences share most of their words, as the 5 MB
// bench's generated article does (`npm run bench -- anchoring`). A claim's own words then have
// look-alikes everywhere, and what tells them apart is where the claims around it are found and
// whether its recorded context is there. Order decides between places; it never puts a claim on
// a pasted copy of its words while its own, edited words are still there.
import * as assert from 'assert';
import { anchor, anchorAll, captureSelector } from '../../src/core/anchoring/anchor';
import type { AnchorResult, AnchorSelector } from '../../src/core/anchoring/types';

const accepted = (r: AnchorResult) => r.state === 'anchored' || r.state === 'moved' || r.state === 'changed';

/** The selector of the one occurrence of `quote` in `text` at or after `from`. */
function markAt(text: string, quote: string, from = 0): AnchorSelector {
  const at = text.indexOf(quote, from);
  assert.ok(at >= 0, `fixture: "${quote}" not found`);
  return captureSelector(text, at, at + quote.length);
}

/** Seeded made-up sentences that resemble nothing else in the test. */
function filler(count: number, seed: number): string[] {
  let x = seed * 7919 + 17;
  const rand = (n: number) => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return (x >>> 8) % n; };
  const syl = ['ka', 'lo', 'mi', 'ren', 'tu', 'sa', 'vel', 'do', 'pri', 'nor', 'ga', 'shi', 'bel', 'an', 'tor', 'ex', 'ul', 'fen', 'cra', 'mo'];
  const word = () => Array.from({ length: 1 + rand(3) }, () => syl[rand(syl.length)]).join('');
  return Array.from({ length: count }, () => {
    const w = Array.from({ length: 8 + rand(8) }, word);
    w[0] = w[0][0].toUpperCase() + w[0].slice(1);
    return w.join(' ') + '.';
  });
}

/**
 * Paragraphs of filler, each opening with a neighbouring claim's sentence, and the claim's own
 * sentence in the middle: [neighbour 1, neighbour 2, claim, neighbour 3, neighbour 4].
 */
function article(claimSentence: string, seed: number): { paras: string[]; neighbours: string[] } {
  const f = filler(20, seed);
  const neighbours = [0, 4, 8, 12].map((k) => f[k]);
  const paras = [
    f.slice(0, 4).join(' '),
    f.slice(4, 8).join(' '),
    `${f[16]} ${claimSentence} ${f[17]}`,
    f.slice(8, 12).join(' '),
    f.slice(12, 16).join(' '),
  ];
  return { paras, neighbours };
}

function selectors(text: string, neighbours: string[], claimQuote: string, claimSentence: string): AnchorSelector[] {
  const s = neighbours.map((n) => markAt(text, n));
  return [s[0], s[1], markAt(text, claimQuote, text.indexOf(claimSentence)), s[2], s[3]];
}

const CLAIM_SENTENCE = 'The treaty replaces a long-delayed 1999 agreement that Minsk and Doha renewed 5 times.';
const QUOTE = 'that Minsk and Doha renewed';
/** A sibling of the same template: as long up to its version of the quote, so the place the claim before predicts falls on it. */
const SIBLING = 'The pipeline replaces a strategic 2001 agreement that Beijing and Doha renewed 4 times.';

describe('re-anchoring template sentences: order decides between places', () => {
  it('a sibling sentence inserted just before the claim does not make its intact words doubtful', () => {
    // The claim before predicts the sibling's "that Beijing and Doha renewed"; the claims after
    // say the text shifted by the sibling's length, and the claim's exact words, with their
    // context on both sides, are there. The sibling has other words around it.
    const { paras, neighbours } = article(CLAIM_SENTENCE, 1);
    const original = paras.join('\n\n');
    const sels = selectors(original, neighbours, QUOTE, CLAIM_SENTENCE);
    const revised = original.replace(CLAIM_SENTENCE, `${SIBLING} ${CLAIM_SENTENCE}`);
    const rs = anchorAll(revised, sels);
    const own = revised.indexOf(QUOTE);
    assert.deepStrictEqual([rs[2].state, rs[2].start, rs[2].end], ['moved', own, own + QUOTE.length], `${rs[2].state}: ${rs[2].reason}`);
    for (const k of [0, 1, 3, 4]) assert.ok(accepted(rs[k]), `neighbour ${k}: ${rs[k].state} (${rs[k].reason})`);
  });

  it('its words edited in place, with exact copies of them in other sentences outside its neighbours: changed on its own words', () => {
    // The short quote recurs in sibling sentences before and after its neighbours (out of order);
    // its own words gained a word, in place, between its intact context.
    const quote = 'the talks on the gas';
    const sentence = 'Maria Zakharova described the talks on the gas contract as strategic.';
    const { paras, neighbours } = article(sentence, 2);
    const copies = ['Dmitry Peskov described the talks on the gas pipeline as bilateral.', 'Yuri Ushakov described the talks on the gas deal as long-delayed.'];
    const original = [copies[0], ...paras, copies[1]].join('\n\n');
    const sels = selectors(original, neighbours, quote, sentence);
    const editedWords = 'the sanctions talks on the gas';
    const revised = original.replace(sentence, sentence.replace(quote, editedWords));
    const r = anchorAll(revised, sels)[2];
    const own = revised.indexOf(editedWords);
    assert.deepStrictEqual([r.state, r.start, r.end, r.text], ['changed', own, own + editedWords.length, editedWords], r.reason);
  });

  for (const shifted of [false, true]) {
    it(`its own words edited in place and an unedited copy of its sentence pasted just after them${shifted ? ', and text added before them' : ''}: never placed on the copy`, () => {
      // The claims on either side predict different places: one the claim's own (edited) words,
      // the other the pasted copy, which has the exact words and all their recorded context.
      // Trusting the prediction that lands on exact words would put the verdict on the copy.
      // (Pasted just before them, the copy would sit at the claim's recorded place in its
      // recorded context: text alone cannot tell that from a sentence added after the claim.)
      const { paras, neighbours } = article(CLAIM_SENTENCE, 3);
      const original = paras.join('\n\n');
      const sels = selectors(original, neighbours, QUOTE, CLAIM_SENTENCE);
      const editedSentence = CLAIM_SENTENCE.replace('Minsk and Doha', 'Minsk and Baku');
      // With text added before them, no neighbour predicts its own words' place any more.
      const added = shifted ? `${filler(2, 9).join(' ')} ` : '';
      const revised = original.replace(CLAIM_SENTENCE, `${added}${editedSentence} ${CLAIM_SENTENCE}`);
      const r = anchorAll(revised, sels)[2];
      const copy = revised.indexOf(QUOTE);
      const own = revised.indexOf('that Minsk and Baku renewed');
      if (accepted(r)) assert.deepStrictEqual([r.state, r.start, r.text], ['changed', own, 'that Minsk and Baku renewed'], `placed elsewhere than on its own words: ${r.state} at ${r.start} (copy at ${copy}): ${r.reason}`);
      else assert.strictEqual(r.state, 'ambiguous', r.reason);
    });
  }

  it('a quote found hundreds of times: the occurrences nearest its expected place are weighed, not the first in the text', () => {
    // 300 sentences with the quote in other context come first; the claim's own words, in their
    // context, come after them, pushed 200 characters on by text inserted earlier in its paragraph.
    const quote = 'the talks on the';
    const many = Array.from({ length: 300 }, (_, k) => `Envoy ${k} described the talks on the ${['pipeline', 'railway', 'grain deal'][k % 3]} as routine.`);
    const f = filler(4, 4);
    const sentence = 'Maria Zakharova described the talks on the gas contract as strategic.';
    const original = [many.join(' '), `${f[0]} ${sentence} ${f[1]}`, f.slice(2).join(' ')].join('\n\n');
    const sel = markAt(original, quote, original.indexOf(sentence));
    const revised = original.replace(f[0], `${f[0]} ${filler(2, 5).join(' ')}`);
    const r = anchor(revised, sel);
    const own = revised.indexOf(sentence) + sentence.indexOf(quote);
    assert.deepStrictEqual([r.state, r.start, r.end], ['moved', own, own + quote.length], `${r.state}: ${r.reason}`);
  });
});
