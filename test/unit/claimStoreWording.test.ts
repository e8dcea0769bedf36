// A claim's words and place, changed on purpose: Accept New Wording, Re-attach and Confirm
// Place through the store, and what they leave in the sidecar (the `log` entry, `recheck`).
import * as assert from 'assert';
import { ClaimStore } from '../../src/core/store/claimStore';
import { parseSidecar } from '../../src/core/sidecar/sidecarYaml';
import { DEFAULT_SCALE } from '../../src/core/statusScale';
import { StoreError } from '../../src/core/store/types';

const ARTICLE = 'file:///ws/treaty.md';
const TEXT = [
  'The treaty was signed in Moscow on Friday.',
  'According to the ambassador, it will remain effective for 20 years.',
  'Trade between the two countries grew by 15% last year.',
].join('\n');

function store(text = TEXT): ClaimStore {
  let t = 0;
  const s = new ClaimStore({ scale: DEFAULT_SCALE, now: () => `2026-11-28T12:00:${String(t++).padStart(2, '0')}Z`, author: () => 'Ana' });
  s.open(ARTICLE, ARTICLE + '.claims.yaml', 'treaty.md');
  s.loadSidecar(ARTICLE, undefined);
  s.setArticleText(ARTICLE, text);
  return s;
}

const at = (words: string, text = TEXT) => [text.indexOf(words), text.indexOf(words) + words.length] as const;

/** Edits the claim's words the way the editor reports it, so that the claim becomes `changed`. */
function edit(s: ClaimStore, from: string, to: string, text = TEXT): string {
  const i = text.indexOf(from);
  const next = text.slice(0, i) + to + text.slice(i + from.length);
  s.applyEdits(ARTICLE, [{ offset: i, removed: from.length, inserted: to }], next);
  return next;
}

const reload = (s: ClaimStore) => parseSidecar(s.serialize(ARTICLE), 'treaty.md.claims.yaml');

describe('Accept New Wording', () => {
  it('logs the old and new words, asks for a re-check of a rated claim, and the sidecar keeps both', () => {
    const s = store();
    const c = s.addClaim(ARTICLE, ...at('grew by 15%'));
    s.updateClaim(ARTICLE, c.id, { status: 'accurate' });
    edit(s, '15%', '17%');
    const next = s.acceptWording(ARTICLE, c.id);
    assert.strictEqual(next.quote, 'grew by 17%');
    assert.strictEqual(next.recheck, true);
    assert.strictEqual(next.status, 'accurate', 'the verdict is kept, marked as not re-confirmed');
    assert.deepStrictEqual(next.log, [{ date: next.updated, by: 'Ana', change: 'wording', from: 'grew by 15%', to: 'grew by 17%' }]);
    const loaded = reload(s);
    assert.ok(loaded.ok);
    const back = loaded.loaded.sidecar.claims[0];
    assert.strictEqual(back.recheck, true);
    assert.deepStrictEqual(back.log, next.log);
  });

  it('a second change of wording adds to the log, oldest first', () => {
    const s = store();
    const c = s.addClaim(ARTICLE, ...at('grew by 15%'));
    s.updateClaim(ARTICLE, c.id, { status: 'accurate' });
    let text = edit(s, '15%', '17%');
    s.acceptWording(ARTICLE, c.id);
    edit(s, '17%', '18%', text);
    text = text.replace('17%', '18%');
    const next = s.acceptWording(ARTICLE, c.id);
    assert.deepStrictEqual(next.log!.map((l) => [l.from, l.to]), [['grew by 15%', 'grew by 17%'], ['grew by 17%', 'grew by 18%']]);
  });

  it('setting the status again clears recheck — also to the same status — and keeps the log', () => {
    const s = store();
    const c = s.addClaim(ARTICLE, ...at('grew by 15%'));
    s.updateClaim(ARTICLE, c.id, { status: 'accurate' });
    edit(s, '15%', '17%');
    s.acceptWording(ARTICLE, c.id);
    assert.strictEqual(s.updateClaim(ARTICLE, c.id, { explanation: 'Checked against the customs data.' }).recheck, true, 'other edits leave it');
    const next = s.updateClaim(ARTICLE, c.id, { status: 'accurate' });
    assert.strictEqual(next.recheck, undefined);
    assert.strictEqual(next.log!.length, 1);
    assert.ok(!/recheck/.test(s.serialize(ARTICLE)));
  });

  it('an unrated claim gets the log entry but no re-check marker: there is no verdict to re-confirm', () => {
    const s = store();
    const c = s.addClaim(ARTICLE, ...at('grew by 15%'));
    edit(s, '15%', '17%');
    const next = s.acceptWording(ARTICLE, c.id);
    assert.strictEqual(next.recheck, undefined);
    assert.strictEqual(next.log!.length, 1);
  });

  it('an orphaned claim has no new words to accept', () => {
    const s = store();
    const c = s.addClaim(ARTICLE, ...at('grew by 15%'));
    s.setArticleText(ARTICLE, TEXT.split('\n').slice(0, 2).join('\n'));
    assert.strictEqual(s.claim(ARTICLE, c.id)!.state, 'orphaned');
    assert.throws(() => s.acceptWording(ARTICLE, c.id), StoreError);
  });
});

