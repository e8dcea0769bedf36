// The cold scan's worker threads (issue 13; src/node/scanDigest.ts): what a worker makes of an
// article's two files on disk must be exactly what a fresh load of the same files in the host
// leaves once let go (the entry the start-up cache would hold), and anything out of the
// ordinary must be declined, so that the host reads it itself as before.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { ClaimStore } from '../../src/core/store/claimStore';
import { decodeEntry, decodeEntryLine, type Digested, type LetGoState, type ReadEntry } from '../../src/core/store/startupCache';
import { DEFAULT_SCALE } from '../../src/core/statusScale';
import { digestOne, fromWire, stampFile, toWire, type DigestJob, type WireDigested } from '../../src/node/scanDigest';
import { MessageChannel } from 'worker_threads';
import { realRootSync } from '../../src/node/safeFiles';
import { claimIdIn, sidecarVariants, tickingStore, treatySidecar, TREATY_TEXT } from './sidecarFixtures';

const TEXT = TREATY_TEXT;

let dir: string;
let articlePath: string;
let sidecarPath: string;
let key: string;
let sidecarUri: string;

/** Writes both files, their mtimes a minute back (settled: see RACY_MARGIN_MS). */
function put(sidecar: string | Uint8Array, text: string | Uint8Array = TEXT, ageMs = 60_000): void {
  fs.writeFileSync(sidecarPath, sidecar);
  fs.writeFileSync(articlePath, text);
  const then = new Date(Date.now() - ageMs);
  fs.utimesSync(sidecarPath, then, then);
  fs.utimesSync(articlePath, then, then);
}

function job(root = dir): DigestJob {
  return { key, sidecarUri, articleName: 'treaty.md', articlePath, sidecarPath, root, realRoot: realRootSync(root) };
}

/** What the host's batch load leaves of the same files: read, parsed, anchored, let go. */
function hostLoad(source: string, text = TEXT): ClaimStore {
  const s = tickingStore();
  s.open(key, sidecarUri, 'treaty.md');
  s.loadSidecar(key, source);
  s.setArticleText(key, text);
  s.dropArticleText(key);
  s.dropArticleSidecar(key);
  return s;
}

function entryOf(d: Digested): ReadEntry {
  assert.ok('line' in d, `declined: ${'declined' in d ? d.declined : ''}`);
  const e = decodeEntryLine(d.line, d.at, 1);
  assert.ok(e.ok, e.ok ? '' : e.reason);
  return e.value;
}

/** The entry's state with its claims parsed (a worker's line is read as the cache's are: the claims when needed). */
function parsedState(e: ReadEntry): LetGoState {
  const body = e.state.body.load();
  assert.ok(body, 'the body holds what the head says');
  const { body: _lazy, ...rest } = e.state;
  return { ...rest, ...body };
}

function observed(s: ClaimStore) {
  return { snapshot: s.get(key), state: s.state(key), progress: s.progress(key), letGo: s.articleLetGo(key), held: [s.stats.textsHeld, s.stats.sidecarsHeld] };
}

