// The Claims panel keeps the rows it built (issue 13): a whole redraw makes VS Code ask for every
// row under an expanded node again (an article of 10,000 claims, once the re-check group appears
// at the root), and a claim that did not change gets the row VS Code had, not one built afresh;
// a claim whose status or words changed, or every claim when the status scale changed, gets a new
// one, and every row still shows what a fresh build of the panel shows. VS Code's own requests
// are watched on the provider it calls.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { api } from './helpers';
import { ARTICLE, markWords, openNewArticle, uniqueName, waitFor, writeFile, entryOf, type ClaimRef } from './claimFiles';

type Api = Awaited<ReturnType<typeof api>>;

/** What a row shows, the tooltip resolved as on hover. */
async function looks(factmark: Api, id: string, row: vscode.TreeItem): Promise<unknown[]> {
  const provider = factmark.views.tree.provider;
  const it = (await provider.resolveTreeItem?.(row, id, new vscode.CancellationTokenSource().token)) ?? row;
  const icon = it.iconPath instanceof vscode.ThemeIcon ? [it.iconPath.id, (it.iconPath.color as vscode.ThemeColor | undefined)?.id] : JSON.stringify(it.iconPath);
  const tip = it.tooltip instanceof vscode.MarkdownString ? it.tooltip.value : it.tooltip;
  return [it.id, it.label, it.description, it.contextValue, it.collapsibleState, icon, tip, it.accessibilityInformation?.label, it.command?.command, JSON.stringify(it.command?.arguments), it.checkboxState];
}

