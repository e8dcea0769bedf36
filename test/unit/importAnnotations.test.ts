// Importing annotations: Factmark's own W3C export round-trips (export → delete the sidecar →
// import gives back the same claims on the same words), other W3C annotations and a Hypothesis
// API export (test/fixtures/import/hypothesis-search.json, written from its documented format)
// are placed by Factmark's anchoring, and what cannot be placed is kept as orphaned.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { renderWebAnnotations } from '../../src/core/export/webAnnotation';
import { planImport, type ImportPlan } from '../../src/core/import/planImport';
import { readAnnotations } from '../../src/core/import/readAnnotations';
import type { Claim } from '../../src/core/model';
import { claimToData } from '../../src/core/sidecar/claimData';
import { parseSidecar } from '../../src/core/sidecar/sidecarYaml';
import { ClaimStore } from '../../src/core/store/claimStore';
import { DEFAULT_SCALE } from '../../src/core/statusScale';
import { ARTICLE, factCheck, GENERATED } from '../fixtures/export/factCheck';

const HYPOTHESIS = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'import', 'hypothesis-search.json'), 'utf8');

function emptyStore(text = ARTICLE): ClaimStore {
  const store = new ClaimStore({ scale: DEFAULT_SCALE, now: () => GENERATED });
  store.open('budget.md', 'budget.md.claims.yaml', 'budget.md');
  store.loadSidecar('budget.md', undefined);
  store.setArticleText('budget.md', text);
  return store;
}

function plan(store: ClaimStore, file: string, text = ARTICLE): ImportPlan {
  const r = planImport(text, file, { scale: DEFAULT_SCALE, now: GENERATED, existing: store.get('budget.md')!.claims });
  if (!r.ok) assert.fail(r.message);
  return r.plan;
}

/** The claim without the hints anchoring rewrites (context and position). */
function content(c: Claim): Record<string, unknown> {
  const d = claimToData(c);
  for (const k of ['before', 'after', 'line', 'offset']) delete d[k];
  return d;
}

describe('import: Factmark\'s own W3C export', () => {
  it('export → delete the sidecar → import gives back the same claims on the same words', () => {
    const { store: original, input } = factCheck();
    const exported = renderWebAnnotations(input).text;
    const store = emptyStore();
    const p = plan(store, exported);
    assert.strictEqual(p.format, 'w3c');
    assert.deepStrictEqual(p.counts, { onWords: 3, changed: 1, unsure: 0, orphaned: 1 }, p.summary);
    assert.strictEqual(p.imported.length, 5);
    store.addClaims('budget.md', p.imported.map((i) => i.claim));
    const before = original.get('budget.md')!.claims;
    const after = store.get('budget.md')!.claims;
    assert.deepStrictEqual(after.map((e) => content(e.claim)), before.map((e) => content(e.claim)), 'same claims, every field');
    // Same words, same state; a claim the original found `moved` (stale hints) now sits at its hints.
    const where = (e: { claim: Claim; state: string; start?: number; end?: number }) => [e.claim.id, e.state === 'moved' ? 'anchored' : e.state, e.start, e.end];
    assert.deepStrictEqual(after.map(where), before.map(where), 'on the same words');
    assert.deepStrictEqual(after.map((e) => e.state), ['anchored', 'anchored', 'changed', 'anchored', 'orphaned']);
    // And the sidecar written from it reads back the same.
    const written = parseSidecar(store.serialize('budget.md'));
    assert.ok(written.ok);
    assert.deepStrictEqual(written.loaded.sidecar.claims.map(content), before.map((e) => content(e.claim)));
  });

  it('importing the same file again adds nothing', () => {
    const { input } = factCheck();
    const exported = renderWebAnnotations(input).text;
    const store = emptyStore();
    store.addClaims('budget.md', plan(store, exported).imported.map((i) => i.claim));
    const again = plan(store, exported);
    assert.strictEqual(again.imported.length, 0);
    assert.strictEqual(again.duplicates.length, 5);
    assert.match(again.summary, /0 claims imported .*5 already in the sidecar/);
  });

  it('places claims by their words after the article was edited, and keeps ids unique', () => {
    const { input } = factCheck();
    const exported = renderWebAnnotations(input).text;
    const edited = '# New intro 🌍🌍🌍 with more emoji 日本語\n\n' + ARTICLE;
    const store = emptyStore(edited);
    store.addClaims('budget.md', []);
    const p = plan(store, exported, edited);
    store.addClaims('budget.md', p.imported.map((i) => i.claim));
    const e = store.get('budget.md')!.claims.find((x) => x.claim.id === 'q8bud2')!;
    assert.strictEqual(edited.slice(e.start, e.end), 'the council approved a budget of £412 million');
    assert.strictEqual(e.state, 'anchored', 'the hints written are where the words are now');
  });
});

