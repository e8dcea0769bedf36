// The sidecar's text and parse of an article that is not open are let go too (issue 13: the
// memory of a 5,000-article workspace), keeping a mark of the text, the claims and what is asked
// for meanwhile; the file is read again before a write or a change. What must hold: the same
// operations give byte-identical writes and identical placements whether the sidecar was let go
// and read again or never let go; a file read again that is not the one let go is taken as
// changed on disk, never written from the parse let go; nothing is changed while it is gone.
import * as assert from 'assert';
import { ClaimStore } from '../../src/core/store/claimStore';
import { DEFAULT_SCALE, type StatusScale } from '../../src/core/statusScale';
import { claimIdIn, sidecarVariants, tickingStore } from './sidecarFixtures';
import { StoreError } from '../../src/core/store/types';

const ARTICLE = 'file:///ws/treaty.md';
const SIDECAR = ARTICLE + '.claims.yaml';
const TEXT = [
  'The treaty was signed in Moscow on Friday, the minister’s office said.',
  'According to the ambassador, it will remain effective for 20 years.',
  'Trade between the two countries grew by 15% last year, the ministry said.',
  'Trade between the two countries grew by 15% last year, the ministry said.',
].join('\n');
const at = (words: string, text = TEXT) => [text.indexOf(words), text.indexOf(words) + words.length] as const;

/** A sidecar written by Factmark for TEXT: three claims (flow-list tags, sources, a claim on words that appear twice). */
function written(): string {
  const s = new ClaimStore({ scale: DEFAULT_SCALE, now: () => '2026-12-02T12:00:00Z', author: () => 'Ana' });
  s.open(ARTICLE, SIDECAR, 'treaty.md');
  s.loadSidecar(ARTICLE, undefined);
  s.setArticleText(ARTICLE, TEXT);
  s.addClaim(ARTICLE, ...at('signed in Moscow'), { tags: ['treaty', 'russia'], sources: [{ url: 'https://example.org/communique', title: 'The ministry’s communiqué' }] });
  s.addClaim(ARTICLE, ...at('remain effective for 20 years'));
  s.addClaim(ARTICLE, ...at('grew by 15% last year'), { status: 'accurate' });
  return s.serialize(ARTICLE);
}

const WRITTEN = written();
const ID = claimIdIn;
const VARIANTS = sidecarVariants(WRITTEN);
const store = tickingStore;

function loaded(source: string, text = TEXT, scale?: StatusScale): ClaimStore {
  const s = store(scale);
  s.open(ARTICLE, SIDECAR, 'treaty.md');
  s.loadSidecar(ARTICLE, source);
  s.setArticleText(ARTICLE, text);
  return s;
}

/** Text and sidecar let go, as for an article that is not open once the scan anchored it. */
function letGo(s: ClaimStore): void {
  assert.strictEqual(s.dropArticleText(ARTICLE), true, 'the text is let go');
  assert.strictEqual(s.dropArticleSidecar(ARTICLE), true, 'the sidecar is let go');
}

/** What the views show of each claim. */
const placements = (s: ClaimStore) => s.get(ARTICLE)!.claims.map((e) => ({ claim: e.claim, state: e.state, start: e.start, end: e.end, currentText: e.currentText, reason: e.reason, confidence: e.confidence }));

/** The same changes, one at a time, each written and taken as saved: the bytes written after each. */
function changes(s: ClaimStore, source: string): string[] {
  const out: string[] = [];
  const write = () => { const t = s.serialize(ARTICLE); s.markSaved(ARTICLE, t); out.push(t); };
  s.setStatus(ARTICLE, ID(source, 0), 'mostly-accurate');
  write();
  s.setPublished(ARTICLE, { url: 'https://example.org/treaty-check', headline: 'Was the treaty signed in Moscow?' });
  write();
  s.dismissSentence(ARTICLE, 'Trade between the two countries grew by 15% last year, the ministry said.');
  write();
  s.removeClaim(ARTICLE, ID(source, 1));
  write();
  s.addClaim(ARTICLE, ...at('According to the ambassador'), { id: 'new001' });
  write();
  return out;
}

