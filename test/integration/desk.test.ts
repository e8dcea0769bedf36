// The Desk in the real VS Code: its figures against the store (per article, in total, per status
// and per workflow state), kept up to date while it is open, and each figure's link opening the
// claims behind it.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { api } from './helpers';
import { actAs, ARTICLE, entryOf, markWords, openNewArticle, uniqueName, waitFor } from './claimFiles';

type Api = Awaited<ReturnType<typeof api>>;

describe('the Desk', () => {
  let factmark: Api;
  before(async () => { factmark = await api(); await factmark.ready; await actAs(factmark, 'Jane Doe'); });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await actAs(factmark, undefined);
  });

  it('shows each article’s figures as the store has them, follows changes, and opens the claims behind a figure', async () => {
    const editor = await openNewArticle(uniqueName('desk'), ARTICLE);
    const a = await markWords(editor, 'a budget of £412 million');
    const b = await markWords(editor, 'Spending on housing rises to £58 million');
    const c = await markWords(editor, 'Bus fares will stay frozen');
    const d = await markWords(editor, 'up 6 per cent on last year');
    const { article } = a;
    await vscode.commands.executeCommand('factmark.setStatus', a, 'accurate');
    await vscode.commands.executeCommand('factmark.setStatus', b, 'inaccurate');
    await actAs(factmark, 'Ann Lee');
    await vscode.commands.executeCommand('factmark.disputeClaim', b, 'The annex says £85 million.');
    // d's words go from the article: it is orphaned, and kept.
    await editor.edit((e) => {
      const text = editor.document.getText();
      const at = text.indexOf('up 6 per cent on last year');
      e.delete(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 'up 6 per cent on last year'.length)));
    });
    await waitFor('d to be orphaned', async () => (await entryOf(d))?.state === 'orphaned');

    await vscode.commands.executeCommand('factmark.showDesk');
    const desk = factmark.views.desk;
    assert.ok(desk.isOpen);
    const row = () => desk.lastState().rows.find((r) => r.article === article);
    await waitFor('the article on the desk', () => row()?.figures.orphaned === 1);
    const s = desk.lastState();
    const col = (key: string) => s.statuses.findIndex((x) => x.key === key);
    const r = row()!;
    assert.deepStrictEqual([r.total, r.settled, r.byStatus[col('accurate')], r.byStatus[col('inaccurate')], r.byStatus[col(factmark.store.scale.initial)]], [4, 2, 1, 1, 2]);
    // As Ann: Jane's True awaits Ann; Jane's False is disputed by Ann.
    assert.deepStrictEqual(r.figures, { 'awaiting-me': 1, awaiting: 1, disputed: 1, 'signed-off': 0, recheck: 0, orphaned: 1 });
    assert.strictEqual(s.me, 'Ann Lee');

    // The totals against the store, counted here without the core's summary.
    const all = factmark.store.articles().flatMap((k) => factmark.store.get(k)?.claims ?? []);
    assert.strictEqual(s.totals.total, all.length);
    assert.strictEqual(s.totals.articles, factmark.store.articles().filter((k) => factmark.store.get(k)).length);
    for (const [i, st] of s.statuses.entries()) assert.strictEqual(s.totals.byStatus[i], all.filter((e) => e.claim.status === st.key).length, st.key);
    assert.strictEqual(s.totals.figures.orphaned, all.filter((e) => e.state === 'orphaned').length);
    assert.strictEqual(s.totals.settled, all.filter((e) => factmark.store.scale.statuses.find((x) => x.key === e.claim.status)?.settled).length);
    assert.ok(s.colors.every((x) => /^var\(--vscode-factmark-status-[A-Za-z]+, #[0-9a-fA-F]{6}\)$|^#[0-9a-fA-F]{6}$/.test(x)), s.colors.join(' '));

    // Approving in the editor moves the figure while the Desk is open.
    await vscode.commands.executeCommand('factmark.approveClaim', a);
    await waitFor('the sign-off on the desk', () => row()?.figures['signed-off'] === 1);
    assert.deepStrictEqual([row()!.figures['awaiting-me'], row()!.figures.awaiting], [0, 0]);

    // A figure's link: one claim is shown in its article; the claims behind a figure are the ones it counts.
    assert.deepStrictEqual(desk.claimsBehind({ kind: 'disputed' }, article), [b]);
    assert.deepStrictEqual(desk.claimsBehind({ kind: 'status', key: factmark.store.scale.initial }, article).map((x) => x.id).sort(), [c.id, d.id].sort());
    const shown = await desk.receive({ type: 'open', figure: { kind: 'disputed' }, article });
    assert.deepStrictEqual(shown, b);
    const active = vscode.window.activeTextEditor;
    assert.strictEqual(active?.document.uri.toString(), editor.document.uri.toString());
    assert.strictEqual(active?.document.offsetAt(active.selection.start), (await entryOf(b))?.start);
    // What the page sends is checked: an unknown article or figure does nothing.
    assert.strictEqual(await desk.receive({ type: 'open', figure: { kind: 'disputed' }, article: 'file:///nowhere.md' }), undefined);
    assert.strictEqual(await desk.receive({ type: 'open', figure: { kind: 'nonsense' } as never }), undefined);
  });
});
