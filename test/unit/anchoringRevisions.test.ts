// The classes of failure issue 9 found on real revisions, each on a small hand-made article
// (the real texts stay in ../shared and are scored by `npm run bench -- revisions`):
// 1. ranges that cut words at an edited edge; 2. moved and edited paragraphs; 3. a lone
// candidate flagged for its context or order; 4. edited words in place rejected as too weak.
// And the protections that keep the Hypothesis method's wrong answers out: a deleted passage is
// orphaned rather than moved to a look-alike, and a copy in a new summary does not take the claim.
import * as assert from 'assert';
import { anchor, anchorAll, captureSelector } from '../../src/core/anchoring/anchor';
import type { AnchorResult, AnchorSelector } from '../../src/core/anchoring/types';

function mark(text: string, quote: string): AnchorSelector {
  const at = text.indexOf(quote);
  assert.ok(at >= 0 && text.indexOf(quote, at + 1) < 0, `fixture: "${quote}" must occur once`);
  return captureSelector(text, at, at + quote.length);
}

const isWord = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** The placed range starts and ends on word boundaries. */
function onBoundaries(text: string, r: AnchorResult): void {
  assert.ok(r.start !== undefined && r.end !== undefined, `no range: ${r.state} (${r.reason})`);
  assert.ok(!(isWord(text[r.start - 1]) && isWord(text[r.start])), `starts inside a word: "${text.slice(r.start - 5, r.start)}|${text.slice(r.start, r.start + 10)}"`);
  assert.ok(!(isWord(text[r.end - 1]) && isWord(text[r.end])), `ends inside a word: "${text.slice(r.end - 10, r.end)}|${text.slice(r.end, r.end + 5)}"`);
}

function placedOn(text: string, r: AnchorResult, words: string, state?: AnchorResult['state']): void {
  if (state) assert.strictEqual(r.state, state, `${r.state}: ${r.reason} ("${r.text}")`);
  assert.ok(r.state === 'anchored' || r.state === 'moved' || r.state === 'changed', `not placed: ${r.state} (${r.reason})`);
  assert.strictEqual(text.slice(r.start, r.end), words, r.reason);
  assert.strictEqual(r.text, words);
}

/**
 * Filler paragraphs of made-up words (seeded, so the same every run): no sentence resembles
 * another, so a test's claims have no look-alikes but the ones it puts there.
 */
function filler(count: number, seed: number): string[] {
  let x = seed * 7919 + 17;
  const rand = (n: number) => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return (x >>> 8) % n; };
  const syl = ['ka', 'lo', 'mi', 'ren', 'tu', 'sa', 'vel', 'do', 'pri', 'nor', 'ga', 'shi', 'bel', 'an', 'tor', 'ex', 'ul', 'fen', 'cra', 'mo'];
  const word = () => Array.from({ length: 1 + rand(3) }, () => syl[rand(syl.length)]).join('');
  const sentence = () => {
    const w = Array.from({ length: 8 + rand(8) }, word);
    w[0] = w[0][0].toUpperCase() + w[0].slice(1);
    return w.join(' ') + '.';
  };
  return Array.from({ length: count }, () => Array.from({ length: 4 }, sentence).join(' '));
}

/** The first sentence of a paragraph: a neighbouring claim. */
const first = (p: string) => p.slice(0, p.indexOf('.') + 1);

