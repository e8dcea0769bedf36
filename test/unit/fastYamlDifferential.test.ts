// Seeded differential fuzz of the fast sidecar reader against the full `yaml` parser. Bases:
// sidecars written by Factmark's own writer (the bench's generator, sidecarOf; random sidecars
// with every field and hostile text; the treaty fixture, hand-written). Each case is a base
// mutated once or twice (test/fixtures/adversarial/yamlMutations.ts: characters and lines
// deleted, inserted, duplicated, swapped, re-indented; anchors, aliases, tags, flow maps, block
// scalars |+ |- |2 >, multi-line scalars, '#' in values, tabs, CR, CRLF, NEL, LS, PS, BOM, NUL,
// control and bidi characters, very long lines, duplicate keys, keys in other orders). On every
// text the fast reader reads, it must give exactly the full parser's value, the line locator
// (which places problems in files too large for the full parser) every key and value where the
// yaml Document does, parseSidecar the same result with either reader (claims, warnings,
// problems with line and column, layout), and the writer the same bytes for an edit on either
// load. On a text it gives up on, parseSidecar runs the full parser alone (nothing to compare).
import * as assert from 'assert';
import fc from 'fast-check';
import { article, sidecarOf } from '../../bench/generateWorkspace';
import { seededRandom } from '../../bench/seededRandom';
import type { Sidecar } from '../../src/core/model';
import { serializeSidecar } from '../../src/core/sidecar/sidecarYaml';
import { fastYamlValue } from '../../src/core/yaml/fastYaml';
import { agrees, locatesAsYaml, sameEitherWay } from '../fixtures/fastYamlCompare';
import { sidecarArb } from '../fixtures/sidecarArbitraries';
import { makeMutator, OPERATORS } from '../fixtures/adversarial/yamlMutations';
import { fixture } from '../fixtures/sidecars/fixtures';

const SEED = 20261202;
const CASES = 2000;

/**
 * Sidecars Factmark wrote, a few claims each (mutations are cheap to parse on them), that the
 * fast reader reads: it gives up on some that the writer writes (a line separator in a plain
 * scalar, a `|2-` header), and mutations of those would test the full parser against itself.
 */
function bases(rand: () => number): string[] {
  // The treaty fixture without its claim written as a flow mapping (which the fast reader leaves to the full parser).
  const out = [fixture('treaty.md.claims.yaml').replace(/  - \{id: p4wz9a.*\n/, '')];
  for (let i = 0; i < 6; i++) {
    const s = sidecarOf(rand, 'a.md', article(rand, 900, 2 + (i % 2), `Article ${i}`));
    if (i === 1) { s.claims[0].tags = ['x y', 'b#c', '- d']; s.claims[0].claimant = 'A: B # c'; }
    if (i === 2) { s.claims[0].explanation = 'Ends with blank lines\n\n\n'; s.claims[1].explanation = '# not a comment\n- nor a list\n\n'; }
    if (i === 3) { s.claims[0].quote = 'quote with "dq", \'sq\' # hash: colon'; s.claims[0].before = '\u202eRLO \u2066isolate\u2069 zero\u200bwidth'; }
    if (i === 4) { s.dismissed = ['abcdef']; s.published = { url: 'https://example.org/a?b#c', date: '2026-11-30' }; }
    out.push(serializeSidecar(s));
  }
  for (const s of fc.sample(sidecarArb, { seed: SEED, numRuns: 200 })) {
    try { out.push(serializeSidecar(s)); } catch { /* a field the schema refuses */ }
  }
  return out.filter((t) => t.length < 2600 && fastYamlValue(t)).slice(0, 24);
}

/** Edits written on top of both loads: each touches the splicing the writer does by lines. */
function edit(rand: () => number): (s: Sidecar) => Sidecar {
  const k = Math.floor(rand() * 6);
  return (s) => {
    const i = Math.floor(rand() * Math.max(1, s.claims.length));
    const c = s.claims[i];
    if (k === 0 && c) c.status = c.status === 'accurate' ? 'inaccurate' : 'accurate';
    else if (k === 1 && c) s.claims.splice(i, 1);
    else if (k === 2 && c) c.explanation = ['a\n\nb\n', 'x', '  lead', 'trail\n\n', '# not a comment\n- x'][i % 5];
    else if (k === 3 && c) c.tags = [['a b', 'c#d'], [], ['x']][i % 3];
    else if (k === 4) s.dismissed = ['abcdef'];
    else s.claims.push({ id: 'n3wc1m', quote: 'new\nwords: # x', before: '', after: '', status: 'unverified', sources: [], offset: Math.floor(rand() * 3000) });
    return s;
  };
}

describe('fast sidecar reader: seeded differential fuzz against the full parser', () => {
  it(`${CASES} mutated sidecars: the fast reader gives up or gives exactly what the full parser gives (value, places, parseSidecar, written bytes)`, function () {
    this.timeout(60_000);
    const rand = seededRandom(SEED);
    const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)];
    const texts = bases(rand);
    const mutate = makeMutator(rand);
    const read = new Array<number>(OPERATORS.length).fill(0);
    const tried = new Array<number>(OPERATORS.length).fill(0);
    let places = 0;
    for (let n = 0; n < CASES; n++) {
      let s = pick(texts);
      const times = rand() < 0.7 ? 1 : 2;
      for (let j = 0; j < times; j++) s = mutate(s);
      const op = mutate.last;
      tried[op]++;
      // A BOM is no part of the YAML (parseSidecar takes it off before the fast reader).
      if (!agrees(s.replace(/^\ufeff/, ''))) continue;
      read[op]++;
      places += locatesAsYaml(s);
      sameEitherWay(s, edit(rand));
    }
    // Not vacuous: many cases are read fast, by every kind of mutation, and compared in full.
    const total = read.reduce((a, b) => a + b, 0);
    assert.ok(total > CASES / 4, `the fast reader read only ${total} of ${CASES}`);
    OPERATORS.forEach((name, i) => assert.ok(read[i] >= 5, `'${name}': read ${read[i]} of ${tried[i]}`));
    assert.ok(places > 50_000, `only ${places} places compared`);
  });

  it('its bases: the generated sidecars, hostile fields and the fixture, read fast before any mutation', () => {
    const texts = bases(seededRandom(SEED));
    assert.strictEqual(texts.length, 24);
    assert.ok(texts.filter((t) => t.includes('Desk Bench')).length >= 5, 'the bench generator\'s sidecars are among them');
    assert.ok(texts.some((t) => t.includes('treaty')));
    assert.ok(texts.filter((t) => /reviews:|log:|published:|dismissed:/.test(t)).length >= 10, 'sidecars with every field are among them');
  });
});
