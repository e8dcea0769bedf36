import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { DEFAULT_THRESHOLD, scoreSentence, splitSentences, suggestClaims } from '../../src/core/suggest';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'suggest');
const texts = (s: string) => splitSentences(s).map((x) => x.text);

describe('splitSentences', () => {
  it('keeps abbreviations, initialisms, decimals and dates inside their sentence', () => {
    assert.deepStrictEqual(
      texts('Mr. Smith paid $3.5 million on Dec. 12, 2015, in the U.S. capital. The deal, e.g. the loan, fell through.'),
      ['Mr. Smith paid $3.5 million on Dec. 12, 2015, in the U.S. capital.', 'The deal, e.g. the loan, fell through.'],
    );
  });

  it('ends a sentence after an initialism when the next word starts one', () => {
    assert.deepStrictEqual(texts('He moved to the U.S. The move was costly.'), ['He moved to the U.S.', 'The move was costly.']);
  });

  it('keeps a quotation of several sentences with its attribution, and ends after a closing quote', () => {
    assert.deepStrictEqual(
      texts('“We will win. They will lose,” she said. He replied: “No.” Then he left. “Why?” he asked.'),
      ['“We will win. They will lose,” she said.', 'He replied: “No.”', 'Then he left.', '“Why?” he asked.'],
    );
  });

  it('reads Markdown structure: headings, list items, links, code', () => {
    const md = [
      '---', 'title: Not prose. Really.', '---',
      '# Mr. Putin signs a treaty',
      '',
      'See [the report. In full](https://example.org/a.b) for details. Inline `code. Here` stays.',
      '',
      '- First item without a stop',
      '- Second item. Two sentences',
      '',
      '```', 'const a = 1. This is code.', '```',
      '> A quoted line.',
    ].join('\n');
    assert.deepStrictEqual(texts(md), [
      'Mr. Putin signs a treaty',
      'See [the report. In full](https://example.org/a.b) for details.',
      'Inline `code. Here` stays.',
      'First item without a stop',
      'Second item.',
      'Two sentences',
      'A quoted line.',
    ]);
  });

  it('gives UTF-16 offsets into the original text, through CRLF, a BOM and emoji', () => {
    const text = '\uFEFF🎉 Party at 3 p.m. today.\r\nΤο κόμμα κέρδισε 40%. 党赢了。\r\n';
    const sentences = splitSentences(text);
    assert.ok(sentences.length >= 2);
    for (const s of sentences) assert.strictEqual(text.slice(s.start, s.end), s.text);
    assert.strictEqual(sentences[0].text, '🎉 Party at 3 p.m. today.');
  });

  it('returns ordered, disjoint, trimmed slices of any text', () => {
    const alphabet = fc.constantFrom('a', 'B', ' ', '.', '?', '!', '"', '“', '”', '\n', '#', '-', '`', '3', 'U.S.', 'Mr.', '😀', '\r\n');
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 60 }).map((a) => a.join('')), (text) => {
      let last = 0;
      for (const s of splitSentences(text)) {
        assert.ok(s.start >= last && s.end > s.start, 'ordered and non-empty');
        assert.strictEqual(text.slice(s.start, s.end), s.text);
        assert.strictEqual(s.text, s.text.trim());
        last = s.end;
      }
    }));
  });
});

describe('suggestClaims', () => {
  it('suggests clear factual claims, with the reasons', () => {
    const text = 'Unemployment fell to 3.5% in December 2023, the lowest rate in 50 years, the ministry said.';
    const [s] = suggestClaims(text);
    assert.ok(s, 'suggested');
    assert.strictEqual(s.text, text);
    for (const r of ['figure: 3.5%', 'date: December 2023', 'attribution: said', 'comparison: the lowest']) {
      assert.ok(s.reasons.includes(r), `reasons include ${r}: ${s.reasons.join('; ')}`);
    }
  });

  it('does not suggest clear opinions, questions or page furniture', () => {
    const text = [
      'I think this is a wonderful idea and we should all support it.',
      'Perhaps things might get better, who knows?',
      'What could possibly go wrong?',
      'Subscribe to our newsletter.',
      'Be the first to leave a comment',
    ].join(' ');
    assert.deepStrictEqual(suggestClaims(text), []);
  });

  it('ranks by evidence: figures and attribution raise a score, hedging and opinion lower it', () => {
    const base = scoreSentence('The ministry changed its policy on exports.').score;
    const withFigure = scoreSentence('The ministry changed its policy on 40% of exports.').score;
    const attributed = scoreSentence('The ministry changed its policy on 40% of exports, officials said.').score;
    const hedged = scoreSentence('The ministry might have changed its policy on 40% of exports.').score;
    const opinion = scoreSentence('The ministry should change its terrible policy on 40% of exports.').score;
    assert.ok(base < withFigure && withFigure < attributed, `${base} < ${withFigure} < ${attributed}`);
    assert.ok(hedged < withFigure && opinion < hedged, `${opinion} < ${hedged} < ${withFigure}`);
  });

  it('keeps offsets that slice back to the suggestion, in document order', () => {
    const text = '# Report\n\nIn 2020, exports rose by 12%. It was nice.\n\n- Iran supplied 300 drones, officials said.\n';
    const suggestions = suggestClaims(text);
    assert.deepStrictEqual(suggestions.map((s) => s.text), ['In 2020, exports rose by 12%.', 'Iran supplied 300 drones, officials said.']);
    for (const s of suggestions) assert.strictEqual(text.slice(s.start, s.end), s.text);
  });

  it('lets the threshold trade recall for precision', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'treaty-article.txt'), 'utf8');
    const loose = suggestClaims(text, { threshold: 0 }).length;
    const normal = suggestClaims(text).length;
    const strict = suggestClaims(text, { threshold: DEFAULT_THRESHOLD * 2 }).length;
    assert.ok(loose > normal && normal > strict && strict > 0, `${loose} > ${normal} > ${strict} > 0`);
  });
});

describe('the labelled sample article', () => {
  const text = fs.readFileSync(path.join(FIXTURES, 'treaty-article.txt'), 'utf8');
  const labels = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'treaty-article.labels.json'), 'utf8')) as {
    sentences: Array<{ start: string; checkworthy: boolean }>;
  };

  it('splits into exactly the labelled sentences', () => {
    const sentences = splitSentences(text);
    assert.strictEqual(sentences.length, labels.sentences.length);
    sentences.forEach((s, i) => assert.ok(s.text.startsWith(labels.sentences[i].start), `sentence ${i + 1}: ${s.text}`));
  });

  it('finds the clearest claims: those with a date, a figure or a duration', () => {
    const suggested = suggestClaims(text).map((s) => s.text);
    for (const start of ['Moscow has viewed Iran', 'The treaty, which replaces', 'According to Iranian Ambassador', 'During his previous term']) {
      assert.ok(suggested.some((s) => s.startsWith(start)), `suggests “${start}…”`);
    }
    assert.ok(!suggested.some((s) => s.startsWith('Be the first')), 'not the comment prompt');
  });

  it('scores labelled check-worthy sentences above the others on average', () => {
    const scores = splitSentences(text).map((s) => scoreSentence(s.text).score);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const yes = scores.filter((_, i) => labels.sentences[i].checkworthy);
    const no = scores.filter((_, i) => !labels.sentences[i].checkworthy);
    assert.ok(mean(yes) > mean(no) + 0.15, `${mean(yes)} vs ${mean(no)}`);
  });
});