describe('re-anchoring on revisions: ranges on word boundaries (class 1)', () => {
  const claim = 'The committee\u2019s composition was fixed by the founding charter of 1998';
  const original = [...filler(2, 1), `Membership rules changed often. ${claim}, and it has not changed since.`, ...filler(2, 2)].join('\n\n');

  it('a word replaced at the start: the range starts at the new word, never inside one', () => {
    const revised = original.replace('The committee\u2019s composition', 'The panel\u2019s composition');
    const r = anchor(revised, mark(original, claim));
    onBoundaries(revised, r);
    placedOn(revised, r, 'The panel\u2019s composition was fixed by the founding charter of 1998', 'changed');
  });

  it('words inserted at the end: every surviving word is covered, the insertion taken in', () => {
    const revised = original.replace('charter of 1998', 'charter of March 1998');
    const r = anchor(revised, mark(original, claim));
    onBoundaries(revised, r);
    placedOn(revised, r, 'The committee\u2019s composition was fixed by the founding charter of March 1998', 'changed');
  });

  it('a word cut at the end ("they can part" for "they can participate") is not where the range ends', () => {
    const text = [...filler(1, 3), 'Volunteers who live outside the county are welcome and they can participate in every session.', ...filler(1, 4)].join('\n\n');
    const quote = 'Volunteers who live outside the county are welcome and they can participate';
    const revised = text.replace('Volunteers who live outside', 'People who live outside').replace('can participate in', 'can participate fully in');
    const r = anchor(revised, mark(text, quote));
    onBoundaries(revised, r);
    // The word typed right after its last one may be taken in or not; its own words are all there.
    assert.strictEqual(r.state, 'changed', r.reason);
    assert.ok(['People who live outside the county are welcome and they can participate', 'People who live outside the county are welcome and they can participate fully'].includes(r.text!), r.text);
  });

  it('an edit inside a word at the edge ("motorcycles" → "motorbikes") keeps the whole word', () => {
    const text = [...filler(1, 5), 'Its factory built motorcycles, engines and spare parts for the army until 1945.', ...filler(1, 6)].join('\n\n');
    const quote = 'motorcycles, engines and spare parts for the army';
    const revised = text.replace('motorcycles, engines', 'motorbikes, engines');
    const r = anchor(revised, mark(text, quote));
    onBoundaries(revised, r);
    placedOn(revised, r, 'motorbikes, engines and spare parts for the army', 'changed');
  });
});

describe('re-anchoring on revisions: moved and edited (class 2)', () => {
  it('a paragraph moved far away and edited is found by anchorAll, reported changed on its new words', () => {
    const paras = filler(60, 7);
    const moved = 'The port authority reported that cargo volumes rose by 14 percent in the second quarter of the year.';
    const original = [...paras.slice(0, 5), moved, ...paras.slice(5)].join('\n\n');
    const sels = [mark(original, first(paras[3])), mark(original, moved), mark(original, first(paras[6])), mark(original, first(paras[50]))];
    const edited = moved.replace('rose by 14 percent', 'rose by nearly 15 percent');
    const revised = [...paras.slice(0, 5), ...paras.slice(5, 40), edited, ...paras.slice(40)].join('\n\n');
    assert.ok(revised.indexOf(edited) - original.indexOf(moved) > 8000, 'fixture: moved beyond every local window');
    const rs = anchorAll(revised, sels);
    placedOn(revised, rs[1], edited, 'changed');
    onBoundaries(revised, rs[1]);
    for (const k of [0, 2, 3]) assert.ok(rs[k].state === 'anchored' || rs[k].state === 'moved', `neighbour ${k}: ${rs[k].state}`);
  });
});

