// Adversarial editing through the ClaimStore, exactly as the extension drives it: one
// applyEdits per change event while typing, then a fresh anchoring of the final text (a
// reload). Ground truth comes from the test's own identity-tracking document
// (../fixtures/adversarial/identityDoc.ts): which units of the text are a claim's words is known
// from where they came from, never from positions or from the code under test.
// The claim: nothing is ever lost, and a claim is never shown as sitting on words that are not
// its own without being flagged.
import * as assert from 'assert';
import fc from 'fast-check';
import { normalizeForCompare } from '../../src/core/anchoring/normalize';
import { CONTEXT_LENGTH } from '../../src/core/model';
import { DEFAULT_SCALE } from '../../src/core/statusScale';
import { ClaimStore } from '../../src/core/store/claimStore';
import type { ClaimEntry } from '../../src/core/store/types';
import { SENTENCES, buildArticle } from '../fixtures/adversarial/articles';
import { editOpArb, applyOp, type EditOp } from '../fixtures/adversarial/editOps';
import { IdentityDoc, claimTruth, isCopy, originOf, type ClaimTruth } from '../fixtures/adversarial/identityDoc';
import { assertSeeded } from '../fixtures/adversarial/seeded';

const ARTICLE = 'file:///ws/report.md';
const RUNS = 10_000;

const articleArb = fc.record({
  picks: fc.array(fc.nat(SENTENCES.length - 1), { minLength: 3, maxLength: 9 }),
  perPara: fc.integer({ min: 1, max: 3 }),
  crlf: fc.boolean(),
  marked: fc.array(fc.record({ sentence: fc.nat(20), from: fc.nat(20), len: fc.integer({ min: 2, max: 6 }) }), { minLength: 1, maxLength: 4 }),
});

const accepted = (s: string) => s === 'anchored' || s === 'moved' || s === 'changed';
const same = (a: string, b: string) => normalizeForCompare(a) === normalizeForCompare(b);

interface Marked { id: string; start: number; end: number; quote: string }

/**
 * A claim shown as `anchored` or `moved` must be on its words: the text there reads as its quote,
 * and every unit there is the claim's own, a copy of it, or typed back in its place — none comes
 * from other text. It may sit on a copy of its words, or on an identical passage elsewhere, only
 * when its own words are mostly gone: a text-only anchoring (a reload) cannot tell a deletion
 * plus an identical passage elsewhere from a cut and paste. Those are counted, not failed.
 */
function checkSettled(doc: IdentityDoc, m: Marked, e: ClaimEntry, truth: ClaimTruth, when: string, seen: Record<string, number>): void {
  if (e.state !== 'anchored' && e.state !== 'moved') return;
  const where = `${when}: claim ${m.id} "${m.quote}" ${e.state} at [${e.start},${e.end}) "${doc.text.slice(e.start, e.end)}" (${e.reason}); ${truth.own.length} of its ${truth.length} units survive${truth.own.length ? ` at [${truth.own[0]},${truth.own[truth.own.length - 1] + 1})` : ''}`;
  assert.ok(e.start !== undefined && e.end !== undefined && 0 <= e.start && e.start < e.end && e.end <= doc.text.length, `range out of the text: ${where}`);
  assert.ok(same(doc.text.slice(e.start, e.end), m.quote), `settled on words that differ from its quote: ${where}`);
  let own = 0, copies = 0, foreign = 0;
  for (let p = e.start!; p < e.end!; p++) {
    const v = doc.origin[p];
    const o = originOf(v);
    if (o === -1) continue;
    if (o < m.start || o >= m.end) foreign++;
    else if (isCopy(v)) copies++;
    else own++;
  }
  const mostlyGone = truth.own.length * 2 < truth.length;
  if (foreign > 0) {
    assert.ok(mostlyGone, `settled on other words while its own (edited) words survive: ${where}`);
    seen.identicalElsewhere++;
  } else if (own === 0 && copies > 0) {
    assert.ok(mostlyGone, `settled on a copy while its own words survive: ${where}`);
    seen.settledOnCopy++;
  }
}

