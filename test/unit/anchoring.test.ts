import * as assert from 'assert';
import { anchor, anchorAll, captureSelector, captureSelectors } from '../../src/core/anchoring/anchor';
import type { AnchorResult, AnchorSelector } from '../../src/core/anchoring/types';

/** Selector for the `nth` occurrence (0-based) of `quote` in `text`. */
function mark(text: string, quote: string, nth = 0): AnchorSelector {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(quote, at + 1);
  assert.ok(at >= 0, `fixture: "${quote}" not found ${nth + 1} times`);
  return captureSelector(text, at, at + quote.length);
}

function accepted(r: AnchorResult): boolean {
  return r.state === 'anchored' || r.state === 'moved' || r.state === 'changed';
}

const ARTICLE = [
  'The council voted on Tuesday to close the old bridge for repairs.',
  'The mayor said the repairs would cost 4.2 million euros and take two years.',
  'Residents of the east bank were not consulted before the vote.',
  'A petition against the closure gathered 12,000 signatures in a week.',
].join('\n');

describe('anchor: every state', () => {
  it('anchored: the quote is still at its recorded position', () => {
    const sel = mark(ARTICLE, 'cost 4.2 million euros');
    const r = anchor(ARTICLE, sel);
    assert.strictEqual(r.state, 'anchored');
    assert.strictEqual(r.method, 'position');
    assert.strictEqual(r.start, sel.offset);
    assert.strictEqual(r.text, sel.quote);
  });

  it('moved: text added above shifts the quote, found by its exact words', () => {
    const sel = mark(ARTICLE, 'cost 4.2 million euros');
    const edited = 'Updated on Wednesday with the petition figures.\n' + ARTICLE;
    const r = anchor(edited, sel);
    assert.strictEqual(r.state, 'moved');
    assert.strictEqual(r.method, 'exact');
    assert.ok(r.start! > sel.offset!, 'found after its old position');
    assert.strictEqual(edited.slice(r.start, r.end), sel.quote);
  });

  it('changed: a word inside the quote was edited; the new words are reported', () => {
    const sel = mark(ARTICLE, 'the repairs would cost 4.2 million euros and take two years');
    const edited = ARTICLE.replace('4.2 million', '5.9 million');
    const r = anchor(edited, sel);
    assert.strictEqual(r.state, 'changed');
    assert.strictEqual(r.method, 'fuzzy');
    assert.ok(r.text!.includes('5.9 million'), r.text);
    assert.notStrictEqual(r.text, sel.quote);
    assert.ok(r.confidence < anchor(ARTICLE, sel).confidence, 'less sure than an exact match');
  });

  it('ambiguous: the quote appears twice in the same context and no hint tells them apart', () => {
    // Repeated with more than 32 characters around the quote, so even the context is identical.
    const block = 'Filler words before it. The bridge will stay closed until further notice, officials said.';
    const text = `${block}\n${block}`;
    const sel = { ...mark(text, 'stay closed'), offset: undefined, line: undefined };
    const r = anchor(text, sel);
    assert.strictEqual(r.state, 'ambiguous');
    assert.strictEqual(r.candidates!.length, 2);
    assert.match(r.reason, /found 2 times/);
  });

  it('ambiguous: a weak fuzzy match is offered but not accepted', () => {
    const sel = mark(ARTICLE, 'Residents of the east bank were not consulted');
    const edited = ARTICLE.replace('Residents of the east bank were not consulted', 'People living on the east side were never asked');
    const r = anchor(edited, sel);
    assert.ok(!accepted(r), `got ${r.state}: ${r.reason}`);
  });

  it('orphaned: the sentence was deleted; the claim is kept with no range', () => {
    const sel = mark(ARTICLE, 'gathered 12,000 signatures in a week');
    const edited = ARTICLE.split('\n').slice(0, 3).join('\n');
    const r = anchor(edited, sel);
    assert.strictEqual(r.state, 'orphaned');
    assert.strictEqual(r.start, undefined);
    assert.strictEqual(r.confidence, 0);
    assert.ok(r.reason.length > 0);
  });

  it('an empty quote is orphaned rather than found everywhere', () => {
    assert.strictEqual(anchor(ARTICLE, { quote: '', before: '', after: '' }).state, 'orphaned');
  });
});

