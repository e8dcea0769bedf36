import * as assert from 'assert';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar/sidecarYaml';
import type { LoadedSidecar } from '../../src/core/sidecar/sidecarYaml';
import { changedLines, claim, copy, fixture, load } from '../fixtures/sidecars/fixtures';

const TREATY = fixture('treaty.md.claims.yaml');

describe('sidecar reading', () => {
  it('reads every field of the documented format, timestamps and dates as strings', () => {
    const { sidecar, warnings } = load(TREATY);
    assert.deepStrictEqual(warnings, []);
    assert.strictEqual(sidecar.factmark, 1);
    assert.strictEqual(sidecar.article, 'treaty.md');
    assert.deepStrictEqual(sidecar.claims.map((c) => c.id), ['k3xq7d', 'm8vr2p', 'p4wz9a']);
    const [first, second] = sidecar.claims;
    assert.strictEqual(first.quote, 'The treaty was signed by 194 countries');
    assert.strictEqual(first.line, 14);
    assert.strictEqual(first.offset, 1234);
    assert.strictEqual(first.created, '2026-11-28T12:00:00Z');
    assert.strictEqual(first.explanation, 'The depositary list shows 194 signatures.\nTwo signatories later withdrew, which the article mentions.\n');
    assert.deepStrictEqual(first.tags, ['treaty', 'numbers']);
    assert.deepStrictEqual(first.sources[0], {
      url: 'https://example.org/a', title: 'UN Treaty Collection', accessed: '2026-11-20',
      archive: 'https://web.archive.org/web/2026/https://example.org/a', excerpt: 'the passage', stance: 'supports',
    });
    assert.strictEqual(second.quote, 'It is the largest treaty "ever" signed');
    assert.deepStrictEqual(second.sources, [], 'sources may be left out');
  });
});

