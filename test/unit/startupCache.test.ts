// The start-up cache (issue 13, warm start): an article restored from a cache entry must be, for
// the store and everything that reads it, exactly what a fresh load of the same files leaves once
// its text and sidecar are let go; a stale entry (the file changed behind a matching stat) must
// end right once the claim is acted on (the sidecar read again and compared, the text anchored
// afresh); a corrupt, truncated, foreign or old cache is refused.
import * as assert from 'assert';
import { ClaimStore } from '../../src/core/store/claimStore';
import { isOpenClaim } from '../../src/core/navigation';
import { DEFAULT_SCALE, type StatusScale } from '../../src/core/statusScale';
import { claimIdIn, sidecarVariants, tickingStore, treatySidecar, TREATY_TEXT, wordsAt } from './sidecarFixtures';
import {
  CACHE_FORMAT, CACHE_MAGIC, RACY_MARGIN_MS, REWRITE_MIN_STALE, decodeBody, decodeHeader, encodeBody, encodeEntry, encodeHeader, rewriteDue,
  type CacheEntry, type CacheHeader, type FileStamp, type ReadEntry,
} from '../../src/core/store/startupCache';

const ARTICLE = 'file:///ws/treaty.md';
const SIDECAR = ARTICLE + '.claims.yaml';
const TEXT = TREATY_TEXT;
const at = wordsAt;

const WRITTEN = treatySidecar(ARTICLE, SIDECAR);
const ID = claimIdIn;
const VARIANTS = sidecarVariants(WRITTEN);
const store = tickingStore;

/** A fresh load of the two files, let go as the scan lets go an article that is not open. */
function coldLoad(source: string, text = TEXT, scale?: StatusScale): ClaimStore {
  const s = store(scale);
  s.open(ARTICLE, SIDECAR, 'treaty.md');
  s.loadSidecar(ARTICLE, source);
  s.setArticleText(ARTICLE, text);
  assert.strictEqual(s.dropArticleText(ARTICLE), true);
  assert.strictEqual(s.dropArticleSidecar(ARTICLE), true);
  return s;
}

const NOW = Date.parse('2026-12-03T09:00:00Z');
const STAMP: FileStamp = { size: 100, mtimeMs: NOW - 60_000, ino: 7, dev: 2049 };
const IDENTITY = { extension: '0.1.0', workspace: 'file:///ws' };

/** Through the file's encoding and back, as a second session reads it (the claims not parsed yet). */
function throughCache(entries: CacheEntry[]): ReadEntry[] {
  const body = encodeBody(entries);
  const header = decodeHeader(encodeHeader({ ...IDENTITY, writtenAt: NOW, entries: entries.length, bodyBytes: body.length, checksum: 'x' }), IDENTITY);
  assert.ok(header.ok, header.ok ? '' : header.reason);
  const decoded = decodeBody(body, header.value);
  assert.ok(decoded.ok, decoded.ok ? '' : decoded.reason);
  return decoded.value;
}

function entryOf(s: ClaimStore): CacheEntry {
  const state = s.letGoState(ARTICLE);
  assert.ok(state, 'a fresh load, let go, gives a cache entry');
  return { key: ARTICLE, sidecar: SIDECAR, articleName: 'treaty.md', sidecarStamp: STAMP, articleStamp: { ...STAMP, ino: 8 }, state };
}

/** A read entry with its claims parsed: what was encoded. */
function parsed(r: ReadEntry): CacheEntry {
  const body = r.state.body.load();
  assert.ok(body, 'the body holds what the head says');
  const { body: _lazy, ...rest } = r.state;
  return { key: r.key, sidecar: r.sidecar, articleName: r.articleName, sidecarStamp: r.sidecarStamp, articleStamp: r.articleStamp, state: { ...rest, ...body } };
}

function restored(entry: CacheEntry | ReadEntry, scale?: StatusScale): ClaimStore {
  const s = store(scale);
  assert.strictEqual(s.restoreLetGo(entry.key, entry.sidecar, entry.articleName, entry.state), true);
  return s;
}

/** All the store says of the article, without reading anything again. */
function observed(s: ClaimStore) {
  return {
    snapshot: s.get(ARTICLE), state: s.state(ARTICLE), progress: s.progress(ARTICLE), letGo: s.articleLetGo(ARTICLE),
    textDropped: s.articleTextDropped(ARTICLE), sidecarDropped: s.articleSidecarDropped(ARTICLE), hasText: s.hasArticleText(ARTICLE),
    claimAt: s.claimAt(ARTICLE, TEXT.indexOf('Moscow'))?.claim.id, held: [s.stats.textsHeld, s.stats.sidecarsHeld],
  };
}