describe('anchor: telling repeated quotes apart', () => {
  const text = [
    'In 2019 the minister said the budget was balanced.',
    'In 2021 the auditor said the budget was balanced only on paper.',
    'In 2023 the minister said the budget was balanced again.',
  ].join('\n');

  it('context picks the right occurrence when there is no position hint', () => {
    const sel = mark(text, 'the budget was balanced', 1); // the auditor's
    const r = anchor(text, { ...sel, offset: undefined, line: undefined });
    assert.strictEqual(r.state, 'moved', r.reason);
    assert.strictEqual(r.start, sel.offset);
  });

  it('when the hint points at another occurrence, position and context disagree: ambiguous, context\u2019s choice first', () => {
    const sel = mark(text, 'the budget was balanced', 1);
    const r = anchor(text, { ...sel, offset: text.indexOf('the budget was balanced') });
    assert.strictEqual(r.state, 'ambiguous');
    assert.strictEqual(r.start, sel.offset);
    assert.ok(r.candidates!.some((c) => c.start === text.indexOf('the budget was balanced')));
  });

  it('with equal context, the occurrence nearest the hint wins', () => {
    const line = 'The minister said the budget was balanced.';
    const doc = [line, 'Filler sentence one is here.', 'Filler sentence two is here.', line, 'x'.repeat(400), line].join('\n');
    const sel = mark(doc, 'budget was balanced', 1);
    // Shift everything a little: the hint is now slightly off every occurrence.
    const edited = 'Note: ' + doc;
    const r = anchor(edited, sel);
    assert.strictEqual(r.state, 'moved');
    const occurrences = [...edited.matchAll(/budget was balanced/g)].map((m) => m.index!);
    const nearest = occurrences.reduce((a, b) => (Math.abs(b - sel.offset!) < Math.abs(a - sel.offset!) ? b : a));
    assert.strictEqual(r.start, nearest);
  });

  it('found 3 times, context matches two equally and neither is nearer: ambiguous', () => {
    const same = 'Officials confirmed that the deal was signed.';
    const doc = ['Before that, the deal was signed, a rumour said.', same, same].join('\n');
    const sel = { ...mark(doc, 'the deal was signed', 0), offset: undefined, line: undefined };
    const r = anchor(doc, { ...sel, before: 'Officials confirmed that ', after: '.' });
    assert.strictEqual(r.state, 'ambiguous');
    assert.match(r.reason, /found 3 times; context matches 2 equally/);
  });

  it('an edited claim is not silently moved onto an unedited copy of its words', () => {
    const doc = 'The cat sat on the mat. The dog sat on the log. The cat sat on the mat again.';
    const sel = captureSelector(doc, 4, 11); // "cat sat", first sentence
    const edited = doc.replace('The cat sat on the mat.', 'The cat sits on the mat.');
    const r = anchor(edited, sel);
    assert.ok(!accepted(r) || r.start === 4, `${r.state} at ${r.start}: ${r.reason}`);
  });
});