describe('Re-attach', () => {
  it('to other words is a change of wording: logged, and a rated claim needs re-checking', () => {
    const s = store();
    const c = s.addClaim(ARTICLE, ...at('grew by 15%'));
    s.updateClaim(ARTICLE, c.id, { status: 'inaccurate' });
    const next = s.reattach(ARTICLE, c.id, ...at('grew by 15% last year'));
    assert.strictEqual(next.quote, 'grew by 15% last year');
    assert.strictEqual(next.recheck, true);
    assert.deepStrictEqual(next.log!.map((l) => [l.change, l.from, l.to]), [['wording', 'grew by 15%', 'grew by 15% last year']]);
    assert.strictEqual(s.claim(ARTICLE, c.id)!.state, 'anchored');
  });

  it('to the same words elsewhere moves the claim without a log entry or re-check', () => {
    const text = `${TEXT}\nAgain: grew by 15% last year.`;
    const s = store(text);
    const c = s.addClaim(ARTICLE, ...at('grew by 15%', text));
    s.updateClaim(ARTICLE, c.id, { status: 'accurate' });
    const second = text.lastIndexOf('grew by 15%');
    const next = s.reattach(ARTICLE, c.id, second, second + 'grew by 15%'.length);
    assert.strictEqual(next.offset, second);
    assert.strictEqual(next.recheck, undefined);
    assert.strictEqual(next.log, undefined);
  });
});

