// The store behind the extension's views: edits, persistence and reloads, in plain Node.
import * as assert from 'assert';
import { ClaimStore } from '../../src/core/store/claimStore';
import type { Claim } from '../../src/core/model';
import { DEFAULT_SCALE } from '../../src/core/statusScale';
import { StoreError, type StoreChange } from '../../src/core/store/types';
import fc from 'fast-check';
import { progressOf } from '../../src/core/store/progress';

const ARTICLE = 'file:///ws/treaty.md';
const TEXT = [
  'The treaty was signed in Moscow on Friday.',
  'According to the ambassador, it will remain effective for 20 years.',
  'Trade between the two countries grew by 15% last year.',
].join('\n');

function store(): { s: ClaimStore; events: StoreChange[] } {
  let t = 0;
  const s = new ClaimStore({ scale: DEFAULT_SCALE, now: () => `2026-11-28T12:00:${String(t++).padStart(2, '0')}Z`, author: () => 'Ana' });
  const events: StoreChange[] = [];
  s.onDidChange((e) => events.push(e));
  s.open(ARTICLE, ARTICLE + '.claims.yaml', 'treaty.md');
  s.loadSidecar(ARTICLE, undefined);
  s.setArticleText(ARTICLE, TEXT);
  return { s, events };
}

const at = (words: string, text = TEXT) => [text.indexOf(words), text.indexOf(words) + words.length] as const;