/** The changes a user makes, each written and taken as saved: the bytes written after each. */
function changes(s: ClaimStore, source: string): string[] {
  const out: string[] = [];
  const write = () => { const t = s.serialize(ARTICLE); s.markSaved(ARTICLE, t); out.push(t); };
  s.setStatus(ARTICLE, ID(source, 0), 'mostly-accurate');
  write();
  s.dismissSentence(ARTICLE, 'Trade between the two countries grew by 15% last year, the ministry said.');
  write();
  s.removeClaim(ARTICLE, ID(source, 1));
  write();
  s.addClaim(ARTICLE, ...at('According to the ambassador'), { id: 'new001' });
  write();
  return out;
}

/** What the extension does before a change to a let-go article: the sidecar read again (and compared), else taken as changed on disk; then the text. */
function readAgain(s: ClaimStore, source: string, text = TEXT): void {
  if (!s.restoreArticleSidecar(ARTICLE, source)) s.loadSidecar(ARTICLE, source);
  s.restoreArticleText(ARTICLE, text);
}

describe('Start-up cache: an entry restores what a fresh load leaves', () => {
  for (const [name, source] of Object.entries(VARIANTS)) {
    it(`${name}: the same store state as a fresh load, and byte-identical writes once read again`, () => {
      const cold = coldLoad(source);
      const [entry] = throughCache([entryOf(cold)]);
      const warm = restored(entry);
      assert.deepStrictEqual(observed(warm), observed(cold));
      assert.strictEqual(warm.stats.restoredFromCache, 1);
      assert.strictEqual(warm.stats.sidecarLoads, 0, 'nothing parsed');
      assert.strictEqual(warm.stats.reanchors, 0, 'nothing anchored');
      // What a cold store would write after the same re-read and changes, byte for byte.
      readAgain(warm, source);
      readAgain(cold, source);
      assert.strictEqual(warm.stats.sidecarsRestored, 1, 'the file read again is the one the entry was made of: its parse is the base again');
      assert.deepStrictEqual(observed(warm), observed(cold));
      assert.strictEqual(warm.serialize(ARTICLE), source, 'an untouched file is written back byte for byte');
      const ours = changes(warm, source);
      assert.deepStrictEqual(ours, changes(cold, source));
      assert.deepStrictEqual(observed(warm), observed(cold));
    });
  }

  it('a restored article fires one `loaded` event, as a fresh load in a batch does', () => {
    const entry = entryOf(coldLoad(WRITTEN));
    const s = store();
    const kinds: string[] = [];
    s.onDidChange((e) => kinds.push(`${e.kind}:${e.articles.join(',')}`));
    s.batch(() => s.restoreLetGo(entry.key, entry.sidecar, entry.articleName, entry.state));
    assert.deepStrictEqual(kinds, [`loaded:${ARTICLE}`]);
  });

  it('refuses (nothing done) an article the store has, and a claim whose status is off the scale', () => {
    const entry = entryOf(coldLoad(WRITTEN));
    const s = restored(entry);
    assert.strictEqual(s.restoreLetGo(entry.key, entry.sidecar, entry.articleName, entry.state), false);
    const scale: StatusScale = { ...DEFAULT_SCALE, statuses: DEFAULT_SCALE.statuses.filter((x) => x.key !== 'unproven') };
    const other = store(scale);
    assert.strictEqual(other.restoreLetGo(entry.key, entry.sidecar, entry.articleName, entry.state), false);
    assert.strictEqual(other.has(ARTICLE), false);
  });

  it('gives no entry for an article that is not exactly a fresh load let go', () => {
    const kept = store();
    kept.open(ARTICLE, SIDECAR, 'treaty.md');
    kept.loadSidecar(ARTICLE, WRITTEN);
    kept.setArticleText(ARTICLE, TEXT);
    assert.strictEqual(kept.letGoState(ARTICLE), undefined, 'text and sidecar held (open in an editor)');
    kept.dropArticleText(ARTICLE);
    assert.strictEqual(kept.letGoState(ARTICLE), undefined, 'sidecar held');
    // A claim not where its words were rated (a fresh load would ask git for history).
    const moved = TEXT.replace('signed in Moscow', 'signed in the Kremlin');
    const changed = coldLoad(WRITTEN, moved);
    assert.strictEqual(changed.letGoState(ARTICLE), undefined, 'a claim whose words changed');
    // Read again and changed: something to write.
    const s = coldLoad(WRITTEN);
    readAgain(s, WRITTEN);
    s.setStatus(ARTICLE, ID(WRITTEN, 0), 'accurate');
    assert.strictEqual(s.letGoState(ARTICLE), undefined, 'unsaved');
  });
});