describe('Confirm Place', () => {
  // The same sentence twice, with identical context: only a person can say which one is meant.
  const block = 'Officials said the bridge will stay closed until further notice, the council added.';
  const text = `${block}\n${block}`;

  it('records the position and context of an ambiguous claim, which is then anchored there, quote unchanged', () => {
    const s = store(text);
    const c = s.addClaim(ARTICLE, text.indexOf('stay closed'), text.indexOf('stay closed') + 'stay closed'.length);
    // Drop the position hints, as a hand-written sidecar would: the two places cannot be told apart.
    const stripped = s.serialize(ARTICLE).replace(/\n\s+(line|offset): \d+/g, '');
    s.loadSidecar(ARTICLE, stripped);
    const e = s.claim(ARTICLE, c.id)!;
    assert.strictEqual(e.state, 'ambiguous', e.reason);
    const next = s.confirmPlace(ARTICLE, c.id);
    assert.strictEqual(next.quote, 'stay closed');
    assert.strictEqual(next.offset, e.start);
    assert.strictEqual(next.line, text.slice(0, e.start).split('\n').length);
    assert.strictEqual(s.claim(ARTICLE, c.id)!.state, 'anchored');
    assert.strictEqual(next.log, undefined);
    // And it is found there again after a reload.
    s.loadSidecar(ARTICLE, s.serialize(ARTICLE));
    s.setArticleText(ARTICLE, text);
    const again = s.claim(ARTICLE, c.id)!;
    assert.deepStrictEqual([again.state, again.start], ['anchored', e.start]);
  });

  it('at edited words the claim is then changed there (for Accept New Wording), not ambiguous', () => {
    const s = store(text);
    const c = s.addClaim(ARTICLE, text.indexOf('stay closed until'), text.indexOf('stay closed until') + 'stay closed until'.length);
    // A hint halfway between the two sentences, and both edited the same way: two equally good places.
    const half = text.indexOf('stay closed until') + (block.length + 1) / 2;
    s.loadSidecar(ARTICLE, s.serialize(ARTICLE).replace(/\n(\s+)offset: \d+/, `\n$1offset: ${Math.floor(half)}`));
    const edited = text.replace(/stay closed until/g, 'stay shut until');
    s.setArticleText(ARTICLE, edited);
    const e = s.claim(ARTICLE, c.id)!;
    assert.strictEqual(e.state, 'ambiguous', e.reason);
    s.confirmPlace(ARTICLE, c.id);
    const after = s.claim(ARTICLE, c.id)!;
    assert.strictEqual(after.state, 'changed');
    assert.strictEqual(after.currentText, edited.slice(e.start, e.end));
    assert.strictEqual(after.claim.quote, 'stay closed until');
  });

  it('the confirmed place reaches the file even when nothing else about the claim changed (confirmed in the second it was marked, by its author)', () => {
    // A clock that stands still: `updated` and `by` come out as they were, the context is the
    // same at both places, so the position hints are all that differs. A writer that skips a
    // claim whose hints alone moved would write the old file back and lose the confirmation.
    const s = new ClaimStore({ scale: DEFAULT_SCALE, now: () => '2026-11-28T12:00:00Z', author: () => 'Ana' });
    s.open(ARTICLE, ARTICLE + '.claims.yaml', 'treaty.md');
    s.loadSidecar(ARTICLE, undefined);
    s.setArticleText(ARTICLE, text);
    const c = s.addClaim(ARTICLE, text.lastIndexOf('stay closed'), text.lastIndexOf('stay closed') + 'stay closed'.length);
    const stripped = s.serialize(ARTICLE).replace(/\n\s+(line|offset): \d+/g, '');
    s.loadSidecar(ARTICLE, stripped);
    assert.strictEqual(s.claim(ARTICLE, c.id)!.state, 'ambiguous');
    const { start } = s.claim(ARTICLE, c.id)!;
    s.confirmPlace(ARTICLE, c.id);
    const written = s.serialize(ARTICLE);
    assert.notStrictEqual(written, stripped, 'the confirmation was not written');
    assert.strictEqual((parseSidecar(written, 'treaty.md.claims.yaml') as { loaded: { sidecar: { claims: { offset?: number }[] } } }).loaded.sidecar.claims[0].offset, start);
    // Once written, it is not written again for nothing.
    s.markSaved(ARTICLE, written);
    assert.strictEqual(s.serialize(ARTICLE), written);
    // Reloaded, it is found at the confirmed place.
    s.loadSidecar(ARTICLE, written);
    s.setArticleText(ARTICLE, text);
    assert.deepStrictEqual([s.claim(ARTICLE, c.id)!.state, s.claim(ARTICLE, c.id)!.start], ['anchored', start]);
  });

  it('an orphaned claim has no place to confirm', () => {
    const s = store();
    const c = s.addClaim(ARTICLE, ...at('grew by 15%'));
    s.setArticleText(ARTICLE, 'Nothing left of it.');
    assert.throws(() => s.confirmPlace(ARTICLE, c.id), /no place to confirm/);
  });
});