describe('ClaimStore', () => {
  it('marks a claim on the selected words, in article order, and says so', () => {
    const { s, events } = store();
    const late = s.addClaim(ARTICLE, ...at('grew by 15%'));
    const early = s.addClaim(ARTICLE, ...at('signed in Moscow'));
    const snap = s.get(ARTICLE)!;
    assert.deepStrictEqual(snap.claims.map((c) => c.claim.id), [early.id, late.id]);
    assert.strictEqual(early.quote, 'signed in Moscow');
    assert.strictEqual(early.status, 'unverified');
    assert.strictEqual(early.by, 'Ana');
    assert.strictEqual(early.line, 1);
    assert.ok(snap.dirty);
    assert.deepStrictEqual(events.filter((e) => e.kind === 'claims').map((e) => e.ids), [[late.id], [early.id]]);
  });

  it('reanchorLost anchors afresh only the claims an edit left without words; an edited claim stays on its new words', () => {
    const { s } = store();
    const edited = s.addClaim(ARTICLE, ...at('The treaty was signed in Moscow on Friday'));
    const lost = s.addClaim(ARTICLE, ...at('grew by 15% last year'));
    let text = TEXT;
    const edit = (offset: number, removed: number, inserted: string) => {
      text = text.slice(0, offset) + inserted + text.slice(offset + removed);
      s.applyEdits(ARTICLE, [{ offset, removed, inserted }], text);
    };
    edit(text.indexOf('was signed in Moscow on Friday'), 'was signed in Moscow on Friday'.length, 'fell apart');
    const g = text.indexOf('grew by 15% last year');
    edit(g, 'grew by 15% last year'.length, '');
    assert.strictEqual(s.claim(ARTICLE, lost.id)!.start, s.claim(ARTICLE, lost.id)!.end);
    assert.strictEqual(s.hasLostClaims(ARTICLE), true, 'a claim on an empty range has no words');
    edit(g, 0, 'grew by 15% last year');
    assert.deepStrictEqual(s.reanchorLost(ARTICLE), [lost.id]);
    assert.strictEqual(s.hasLostClaims(ARTICLE), false, 'placed again on its words (the edited claim has words, changed ones)');
    const back = s.claim(ARTICLE, lost.id)!;
    assert.strictEqual(text.slice(back.start, back.end), 'grew by 15% last year');
    const e = s.claim(ARTICLE, edited.id)!;
    assert.strictEqual(e.state, 'changed');
    assert.strictEqual(text.slice(e.start, e.end), 'The treaty fell apart');
    // Anchored afresh from its sidecar quote, as the whole article is, the edited claim is lost.
    s.setArticleText(ARTICLE, text);
    assert.notStrictEqual(s.claim(ARTICLE, edited.id)!.state, 'changed');
  });

  it('reanchorLost does not put a claim whose words are gone on its twin sentence, which another claim holds', () => {
    // Two paragraphs with the same sentence, each marked: the first one's words deleted (a reload
    // that took them, say). Anchored alone, the lost claim would find the only copy left, the
    // second claim's words, and carry its verdict there; it must yield to the claim on them, as
    // anchoring the whole article does (the claim found farther from its place loses).
    const twin = 'The council approved the budget on Monday.';
    const TWINS = `${twin}\nResidents were not asked.\n\n${twin}\nThe vote was close.`;
    const s = new ClaimStore({ scale: DEFAULT_SCALE, author: () => 'Ana' });
    s.open(ARTICLE, ARTICLE + '.claims.yaml', 'treaty.md');
    s.loadSidecar(ARTICLE, undefined);
    s.setArticleText(ARTICLE, TWINS);
    const first = s.addClaim(ARTICLE, 0, twin.length);
    const secondAt = TWINS.lastIndexOf(twin);
    const second = s.addClaim(ARTICLE, secondAt, secondAt + twin.length);
    s.setStatus(ARTICLE, first.id, 'inaccurate');
    const text = TWINS.slice(twin.length + 1);
    s.applyEdits(ARTICLE, [{ offset: 0, removed: twin.length + 1, inserted: '' }], text);
    assert.strictEqual(s.hasLostClaims(ARTICLE), true);
    s.reanchorLost(ARTICLE);
    const lost = s.claim(ARTICLE, first.id)!;
    const kept = s.claim(ARTICLE, second.id)!;
    assert.strictEqual(text.slice(kept.start, kept.end), twin, 'the claim on the words left keeps them');
    assert.notStrictEqual(lost.state, 'anchored');
    assert.notStrictEqual(lost.state, 'moved', `the lost claim was placed on its twin's words (${lost.state}: ${lost.reason})`);
    assert.ok(lost.state === 'ambiguous' || lost.state === 'orphaned', lost.state);
    // Anchoring the whole article afresh gives the words to the claim whose recorded context is
    // around them, not to the one found nearer its predicted place (the deletion moved the
    // prediction for the second claim past its words).
    s.setArticleText(ARTICLE, `${text} `);
    assert.ok(['ambiguous', 'orphaned'].includes(s.claim(ARTICLE, first.id)!.state), s.claim(ARTICLE, first.id)!.state);
    const again = s.claim(ARTICLE, second.id)!;
    assert.ok(again.state === 'anchored' || again.state === 'moved', again.state);
    assert.strictEqual(text.slice(again.start, again.end), twin);
  });

  it('typing above a claim moves it with its words; typing inside marks it changed, undoing that restores it', () => {
    const { s } = store();
    const c = s.addClaim(ARTICLE, ...at('remain effective for 20 years'));
    const inserted = 'BREAKING: ';
    let text = inserted + TEXT;
    s.applyEdits(ARTICLE, [{ offset: 0, removed: 0, inserted }], text);
    let e = s.claim(ARTICLE, c.id)!;
    assert.strictEqual(text.slice(e.start, e.end), 'remain effective for 20 years');
    assert.strictEqual(e.state, 'anchored');

    const at20 = text.indexOf('20 years');
    text = text.slice(0, at20) + '25' + text.slice(at20 + 2);
    s.applyEdits(ARTICLE, [{ offset: at20, removed: 2, inserted: '25' }], text);
    e = s.claim(ARTICLE, c.id)!;
    assert.strictEqual(e.state, 'changed');
    assert.strictEqual(e.currentText, 'remain effective for 25 years');
    assert.strictEqual(e.claim.quote, 'remain effective for 20 years', 'the rated words are kept until accepted');

    text = text.slice(0, at20) + '20' + text.slice(at20 + 2);
    s.applyEdits(ARTICLE, [{ offset: at20, removed: 2, inserted: '20' }], text);
    assert.strictEqual(s.claim(ARTICLE, c.id)!.state, 'anchored');
  });

  it('holds() says whether the claim of an id is still that very object in that state, as claim() gives it', () => {
    const { s } = store();
    const c = s.addClaim(ARTICLE, ...at('remain effective for 20 years'));
    const other = s.addClaim(ARTICLE, ...at('grew by 15%'));
    const was = s.claim(ARTICLE, c.id)!;
    assert.ok(s.holds(ARTICLE, was.claim, was.state));
    assert.ok(!s.holds(ARTICLE, was.claim, 'changed'), 'another state');
    assert.ok(!s.holds(ARTICLE, { ...was.claim }, was.state), 'an equal copy is another claim');
    assert.ok(!s.holds('file:///ws/other.md', was.claim, was.state), 'another article');
    // Moved by typing above it: the same object, the same state.
    let text = 'BREAKING: ' + TEXT;
    s.applyEdits(ARTICLE, [{ offset: 0, removed: 0, inserted: 'BREAKING: ' }], text);
    assert.ok(s.holds(ARTICLE, was.claim, was.state));
    // Typing inside it changes its state; a new status replaces the object.
    const at20 = text.indexOf('20 years');
    text = text.slice(0, at20) + '25' + text.slice(at20 + 2);
    s.applyEdits(ARTICLE, [{ offset: at20, removed: 2, inserted: '25' }], text);
    assert.ok(!s.holds(ARTICLE, was.claim, was.state));
    assert.ok(s.holds(ARTICLE, was.claim, 'changed'));
    s.setStatus(ARTICLE, other.id, 'accurate');
    assert.ok(!s.holds(ARTICLE, other, s.claim(ARTICLE, other.id)!.state), 'the claim object was replaced');
    assert.ok(s.holds(ARTICLE, s.claim(ARTICLE, other.id)!.claim, s.claim(ARTICLE, other.id)!.state));
    s.removeClaim(ARTICLE, other.id);
    assert.ok(!s.holds(ARTICLE, other, 'anchored'), 'a removed claim');
  });

  it('reads the article\'s text after an edit only when the edit touched a claim', () => {
    const { s } = store();
    const c = s.addClaim(ARTICLE, ...at('grew by 15%'));
    let reads = 0;
    let text = 'A' + TEXT;
    s.applyEdits(ARTICLE, [{ offset: 0, removed: 0, inserted: 'A' }], () => { reads++; return text; });
    assert.strictEqual(reads, 0, 'typing away from claims copied the whole text');
    const i = text.indexOf('15%');
    text = text.slice(0, i) + '1' + text.slice(i);
    s.applyEdits(ARTICLE, [{ offset: i, removed: 0, inserted: '1' }], () => { reads++; return text; });
    assert.strictEqual(reads, 1);
    assert.strictEqual(s.claim(ARTICLE, c.id)!.currentText, 'grew by 115%');
  });

  it('the progress after keystrokes that move claims between states is what counting every claim again gives', () => {
    // Edits of one to three characters at up to three places at once (claims' words, between
    // them, across two), with statuses set, claims added, imported, removed and put back, lost
    // claims looked for, new wording accepted, the text set again and the article swapped with
    // another under its key (a rename each way: the other model's versions are counted from 0
    // too); the progress is asked for after some steps only, so that it must follow several
    // changes at once, and then equals the claims' entries counted afresh.
    const B = 'file:///ws/other.md';
    const C = 'file:///ws/moved.md';
    const step = fc.oneof(
      { weight: 8, arbitrary: fc.record({ kind: fc.constant('edit' as const), at: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), removed: fc.nat({ max: 3 }), inserted: fc.constantFrom('', 'x', '20', 'Mos', 'signed in Moscow') }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('status' as const), pick: fc.nat(), status: fc.constantFrom('accurate', 'inaccurate', 'unverified') }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('add' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 30 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('import' as const), words: fc.constantFrom('grew by 15%', 'on Friday', 'not in the text') }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('undo' as const) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('lost' as const) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('accept' as const), pick: fc.nat() }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('reset' as const) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('swap' as const) }) },
    );
    let followed = 0;
    let imported = 0;
    fc.assert(fc.property(fc.array(fc.tuple(step, fc.boolean()), { minLength: 1, maxLength: 50 }), (steps) => {
      const { s } = store();
      const texts = new Map([[ARTICLE, TEXT], [B, TEXT]]);
      s.open(B, B + '.claims.yaml', 'other.md');
      s.loadSidecar(B, undefined);
      s.setArticleText(B, TEXT);
      for (const w of ['signed in Moscow', 'remain effective for 20 years', 'grew by 15%', 'Moscow on Friday']) s.addClaim(ARTICLE, ...at(w));
      s.addClaim(B, ...at('grew by 15%'));
      let last = s.progress(ARTICLE)!;
      const check = (what: string) => {
        for (const a of [ARTICLE, B]) assert.deepStrictEqual(s.progress(a), progressOf(s.get(a)!.claims, DEFAULT_SCALE), `${a} after ${what}`);
      };
      for (const [st, ask] of steps) {
        const text = texts.get(ARTICLE) as string;
        const ids = s.get(ARTICLE)!.claims.map((e) => e.claim.id);
        try {
          if (st.kind === 'edit') {
            // Changes as VS Code gives them: against the text before, none overlapping (here from the last).
            const offsets = [...new Set(st.at.map((a) => a % (text.length + 1)))].sort((a, b) => b - a);
            const changes: { offset: number; removed: number; inserted: string }[] = [];
            let next = text;
            let limit = text.length;
            for (const offset of offsets) {
              const removed = Math.min(st.removed, limit - offset);
              next = next.slice(0, offset) + st.inserted + next.slice(offset + removed);
              changes.push({ offset, removed, inserted: st.inserted });
              limit = offset;
            }
            texts.set(ARTICLE, next);
            s.applyEdits(ARTICLE, changes, next);
          } else if (st.kind === 'status' && ids.length) s.setStatus(ARTICLE, ids[st.pick % ids.length], st.status, { reason: 'test' });
          else if (st.kind === 'add') {
            const start = st.at % text.length;
            const end = Math.min(text.length, start + st.length);
            if (text.slice(start, end).trim()) s.addClaim(ARTICLE, start, end);
          } else if (st.kind === 'import') {
            const id = `imp${imported++}`;
            s.addClaims(ARTICLE, [{ id, quote: st.words, before: '', after: '', status: 'unverified', sources: [], offset: text.indexOf(st.words) >= 0 ? text.indexOf(st.words) : undefined } as Claim]);
            assert.ok(s.claim(ARTICLE, id), 'an imported claim is found by its id');
          } else if (st.kind === 'remove' && ids.length) s.removeClaim(ARTICLE, ids[st.pick % ids.length]);
          else if (st.kind === 'undo') s.undoRemove();
          else if (st.kind === 'lost') s.reanchorLost(ARTICLE);
          else if (st.kind === 'accept' && ids.length) s.acceptWording(ARTICLE, ids[st.pick % ids.length]);
          else if (st.kind === 'reset') s.setArticleText(ARTICLE, text);
          else if (st.kind === 'swap') {
            s.rename(ARTICLE, C, C + '.claims.yaml', 'moved.md');
            s.rename(B, ARTICLE, ARTICLE + '.claims.yaml', 'treaty.md');
            s.rename(C, B, B + '.claims.yaml', 'other.md');
            texts.set(ARTICLE, texts.get(B) as string);
            texts.set(B, text);
          }
        } catch (e) { if (!(e instanceof StoreError)) throw e; }
        if (!ask) continue;
        const now = s.progress(ARTICLE)!;
        // Followed, not counted again: the counts by status are the same Map.
        if (now !== last && now.byStatus === last.byStatus) followed++;
        last = now;
        check(JSON.stringify(st));
      }
      check('the last step');
    }), { numRuns: 400 });
    assert.ok(followed > 0, 'no keystroke moved a claim between states by following the moves');
  });

  it('a claim imported after its article\'s claims were looked up by id is found by its id, and typing inside it marks it changed', () => {
    const { s } = store();
    const c = s.addClaim(ARTICLE, ...at('signed in Moscow'));
    assert.ok(s.claim(ARTICLE, c.id)); // (the id index is built)
    const quote = 'grew by 15%';
    s.addClaims(ARTICLE, [{ id: 'imp001', quote, before: '', after: '', status: 'unverified', sources: [], offset: TEXT.indexOf(quote) } as unknown as Claim]);
    const e = s.claim(ARTICLE, 'imp001');
    assert.ok(e, 'the imported claim is not found by its id');
    assert.strictEqual(TEXT.slice(e.start, e.end), quote);
    assert.deepStrictEqual(s.get(ARTICLE)!.claims.map((x) => x.claim.id), [c.id, 'imp001']);
    const o = TEXT.indexOf('15%');
    const text = TEXT.slice(0, o) + '9' + TEXT.slice(o);
    assert.deepStrictEqual(s.applyEdits(ARTICLE, [{ offset: o, removed: 0, inserted: '9' }], text), ['imp001']);
    assert.strictEqual(s.claim(ARTICLE, 'imp001')!.state, 'changed');
    assert.strictEqual(s.claim(ARTICLE, 'imp001')!.currentText, 'grew by 915%');
    assert.deepStrictEqual(s.progress(ARTICLE), progressOf(s.get(ARTICLE)!.claims, DEFAULT_SCALE));
  });

  it('a keystroke inside a claim reads that claim\'s words, not the whole text, and keeps the progress unless a state changed', () => {
    const { s } = store();
    const c = s.addClaim(ARTICLE, ...at('grew by 15%'));
    s.addClaim(ARTICLE, ...at('signed in Moscow'));
    let text = TEXT;
    let reads = 0;
    const words: string[] = [];
    const type = (offset: number, removed: number, inserted: string) => {
      text = text.slice(0, offset) + inserted + text.slice(offset + removed);
      return s.applyEdits(ARTICLE, [{ offset, removed, inserted }], () => { reads++; return text; }, (a, b) => { const w = text.slice(a, b); words.push(w); return w; });
    };
    const i = text.indexOf('15%');
    const progress = s.progress(ARTICLE);
    assert.deepStrictEqual(type(i, 0, '1'), [c.id]);
    assert.strictEqual(reads, 0, 'a keystroke inside a claim copied the whole text');
    assert.deepStrictEqual(words, ['grew by 115%']);
    const flipped = s.stats.snapshots;
    const changed = s.progress(ARTICLE)!;
    assert.strictEqual(s.stats.snapshots, flipped, 'the progress after a state changed was counted from a snapshot of the article');
    assert.strictEqual(changed.wordsChanged, 1, 'the claim went from anchored to changed: the progress follows');
    assert.notStrictEqual(changed, progress);
    assert.deepStrictEqual(changed, progressOf(s.get(ARTICLE)!.claims, DEFAULT_SCALE), 'the progress differs from the claims\' entries counted');
    // Typing on in the changed claim: its words change, its state and the progress do not.
    const built = s.stats.snapshots;
    type(i + 1, 0, '2');
    type(i + 2, 0, '3');
    assert.strictEqual(s.claim(ARTICLE, c.id)!.currentText, 'grew by 12315%');
    assert.strictEqual(s.progress(ARTICLE), changed, 'the progress was recomputed although no state changed');
    assert.strictEqual(s.stats.snapshots, built, 'a keystroke inside a changed claim built a snapshot of the article for its progress');
    // Deleting what was typed: anchored again, and the progress says so.
    type(i, 3, '');
    assert.strictEqual(s.claim(ARTICLE, c.id)!.state, 'anchored');
    assert.strictEqual(s.progress(ARTICLE)!.wordsChanged, 0);
    assert.strictEqual(reads, 0);
    // The whole text is still read when something needs it (a hint refreshed by a status change).
    s.setStatus(ARTICLE, c.id, 'accurate');
    assert.ok(reads >= 1);
    assert.strictEqual(s.claim(ARTICLE, c.id)!.claim.offset, text.indexOf('grew by 15%'));
  });

  it('accepting new wording takes the current words as the quote', () => {
    const { s } = store();
    const c = s.addClaim(ARTICLE, ...at('grew by 15%'));
    const i = TEXT.indexOf('15%');
    const text = TEXT.slice(0, i) + '17%' + TEXT.slice(i + 3);
    s.applyEdits(ARTICLE, [{ offset: i, removed: 3, inserted: '17%' }], text);
    const accepted = s.acceptWording(ARTICLE, c.id);
    assert.strictEqual(accepted.quote, 'grew by 17%');
    assert.strictEqual(s.claim(ARTICLE, c.id)!.state, 'anchored');
  });

  it('updates a claim, refreshing its position hints and timestamp', () => {
    const { s } = store();
    const c = s.addClaim(ARTICLE, ...at('grew by 15%'));
    const text = 'New first line.\n' + TEXT;
    s.applyEdits(ARTICLE, [{ offset: 0, removed: 0, inserted: 'New first line.\n' }], text);
    const next = s.updateClaim(ARTICLE, c.id, { status: 'accurate' });
    assert.strictEqual(next.status, 'accurate');
    assert.strictEqual(next.line, 4);
    assert.strictEqual(next.offset, text.indexOf('grew by 15%'));
    assert.ok(next.updated! > c.updated!);
    assert.throws(() => s.updateClaim(ARTICLE, c.id, { status: 'true' }), StoreError);
  });

  it('deletes a claim and brings it back with undo', () => {
    const { s } = store();
    const a = s.addClaim(ARTICLE, ...at('signed in Moscow'));
    const b = s.addClaim(ARTICLE, ...at('grew by 15%'));
    s.removeClaim(ARTICLE, a.id);
    assert.deepStrictEqual(s.get(ARTICLE)!.claims.map((c) => c.claim.id), [b.id]);
    const back = s.undoRemove();
    assert.strictEqual(back?.claim.id, a.id);
    assert.deepStrictEqual(s.get(ARTICLE)!.claims.map((c) => c.claim.id), [a.id, b.id]);
    assert.strictEqual(s.claim(ARTICLE, a.id)!.state, 'anchored');
    assert.strictEqual(s.undoRemove(), undefined);
  });

  it('serializes, and after the write an external edit of another claim is merged with unsaved changes here', () => {
    const { s } = store();
    const a = s.addClaim(ARTICLE, ...at('signed in Moscow'));
    const b = s.addClaim(ARTICLE, ...at('grew by 15%'));
    const written = s.serialize(ARTICLE);
    s.markSaved(ARTICLE, written);
    assert.strictEqual(s.get(ARTICLE)!.dirty, false);

    s.updateClaim(ARTICLE, a.id, { status: 'accurate' }); // unsaved here
    const onDisk = written.replace(/(id: "?)(\w+)("?\n[\s\S]*?)status: unverified/g, (m, p, id, rest) => (id === b.id ? `${p}${id}${rest}status: inaccurate` : m));
    assert.notStrictEqual(onDisk, written);
    s.loadSidecar(ARTICLE, onDisk);
    const snap = s.get(ARTICLE)!;
    assert.strictEqual(snap.sidecarState, 'ok');
    assert.deepStrictEqual(snap.claims.map((c) => c.claim.status), ['accurate', 'inaccurate']);
    assert.ok(snap.dirty, 'the merged result still has to be written');
  });

  it('a sidecar that does not parse is reported, kept, and never serialized over', () => {
    const { s } = store();
    s.addClaim(ARTICLE, ...at('signed in Moscow'));
    s.loadSidecar(ARTICLE, 'factmark: 1\nclaims: [\n');
    const snap = s.get(ARTICLE)!;
    assert.strictEqual(snap.sidecarState, 'broken');
    assert.ok(snap.problems[0].line! >= 1);
    assert.throws(() => s.serialize(ARTICLE), StoreError);
    assert.throws(() => s.addClaim(ARTICLE, ...at('grew by 15%')), /will not write over/);
    assert.strictEqual(snap.claims.length, 1, 'claims in memory are kept');
  });

  it('the placements version stays while only the claims a change names are placed, and moves when all are placed anew', () => {
    const { s, events } = store();
    const a = s.addClaim(ARTICLE, ...at('signed in Moscow'));
    const b = s.addClaim(ARTICLE, ...at('grew by 15%'));
    const v = s.placementsVersion(ARTICLE);
    assert.ok(v !== undefined);
    const places = () => new Map((s.get(ARTICLE)?.claims ?? []).map((e) => [e.claim.id, `${e.state} ${e.start}-${e.end}`]));
    // Each of these names the claims it places; every other claim keeps its place.
    const steps: [string, () => void][] = [
      ['a status set', () => s.setStatus(ARTICLE, a.id, 'inaccurate')],
      ['a claim marked', () => s.addClaim(ARTICLE, ...at('remain effective'))],
      ['a claim deleted', () => s.removeClaim(ARTICLE, b.id)],
      ['typing above the claims', () => s.applyEdits(ARTICLE, [{ offset: 0, removed: 0, inserted: 'x' }], 'x' + TEXT)],
    ];
    for (const [what, step] of steps) {
      const before = places();
      const mark = events.length;
      step();
      assert.strictEqual(s.placementsVersion(ARTICLE), v, `after ${what}`);
      const named = new Set(events.slice(mark).flatMap((e) => e.ids ?? []));
      const shift = what.startsWith('typing') ? 1 : 0;
      for (const [id, place] of places()) {
        if (named.has(id) || !before.has(id)) continue;
        const [state, range] = (before.get(id) as string).split(' ');
        const [start, end] = range.split('-').map(Number);
        assert.strictEqual(place, `${state} ${start + shift}-${end + shift}`, `${id} after ${what}`);
      }
    }
    // Placed anew: the article replaced, claims read again, a deleted claim brought back (a re-anchor).
    s.setArticleText(ARTICLE, 'Intro.\n' + TEXT);
    const v2 = s.placementsVersion(ARTICLE);
    assert.notStrictEqual(v2, v, 'a new text re-anchors every claim');
    s.undoRemove();
    assert.notStrictEqual(s.placementsVersion(ARTICLE), v2, 'bringing a claim back re-anchors every claim');
    const v3 = s.placementsVersion(ARTICLE);
    s.loadSidecar(ARTICLE, s.serialize(ARTICLE).replace('signed in Moscow', 'signed in Moscow on Friday'));
    assert.notStrictEqual(s.placementsVersion(ARTICLE), v3, 'claims read again are placed anew');
    // Another article's version is its own, even for the same key opened again.
    const last = s.placementsVersion(ARTICLE);
    s.forget(ARTICLE);
    s.open(ARTICLE, ARTICLE + '.claims.yaml', 'treaty.md');
    assert.notStrictEqual(s.placementsVersion(ARTICLE), last, 'an article opened again repeats an old version');
  });

  it('re-anchors claims when the article is replaced (e.g. by git checkout)', () => {
    const { s } = store();
    const c = s.addClaim(ARTICLE, ...at('grew by 15%'));
    s.markSaved(ARTICLE, s.serialize(ARTICLE));
    const checkedOut = 'An intro paragraph was added.\n\n' + TEXT;
    s.setArticleText(ARTICLE, checkedOut);
    const e = s.claim(ARTICLE, c.id)!;
    assert.strictEqual(e.state, 'moved');
    assert.strictEqual(checkedOut.slice(e.start, e.end), 'grew by 15%');
  });

  it('counts each article\'s fresh anchorings apart from the store\'s total', () => {
    const { s } = store();
    const OTHER = 'file:///ws/other.md';
    s.addClaim(ARTICLE, ...at('grew by 15%'));
    s.open(OTHER, OTHER + '.claims.yaml', 'other.md');
    s.loadSidecar(OTHER, undefined);
    s.setArticleText(OTHER, TEXT);
    s.addClaim(OTHER, ...at('signed in Moscow'));
    const [mine, theirs, total] = [s.reanchorsOf(ARTICLE)!, s.reanchorsOf(OTHER)!, s.stats.reanchors];
    s.setArticleText(OTHER, 'An intro.\n\n' + TEXT);
    assert.strictEqual(s.reanchorsOf(OTHER), theirs + 1, 'the replaced article was anchored afresh');
    assert.strictEqual(s.reanchorsOf(ARTICLE), mine, 'the other article was not');
    assert.strictEqual(s.stats.reanchors, total + 1);
    assert.strictEqual(s.reanchorsOf('file:///ws/unknown.md'), undefined, 'an article the store does not hold');
  });

  describe('says whether a load left claims the file does not hold (so the caller decides to write)', () => {
    it('a clean load, and reading back what was written, leave nothing unsaved', () => {
      const { s, events } = store();
      s.addClaim(ARTICLE, ...at('signed in Moscow'));
      const written = s.serialize(ARTICLE);
      s.markSaved(ARTICLE, written);
      events.length = 0;
      assert.deepStrictEqual(s.loadSidecar(ARTICLE, written), { changed: false, unsaved: false }, 'our own write coming back');
      assert.strictEqual(events.length, 0, 'and no event for it');
      const edited = written.replace('status: unverified', 'status: accurate');
      assert.deepStrictEqual(s.loadSidecar(ARTICLE, edited), { changed: true, unsaved: false }, 'a hand edit with nothing pending here');
      assert.deepStrictEqual(events.map((e) => e.kind), ['loaded']);
    });

    it('a merge with edits made here is unsaved', () => {
      const { s } = store();
      const a = s.addClaim(ARTICLE, ...at('signed in Moscow'));
      s.addClaim(ARTICLE, ...at('grew by 15%'));
      const written = s.serialize(ARTICLE);
      s.markSaved(ARTICLE, written);
      s.updateClaim(ARTICLE, a.id, { explanation: 'Checked against the treaty text.' });
      const other = written.replace(/status: unverified(?![\s\S]*status: unverified)/, 'status: inaccurate');
      assert.notStrictEqual(other, written);
      assert.deepStrictEqual(s.loadSidecar(ARTICLE, other), { changed: true, unsaved: true });
      assert.strictEqual(s.claim(ARTICLE, a.id)!.claim.explanation, 'Checked against the treaty text.');
    });

    it('a deleted sidecar whose claims are kept is unsaved; an empty one is not', () => {
      const { s } = store();
      s.addClaim(ARTICLE, ...at('signed in Moscow'));
      s.markSaved(ARTICLE, s.serialize(ARTICLE));
      assert.deepStrictEqual(s.loadSidecar(ARTICLE, undefined), { changed: true, unsaved: true });
      assert.strictEqual(s.get(ARTICLE)!.claims.length, 1, 'the claims are kept');
      const empty = store().s;
      assert.deepStrictEqual(empty.loadSidecar(ARTICLE, undefined).unsaved, false);
    });

    it('a sidecar read as gone again is no news (nothing to write); read again once it is back, it is', () => {
      const { s } = store();
      s.addClaim(ARTICLE, ...at('signed in Moscow'));
      const written = s.serialize(ARTICLE);
      s.markSaved(ARTICLE, written);
      let events = 0;
      s.onDidChange(() => events++);
      assert.deepStrictEqual(s.loadSidecar(ARTICLE, undefined), { changed: true, unsaved: true });
      assert.strictEqual(events, 1);
      assert.deepStrictEqual(s.loadSidecar(ARTICLE, undefined), { changed: false, unsaved: true }, 'its absence read again was taken as a change');
      assert.strictEqual(events, 1);
      assert.strictEqual(s.get(ARTICLE)!.claims.length, 1, 'the claims are kept');
      assert.deepStrictEqual(s.loadSidecar(ARTICLE, written), { changed: true, unsaved: false });
      assert.strictEqual(s.get(ARTICLE)!.sidecarState, 'ok');
      assert.deepStrictEqual(s.loadSidecar(ARTICLE, undefined), { changed: true, unsaved: true }, 'gone again after it came back is news');
    });

    it('a rename leaves the sidecar to be rewritten with the article\'s new name', () => {
      const { s } = store();
      s.addClaim(ARTICLE, ...at('signed in Moscow'));
      s.markSaved(ARTICLE, s.serialize(ARTICLE));
      const moved = 'file:///ws/pact.md';
      assert.deepStrictEqual(s.rename(ARTICLE, moved, moved + '.claims.yaml', 'pact.md'), { changed: true, unsaved: true });
      assert.match(s.serialize(moved), /^article: pact\.md$/m);
      assert.deepStrictEqual(s.rename('file:///ws/none.md', moved, moved + '.claims.yaml', 'pact.md'), { changed: false, unsaved: false });
    });
  });
});
