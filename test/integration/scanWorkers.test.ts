// Issue 13, cold start: with no start-up cache, the first scan reads, parses and anchors the
// articles on worker threads (src/node/scanDigest.ts, dist/scanWorker.js) and restores what they
// made of each; the store and the Claims panel must say exactly what a load in the host said,
// and an article a worker declines (here: one changed a moment ago) is read by the host.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { api } from './helpers';
import { ARTICLE, fileUri, sidecarFor, sidecarOf, waitFor, writeFile } from './claimFiles';
import { everything, panel, settled } from './cachedArticles';

/** More than StartupCache's MIN_DIGEST: fewer are read by the host, as starting threads costs more. */
const ARTICLES = 60;

describe('cold start on worker threads (no start-up cache)', () => {
  before(async function () {
    const factmark = await api();
    await factmark.ready;
    if (!factmark.startupCache) this.skip(); // (the web: no threads, no cache)
  });

  it('restores what the workers made of each article: the same store and panel as a load in the host', async function () {
    this.timeout(180_000);
    const factmark = await api();
    const cache = factmark.startupCache!;
    const folder = `workers-${Date.now().toString(36)}`;
    const keys: string[] = [];
    const hourAgo = new Date(Date.now() - 3600_000);
    for (let i = 0; i < ARTICLES; i++) {
      const name = `story-${i}.md`;
      const article = fileUri(`${folder}/${name}`);
      const text = `${ARTICLE}\nStory ${i}.\n`;
      await writeFile(article, text);
      const sidecar = sidecarFor(name, text, [
        { id: `w${i}a`, quote: 'a budget of £412 million', status: i % 2 ? 'accurate' : 'unverified' },
        { id: `w${i}b`, quote: 'Bus fares will stay frozen', status: 'in-progress' },
      ]);
      // As other tools leave them too: CRLF line ends, a byte order mark.
      await writeFile(sidecarOf(article), i % 3 === 1 ? sidecar.replace(/\n/g, '\r\n') : i % 3 === 2 ? `\uFEFF${sidecar}` : sidecar);
      for (const f of [article, sidecarOf(article)]) fs.utimesSync(f.fsPath, hourAgo, hourAgo);
      keys.push(article.toString());
    }
    const fresh = keys[ARTICLES - 1];
    const opened = keys[ARTICLES - 2];
    await waitFor('the new articles loaded and let go', () => keys.every((k) => factmark.store.articleTextDropped(k) && factmark.store.articleSidecarDropped(k)), 60_000);
    await settled(factmark);
    const shut = new Set(keys.filter((k) => k !== opened));
    const before = { shut: everything(factmark, shut), panel: await panel(factmark, shut) };
    const restoredBefore = factmark.perf().store.restoredFromCache;

    // One open in an editor: its text is the editor's, so the host loads it.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.parse(opened, true)), { preview: false });
    // A first session: no cache file; one article changed a moment ago (its mtime could hide a
    // change within the clock's tick, so no worker vouches for it).
    // The panel's progress, as sampled while the scan runs: one count over the workers' part and the host's.
    const seen: [number, number][] = [];
    const sample = setInterval(() => {
      const m = /Loading claims… ([\d,]+) of ([\d,]+) articles/.exec(factmark.views.tree.view.message ?? '');
      if (m) seen.push([Number(m[1].replace(/,/g, '')), Number(m[2].replace(/,/g, ''))]);
    }, 5);
    let stats: Awaited<ReturnType<typeof cache.restart>>;
    try {
      stats = await cache.restart(async () => {
        fs.rmSync(cache.where, { force: true });
        const now = new Date();
        for (const f of [vscode.Uri.parse(fresh, true), sidecarOf(vscode.Uri.parse(fresh, true))]) fs.utimesSync(f.fsPath, now, now);
      });
    } finally {
      clearInterval(sample);
    }
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i][0] >= seen[i - 1][0] && seen[i][1] === seen[0][1], `the progress went back: ${JSON.stringify(seen)}`);
    assert.ok(!/Loading claims/.test(factmark.views.tree.view.message ?? ''), `the progress ended with the scan: ${factmark.views.tree.view.message}`);
    assert.ok(stats.ignored, 'no cache was there to use');
    const digest = stats.digest;
    assert.ok(digest, `the workers ran: ${JSON.stringify(stats)}`);
    assert.ok(digest.workers >= 1, `workers started: ${digest.workers}`);
    assert.strictEqual(digest.restored, digest.articles - digest.declined, `every article a worker gave was restored: ${JSON.stringify(digest)}`);
    assert.ok(digest.declined >= 1, 'the article changed a moment ago was declined');
    assert.strictEqual(factmark.perf().store.restoredFromCache - restoredBefore, digest.restored);
    // (each article is a new model after the restart: its count starts at 0)
    for (const k of keys) {
      if (k === fresh) assert.ok((factmark.store.reanchorsOf(k) ?? 0) >= 1, 'the declined article was read and anchored by the host');
      else if (k === opened) assert.ok((factmark.store.reanchorsOf(k) ?? 0) >= 1 && factmark.store.hasArticleText(k), 'the article open in an editor was loaded by the host, from the editor');
      else assert.strictEqual(factmark.store.reanchorsOf(k), 0, `${k}: restored, not anchored by the host`);
    }
    assert.deepStrictEqual(everything(factmark, shut), before.shut);
    assert.deepStrictEqual(await panel(factmark, shut), before.panel);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    // A change to a restored article reads its files again first, as after any restore, and lands.
    const target = keys[0];
    await waitFor('the cache written again after the scan', () => fs.existsSync(cache.where), 20_000);
    await vscode.commands.executeCommand('factmark.setStatus', { article: target, id: 'w0a' }, 'mostly-accurate');
    await factmark.flush();
    const written = fs.readFileSync(sidecarOf(vscode.Uri.parse(target, true)).fsPath, 'utf8');
    assert.match(written, /id: w0a[\s\S]*?status: mostly-accurate/);
    assert.match(written, /id: w0b[\s\S]*?status: in-progress/);
  });
});