describe('anchor: normalisation, with offsets in the raw text', () => {
  it('finds an LF-stored quote in a CRLF article and returns CRLF offsets', () => {
    const lf = 'First line.\nThe quote spans\ntwo lines.\nLast line.';
    const sel = mark(lf, 'The quote spans\ntwo lines.');
    const crlf = lf.replace(/\n/g, '\r\n');
    const r = anchor(crlf, sel);
    assert.ok(accepted(r), r.reason);
    assert.strictEqual(r.start, crlf.indexOf('The quote'));
    assert.strictEqual(r.text, 'The quote spans\r\ntwo lines.');
  });

  it('a claim marked in a CRLF article is stored with LF and anchored at its raw offset', () => {
    const crlf = 'One.\r\nTwo words\r\nhere.\r\nThree.';
    const start = crlf.indexOf('Two');
    const sel = captureSelector(crlf, start, crlf.indexOf('here.') + 5);
    assert.strictEqual(sel.quote, 'Two words\nhere.');
    assert.ok(!sel.before.includes('\r') && !sel.after.includes('\r'));
    assert.strictEqual(sel.line, 2);
    const r = anchor(crlf, sel);
    assert.strictEqual(r.state, 'anchored');
    assert.strictEqual(r.start, start);
    assert.strictEqual(crlf.slice(r.start, r.end), 'Two words\r\nhere.');
  });

  it('a BOM does not shift offsets: results count it, as VS Code does not', () => {
    const body = 'Headline\nThe mayor resigned on Monday.';
    const sel = mark(body, 'resigned on Monday');
    const withBom = '\uFEFF' + body;
    const r = anchor(withBom, sel);
    assert.ok(accepted(r), r.reason);
    assert.strictEqual(withBom.slice(r.start, r.end), 'resigned on Monday');
  });

  it('curly and straight quotes match each other', () => {
    const curly = 'He called it a \u201creal breakthrough\u201d and Putin\u2019s aides agreed.';
    const straight = curly.replace(/[\u201c\u201d]/g, '"').replace(/\u2019/g, "'");
    const sel = mark(curly, '\u201creal breakthrough\u201d and Putin\u2019s');
    const r = anchor(straight, sel);
    assert.strictEqual(r.state, 'anchored');
    assert.strictEqual(r.text, '"real breakthrough" and Putin\'s');
    const back = anchor(curly, mark(straight, '"real breakthrough"'));
    assert.strictEqual(back.text, '\u201creal breakthrough\u201d');
  });

  it('a no-break space matches a space', () => {
    const nbsp = 'The fine was 300\u00a0euros per day.';
    const r = anchor(nbsp, { quote: '300 euros per day', before: 'The fine was ', after: '.' });
    assert.ok(accepted(r), r.reason);
    assert.strictEqual(r.text, '300\u00a0euros per day');
  });

  it('emoji before a quote count as two UTF-16 units each', () => {
    const text = 'Reactions 🎉🎉 poured in: the vote passed 61 to 39.';
    const sel = mark(text, 'the vote passed 61 to 39');
    assert.strictEqual(sel.offset, text.indexOf('the vote'));
    const r = anchor('🚀' + text, sel);
    assert.strictEqual(r.state, 'moved');
    assert.strictEqual(r.start, sel.offset! + 2);
    assert.strictEqual(r.text, 'the vote passed 61 to 39');
  });

  it('context never stores half an emoji', () => {
    const text = 'x'.repeat(31) + '😀' + 'quote' + '😀' + 'y'.repeat(31);
    const sel = captureSelector(text, 33, 38);
    for (const s of [sel.before, sel.after]) {
      assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s), JSON.stringify(s));
    }
  });

  const scripts: [string, string, string, string][] = [
    ['Arabic', 'قال الوزير إن الاتفاق سيبقى ساريا لمدة عشرين عاما.', 'سيبقى ساريا لمدة عشرين عاما', 'ثلاثين'],
    ['Chinese', '两国领导人在莫斯科签署了全面战略伙伴关系条约，有效期为二十年。', '有效期为二十年', '三十'],
    ['Cyrillic', 'Министр иностранных дел Сергей Лавров назвал договор конструктивным.', 'назвал договор конструктивным', 'важным'],
  ];
  for (const [name, text, quote, replacement] of scripts) {
    it(`${name}: moved after an insertion, changed after a word edit`, () => {
      const sel = mark(text, quote);
      const moved = anchor('🗞 ' + text, sel);
      assert.strictEqual(moved.state, 'moved');
      assert.strictEqual(moved.text, quote);
      const words = quote.split(/\s+/);
      const edited = words.length > 2
        ? text.replace(words[words.length - 2], replacement)
        : text.replace('二十', replacement);
      const changed = anchor(edited, sel);
      assert.strictEqual(changed.state, 'changed', changed.reason);
      assert.ok(changed.text!.includes(replacement), changed.text);
    });
  }
});

describe('captureSelector', () => {
  it('stores the quote, up to 32 characters each side, the offset and the 1-based line', () => {
    const sel = mark(ARTICLE, 'not consulted');
    assert.strictEqual(sel.quote, 'not consulted');
    assert.ok(sel.before.length >= 32 && sel.before.length <= 48, JSON.stringify(sel.before));
    assert.ok(sel.after.length > 0 && sel.after.length <= 48, JSON.stringify(sel.after));
    assert.ok(ARTICLE.includes(sel.before + sel.quote + sel.after));
    assert.strictEqual(sel.line, 3);
  });

  it('context starts and ends on word boundaries: a word cut at its far edge is taken in whole', () => {
    // 32 characters before "said" start inside "Iranian", 32 after "officials" end inside "on".
    const text = 'In a statement the Iranian Ambassador to the UN Council said officials from both sides met in Vienna on Wednesday evening.';
    const sel = mark(text, 'said officials');
    assert.strictEqual(text.slice(text.indexOf('said') - 32, text.indexOf('said')), 'an Ambassador to the UN Council ');
    assert.strictEqual(text.slice(text.indexOf(' from'), text.indexOf(' from') + 32), ' from both sides met in Vienna o');
    assert.strictEqual(sel.before, 'Iranian Ambassador to the UN Council ');
    assert.strictEqual(sel.after, ' from both sides met in Vienna on');
    // Both still line up with the text around the claim.
    assert.ok(text.includes(sel.before + sel.quote + sel.after));
  });

  it('a long word cut at the edge is left out instead, a context that is one unbroken word is kept as cut, and ideographs are words of their own', () => {
    const url = 'https://example.org/' + 'a'.repeat(60);
    const text = `${url} is the source ${url}`;
    const sel = mark(text, 'is the source');
    assert.strictEqual(sel.before, url.slice(-31) + ' ');
    // After it, the link is cut at its last boundary inside the 32 characters (the slash).
    assert.strictEqual(sel.after, ' https://example.org/');
    const zh = '两国领导人在莫斯科签署了全面战略伙伴关系条约，有效期为二十年，双方将在明年举行首次联合会议并审议执行情况和合作进展，外交部发言人在记者会上表示欢迎。';
    const z = mark(zh, '有效期为二十年');
    assert.strictEqual(z.after.length, 32);
  });

  it('at the very start and end of the article the context is shorter', () => {
    const sel = captureSelector(ARTICLE, 0, 3);
    assert.strictEqual(sel.before, '');
    assert.strictEqual(sel.line, 1);
    const end = captureSelector(ARTICLE, ARTICLE.length - 5, ARTICLE.length);
    assert.strictEqual(end.after, '');
  });

  it('captureSelectors gives the same selectors as one-by-one capture', () => {
    const ranges = [{ start: 0, end: 10 }, { start: 70, end: 90 }, { start: ARTICLE.length - 9, end: ARTICLE.length }];
    assert.deepStrictEqual(captureSelectors(ARTICLE, ranges), ranges.map((r) => captureSelector(ARTICLE, r.start, r.end)));
  });
});

