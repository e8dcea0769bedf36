// What the store does so that views stay proportional to what changed: batches reported as one
// event, snapshots reused until their article changes (and then always equal to a fresh build),
// cheap questions (state, claim at a place, progress) answered without building snapshots.
import * as assert from 'assert';
import fc from 'fast-check';
import { ClaimStore } from '../../src/core/store/claimStore';
import { progressOf } from '../../src/core/store/progress';
import { DEFAULT_SCALE } from '../../src/core/statusScale';
import type { ClaimEntry, StoreChange } from '../../src/core/store/types';

const TEXT = [
  'The treaty was signed in Moscow on Friday.',
  'According to the ambassador, it will remain effective for 20 years.',
  'Trade between the two countries grew by 15% last year.',
].join('\n');
const at = (words: string, text = TEXT) => [text.indexOf(words), text.indexOf(words) + words.length] as const;

function newStore(): { s: ClaimStore; events: StoreChange[] } {
  let t = 0;
  const s = new ClaimStore({ scale: DEFAULT_SCALE, now: () => `2026-11-28T12:${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t++ % 60).padStart(2, '0')}Z`, author: () => 'Ana' });
  const events: StoreChange[] = [];
  s.onDidChange((e) => events.push(e));
  return { s, events };
}

/** A sidecar with one claim on `words`, written by the store itself. */
function sidecarFor(words: string, status = 'unverified'): string {
  const { s } = newStore();
  s.open('x', 'x.claims.yaml', 'a.md');
  s.loadSidecar('x', undefined);
  s.setArticleText('x', TEXT);
  const c = s.addClaim('x', ...at(words));
  s.updateClaim('x', c.id, { status });
  return s.serialize('x');
}