/** For a claim whose words are intact, a fresh anchoring that accepts it must find it where tracking has it. */
function checkAgrees(m: Marked, e: ClaimEntry, before: ClaimEntry, seen: Record<string, number>): void {
  if (accepted(e.state)) {
    assert.deepStrictEqual([e.start, e.end], [before.start, before.end], `untouched claim ${m.id} "${m.quote}": fresh anchoring ${e.state} elsewhere than tracked (${e.reason})`);
  } else {
    // Flagging an untouched claim is safe (a person looks at it), never silent.
    seen.untouchedAmbiguous++;
    assert.strictEqual(e.state, 'ambiguous', `untouched claim ${m.id} is ${e.state}: ${e.reason}`);
  }
}

/** Occurrences of `needle` in `hay`, both normalised for matching. */
function count(hay: string, needle: string): number {
  const h = normalizeForCompare(hay);
  const n = normalizeForCompare(needle);
  let k = 0;
  for (let i = h.indexOf(n); i >= 0; i = h.indexOf(n, i + 1)) k++;
  return k;
}

/**
 * The claim's words or their recorded context also occur elsewhere: repeated in the article,
 * pasted (even if the pasted words were then edited), or verbatim apart from its own.
 */
function copyElsewhere(original: string, doc: IdentityDoc, m: Marked, t: ClaimTruth): boolean {
  const from = m.start - CONTEXT_LENGTH;
  const to = m.end + CONTEXT_LENGTH;
  return count(original, m.quote) > 1 || count(doc.text, m.quote) > (t.intact ? 1 : 0)
    || doc.origin.some((v) => isCopy(v) && originOf(v) >= from && originOf(v) < to);
}

describe('adversarial edits through the ClaimStore (seeded)', function () {
  this.timeout(600_000); // a hang guard, not a time limit: seeded runs take ~60 s of CPU and far longer on a loaded machine

  it(`${RUNS} random editing sessions: no claim is lost, none is silently on other words, untouched ranges agree with a fresh anchoring`, () => {
    const seen = newStats();
    const prop = fc.property(articleArb, fc.array(editOpArb, { minLength: 1, maxLength: 12 }), (spec, ops) => session(spec, ops, seen, true));
    assertSeeded('adversarial edits', prop, 20261201, RUNS);
    // The generator must actually reach the cases this test is about.
    assert.strictEqual(seen.runs, RUNS);
    for (const k of ['intact', 'destroyed', 'flaggedFresh', 'settledOnCopy', 'identicalElsewhere', 'untouchedAmbiguous']) assert.ok(seen[k] > 0, `no case of ${k}: ${JSON.stringify(seen)}`);
    // Ratchet on the still-open part of the known bug (see session()): 161 of 20,264 claims at
    // the committed seed, down from 260, 198, 179 and 171. Lower it as anchoring improves; never raise it.
    assert.ok(seen.knownCopyMisplaced <= 161, `more claims settled on a copy than before: ${JSON.stringify(seen)}`);
    if (process.env.FACTMARK_STATS) console.log(JSON.stringify(seen));
  });
});

type Stats = Record<string, number>;
const newStats = (): Stats => ({ runs: 0, events: 0, claims: 0, intact: 0, destroyed: 0, flaggedFresh: 0, settledOnCopy: 0, identicalElsewhere: 0, untouchedAmbiguous: 0, knownCopyMisplaced: 0 });
type ArticleSpec = { picks: number[]; perPara: number; crlf: boolean; marked: { sentence: number; from: number; len: number }[] };

