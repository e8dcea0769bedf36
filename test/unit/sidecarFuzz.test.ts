import * as assert from 'assert';
import * as fc from 'fast-check';
import type { Claim } from '../../src/core/model';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar/sidecarYaml';
import type { LoadResult } from '../../src/core/sidecar/sidecarYaml';
import { fixture, load } from '../fixtures/sidecars/fixtures';

const TREATY = fixture('treaty.md.claims.yaml');
const SEED = 20261128;

function assertWellFormed(result: LoadResult): void {
  if (result.ok) return;
  assert.ok(result.problems.length > 0);
  for (const p of result.problems) {
    assert.ok(typeof p.code === 'string' && p.code.length > 0);
    assert.ok(Number.isInteger(p.line) && p.line! >= 1, `line on ${JSON.stringify(p)}`);
    assert.ok(Number.isInteger(p.column) && p.column! >= 1, `column on ${JSON.stringify(p)}`);
  }
}

function parses(source: string): void {
  let result: LoadResult | undefined;
  assert.doesNotThrow(() => { result = parseSidecar(source, 'f.claims.yaml'); });
  assertWellFormed(result!);
}

describe('sidecar fuzzing (seeded)', () => {
  it('random text never throws and always gives ok or located problems', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), parses), { seed: SEED, numRuns: 300 });
  });

  it('random bytes (decoded as a file reader would) never throw', () => {
    const decoder = new TextDecoder('utf-8');
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => parses(decoder.decode(bytes))), { seed: SEED, numRuns: 300 });
  });

  it('truncations of a valid sidecar never throw', () => {
    fc.assert(fc.property(fc.nat(TREATY.length), (n) => parses(TREATY.slice(0, n))), { seed: SEED, numRuns: 300 });
  });

  it('mutations (insert, delete, replace a span) of a valid sidecar never throw', () => {
    const mutation = fc.tuple(fc.nat(TREATY.length), fc.nat(12), fc.string({ unit: 'grapheme-ascii', maxLength: 8 }));
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (edits) => {
      let s = TREATY;
      for (const [at, del, ins] of edits) s = s.slice(0, Math.min(at, s.length)) + ins + s.slice(Math.min(at, s.length) + del);
      parses(s);
    }), { seed: SEED, numRuns: 400 });
  });

  it('any valid claims written and read back are equal, and an untouched re-save is identical', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 60 });
    const claimArb = fc.record({
      quote: text.filter((s) => s.length > 0), before: text, after: text,
      status: fc.constantFrom('unverified', 'accurate', 'not-checkable'),
      explanation: fc.option(text, { nil: undefined }),
      tags: fc.option(fc.array(text.filter((s) => s.length > 0), { maxLength: 3 }), { nil: undefined }),
      offset: fc.option(fc.nat(), { nil: undefined }),
    });
    fc.assert(fc.property(fc.array(claimArb, { maxLength: 5 }), (raw) => {
      const claims: Claim[] = raw.map((c, i) => ({ id: `c${i}abcd`, sources: [], ...c }));
      const sidecar = { factmark: 1, article: 'a.md', claims };
      const text1 = serializeSidecar(sidecar);
      const loaded = load(text1);
      assert.deepStrictEqual(loaded.sidecar, JSON.parse(JSON.stringify(sidecar)));
      assert.strictEqual(serializeSidecar(loaded.sidecar, loaded), text1);
    }), { seed: SEED, numRuns: 200 });
  });

  it('editing one claim of a hand-formatted file leaves it readable and the other claims as they were', () => {
    const loaded = load(TREATY);
    fc.assert(fc.property(fc.nat(2), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }), (i, quote) => {
      const next = structuredClone(loaded.sidecar);
      next.claims[i].quote = quote;
      const reread = load(serializeSidecar(next, loaded)).sidecar;
      assert.deepStrictEqual(reread, next);
    }), { seed: SEED, numRuns: 200 });
  });
});
