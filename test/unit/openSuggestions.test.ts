import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { openSuggestions, suggestClaims, suggestionAt, SuggestionStore } from '../../src/core/suggest';
import type { ArticleSnapshot } from '../../src/core/store/types';

const TREATY = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'suggest', 'treaty-article.txt'), 'utf8');

function snapshot(claims: Array<{ start: number; end: number }>, dismissed: string[] = []): ArticleSnapshot {
  return {
    article: 'a', sidecar: 'a.claims.yaml', sidecarState: 'ok', problems: [], dirty: false, dismissed,
    claims: claims.map((r, i) => ({ claim: { id: `c${i}`, quote: '', before: '', after: '', status: 'unverified', sources: [] }, state: 'anchored', reason: '', confidence: 1, ...r })),
  };
}

describe('openSuggestions', () => {
  const all = suggestClaims(TREATY);

  it('is every suggestion when nothing is claimed or dismissed', () => {
    assert.ok(all.length >= 5, `only ${all.length} suggestions in the treaty article`);
    assert.deepStrictEqual(openSuggestions(TREATY, [], []), all);
  });

  it('leaves out a sentence any claim overlaps, even by a few words, and only that one', () => {
    const s = all[2];
    const inside = { start: s.start + 5, end: s.start + 12 };
    const open = openSuggestions(TREATY, [inside], []);
    assert.deepStrictEqual(open.map((x) => x.start), all.filter((x) => x !== s).map((x) => x.start));
    const touching = { start: s.end, end: s.end + 1 }; // starts where the sentence ends: no overlap
    assert.ok(openSuggestions(TREATY, [touching], []).some((x) => x.start === s.start));
  });

  it('leaves out dismissed sentences, whatever their whitespace and quote marks', () => {
    const quoted = all.find((x) => /[“”]/.test(x.text));
    assert.ok(quoted, 'the treaty article has a quotation among its suggestions');
    const entry = quoted.text.replace(/[“”]/g, '"').replace(/ /g, '  ');
    const open = openSuggestions(TREATY, [], [entry]);
    assert.strictEqual(open.length, all.length - 1);
    assert.ok(!open.some((x) => x.start === quoted.start));
  });

  it('finds the suggestion at an offset, ends included', () => {
    const s = all[1];
    assert.strictEqual(suggestionAt(all, s.start), s);
    assert.strictEqual(suggestionAt(all, s.end), s);
    assert.strictEqual(suggestionAt(all, -1), undefined);
  });
});

describe('SuggestionStore', () => {
  it('fires when an article\'s list changes, not when it is recomputed the same, and on clear', () => {
    const store = new SuggestionStore();
    const fired: string[] = [];
    store.onDidChange((e) => fired.push(e.article));
    const first = store.compute('a', TREATY, undefined);
    store.compute('a', TREATY, undefined);
    assert.deepStrictEqual(fired, ['a']);
    store.compute('a', TREATY, snapshot([{ start: first[0].start, end: first[0].end }]));
    assert.strictEqual(store.get('a')?.length, first.length - 1);
    assert.deepStrictEqual(fired, ['a', 'a']);
    store.clear();
    assert.strictEqual(store.get('a'), undefined);
    assert.deepStrictEqual(fired, ['a', 'a', 'a']);
  });

  it('takes the dismissed list from the article\'s snapshot, and a higher threshold gives fewer', () => {
    const store = new SuggestionStore();
    const first = store.compute('a', TREATY, undefined);
    assert.strictEqual(store.compute('a', TREATY, snapshot([], [first[0].text])).length, first.length - 1);
    assert.ok(store.compute('b', TREATY, undefined, { threshold: 4 }).length < first.length);
  });
});
