// Two reads of one sidecar may overlap (a command's read and a watcher's, a batch load's and a
// write's re-read), and the one that started first may end last: it found the file as it was
// before. Each read is numbered as it starts (ClaimStore.sidecarRead); what a read found is not
// taken in once a read of the same sidecar that started later, or our own write, was: the views
// never go back to the older file, and nothing is written from it.
import * as assert from 'assert';
import { ClaimStore } from '../../src/core/store/claimStore';
import { DEFAULT_SCALE } from '../../src/core/statusScale';

const ARTICLE = 'file:///ws/budget.md';
const SIDECAR = ARTICLE + '.claims.yaml';
const TEXT = 'The council approved a budget of £412 million. Bus fares will stay frozen. Spending on housing rises to £58 million.';
const at = (words: string) => [TEXT.indexOf(words), TEXT.indexOf(words) + words.length] as const;

function store(): ClaimStore {
  let t = 0;
  return new ClaimStore({ scale: DEFAULT_SCALE, now: () => `2026-12-03T10:00:${String(t++).padStart(2, '0')}Z`, author: () => 'Ana' });
}

/** The sidecar as Factmark writes it with these claims (the same ids in every version). */
function sidecar(claims: { words: string; status?: string }[]): string {
  const s = store();
  s.open(ARTICLE, SIDECAR, 'budget.md');
  s.loadSidecar(ARTICLE, undefined);
  s.setArticleText(ARTICLE, TEXT);
  claims.forEach((c, i) => s.addClaim(ARTICLE, ...at(c.words), { id: `claim${i}`, status: c.status }));
  return s.serialize(ARTICLE);
}

/** What another tool leaves: the first version, then one with a claim more and a status changed. */
const OLDER = sidecar([{ words: 'a budget of £412 million' }, { words: 'Bus fares will stay frozen' }]);
const NEWER = sidecar([{ words: 'a budget of £412 million', status: 'accurate' }, { words: 'Bus fares will stay frozen' }, { words: 'Spending on housing rises to £58 million' }]);

function loaded(source: string): ClaimStore {
  const s = store();
  s.open(ARTICLE, SIDECAR, 'budget.md');
  s.loadSidecar(ARTICLE, source);
  s.setArticleText(ARTICLE, TEXT);
  return s;
}

const shown = (s: ClaimStore) => s.get(ARTICLE)!.claims.map((e) => `${e.claim.id} ${e.claim.status} ${e.state}`);

describe('ClaimStore: reads of one sidecar overlapping', () => {
  it('the read that started later wins, whichever ends last; the older one ending last changes nothing and says nothing', () => {
    const s = loaded(OLDER);
    const first = s.sidecarRead();
    const second = s.sidecarRead();
    // The second read found the new file and ends first.
    assert.deepStrictEqual(s.loadSidecar(ARTICLE, NEWER, second), { changed: true, unsaved: false });
    const after = shown(s);
    assert.strictEqual(after.length, 3);
    let events = 0;
    s.onDidChange(() => events++);
    assert.strictEqual(s.sidecarReadOvertaken(ARTICLE, first), true);
    assert.deepStrictEqual(s.loadSidecar(ARTICLE, OLDER, first), { changed: false, unsaved: false });
    assert.deepStrictEqual(shown(s), after, 'the older file was taken in over the newer');
    assert.strictEqual(events, 0);
    // A read that starts now is taken in as ever.
    const third = s.sidecarRead();
    assert.strictEqual(s.sidecarReadOvertaken(ARTICLE, third), false);
    assert.strictEqual(s.loadSidecar(ARTICLE, OLDER, third).changed, true);
    assert.strictEqual(shown(s).length, 2);
  });

  it('in the order they started, both are taken in', () => {
    const s = loaded(OLDER);
    const first = s.sidecarRead();
    const second = s.sidecarRead();
    assert.strictEqual(s.loadSidecar(ARTICLE, NEWER, first).changed, true);
    assert.strictEqual(s.loadSidecar(ARTICLE, OLDER, second).changed, true);
    assert.strictEqual(shown(s).length, 2);
  });

  it('a read that started before our write and ends after it is not taken in: the written file stays the base', () => {
    const s = loaded(OLDER);
    const before = s.sidecarRead();
    s.setStatus(ARTICLE, 'claim1', 'inaccurate');
    const written = s.serialize(ARTICLE);
    s.markSaved(ARTICLE, written);
    assert.strictEqual(s.loadSidecar(ARTICLE, OLDER, before).changed, false);
    assert.strictEqual(s.claim(ARTICLE, 'claim1')?.claim.status, 'inaccurate', 'the change was undone in the views');
    assert.strictEqual(s.get(ARTICLE)!.dirty, false);
    assert.strictEqual(s.serialize(ARTICLE), written);
  });

  it('let go: an overtaken read is not the base again and is not taken in; the newer file stays', () => {
    const s = loaded(OLDER);
    assert.strictEqual(s.dropArticleText(ARTICLE), true);
    assert.strictEqual(s.dropArticleSidecar(ARTICLE), true);
    const first = s.sidecarRead();
    const second = s.sidecarRead();
    assert.strictEqual(s.loadSidecar(ARTICLE, NEWER, second).changed, true);
    s.restoreArticleText(ARTICLE, TEXT);
    assert.strictEqual(s.dropArticleText(ARTICLE), true);
    assert.strictEqual(s.dropArticleSidecar(ARTICLE), true, 'the newer file let go in its turn');
    const after = shown(s);
    // The older read ends: neither the base again (it is not the text let go) nor taken in as changed.
    assert.strictEqual(s.restoreArticleSidecar(ARTICLE, OLDER, first), false);
    assert.strictEqual(s.loadSidecar(ARTICLE, OLDER, first).changed, false);
    assert.strictEqual(s.articleSidecarDropped(ARTICLE), true, 'nothing done: to be read again');
    assert.deepStrictEqual(shown(s), after);
    // Even the very text let go, read by an overtaken read, is not taken as the base.
    const third = s.sidecarRead();
    const fourth = s.sidecarRead();
    assert.strictEqual(s.restoreArticleSidecar(ARTICLE, NEWER, fourth), true);
    assert.strictEqual(s.dropArticleSidecar(ARTICLE), true);
    assert.strictEqual(s.restoreArticleSidecar(ARTICLE, NEWER, third), false);
  });

  it('a refusal found by an overtaken read is not shown', () => {
    const s = loaded(OLDER);
    const first = s.sidecarRead();
    const second = s.sidecarRead();
    assert.strictEqual(s.loadSidecar(ARTICLE, NEWER, second).changed, true);
    s.sidecarUnreadable(ARTICLE, [{ severity: 'error', code: 'link-not-followed', file: SIDECAR, message: 'a link out of the folder' }], first);
    assert.strictEqual(s.get(ARTICLE)!.sidecarState, 'ok');
    assert.deepStrictEqual(s.get(ARTICLE)!.problems, []);
    assert.strictEqual(shown(s).length, 3);
  });

  it('what is given without a number counts as read now: a read that started before it is overtaken', () => {
    const s = loaded(OLDER);
    const first = s.sidecarRead();
    assert.strictEqual(s.loadSidecar(ARTICLE, NEWER).changed, true);
    assert.strictEqual(s.sidecarReadOvertaken(ARTICLE, first), true);
    assert.strictEqual(s.loadSidecar(ARTICLE, OLDER, first).changed, false);
    assert.strictEqual(shown(s).length, 3);
  });
});