describe('import: W3C annotations from other tools', () => {
  // The same words in the same context twice: only the position tells them apart.
  const TWICE = 'Figures. He said the rate is 5% today. 🎉🎉🎉 Again: he said the rate is 5% today. End.';
  const annotation = (selector: unknown[], body: unknown[] = []) => JSON.stringify({
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: 'http://example.org/anno/1',
    type: 'Annotation',
    motivation: 'assessing',
    created: '2026-11-01T10:00:00Z',
    creator: { type: 'Person', name: 'Ann Lee' },
    body,
    target: { source: 'http://example.org/page', selector },
  });

  it('takes a code-point TextPositionSelector as the position, so emoji before the words do not shift it', () => {
    const second = TWICE.indexOf('the rate', 20);
    const cp = [...TWICE.slice(0, second)].length;
    assert.strictEqual(second - cp, 3, 'three emoji make code points and UTF-16 units differ');
    const store = emptyStore(TWICE);
    const p = plan(store, annotation([{ type: 'TextQuoteSelector', exact: 'the rate is 5%', prefix: 'said ', suffix: ' today' }, { type: 'TextPositionSelector', start: cp, end: cp + 14 }]), TWICE);
    assert.strictEqual(p.imported[0].state, 'anchored', 'at the position the selector gives');
    store.addClaims('budget.md', p.imported.map((i) => i.claim));
    const [e] = store.get('budget.md')!.claims;
    assert.deepStrictEqual([e.state, e.start], ['anchored', second]);
  });

  it('reads the verdict, comment, tags, sources and creator from the bodies', () => {
    const store = emptyStore();
    const p = plan(store, annotation([{ type: 'TextQuoteSelector', exact: 'Spending on housing rises to £58 million', suffix: ' 🏠' }], [
      { type: 'TextualBody', purpose: 'assessing', value: 'mostly false' },
      { type: 'TextualBody', purpose: 'commenting', value: 'The annex says £48m.' },
      { type: 'TextualBody', purpose: 'tagging', value: 'housing' },
      { type: 'SpecificResource', purpose: 'linking', source: 'https://example.org/annex', selector: { type: 'TextQuoteSelector', exact: 'Housing: £48m' }, state: { type: 'TimeState', cached: 'https://web.archive.org/x', sourceDate: '2026-10-02T00:00:00Z' } },
      { type: 'SpecificResource', purpose: 'linking', source: 'javascript:alert(1)' },
    ]));
    const [{ claim, state }] = p.imported;
    assert.strictEqual(state, 'moved');
    assert.deepStrictEqual([claim.status, claim.explanation, claim.tags, claim.by, claim.created], ['mostly-inaccurate', 'The annex says £48m.', ['housing'], 'Ann Lee', '2026-11-01T10:00:00Z']);
    assert.deepStrictEqual(claim.sources, [{ url: 'https://example.org/annex', excerpt: 'Housing: £48m', archive: 'https://web.archive.org/x', accessed: '2026-10-02' }]);
    assert.deepStrictEqual(claim.appearances, [{ url: 'http://example.org/page' }], 'the annotated page is where the words appeared');
  });

  it('keeps a verdict that is not on the scale in the explanation, and says so', () => {
    const store = emptyStore();
    const p = plan(store, annotation([{ type: 'TextQuoteSelector', exact: 'Spending on housing rises to £58 million' }], [
      { type: 'TextualBody', purpose: 'assessing', value: 'Pants on fire' },
    ]));
    assert.strictEqual(p.imported[0].claim.status, 'unverified');
    assert.match(p.imported[0].claim.explanation!, /^Verdict in the imported file: Pants on fire/);
    assert.ok(p.notes.some((n) => /Pants on fire.*not on this repository's scale/.test(n.message)));
  });

  it('reports a file it cannot read, with the place of a JSON error', () => {
    const bad = readAnnotations('{\n  "type": "Annotation",\n  "target": [1, 2,,]\n}');
    assert.ok(!bad.ok);
    assert.match(bad.message, /Not valid JSON/);
    assert.deepStrictEqual([bad.line, bad.column], [3, 19], 'at the second comma');
    const other = readAnnotations('{"hello": "world"}');
    assert.ok(!other.ok && /neither W3C Web Annotations .* nor a Hypothesis export/.test(other.message));
    const nothing = readAnnotations(JSON.stringify({ type: 'AnnotationCollection', total: 40, first: 'http://example.org/page1' }));
    assert.ok(nothing.ok);
    assert.ok(nothing.notes.some((n) => /does not fetch it/.test(n.message)));
  });
});

describe('import: a Hypothesis export', () => {
  it('places each annotation with Factmark\'s anchoring and keeps what it cannot place as orphaned', () => {
    const store = emptyStore();
    const p = plan(store, HYPOTHESIS);
    assert.strictEqual(p.format, 'hypothesis');
    assert.deepStrictEqual(p.counts, { onWords: 2, changed: 1, unsure: 0, orphaned: 1 });
    assert.deepStrictEqual(p.skipped.map((s) => /page note|reply/.exec(s.message)?.[0]), ['page note', 'reply']);
    assert.match(p.summary, /^4 claims imported from Hypothesis: 2 on their words, 1 on edited words \(needs re-check\), 1 orphaned \(words not found, kept\); 2 annotations not imported/);
    store.addClaims('budget.md', p.imported.map((i) => i.claim));
    const claims = store.get('budget.md')!.claims;
    assert.deepStrictEqual(claims.map((e) => [e.claim.quote.slice(0, 20), e.state, e.claim.status]), [
      ['Spending on housing ', 'anchored', 'inaccurate'],
      ['We have balanced the', 'changed', 'misleading'],
      ['Bus fares will stay ', 'anchored', 'unverified'],
      ['The new ring road wi', 'orphaned', 'unverified'],
    ]);
    const [housing, , fares, ring] = claims.map((e) => e.claim);
    assert.deepStrictEqual(housing.tags, ['housing'], 'the tag that named the status set it and is not kept');
    assert.strictEqual(housing.by, 'Jane Doe', 'user_info.display_name');
    assert.strictEqual(fares.by, 'sroe', 'the account name when there is no display name');
    assert.strictEqual(housing.explanation, 'The annex says **£48m**, not £58m. See the transport annex, table 4.');
    assert.strictEqual(housing.created, '2026-11-27T14:03:11.182331+00:00');
    assert.deepStrictEqual(housing.appearances, [{ url: 'https://news.example.org/2026/11/city-budget' }], 'the annotated page (`uri`)');
    assert.deepStrictEqual([ring.quote, ring.before, ring.after, ring.offset], ['The new ring road will be finished by 2028', 'Transport: ', ', officials said.', undefined]);
    const written = parseSidecar(store.serialize('budget.md'));
    assert.ok(written.ok, 'the sidecar written is valid');
    assert.strictEqual(written.loaded.sidecar.claims.length, 4);
  });

  it('reads the rows alone, and the {annotations} export file, the same way', () => {
    const rows = JSON.parse(HYPOTHESIS).rows;
    const a = readAnnotations(JSON.stringify(rows));
    const b = readAnnotations(JSON.stringify({ export_metadata: { created: '2026-11-28' }, annotations: rows }));
    assert.ok(a.ok && b.ok);
    assert.strictEqual(a.candidates.length, 4);
    assert.deepStrictEqual(b.candidates, a.candidates);
  });
});
