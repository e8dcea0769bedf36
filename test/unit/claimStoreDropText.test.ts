// The text of an article that is not open is let go once its claims are anchored (issue 13: the
// memory of a 5,000-article workspace), and read again when something needs it. What must hold:
// nothing changes for the views while it is gone; nothing that needs the text works without it;
// read again, the claims are anchored afresh in what was read, so the same text gives exactly the
// same placements (and the same bytes when written) and a text changed meanwhile is never used
// with the old placements.
import * as assert from 'assert';
import { CARRIED_REASON } from '../../src/core/history/anchorWithHistory';
import { ClaimStore } from '../../src/core/store/claimStore';
import { DEFAULT_SCALE } from '../../src/core/statusScale';
import { StoreError, type StoreChange } from '../../src/core/store/types';
import { CLAIM_IN_NEW, CLAIM_IN_OLD, NEW, OLD, REFRAIN } from '../fixtures/twinParagraphs';

const ARTICLE = 'file:///ws/treaty.md';
const TEXT = [
  'The treaty was signed in Moscow on Friday.',
  'According to the ambassador, it will remain effective for 20 years.',
  'Trade between the two countries grew by 15% last year, the ministry said.',
  'Trade between the two countries grew by 15% last year, the ministry said.',
].join('\n');

const at = (words: string, text = TEXT) => [text.indexOf(words), text.indexOf(words) + words.length] as const;

/** A sidecar written by Factmark for TEXT: three claims, one of them on words that appear twice. */
function sidecarFor(text = TEXT): string {
  const s = new ClaimStore({ scale: DEFAULT_SCALE, now: () => '2026-12-02T12:00:00Z', author: () => 'Ana' });
  s.open(ARTICLE, ARTICLE + '.claims.yaml', 'treaty.md');
  s.loadSidecar(ARTICLE, undefined);
  s.setArticleText(ARTICLE, text);
  s.addClaim(ARTICLE, ...at('signed in Moscow', text));
  s.addClaim(ARTICLE, ...at('remain effective for 20 years', text));
  s.addClaim(ARTICLE, ...at('grew by 15% last year', text));
  return s.serialize(ARTICLE);
}

function loaded(source: string, text: string): { s: ClaimStore; events: StoreChange[] } {
  let t = 0;
  const s = new ClaimStore({ scale: DEFAULT_SCALE, now: () => `2026-12-02T13:00:${String(t++).padStart(2, '0')}Z`, author: () => 'Bo' });
  const events: StoreChange[] = [];
  s.onDidChange((e) => events.push(e));
  s.open(ARTICLE, ARTICLE + '.claims.yaml', 'treaty.md');
  s.loadSidecar(ARTICLE, source);
  s.setArticleText(ARTICLE, text);
  return { s, events };
}

/** What the views show of each claim: its id, state, range and words now. */
const placements = (s: ClaimStore) => s.get(ARTICLE)!.claims.map((e) => ({ id: e.claim.id, state: e.state, start: e.start, end: e.end, currentText: e.currentText, reason: e.reason, confidence: e.confidence }));