describe('Cold scan on worker threads: a digested article is what the host would have loaded', () => {
  let source: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-digest-'));
    articlePath = path.join(dir, 'treaty.md');
    sidecarPath = articlePath + '.claims.yaml';
    key = pathToFileURL(articlePath).toString();
    sidecarUri = key + '.claims.yaml';
    source = treatySidecar(key, sidecarUri);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('for each way people leave a sidecar: the let-go state of a host load, and the same store once restored', () => {
    for (const [name, variant] of Object.entries(sidecarVariants(source))) {
      put(variant);
      const d = digestOne(job(), DEFAULT_SCALE);
      const host = hostLoad(variant);
      const state = host.letGoState(key);
      const e = entryOf(d);
      assert.deepStrictEqual(parsedState(e), JSON.parse(JSON.stringify(state)), `${name}: the host's let-go state`);
      assert.deepStrictEqual([e.key, e.sidecar, e.articleName], [key, sidecarUri, 'treaty.md']);
      assert.deepStrictEqual([e.sidecarStamp, e.articleStamp], [stampFile(sidecarPath), stampFile(articlePath)], `${name}: the files' stamps`);
      const restored = tickingStore();
      assert.strictEqual(restored.restoreLetGo(e.key, e.sidecar, e.articleName, e.state), true);
      assert.deepStrictEqual(observed(restored), observed(host), `${name}: the store restored from it says what the host's load says`);
      // Read again before a change, as the extension does: the same bytes written back.
      assert.strictEqual(restored.restoreArticleSidecar(key, variant), true, `${name}: the file read again is the one digested`);
      restored.restoreArticleText(key, TEXT);
      assert.strictEqual(restored.serialize(key), variant, `${name}: written back byte for byte`);
    }
  });

  it('through a real message port as a worker posts it (the body\'s bytes moved, not copied): the same entry, line for line', async () => {
    const { port1, port2 } = new MessageChannel();
    try {
      for (const [name, variant] of Object.entries({ ...sidecarVariants(source), curly: source.replace('Renewed for five years.', 'Renewed for “five” years — ü 🇷🇺.') })) {
        put(variant);
        const d = digestOne(job(), DEFAULT_SCALE);
        assert.ok('line' in d, `${name}: digested`);
        if (name === 'curly') assert.match(d.line, /\\u201c/, 'the fixture\'s curly quote is in the line, escaped');
        const { wire, transfer } = toWire(d);
        assert.ok(transfer);
        const got = new Promise<WireDigested>((resolve) => port2.once('message', resolve));
        port1.postMessage(wire, [transfer]);
        assert.strictEqual(transfer.byteLength, 0, `${name}: the bytes moved to the other side`);
        const r = fromWire(await got);
        assert.ok('parts' in r);
        assert.strictEqual(r.parts.line(), d.line, `${name}: the line as the worker made it`);
        const e = decodeEntry(r.parts.head, r.parts.body, r.parts.line, r.at, 1);
        assert.ok(e.ok, e.ok ? '' : e.reason);
        assert.deepStrictEqual(parsedState(e.value), parsedState(entryOf(d)), `${name}: the same entry`);
      }
    } finally {
      port1.close();
    }
  });

  it('an article revised since: its claims placed as a host load places them, or declined when the host would ask git', () => {
    // Words added after every claim: each still at its recorded place.
    const longer = TEXT + '\nA closing line.';
    put(source, longer);
    assert.deepStrictEqual(parsedState(entryOf(digestOne(job(), DEFAULT_SCALE))), JSON.parse(JSON.stringify(hostLoad(source, longer).letGoState(key))));
    // A line added before them: not at their recorded places, so the host asks git for the article as the sidecar last saw it.
    const moved = 'A new first line.\n' + TEXT;
    put(source, moved);
    assert.strictEqual(hostLoad(source, moved).letGoState(key), undefined);
    assert.ok('declined' in digestOne(job(), DEFAULT_SCALE));
  });

  it('declines what the host must read itself', () => {
    const declined = (why: string, setUp: () => DigestJob = job) => {
      const d = digestOne(setUp(), DEFAULT_SCALE);
      assert.ok('declined' in d, `${why}: digested`);
      assert.strictEqual(d.key, key);
    };
    put(source, TEXT, 500);
    declined('files changed within the clock margin');
    put(source.replace(/status: unproven/, 'status: invented'));
    declined('a status off the scale (its errors are placed on the file)');
    const warned = `${source}dismissed: [\n  # kept for the desk\n  "A sentence."\n]\n`;
    put(warned);
    assert.ok(hostLoad(warned).letGoState(key)?.problems.some((p) => p.severity === 'warning'), 'the host load has a warning');
    declined('a sidecar with warnings (their messages name the file as only the host shows it)');
    put(Buffer.concat([Buffer.from(source), Buffer.from([0xff, 0xfe])]));
    declined('a sidecar that is not UTF-8');
    put(source, Buffer.from([0xff, 0xfe, 0x00]));
    declined('an article that is not UTF-8 text');
    put(source);
    fs.rmSync(articlePath);
    declined('no article file');
    put(source);
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-digest-out-'));
    try {
      fs.renameSync(sidecarPath, path.join(elsewhere, 'x.yaml'));
      fs.symlinkSync(path.join(elsewhere, 'x.yaml'), sidecarPath);
      declined('a sidecar that is a link');
    } finally {
      fs.rmSync(sidecarPath, { force: true });
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
    put(source);
    const sub = path.join(dir, 'sub');
    fs.mkdirSync(sub);
    declined('files outside the folder reads are confined to', () => job(sub));
    put(source.replace(claimIdIn(source, 0), claimIdIn(source, 1)));
    declined('two claims of one id (a broken sidecar)');
    // Changed between the reads and the second look (its size): what was read is not vouched for.
    put(source);
    const changedDuringRead = digestOne(job(), DEFAULT_SCALE, { afterReads: () => fs.appendFileSync(sidecarPath, '# a comment\n') });
    assert.ok('declined' in changedDuringRead, 'a sidecar changed while it was read');
    put(source);
    const articleChanged = digestOne(job(), DEFAULT_SCALE, { afterReads: () => fs.writeFileSync(articlePath, TEXT + ' More.') });
    assert.ok('declined' in articleChanged, 'an article changed while it was read');
  });
});