/** One editing session through a fresh store; `quarantine` tolerates (and counts) the known copy bug. */
function session(spec: ArticleSpec, ops: EditOp[], seen: Stats, quarantine: boolean): void {
  const art = buildArticle(spec.picks, spec.perPara, spec.crlf, spec.marked);
  const store = new ClaimStore({ scale: DEFAULT_SCALE, now: () => '2026-11-28T12:00:00Z' });
  store.open(ARTICLE, ARTICLE + '.claims.yaml', 'report.md');
  store.loadSidecar(ARTICLE, undefined);
  store.setArticleText(ARTICLE, art.text);
  const marked: Marked[] = art.claims.map((c) => ({ ...c, id: store.addClaim(ARTICLE, c.start, c.end).id, quote: art.text.slice(c.start, c.end).replace(/\r\n?/g, '\n') }));
  const ids = marked.map((m) => m.id).sort();

  const doc = new IdentityDoc(art.text);
  for (const op of ops) {
    for (const changes of applyOp(doc, op)) {
      store.applyEdits(ARTICLE, changes, doc.text);
      seen.events++;
    }
  }

  // While typing: tracked ranges.
  const tracked = store.get(ARTICLE)!;
  assert.deepStrictEqual(tracked.claims.map((c) => c.claim.id).sort(), ids, 'a claim was dropped while editing');
  const truths = marked.map((m) => claimTruth(doc, m.start, m.end));
  const trackedById = new Map(tracked.claims.map((c) => [c.claim.id, c]));
  marked.forEach((m, k) => {
    const e = trackedById.get(m.id)!;
    const t = truths[k];
    assert.ok(e.state === 'anchored' || e.state === 'changed', `tracked claim ${m.id} is ${e.state}`);
    if (t.intact) {
      assert.deepStrictEqual([e.state, e.start, e.end], ['anchored', t.own[0], t.own[t.own.length - 1] + 1], `untouched claim ${m.id} "${m.quote}" lost track of its words: ${e.reason}`);
    }
    checkSettled(doc, m, e, t, 'tracked', seen);
  });

  // On reload: a fresh anchoring of the final text.
  store.setArticleText(ARTICLE, doc.text);
  const fresh = store.get(ARTICLE)!;
  assert.deepStrictEqual(fresh.claims.map((c) => c.claim.id).sort(), ids, 'a claim was dropped on re-anchoring');
  marked.forEach((m, k) => {
    const e = fresh.claims.find((c) => c.claim.id === m.id)!;
    const t = truths[k];
    seen.claims++;
    if (t.intact) seen.intact++;
    if (t.own.length === 0) seen.destroyed++;
    if (!accepted(e.state)) seen.flaggedFresh++;
    try {
      checkSettled(doc, m, e, t, 'fresh', seen);
      if (t.intact) checkAgrees(m, e, trackedById.get(m.id)!, seen);
    } catch (err) {
      // KNOWN BUG (see the pending tests below): with an identical copy of a claim's words
      // elsewhere, re-anchoring on reload can pick the copy. Counted here so that the rest
      // of the space stays strictly checked; any such failure without a copy fails.
      if (!quarantine || !(err instanceof assert.AssertionError) || !copyElsewhere(art.text, doc, m, t)) throw err;
      seen.knownCopyMisplaced++;
    }
  });
  seen.runs++;
}

// Minimal reproductions found and shrunk by the property above, fixed in locate.ts: split own
// words (splitCandidate), an exact copy beaten only by clearly better context, a floor on how
// much of the quote a rival or `changed` match must keep.
describe('re-anchoring does not put a claim on an identical copy of its words (regressions)', () => {
  it('a claim split by a pasted block is not reported "moved" onto the same words in another sentence', () => {
    // The tracker correctly says "changed"; a reload used to move the claim to the next identical sentence.
    session({ picks: [0, 0, 0], perPara: 1, crlf: false, marked: [{ sentence: 0, from: 0, len: 2 }] },
      [{ kind: 'type', at: 0, text: ' not' }, { kind: 'move', from: 0.497513, len: 45, at: 0.134616 }, { kind: 'delete', at: 0.482588, len: 9 }],
      newStats(), false);
  });

  it('an untouched claim is not reported "changed" on an edited identical sentence where it was expected, while its own words are intact', () => {
    session({ picks: [7, 2, 2], perPara: 1, crlf: false, marked: [{ sentence: 20, from: 0, len: 2 }, { sentence: 0, from: 0, len: 2 }] },
      [{ kind: 'type', at: 0.2375, text: ' not' }, { kind: 'pasteSentence', from: 0.22561, at: 0.506098 }],
      newStats(), false);
  });

  it('a short untouched claim is not reported "changed" on other words keeping 0% of its quote, next to a pasted copy of its context', () => {
    // locate.ts used to let any candidate of a quote of at most ONE_WORD (12) characters pass the
    // "one edited word" allowance of rivals(), so a copy of the context won over the exact words.
    session({ picks: [4, 1, 0, 0, 0, 0, 0, 0, 0], perPara: 2, crlf: false, marked: [{ sentence: 0, from: 7, len: 3 }] },
      [{ kind: 'pasteSentence', from: 0.12063, at: 0.094406 }, { kind: 'delete', at: 0.215289, len: 9 }],
      newStats(), false);
  });
});
