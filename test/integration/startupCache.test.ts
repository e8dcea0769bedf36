// Issue 13, warm start: a second session takes the articles whose files are unchanged from the
// start-up cache instead of reading them, and shows the same panel; an entry made stale behind a
// matching stat (same size, mtime forced back, same inode) ends right once a claim is acted on.
// The second session is simulated in this window (StartupCacheApi.restart: the cache written,
// every article forgotten, nothing watched meanwhile, the start-up scan again).
import * as assert from 'assert';
import { isDeepStrictEqual } from 'util';
import * as vscode from 'vscode';
import { api } from './helpers';
import { ARTICLE, readFile, uniqueName, waitFor } from './claimFiles';
import { behindStat, everything, oldArticle, panel, settled } from './cachedArticles';

describe('start-up cache (a second session)', () => {
  before(async function () {
    const factmark = await api();
    await factmark.ready;
    if (!factmark.startupCache) this.skip(); // (the web: no cache)
  });

  it('takes the unchanged articles from the cache, not reading them, and shows the same panel', async function () {
    this.timeout(120_000);
    const factmark = await api();
    const cache = factmark.startupCache!;
    const a = await oldArticle(factmark, uniqueName('cached'), [{ id: 'warm01', quote: 'a budget of £412 million', status: 'unverified' }, { id: 'warm02', quote: 'Bus fares will stay frozen', status: 'mostly-accurate' }]);
    // The first restart reads it (it came by the watcher, unstamped) and stamps its files; the second takes it from the cache.
    await cache.restart();
    assert.strictEqual(factmark.store.articleSidecarDropped(a.key), true);
    // (articles read again whose claims moved hear from git a moment later, as in any start)
    await settled(factmark);
    // Compared: the articles the cache can hold (every claim on its words, let go). The others
    // are read again in the restart as in any start, and one placed through git's history sits
    // where a cold load puts it until git answers again, in the background: not the cache's to show.
    const cacheable = new Set(factmark.store.articles().filter((k) => factmark.store.articleLetGo(k) && (factmark.store.get(k)?.claims ?? []).every((e) => e.state === 'anchored')));
    assert.ok(cacheable.has(a.key));
    const before = { store: everything(factmark, cacheable), panel: await panel(factmark, cacheable) };
    const articles = factmark.store.articles().length;
    const loadsBefore = factmark.perf().store.sidecarLoads;
    const restoredBefore = factmark.perf().store.restoredFromCache;
    const stats = await cache.restart();
    assert.strictEqual(stats.ignored, undefined, `the cache was used (${stats.ignored})`);
    assert.ok(stats.restored >= 1, `articles restored: ${stats.restored}`);
    // (what the cache did not have and is not open in an editor may go to the worker threads: restored from what they read)
    assert.strictEqual(stats.restored + (stats.digest?.restored ?? 0) + stats.read, factmark.store.articles().length, `every article restored or read: ${JSON.stringify(stats)}`);
    assert.strictEqual(factmark.store.articles().length, articles);
    assert.strictEqual(factmark.perf().store.restoredFromCache - restoredBefore, stats.restored + (stats.digest?.restored ?? 0));
    const parsed = factmark.perf().store.sidecarLoads - loadsBefore;
    assert.ok(parsed <= stats.read, `parsed ${parsed}, read ${stats.read}: the restored articles are not parsed`);
    assert.strictEqual(factmark.store.reanchorsOf(a.key), 0, 'the new article was restored, not read and anchored');
    assert.strictEqual(factmark.store.articleSidecarDropped(a.key) && factmark.store.articleTextDropped(a.key), true, 'restored let go');
    await waitFor('the store as before (git answered for the articles read)', () => isDeepStrictEqual(everything(factmark, cacheable), before.store), 20_000).catch(() => undefined);
    assert.deepStrictEqual(everything(factmark, cacheable), before.store);
    assert.deepStrictEqual(await panel(factmark, cacheable), before.panel);
  });

  it('restored, an article\'s claims are parsed only when asked for: its row in the panel is built from the entry\'s head, its claims when it is expanded', async function () {
    this.timeout(120_000);
    const factmark = await api();
    const cache = factmark.startupCache!;
    assert.ok(!factmark.store.policy.requireSources && factmark.store.policy.requireReviews <= 0, 'no rule in .factmark.yaml (a rule\'s diagnostics need every article\'s claims)');
    const a = await oldArticle(factmark, uniqueName('lazy-a'), [{ id: 'lazy01', quote: 'a budget of £412 million', status: 'unverified' }, { id: 'lazy02', quote: 'Bus fares will stay frozen', status: 'mostly-accurate' }]);
    const b = await oldArticle(factmark, uniqueName('lazy-b'), [{ id: 'lazy03', quote: 'a budget of £412 million', status: 'accurate' }]);
    await cache.restart();
    await settled(factmark);
    const articleNode = async (key: string) => ((await factmark.views.tree.provider.getChildren(undefined)) ?? []).find((id) => { const n = factmark.views.tree.node(id); return n?.kind === 'article' && n.article === key; });
    const shown = async (key: string) => {
      const id = await articleNode(key);
      assert.ok(id, `${key} is listed`);
      const item = await factmark.views.tree.provider.getTreeItem(id);
      return { description: item.description, tooltip: item.tooltip, icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined, label: item.accessibilityInformation?.label };
    };
    // What the panel shows with their claims parsed (the first restart read these two).
    const before = { a: await shown(a.key), b: await shown(b.key), open: factmark.views.tree.openCount() };
    // The panel hidden, so that VS Code asks it for nothing by itself while the window restarts.
    await vscode.commands.executeCommand('workbench.view.explorer');
    await waitFor('the Claims panel hidden', () => !factmark.views.tree.view.visible);
    const parsedBefore = factmark.perf().store.cachedClaimsParsed;
    const stats = await cache.restart();
    assert.strictEqual(stats.ignored, undefined, `the cache was used (${stats.ignored})`);
    assert.ok(factmark.store.pendingSummary(a.key) && factmark.store.pendingSummary(b.key), 'restored: their claims not parsed');
    assert.deepStrictEqual(await shown(a.key), before.a, 'the article\'s row, from the head, as it was');
    assert.deepStrictEqual(await shown(b.key), before.b);
    assert.strictEqual(factmark.views.tree.openCount(), before.open, 'the badge: the same claims still open');
    assert.ok(factmark.store.pendingSummary(a.key) && factmark.store.pendingSummary(b.key), 'still not parsed after the rows were drawn');
    // Expanded: that article's claims, and only its.
    const children = await factmark.views.tree.provider.getChildren((await articleNode(a.key)) as string);
    assert.deepStrictEqual((children ?? []).map((id) => { const n = factmark.views.tree.node(id); return n?.kind === 'claim' ? n.id : id; }), ['lazy01', 'lazy02']);
    assert.strictEqual(factmark.store.pendingSummary(a.key), undefined, 'expanded: parsed');
    assert.ok(factmark.store.pendingSummary(b.key), 'the other article still not parsed');
    assert.strictEqual(factmark.perf().store.cachedClaimsParsed - parsedBefore, 1);
    assert.strictEqual(factmark.perf().store.cachedClaimsLost, 0);
    // Asked for by anything else (here the store's snapshot, as every command and view takes it): parsed, as the file says.
    assert.deepStrictEqual(factmark.store.get(b.key)?.claims.map((e) => [e.claim.id, e.claim.status, e.state]), [['lazy03', 'accurate', 'anchored']]);
    assert.strictEqual(factmark.store.pendingSummary(b.key), undefined);
  });

  it('an entry made stale behind a matching stat (same size, mtime forced back, same inode) ends right when a claim is acted on', async function () {
    this.timeout(120_000);
    const factmark = await api();
    const cache = factmark.startupCache!;
    // (claims not rated yet: setting a verdict over a verdict asks for a reason)
    const s = await oldArticle(factmark, uniqueName('stale-sidecar'), [{ id: 'stal01', quote: 'a budget of £412 million', status: 'unverified' }, { id: 'stal02', quote: 'Bus fares will stay frozen', status: 'unverified' }]);
    const t = await oldArticle(factmark, uniqueName('stale-text'), [{ id: 'stal03', quote: 'a budget of £412 million', status: 'unverified' }, { id: 'stal04', quote: 'Bus fares will stay frozen', status: 'unverified' }]);
    const o = await oldArticle(factmark, uniqueName('stale-opened'), [{ id: 'stal05', quote: 'a budget of £412 million', status: 'unverified' }]);
    await cache.restart(); // stamped
    // While "closed": the sidecars get another status for stal01 and stal05 (same length), the
    // article other figures in stal03's words (same length); written in place, mtimes put back.
    const theirs = s.text.replace('status: unverified', 'status: inaccurate');
    const openedTheirs = o.text.replace('status: unverified', 'status: inaccurate');
    const moved = ARTICLE.replace('£412 million', '£999 million');
    assert.strictEqual(theirs.length, s.text.length);
    assert.strictEqual(moved.length, ARTICLE.length);
    const changed = [[s.sidecar, theirs], [t.article, moved], [o.sidecar, openedTheirs]] as const;
    const stats = await cache.restart(async (unwatched) => {
      for (const [file, text] of changed) behindStat(file, text);
      // The watchers' reports of these changes come while "closed" (and are dropped), not after.
      await waitFor('the watchers to report the changes', () => changed.every(([file]) => unwatched().includes(file.toString())));
      await new Promise((resolve) => setTimeout(resolve, 500));
    });
    assert.ok(stats.restored >= 3, JSON.stringify(stats));
    assert.ok([s, t, o].every((x) => factmark.store.reanchorsOf(x.key) === 0), 'all three restored, not read');
    // Restored as the entries say: stale (this is what the safety net must catch).
    assert.strictEqual(factmark.store.claim(s.key, 'stal01')?.claim.status, 'unverified', 'the stale status is shown until the file is read again');
    assert.strictEqual(factmark.store.claim(t.key, 'stal03')?.state, 'anchored');

    // (the cache written now, as the end of the scan asks: what follows writes it again or not)
    await cache.write();
    const writes = factmark.perf().startupCache!.writes;

    // Acting on a claim reads the sidecar again: its mark differs, so the file is taken as changed
    // on disk (not written from the stale entry); the change lands on the file as it is.
    await vscode.commands.executeCommand('factmark.setStatus', { article: s.key, id: 'stal02' }, 'accurate');
    await factmark.flush();
    const written = (await readFile(s.sidecar)) as string;
    /** One claim's lines. */
    const block = (text: string, id: string) => {
      const start = text.indexOf(`  - id: ${id}`);
      const end = text.indexOf('\n  - id: ', start + 1);
      return text.slice(start, end < 0 ? undefined : end);
    };
    assert.strictEqual(block(written, 'stal01'), block(theirs, 'stal01'), 'the claim changed behind our back is as the file has it');
    assert.match(block(written, 'stal02'), /status: accurate\n/);
    assert.strictEqual(factmark.store.claim(s.key, 'stal01')?.claim.status, 'inaccurate', 'the panel shows the file now');
    // Acting on the other article reads its text again: the claim whose words changed is not shown on them as anchored.
    await vscode.commands.executeCommand('factmark.setStatus', { article: t.key, id: 'stal04' }, 'accurate');
    await factmark.flush();
    const entry = factmark.store.claim(t.key, 'stal03');
    assert.ok(entry && entry.state !== 'anchored', `stal03 is ${entry?.state}, not on other words`);
    const tWritten = (await readFile(t.sidecar)) as string;
    assert.strictEqual(block(tWritten, 'stal03'), block(t.text, 'stal03'), 'nothing written for the claim whose words changed');
    assert.match(block(tWritten, 'stal04'), /status: accurate\n/);

    // Opened (no command): its sidecar is read again at once, since nothing watched it while closed.
    assert.strictEqual(factmark.store.claim(o.key, 'stal05')?.claim.status, 'unverified', 'stale until read again');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(o.article), { preview: false });
    await waitFor('the opened article\'s sidecar read again', () => factmark.store.claim(o.key, 'stal05')?.claim.status === 'inaccurate');
    assert.strictEqual(await readFile(o.sidecar), openedTheirs, 'nothing written');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    // Three articles of the cache changed: not a reason to write the whole cache again (a file
    // changed no longer stats as its entry says, so the next start reads it). It is written again
    // after a change only once a twentieth of its entries, and at least 50, changed (a checkout).
    await new Promise((resolve) => setTimeout(resolve, 6000));
    assert.strictEqual(factmark.perf().startupCache!.writes, writes, 'the cache was written again after two statuses set');
  });

  it('a warm start that changed nothing leaves the cache file as it read it; once one of its articles changes, it is written again without that article', async function () {
    this.timeout(120_000);
    const factmark = await api();
    const cache = factmark.startupCache!;
    const fs = await import('fs');
    // (an article open in an editor is read at every start, and may be cached after: none open)
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const a = await oldArticle(factmark, uniqueName('unchanged'), [{ id: 'same01', quote: 'a budget of £412 million', status: 'unverified' }]);
    await cache.restart(); // a read and stamped
    await settled(factmark);
    // The cache written with a; then every article it can hold restored from it.
    const stats = await cache.restart();
    await settled(factmark);
    assert.strictEqual(stats.ignored, undefined, `the cache was used (${stats.ignored})`);
    assert.strictEqual(factmark.store.reanchorsOf(a.key), 0, 'a restored, not read');
    const entry = JSON.stringify(a.key);
    const bytes = fs.readFileSync(cache.where);
    const mtime = fs.statSync(cache.where).mtimeMs;
    assert.ok(bytes.includes(entry), 'the file has a');
    const writes = factmark.perf().startupCache!.writes;
    // (settled read every article's claims from its entry: that changes nothing to write either)
    await cache.write();
    assert.strictEqual(factmark.perf().startupCache!.unchanged, true, `not found unchanged: ${JSON.stringify(factmark.perf().startupCache)}`);
    assert.strictEqual(factmark.perf().startupCache!.writes, writes, 'written again');
    assert.ok(fs.readFileSync(cache.where).equals(bytes) && fs.statSync(cache.where).mtimeMs === mtime, 'the file was touched');

    // One of its articles changed: what the file says of it is no longer so, and the next write drops it.
    await vscode.commands.executeCommand('factmark.setStatus', { article: a.key, id: 'same01' }, 'accurate');
    await factmark.flush();
    await cache.write();
    const after = factmark.perf().startupCache!;
    assert.strictEqual(after.writes, writes + 1, 'not written after a change');
    assert.strictEqual(after.unchanged, undefined, 'the last write is not reported as skipped');
    assert.strictEqual(after.written?.entries, stats.entries - 1, `every entry but a's: ${JSON.stringify(after)}`);
    assert.ok(!fs.readFileSync(cache.where).includes(entry), 'the changed article is still in the file');
    // Written, the file is no longer the one this session read: a write of the same entries writes it again.
    await cache.write();
    assert.strictEqual(factmark.perf().startupCache!.writes, writes + 2);
  });

  it('the cache file is read on a worker thread; with the worker gone (a broken install) it is read on the host, restoring the same', async function () {
    this.timeout(120_000);
    const factmark = await api();
    const cache = factmark.startupCache!;
    const fs = await import('fs');
    const path = await import('path');
    const a = await oldArticle(factmark, uniqueName('off-thread'), [{ id: 'thrd01', quote: 'a budget of £412 million', status: 'accurate' }]);
    await cache.restart(); // a read and stamped
    await settled(factmark);
    const onWorker = await cache.restart();
    assert.strictEqual(onWorker.readOn, 'worker', JSON.stringify(onWorker));
    assert.strictEqual(factmark.store.reanchorsOf(a.key), 0, 'a restored');
    const restored = onWorker.restored;
    await settled(factmark);
    const cacheable = new Set(factmark.store.articles().filter((k) => factmark.store.articleLetGo(k)));
    const before = everything(factmark, cacheable);
    const script = path.join(vscode.extensions.getExtension('factmark.factmark')!.extensionPath, 'dist', 'cacheReadWorker.js');
    const aside = `${script}.aside`;
    fs.renameSync(script, aside);
    try {
      const onHost = await cache.restart();
      assert.strictEqual(onHost.readOn, 'host', JSON.stringify(onHost));
      assert.strictEqual(onHost.ignored, undefined);
      assert.strictEqual(onHost.restored, restored, 'the same articles restored');
      assert.strictEqual(factmark.store.reanchorsOf(a.key), 0, 'a restored');
    } finally {
      fs.renameSync(aside, script);
    }
    await settled(factmark);
    assert.deepStrictEqual(everything(factmark, cacheable), before);
  });

  it('turned off, the cache file is removed and not written again; turned on, written again', async function () {
    this.timeout(60_000);
    const factmark = await api();
    const cache = factmark.startupCache!;
    const fs = await import('fs');
    await cache.write();
    assert.ok(fs.existsSync(cache.where), `written: ${cache.where}`);
    const aside = `${cache.where}.aside`;
    fs.copyFileSync(cache.where, aside);
    const config = vscode.workspace.getConfiguration('factmark');
    const before = config.inspect('startupCache')?.workspaceValue;
    try {
      await config.update('startupCache', false, vscode.ConfigurationTarget.Workspace);
      await waitFor('the cache file to be removed', () => !fs.existsSync(cache.where));
      await cache.write();
      assert.ok(!fs.existsSync(cache.where), 'not written while the setting is off');
      // One left from before (the setting turned off while this window was closed): removed by the next start, not read.
      fs.copyFileSync(aside, cache.where);
      const stats = await cache.restart();
      assert.strictEqual(stats.restored, 0, 'nothing restored while the setting is off');
      await waitFor('the cache left from before to be removed at start', () => !fs.existsSync(cache.where));
    } finally {
      fs.rmSync(aside, { force: true });
      await config.update('startupCache', before, vscode.ConfigurationTarget.Workspace);
    }
    await cache.write();
    assert.ok(fs.existsSync(cache.where), 'written again once the setting is on');
  });
});
