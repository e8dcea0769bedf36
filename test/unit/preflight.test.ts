// preflight and the fast reader's first check scan every character of every sidecar, so they
// read character codes, not one-character strings or a /u regular expression. Same answers as
// before, on every input: preflight against its earlier version (test/fixtures/preflightReference.ts),
// firstUnsupported against the regular expression it replaces. Over sidecars Factmark writes,
// hand-edited ones, the adversarial mutations and random text built from the characters that matter.
import * as assert from 'assert';
import fc from 'fast-check';
import { serializeSidecar } from '../../src/core/sidecar/sidecarYaml';
import { firstUnsupported } from '../../src/core/yaml/fastYaml';
import { preflight } from '../../src/core/yaml/preflight';
import { referencePreflight } from '../fixtures/preflightReference';
import { onePassHolds } from '../fixtures/fastYamlCompare';
import { mutationsArb } from '../fixtures/adversarial/sidecarMutations';
import { handEdit, sidecarArb } from '../fixtures/sidecarArbitraries';
import { fixture } from '../fixtures/sidecars/fixtures';

const SEED = 13_2026;
const UNSUPPORTED = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]|\r(?!\n)/u;

/** Text of the characters the scans treat specially, in any order. */
const SPECIAL = ['a', 'x', ' ', '  ', '\t', '\n', '\r', '\r\n', '-', '- ', ':', ': ', '#', ' #', '"', "'", '\\', '[', ']', '{', '}', ',', '?', '|', '>', '|-',
  'claims:', '"claims":', '  - ', 'id: x', '<<<<<<< a', '=======', '>>>>>>> b', '\u00a0', '\u0085', '\u2028', '\ufeff', '\ud83c\udf0d', '\ud800', '\udc00', '\x00', '\x7f', '\x9f', 'é'];
const specialText = fc.array(fc.constantFrom(...SPECIAL), { maxLength: 80 }).map((parts) => parts.join(''));

/** The same problems and the same count of values, with the default limits and with small ones that are crossed. */
function samePreflight(source: string): void {
  for (const limits of [{}, { maxClaims: 2, maxNodes: 40 }, { maxNodes: 7 }]) {
    const a = { values: -1 };
    const b = { values: -1 };
    assert.deepStrictEqual(preflight(source, 'f.yaml', limits, a), referencePreflight(source, 'f.yaml', limits, b), `preflight differs on ${JSON.stringify(source)} with ${JSON.stringify(limits)}`);
    assert.strictEqual(a.values, b.values, `values counted differ on ${JSON.stringify(source)}`);
  }
  // (and where the fast reader's one pass skips the scan, the scan would find nothing)
  onePassHolds(source);
}

function sameUnsupported(source: string): void {
  assert.strictEqual(firstUnsupported(source), source.search(UNSUPPORTED), `firstUnsupported differs on ${JSON.stringify(source)}`);
}

describe('preflight and firstUnsupported read character codes, with the same answers as before', () => {
  it('on random text of the characters they look at', () => {
    fc.assert(fc.property(specialText, (s) => { samePreflight(s); sameUnsupported(s); }), { seed: SEED, numRuns: 3000 });
  });

  it('on any UTF-16 text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 60 }), (a, b) => {
      for (const s of [a, b, a + b]) { samePreflight(s); sameUnsupported(s); }
    }), { seed: SEED, numRuns: 1000 });
  });

  it('on sidecars Factmark writes, hand-edited', () => {
    fc.assert(fc.property(sidecarArb, fc.array(handEdit, { maxLength: 3 }), (sidecar, edits) => {
      let written: string;
      try { written = serializeSidecar(sidecar); } catch { return; /* a field the schema refuses */ }
      const s = edits.reduce((t, e) => e(t), written);
      samePreflight(s);
      sameUnsupported(s);
    }), { seed: SEED, numRuns: 300 });
  });

  it('on the adversarial mutations of a sidecar', () => {
    const base = fixture('treaty.md.claims.yaml');
    fc.assert(fc.property(mutationsArb, (mutate) => { const s = mutate(base); samePreflight(s); sameUnsupported(s); }), { seed: SEED, numRuns: 800 });
  });
});