describe('ClaimStore at scale', () => {
  it('reports a batch of loads as one event naming every article', () => {
    const { s, events } = newStore();
    const source = sidecarFor('signed in Moscow');
    const articles = Array.from({ length: 50 }, (_, i) => `file:///ws/${i}.md`);
    s.batch(() => {
      for (const a of articles) {
        s.open(a, `${a}.claims.yaml`, 'a.md');
        s.loadSidecar(a, source);
        s.setArticleText(a, TEXT);
      }
    });
    assert.strictEqual(events.length, 1);
    assert.strictEqual(events[0].kind, 'loaded', 'a load and a re-anchor of one article are one load');
    assert.deepStrictEqual(events[0].articles, articles);
    assert.strictEqual(events[0].ids, undefined);
    assert.deepStrictEqual(s.stats, { snapshots: 0, events: 1, eventArticles: 50, sidecarLoads: 50, reanchors: 50, textsDropped: 0, textsRestored: 0, textsHeld: 50, sidecarsDropped: 0, sidecarsRestored: 0, sidecarsHeld: 50, restoredFromCache: 0, cachedClaimsParsed: 0, cachedClaimsLost: 0 });
  });

  it('a batch keeps kinds apart, and reports an article forgotten in it as removed', () => {
    const { s, events } = newStore();
    const source = sidecarFor('signed in Moscow');
    for (const a of ['a', 'b', 'c']) { s.open(a, `${a}.y`, 'a.md'); s.loadSidecar(a, source); s.setArticleText(a, TEXT); }
    events.length = 0;
    const id = s.get('a')!.claims[0].claim.id;
    s.batch(() => {
      s.updateClaim('a', id, { status: 'accurate' }, { reason: 'checked again' });
      s.setScale({ ...DEFAULT_SCALE });
      s.forget('c');
    });
    assert.deepStrictEqual(events.map((e) => [e.kind, e.articles, e.ids]), [['claims', ['a', 'b'], undefined], ['removed', ['c'], undefined]]);
    // Different kinds for one article: read it again, as after a load.
    events.length = 0;
    s.batch(() => { s.updateClaim('a', id, { status: 'misleading' }, { reason: 'checked again' }); s.setArticleText('a', TEXT); });
    assert.deepStrictEqual(events.map((e) => [e.kind, e.articles]), [['loaded', ['a']]]);
    // A nested batch reports at the end of the outer one.
    events.length = 0;
    s.batch(() => { s.batch(() => s.updateClaim('a', id, { status: 'mixed' }, { reason: 'checked again' })); assert.strictEqual(events.length, 0); });
    assert.deepStrictEqual(events.map((e) => [e.kind, e.articles, e.ids]), [['claims', ['a'], [id]]]);
  });

  it('a deferred batch collects its runs (slices of a load) into one event per kind, announced at flush', () => {
    const { s, events } = newStore();
    const source = sidecarFor('signed in Moscow');
    const batch = s.deferredBatch();
    const articles = Array.from({ length: 12 }, (_, i) => `file:///ws/${i}.md`);
    // Three slices of four articles each, as a load takes them between turns of the event loop.
    for (let slice = 0; slice < 3; slice++) {
      batch.run(() => {
        for (const a of articles.slice(slice * 4, slice * 4 + 4)) {
          s.open(a, `${a}.claims.yaml`, 'a.md');
          s.loadSidecar(a, source);
          s.setArticleText(a, TEXT);
        }
      });
      assert.strictEqual(events.length, 0, `slice ${slice} was announced before the flush`);
      assert.strictEqual(batch.size, (slice + 1) * 4);
    }
    batch.flush();
    assert.deepStrictEqual(events.map((e) => [e.kind, e.articles]), [['loaded', articles]]);
    assert.strictEqual(batch.size, 0);
    batch.flush();
    assert.strictEqual(events.length, 1, 'an empty flush announces nothing');
  });

  it('changes made outside a deferred batch\'s runs are announced at once, and an article forgotten meanwhile is reported removed', () => {
    const { s, events } = newStore();
    const source = sidecarFor('signed in Moscow');
    const batch = s.deferredBatch();
    batch.run(() => {
      for (const a of ['a', 'b']) { s.open(a, `${a}.y`, 'a.md'); s.loadSidecar(a, source); s.setArticleText(a, TEXT); }
    });
    // The user sets a status in `a` while the load goes on: that is heard now, not at the flush.
    const id = s.get('a')!.claims[0].claim.id;
    s.updateClaim('a', id, { status: 'accurate' });
    assert.deepStrictEqual(events.map((e) => [e.kind, e.articles, e.ids]), [['claims', ['a'], [id]]]);
    // A store batch inside a run goes to the deferred batch; one outside it is its own event.
    batch.run(() => s.batch(() => { s.open('c', 'c.y', 'a.md'); s.loadSidecar('c', source); s.setArticleText('c', TEXT); }));
    assert.strictEqual(events.length, 1);
    s.forget('b');
    assert.deepStrictEqual(events.slice(1).map((e) => [e.kind, e.articles]), [['removed', ['b']]]);
    batch.flush();
    assert.deepStrictEqual(events.slice(2).map((e) => [e.kind, e.articles]), [['loaded', ['a', 'c']], ['removed', ['b']]]);
  });

  it('builds a snapshot once per change, and answers cheap questions without one', () => {
    const { s } = newStore();
    s.open('a', 'a.y', 'a.md');
    s.loadSidecar('a', undefined);
    s.setArticleText('a', TEXT);
    const c = s.addClaim('a', ...at('grew by 15%'));
    const before = s.stats.snapshots;
    const first = s.get('a');
    assert.strictEqual(s.get('a'), first, 'an unchanged article built a second snapshot');
    assert.strictEqual(s.stats.snapshots, before + 1);
    const built = s.stats.snapshots;
    assert.strictEqual(s.state('a')?.claimCount, 1);
    assert.strictEqual(s.claimAt('a', TEXT.indexOf('15%'))?.claim.id, c.id);
    assert.strictEqual(s.claimAt('a', 0), undefined);
    assert.ok(s.has('a') && !s.has('b'));
    assert.strictEqual(s.stats.snapshots, built, 'state(), claimAt() or has() built a snapshot');
    s.updateClaim('a', c.id, { status: 'accurate' }, { reason: 'checked again' });
    assert.notStrictEqual(s.get('a'), first);
    assert.strictEqual(s.get('a')!.claims[0].claim.status, 'accurate');
  });

  it("state() has the snapshot's problems, a status not on the scale included (what the Problems panel shows)", () => {
    const { s } = newStore();
    s.open('a', 'a.y', 'a.md');
    // A typo in the file (the store itself would not write it).
    const typo = sidecarFor('grew by 15%', 'accurate').replace('status: accurate', 'status: flase');
    assert.match(typo, /status: flase/);
    s.loadSidecar('a', typo);
    s.setArticleText('a', TEXT);
    const codes = () => s.state('a')!.problems.map((p) => p.code);
    assert.deepStrictEqual(codes(), ['unknown-status']);
    assert.deepStrictEqual(s.state('a')!.problems, s.get('a')!.problems);
    s.updateClaim('a', s.get('a')!.claims[0].claim.id, { status: 'accurate' }, { reason: 'checked again' });
    assert.deepStrictEqual(codes(), [], 'setting the status clears it');
  });

  it('shows a published header or a dismissed sentence set after a snapshot, also while already unsaved', () => {
    const { s } = newStore();
    s.open('a', 'a.y', 'a.md');
    s.loadSidecar('a', undefined);
    s.setArticleText('a', TEXT);
    s.addClaim('a', ...at('grew by 15%'));
    assert.ok(s.get('a')!.dirty);
    s.setPublished('a', { url: 'https://factcheck.example.org/one' });
    assert.deepStrictEqual(s.get('a')!.published, { url: 'https://factcheck.example.org/one' });
    s.setPublished('a', { url: 'https://factcheck.example.org/two' });
    assert.deepStrictEqual(s.get('a')!.published, { url: 'https://factcheck.example.org/two' }, 'the cached snapshot kept the old header');
    s.setPublished('a', undefined);
    assert.strictEqual(s.get('a')!.published, undefined);
    s.dismissSentence('a', 'The treaty was signed in Moscow on Friday.');
    assert.strictEqual(s.get('a')!.dismissed.length, 1);
  });

  it('keeps progress until a status or an anchor state changes, not while typing moves claims', () => {
    const { s } = newStore();
    s.open('a', 'a.y', 'a.md');
    s.loadSidecar('a', undefined);
    s.setArticleText('a', TEXT);
    const c = s.addClaim('a', ...at('grew by 15%'));
    const p = s.progress('a');
    let text = 'X' + TEXT;
    s.applyEdits('a', [{ offset: 0, removed: 0, inserted: 'X' }], text);
    assert.strictEqual(s.progress('a'), p, 'typing away from claims recomputed progress');
    const i = text.indexOf('15%');
    text = text.slice(0, i) + '9' + text.slice(i + 1);
    s.applyEdits('a', [{ offset: i, removed: 1, inserted: '9' }], text);
    assert.strictEqual(s.progress('a')!.needsRecheck, 1);
    s.updateClaim('a', c.id, { status: 'accurate' }, { reason: 'checked again' });
    assert.strictEqual(s.progress('a')!.settled, 1);
  });

  it('after any sequence of changes the snapshot, state, progress and claim at a place are what a fresh build says', () => {
    const words = ['signed in Moscow', 'on Friday', 'remain effective for 20 years', 'the ambassador', 'grew by 15%', 'last year'];
    const op = fc.oneof(
      fc.record({ op: fc.constant('add' as const), w: fc.nat(words.length - 1) }),
      fc.record({ op: fc.constant('status' as const), i: fc.nat(10), status: fc.constantFrom('accurate', 'misleading', 'unverified') }),
      fc.record({ op: fc.constant('type' as const), at: fc.nat(200), text: fc.constantFrom('x', ' big ', '', '2') , removed: fc.nat(3) }),
      fc.record({ op: fc.constant('remove' as const), i: fc.nat(10) }),
      fc.record({ op: fc.constant('undo' as const) }),
      fc.record({ op: fc.constant('save' as const) }),
      fc.record({ op: fc.constant('reload' as const) }),
      fc.record({ op: fc.constant('retext' as const) }),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
      const { s } = newStore();
      s.open('a', 'a.y', 'a.md');
      s.loadSidecar('a', undefined);
      let text = TEXT;
      s.setArticleText('a', text);
      let saved: string | undefined;
      for (const o of ops) {
        const ids = s.get('a')!.claims.map((e) => e.claim.id);
        try {
          switch (o.op) {
            case 'add': { const [a, b] = at(words[o.w], text); if (a >= 0) s.addClaim('a', a, b); break; }
            case 'status': if (ids.length) s.updateClaim('a', ids[o.i % ids.length], { status: o.status }, { reason: 'checked again' }); break;
            case 'type': {
              const start = Math.min(o.at, text.length);
              const removed = Math.min(o.removed, text.length - start);
              text = text.slice(0, start) + o.text + text.slice(start + removed);
              s.applyEdits('a', [{ offset: start, removed, inserted: o.text }], text);
              break;
            }
            case 'remove': if (ids.length) s.removeClaim('a', ids[o.i % ids.length]); break;
            case 'undo': s.undoRemove(); break;
            case 'save': saved = s.serialize('a'); s.markSaved('a', saved); break;
            case 'reload': if (saved) s.loadSidecar('a', saved); break;
            case 'retext': s.setArticleText('a', text); break;
          }
        } catch { /* a refused change (e.g. nothing to undo) changes nothing */ }
        const snap = s.get('a')!;
        const fresh = snap.claims.map((e) => s.claim('a', e.claim.id));
        assert.deepStrictEqual(snap.claims, fresh, 'the cached snapshot is stale');
        const state = s.state('a')!;
        assert.deepStrictEqual([state.dirty, state.sidecarState, state.claimCount, state.problems], [snap.dirty, snap.sidecarState, snap.claims.length, snap.problems]);
        assert.deepStrictEqual(s.progress('a'), progressOf(snap.claims, DEFAULT_SCALE));
        for (let offset = 0; offset <= text.length; offset += 7) {
          const inner: ClaimEntry | undefined = snap.claims.filter((e) => e.start !== undefined && offset >= e.start && offset <= e.end!)
            .sort((x, y) => (x.end! - x.start!) - (y.end! - y.start!))[0];
          assert.strictEqual(s.claimAt('a', offset)?.claim.id, inner?.claim.id);
        }
      }
    }), { numRuns: 150 });
  });
});