describe('Start-up cache: a stale entry (the file changed behind a matching stat) ends right when acted on', () => {
  it('the sidecar changed (same length: another status): the change is made on the file as it is, as a fresh load of it would', () => {
    const entry = entryOf(coldLoad(WRITTEN));
    // The same size and (as forced with utimes) the same mtime: the stamp matches, the entry is stale.
    const theirs = WRITTEN.replace('status: unproven', 'status: accurate');
    assert.strictEqual(theirs.length, WRITTEN.length);
    const warm = restored(entry);
    assert.strictEqual(warm.get(ARTICLE)!.claims[2].claim.status, 'unproven', 'stale until read again');
    readAgain(warm, theirs);
    assert.strictEqual(warm.stats.sidecarsRestored, 0, 'not taken as the text the entry was made of');
    const cold = coldLoad(theirs);
    readAgain(cold, theirs);
    assert.deepStrictEqual(observed(warm), observed(cold));
    assert.strictEqual(warm.get(ARTICLE)!.dirty, false, 'nothing of the stale entry is to be written');
    assert.deepStrictEqual(changes(warm, theirs), changes(cold, theirs));
  });

  it('the article changed (same length, other words): the claims are anchored afresh in it, never left on the old places', () => {
    const entry = entryOf(coldLoad(WRITTEN));
    const text = TEXT.replace('signed in Moscow', 'signed in Minsk!');
    assert.strictEqual(text.length, TEXT.length);
    const warm = restored(entry);
    readAgain(warm, WRITTEN, text);
    const cold = coldLoad(WRITTEN, text);
    readAgain(cold, WRITTEN, text);
    assert.notStrictEqual(warm.get(ARTICLE)!.claims[0].state, 'anchored', 'the claim is not shown on other words');
    assert.deepStrictEqual(observed(warm), observed(cold));
    assert.deepStrictEqual(changes(warm, WRITTEN), changes(cold, WRITTEN));
  });
});

describe('Start-up cache: written again after changes only when many entries went stale', () => {
  it('not for a few articles changed (their files no longer stat as their entries say), but for a checkout\'s worth', () => {
    assert.strictEqual(rewriteDue(0, 0), false);
    assert.strictEqual(rewriteDue(1, 5000), false, 'one status set');
    assert.strictEqual(rewriteDue(REWRITE_MIN_STALE - 1, 100), false, 'a day\'s work in a small archive');
    assert.strictEqual(rewriteDue(REWRITE_MIN_STALE, 100), true);
    assert.strictEqual(rewriteDue(249, 5000), false, 'under a twentieth');
    assert.strictEqual(rewriteDue(250, 5000), true, 'a twentieth of 5,000');
  });
});

describe('Start-up cache: the file', () => {
  it('is ASCII, one entry a line, and gives back every character (curly quotes, emoji, line breaks)', () => {
    const e = entryOf(coldLoad(WRITTEN));
    const odd = { ...e, state: { ...e.state, claims: e.state.claims.map((c, i) => (i ? c : { ...c, explanation: 'line one\nline “two” 🇷🇺 \u2028 end' })) } };
    const body = encodeBody([odd, e]);
    assert.match(body, /^[\x00-\x7f]*$/);
    assert.strictEqual(body.split('\n').length, 2);
    assert.deepStrictEqual(throughCache([odd, e]).map(parsed), [odd, e]);
  });

  it('keeps each line as read, and a line is what encoding its entry again gives (written back as it is while the article is unchanged)', () => {
    const e = entryOf(coldLoad(WRITTEN));
    const [r] = throughCache([e]);
    assert.strictEqual(r.line(), encodeEntry(e));
    assert.strictEqual(encodeEntry(parsed(r)), r.line());
  });
});