describe('sidecar writing on top of a load', () => {
  const untouched: [string, string][] = [
    ['the hand-formatted fixture (comments, blank lines, odd quoting, flow lists and maps)', TREATY],
    ['CRLF line endings', TREATY.replace(/\n/g, '\r\n')],
    ['no trailing newline', TREATY.trimEnd()],
    ['an empty flow list of claims', 'factmark: 1\narticle: a.md\nclaims: []'],
    ['a list at column 0 and extra spaces after a colon', 'factmark: 1\narticle: a.md\nclaims:\n- id: abc123\n  quote:    "x"\n  before: ""\n  after: ""\n  status: unverified\n'],
  ];
  for (const [name, source] of untouched) {
    it(`gives back an untouched file byte for byte: ${name}`, () => {
      const loaded = load(source);
      assert.strictEqual(serializeSidecar(loaded.sidecar, loaded), source);
      assert.strictEqual(serializeSidecar(copy(loaded.sidecar), loaded), source, 'a copy of the claims is untouched too');
    });
  }

  it('changes only the lines of the claim that changed, keeping comments and key order', () => {
    const loaded = load(TREATY);
    const next = copy(loaded.sidecar);
    next.claims[1].status = 'misleading';
    next.claims[1].updated = '2026-11-29T09:00:00Z';
    const out = serializeSidecar(next, loaded);
    const lines = out.split('\n');
    assert.deepStrictEqual(changedLines(TREATY, out).map((n) => lines[n - 1].trim()),
      ['status: misleading', 'updated: 2026-11-29T09:00:00Z']);
    assert.ok(out.includes('    # Need a historian here.\n') && out.includes('    # end of m8vr2p\n'), 'comments inside and after the claim survive');
    assert.ok(out.includes(`quote: 'It is the largest treaty "ever" signed'`), 'single quotes of an untouched value survive');
  });

  it('keeps a trailing comment on a changed value, and the comment above the claim', () => {
    const loaded = load(TREATY);
    const next = copy(loaded.sidecar);
    next.claims[0].status = 'mixed';
    const out = serializeSidecar(next, loaded);
    assert.ok(/status: mixed +# confirmed twice/.test(out), out);
    assert.ok(out.includes('  # The headline number'), 'comment above the claim survives');
    assert.ok(changedLines(TREATY, out).length <= 2, 'at most the status line and the re-spaced flow list');
  });

  it('writes a multi-line explanation as a | block and never folds a long quote', () => {
    const loaded = load(TREATY);
    const next = copy(loaded.sidecar);
    const longQuote = 'word '.repeat(60).trim();
    next.claims[1] = { ...next.claims[1], quote: longQuote, explanation: 'First line.\nSecond line.\n' };
    
    const out = serializeSidecar(next, loaded);
    assert.ok(out.split('\n').some((l) => l.includes(longQuote)), 'the quote is on one line');
    assert.ok(/explanation: \|\n +First line\.\n +Second line\./.test(out), out);
    const reread = load(out);
    assert.strictEqual(reread.sidecar.claims[1].quote, longQuote);
    assert.strictEqual(reread.sidecar.claims[1].explanation, 'First line.\nSecond line.\n');
  });

  it('keeps CRLF line endings in re-rendered and new claims', () => {
    const crlf = TREATY.replace(/\n/g, '\r\n');
    const loaded = load(crlf);
    const next = copy(loaded.sidecar);
    next.claims[0].explanation = 'one\ntwo\n';
    next.claims.push(claim('newcl1', { offset: 99999 }));
    const out = serializeSidecar(next, loaded);
    assert.ok(!/[^\r]\n/.test(out), 'every line break is CRLF');
    assert.deepStrictEqual(load(out).sidecar.claims.map((c) => c.id), ['k3xq7d', 'm8vr2p', 'p4wz9a', 'newcl1']);
  });

  it('does not rewrite a claim only because its position hints moved', () => {
    const loaded = load(TREATY);
    const next = copy(loaded.sidecar);
    next.claims[0].line = 40;
    next.claims[0].offset = 5000;
    assert.strictEqual(serializeSidecar(next, loaded), TREATY);
    next.claims[0].status = 'mixed';
    const reread = load(serializeSidecar(next, loaded)).sidecar.claims[0];
    assert.deepStrictEqual([reread.line, reread.offset], [40, 5000], 'hints are written with a real change');
  });

  it('rewrites a claim whose place the user set, even when only its position hints moved, and only that claim', () => {
    const loaded = load(TREATY);
    const next = copy(loaded.sidecar);
    next.claims[0].line = 40;
    next.claims[0].offset = 5000;
    const out = serializeSidecar(next, loaded, { placed: new Set([next.claims[0].id]) });
    const reread = load(out).sidecar;
    assert.deepStrictEqual([reread.claims[0].line, reread.claims[0].offset], [40, 5000]);
    assert.deepStrictEqual(reread.claims.slice(1), loaded.sidecar.claims.slice(1));
    // Only the claim's own lines changed: the text before it and from the next claim on is the same.
    const second = (t: string) => t.indexOf(`- id: ${loaded.sidecar.claims[1].id}`);
    const first = TREATY.indexOf(`- id: ${loaded.sidecar.claims[0].id}`);
    assert.strictEqual(out.slice(0, first), TREATY.slice(0, first));
    assert.strictEqual(out.slice(second(out)), TREATY.slice(second(TREATY)));
    // Another claim named in `placed` with the hints it has on disk: its bytes stay.
    assert.strictEqual(serializeSidecar(copy(loaded.sidecar), loaded, { placed: new Set([loaded.sidecar.claims[1].id]) }), TREATY);
  });

  it('inserts a new claim in article order by its offset hint, and only adds lines', () => {
    const source = 'factmark: 1\narticle: a.md\nclaims:\n'
      + ['aaaaaa', 'cccccc'].map((id, i) => `  - id: ${id}\n    quote: "q"\n    before: ""\n    after: ""\n    offset: ${(i + 1) * 100}\n    status: unverified\n`).join('\n');
    const loaded = load(source);
    const next = copy(loaded.sidecar);
    next.claims.push(claim('bbbbbb', { offset: 150 }));
    const out = serializeSidecar(next, loaded);
    assert.deepStrictEqual(load(out).sidecar.claims.map((c) => c.id), ['aaaaaa', 'bbbbbb', 'cccccc']);
    const kept = out.split('\n').filter((l) => source.split('\n').includes(l));
    assert.ok(source.split('\n').every((l) => kept.includes(l)), 'no original line was changed');
  });

  it('removes a deleted claim with its comments and keeps the others byte for byte', () => {
    const loaded = load(TREATY);
    for (const gone of [0, 1, 2]) {
      const next = copy(loaded.sidecar);
      const [removed] = next.claims.splice(gone, 1);
      const out = serializeSidecar(next, loaded);
      assert.ok(!out.includes(removed.id));
      const reread = load(out);
      assert.deepStrictEqual(reread.sidecar.claims, next.claims);
      const outLines = new Set(out.split('\n'));
      for (const other of next.claims) {
        const slice = TREATY.slice(TREATY.indexOf(`id: ${other.id}`), TREATY.indexOf(other.by ?? other.status, TREATY.indexOf(`id: ${other.id}`)));
        assert.ok(out.includes(slice), `claim ${other.id} kept as it was`);
      }
      assert.ok(outLines.has('# trailing comment'));
    }
  });

  it('handles deleting every claim and then adding to an empty list', () => {
    const loaded = load(TREATY);
    const empty = serializeSidecar({ ...loaded.sidecar, claims: [] }, loaded);
    assert.deepStrictEqual(load(empty).sidecar.claims, []);
    const reloaded = load(empty);
    const out = serializeSidecar({ ...reloaded.sidecar, claims: [claim('abcdef')] }, reloaded);
    assert.deepStrictEqual(load(out).sidecar.claims, [claim('abcdef')]);
  });

  it('changes the article name in place', () => {
    const loaded = load(TREATY);
    const out = serializeSidecar({ ...copy(loaded.sidecar), article: 'pact: final.md' }, loaded);
    assert.deepStrictEqual(changedLines(TREATY, out), [3]);
    assert.strictEqual(load(out).sidecar.article, 'pact: final.md');
  });

  it('is deterministic', () => {
    const loaded = load(TREATY);
    const next = copy(loaded.sidecar);
    next.claims[0].tags = ['z'];
    next.claims.push(claim('zzzzzz', { offset: 1 }));
    assert.strictEqual(serializeSidecar(next, loaded), serializeSidecar(copy(next), loaded));
  });

  it('refuses to write on top of anything but a successful parse, and refuses invalid claims', () => {
    const loaded = load(TREATY);
    const forged = { ...loaded, layout: { ...loaded.layout } } as LoadedSidecar;
    assert.throws(() => serializeSidecar(loaded.sidecar, forged), /successful parseSidecar/);
    const broken = parseSidecar(TREATY.replace('status: accurate', 'status: [accurate'));
    assert.strictEqual(broken.ok, false, 'a file with errors gives no LoadedSidecar to write over');
    const bad = copy(loaded.sidecar);
    bad.claims.push({ ...bad.claims[0] });
    assert.throws(() => serializeSidecar(bad, loaded), /used twice/);
  });
});

describe('sidecar writing from scratch', () => {
  it('renders a header comment, the documented key order and blank lines between claims', () => {
    const out = serializeSidecar({
      factmark: 1, article: 'treaty.md', claims: [
        claim('k3xq7d', { line: 14, offset: 1234, status: 'accurate', claimant: 'UN spokesperson', explanation: 'Multi-line\nrationale.\n',
          sources: [{ url: 'https://example.org/a', title: 'Title', accessed: '2026-11-20', excerpt: 'the passage', stance: 'supports' }],
          tags: ['treaty', 'numbers'], created: '2026-11-28T12:00:00Z', updated: '2026-11-28T12:00:00Z', by: 'Jane Doe' }),
        claim('234567'),
      ],
    });
    assert.strictEqual(out, `# Factmark claims for treaty.md — https://github.com/factmark/factmark#sidecar-format
factmark: 1
article: treaty.md
claims:
  - id: k3xq7d
    quote: "quote of k3xq7d"
    before: "before "
    after: " after"
    line: 14
    offset: 1234
    status: accurate
    claimant: UN spokesperson
    explanation: |
      Multi-line
      rationale.
    sources:
      - url: https://example.org/a
        title: Title
        accessed: 2026-11-20
        excerpt: "the passage"
        stance: supports
    tags: [treaty, numbers]
    updated: 2026-11-28T12:00:00Z
    by: Jane Doe
    created: 2026-11-28T12:00:00Z

  - id: "234567"
    quote: "quote of 234567"
    before: "before "
    after: " after"
    status: unverified
`);
    assert.strictEqual(load(out).sidecar.claims[1].id, '234567', 'an all-digit id stays a string');
  });

  it('writes an empty list as claims: []', () => {
    assert.strictEqual(serializeSidecar({ factmark: 1, article: 'a.md', claims: [] }).split('\n').slice(-2).join('\n'), 'claims: []\n');
  });
});
