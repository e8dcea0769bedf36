// Factmark in the browser: the `browser` entry (dist/web/extension.js) running in the web worker
// extension host of a real VS Code (code-server's workbench in Chromium), on a workspace it can
// reach only through vscode.workspace.fs (vscode-remote://). What vscode.dev and github.dev run.
// Reached only through the extension's commands and activate()'s API, as the Node suites do.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { ARTICLE, markWords, openNewArticle, readFile, sidecarYaml, uniqueName, waitFor } from '../integration/claimFiles';
import { api, extension, workspaceRoot } from '../integration/helpers';

type Api = Awaited<ReturnType<typeof api>>;

describe('Factmark in the browser (web worker extension host)', () => {
  let factmark: Api;
  before(async () => {
    factmark = await api();
    await factmark.ready;
  });

  after(async () => {
    await vscode.workspace.getConfiguration('factmark').update('author', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('runs the browser entry in the web worker host, with no Node and the workspace behind workspace.fs', async () => {
    assert.strictEqual(factmark.platform, 'web', 'the Node entry (main) was loaded, not the browser one');
    // The web worker host is on the UI side; the Node host of code-server would say Workspace.
    assert.strictEqual(extension().extensionKind, vscode.ExtensionKind.UI);
    const g = globalThis as { process?: { versions?: { node?: string } }; require?: unknown; WorkerGlobalScope?: unknown };
    assert.strictEqual(g.process?.versions?.node, undefined, 'this suite runs in Node');
    assert.ok(typeof g.WorkerGlobalScope === 'function', 'not in a web worker');
    assert.notStrictEqual(workspaceRoot().scheme, 'file');
    assert.strictEqual(vscode.env.uiKind, vscode.UIKind.Web);
  });

  it('marks a claim, rates it and cites a source; the sidecar is written beside the article', async () => {
    const editor = await openNewArticle(uniqueName('web-mark'), ARTICLE);
    const ref = await markWords(editor, 'a budget of £412 million');
    await vscode.commands.executeCommand('factmark.setStatus', ref, 'inaccurate');
    await vscode.commands.executeCommand('factmark.addSource', ref, { url: 'https://example.org/budget.pdf', title: 'Budget book', stance: 'refutes' });
    await vscode.commands.executeCommand('factmark.editExplanation', ref, 'The budget book says £421 million.');

    const yaml = await sidecarYaml(editor.document.uri);
    assert.strictEqual(yaml.article, editor.document.uri.path.split('/').pop());
    assert.deepStrictEqual(yaml.claims.map((c) => [c.id, c.quote, c.status]), [[ref.id, 'a budget of £412 million', 'inaccurate']]);
    assert.strictEqual(yaml.claims[0].explanation, 'The budget book says £421 million.');
    assert.strictEqual(yaml.claims[0].sources?.[0].url, 'https://example.org/budget.pdf');
    assert.strictEqual(yaml.claims[0].sources?.[0].stance, 'refutes');
    assert.match(String(yaml.claims[0].sources?.[0].accessed), /^\d{4}-\d{2}-\d{2}$/);

    // Read back from the file: the same claim, on its words.
    await vscode.commands.executeCommand('factmark.refresh');
    const entry = factmark.store.claim(ref.article, ref.id);
    assert.strictEqual(entry?.claim.status, 'inaccurate');
    assert.strictEqual(entry?.state, 'anchored');
    assert.strictEqual(editor.document.getText().slice(entry.start, entry.end), 'a budget of £412 million');
  });

  it('highlights each claim in its status colour', async () => {
    const editor = await openNewArticle(uniqueName('web-deco'), ARTICLE);
    const uri = editor.document.uri;
    const a = await markWords(editor, 'Spending on housing rises to £58 million');
    await markWords(editor, 'Bus fares will stay frozen');
    await vscode.commands.executeCommand('factmark.setStatus', a, 'mostly-accurate');
    const expected = Object.fromEntries(factmark.claimsOf(uri).map((e) => [e.claim.status, [`${e.start}-${e.end}`]]));
    assert.deepStrictEqual(Object.keys(expected).sort(), ['mostly-accurate', 'unverified']);
    await waitFor('the highlights', () => {
      const applied = factmark.views.decorations.applied(uri);
      if (!applied) return false;
      const got = Object.fromEntries(Object.entries(applied.byStatus).filter(([, rs]) => rs.length).map(([k, rs]) => [k, rs.map((r) => `${r.start}-${r.end}`)]));
      // Compared whatever order the statuses come in (claim order here, the scale's in the handle).
      const inOrder = (r: Record<string, string[]>) => JSON.stringify(Object.entries(r).sort(([x], [y]) => x.localeCompare(y)));
      return inOrder(got) === inOrder(expected);
    });
    const text = editor.document.getText();
    const unverified = factmark.views.decorations.applied(uri)?.byStatus.unverified?.[0];
    assert.strictEqual(unverified && text.slice(unverified.start, unverified.end), 'Bus fares will stay frozen');
  });

  it('lists the claims in the Claims panel under their article', async () => {
    const editor = await openNewArticle(uniqueName('web-tree'), ARTICLE);
    const key = editor.document.uri.toString();
    const a = await markWords(editor, 'a budget of £412 million');
    const b = await markWords(editor, 'Bus fares will stay frozen');
    await vscode.commands.executeCommand('factmark.setStatus', b, 'accurate');
    const tree = factmark.views.tree;
    const roots = (await tree.provider.getChildren()) ?? [];
    const article = roots.find((n) => { const x = tree.node(n); return x?.kind === 'article' && x.article === key; });
    assert.ok(article, 'the article is not in the panel');
    assert.match(String((await tree.provider.getTreeItem(article)).description), /1\/2 checked/);
    const claims = (await tree.provider.getChildren(article)) ?? [];
    const items = await Promise.all(claims.map((n) => tree.provider.getTreeItem(n)));
    // Status first in each row (issue 15), so that a long quote cannot push it out of view.
    assert.deepStrictEqual(items.map((i) => i.label), ['Unverified: a budget of £412 million', 'True: Bus fares will stay frozen']);
    assert.deepStrictEqual(items[0].command?.arguments, [a]);
  });

  it('writes no `by` while nobody said who is checking, and factmark.author from then on', async () => {
    await vscode.workspace.getConfiguration('factmark').update('author', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor('the setting to be cleared', () => !vscode.workspace.getConfiguration('factmark').get('author'));
    const editor = await openNewArticle(uniqueName('web-by'), ARTICLE);
    const ref = await markWords(editor, 'up 6 per cent on last year');
    // No git in the browser: no name from it, and nothing invented.
    assert.strictEqual((await sidecarYaml(editor.document.uri)).claims[0].by, undefined);
    await vscode.workspace.getConfiguration('factmark').update('author', 'Web Checker', vscode.ConfigurationTarget.Workspace);
    await waitFor('the setting to reach the extension host', () => vscode.workspace.getConfiguration('factmark').get('author') === 'Web Checker');
    await vscode.commands.executeCommand('factmark.setStatus', ref, 'accurate');
    const claim = (await sidecarYaml(editor.document.uri)).claims[0];
    assert.strictEqual(claim.status, 'accurate');
    assert.strictEqual(claim.by, 'Web Checker');
  });

  it('shows the details form (its page built without Node’s crypto)', async () => {
    const editor = await openNewArticle(uniqueName('web-details'), ARTICLE);
    const ref = await markWords(editor, 'the largest increase of any department');
    await vscode.commands.executeCommand('factmark.showDetails', ref);
    await waitFor('the details view to resolve', () => factmark.views.details.resolved);
    assert.deepStrictEqual(factmark.views.details.current(), ref);
  });

  it('suggests check-worthy sentences with the trained model read from the extension', async () => {
    const editor = await openNewArticle(uniqueName('web-suggest'), ARTICLE);
    await vscode.commands.executeCommand('factmark.suggestClaims', editor.document.uri);
    const suggestions = await waitFor('suggestions', () => factmark.suggestions.of(editor.document.uri));
    assert.ok(suggestions.some((s) => editor.document.getText().slice(s.start, s.end).includes('£412 million')), 'the budget sentence is not suggested');
  });

  it('Set Up Git Merging explains that it needs the desktop, and writes nothing', async () => {
    const result = await vscode.commands.executeCommand('factmark.setUpGitMerging');
    assert.strictEqual(result, undefined);
    assert.strictEqual(await readFile(vscode.Uri.joinPath(workspaceRoot(), '.gitattributes')), undefined);
  });
});