describe('Start-up cache: the claims are parsed when first needed', () => {
  it('restored, the article\'s state, claim count and progress are known without parsing its claims; the first read of a claim parses them, once', () => {
    const cold = coldLoad(WRITTEN);
    const [entry] = throughCache([entryOf(cold)]);
    const warm = restored(entry);
    assert.deepStrictEqual(warm.progress(ARTICLE), cold.progress(ARTICLE));
    assert.deepStrictEqual(warm.state(ARTICLE), cold.state(ARTICLE));
    assert.strictEqual(warm.sidecarNeededForProblems(ARTICLE), false);
    const summary = warm.pendingSummary(ARTICLE);
    assert.ok(summary, 'pending: a summary without the claims');
    assert.strictEqual(summary.state.claimCount, cold.get(ARTICLE)!.claims.length);
    assert.strictEqual(summary.open, cold.get(ARTICLE)!.claims.filter((c) => isOpenClaim(c, DEFAULT_SCALE)).length);
    assert.ok(summary.open > 0 && summary.open < summary.state.claimCount, 'the fixture has open and settled claims');
    assert.strictEqual(warm.stats.cachedClaimsParsed, 0, 'nothing parsed for the state and the counts');
    assert.strictEqual(warm.stats.snapshots, 0);
    const id = cold.get(ARTICLE)!.claims[1].claim.id;
    assert.deepStrictEqual(warm.claim(ARTICLE, id), cold.claim(ARTICLE, id));
    assert.strictEqual(warm.stats.cachedClaimsParsed, 1);
    assert.strictEqual(warm.pendingSummary(ARTICLE), undefined, 'parsed: no longer pending');
    assert.deepStrictEqual(observed(warm), observed(cold));
    assert.strictEqual(warm.stats.cachedClaimsParsed, 1, 'parsed once');
    assert.strictEqual(warm.revision(ARTICLE), restored(entry).revision(ARTICLE), 'parsing is not a change of the article (its line may be written back as it is)');
  });

  it('a status off the scale is seen in the head: the entry is refused, not restored to fail later', () => {
    const [entry] = throughCache([entryOf(coldLoad(WRITTEN))]);
    const scale: StatusScale = { ...DEFAULT_SCALE, statuses: DEFAULT_SCALE.statuses.filter((x) => x.key !== 'unproven') };
    const s = store(scale);
    assert.strictEqual(s.restoreLetGo(entry.key, entry.sidecar, entry.articleName, entry.state), false);
    assert.strictEqual(s.has(ARTICLE), false);
  });

  const line = () => encodeEntry(entryOf(coldLoad(WRITTEN)));
  const lostEntry = (): ReadEntry => {
    const l = line();
    const bad = l.slice(0, l.indexOf('\t') + 1) + l.slice(l.indexOf('\t') + 1).replace('"quote":', '"qu0te":');
    const header = decodeHeader(encodeHeader({ ...IDENTITY, writtenAt: NOW, entries: 1, bodyBytes: bad.length, checksum: 'x' }), IDENTITY);
    assert.ok(header.ok);
    const decoded = decodeBody(bad, header.value);
    assert.ok(decoded.ok);
    return decoded.value[0];
  };

  it('a body that does not parse, first read for the cache itself (letGoState): no entry of it is made, with no claims or with the mark of the file', () => {
    const warm = restored(lostEntry());
    assert.strictEqual(warm.letGoState(ARTICLE), undefined);
    assert.strictEqual(warm.stats.cachedClaimsLost, 1);
    assert.strictEqual(warm.claimsLost(ARTICLE), true);
    assert.strictEqual(warm.letGoState(ARTICLE), undefined, 'nor later');
  });

  it('a body that does not parse: the store says so in a `claims` event once whatever read it is done (the views showed its counts), and no longer once the file is read again', async () => {
    const warm = restored(lostEntry());
    const events: string[] = [];
    warm.onDidChange((e) => events.push(`${e.kind}:${e.articles.join(',')}:${e.ids ? 'ids' : 'all'}`));
    assert.deepStrictEqual(warm.get(ARTICLE)!.claims, []);
    assert.deepStrictEqual(events, [], 'not from inside the read');
    await Promise.resolve();
    assert.deepStrictEqual(events, [`claims:${ARTICLE}:all`]);
    readAgain(warm, WRITTEN);
    assert.strictEqual(warm.claimsLost(ARTICLE), false, 'read again: its claims are the file\'s');
    assert.strictEqual(warm.get(ARTICLE)!.claims.length, 3);
  });

  const bodyOf = (l: string) => l.slice(l.indexOf('\t') + 1);
  const withBody = (l: string, body: string) => l.slice(0, l.indexOf('\t') + 1) + body;
  for (const [what, corrupt] of [
    ['truncated', (l: string) => l.slice(0, -20)],
    ['a placement not as anchored', (l: string) => withBody(l, bodyOf(l).replace('"anchored"', '"moved"'))],
    ['a claim without its quote', (l: string) => withBody(l, bodyOf(l).replace('"quote":', '"qu0te":'))],
    ['another status than its head says', (l: string) => withBody(l, bodyOf(l).replace('"status":"unproven"', '"status":"accurate"'))],
    ['a claim fewer', (l: string) => withBody(l, bodyOf(l).replace(/\[\[\{.*?\},\{/, '[[{'))],
  ] as const) {
    it(`a body that does not hold what its head says (${what}): no claim is made up, the file is read again and its claims are the file's`, () => {
      const l = corrupt(line());
      assert.notStrictEqual(l, line(), 'the corruption applies');
      const header = decodeHeader(encodeHeader({ ...IDENTITY, writtenAt: NOW, entries: 1, bodyBytes: l.length, checksum: 'x' }), IDENTITY);
      assert.ok(header.ok);
      const decoded = decodeBody(l, header.value);
      assert.ok(decoded.ok, 'the head is whole: read (the body is parsed when needed)');
      const [entry] = decoded.value;
      assert.strictEqual(entry.state.body.load(), undefined);
      const warm = restored(entry);
      assert.ok(warm.pendingSummary(ARTICLE));
      assert.deepStrictEqual(warm.get(ARTICLE)!.claims, [], 'no claim from a body that does not hold what it should');
      assert.strictEqual(warm.stats.cachedClaimsLost, 1);
      assert.strictEqual(warm.letGoState(ARTICLE), undefined, 'nothing of it is cached again');
      assert.throws(() => warm.setStatus(ARTICLE, ID(WRITTEN, 0), 'accurate'), /read again|not been read/i, 'no change before the file is read');
      // What the extension does before a change: the file read again is not taken as the one let go (its mark matches none), but as changed on disk.
      readAgain(warm, WRITTEN);
      assert.strictEqual(warm.stats.sidecarsRestored, 0);
      const cold = coldLoad(WRITTEN);
      readAgain(cold, WRITTEN);
      assert.deepStrictEqual(warm.get(ARTICLE)!.claims.map((c) => [c.claim, c.state, c.start, c.end]), cold.get(ARTICLE)!.claims.map((c) => [c.claim, c.state, c.start, c.end]));
      assert.strictEqual(warm.get(ARTICLE)!.dirty, false);
      assert.strictEqual(warm.serialize(ARTICLE), WRITTEN, 'the file is written back as it is');
      assert.deepStrictEqual(changes(warm, WRITTEN), changes(cold, WRITTEN));
    });
  }
});

describe('Start-up cache: a cache that does not fit is refused', () => {
  const entry = () => entryOf(coldLoad(WRITTEN));
  const header = (over: Partial<CacheHeader> = {}, body = encodeBody([entry()])) => encodeHeader({ ...IDENTITY, writtenAt: NOW, entries: 1, bodyBytes: body.length, checksum: 'x', ...over });

  it('reads its own header', () => {
    assert.strictEqual(decodeHeader(header(), IDENTITY).ok, true);
  });

  for (const [what, line, reason] of [
    ['not JSON (truncated)', header().slice(0, 40), /not JSON/],
    ['not a cache', JSON.stringify({ hello: 1 }), /not a Factmark start-up cache/],
    ['another format', header().replace(`"${CACHE_MAGIC}":${CACHE_FORMAT}`, `"${CACHE_MAGIC}":${CACHE_FORMAT + 1}`), /format/],
    ['another version of the extension', header({ extension: '0.0.9' }), /version 0\.0\.9/],
    ['another workspace', header({ workspace: 'file:///elsewhere' }), /other workspace folders/],
    ['no checksum', header().replace(/,"checksum":"x"/, ''), /incomplete/],
  ] as const) {
    it(`a header: ${what}`, () => {
      const r = decodeHeader(line, IDENTITY);
      assert.strictEqual(r.ok, false);
      assert.match(r.ok ? '' : r.reason, reason);
    });
  }

  const h = (): CacheHeader => { const r = decodeHeader(header(), IDENTITY); assert.ok(r.ok); return r.value; };
  for (const [what, body, reason] of [
    ['its head truncated', () => encodeBody([entry()]).replace('\t', '').slice(0, 200) + '\t[]', /entry 1 is not JSON/],
    ['no body', () => encodeBody([entry()]).replace(/\t.*$/, ''), /entry 1 is malformed/],
    ['fewer entries than its header counts', () => '', /does not hold the entries/],
    ['more entries than its header counts', () => encodeBody([entry(), entry()]), /does not hold the entries/],
    ['a head malformed (a status not a string)', () => encodeBody([entry()]).replace(/\]\]\t/, ',7]]\t'), /entry 1 is malformed/],
    ['an entry newer than the cache (racily clean)', () => encodeBody([{ ...entry(), sidecarStamp: { ...STAMP, mtimeMs: NOW - RACY_MARGIN_MS + 1 } }]), /newer than the cache/],
  ] as const) {
    it(`a body: ${what}`, () => {
      const r = decodeBody(body(), h());
      assert.strictEqual(r.ok, false);
      assert.match(r.ok ? '' : r.reason, reason);
    });
  }
});
