// Sidecar persistence through the ClaimStore: random adds, updates, removals and undos, then
// serialize → parse gives back exactly the store's claims, every claim nobody touched keeps its
// bytes (comments, quoting, CRLF), and saving again without changes writes the same text.
import * as assert from 'assert';
import fc from 'fast-check';
import type { Claim, Source } from '../../src/core/model';
import { parseSidecar } from '../../src/core/sidecar/sidecarYaml';
import { DEFAULT_SCALE } from '../../src/core/statusScale';
import { ClaimStore } from '../../src/core/store/claimStore';
import { HOSTILE } from '../fixtures/adversarial/hostile';
import { assertSeeded } from '../fixtures/adversarial/seeded';
import { fixture } from '../fixtures/sidecars/fixtures';

const RUNS = 10_000;
const ARTICLE = 'file:///ws/treaty.md';
const TEXT = 'In a ceremony on Tuesday, The treaty was signed by 194 countries, a record for any accord.\n'
  + 'It is the largest treaty "ever" signed. The accord took effect in 2027 and binds its parties.\n'
  + 'Officials said it would last for twenty years. Критики назвали договор угрозой. 条约已生效。 🌍 Emissions fell.\n';
const TREATY = fixture('treaty.md.claims.yaml');

function fresh(): ClaimStore {
  let t = 0;
  const s = new ClaimStore({ scale: DEFAULT_SCALE, now: () => `2026-11-28T12:${String(Math.floor(t / 60) % 60).padStart(2, '0')}:${String(t++ % 60).padStart(2, '0')}Z`, author: () => 'Ana' });
  s.open(ARTICLE, ARTICLE + '.claims.yaml', 'treaty.md');
  return s;
}

function generatedBase(): string {
  const s = fresh();
  s.loadSidecar(ARTICLE, undefined);
  s.setArticleText(ARTICLE, TEXT);
  for (const w of ['The treaty was signed', 'largest treaty', 'twenty years']) s.addClaim(ARTICLE, TEXT.indexOf(w), TEXT.indexOf(w) + w.length, { explanation: `Because\n${w}.` });
  return s.serialize(ARTICLE);
}
const BASES = [TREATY, TREATY.replace(/\n/g, '\r\n'), generatedBase()];
/** Each base's claim items as written, by id (spans from the parser's own layout). */
const ITEMS = BASES.map((b) => {
  const r = parseSidecar(b);
  if (!r.ok) throw new Error('base does not parse');
  const items = r.loaded.layout.items!;
  return new Map(r.loaded.layout.ids.map((id, i) => [id, b.slice(items[i].lineStart, items[i].lineEnd)]));
});

const text = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'grapheme', maxLength: 30 }));
const frac = fc.integer({ min: 0, max: 999 }).map((n) => n / 1000);
const sourceArb: fc.Arbitrary<Source> = fc.record({ url: fc.constantFrom('https://example.org/a', 'doi:10.1000/182', 'javascript:alert(1)'), title: text }, { requiredKeys: ['url'] });
const patchArb: fc.Arbitrary<Partial<Claim>> = fc.record({
  status: fc.constantFrom('unverified', 'accurate', 'inaccurate', 'mixed'),
  explanation: text, claimant: text,
  tags: fc.array(text.filter((s) => s.length > 0), { maxLength: 3 }),
  sources: fc.array(sourceArb, { maxLength: 2 }),
}, { requiredKeys: [] });
type Op = { kind: 'add'; at: number; len: number; init: Partial<Claim> } | { kind: 'update'; which: number; patch: Partial<Claim> } | { kind: 'remove'; which: number } | { kind: 'undo' } | { kind: 'save' };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), at: frac, len: fc.integer({ min: 1, max: 40 }), init: patchArb }),
  fc.record({ kind: fc.constant('update' as const), which: frac, patch: patchArb }),
  fc.record({ kind: fc.constant('remove' as const), which: frac }),
  fc.record({ kind: fc.constant('undo' as const) }),
  fc.record({ kind: fc.constant('save' as const) }),
);

