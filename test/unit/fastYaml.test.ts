// The fast sidecar reader against the full `yaml` parser: on every text it either gives up or
// gives exactly the parser's value, and parseSidecar gives the same result whichever reader it
// used (model, warnings, problems with line and column, the layout the writer splices with, and
// what the writer then writes). Texts: sidecars written by Factmark from random claims (every
// field, hostile text), the same hand-edited (comments, blank lines, CRLF, other quoting and
// indentation), the adversarial mutations, and the generated archive of the scale bench.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { generateWorkspace } from '../../bench/generateWorkspace';
import type { Sidecar } from '../../src/core/model';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar/sidecarYaml';
import { fastYamlValue } from '../../src/core/yaml/fastYaml';
import { handEdit, sidecarArb } from '../fixtures/sidecarArbitraries';
import { mutationsArb } from '../fixtures/adversarial/sidecarMutations';
import { fixture } from '../fixtures/sidecars/fixtures';
import { agrees, sameEitherWay } from '../fixtures/fastYamlCompare';

const SEED = 20261201;

describe('fast sidecar reader', () => {
  it('reads every sidecar Factmark writes from ordinary text, with the full parser\'s value', () => {
    const plain = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ,.;()£%“”’-]{0,60}[A-Za-z0-9.]$/);
    const ordinary = fc.record({ quote: plain, before: plain, after: plain, explanation: fc.constantFrom('One line.', 'Two lines\nof reasons.'), claimant: plain, tags: fc.array(fc.constantFrom('budget', 'health'), { maxLength: 2 }) });
    fc.assert(fc.property(fc.array(ordinary, { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 1000 }), (claims, line) => {
      const sidecar: Sidecar = { factmark: 1, article: 'a.md', claims: claims.map((c, i) => ({ id: `c${i}x7k2`, line: line + i, offset: 40 * i, status: 'accurate', sources: [{ url: 'https://example.org/a', title: 'A title', accessed: '2026-11-20', stance: 'supports' }], created: '2026-11-28T12:00:00Z', by: 'Jane Doe', ...c })) };
      const written = serializeSidecar(sidecar);
      assert.ok(agrees(written), `the fast reader gave up on ${written}`);
      assert.ok(agrees(written.replace(/\n/g, '\r\n')), 'the fast reader gave up on a CRLF file');
    }), { seed: SEED, numRuns: 100 });
  });

  it('on sidecars with every field and hostile text, written and hand-edited, it gives up or agrees; parseSidecar is the same either way', () => {
    let read = 0;
    let runs = 0;
    fc.assert(fc.property(sidecarArb, fc.array(handEdit, { maxLength: 3 }), fc.nat(3), (sidecar, edits, which) => {
      let first: string | undefined;
      try { first = serializeSidecar(sidecar); } catch { /* a field the schema refuses (an empty headline, …) */ }
      fc.pre(first !== undefined);
      const written = edits.reduce((t, e) => e(t), first!);
      runs++;
      if (agrees(written)) read++;
      sameEitherWay(written, (s) => {
        if (s.claims.length) s.claims[which % s.claims.length].status = 'misleading';
        else s.claims.push({ id: 'n3wc1m', quote: 'new', before: '', after: '', status: 'unverified', sources: [] });
        return s;
      });
    }), { seed: SEED, numRuns: 250 });
    // Not a target, a sanity check that the property is not vacuous: most of these are read fast.
    assert.ok(read > runs / 3, `the fast reader read only ${read} of ${runs}`);
  });

  it('on mutated sidecars (truncated, random bytes, wrong types, duplicate keys, nesting, aliases) it never reads what the full parser rejects', () => {
    const bases = [fixture('treaty.md.claims.yaml'), fixture('treaty.md.claims.yaml').replace(/  - \{id: p4wz9a.*\n/, '')];
    fc.assert(fc.property(fc.constantFrom(...bases), mutationsArb, (base, mutate) => {
      const s = mutate(base);
      agrees(s);
      sameEitherWay(s);
    }), { seed: SEED, numRuns: 800 });
  });

  it('YAML edge cases: gives up or agrees, one by one', () => {
    const cases = [
      'a: 1\nb: 2\n', 'a: 01\n', 'a: -1\n', 'a: 1.0\n', 'a: true\nb: False\n', 'a: null\n', 'a:\n', 'a: ~\n', 'a: 0x1A\n', 'a: 0o17\n', 'a: .inf\n', 'a: 1e3\n',
      'a: 12345678901234567890\n', 'a: x # c\n', 'a: x#c\n', 'a: "x" # c\n', 'a: "x"#c\n', "a: 'it''s'\n", 'a: "\\u00e9\\x41\\U0001F600\\n\\t\\"\\\\\\/\\0\\a\\b\\e\\f\\r\\v\\N\\_\\L\\P\\ "\n',
      'a: "\\q"\n', 'a: "\\ud800"\n', 'a: "\\UFFFFFFFF"\n', 'a: "x\n  y"\n', "a: 'x\n  y'\n", 'a: x\n  y\n', 'a: |\n  x\n  y\n', 'a: |-\n  x\n\n', 'a: |+\n  x\n\n\nb: 1\n',
      'a: |\n\n  x\n', 'a: |\n    \n  x\n', 'a: |\n  x\n    \n  y\n', 'a: |2\n   x\n', 'a: >\n  x\n', 'a: |\n  x', 'a: |\nb: 1\n', 'a: |\n  x\n # c\nb: 1\n', 'a: |\n  # not a comment\n',
      'a: [x, "y", \'z\']\n', 'a: []\n', 'a: [ ]\n', 'a: [x,]\n', 'a: [x, [y]]\n', 'a: [x #c]\n', 'a: [a: b]\n', 'a: {x: 1}\n', 'a: {}\n', 'a: [1, 2]\n', 'a: [x] # c\n', 'a: [x] y\n',
      'a:\n  - x\n  - y\n', 'a:\n- x\n- y\nb: 1\n', 'a:\n  - b: 1\n    c: 2\n  - b: 3\n', 'a:\n  -\n    b: 1\n', 'a:\n  - - x\n', 'a:\n  - b: 1\n   c: 2\n', 'a:\n  - b: 1\n      c: 2\n',
      'a:\n  b: 1\n  c: 2\n', 'a:\n  b: 1\n c: 2\n', 'a: 1\na: 2\n', 'a:\n  - b: 1\n    b: 2\n', '__proto__: 1\n', 'true: 1\n', 'null: 1\n', '"a": 1\n', 'a b: 1\n', 'a:b\n', 'a: b: c\n', 'a: b:\n',
      '- a\n', 'a\n', '--- \na: 1\n', 'a: 1\n...\n', '%YAML 1.2\n---\na: 1\n', 'a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: @x\n', 'a: `x`\n', 'a: %x\n', 'a: ?x\n', 'a: :x\n', 'a: -x\n', 'a: - x\n',
      ' a: 1\n', 'a: 1\n b: 2\n', 'a:\n\tb: 1\n', 'a: "tab\there"\n', '\ufeffa: 1\n', 'a: 1\r\nb: |\r\n  x\r\n  y\r\n', 'a: 1\rb: 2\n', 'a: x\u2028y\n', 'a: "é 🌍 中文"\n', 'a: é 🌍 中文\n',
      'a:\n  # c\n  - x\n  # d\n  - y\n# e\n', 'a: "x"\n  b: 1\n', 'a:    \n  - x\n', 'x-y_z: 1\n', 'a: [x\n', 'a: "x\n', '? a\n: b\n', 'a: |\n  x\n  b: 1\n', 'a:\n  - b\n  c: 1\n',
    ];
    for (const c of cases) {
      agrees(c);
      sameEitherWay(c);
    }
    // The common shapes are read fast, not left to the full parser.
    for (const c of ['a: 1\nb: 2\n', 'a: x # c\n', "a: 'it''s'\n", 'a: |\n  x\n  y\n', 'a: |+\n  x\n\n\nb: 1\n', 'a:\n- x\n- y\nb: 1\n', 'a:\n  - b: 1\n    c: 2\n  - b: 3\n', 'a: [x, "y", \'z\']\n', 'a: "é 🌍 中文"\n', 'a: 1\r\nb: |\r\n  x\r\n  y\r\n']) {
      assert.ok(fastYamlValue(c), `gave up on ${JSON.stringify(c)}`);
    }
  });

  it('reads every sidecar of the generated archive (the scale bench\'s workspace) fast', function () {
    this.timeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-fast-'));
    try {
      const g = generateWorkspace(dir, { articles: 12, seed: 3 });
      for (const a of g.articles) {
        const source = fs.readFileSync(path.join(dir, a) + '.claims.yaml', 'utf8');
        assert.ok(agrees(source), `gave up on ${a}`);
        sameEitherWay(source, (s) => { s.claims[0].status = 'inaccurate'; s.claims.splice(1, 1); return s; });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds the yaml Document only when something needs it: not to read a valid file', () => {
    const r = parseSidecar(serializeSidecar({ factmark: 1, article: 'a.md', claims: [{ id: 'k3xq7d', quote: 'q', before: 'b', after: 'a', status: 'accurate', sources: [] }] }));
    assert.ok(r.ok);
    const layout = r.loaded.layout as unknown as Record<string, unknown>;
    // The lazy parts are getters; reading the rest of the layout must not touch them.
    for (const k of ['yaml', 'items', 'dismissedItems']) assert.ok(Object.getOwnPropertyDescriptor(layout, k)?.get, `${k} is not lazy`);
  });
});
