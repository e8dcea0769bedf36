// A newsroom's archive of 1,000 articles (≈20,000 claims, made by bench/generateWorkspace.ts;
// test/harness/runIntegration.ts passes its folder) appearing at once in the workspace, with the
// Claims panel visible, as a checkout or a pull would bring it. Asserted by counting, never by
// timing: each article's snapshot built about once, a few store events per article in all,
// articles collapsed (no claim items, no tooltips built), whole-panel redraws a few dozen (not
// one per article), and the panel's badge exactly the archive's open claims. Then the archive is
// deleted and forgotten the same way.
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

  after(() => { if (source) fs.rmSync(target(), { recursive: true, force: true }); });

  it('loads in batches, doing work in proportion to the articles, with the Claims panel visible', async () => {
    const factmark = await api();
    await factmark.ready;
    await factmark.flush();
    await vscode.commands.executeCommand('factmark.focusPanel');
    await waitFor('the Claims panel to show', () => factmark.views.tree.view.visible);
    const generated = JSON.parse(fs.readFileSync(path.join(source!, '.factmark-generated.json'), 'utf8')) as { articles: string[]; claims: number; open: number };
    assert.strictEqual(generated.articles.length, ARTICLES);
    const openBefore = factmark.views.tree.openCount();
    const before = factmark.perf();

    fs.cpSync(source!, target(), { recursive: true, filter: (f) => !f.endsWith('.factmark-generated.json') });
    // The watchers see 2,000 new files; Refresh also scans. Either way each article loads once.
    await vscode.commands.executeCommand('factmark.refresh');
    await waitFor('the archive to load', () => inArchive(factmark.store.articles()) === ARTICLES, 300_000);
    await factmark.flush();
    const after = factmark.perf();
    const d = diff(before, after);
    console.log(`scale: ${JSON.stringify(d)}`);

    // What was loaded is right.
    const claims = factmark.store.articles().filter((k) => k.includes('/archive/')).reduce((n, k) => n + (factmark.store.state(k)?.claimCount ?? 0), 0);
    assert.strictEqual(claims, generated.claims);
    assert.strictEqual(factmark.views.tree.openCount() - openBefore, generated.open, 'the badge is not the archive\'s open claims');

    // Work per article is bounded by a constant: nothing was rebuilt per event over all articles.
    assert.ok(d.snapshots <= 2 * ARTICLES + 50, `${d.snapshots} snapshots built for ${ARTICLES} articles`);
    assert.ok(d.eventArticles <= 3 * ARTICLES, `store events named ${d.eventArticles} articles in all`);
    assert.ok(d.events <= ARTICLES / 4, `${d.events} store events for ${ARTICLES} articles: not batched`);
    // The panel: articles collapsed, so no claim's item or tooltip was built; the root redrawn in a few steps.
    assert.strictEqual(d.tooltipsResolved, 0);
    assert.ok(d.firedAll <= 40, `${d.firedAll} whole-panel redraws`);
    assert.ok(d.itemsBuilt <= 8 * ARTICLES, `${d.itemsBuilt} tree items built for ${ARTICLES} articles`);
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
    await waitFor('the archive to be forgotten', () => inArchive(factmark.store.articles()) === 0, 300_000);
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
    events: b.store.events - a.store.events,
    eventArticles: b.store.eventArticles - a.store.eventArticles,
    firedAll: b.tree.firedAll - a.tree.firedAll,
    fired: b.tree.fired - a.tree.fired,
    itemsBuilt: b.tree.itemsBuilt - a.tree.itemsBuilt,
    tooltipsResolved: b.tree.tooltipsResolved - a.tree.tooltipsResolved,
  };
}
