// The per-claim write path (lineSplice.ts) against the whole yaml Document, byte for byte:
// random sidecars with every field and hostile text, hand-edited (comments inside and between
// claims, blank lines, CRLF, a BOM, indentless lists, other quoting, `|-`/`|+` blocks, unknown
// keys) and random sequences of the changes Factmark makes (status, sources, explanation, tags,
// reviews and log, new and deleted claims, `published`, `article`, `dismissed`). Below
// MAX_FULL_PARSE_VALUES both paths are allowed, so each write is made both ways and compared; a
// spy on the parser checks that the per-claim path never parsed the whole file.
import * as assert from 'assert';
import fc from 'fast-check';
import type { Claim, Sidecar } from '../../src/core/model';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar/sidecarYaml';
import { fastYamlValue } from '../../src/core/yaml/fastYaml';
import { LineSplice, documentSplice } from '../../src/core/yaml/lineSplice';
import { YamlText } from '../../src/core/yaml/yamlDocument';
import { SIDECAR_STYLE } from '../../src/core/sidecar/claimData';
import { seededRandom } from '../../bench/seededRandom';
import { handEdit, sidecarArb, text } from '../fixtures/sidecarArbitraries';

/**
 * Comment lines put after random lines, at random indentation (inside a claim, between claims, at
 * the top level), and maybe above each claim at the depth of a list inside the claim before it
 * (the parser gives such comments to that list, and the claim's range runs on to the next `-`).
 */
const comments = fc.tuple(fc.array(fc.tuple(fc.nat(), fc.nat(8)), { maxLength: 4 }), fc.boolean()).map(([at, underLists]) => (s: string) => {
  const lines = s.split('\n');
  for (const [n, indent] of at) lines.splice(1 + (n % lines.length), 0, `${' '.repeat(indent)}# note ${n}`);
  const out = lines.join('\n');
  return underLists ? out.replace(/\n( *)- id:/g, (m, sp: string, i: number) => (i > out.indexOf('- id:') ? `\n${sp}    # under the list\n${sp}# above the next\n${sp}- id:` : m)) : out;
});

/** Every text parsed while `f` runs. */
function parsedDuring<T>(f: () => T): { value: T; texts: string[] } {
  const texts: string[] = [];
  const parse = YamlText.parse;
  YamlText.parse = (source: string) => { texts.push(source); return parse.call(YamlText, source); };
  try {
    return { value: f(), texts };
  } finally {
    YamlText.parse = parse;
  }
}

type Change = (s: Sidecar, pick: number, words: string) => Sidecar;
const onClaim = (f: (c: Claim, words: string) => Claim): Change => (s, pick, words) => {
  if (!s.claims.length) return s;
  const i = pick % s.claims.length;
  return { ...s, claims: s.claims.map((c, j) => (j === i ? f(c, words) : c)) };
};
const CHANGES: Change[] = [
  onClaim((c) => ({ ...c, status: c.status === 'accurate' ? 'misleading' : 'accurate', rater: 'Sam Roe', rated: '2026-12-01T21:00:00Z', updated: '2026-12-01T21:00:00Z' })),
  onClaim((c, w) => ({ ...c, sources: [...c.sources, { url: 'https://example.org/new', title: w, stance: 'refutes' }] })),
  onClaim((c) => ({ ...c, sources: c.sources.slice(1) })),
  onClaim((c, w) => ({ ...c, explanation: `${w}\nsecond line` })),
  onClaim((c, w) => ({ ...c, explanation: w || undefined })),
  onClaim((c, w) => ({ ...c, tags: w ? [...(c.tags ?? []), w] : undefined })),
  onClaim((c) => ({ ...c, reviews: [...(c.reviews ?? []), { by: 'Ann Lee', date: '2026-12-01T21:00:00Z', verdict: 'approve', status: c.status }] })),
  onClaim((c, w) => ({ ...c, log: [...(c.log ?? []), { date: '2026-12-01T21:00:00Z', change: 'status', from: c.status, to: 'accurate', reason: w || undefined }] })),
  onClaim((c) => ({ ...c, recheck: c.recheck ? undefined : true, line: (c.line ?? 0) + 3, offset: (c.offset ?? 0) + 40 })),
  onClaim((c, w) => ({ ...c, quote: w || 'q', before: c.after, after: c.before })),
  (s, pick) => ({ ...s, claims: s.claims.filter((_, j) => j !== pick % Math.max(1, s.claims.length)) }),
  (s, pick) => ({ ...s, claims: s.claims.filter((_, j) => j % 2 === pick % 2) }),
  (s, pick, w) => ({ ...s, claims: [...s.claims, { id: `n${pick.toString(36)}q${s.claims.length}`, quote: w || 'new', before: '', after: w, status: 'unverified', sources: [], ...(pick % 3 ? { offset: pick % 1_000_000, line: 1 + (pick % 90) } : {}), created: '2026-12-01T21:00:00Z' }] }),
  (s) => ({ ...s, claims: [...s.claims].reverse() }),
  (s, _p, w) => ({ ...s, published: { url: 'https://factcheck.example.org/y', headline: w || 'Headline', date: '2026-12-01' } }),
  (s) => ({ ...s, published: undefined }),
  (s, _p, w) => ({ ...s, article: w.replace(/\s+/g, '') ? `${w.replace(/\s+/g, '')}.md` : 'b.md' }),
  (s, _p, w) => ({ ...s, dismissed: [...new Set([...(s.dismissed ?? []), w.replace(/\s+/g, ' ').trim() || 'A sentence.'])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) }),
  (s, pick) => ({ ...s, dismissed: s.dismissed?.filter((_, j) => j !== pick % s.dismissed!.length) }),
];
const change = fc.tuple(fc.nat(CHANGES.length - 1), fc.nat(), text).map(([k, pick, words]) => (s: Sidecar) => CHANGES[k](s, pick, words));