/** Plain data as a file holds it (no undefined fields, no null prototypes). */
const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x));

describe('adversarial persistence through the ClaimStore (seeded)', function () {
  this.timeout(600_000); // a hang guard, not a time limit: seeded runs take ~60 s of CPU and far longer on a loaded machine

  it(`${RUNS} random mutation sequences: written and read back are the store's claims; untouched claims keep their bytes`, () => {
    const seen = { runs: 0, ops: 0, untouchedChecked: 0, saves: 0 };
    const prop = fc.property(fc.nat(BASES.length - 1), fc.array(opArb, { minLength: 1, maxLength: 8 }), (b, ops) => {
      const s = fresh();
      s.loadSidecar(ARTICLE, BASES[b]);
      s.setArticleText(ARTICLE, TEXT);
      let disk = BASES[b];
      const touched = new Set<string>();
      const ids = () => s.get(ARTICLE)!.claims.map((c) => c.claim.id);
      const save = () => { disk = s.serialize(ARTICLE); s.markSaved(ARTICLE, disk); s.loadSidecar(ARTICLE, disk); seen.saves++; };
      for (const op of ops) {
        seen.ops++;
        const all = ids();
        if (op.kind === 'add') {
          const start = Math.floor(op.at * (TEXT.length - 1));
          const end = Math.min(TEXT.length, start + op.len);
          const c = s.addClaim(ARTICLE, start, end, op.init);
          touched.add(c.id);
        } else if (op.kind === 'update' && all.length) {
          const id = all[Math.floor(op.which * all.length)];
          // A reason, since a changed verdict needs one (it goes into the corrections log).
          s.updateClaim(ARTICLE, id, op.patch, { reason: 'fuzz' });
          touched.add(id);
        } else if (op.kind === 'remove' && all.length) {
          s.removeClaim(ARTICLE, all[Math.floor(op.which * all.length)]);
        } else if (op.kind === 'undo') {
          s.undoRemove();
        } else if (op.kind === 'save') {
          // A claim that is deleted when the file is saved loses its bytes there; undo re-renders it.
          const present = new Set(ids());
          for (const id of ITEMS[b].keys()) if (!present.has(id)) touched.add(id);
          save();
        }
      }
      const out = s.serialize(ARTICLE);
      const r = parseSidecar(out, 'treaty.md.claims.yaml');
      assert.ok(r.ok, `written text does not read back: ${JSON.stringify(!r.ok && r.problems)}\n${out}`);
      // The same claims; the order may differ (a new claim goes by its offset among the file's
      // claims, while the store appends it after claims it could not place).
      const byId = (cs: readonly Claim[]) => [...cs].sort((x, y) => (x.id < y.id ? -1 : 1));
      assert.deepStrictEqual(byId(r.loaded.sidecar.claims), plain(byId(s.get(ARTICLE)!.claims.map((c) => c.claim))), 'read back differs from the store');
      for (const id of ids()) {
        const bytes = ITEMS[b].get(id);
        if (!bytes || touched.has(id)) continue;
        assert.ok(out.includes(bytes), `untouched claim ${id} changed bytes:\n--- was\n${bytes}\n--- written\n${out}`);
        seen.untouchedChecked++;
      }
      // Saving again without changes writes the very same text.
      s.markSaved(ARTICLE, out);
      assert.strictEqual(s.serialize(ARTICLE), out, 'a second save without changes differs');
      assert.notStrictEqual(disk, undefined);
      seen.runs++;
    });
    assertSeeded('persistence', prop, 20261205, RUNS);
    assert.strictEqual(seen.runs, RUNS);
    assert.ok(seen.untouchedChecked > RUNS && seen.saves > 0, JSON.stringify(seen));
    if (process.env.FACTMARK_STATS) console.log(JSON.stringify(seen));
  });
});
