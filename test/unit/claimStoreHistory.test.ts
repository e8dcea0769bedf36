// The store given the article's previous version (what the extension asks git for): claims not
// at their recorded place are carried through the edits since, and say so; without it, or
// with a version that does not help, anchoring is what it always was.
import * as assert from 'assert';
import { CARRIED_REASON } from '../../src/core/history/anchorWithHistory';
import { ClaimStore } from '../../src/core/store/claimStore';
import { DEFAULT_SCALE } from '../../src/core/statusScale';
import { CLAIM_IN_NEW, CLAIM_IN_OLD, NEW, OLD, REFRAIN } from '../fixtures/twinParagraphs';

const ARTICLE = 'file:///ws/budget.md';
const RIGHT = CLAIM_IN_NEW;

/** A store whose sidecar was written while the article read OLD, with a claim on the 2024 refrain. */
function saved(): { s: ClaimStore; id: string } {
  const s = new ClaimStore({ scale: DEFAULT_SCALE, now: () => '2026-11-28T12:00:00Z' });
  s.open(ARTICLE, ARTICLE + '.claims.yaml', 'budget.md');
  s.loadSidecar(ARTICLE, undefined);
  s.setArticleText(ARTICLE, OLD);
  const at = CLAIM_IN_OLD;
  const { id } = s.addClaim(ARTICLE, at, at + REFRAIN.length);
  s.markSaved(ARTICLE, s.serialize(ARTICLE));
  return { s, id };
}

describe('ClaimStore: the article\'s previous version', () => {
  it('without it, the claim lands on its twin or is unsure (the premise)', () => {
    const { s, id } = saved();
    s.setArticleText(ARTICLE, NEW);
    const e = s.claim(ARTICLE, id)!;
    assert.ok(e.start !== RIGHT || e.state === 'ambiguous', JSON.stringify(e));
    assert.ok(!e.reason.startsWith(CARRIED_REASON));
  });

  it('with it, the claim is carried onto its own words and says so', () => {
    const { s, id } = saved();
    s.setArticleText(ARTICLE, NEW, { previous: { text: OLD, label: 'abc1234' } });
    const e = s.claim(ARTICLE, id)!;
    assert.strictEqual(e.start, RIGHT, JSON.stringify(e));
    assert.strictEqual(NEW.slice(e.start, e.end), REFRAIN);
    assert.ok(e.reason.startsWith(CARRIED_REASON) && e.reason.includes('abc1234'), e.reason);
  });

  it('keeps using it when the claims are re-anchored for another reason (undo of a delete)', () => {
    const { s, id } = saved();
    s.setArticleText(ARTICLE, NEW, { previous: { text: OLD, label: 'abc1234' } });
    s.removeClaim(ARTICLE, id);
    s.undoRemove();
    assert.strictEqual(s.claim(ARTICLE, id)!.start, RIGHT);
  });

  it('is forgotten when another sidecar is loaded (it matched the old one)', () => {
    const { s, id } = saved();
    s.setArticleText(ARTICLE, NEW, { previous: { text: OLD, label: 'abc1234' } });
    const other = s.serialize(ARTICLE).replace('status: unverified', 'status: accurate');
    s.loadSidecar(ARTICLE, other);
    assert.ok(!s.claim(ARTICLE, id)!.reason.startsWith(CARRIED_REASON));
  });

  it('tells whether its text is the one given, so a late answer from git is not applied to newer text', () => {
    const { s } = saved();
    assert.ok(s.hasArticleText(ARTICLE, OLD));
    assert.ok(!s.hasArticleText(ARTICLE, NEW));
    assert.ok(s.hasArticleText(ARTICLE));
  });

  it('keeps every claim, orphaned and marked, when the article file is missing', () => {
    const { s, id } = saved();
    s.setArticleText(ARTICLE, '', { missing: true });
    const snap = s.get(ARTICLE)!;
    assert.strictEqual(snap.articleMissing, true);
    assert.deepStrictEqual(snap.claims.map((c) => [c.claim.id, c.state]), [[id, 'orphaned']]);
    assert.match(snap.claims[0].reason, /missing/);
    s.setArticleText(ARTICLE, OLD);
    assert.strictEqual(s.get(ARTICLE)!.articleMissing, false);
    assert.strictEqual(s.claim(ARTICLE, id)!.state, 'anchored');
  });
});
