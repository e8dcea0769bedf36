// The fast model scorer gives exactly what the plain reference (test/fixtures/suggest/
// referenceScorer.ts) gives: the same floating-point score, the same cues, features and reasons,
// for the shipped model and for models with other feature settings. Speed work must never
// change a suggestion; a feature the fast path drops or counts twice shows here.
// When ../shared/corpus/checkworthy is present, the training and development splits are
// compared too (never the test split); without it, the fixtures and generated sentences still are.
import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { MODEL_PATH, modelScorer, parseModel, splitSentences, type ModelFile } from '../../src/core/suggest';
import { referenceFeatures, referenceScorer, referenceWords } from '../fixtures/suggest/referenceScorer';

const ROOT = path.join(__dirname, '..', '..');
const SHIPPED = parseModel(fs.readFileSync(path.join(ROOT, MODEL_PATH), 'utf8'));
const CORPUS = process.env.FACTMARK_CORPUS || path.join(ROOT, '..', 'shared', 'corpus', 'checkworthy');
const article = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'suggest', 'treaty-article.txt'), 'utf8');

/** Sentences that reach every corner of the word reader and the feature families. */
const TRICKY = [
  '', ' ', '.', '?', 'Taxes rose.', 'Thank you very much.', 'I think so.', 'the the the', 'the the the the the the',
  'We have lost 750,000 jobs, and we will lose 750,000 more.', // repeated words and repeated pairs
  'Seventeen percent of Republicans — 2,500 jobs, $3.5 billion, 40% in 2019; I’m sure.',
  "Tip O'Neill and O’Neill's rock'n'roll 4'5 don't won’t '' ’’ 'quoted' ‘curly’",
  'Zürich, São Paulo, Łódź, İstanbul, ΑΘΗΝΑ and Москва grew 12.5% (ÉTATS-UNIS, straße).',
  'Emoji 🎉 between words 🇺🇸 and 𝐁𝐨𝐥𝐝 letters, ٣ Arabic digits, ½ and ² and Ⅻ numerals.',
  '€5 £3 ¥100 $ % $$ %% 5%5 a$b x%y',
  'UNEMPLOYMENT IS 5 PERCENT AND THE DEFICIT DOUBLED SINCE 2008.',
  'Words\u00a0with\tspecial\u2009spaces\u200band\u00adsoft\u2028hyphens.',
  'xylophonequux blorftastic zzzqqq unknownword unknownword unknownword zzzqqq.',
  'A sentence that goes on and on and on, longer than thirty-one words, with figures like 12 and 13 and 14, names like Joe Biden and Barack Obama, and a lot of the same words again and again and again.',
  'Did he say that the United States spent $2 trillion over ten years, according to the report?',
  'You didn’t think we should raise the minimum wage, but I think we must.',
  'He voted against it three times; prices are three times as high as in March 2019.',
];

function expectSame(score: (s: string) => unknown, reference: (s: string) => unknown, sentences: Iterable<string>, what: string): number {
  let n = 0;
  for (const s of sentences) {
    assert.deepStrictEqual(score(s), reference(s), `${what}: ${JSON.stringify(s)}`);
    n++;
  }
  return n;
}

/** The shipped model, and variants that turn each feature family on alone (with weights for the words they will see). */
function variants(): Array<[string, ModelFile]> {
  const f = SHIPPED.features;
  const chars: Record<string, number> = {};
  for (const [k, v] of Object.entries(SHIPPED.weights)) {
    if (k.startsWith('w:')) for (const g of [' ' + k.slice(2, 4), k.slice(2, 5), k.slice(-2) + ' ']) chars[`c:${g}`] = (chars[`c:${g}`] ?? 0) + v / 7;
  }
  return [
    ['the shipped model', SHIPPED],
    ['words only', { ...SHIPPED, features: { ...f, bigrams: false, cues: false, length: false } }],
    ['pairs only', { ...SHIPPED, features: { ...f, words: false, cues: false, length: false } }],
    ['cues and length only', { ...SHIPPED, features: { ...f, words: false, bigrams: false } }],
    ['letter n-grams', { ...SHIPPED, features: { ...f, chars: [2, 4] }, weights: { ...SHIPPED.weights, ...chars } }],
  ];
}

describe('the fast model scorer gives exactly the plain reference\'s scores and reasons', function () {
  this.timeout(120_000);

  it('covers every feature family: each one moves some score of the fixed sentences', () => {
    // Otherwise the comparisons below could not see a family the fast path dropped.
    const fixed = [...TRICKY, ...splitSentences(article).map((s) => s.text)];
    for (const family of ['w:', 'b:', 'q:', 'n:']) {
      const without: ModelFile = { ...SHIPPED, weights: Object.fromEntries(Object.entries(SHIPPED.weights).filter(([k]) => !k.startsWith(family))) };
      const full = referenceScorer(SHIPPED);
      const less = referenceScorer(without);
      assert.ok(fixed.some((s) => full(s).score !== less(s).score), `no fixed sentence's score depends on the ${family} features`);
    }
    assert.ok(fixed.some((s) => new Set(referenceWords(s)).size < referenceWords(s).length), 'a repeated word');
    assert.ok(fixed.some((s) => { const b = referenceFeatures(s, [], SHIPPED.features).filter(([k]) => k.startsWith('b:')); return b.length < referenceWords(s).length; }), 'a repeated pair');
  });

  for (const [name, model] of variants()) {
    it(`${name}: on the fixture article and the tricky sentences`, () => {
      const fast = modelScorer(model);
      const reference = referenceScorer(model);
      expectSame((s) => fast.score(s), reference, [...TRICKY, ...splitSentences(article).map((s) => s.text), article], name);
    });
  }

  it('on generated sentences of awkward characters (fast-check)', () => {
    const fast = modelScorer(SHIPPED);
    const reference = referenceScorer(SHIPPED);
    const pieces = fc.constantFrom(
      'we', 'have', 'lost', 'jobs', 'the', 'I', 'think', 'percent', 'voted', 'for', 'said', 'should', 'United', 'States', 'Biden',
      '5', '2,500', '3.5', '2019', '%', '$', '€', "'", '’', "n't", '’s', 'É', 'ß', 'İ', '🎉', '𝐁', '٣', '-', ',', '.', '?', '"', '“', '”', ' ', '  ', '\n',
    );
    fc.assert(fc.property(fc.array(pieces, { maxLength: 40 }).map((a) => a.join('')), (s) => {
      assert.deepStrictEqual(fast.score(s), reference(s), JSON.stringify(s));
    }), { numRuns: 2000, seed: 14 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => {
      assert.deepStrictEqual(fast.score(s), reference(s), JSON.stringify(s));
    }), { numRuns: 1000, seed: 15 });
  });

  it('on the training and development splits of ../shared/corpus/checkworthy (never the test split)', function () {
    const sets = ['ct24-en-train', 'claimbuster-groundtruth', 'ct24-en-devtest'].map((n) => path.join(CORPUS, n, 'data.jsonl')).filter((f) => fs.existsSync(f));
    if (!sets.length) {
      console.log(`      (the check-worthiness corpus is not at ${CORPUS}: skipped)`);
      this.skip();
    }
    const fast = modelScorer(SHIPPED);
    const reference = referenceScorer(SHIPPED);
    for (const file of sets) {
      const texts = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { text: string }).text);
      assert.ok(expectSame((s) => fast.score(s), reference, texts, path.basename(path.dirname(file))) > 0);
    }
  });
});
