// Undo Delete refused while the article cannot be changed (its sidecar let go and not read again,
// or broken): the deletion is kept, and undone once the file is read again. (Found by a review of
// the sidecar drop: the deletion was taken off the undo list before the refusal, and lost.)
import * as assert from 'assert';
import { ClaimStore } from '../../src/core/store/claimStore';
import { DEFAULT_SCALE } from '../../src/core/statusScale';

const ARTICLE = 'file:///ws/treaty.md';
const SIDECAR = ARTICLE + '.claims.yaml';
const TEXT = 'The treaty was signed in Moscow on Friday.\nIt will remain effective for 20 years.\n';
const at = (w: string) => [TEXT.indexOf(w), TEXT.indexOf(w) + w.length] as const;
const store = () => { let t = 0; return new ClaimStore({ scale: DEFAULT_SCALE, now: () => `2026-12-02T13:00:${String(t++).padStart(2, '0')}Z`, author: () => 'Bo' }); };

function twoClaims(): string {
  const s = store();
  s.open(ARTICLE, SIDECAR, 'treaty.md'); s.loadSidecar(ARTICLE, undefined); s.setArticleText(ARTICLE, TEXT);
  s.addClaim(ARTICLE, ...at('signed in Moscow'), { id: 'aaa111' });
  s.addClaim(ARTICLE, ...at('remain effective for 20 years'), { id: 'bbb222' });
  return s.serialize(ARTICLE);
}

describe('Undo Delete refused while the article cannot be changed', () => {
  it('keeps the deletion while the sidecar is let go, and undoes it once the file is read again', () => {
    const s = store();
    s.open(ARTICLE, SIDECAR, 'treaty.md'); s.loadSidecar(ARTICLE, twoClaims()); s.setArticleText(ARTICLE, TEXT);
    s.removeClaim(ARTICLE, 'bbb222');
    const saved = s.serialize(ARTICLE); s.markSaved(ARTICLE, saved);
    // Someone else's change taken in (a pull): the claims are the parsed objects again, so both can go.
    const theirs = saved.replace('status: unverified', 'status: inaccurate');
    s.loadSidecar(ARTICLE, theirs);
    assert.strictEqual(s.dropArticleText(ARTICLE), true);
    assert.strictEqual(s.dropArticleSidecar(ARTICLE), true);
    assert.strictEqual(s.nextUndoArticle(), ARTICLE);
    assert.throws(() => s.undoRemove(), /has not been read/);
    assert.strictEqual(s.nextUndoArticle(), ARTICLE, 'the refused deletion was taken off the undo list');
    assert.strictEqual(s.restoreArticleSidecar(ARTICLE, theirs), true);
    s.restoreArticleText(ARTICLE, TEXT);
    const back = s.undoRemove();
    assert.strictEqual(back?.claim.id, 'bbb222');
    assert.deepStrictEqual(s.get(ARTICLE)!.claims.map((e) => e.claim.id), ['aaa111', 'bbb222']);
    assert.strictEqual(s.nextUndoArticle(), undefined);
  });

  it('keeps the deletion while the sidecar is broken, and undoes it once it reads again', () => {
    const s = store();
    const good = twoClaims();
    s.open(ARTICLE, SIDECAR, 'treaty.md'); s.loadSidecar(ARTICLE, good); s.setArticleText(ARTICLE, TEXT);
    s.removeClaim(ARTICLE, 'aaa111');
    const saved = s.serialize(ARTICLE); s.markSaved(ARTICLE, saved);
    s.loadSidecar(ARTICLE, 'factmark: 1\nclaims: [\n');
    assert.strictEqual(s.get(ARTICLE)!.sidecarState, 'broken');
    assert.throws(() => s.undoRemove());
    assert.strictEqual(s.nextUndoArticle(), ARTICLE, 'the refused deletion was taken off the undo list');
    s.loadSidecar(ARTICLE, saved);
    assert.strictEqual(s.undoRemove()?.claim.id, 'aaa111');
  });

  it('an article forgotten since takes its deletion with it, as before', () => {
    const s = store();
    s.open(ARTICLE, SIDECAR, 'treaty.md'); s.loadSidecar(ARTICLE, twoClaims()); s.setArticleText(ARTICLE, TEXT);
    s.removeClaim(ARTICLE, 'aaa111');
    s.forget(ARTICLE);
    assert.throws(() => s.undoRemove(), /unknown article/);
    assert.strictEqual(s.nextUndoArticle(), undefined);
  });
});