describe('anchorAll', () => {
  it('gives the same answers as anchor() one by one, in the order given', () => {
    const sels = [mark(ARTICLE, '12,000 signatures'), mark(ARTICLE, 'old bridge'), mark(ARTICLE, 'east bank'), mark(ARTICLE, 'would cost 4.2 million euros')];
    const edited = 'Breaking: '.repeat(3) + ARTICLE.replace('4.2 million', '4.7 million');
    const all = anchorAll(edited, sels);
    const one = sels.map((s) => anchor(edited, s));
    assert.deepStrictEqual(all.map((r) => [r.state, r.start, r.end]), one.map((r) => [r.state, r.start, r.end]));
    assert.deepStrictEqual(all.map((r) => r.state), ['moved', 'moved', 'moved', 'changed']);
  });

  it('claims without an offset hint are still found', () => {
    const sel = { ...mark(ARTICLE, 'east bank'), offset: undefined };
    const [r] = anchorAll(ARTICLE, [sel]);
    assert.ok(accepted(r), r.reason);
    assert.strictEqual(ARTICLE.slice(r.start, r.end), 'east bank');
  });
});

describe('anchor: the treaty article (a real news text with curly quotes)', () => {
  // Read in the test, not at import: a missing fixture fails this suite only.
  const load = () => require('fs').readFileSync(require('path').join(__dirname, '../fixtures/anchoring/treaty-article.txt'), 'utf8') as string;
  const quotes = [
    'Putin characterized the agreement as a \u201creal breakthrough\u201d',
    'the agreement will remain effective for 20 years',
    'Russian Foreign Minister Sergei Lavrov described it as \u201cconstructive\u201d',
    'in February 2022',
    'ordered the killing of Iranian commander Qasem Soleimani in 2020',
  ];

  it('every claim is anchored in the unchanged article', () => {
    const text = load();
    for (const r of anchorAll(text, quotes.map((q) => mark(text, q)))) assert.strictEqual(r.state, 'anchored', r.reason);
  });

  it('after an editor\u2019s note, CRLF line ends and straight quotes, every claim is moved onto its own words', () => {
    const text = load();
    const sels = quotes.map((q) => mark(text, q));
    const edited = ('Editor\u2019s note: updated with the Kremlin\u2019s statement.\n' + text).replace(/\n/g, '\r\n').replace(/[\u201c\u201d]/g, '"');
    const results = anchorAll(edited, sels);
    results.forEach((r, i) => {
      assert.strictEqual(r.state, 'moved', r.reason);
      assert.strictEqual(r.text!.replace(/"/g, '').replace(/\r\n/g, '\n'), quotes[i].replace(/[\u201c\u201d]/g, ''));
    });
    const byOld = sels.map((_, i) => i).sort((a, b) => sels[a].offset! - sels[b].offset!);
    const byNew = sels.map((_, i) => i).sort((a, b) => results[a].start! - results[b].start!);
    assert.deepStrictEqual(byNew, byOld, 'claims keep their article order');
  });

  it('a corrected figure makes its claim changed, the others unaffected; a deleted sentence orphans its claim', () => {
    const text = load();
    const sels = quotes.map((q) => mark(text, q));
    const edited = text
      .replace('effective for 20 years', 'effective for 25 years')
      .replace(/During his previous term[^.]*\./, '');
    const states = anchorAll(edited, sels).map((r) => r.state);
    assert.deepStrictEqual(states, ['anchored', 'changed', 'anchored', 'anchored', 'orphaned']);
  });
});