describe('ClaimStore: an article\'s text let go once anchored', () => {
  const SOURCE = sidecarFor();

  it('is not held, and nothing the views read changes: no event, the same snapshot', () => {
    const { s, events } = loaded(SOURCE, TEXT);
    const before = s.get(ARTICLE);
    const n = events.length;
    assert.strictEqual(s.stats.textsHeld, 1);
    assert.strictEqual(s.dropArticleText(ARTICLE), true);
    assert.strictEqual(s.stats.textsHeld, 0, 'the text is not held');
    assert.strictEqual(s.stats.textsDropped, 1);
    assert.strictEqual(s.hasArticleText(ARTICLE), false);
    assert.strictEqual(s.hasArticleText(ARTICLE, TEXT), false, 'not even the same text is taken as held');
    assert.strictEqual(s.articleTextDropped(ARTICLE), true);
    assert.strictEqual(events.length, n, 'no event');
    assert.strictEqual(s.get(ARTICLE), before, 'the same snapshot, the same placements');
    assert.strictEqual(s.dropArticleText(ARTICLE), false, 'nothing more to let go');
  });

  it('refuses changes that need the text until it is read again', () => {
    const { s } = loaded(SOURCE, TEXT);
    const id = s.get(ARTICLE)!.claims[1].claim.id;
    s.dropArticleText(ARTICLE);
    assert.throws(() => s.setStatus(ARTICLE, id, 'accurate'), (e: unknown) => e instanceof StoreError && /has not been read yet/.test(e.message));
    assert.throws(() => s.acceptWording(ARTICLE, id), StoreError);
    assert.throws(() => s.removeClaim(ARTICLE, id), StoreError);
    assert.strictEqual(s.get(ARTICLE)!.dirty, false, 'nothing was changed');
  });

  it('read again unchanged: anchored afresh, to exactly the placements it had and the bytes a store that kept it writes', () => {
    const kept = loaded(SOURCE, TEXT);
    const { s } = loaded(SOURCE, TEXT);
    const was = placements(s);
    const reanchors = s.reanchorsOf(ARTICLE)!;
    s.dropArticleText(ARTICLE);
    s.restoreArticleText(ARTICLE, TEXT);
    assert.strictEqual(s.reanchorsOf(ARTICLE), reanchors + 1, 'anchored afresh, not trusted');
    assert.strictEqual(s.stats.textsRestored, 1);
    assert.strictEqual(s.hasArticleText(ARTICLE, TEXT), true);
    assert.deepStrictEqual(placements(s), was);
    assert.deepStrictEqual(placements(s), placements(kept.s));
    // The same change in both: the same file, byte for byte (the hints come from the text read again).
    const id = was[2].id;
    kept.s.setStatus(ARTICLE, id, 'accurate');
    s.setStatus(ARTICLE, id, 'accurate');
    assert.strictEqual(s.serialize(ARTICLE), kept.s.serialize(ARTICLE));
  });

  it('edited on disk between letting it go and reading it again: anchored afresh in the new text, never on the old offsets', () => {
    const { s } = loaded(SOURCE, TEXT);
    const old = placements(s);
    s.dropArticleText(ARTICLE);
    const edited = 'An editor\'s note added above.\n' + TEXT.replace('20 years', '25 years');
    s.restoreArticleText(ARTICLE, edited);
    const now = placements(s);
    const fresh = loaded(SOURCE, edited);
    assert.deepStrictEqual(now, placements(fresh.s), 'as a store that read the new text at once');
    assert.notDeepStrictEqual(now.map((p) => p.start), old.map((p) => p.start));
    const moscow = now[0];
    assert.strictEqual(edited.slice(moscow.start, moscow.end), 'signed in Moscow');
    assert.strictEqual(now[1].state, 'changed', 'the edited claim says so');
    assert.strictEqual(now[1].currentText, 'remain effective for 25 years');
  });

  it('a sidecar changed while the text is gone: its claims are not placed on the old text, and are placed when it is read again (in one event)', () => {
    const { s, events } = loaded(SOURCE, TEXT);
    s.dropArticleText(ARTICLE);
    // Another tool changed the claims' statuses.
    const theirs = sidecarFor().replace(/status: unverified/g, 'status: accurate');
    const n = events.length;
    s.batch(() => {
      s.loadSidecar(ARTICLE, theirs);
      assert.ok(s.get(ARTICLE)!.claims.every((e) => e.state === 'unresolved' && e.start === undefined), 'no claim sits on offsets of a text not read');
      s.restoreArticleText(ARTICLE, TEXT);
    });
    assert.strictEqual(events.length, n + 1, 'one event');
    assert.deepStrictEqual(placements(s), placements(loaded(theirs, TEXT).s));
    assert.ok(s.get(ARTICLE)!.claims.every((e) => e.claim.status === 'accurate'));
  });

  it('keeps the git history it was given for this sidecar: read again, the claim is carried onto its own words as before', () => {
    const s = new ClaimStore({ scale: DEFAULT_SCALE, now: () => '2026-11-28T12:00:00Z' });
    s.open(ARTICLE, ARTICLE + '.claims.yaml', 'budget.md');
    s.loadSidecar(ARTICLE, undefined);
    s.setArticleText(ARTICLE, OLD);
    const { id } = s.addClaim(ARTICLE, CLAIM_IN_OLD, CLAIM_IN_OLD + REFRAIN.length);
    s.markSaved(ARTICLE, s.serialize(ARTICLE));
    s.setArticleText(ARTICLE, NEW, { previous: { text: OLD, label: 'abc1234' } });
    const carried = s.claim(ARTICLE, id)!;
    assert.strictEqual(carried.start, CLAIM_IN_NEW);
    assert.ok(s.dropArticleText(ARTICLE));
    s.restoreArticleText(ARTICLE, NEW);
    const e = s.claim(ARTICLE, id)!;
    assert.deepStrictEqual(e, carried);
    assert.ok(e.reason.startsWith(CARRIED_REASON));
  });

  it('is kept while the placements are not what anchoring the text gives (edits carried, a place set by hand)', () => {
    const typed = loaded(SOURCE, TEXT).s;
    const text = 'X' + TEXT;
    typed.applyEdits(ARTICLE, [{ offset: 0, removed: 0, inserted: 'X' }], text);
    assert.strictEqual(typed.dropArticleText(ARTICLE), false, 'edits carried through');
    assert.strictEqual(typed.hasArticleText(ARTICLE, text), true);

    const confirmed = loaded(SOURCE, TEXT).s;
    const id = confirmed.get(ARTICLE)!.claims[2].claim.id;
    const second = TEXT.lastIndexOf('grew by 15% last year');
    confirmed.reattach(ARTICLE, id, second, second + 'grew by 15% last year'.length);
    assert.strictEqual(confirmed.dropArticleText(ARTICLE), false, 'a place set by hand');
    assert.strictEqual(confirmed.hasArticleText(ARTICLE), true);

    // Anchored afresh again (a reload): it may go once the change is written, not before (the
    // write refreshes the claims' hints from the words as they are).
    confirmed.setArticleText(ARTICLE, TEXT);
    assert.strictEqual(confirmed.dropArticleText(ARTICLE), false, 'a change not yet written');
    assert.strictEqual(confirmed.hasArticleText(ARTICLE, TEXT), true);
    confirmed.markSaved(ARTICLE, confirmed.serialize(ARTICLE));
    assert.strictEqual(confirmed.dropArticleText(ARTICLE), true);
  });

  it('is kept while a change is still to be written, even one that needs no text (the published header)', () => {
    const { s } = loaded(SOURCE, TEXT);
    s.setPublished(ARTICLE, { url: 'https://example.org/treaty' });
    assert.strictEqual(s.get(ARTICLE)!.dirty, true);
    assert.strictEqual(s.dropArticleText(ARTICLE), false);
    assert.strictEqual(s.hasArticleText(ARTICLE, TEXT), true);
    s.markSaved(ARTICLE, s.serialize(ARTICLE));
    assert.strictEqual(s.dropArticleText(ARTICLE), true);
  });

  it('a missing article (empty text, claims orphaned) has nothing to let go; one let go and read again is not missing', () => {
    const { s } = loaded(SOURCE, TEXT);
    s.setArticleText(ARTICLE, '', { missing: true });
    assert.strictEqual(s.dropArticleText(ARTICLE), false);
    s.setArticleText(ARTICLE, TEXT);
    assert.ok(s.dropArticleText(ARTICLE));
    s.restoreArticleText(ARTICLE, TEXT);
    assert.strictEqual(s.get(ARTICLE)!.articleMissing, false);
    assert.ok(s.get(ARTICLE)!.claims.every((e) => !e.reason.includes('missing')));
  });

  it('a text given since it was let go is not the one dropped (the version moves, so a late git answer for the old one is not applied)', () => {
    const { s } = loaded(SOURCE, TEXT);
    const v = s.articleTextVersion(ARTICLE);
    s.dropArticleText(ARTICLE);
    assert.strictEqual(s.articleTextVersion(ARTICLE), v, 'letting go is not a new text');
    s.restoreArticleText(ARTICLE, TEXT);
    assert.notStrictEqual(s.articleTextVersion(ARTICLE), v);
  });
});
