// The start-up cache's edges, found by a red team (issue 13): what a restored entry made stale
// behind a matching stat, or restored where a fresh read refuses, leads to once the user acts.
// Each test compares with what a cold read of the same files gives (Refresh reads everything
// again), and failed before its fix: Export read only the article it was run from again; a
// command acted on a claim whose words had changed on disk since they were shown; a folder
// linked in from outside the workspace was restored.
import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { api } from './helpers';
import { ARTICLE, fileUri, readFile, uniqueName, waitFor } from './claimFiles';
import { behindStat, oldArticle } from './cachedArticles';

/** The CSV rows of one article (the header row first). */
function rowsOf(csv: string, name: string): string[] {
  const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
  return [lines[0], ...lines.filter((l) => l.startsWith(name + ',') || l.startsWith(`"${name}"`))];
}

describe('start-up cache: stale and refused entries', () => {
  before(async function () {
    const factmark = await api();
    await factmark.ready;
    if (!factmark.startupCache) this.skip();
  });

  it('Export of all articles after a warm start reads the restored articles again: no verdict on the words the file has now from stale placements', async function () {
    this.timeout(120_000);
    const factmark = await api();
    const cache = factmark.startupCache!;
    const t = await oldArticle(factmark, uniqueName('rt-export'), [{ id: 'rtex01', quote: 'a budget of £412 million', status: 'accurate' }]);
    const k = await oldArticle(factmark, uniqueName('rt-exportkey'), [{ id: 'rtex02', quote: 'Bus fares will stay frozen', status: 'unverified' }]);
    await cache.restart(); // stamped
    const moved = ARTICLE.replace('£412 million', '£999 million');
    const stats = await cache.restart(async (unwatched) => {
      behindStat(t.article, moved);
      await waitFor('the watcher to report it', () => unwatched().includes(t.article.toString()));
      await new Promise((r) => setTimeout(r, 500));
    });
    assert.ok(stats.restored >= 2, JSON.stringify(stats));
    assert.strictEqual(factmark.store.reanchorsOf(t.key), 0, 'restored, not read');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rtwarm-export-'));
    const target = (n: string) => vscode.Uri.file(path.join(dir, n));
    // Export from the other article, all articles (the stale one is not named: it is not read again).
    await vscode.commands.executeCommand('factmark.export', k.article, { format: 'csv', target: target('warm.csv'), scope: 'all' });
    const warm = rowsOf(fs.readFileSync(target('warm.csv').fsPath, 'utf8'), t.name);
    // What a cold read gives: Refresh reads every file again.
    await vscode.commands.executeCommand('factmark.refresh');
    await factmark.flush();
    await vscode.commands.executeCommand('factmark.export', k.article, { format: 'csv', target: target('cold.csv'), scope: 'all' });
    const cold = rowsOf(fs.readFileSync(target('cold.csv').fsPath, 'utf8'), t.name);
    assert.ok(warm.length === 2 && cold.length === 2, `one row each: ${JSON.stringify({ warm, cold })}`);
    assert.deepStrictEqual(warm, cold, 'the export after a warm start is the export of the files as they are');
  });

  it('a claim whose words were changed in its sidecar behind a matching stat: the command stops, no verdict lands on words the user did not see', async function () {
    this.timeout(120_000);
    const factmark = await api();
    const cache = factmark.startupCache!;
    const s = await oldArticle(factmark, uniqueName('rt-quote'), [{ id: 'rtqu01', quote: 'Bus fares will stay frozen', status: 'unverified' }]);
    await cache.restart();
    // Another desk re-pointed the claim at other words of the same length (the sidecar's size kept).
    const theirs = s.text.replace('quote: "Bus fares will stay frozen"', 'quote: "balanced the books without"');
    assert.strictEqual(theirs.length, s.text.length);
    await cache.restart(async (unwatched) => {
      behindStat(s.sidecar, theirs);
      await waitFor('the watcher to report it', () => unwatched().includes(s.sidecar.toString()));
      await new Promise((r) => setTimeout(r, 500));
    });
    assert.strictEqual(factmark.store.reanchorsOf(s.key), 0, 'restored, not read');
    const shown = factmark.store.claim(s.key, 'rtqu01')?.claim.quote;
    assert.strictEqual(shown, 'Bus fares will stay frozen', 'the panel shows the cached words');
    // The user rates what the panel shows (the panel's Set Status with a status given: a hover link, the details view).
    let error: unknown;
    try { await vscode.commands.executeCommand('factmark.setStatus', { article: s.key, id: 'rtqu01' }, 'accurate'); } catch (e) { error = e; }
    await factmark.flush();
    const written = (await readFile(s.sidecar)) as string;
    // Right: the command stops (the claim changed on disk since it was shown); wrong: the verdict lands on other words.
    assert.ok(!(/quote: "balanced the books without"[\s\S]*status: accurate/.test(written)), `the verdict for "${shown}" was written onto "balanced the books without" (error: ${String(error)})`);
  });

  it('a cache damaged while closed (a claim\'s id changed, same length, valid JSON) is refused whole: every article is read from its files', async function () {
    this.timeout(120_000);
    const factmark = await api();
    const cache = factmark.startupCache!;
    const a = await oldArticle(factmark, uniqueName('damaged'), [{ id: 'rtdmg1', quote: 'a budget of £412 million', status: 'accurate' }]);
    await cache.restart();
    const restoredBefore = factmark.perf().store.restoredFromCache;
    let damaged = false;
    const stats = await cache.restart(async () => {
      const bytes = fs.readFileSync(cache.where);
      const at = bytes.indexOf('"rtdmg1"', bytes.indexOf(0x0a));
      if (at < 0) return;
      bytes.write('"rtdmg2"', at, 'latin1');
      fs.writeFileSync(cache.where, bytes);
      damaged = true;
    });
    assert.ok(damaged, 'the article\'s entry was not in the cache');
    assert.match(stats.ignored ?? '', /checksum/, `the damaged cache was not refused for its checksum: ${JSON.stringify(stats)}`);
    assert.strictEqual(stats.restored, 0);
    assert.deepStrictEqual(factmark.store.get(a.key)?.claims.map((e) => e.claim.id), ['rtdmg1'], 'the claim as its sidecar says');
    // Read from its files: by the host, or (the cache refused: a cold start) on the worker threads, which read the files; nothing came from the cache.
    assert.strictEqual(factmark.perf().store.restoredFromCache - restoredBefore, stats.digest?.restored ?? 0, 'every article restored was restored from what a worker read, none from the cache');
  });

  it('a cache whose body was changed with its checksum made again (a claim\'s status, not as its head says): no claim from it; the sidecar is read again and its claims shown as the file has them', async function () {
    this.timeout(120_000);
    const factmark = await api();
    const cache = factmark.startupCache!;
    const a = await oldArticle(factmark, uniqueName('rebodied'), [{ id: 'rtbdy1', quote: 'a budget of £412 million', status: 'accurate' }, { id: 'rtbdy2', quote: 'Bus fares will stay frozen', status: 'unverified' }]);
    await cache.restart();
    let changed = false;
    const stats = await cache.restart(async () => {
      const bytes = fs.readFileSync(cache.where);
      const nl = bytes.indexOf(0x0a);
      const header = JSON.parse(bytes.toString('utf8', 0, nl)) as { checksum: string };
      // In the article's line, after its head: the body's first claim said to be "unproven" (as long as "accurate"), the head still saying "accurate".
      const idAt = bytes.indexOf('"rtbdy1"', nl);
      if (idAt < 0) return;
      const lineStart = bytes.lastIndexOf(0x0a, idAt) + 1;
      const lineEnd = bytes.indexOf(0x0a, idAt) < 0 ? bytes.length : bytes.indexOf(0x0a, idAt);
      const bodyAt = bytes.indexOf(0x09, lineStart);
      const at = bytes.indexOf('"status":"accurate"', bodyAt);
      if (bodyAt < 0 || at < 0 || at > lineEnd) return;
      bytes.write('"status":"unproven"', at, 'latin1');
      const body = bytes.subarray(nl + 1);
      const checksum = createHash('sha256').update(body).digest('hex');
      fs.writeFileSync(cache.where, Buffer.concat([Buffer.from(JSON.stringify({ ...header, checksum }) + '\n', 'utf8'), body]));
      changed = true;
    });
    assert.ok(changed, 'the article\'s entry was not in the cache');
    assert.strictEqual(stats.ignored, undefined, `the cache was used (its checksum made again): ${JSON.stringify(stats)}`);
    assert.ok(factmark.store.pendingSummary(a.key), 'restored, its claims not parsed yet');
    const lostBefore = factmark.perf().store.cachedClaimsLost;
    // The claims needed (as a command or an expanded article needs them): the body does not hold what the head says.
    assert.deepStrictEqual(factmark.store.get(a.key)?.claims, [], 'no claim from the damaged entry');
    assert.strictEqual(factmark.perf().store.cachedClaimsLost - lostBefore, 1);
    // Read again at once, as changed on disk: the claims as the sidecar says, never the damaged "unproven".
    await waitFor('the sidecar read again', () => (factmark.store.get(a.key)?.claims.length ?? 0) === 2, 20_000);
    assert.deepStrictEqual(factmark.store.get(a.key)?.claims.map((e) => [e.claim.id, e.claim.status]), [['rtbdy1', 'accurate'], ['rtbdy2', 'unverified']]);
    assert.strictEqual(factmark.store.get(a.key)?.dirty, false, 'nothing to write');
    assert.strictEqual(factmark.store.claimsLost(a.key), false);
  });

  it('an article whose folder became a link out of the workspace while closed is not restored: refused, as a fresh read refuses it', async function () {
    this.timeout(120_000);
    const factmark = await api();
    const cache = factmark.startupCache!;
    const dirName = `rt-linked-${Date.now().toString(36)}`;
    const dir = fileUri(dirName);
    fs.mkdirSync(dir.fsPath);
    const a = await oldArticle(factmark, `${dirName}/${uniqueName('inner')}`, [{ id: 'rtln01', quote: 'Bus fares will stay frozen', status: 'unverified' }]);
    await cache.restart();
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'rtwarm-outside-'));
    const stats = await cache.restart(async () => {
      fs.renameSync(dir.fsPath, path.join(outside, dirName));
      fs.symlinkSync(path.join(outside, dirName), dir.fsPath, 'dir');
      await new Promise((r) => setTimeout(r, 500));
    });
    const warm = factmark.store.get(a.key);
    const restored = factmark.store.reanchorsOf(a.key) === 0 && !!warm;
    await vscode.commands.executeCommand('factmark.refresh');
    await factmark.flush();
    const cold = factmark.store.get(a.key);
    try {
      assert.ok(!restored || cold?.sidecarState === warm?.sidecarState, `restored from the cache (${JSON.stringify(stats)}): sidecar ${warm?.sidecarState} with ${warm?.claims.length} claims; a fresh read: ${cold?.sidecarState} with ${cold?.claims.length} claims`);
    } finally {
      fs.unlinkSync(dir.fsPath);
      fs.renameSync(path.join(outside, dirName), dir.fsPath);
    }
  });
});
