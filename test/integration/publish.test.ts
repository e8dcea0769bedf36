// Publishing inside the real VS Code: the report preview beside the article follows the claims,
// Export… writes a file, Import Annotations… brings claims back, the publication details go into
// the sidecar and the publisher into .factmark.yaml with its comments kept.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, workspaceRoot } from './helpers';
import { ARTICLE, markWords, openNewArticle, readFile, sidecarOf, sidecarYaml, uniqueName, waitFor, writeFile } from './claimFiles';

describe('publishing: report preview, export, import, metadata', () => {
  before(async () => { await (await api()).ready; });

  it('Preview Fact-check Report shows the article\'s verdicts beside it and follows changes', async () => {
    const factmark = await api();
    const editor = await openNewArticle(uniqueName('preview'), ARTICLE);
    const ref = await markWords(editor, 'Spending on housing rises to £58 million');
    await vscode.commands.executeCommand('factmark.setStatus', ref, 'inaccurate');
    await vscode.commands.executeCommand('factmark.previewReport');
    const shown = factmark.views.report.current();
    assert.ok(shown, 'a preview is open');
    assert.strictEqual(shown.article, editor.document.uri.toString());
    assert.match(shown.html, /<blockquote class="quote">Spending on housing rises to £58 million<\/blockquote>/);
    assert.match(shown.html, /<span class="badge [^"]+">False<\/span>/);
    assert.match(shown.html, /content="default-src &#39;none&#39;; style-src &#39;nonce-/, 'the webview page has its strict CSP');
    assert.ok(!/<script/.test(shown.html));
    // The tab model reaches the extension host a moment after the panel is created.
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const title = `Report: ${editor.document.uri.path.split('/').pop()}`;
    await waitFor('the preview is a tab', () => tabs().find((t) => t.input instanceof vscode.TabInputWebview && t.label === title))
      .catch(() => assert.fail(`no webview tab "${title}" among ${JSON.stringify(tabs().map((t) => [t.label, t.input?.constructor.name]))}`));
    await vscode.commands.executeCommand('factmark.setStatus', ref, 'mostly-accurate', 'the figure was rounded'); // a changed verdict needs a reason
    await waitFor('the preview redraws', async () => { await factmark.views.report.settled(); return /badge [^"]+">Mostly true</.test(factmark.views.report.current()?.html ?? ''); });
  });

  it('Export… writes any format to the file chosen, and refuses the sidecar', async () => {
    const editor = await openNewArticle(uniqueName('export'), ARTICLE);
    const ref = await markWords(editor, 'a budget of £412 million');
    await vscode.commands.executeCommand('factmark.setStatus', ref, 'accurate');
    const target = vscode.Uri.joinPath(workspaceRoot(), `${uniqueName('out')}.csv`);
    // As from the Claims panel's article menu: the element is the node id of the article.
    const r = await vscode.commands.executeCommand<{ summary: string }>('factmark.export', `article:${editor.document.uri.toString()}`, { format: 'csv', target, scope: 'article' });
    assert.match(r.summary, /CSV of 1 claim/);
    // The bytes: the CSV starts with a UTF-8 BOM (for spreadsheets), which a TextDecoder would hide.
    const bytes = await vscode.workspace.fs.readFile(target);
    assert.deepStrictEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.match((await readFile(target)) ?? '', /^article,id,line,quote[^\n]*\r\n[^,]+,[^,]+,\d+,a budget of £412 million,,accurate,True,/);
    const sidecar = sidecarOf(editor.document.uri);
    // The status change written first: otherwise the debounced write could land between the two reads.
    await (await api()).flush();
    const before = await readFile(sidecar);
    assert.ok(before?.includes('status: accurate'), 'the sidecar as written');
    const refused = await vscode.commands.executeCommand('factmark.export', editor.document.uri, { format: 'html', target: sidecar, scope: 'article' });
    assert.strictEqual(refused, undefined);
    assert.strictEqual(await readFile(sidecar), before);
  });

  it('Edit Publication Details… writes the sidecar header; export → delete sidecar → Import gives the claims back', async () => {
    const factmark = await api();
    const editor = await openNewArticle(uniqueName('roundtrip'), ARTICLE);
    const uri = editor.document.uri;
    const a = await markWords(editor, 'a budget of £412 million');
    const b = await markWords(editor, 'Spending on housing rises to £58 million');
    await vscode.commands.executeCommand('factmark.setStatus', a, 'accurate');
    await vscode.commands.executeCommand('factmark.editPublished', uri, { url: 'https://news.example.org/checks/budget', headline: 'Budget checked', date: '2026-11-30' });
    await factmark.flush();
    const yaml = await sidecarYaml(uri);
    assert.deepStrictEqual((yaml as unknown as { published: unknown }).published, { url: 'https://news.example.org/checks/budget', headline: 'Budget checked', date: '2026-11-30' });
    const target = vscode.Uri.joinPath(workspaceRoot(), `${uniqueName('anno')}.json`);
    await vscode.commands.executeCommand('factmark.export', uri, { format: 'w3c', target, scope: 'article' });
    const original = factmark.claimsOf(uri).map((e) => [e.claim.id, e.claim.status, e.start, e.end]);
    await vscode.workspace.fs.delete(sidecarOf(uri));
    await waitFor('the claims are gone with the sidecar', () => factmark.claimsOf(uri).length === 0 || undefined).catch(() => undefined);
    // Deleting the sidecar under an open article keeps its claims in memory (data safety); a fresh
    // article shows the import on its own.
    const fresh = await openNewArticle(uniqueName('imported'), ARTICLE);
    const plan = await vscode.commands.executeCommand<{ summary: string }>('factmark.import', fresh.document.uri, target);
    assert.match(plan.summary, /^2 claims imported from W3C Web Annotations: 2 on their words/);
    const back = factmark.claimsOf(fresh.document.uri).map((e) => [e.claim.id, e.claim.status, e.start, e.end]);
    assert.deepStrictEqual(back, original);
    void b;
  });

  it('Edit Publisher… adds the publisher to .factmark.yaml and keeps its comments', async () => {
    const config = vscode.Uri.joinPath(workspaceRoot(), '.factmark.yaml');
    const had = await readFile(config);
    const base = had ?? '# desk settings\n';
    await writeFile(config, base);
    try {
      await vscode.commands.executeCommand('factmark.editPublisher', { name: 'The Example Times', url: 'https://news.example.org/' });
      assert.strictEqual(await readFile(config), `${base}publisher:\n  name: The Example Times\n  url: https://news.example.org/\n`);
      await writeFile(config, 'initial: [broken\n');
      await vscode.commands.executeCommand('factmark.editPublisher', { name: 'X' });
      assert.strictEqual(await readFile(config), 'initial: [broken\n', 'a broken file is not written over');
    } finally {
      if (had === undefined) await vscode.workspace.fs.delete(config); else await writeFile(config, had);
    }
  });
});