describe('re-anchoring on revisions: a lone candidate is not flagged (class 3)', () => {
  it('exact, distinctive words that occur once, in a rewritten context, are placed (moved)', () => {
    const quote = 'the regional water board approved a levy of 3.5 percent on industrial users';
    const original = [...filler(2, 8), `Last spring ${quote} after a long debate.`, ...filler(2, 9)].join('\n\n');
    const revised = original.replace(`Last spring ${quote} after a long debate.`, `Following complaints from farmers, ${quote}, a decision later challenged in court.`);
    const r = anchor(revised, mark(original, quote));
    placedOn(revised, r, quote, 'moved');
  });

  it('a section moved so that its claims are out of order with the rest is placed, not flagged', () => {
    const paras = filler(12, 10);
    const a = 'The survey counted 412 nesting pairs of terns on the northern islands in May.';
    const b = 'Volunteers ringed 96 chicks, a record for the colony since monitoring began.';
    const original = [paras[0], a, b, ...paras.slice(1)].join('\n\n');
    const sels = [mark(original, first(paras[0])), mark(original, a), mark(original, b), ...paras.slice(1).map((p) => mark(original, first(p)))];
    // The two paragraphs move to the end: behind every other claim.
    const revised = [paras[0], ...paras.slice(1), a, b].join('\n\n');
    const rs = anchorAll(revised, sels);
    rs.forEach((r, k) => assert.ok(r.state === 'anchored' || r.state === 'moved', `claim ${k}: ${r.state} (${r.reason})`));
    placedOn(revised, rs[1], a, 'moved');
    placedOn(revised, rs[2], b, 'moved');
  });

  it('claims nobody touched stay placed when another claim\u2019s words are edited by hand', () => {
    const paras = filler(6, 11);
    const original = paras.join('\n\n');
    const sels = paras.map((p) => mark(original, first(p)));
    const words = first(paras[2]).split(' ');
    words.splice(3, 1, 'newly', 'typed');
    const revised = original.replace(first(paras[2]), words.join(' '));
    const rs = anchorAll(revised, sels);
    rs.forEach((r, k) => {
      if (k !== 2) assert.ok(r.state === 'anchored' || r.state === 'moved', `untouched claim ${k}: ${r.state} (${r.reason})`);
    });
    assert.strictEqual(rs[2].state, 'changed', rs[2].reason);
  });
});

describe('re-anchoring on revisions: edited words in place are reported changed (class 4)', () => {
  it('"These shortcomings can result…" → "These challenges may result…" in place: changed, with the new words', () => {
    const quote = 'These shortcomings can result in delays to the delivery of services';
    const original = [...filler(2, 12), `Audits found gaps in the records. ${quote}. The agency has promised a review.`, ...filler(2, 13)].join('\n\n');
    const now = 'These challenges may result in delays to the delivery of services';
    const revised = original.replace(quote, now);
    const r = anchor(revised, mark(original, quote));
    placedOn(revised, r, now, 'changed');
  });
});

describe('re-anchoring on revisions: protections', () => {
  it('a deleted passage is orphaned, not moved to a weak look-alike elsewhere', () => {
    const quote = 'The museum received 2,400 visitors on its opening weekend in June';
    const lookAlike = 'The library received 900 letters on its opening weekend in October';
    const original = [...filler(2, 14), `${quote}, the organisers said.`, ...filler(2, 15), `${lookAlike}, staff recalled.`].join('\n\n');
    const revised = original.replace(`${quote}, the organisers said.`, '').replace(/\n{3,}/g, '\n\n');
    const r = anchor(revised, mark(original, quote));
    assert.ok(r.state === 'orphaned' || r.state === 'ambiguous', `deleted claim was placed: ${r.state} on "${r.text}" (${r.reason})`);
  });

  it('a sentence repeated in a new summary does not take the claim from its own, edited, words', () => {
    const quote = 'The ministry spent 18 million euros on the programme between 2019 and 2022';
    const paras = filler(6, 16);
    const original = [...paras.slice(0, 3), `According to the audit, ${quote}.`, ...paras.slice(3)].join('\n\n');
    const sels = [mark(original, first(paras[1])), mark(original, quote), mark(original, first(paras[4]))];
    const edited = 'The ministry spent 19 million euros on the programme between 2019 and 2022';
    const revised = [`Summary. ${quote}.`, ...paras.slice(0, 3), `According to the audit, ${edited}.`, ...paras.slice(3)].join('\n\n');
    const rs = anchorAll(revised, sels);
    const r = rs[1];
    // Either its own edited words (changed) or a flag; never moved onto the summary's copy.
    if (r.state === 'anchored' || r.state === 'moved' || r.state === 'changed') placedOn(revised, r, edited, 'changed');
    else assert.strictEqual(r.state, 'ambiguous', r.reason);
  });
});
