// The Claims panel from a first-use review (issue 15): a button on a row acts on that row's
// claim (VS Code passes the row's element, a node id) and the Filter button is not fooled by the
// focused row; every status has a shape of its own and is said first, to the eye and to a
// screen reader; suggestions, which have no status, are not listed under a status filter; and
// the sample article's lead sentence is among the suggestions.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { api } from './helpers';
import { ARTICLE, claimRow, entryOf, fileUri, markWords, openNewArticle, readFile, select, uniqueName, waitFor, writeFile } from './claimFiles';

type Api = Awaited<ReturnType<typeof api>>;
interface Suggestion { start: number; end: number; text: string }

async function children(factmark: Api, id?: string): Promise<string[]> {
  return (await factmark.views.tree.provider.getChildren(id)) ?? [];
}

async function item(factmark: Api, id: string): Promise<vscode.TreeItem> {
  return factmark.views.tree.provider.getTreeItem(id);
}

describe('the Claims panel, as a first-time user meets it', () => {
  let factmark: Api;
  before(async () => {
    factmark = await api();
    await factmark.ready;
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('factmark.clearFilter');
    await vscode.commands.executeCommand('factmark.groupByArticle');
    await vscode.commands.executeCommand('factmark.clearSuggestions');
  });

  it('a row\'s buttons act on the row\'s claim, not on the claim at the cursor', async () => {
    const editor = await openNewArticle(uniqueName('row-buttons'), ARTICLE);
    const a = await markWords(editor, 'Spending on housing rises to £58 million');
    const b = await markWords(editor, 'Bus fares will stay frozen');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await waitFor('no claim at the cursor', () => factmark.contextKey('factmark.claimAtCursor') === false);
    select(editor, 'Spending on housing'); // the cursor is in claim a
    await waitFor('claim a at the cursor', () => factmark.contextKey('factmark.claimAtCursor') === true);

    await vscode.commands.executeCommand('factmark.setStatus', await claimRow(b), 'inaccurate');
    assert.strictEqual((await entryOf(b))?.claim.status, 'inaccurate', 'the row\'s claim was not rated');
    assert.strictEqual((await entryOf(a))?.claim.status, 'unverified', 'the claim at the cursor was rated instead of the row\'s');

    await vscode.commands.executeCommand('factmark.deleteClaim', await claimRow(b), { confirm: false });
    assert.strictEqual(await entryOf(b), undefined, 'the row\'s claim was not deleted');
    assert.ok(await entryOf(a), 'the claim at the cursor was deleted instead of the row\'s');
    await vscode.commands.executeCommand('factmark.undoDelete');
  });

  it('Filter from the title bar while a claim\'s row has the focus asks for a filter, and keeps the one set until then', async () => {
    const editor = await openNewArticle(uniqueName('filter-focus'), ARTICLE);
    const a = await markWords(editor, 'Spending on housing rises to £58 million');
    await vscode.commands.executeCommand('factmark.setStatus', a, 'misleading');
    await vscode.commands.executeCommand('factmark.filter', { statuses: ['misleading'] });
    // The title bar's button passes the focused row's element; the filter must not read it as "no filter".
    const asked = vscode.commands.executeCommand('factmark.filter', await claimRow(a));
    await new Promise((r) => setTimeout(r, 500));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await asked;
    assert.deepStrictEqual(factmark.views.tree.filter().statuses, ['misleading'], 'the filter was cleared by the focused row');
  });

  it('each status has its own shape and colour, and its name comes first in the row and in what a screen reader says', async () => {
    const scale = factmark.store.scale.statuses;
    const text = scale.map((s, i) => `Claim number ${i + 1} is rated ${s.key}.`).join('\n\n') + '\n';
    const editor = await openNewArticle(uniqueName('every-status'), text);
    const refs: { article: string; id: string }[] = [];
    for (const [i, s] of scale.entries()) {
      const ref = await markWords(editor, `Claim number ${i + 1} is rated ${s.key}`);
      await vscode.commands.executeCommand('factmark.setStatus', ref, s.key);
      refs.push(ref);
    }
    const icons = new Map<string, string>();
    for (const [i, s] of scale.entries()) {
      const row = await item(factmark, await claimRow(refs[i]));
      assert.strictEqual(row.label, `${s.label}: Claim number ${i + 1} is rated ${s.key}`, 'the status is not first in the row');
      assert.ok(row.accessibilityInformation?.label.startsWith(`${s.label}, Claim number ${i + 1}`), `a screen reader hears "${row.accessibilityInformation?.label}"`);
      const icon = row.iconPath as vscode.ThemeIcon;
      assert.ok(icon instanceof vscode.ThemeIcon, `${s.key} has no codicon`);
      assert.strictEqual((icon.color as vscode.ThemeColor | undefined)?.id, `factmark.status.${s.key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())}`);
      icons.set(icon.id, s.key);
    }
    assert.strictEqual(icons.size, scale.length, `statuses share a shape: ${[...icons].join(', ')}`);

    await vscode.commands.executeCommand('factmark.groupByStatus');
    for (const s of scale) {
      const group = (await children(factmark)).find((n) => { const x = factmark.views.tree.node(n); return x?.kind === 'group' && x.key === s.key; });
      assert.ok(group, `no ${s.label} group`);
      const g = await item(factmark, group);
      const n = (await children(factmark, group)).length;
      assert.strictEqual(g.accessibilityInformation?.label, `${s.label}, ${n} claim${n === 1 ? '' : 's'}`);
      const claims = await children(factmark, group);
      const mine = claims.find((c) => { const x = factmark.views.tree.node(c); return x?.kind === 'claim' && x.article === refs[0].article; });
      assert.ok(mine);
      // Under its status's group the row is the quote alone: the group says the status.
      assert.match(String((await item(factmark, mine)).label), /^Claim number \d+ is rated /);
    }
  });

  it('a status filter leaves suggestions out (they have no status); words list the suggestions that hold them', async () => {
    const text = await readFile(fileUri('treaty.article.md'));
    assert.ok(text, 'test/fixtures/workspace/treaty.article.md is missing');
    const uri = fileUri(uniqueName('treaty-filter').replace(/\.md$/, '.article.md'));
    await writeFile(uri, text);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    const list = (await vscode.commands.executeCommand<Suggestion[]>('factmark.suggestClaims')) ?? [];
    assert.ok(list.length >= 5, `only ${list.length} suggestions`);
    const a = await markWords(editor, list[0].text);
    await vscode.commands.executeCommand('factmark.setStatus', a, 'accurate');
    const key = editor.document.uri.toString();
    const under = async () => {
      const article = (await children(factmark)).find((n) => { const x = factmark.views.tree.node(n); return x?.kind === 'article' && x.article === key; });
      if (!article) return { article, suggestions: [] as string[] };
      const group = (await children(factmark, article)).find((n) => factmark.views.tree.node(n)?.kind === 'suggestions');
      return { article, suggestions: group ? await children(factmark, group) : [] };
    };
    assert.strictEqual((await under()).suggestions.length, list.length - 1);

    await vscode.commands.executeCommand('factmark.filter', { statuses: ['accurate'] });
    const filtered = await under();
    assert.ok(filtered.article, 'the article with a True claim is not listed');
    assert.deepStrictEqual(filtered.suggestions, [], 'suggestions are listed under a status filter');

    await vscode.commands.executeCommand('factmark.filter', { text: 'Kremlin' });
    const worded = (await under()).suggestions.map((n) => factmark.views.tree.node(n));
    const expected = list.filter((s) => s.text.includes('Kremlin') && s.start !== list[0].start);
    assert.ok(expected.length >= 1, 'no suggestion mentions the Kremlin');
    assert.deepStrictEqual(worded.map((n) => n?.kind === 'suggestion' && n.start), expected.map((s) => s.start));
  });

  it('suggests the sample article\'s lead sentence', async () => {
    const text = await readFile(fileUri('treaty.article.md'));
    assert.ok(text);
    const uri = fileUri(uniqueName('treaty-lead').replace(/\.md$/, '.article.md'));
    await writeFile(uri, text);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    const list = (await vscode.commands.executeCommand<Suggestion[]>('factmark.suggestClaims')) ?? [];
    assert.ok(list.some((s) => s.start === 0 && s.text.startsWith('A new cooperation pact has been signed')),
      `the lead sentence is not suggested; the first suggestion is “${list[0]?.text}”`);
  });
});
