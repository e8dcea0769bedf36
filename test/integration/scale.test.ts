// A newsroom's archive of 1,000 articles (≈20,000 claims, made by bench/generateWorkspace.ts;
// test/harness/runIntegration.ts passes its folder) appearing at once in the workspace, with the
// Claims panel visible, as a checkout or a pull would bring it. Asserted by counting, never by
// timing: each article's snapshot built about once, a few store events per article in all,
// articles collapsed (no claim items, no tooltips built), whole-panel redraws a few dozen (not
// one per article), and the panel's badge exactly the archive's open claims. The load's slices
// are cut by time (a budget of 0 here: one article each) and announced every 16 articles. An article open in
// an editor and one hovered while the archive loads are taken in first (ahead of the hundreds
// before them in the queue), and every article is loaded once. Then the archive is deleted and
// forgotten the same way.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { FactmarkPerf } from '../../src/vscode/api';
import { waitFor } from './claimFiles';
import { api, workspaceRoot } from './helpers';

const ARTICLES = 1000;

describe('a 1,000-article archive', function () {
  this.timeout(600_000);
  const source = process.env.FACTMARK_SCALE_ARCHIVE;
  const target = () => path.join(workspaceRoot().fsPath, 'archive');
  const inArchive = (keys: readonly string[]) => keys.filter((k) => k.includes('/archive/')).length;

  before(function () {
    if (!source) this.skip(); // the runner did not generate it (a grep that leaves this test out)
  });

  after(async () => {
    if (source) fs.rmSync(target(), { recursive: true, force: true });
    (await api()).setLoadSliceBudget(undefined);
  });

  it('loads in batches, doing work in proportion to the articles, with the Claims panel visible; the open and the hovered article first, each once', async () => {
    const factmark = await api();
    await factmark.ready;
    await factmark.flush();
    await vscode.commands.executeCommand('factmark.focusPanel');
    await waitFor('the Claims panel to show', () => factmark.views.tree.view.visible);
    const generated = JSON.parse(fs.readFileSync(path.join(source!, '.factmark-generated.json'), 'utf8')) as { articles: string[]; claims: number; open: number };
    assert.strictEqual(generated.articles.length, ARTICLES);
    const openBefore = factmark.views.tree.openCount();
    const before = factmark.perf();

    // The last two articles in the order the copy creates them (and so, the watchers report them).
    const order = copyOrder(source!);
    const [hovered, opened] = order.slice(-2).map((rel) => vscode.Uri.file(path.join(target(), rel)));
    // How many archive articles the store had when each was taken in, and how often each was loaded.
    const loadedWith = new Map<string, number>();
    const loadedTimes = new Map<string, number>();
    let loadsNamed = 0;
    const listening = factmark.store.onDidChange((e) => {
      if (e.kind !== 'loaded') return;
      loadsNamed += e.articles.length;
      const count = inArchive(factmark.store.articles());
      for (const a of e.articles) {
        if (!a.includes('/archive/')) continue;
        if (!loadedWith.has(a)) loadedWith.set(a, count);
        loadedTimes.set(a, (loadedTimes.get(a) ?? 0) + 1);
      }
    });

    // Slices are cut by time, not by a count of articles: with a budget of 0 ms each slice takes
    // one article, and still the store announces them every MIN_BATCH articles (events below).
    factmark.setLoadSliceBudget(0);
    fs.cpSync(source!, target(), { recursive: true, filter: (f) => !f.endsWith('.factmark-generated.json') });
    // The watchers see 2,000 new files; Refresh also scans. Either way each article loads once.
    const refreshed = vscode.commands.executeCommand('factmark.refresh');
    // While hundreds of articles still wait in the load's queue, a command on a claim of each of
    // the last five of them: each article is taken in at once, on its own, not when the queue gets there.
    const uriOf = (rel: string) => vscode.Uri.file(path.join(target(), rel));
    const queued = () => order.filter((rel) => { const u = uriOf(rel); return factmark.isLoading(u) && !factmark.store.has(u.toString()); });
    const waiting = await waitFor('hundreds of articles to wait in the load\'s queue', () => { const q = queued(); return q.length >= 200 && q; }, 300_000);
    const calledWith = new Map<string, number>();
    const commands = waiting.filter((rel) => !order.slice(-2).includes(rel)).slice(-5).map((rel) => {
      const article = uriOf(rel).toString();
      const id = /^ {2}- id: (\S+)$/m.exec(fs.readFileSync(path.join(target(), `${rel}.claims.yaml`), 'utf8'))?.[1];
      calledWith.set(article, inArchive(factmark.store.articles()));
      return vscode.commands.executeCommand('factmark.showDetails', { article, id });
    });
    // How many were in the store when the extension host heard of each document (the renderer may take a while to open it).
    const openedWhen = new Map<string, number>();
    const opening = vscode.workspace.onDidOpenTextDocument((doc) => openedWhen.set(doc.uri.toString(), inArchive(factmark.store.articles())));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(opened));
    const claimOffset = Number(/^\s*offset: (\d+)$/m.exec(fs.readFileSync(`${hovered.fsPath}.claims.yaml`, 'utf8'))?.[1]);
    const hoveredDoc = await vscode.workspace.openTextDocument(hovered);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', hovered, hoveredDoc.positionAt(claimOffset + 1));
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    const hoveredWith = loadedWith.get(hovered.toString());
    await waitFor('the open article to load', () => loadedWith.has(opened.toString()), 300_000);
    const openedWith = loadedWith.get(opened.toString()) as number;
    const refs = await Promise.all(commands);
    opening.dispose();
    const archivedAtOpen = openedWhen.get(opened.toString()) ?? 0;
    const archivedAtHover = openedWhen.get(hovered.toString()) ?? 0;
    await refreshed;
    await waitFor('the archive to load', () => inArchive(factmark.store.articles()) === ARTICLES, 300_000);
    await factmark.flush();
    factmark.setLoadSliceBudget(undefined);
    listening.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const after = factmark.perf();
    const d = diff(before, after);
    console.log(`scale: ${JSON.stringify(d)}`);

    // What was loaded is right.
    const claims = factmark.store.articles().filter((k) => k.includes('/archive/')).reduce((n, k) => n + (factmark.store.state(k)?.claimCount ?? 0), 0);
    assert.strictEqual(claims, generated.claims);
    assert.strictEqual(factmark.views.tree.openCount() - openBefore, generated.open, 'the badge is not the archive\'s open claims');

    // The articles a command was about were taken in ahead of the queue: few others were taken in meanwhile, not hundreds.
    const between = [...calledWith].map(([a, n]) => (loadedWith.get(a) ?? Infinity) - n);
    console.log(`scale: ${waiting.length} articles queued; taken in between a command and its article's load: ${between.join(', ')}`);
    assert.ok(between.every((n) => n <= 50), `archive articles taken in between a command and its article's load: ${between.join(', ')}`);
    assert.strictEqual(refs.filter(Boolean).length, 5, 'a command did not find its claim');
    // The open article and the hovered one too.
    console.log(`scale: ${archivedAtOpen} archive articles loaded when one was opened, ${openedWith} when it was taken in; hovered at ${archivedAtHover}, taken in at ${hoveredWith}`);
    assert.ok(openedWith - archivedAtOpen <= 100, `${openedWith - archivedAtOpen} archive articles were taken in between opening one and its load`);
    assert.ok(hoveredWith !== undefined, 'the hover answered before its article was loaded');
    assert.ok(hoveredWith - archivedAtHover <= 100, `${hoveredWith - archivedAtHover} archive articles were taken in between a hover and its article's load`);
    assert.ok(hoverText.includes('factmark.setStatus'), `the hover during the load does not show the claim: ${hoverText.slice(0, 200)}`);
    // Each article loaded (its sidecar parsed into claims) once, whichever way it came.
    assert.strictEqual(loadedTimes.size, ARTICLES);
    const twice = [...loadedTimes].filter(([, n]) => n !== 1);
    assert.deepStrictEqual(twice, [], 'articles loaded more than once');
    assert.ok(d.sidecarLoads <= loadsNamed, `${d.sidecarLoads} sidecars parsed, ${loadsNamed} loads reported`);

    // Slices by time: one article each (the budget was 0), not a batch of MIN_BATCH; all but the
    // articles taken in alone (the hurried ones) came through slices; announced in batches.
    assert.strictEqual(d.slices, d.sliced, `${d.slices} slices took in ${d.sliced} articles: a slice went on past its time budget`);
    assert.ok(d.sliced >= ARTICLES - 20, `${d.sliced} articles taken in by slices`);
    assert.ok(d.flushes <= ARTICLES / 16 + 10, `${d.flushes} announcements of ${d.sliced} sliced articles: not batched`);
    // With one article a slice, reading runs far ahead of taking in: the files read and waiting
    // (texts in the heap) are bounded all the same, by workspaceScan's MAX_READ_AHEAD (64) and the
    // reads in flight when it was reached (PARALLEL_READS, 32). Without the bound: hundreds.
    console.log(`scale: at most ${after.scan.peakReadAhead} files read ahead of the slices`);
    assert.ok(after.scan.peakReadAhead > 0 && after.scan.peakReadAhead <= 64 + 32, `${after.scan.peakReadAhead} files read and waiting at once`);

    // Work per article is bounded by a constant: nothing was rebuilt per event over all articles.
    assert.ok(d.snapshots <= 2 * ARTICLES + 50, `${d.snapshots} snapshots built for ${ARTICLES} articles`);
    assert.ok(d.eventArticles <= 3 * ARTICLES, `store events named ${d.eventArticles} articles in all`);
    assert.ok(d.events <= ARTICLES / 4, `${d.events} store events for ${ARTICLES} articles: not batched`);
    // The panel: articles collapsed, so no claim's item or tooltip was built; the root redrawn in a few steps.
    assert.strictEqual(d.tooltipsResolved, 0);
    assert.ok(d.firedAll <= 40, `${d.firedAll} whole-panel redraws`);
    assert.ok(d.itemsAsked <= 8 * ARTICLES, `${d.itemsAsked} tree items asked for (${d.itemsBuilt} built) for ${ARTICLES} articles`);
    const roots = await factmark.views.tree.provider.getChildren(undefined);
    assert.ok(roots && roots.length >= ARTICLES);
    const archiveRoot = roots.find((id) => factmark.views.tree.node(id)?.kind === 'article' && (factmark.views.tree.node(id) as { article: string }).article.includes('/archive/'))!;
    const item = await factmark.views.tree.provider.getTreeItem(archiveRoot);
    assert.strictEqual(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'articles of a big archive start collapsed');
  });

  it('deleting the archive forgets its articles in batches too', async () => {
    const factmark = await api();
    const before = factmark.perf();
    fs.rmSync(target(), { recursive: true, force: true });
    // Except the articles the first test opened and hovered while their documents stay open
    // (VS Code keeps a document an extension opened for a while): their claims stay shown, in
    // memory, unsaved, and are not written back (see FileLifecycle.sidecarsDeleted).
    const openDocs = () => new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    const kept = () => factmark.store.articles().filter((k) => k.includes('/archive/') && !openDocs().has(k));
    await waitFor('the archive to be forgotten', () => kept().length === 0, 300_000);
    assert.ok(inArchive(factmark.store.articles()) <= 2, `${inArchive(factmark.store.articles())} archive articles kept`);
    await factmark.flush();
    const d = diff(before, factmark.perf());
    console.log(`scale (delete): ${JSON.stringify(d)}`);
    // Forgotten, not kept as unsaved: nothing was written back into the deleted folder.
    assert.ok(!fs.existsSync(target()), `${fs.existsSync(target()) ? fs.readdirSync(target(), { recursive: true }).length : 0} files written back into the deleted archive`);
    assert.ok(d.events <= ARTICLES / 4, `${d.events} store events to forget ${ARTICLES} articles`);
    assert.ok(d.firedAll <= 40, `${d.firedAll} whole-panel redraws`);
    assert.ok(d.snapshots <= ARTICLES, `${d.snapshots} snapshots built while forgetting`);
  });
});

function diff(a: FactmarkPerf, b: FactmarkPerf) {
  return {
    snapshots: b.store.snapshots - a.store.snapshots,
    sidecarLoads: b.store.sidecarLoads - a.store.sidecarLoads,
    events: b.store.events - a.store.events,
    eventArticles: b.store.eventArticles - a.store.eventArticles,
    firedAll: b.tree.firedAll - a.tree.firedAll,
    fired: b.tree.fired - a.tree.fired,
    itemsAsked: b.tree.itemsAsked - a.tree.itemsAsked,
    itemsBuilt: b.tree.itemsBuilt - a.tree.itemsBuilt,
    tooltipsResolved: b.tree.tooltipsResolved - a.tree.tooltipsResolved,
    slices: b.scan.slices - a.scan.slices,
    sliced: b.scan.sliced - a.scan.sliced,
    flushes: b.scan.flushes - a.scan.flushes,
  };
}

/** The archive's articles (relative paths) in the order fs.cpSync creates them: directory order, depth first. */
function copyOrder(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else if (e.name.endsWith('.md') && fs.existsSync(path.join(root, `${r}.claims.yaml`))) out.push(r);
    }
  };
  walk('');
  return out;
}
