import * as assert from 'assert';
import fc from 'fast-check';
import { anchorAll, captureSelectors } from '../../src/core/anchoring/anchor';

// Ground truth is kept at word level by the test itself: every word knows which claim it belongs
// to, edits act on words, and a claim's true place is the span of its surviving words.
// Nothing here uses the code under test to decide where a claim really is.

const SENTENCES = [
  'A new cooperation pact has been signed between Iranian President Masoud Pezeshkian and Russian President Vladimir Putin.',
  'The treaty encompasses trade, military cooperation, science, culture, and education, according to officials from both countries.',
  'During a joint press conference in Moscow on Friday, Putin characterized the agreement as a real breakthrough.',
  'Iran has supplied Russia with drones, which Western officials report Moscow has deployed in nighttime attacks.',
  'The treaty replaces a periodically renewed 2001 agreement and resulted from years of negotiations.',
  'According to Ambassador Kazem Jalali, the agreement will remain effective for 20 years.',
  'The timing of the visit follows recent foreign policy challenges, including the fall of the government in Syria.',
  'During his previous term, Trump withdrew from a multinational nuclear agreement with Iran in 2018.',
];
const VOCAB = ['the', 'agreement', 'Moscow', '2019', 'officials', 'said', 'new', 'Putin', 'treaty', 'twenty'];

interface Word { w: string; claim: number; edited: boolean }

function article(): { words: Word[]; claims: number } {
  const words: Word[] = [];
  let claims = 0;
  // Three passes over the sentences, so that every quote also appears elsewhere with other context.
  for (let pass = 0; pass < 3; pass++) {
    SENTENCES.forEach((s, i) => {
      const ws = s.split(' ');
      // Claim: words 2..6 of every other sentence, on the first and third pass.
      const marked = pass !== 1 && (i + pass) % 2 === 0;
      const id = marked ? claims++ : -1;
      ws.forEach((w, k) => words.push({ w: w, claim: marked && k >= 2 && k < 7 ? id : -1, edited: false }));
      if (pass === 0) words.push({ w: '¶', claim: -1, edited: false });
    });
    words.push({ w: `Part ${pass + 2}.`, claim: -1, edited: false });
  }
  return { words, claims };
}

function layout(words: Word[]): { text: string; starts: number[] } {
  const starts: number[] = [];
  let pos = 0;
  for (const w of words) { starts.push(pos); pos += w.w.length + 1; }
  return { text: words.map((w) => w.w).join(' '), starts };
}

function truth(words: Word[], claims: number) {
  const { starts } = layout(words);
  const spans: ({ start: number; end: number; edited: boolean } | undefined)[] = [];
  for (let c = 0; c < claims; c++) {
    let first = -1, last = -1, edited = false;
    words.forEach((w, i) => { if (w.claim === c) { if (first < 0) first = i; last = i; edited ||= w.edited; } });
    spans.push(first < 0 ? undefined : { start: starts[first], end: starts[last] + words[last].w.length, edited });
  }
  return spans;
}

const editArb = fc.record({
  kind: fc.constantFrom('replace', 'insert', 'delete', 'duplicate'),
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  to: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  word: fc.constantFrom(...VOCAB),
});

function applyEdit(words: Word[], e: { kind: string; at: number; to: number; word: string }): void {
  const i = Math.floor(e.at * words.length);
  const owner = words[i].claim;
  if (e.kind === 'replace') {
    if (words[i].w === e.word) return;
    words[i] = { w: e.word, claim: owner, edited: owner >= 0 };
  } else if (e.kind === 'delete') {
    // Neighbours of a deleted claim word count as edited so the claim's span shows the change.
    words.splice(i, 1);
    if (owner >= 0) for (const w of words) if (w.claim === owner) w.edited = true;
  } else if (e.kind === 'insert') {
    // A word inserted between two words of a claim belongs to it.
    const inside = i > 0 && words[i - 1].claim >= 0 && words[i - 1].claim === owner;
    words.splice(i, 0, { w: e.word, claim: inside ? owner : -1, edited: inside });
  } else {
    // Copy a few words (possibly a claim's) elsewhere; the copy belongs to no claim.
    const copy = words.slice(i, i + 8).map((w) => ({ w: w.w, claim: -1, edited: false }));
    words.splice(Math.floor(e.to * words.length), 0, ...copy);
  }
}

describe('anchorAll: random word edits never produce a silently wrong anchor (seeded)', () => {
  it('every accepted claim lies on its own words; untouched claims are found exactly', () => {
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 30 }), (edits) => {
        const { words, claims } = article();
        const orig = layout(words);
        const initial = truth(words, claims);
        const sels = captureSelectors(orig.text, initial.map((s) => s!));
        for (const e of edits) applyEdit(words, e);
        const text = layout(words).text;
        const gt = truth(words, claims);
        anchorAll(text, sels).forEach((r, c) => {
          const t = gt[c];
          const accepted = r.state === 'anchored' || r.state === 'moved' || r.state === 'changed';
          if (!accepted) return;
          const where = `claim ${c} ${r.state} at [${r.start},${r.end}) "${r.text}" vs truth ${JSON.stringify(t)}: ${r.reason}`;
          assert.ok(t, `all words deleted, yet ${where}`);
          const overlap = Math.min(r.end!, t.end) - Math.max(r.start!, t.start);
          assert.ok(overlap >= 0.5 * Math.max(r.end! - r.start!, t.end - t.start), where);
          if (!t.edited) {
            assert.notStrictEqual(r.state, 'changed', where);
            assert.deepStrictEqual([r.start, r.end], [t.start, t.end], where);
          }
        });
      }),
      { seed: 424242, numRuns: 300 },
    );
  });

  it('with no edits every claim is anchored, even though each quote also appears elsewhere', () => {
    const { words, claims } = article();
    const { text } = layout(words);
    const sels = captureSelectors(text, truth(words, claims).map((s) => s!));
    assert.ok(sels.every((s) => text.indexOf(s.quote) !== text.lastIndexOf(s.quote)), 'fixture: quotes repeat');
    assert.deepStrictEqual(new Set(anchorAll(text, sels).map((r) => r.state)), new Set(['anchored']));
  });
});
