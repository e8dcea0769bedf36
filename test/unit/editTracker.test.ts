import * as assert from 'assert';
import fc from 'fast-check';
import { anchor, captureSelector } from '../../src/core/anchoring/anchor';
import { applyChange, applyChanges, type TextChange, type TrackedRange } from '../../src/core/anchoring/editTracker';

const TEXT = 'The council voted on Tuesday to close the old bridge for repairs.';
const QUOTE = 'close the old bridge';
const S = TEXT.indexOf(QUOTE);
const E = S + QUOTE.length;

function tracked(): TrackedRange { return { start: S, end: E, touched: false }; }
function edit(text: string, c: TextChange): string { return text.slice(0, c.offset) + c.inserted + text.slice(c.offset + c.removed); }
function after(c: TextChange): { r: TrackedRange; text: string } {
  const r = tracked();
  applyChange([r], c);
  return { r, text: edit(TEXT, c) };
}

describe('applyChange: one edit, one range', () => {
  it('typing before the range shifts it, untouched', () => {
    const { r, text } = after({ offset: 0, removed: 0, inserted: 'Today: ' });
    assert.strictEqual(text.slice(r.start, r.end), QUOTE);
    assert.strictEqual(r.touched, false);
  });

  it('typing exactly at either boundary stays outside the range', () => {
    for (const offset of [S, E]) {
      const { r, text } = after({ offset, removed: 0, inserted: 'XYZ' });
      assert.strictEqual(text.slice(r.start, r.end), QUOTE, `at ${offset}`);
      assert.strictEqual(r.touched, false);
    }
  });

  it('deleting text that ends at the start or starts at the end leaves the range untouched', () => {
    for (const c of [{ offset: S - 3, removed: 3, inserted: '' }, { offset: E, removed: 4, inserted: '' }]) {
      const { r, text } = after(c);
      assert.strictEqual(text.slice(r.start, r.end), QUOTE);
      assert.strictEqual(r.touched, false);
    }
  });

  it('an edit inside the range keeps the new words in it and marks it touched', () => {
    const c = { offset: TEXT.indexOf('old'), removed: 3, inserted: 'ancient' };
    const { r, text } = after(c);
    assert.strictEqual(text.slice(r.start, r.end), 'close the ancient bridge');
    assert.strictEqual(r.touched, true);
  });

  it('an edit across a boundary keeps only the claim\u2019s surviving words', () => {
    const c = { offset: TEXT.indexOf('bridge'), removed: 'bridge for'.length, inserted: 'road' };
    const { r, text } = after(c);
    assert.strictEqual(text.slice(r.start, r.end), 'close the old ');
    assert.strictEqual(r.touched, true);
  });

  it('a deletion swallowing the whole range collapses it to an empty range at the deletion point', () => {
    const c = { offset: S - 3, removed: QUOTE.length + 6, inserted: '' };
    const { r } = after(c);
    assert.deepStrictEqual(r, { start: S - 3, end: S - 3, touched: true });
  });

  it('an empty range survives later edits and is never dropped', () => {
    const ranges = [{ start: 5, end: 5, touched: true }, tracked()];
    applyChanges(ranges, [{ offset: 0, removed: 10, inserted: '' }, { offset: 0, removed: 0, inserted: 'abc' }]);
    assert.strictEqual(ranges.length, 2);
    assert.ok(ranges.every((r) => r.start <= r.end && r.start >= 0));
  });
});

// ---- property: random edit sequences ---------------------------------------------------------

const SENTENCES = [
  'The treaty was signed in Moscow on Friday.',
  'Officials said it would last for twenty years.',
  'Trade between the two countries grew by 15 percent in 2024.',
  'The agreement replaces a pact renewed periodically since 2001.',
  'Critics called the deal a threat to regional stability.',
  'Both leaders promised cooperation on energy and transport.',
  'Negotiations took almost three years to complete.',
  'The foreign minister described the talks as constructive.',
];
const ARTICLE = SENTENCES.join(' ');
const WORDS = ['new', 'very', 'said', '2025', 'officials', 'a', 'Moscow', 'the'];

/** Claims: one sub-span per sentence, from its second word to its end (minus the period). */
const CLAIMS = SENTENCES.map((s) => {
  const at = ARTICLE.indexOf(s);
  return { start: at + s.indexOf(' ') + 1, end: at + s.length - 1 };
});

/** Random edit with positions as fractions, resolved against the current text length. */
const editArb = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  removed: fc.nat({ max: 12 }),
  inserted: fc.oneof(fc.constant(''), fc.constantFrom(...WORDS).map((w) => w + ' ')),
});
/** One VS Code event: 1–3 changes, given from the end of the document backwards as VS Code does. */
const eventArb = fc.array(editArb, { minLength: 1, maxLength: 3 });

function resolve(text: string, event: { at: number; removed: number; inserted: string }[]): TextChange[] {
  const changes = event.map((e) => {
    const offset = Math.floor(e.at * text.length);
    return { offset, removed: Math.min(e.removed, text.length - offset), inserted: e.inserted };
  });
  // Non-overlapping and descending, so that each offset is still valid when applied in order.
  changes.sort((a, b) => b.offset - a.offset);
  return changes.filter((c, i) => i === 0 || c.offset + c.removed <= changes[i - 1].offset);
}

describe('applyChanges: properties over random edit sequences (seeded)', () => {
  it('never loses a range; every range stays inside the text; untouched ranges still hold their words and agree with anchor()', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 25 }), (events) => {
        let text = ARTICLE;
        const ranges = CLAIMS.map((c) => ({ ...c, touched: false }));
        const sels = CLAIMS.map((c) => captureSelector(ARTICLE, c.start, c.end));
        for (const ev of events) {
          const changes = resolve(text, ev);
          for (const c of changes) text = edit(text, c);
          applyChanges(ranges, changes);
        }
        assert.strictEqual(ranges.length, CLAIMS.length);
        ranges.forEach((r, i) => {
          assert.ok(0 <= r.start && r.start <= r.end && r.end <= text.length, JSON.stringify(r));
          if (r.touched) return;
          assert.strictEqual(text.slice(r.start, r.end), sels[i].quote);
          const a = anchor(text, sels[i]);
          assert.ok(a.state === 'anchored' || a.state === 'moved', `${a.state}: ${a.reason}`);
          assert.deepStrictEqual([a.start, a.end], [r.start, r.end]);
        });
      }),
      { seed: 20250117, numRuns: 300 },
    );
  });

  it('a range is touched exactly when its text no longer equals what it held (or an edit reached inside)', () => {
    fc.assert(
      fc.property(eventArb, (ev) => {
        const ranges = CLAIMS.map((c) => ({ ...c, touched: false }));
        const changes = resolve(ARTICLE, ev);
        let text = ARTICLE;
        for (const c of changes) text = edit(text, c);
        applyChanges(ranges, changes);
        ranges.forEach((r, i) => {
          const before = ARTICLE.slice(CLAIMS[i].start, CLAIMS[i].end);
          if (text.slice(r.start, r.end) !== before) assert.ok(r.touched, 'changed words must be flagged');
        });
      }),
      { seed: 7, numRuns: 500 },
    );
  });
});
