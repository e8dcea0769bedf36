// The store's snapshot is rebuilt in part after a claim's fields change (a status change in an
// article of 10,000 claims copies the other entries instead of building 10,000 again): after any
// sequence of operations, with snapshots taken at random moments, every snapshot must equal what
// the store says of each claim one by one, in order, and the progress must count what it shows.
import * as assert from 'assert';
import { ClaimStore } from '../../src/core/store/claimStore';
import { DEFAULT_SCALE } from '../../src/core/statusScale';
import { progressOf } from '../../src/core/store/progress';
import { seededRandom } from '../../bench/seededRandom';

const ARTICLE = 'file:///ws/a.md';
const SENTENCES = [
  'The treaty was signed in Moscow on Friday.',
  'According to the ambassador, it will remain effective for 20 years.',
  'Trade between the two countries grew by 15% last year.',
  'The council approved a budget of 412 million on Monday.',
  'Bus fares will stay frozen until at least April 2027.',
  'Unemployment fell to 4.1 per cent in the third quarter.',
];

function check(s: ClaimStore, step: string): void {
  const snap = s.get(ARTICLE)!;
  const state = s.state(ARTICLE)!;
  assert.strictEqual(snap.claims.length, state.claimCount, `${step}: the snapshot has ${snap.claims.length} claims, the store ${state.claimCount}`);
  for (const entry of snap.claims) {
    assert.deepStrictEqual(entry, s.claim(ARTICLE, entry.claim.id), `${step}: the snapshot's entry of ${entry.claim.id} is stale`);
  }
  assert.deepStrictEqual(s.progress(ARTICLE), progressOf(snap.claims, DEFAULT_SCALE), `${step}: the progress does not count the snapshot`);
  assert.deepStrictEqual(snap.problems, state.problems, `${step}: problems differ`);
}

describe('ClaimStore snapshots after partial rebuilds', () => {
  it('always equal the claims one by one, whatever the sequence of changes and reads', function () {
    this.timeout(30_000);
    const rand = seededRandom(2026);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const statuses = DEFAULT_SCALE.statuses.map((x) => x.key);
    for (let run = 0; run < 25; run++) {
      let text = SENTENCES.join('\n');
      let t = 0;
      let me = 'Ana';
      const s = new ClaimStore({ scale: DEFAULT_SCALE, now: () => `2026-12-01T10:00:${String(t++ % 60).padStart(2, '0')}Z`, author: () => me });
      s.open(ARTICLE, `${ARTICLE}.claims.yaml`, 'a.md');
      s.loadSidecar(ARTICLE, undefined);
      s.setArticleText(ARTICLE, text);
      for (let step = 0; step < 50; step++) {
        const ids = s.get(ARTICLE)!.claims.map((c) => c.claim.id);
        const op = rand();
        const label = `run ${run} step ${step}`;
        if (op < 0.2 || !ids.length) {
          const sentence = pick(SENTENCES);
          const start = text.indexOf(sentence);
          if (start >= 0) {
            const words = sentence.split(' ');
            const from = Math.floor(rand() * (words.length - 1));
            const a = start + words.slice(0, from).join(' ').length + (from ? 1 : 0);
            const b = a + words.slice(from, from + 2).join(' ').length;
            s.addClaim(ARTICLE, a, b);
          }
        } else if (op < 0.55) {
          const id = pick(ids);
          const claim = s.claim(ARTICLE, id)!.claim;
          const status = pick(statuses);
          try { s.updateClaim(ARTICLE, id, { status }, { reason: 'a second look' }); } catch { /* the same status, or a rule of the scale */ }
          if (rand() < 0.3) s.updateClaim(ARTICLE, id, { explanation: `note ${step}`, tags: claim.tags ? undefined : ['x'] });
        } else if (op < 0.7) {
          // Typing: one character somewhere (inside a claim or not), or deleting one (a typed
          // character undone puts a changed claim back); the text given, or read lazily with
          // the touched words read apart, as the extension does.
          const offset = Math.floor(rand() * text.length);
          const removed = rand() < 0.3 ? 1 : 0;
          const inserted = removed ? '' : 'x';
          text = text.slice(0, offset) + inserted + text.slice(offset + removed);
          const now = text;
          if (rand() < 0.5) s.applyEdits(ARTICLE, [{ offset, removed, inserted }], now);
          else s.applyEdits(ARTICLE, [{ offset, removed, inserted }], () => now, (a, b) => now.slice(a, b));
        } else if (op < 0.78) {
          s.removeClaim(ARTICLE, pick(ids));
        } else if (op < 0.84) {
          // Our own write, and the flags around the claims: no entry changes.
          s.markSaved(ARTICLE, s.serialize(ARTICLE));
          if (rand() < 0.5) s.markDirty(ARTICLE);
          if (rand() < 0.3) s.dismissSentence(ARTICLE, pick(SENTENCES));
        } else if (op < 0.9) {
          s.setArticleText(ARTICLE, text);
        } else {
          // A second checker signs off (refused when the claim is not settled or is theirs).
          me = me === 'Ana' ? 'Ben' : 'Ana';
          try { s.review(ARTICLE, pick(ids), 'approve'); } catch { /* not theirs to approve */ }
        }
        // Read at random moments, so that some changes pile up between two snapshots.
        if (rand() < 0.6) check(s, label);
      }
      check(s, `run ${run}, end`);
    }
  });
});