describe('line splice (writes that parse only the claims they change)', function () {
  this.timeout(600_000); // a hang guard, not a time limit: the seeded runs take ~15 s of CPU and far longer on a loaded machine
  it('writes byte for byte what the whole yaml Document writes, on random sidecars, hand edits and change sequences', () => {
    let compared = 0;
    let fastRead = 0;
    let byLines = 0;
    fc.assert(fc.property(sidecarArb, fc.array(handEdit, { maxLength: 3 }), comments, fc.array(change, { minLength: 1, maxLength: 5 }), (sidecar, edits, comment, changes) => {
      let first: string | undefined;
      try { first = serializeSidecar(sidecar); } catch { /* a field the schema refuses */ }
      fc.pre(first !== undefined);
      let source = comment(edits.reduce((t, e) => e(t), first!));
      for (const c of changes) {
        const fast = parseSidecar(source, 'a.md.claims.yaml');
        const whole = parseSidecar(source, 'a.md.claims.yaml', { wholeDocumentWrites: true });
        if (!fast.ok || !whole.ok) return; // the hand edit or a comment in a block scalar broke it: nothing to write
        let next = c(fast.loaded.sidecar);
        try { serializeSidecar(next); } catch { next = fast.loaded.sidecar; /* a change the schema refuses: write nothing new */ }
        const expected = serializeSidecar(next, whole.loaded);
        const { value: written, texts } = parsedDuring(() => serializeSidecar(next, fast.loaded));
        assert.strictEqual(written, expected, `${JSON.stringify(source)}\n→ ${JSON.stringify(next)}`);
        compared++;
        if (fast.loaded.layout.lines) {
          fastRead++;
          // The whole file is never parsed (nor a text that long but for one claim's worth).
          if (!texts.includes(source)) byLines++;
        }
        source = written;
      }
    }), { seed: 20261201, numRuns: 400 });
    assert.ok(compared > 800, `only ${compared} writes were compared`);
    assert.ok(fastRead > 0.4 * compared, `only ${fastRead} of ${compared} files were read by the fast reader`);
    assert.strictEqual(byLines, fastRead, `${fastRead - byLines} writes into files the fast reader read parsed the whole file`);
  });

  it('gives the spans and item renderings YamlText gives, with unknown keys and lists beyond a sidecar\'s', () => {
    let checked = 0;
    const extras = fc.constantFrom(
      (s: string) => s.replace(/^(\s*)status: /m, '$1x-unknown: [a, "b"]\n$1status: '),
      (s: string) => s.replace(/^claims:/m, 'notes: |+\n  kept\n\n\nextra:\n  - one\n  - two: 2\n    three: [3]\n# before claims\nclaims:'),
      (s: string) => `${s}${s.endsWith('\n') ? '' : '\n'}trailer:\n- a\n- b\n`,
      (s: string) => s.replace(/^(\s*)sources:/m, '$1nested:\n$1  deep:\n$1    - x\n$1    # deep comment\n$1sources:'),
    );
    fc.assert(fc.property(sidecarArb, fc.array(handEdit, { maxLength: 2 }), comments, fc.array(extras, { maxLength: 2 }), fc.nat(), (sidecar, edits, comment, more, seed) => {
      let first: string | undefined;
      try { first = serializeSidecar(sidecar); } catch { /* refused */ }
      fc.pre(first !== undefined);
      const source = comment(more.reduce((t, e) => e(t), edits.reduce((t, e) => e(t), first!)));
      const fast = fastYamlValue(source.replace(/^\ufeff/, ''));
      if (!fast) return;
      const parsed = YamlText.parse(source);
      assert.ok(parsed.ok);
      const lines = LineSplice.of(source);
      assert.ok(lines, JSON.stringify(source));
      const doc = documentSplice(parsed.yaml, (key) => parsed.yaml.blockItems([key]));
      const random = seededRandom(seed);
      for (const key of Object.keys(fast.value as object)) {
        const value: unknown = (fast.value as Record<string, unknown>)[key];
        assert.deepStrictEqual(lines.pairValueSpan([key]), doc.pairValueSpan([key]), `${key} in ${JSON.stringify(source)}`);
        const docItems = doc.items(key);
        const lineItems = lines.items(key);
        if (Array.isArray(value) && docItems) {
          assert.ok(lineItems && lineItems.length === docItems.length, `${key} items in ${JSON.stringify(source)}`);
          for (let i = 0; i < docItems.length; i++) {
            assert.deepStrictEqual(lineItems.span(i), docItems.span(i), `${key}[${i}] in ${JSON.stringify(source)}`);
            // The item edited to another one's value, to a changed copy of its own, and left as it is.
            const list = value as unknown[];
            const other = list[Math.floor(random() * list.length)];
            const changed: unknown = other && typeof other === 'object' ? { ...other, status: 'changed', quote: 'x\ny' } : 'changed';
            const candidates: unknown[] = [other, changed, list[i]];
            for (const next of candidates) {
              assert.strictEqual(lines.renderEditedItem([key], i, next, SIDECAR_STYLE, docItems.span(i).indent, '\n'),
                doc.renderEditedItem([key], i, next, SIDECAR_STYLE, docItems.span(i).indent, '\n'), `${key}[${i}] in ${JSON.stringify(source)}`);
              checked++;
            }
          }
        } else {
          assert.strictEqual(lineItems, undefined);
          assert.deepStrictEqual(lines.topLevelPairSpan(key), doc.topLevelPairSpan(key), `${key} in ${JSON.stringify(source)}`);
        }
        checked++;
      }
    }), { seed: 20261202, numRuns: 400 });
    assert.ok(checked > 2000, `only ${checked} answers were compared`);
  });

  it('a comment after a claim\'s nested list stays, and a change elsewhere touches only its own lines (it used to rewrite every claim)', () => {
    const source = [
      'factmark: 1', 'article: a.md', 'claims:',
      '  - id: aaaaaa', '    quote: "one"', '    before: ""', '    after: ""', '    status: accurate', '    sources:', '      - url: https://example.org/a',
      '      # the second source is in the print edition', '', '  # claim b: ask the desk',
      '  - id: bbbbbb', '    quote: "two"', '    before: ""', '    after: ""', '    status: unverified', '    tags: [x] # keep', '',
    ].join('\n');
    for (const options of [{}, { wholeDocumentWrites: true }]) {
      const r = parseSidecar(source, 'a.md.claims.yaml', options);
      assert.ok(r.ok);
      const next = { ...r.loaded.sidecar, claims: r.loaded.sidecar.claims.map((c) => (c.id === 'bbbbbb' ? { ...c, status: 'accurate' } : c)) };
      const written = serializeSidecar(next, r.loaded);
      assert.strictEqual(written, source.replace('status: unverified', 'status: accurate'), JSON.stringify(options));
      // A change to the claim the comments follow keeps each of them once (the parser gives both
      // to that claim's list, so they are re-indented with it) and leaves the next claim's lines.
      const again = parseSidecar(written, 'a.md.claims.yaml', options);
      assert.ok(again.ok);
      const first = { ...again.loaded.sidecar, claims: again.loaded.sidecar.claims.map((c) => (c.id === 'aaaaaa' ? { ...c, status: 'misleading' } : c)) };
      const rewritten = serializeSidecar(first, again.loaded);
      for (const comment of ['# the second source is in the print edition', '# claim b: ask the desk']) {
        assert.strictEqual(rewritten.split('\n').filter((l) => l.trim() === comment).length, 1, rewritten);
      }
      assert.ok(rewritten.endsWith(written.slice(written.indexOf('  - id: bbbbbb'))) && rewritten.includes('    status: misleading\n'), rewritten);
    }
  });
});