describe('the Claims panel\'s rows across a whole redraw', () => {
  let factmark: Api;
  const config = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, '.factmark.yaml');
  before(async () => {
    factmark = await api();
    await factmark.ready;
    // (as every test here leaves it: by article, no filter)
    await vscode.commands.executeCommand('factmark.clearFilter');
    await vscode.commands.executeCommand('factmark.groupByArticle');
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('factmark.clearFilter');
    await vscode.commands.executeCommand('factmark.groupByArticle');
  });

  it('an unchanged claim\'s row is the one VS Code had; a new status, new words or a new scale build it again; and the panel shows what a fresh build shows', async function () {
    this.timeout(150_000);
    // Flaky in fresh-clone runs on a 2-core machine (2 of 3 on 3 Dec: VS Code did not ask for the
    // article's rows, once before the first redraw and once after it, within 20 s); the cause is not
    // found. Run again, a new article each time (the finally below restores the provider and the scale).
    this.retries(2);
    const tree = factmark.views.tree;
    // The rows VS Code itself asks for, watched on the provider it was given: from before the
    // article exists, since the panel, when it is visible already, follows the claim marked (its
    // article expanded, its rows asked for) while the claims are marked.
    const provider = tree.provider;
    const original = provider.getTreeItem;
    const asked = new Map<string, vscode.TreeItem>();
    provider.getTreeItem = (id: string) => {
      const it = original.call(provider, id) as vscode.TreeItem;
      asked.set(id, it);
      return it;
    };
    try {
      const editor = await openNewArticle(uniqueName('kept-rows'), ARTICLE);
      const key = editor.document.uri.toString();
      const refs: Record<'a' | 'b' | 'c' | 'd', ClaimRef> = {
        a: await markWords(editor, 'a budget of £412 million'),
        b: await markWords(editor, 'Spending on housing rises to £58 million'),
        c: await markWords(editor, 'Bus fares will stay frozen'),
        d: await markWords(editor, 'balanced the books without cutting a single library'),
      };
      await factmark.flush();
      const rowId = (r: ClaimRef) => `claim:article:${r.id}:${key}`;
      const ids = Object.fromEntries(Object.entries(refs).map(([k, r]) => [k, rowId(r)])) as Record<keyof typeof refs, string>;
      // The panel shown beside the article, the article expanded (reveal opens its node).
      await vscode.commands.executeCommand('factmark.focusPanel');
      await waitFor('the Claims panel', () => tree.view.visible);
      // VS Code's reveal can reject when it fetches the article's children while a refresh does too
      // ("Element with id … is already registered", seen in a full run): tried again (the panel's own follow of the current claim ignores such a rejection).
      // A fallback: twice, in fresh-clone runs, VS Code did not ask for the rows within 10 s (not
      // reproduced since; perhaps such a rejection inside its own fetch of them): the panel is
      // folded and the article revealed again.
      const allAsked = () => Object.values(ids).every((id) => asked.has(id));
      for (let attempt = 1; ; attempt++) {
        await waitFor('the article expanded', () => tree.reveal(refs.a).then(() => true, () => false));
        await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
        if (await waitFor('VS Code to ask for the article\'s rows', allAsked, 8000).then(() => true, (e) => { if (attempt === 3) throw e; return false; })) break;
        await vscode.commands.executeCommand('workbench.actions.treeView.factmark.claims.collapseAll');
      }

      /** A whole redraw (a filter set again rebuilds everything), and the rows VS Code asks for in it. */
      const redrawAll = async (what: string, trigger?: () => Thenable<unknown>) => {
        await new Promise((r) => setTimeout(r, 300)); // what the change before brings is asked for first
        asked.clear();
        const before = tree.stats();
        await (trigger ? trigger() : vscode.commands.executeCommand('factmark.clearFilter'));
        await waitFor(`a whole redraw (${what})`, () => tree.stats().firedAll > before.firedAll);
        await waitFor(`VS Code to ask for the rows again (${what})`, () => Object.values(ids).every((id) => asked.has(id)), 20_000);
        const after = tree.stats();
        // Every item asked for was either built or a row kept: the counters add up.
        assert.strictEqual(after.itemsAsked - before.itemsAsked, (after.itemsBuilt - before.itemsBuilt) + (after.itemsReused - before.itemsReused));
        return { rows: new Map(Object.entries(ids).map(([k, id]) => [k, asked.get(id) as vscode.TreeItem])), reused: after.itemsReused - before.itemsReused };
      };
      const first = new Map(Object.entries(ids).map(([k, id]) => [k, asked.get(id) as vscode.TreeItem]));

      // Nothing changed: VS Code gets the very rows it had.
      const unchanged = await redrawAll('nothing changed');
      for (const k of Object.keys(ids)) assert.strictEqual(unchanged.rows.get(k), first.get(k), `claim ${k}'s row was built again though nothing changed`);
      assert.ok(unchanged.reused >= 4, `${unchanged.reused} rows kept`);
      // Hovering a kept row resolves its tooltip on a copy: the row kept stays without one.
      const hovered = await provider.resolveTreeItem?.(first.get('a')!, ids.a, new vscode.CancellationTokenSource().token);
      assert.ok(hovered?.tooltip instanceof vscode.MarkdownString && hovered.tooltip.value.includes('£412 million'));
      assert.strictEqual(first.get('a')!.tooltip, undefined, 'the tooltip was put on the row kept');

      // b's status set; c's words typed in (the article dirty first, so the keystroke is not taken for a reload from disk).
      await vscode.commands.executeCommand('factmark.setStatus', refs.b, 'accurate');
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), ' '));
      await waitFor('the article to be dirty', () => editor.document.isDirty);
      const at = editor.document.getText().indexOf('fares will');
      await editor.edit((e) => e.insert(editor.document.positionAt(at + 2), 'x'));
      await waitFor('c\'s words to change', async () => (await entryOf(refs.c))?.state === 'changed');
      const changed = await redrawAll('a status and words changed');
      assert.strictEqual(changed.rows.get('a'), first.get('a'), 'a\'s row was built again');
      assert.strictEqual(changed.rows.get('d'), first.get('d'), 'd\'s row was built again');
      assert.notStrictEqual(changed.rows.get('b'), first.get('b'), 'b\'s row is the one of its old status');
      assert.strictEqual(changed.rows.get('b')!.label, 'True: Spending on housing rises to £58 million');
      assert.notStrictEqual(changed.rows.get('c'), first.get('c'), 'c\'s row is the one of its old words');
      assert.match(String(changed.rows.get('c')!.description), /words changed/);
      assert.match(String(changed.rows.get('c')!.contextValue), /\bchanged\b/);

      // What VS Code was given is what a fresh build gives (grouping again builds every row afresh).
      const shown = await Promise.all(Object.values(ids).map((id) => looks(factmark, id, asked.get(id) as vscode.TreeItem)));
      await vscode.commands.executeCommand('factmark.groupByArticle');
      const fresh = await Promise.all(Object.values(ids).map(async (id) => looks(factmark, id, await original.call(provider, id) as vscode.TreeItem)));
      assert.deepStrictEqual(shown, fresh);
      assert.ok(String(shown[2][6]).includes('Bus faxres'), 'c\'s tooltip does not give its words now');

      // A new scale (a status relabelled in .factmark.yaml): every claim's row is built again.
      const scale = factmark.store.scale;
      const relabelled = { statuses: scale.statuses.map((s) => (s.key === 'unverified' ? { ...s, label: 'Not yet checked' } : s)), initial: scale.initial };
      const rescaled = await redrawAll('a new scale', async () => {
        await writeFile(config(), `${JSON.stringify(relabelled)}\n`);
        await waitFor('the new scale', () => factmark.store.scale.statuses.some((s) => s.label === 'Not yet checked'));
      });
      for (const k of Object.keys(ids)) assert.notStrictEqual(rescaled.rows.get(k), changed.rows.get(k), `claim ${k}'s row is the one of the old scale`);
      assert.strictEqual(rescaled.rows.get('a')!.label, 'Not yet checked: a budget of £412 million');
      assert.strictEqual(rescaled.rows.get('b')!.label, 'True: Spending on housing rises to £58 million');
    } finally {
      provider.getTreeItem = original;
      await vscode.workspace.fs.delete(config()).then(undefined, () => undefined);
      await waitFor('the default scale again', () => factmark.store.scale.statuses.every((s) => s.label !== 'Not yet checked'));
    }
  });
});