describe('ClaimStore: a sidecar\'s text and parse let go', () => {
  for (const [name, source] of Object.entries(VARIANTS)) {
    it(`${name}: let go and read again, the same placements and byte-identical writes as a store that kept it`, () => {
      const kept = loaded(source);
      const s = loaded(source);
      const before = s.get(ARTICLE);
      assert.strictEqual(s.stats.sidecarsHeld, 1);
      letGo(s);
      assert.strictEqual(s.stats.sidecarsHeld, 0, 'neither the text nor the parse is held');
      assert.strictEqual(s.get(ARTICLE), before, 'the views see the same snapshot');
      assert.strictEqual(s.articleLetGo(ARTICLE), true);
      // Read again (as the extension does before a change): the sidecar first, then the text.
      assert.strictEqual(s.restoreArticleSidecar(ARTICLE, source), true, 'the text let go');
      assert.strictEqual(s.articleSidecarDropped(ARTICLE), false);
      assert.strictEqual(s.stats.sidecarsRestored, 1);
      s.restoreArticleText(ARTICLE, TEXT);
      assert.deepStrictEqual(placements(s), placements(kept));
      assert.deepStrictEqual(s.get(ARTICLE)!.problems, kept.get(ARTICLE)!.problems);
      // An untouched file is written back byte for byte.
      assert.strictEqual(s.serialize(ARTICLE), source);
      const ours = changes(s, source);
      assert.deepStrictEqual(ours, changes(kept, source));
      assert.notStrictEqual(ours[0], source, 'the changes were written');
      assert.deepStrictEqual(placements(s), placements(kept));
    });
  }

  it('refuses every change while it is gone, and writes nothing', () => {
    const s = loaded(WRITTEN);
    letGo(s);
    // The text read again, the sidecar not (yet): still refused.
    s.restoreArticleText(ARTICLE, TEXT);
    const notRead = (e: unknown) => e instanceof StoreError && /has not been read again yet/.test(e.message);
    assert.throws(() => s.setStatus(ARTICLE, ID(WRITTEN, 0), 'accurate'), notRead);
    assert.throws(() => s.addClaim(ARTICLE, ...at('According to the ambassador')), notRead);
    assert.throws(() => s.removeClaim(ARTICLE, ID(WRITTEN, 1)), notRead);
    assert.throws(() => s.dismissSentence(ARTICLE, 'The treaty was signed in Moscow on Friday.'), notRead);
    assert.throws(() => s.setPublished(ARTICLE, { url: 'https://example.org/x' }), notRead);
    assert.throws(() => s.serialize(ARTICLE), notRead);
    assert.strictEqual(s.get(ARTICLE)!.dirty, false);
    assert.strictEqual(s.get(ARTICLE)!.claims[0].claim.status, 'unverified');
  });

  it('the same file seen again while it is gone is no news; a changed one is taken in as a store that kept it would', () => {
    const s = loaded(WRITTEN);
    letGo(s);
    const loads = s.stats.sidecarLoads;
    assert.deepStrictEqual(s.loadSidecar(ARTICLE, WRITTEN), { changed: false, unsaved: false });
    assert.strictEqual(s.stats.sidecarLoads, loads, 'not parsed again');
    assert.strictEqual(s.articleSidecarDropped(ARTICLE), true, 'still let go');
    const theirs = WRITTEN.replace('status: unverified', 'status: inaccurate');
    const kept = loaded(WRITTEN);
    assert.deepStrictEqual(s.loadSidecar(ARTICLE, theirs), kept.loadSidecar(ARTICLE, theirs));
    assert.strictEqual(s.articleSidecarDropped(ARTICLE), false, 'the new file is held');
    s.restoreArticleText(ARTICLE, TEXT);
    assert.deepStrictEqual(placements(s), placements(kept));
    assert.strictEqual(s.get(ARTICLE)!.claims[0].claim.status, 'inaccurate');
    s.setStatus(ARTICLE, ID(WRITTEN, 1), 'accurate');
    kept.setStatus(ARTICLE, ID(WRITTEN, 1), 'accurate');
    assert.strictEqual(s.serialize(ARTICLE), kept.serialize(ARTICLE));
  });

  it('a file read again that is not the one let go is refused as the base (taken as changed on disk), however alike', () => {
    const s = loaded(WRITTEN);
    letGo(s);
    const restored = s.stats.sidecarsRestored;
    // Changed in a comment only, in one claim's status, and broken: none is the text let go.
    for (const other of [WRITTEN.replace('claims:\n', '# a note\nclaims:\n'), WRITTEN.replace('status: unverified', 'status: inaccurate'), WRITTEN.replace('claims:\n', 'claims: [\n')]) {
      assert.strictEqual(s.restoreArticleSidecar(ARTICLE, other), false);
      assert.strictEqual(s.articleSidecarDropped(ARTICLE), true, 'nothing done');
    }
    assert.strictEqual(s.stats.sidecarsRestored, restored);
    // The caller then takes the file in as changed on disk: a broken one is shown so, never written over.
    s.loadSidecar(ARTICLE, WRITTEN.replace('claims:\n', 'claims: [\n'));
    assert.strictEqual(s.get(ARTICLE)!.sidecarState, 'broken');
    assert.ok(s.get(ARTICLE)!.problems.some((p) => p.severity === 'error' && p.line !== undefined));
    assert.strictEqual(s.get(ARTICLE)!.claims.length, 3, 'the claims are kept');
    assert.throws(() => s.serialize(ARTICLE), StoreError);
    // Fixed again (the very text let go): taken in, and changes are written against it.
    assert.strictEqual(s.loadSidecar(ARTICLE, WRITTEN).changed, true);
    s.restoreArticleText(ARTICLE, TEXT);
    const kept = loaded(WRITTEN);
    s.setStatus(ARTICLE, ID(WRITTEN, 0), 'accurate');
    kept.setStatus(ARTICLE, ID(WRITTEN, 0), 'accurate');
    assert.strictEqual(s.serialize(ARTICLE), kept.serialize(ARTICLE));
  });

  it('refused while it is gone (a link out of the folder), then read again as it was let go: no longer broken, and changed as a store that kept it', () => {
    const s = loaded(WRITTEN);
    letGo(s);
    const refusal = { severity: 'error' as const, code: 'link-not-followed', file: SIDECAR, message: 'The sidecar treaty.md.claims.yaml is a symbolic link out of the folder.' };
    s.sidecarUnreadable(ARTICLE, [refusal]);
    assert.strictEqual(s.get(ARTICLE)!.sidecarState, 'broken');
    s.restoreArticleText(ARTICLE, TEXT);
    assert.throws(() => s.setStatus(ARTICLE, ID(WRITTEN, 0), 'accurate'), StoreError, 'refused while it is refused');
    // The link replaced by the file as it was (a command reads it before the watcher's report is taken in).
    let events = 0;
    s.onDidChange(() => events++);
    assert.strictEqual(s.restoreArticleSidecar(ARTICLE, WRITTEN), true, 'the text let go');
    assert.ok(events > 0, 'the views hear of it');
    const kept = loaded(WRITTEN);
    assert.strictEqual(s.get(ARTICLE)!.sidecarState, 'ok', 'still shown as broken');
    assert.deepStrictEqual(s.get(ARTICLE)!.problems, kept.get(ARTICLE)!.problems);
    assert.deepStrictEqual(placements(s), placements(kept));
    s.setStatus(ARTICLE, ID(WRITTEN, 0), 'accurate');
    kept.setStatus(ARTICLE, ID(WRITTEN, 0), 'accurate');
    assert.strictEqual(s.serialize(ARTICLE), kept.serialize(ARTICLE));
    // Another file than the one let go, read after a refusal, is still taken in as changed on disk.
    const other = loaded(WRITTEN);
    letGo(other);
    other.sidecarUnreadable(ARTICLE, [refusal]);
    const theirs = WRITTEN.replace('status: unverified', 'status: inaccurate');
    assert.strictEqual(other.restoreArticleSidecar(ARTICLE, theirs), false);
    assert.strictEqual(other.get(ARTICLE)!.sidecarState, 'broken', 'nothing done');
    assert.strictEqual(other.loadSidecar(ARTICLE, theirs).changed, true);
    assert.strictEqual(other.get(ARTICLE)!.sidecarState, 'ok');
  });

  it('deleted on disk while it is gone: the claims are kept as unsaved, as for a store that kept it', () => {
    const s = loaded(WRITTEN);
    letGo(s);
    const kept = loaded(WRITTEN);
    assert.deepStrictEqual(s.loadSidecar(ARTICLE, undefined), kept.loadSidecar(ARTICLE, undefined));
    assert.strictEqual(s.articleSidecarDropped(ARTICLE), false, 'nothing left to read again');
    s.restoreArticleText(ARTICLE, TEXT);
    assert.strictEqual(s.serialize(ARTICLE), kept.serialize(ARTICLE), 'written afresh, with every claim');
  });

  it('renamed while it is gone: the merge base with a changed file is the file let go, as for a store that kept it', () => {
    const theirs = WRITTEN.replace('status: unverified', 'status: inaccurate').replace('article: treaty.md', 'article: treaty.md');
    const run = (drop: boolean) => {
      const s = loaded(WRITTEN);
      if (drop) letGo(s);
      const renamed = 'file:///ws/pact.md';
      const load = s.rename(ARTICLE, renamed, renamed + '.claims.yaml', 'pact.md');
      assert.strictEqual(load.unsaved, true, 'the file must name the new article');
      assert.strictEqual(s.articleSidecarDropped(renamed), drop);
      const merged = s.loadSidecar(renamed, theirs);
      if (drop) s.restoreArticleText(renamed, TEXT);
      return { merged, text: s.serialize(renamed), snap: s.get(renamed)!.claims.map((e) => e.claim) };
    };
    const ours = run(true);
    const kept = run(false);
    assert.deepStrictEqual(ours, kept);
    assert.match(ours.text, /^article: pact\.md$/m);
    assert.match(ours.text, /status: inaccurate/);
  });

  it('renamed while it is gone and the file unchanged: read again before the write, the same bytes', () => {
    const s = loaded(WRITTEN);
    letGo(s);
    const kept = loaded(WRITTEN);
    const renamed = 'file:///ws/pact.md';
    s.rename(ARTICLE, renamed, renamed + '.claims.yaml', 'pact.md');
    kept.rename(ARTICLE, renamed, renamed + '.claims.yaml', 'pact.md');
    assert.throws(() => s.serialize(renamed), StoreError, 'not written from the parse let go');
    assert.strictEqual(s.restoreArticleSidecar(renamed, WRITTEN), true);
    assert.strictEqual(s.serialize(renamed), kept.serialize(renamed));
  });

  it('is kept while anything is to be written, in conflict, broken, or a claim\'s status is off the scale', () => {
    const dirty = loaded(WRITTEN);
    dirty.setStatus(ARTICLE, ID(WRITTEN, 0), 'accurate');
    assert.strictEqual(dirty.dropArticleSidecar(ARTICLE), false, 'a change not yet written');
    dirty.markSaved(ARTICLE, dirty.serialize(ARTICLE));
    assert.strictEqual(dirty.dropArticleSidecar(ARTICLE), false, 'after our own write the claims are not the objects parsed');
    assert.strictEqual(dirty.stats.sidecarsHeld, 1);

    const conflict = loaded(WRITTEN);
    conflict.setStatus(ARTICLE, ID(WRITTEN, 0), 'accurate');
    conflict.loadSidecar(ARTICLE, WRITTEN.replace('status: unverified', 'status: inaccurate'));
    assert.strictEqual(conflict.get(ARTICLE)!.sidecarState, 'conflict');
    assert.strictEqual(conflict.dropArticleSidecar(ARTICLE), false);

    const broken = loaded(WRITTEN.replace('claims:\n', 'claims: [\n'));
    assert.strictEqual(broken.get(ARTICLE)!.sidecarState, 'broken');
    assert.strictEqual(broken.dropArticleSidecar(ARTICLE), false);

    const unknown = loaded(WRITTEN.replace('status: unverified', 'status: unverifed'));
    const errors = unknown.get(ARTICLE)!.problems.filter((p) => p.code === 'unknown-status');
    assert.strictEqual(errors.length, 1);
    assert.ok(errors[0].line! > 1);
    assert.strictEqual(unknown.dropArticleSidecar(ARTICLE), false, 'its error needs the file\'s lines');
    assert.deepStrictEqual(unknown.get(ARTICLE)!.problems.filter((p) => p.code === 'unknown-status'), errors);
  });

  it('read again as it was let go, with nothing the views show changed: no event (an article opened just after the scan let it go is not loaded twice)', () => {
    const s = loaded(WRITTEN);
    letGo(s);
    const before = s.get(ARTICLE);
    let events = 0;
    s.onDidChange(() => events++);
    assert.strictEqual(s.restoreArticleSidecar(ARTICLE, WRITTEN), true);
    assert.strictEqual(events, 0);
    assert.strictEqual(s.articleSidecarDropped(ARTICLE), false, 'held again');
    assert.deepStrictEqual(s.get(ARTICLE), before);
  });

  it('a new scale that leaves a claim\'s status off it asks for the file again; read again, the error is on its line', () => {
    const s = loaded(WRITTEN);
    letGo(s);
    assert.strictEqual(s.sidecarNeededForProblems(ARTICLE), false);
    const narrower: StatusScale = { ...DEFAULT_SCALE, statuses: DEFAULT_SCALE.statuses.filter((x) => x.key !== 'accurate') };
    s.setScale(narrower);
    assert.strictEqual(s.sidecarNeededForProblems(ARTICLE), true);
    let events = 0;
    s.onDidChange(() => events++);
    assert.strictEqual(s.restoreArticleSidecar(ARTICLE, WRITTEN), true);
    assert.strictEqual(events, 1, 'the views hear of the error placed');
    assert.strictEqual(s.sidecarNeededForProblems(ARTICLE), false);
    const kept = loaded(WRITTEN, TEXT, narrower);
    const errors = s.get(ARTICLE)!.problems.filter((p) => p.code === 'unknown-status');
    assert.strictEqual(errors.length, 1);
    assert.deepStrictEqual(errors, kept.get(ARTICLE)!.problems.filter((p) => p.code === 'unknown-status'));
  });

  it('a file whose changes would lose comments stays read-only while it is gone, with the same reason', () => {
    const flow = [
      'factmark: 1',
      'article: treaty.md',
      'claims: [',
      '  # the desk\'s note',
      `  {id: abc123, quote: "signed in Moscow", before: "The treaty was ", after: " on Friday", line: 1, offset: 15, status: unverified, created: 2026-12-02T12:00:00Z, updated: 2026-12-02T12:00:00Z}`,
      ']',
      '',
    ].join('\n');
    const kept = loaded(flow);
    const s = loaded(flow);
    letGo(s);
    s.restoreArticleText(ARTICLE, TEXT);
    const reason = (st: ClaimStore) => { try { st.setStatus(ARTICLE, 'abc123', 'accurate'); return 'changed'; } catch (e) { return (e as Error).message; } };
    const message = reason(kept);
    assert.match(message, /flow list/);
    // (while gone, the refusal is the file's own reason, asked before the file is read again)
    assert.strictEqual(reason(s), message);
    assert.strictEqual(s.restoreArticleSidecar(ARTICLE, flow), true);
    assert.strictEqual(reason(s), message);
    assert.strictEqual(s.serialize(ARTICLE), flow);
  });
});
