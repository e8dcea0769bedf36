// Re-attach and Confirm Place (issue 9) in the real VS Code: a placed claim re-attached to other
// words needs its verdict re-checked, and says so in its hover, the details, the Claims panel
// and the editor, until its status is set again; an ambiguous claim's place is confirmed from
// each place the UI offers it (the hover's command link, the Claim Details button, the Claims
// panel's row), each run with the arguments that place passes.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { api } from './helpers';
import { ARTICLE, claimRow, entryOf, markWords, openNewArticle, readFile, sidecarOf, sidecarYaml, uniqueName, waitFor, writeFile } from './claimFiles';

type Api = Awaited<ReturnType<typeof api>>;

/** The arguments of the first `command:` link to `id` in Markdown, as VS Code would pass them. */
function linkArguments(md: string, id: string): unknown[] {
  const m = new RegExp(`\\]\\(command:${id.replace('.', '\\.')}\\?([^)]*)\\)`).exec(md);
  assert.ok(m, `no link to ${id} in:\n${md}`);
  return JSON.parse(decodeURIComponent(m[1])) as unknown[];
}

describe('Re-attach and Confirm Place', () => {
  let factmark: Api;
  before(async () => {
    factmark = await api();
    await factmark.ready;
  });

  it('re-attaching a rated, placed claim to other words marks its verdict to re-check everywhere, until its status is set again', async () => {
    const editor = await openNewArticle(uniqueName('reattach-placed'), ARTICLE);
    const uri = editor.document.uri;
    const ref = await markWords(editor, 'a budget of £412 million');
    await vscode.commands.executeCommand('factmark.setStatus', ref, 'accurate');
    const text = editor.document.getText();
    const wider = 'a budget of £412 million on Monday';
    const range = { start: text.indexOf(wider), end: text.indexOf(wider) + wider.length };

    // The question is answered (as the modal's Re-attach button does) by confirm: false.
    await vscode.commands.executeCommand('factmark.reattach', ref, range, { confirm: false });
    const e = await entryOf(ref);
    assert.strictEqual(e?.claim.quote, wider);
    assert.strictEqual(e?.claim.recheck, true);
    assert.deepStrictEqual(e?.claim.log?.map((l) => [l.change, l.from, l.to]), [['wording', 'a budget of £412 million', wider]]);
    assert.ok(e?.state === 'anchored' || e?.state === 'moved', e?.state);

    // Hover, details, the editor's marker and the Claims panel all say the verdict waits.
    assert.match(factmark.views.hover.markdownFor(ref.article, ref.id)?.value ?? '', /Verdict not re\\?-confirmed/);
    await vscode.commands.executeCommand('factmark.showDetails', ref);
    await waitFor('the details to show the claim', () => factmark.views.details.current()?.id === ref.id);
    const state = factmark.views.details.lastState();
    assert.ok(state.type === 'claim' && /Verdict not re-confirmed/.test(state.notice?.title ?? ''), JSON.stringify(state.type === 'claim' ? state.notice : state));
    await waitFor('the marker after the words', () => factmark.views.decorations.applied(uri)?.verdictToConfirm.some((r) => r.id === ref.id));
    const row = await factmark.views.tree.provider.getTreeItem(await claimRow(ref));
    assert.match(String(row.description), /verdict to confirm/);
    assert.strictEqual((await sidecarYaml(uri)).claims[0].recheck, true);

    // Setting the status again (the same one) confirms it: every marker goes.
    await vscode.commands.executeCommand('factmark.setStatus', ref, 'accurate');
    assert.strictEqual((await entryOf(ref))?.claim.recheck, undefined);
    assert.doesNotMatch(factmark.views.hover.markdownFor(ref.article, ref.id)?.value ?? '', /re\\?-confirmed/);
    await waitFor('the marker to go', () => factmark.views.decorations.applied(uri)?.verdictToConfirm.length === 0);
  });

  it('re-attaching to the same words elsewhere moves the claim without asking to re-check the verdict', async () => {
    const sentence = 'Bus fares will stay frozen until at least April 2027, the transport chair said.';
    const editor = await openNewArticle(uniqueName('reattach-same'), `${ARTICLE}\nAgain: ${sentence}\n`);
    const ref = await markWords(editor, 'Bus fares will stay frozen');
    await vscode.commands.executeCommand('factmark.setStatus', ref, 'accurate');
    const second = editor.document.getText().lastIndexOf('Bus fares will stay frozen');
    await vscode.commands.executeCommand('factmark.reattach', ref, { start: second, end: second + 'Bus fares will stay frozen'.length }, { confirm: false });
    const e = await entryOf(ref);
    assert.strictEqual(e?.start, second);
    assert.strictEqual(e?.claim.recheck, undefined);
    assert.strictEqual(e?.claim.log, undefined);
  });

  it('an ambiguous claim is confirmed in place from its hover link, the Claim Details button and the Claims panel row', async () => {
    // The same sentence twice with the same context: without its position hints, the claim could be either.
    const block = 'Officials said the bridge will stay closed until further notice, the council added.';
    const editor = await openNewArticle(uniqueName('confirm-place'), `${block}\n${block}\n`);
    const uri = editor.document.uri;
    const ref = await markWords(editor, 'stay closed');
    await sidecarYaml(uri);
    const sidecar = sidecarOf(uri);
    const stripped = (await readFile(sidecar))!.replace(/\n\s+(line|offset): \d+/g, '');

    const entryPoints: [string, () => Promise<unknown>][] = [
      ['hover', async () => {
        const md = factmark.views.hover.markdownFor(ref.article, ref.id)?.value ?? '';
        assert.ok((factmark.views.hover.markdownFor(ref.article, ref.id)?.isTrusted as { enabledCommands: string[] }).enabledCommands.includes('factmark.confirmPlace'), 'the link is not trusted');
        return vscode.commands.executeCommand('factmark.confirmPlace', ...linkArguments(md, 'factmark.confirmPlace'));
      }],
      ['details', async () => {
        await vscode.commands.executeCommand('factmark.showDetails', ref);
        await waitFor('the details to show the claim', () => factmark.views.details.current()?.id === ref.id);
        const state = factmark.views.details.lastState();
        assert.ok(state.type === 'claim' && state.notice?.actions.includes('confirmPlace'), 'the details offer no Confirm place');
        return factmark.views.details.receive({ type: 'command', command: 'factmark.confirmPlace', ref });
      }],
      ['panel', async () => {
        const row = await claimRow(ref);
        const item = await factmark.views.tree.provider.getTreeItem(row);
        assert.match(item.contextValue ?? '', /\bambiguous\b/, 'the row cannot show Confirm Place (its menus match "ambiguous")');
        return vscode.commands.executeCommand('factmark.confirmPlace', row);
      }],
    ];
    for (const [where, confirm] of entryPoints) {
      await writeFile(sidecar, stripped);
      const unsure = await waitFor(`the claim to be ambiguous (${where})`, async () => { const e = await entryOf(ref); return e?.state === 'ambiguous' ? e : undefined; }, 15_000);
      const answer = await confirm();
      // The commands return the claim they acted on (undefined: it was not ambiguous when they ran).
      if (where !== 'details') assert.deepStrictEqual(answer, ref, `Confirm Place from the ${where} did not act on the claim`);
      const e = await waitFor(`the place to be confirmed from the ${where}`, async () => { const x = await entryOf(ref); return x?.state === 'anchored' ? x : undefined; });
      assert.strictEqual(e.start, unsure.start, `confirmed from the ${where} somewhere else`);
      assert.strictEqual(e.claim.quote, 'stay closed');
      // The write follows the change (debounced, and it first reads the file again); the
      // position must reach the file, and why not is told when it does not.
      const written = await waitFor(`the ${where}'s confirmation to be written`, async () => {
        const c = (await sidecarYaml(uri)).claims[0] as { offset?: number };
        return c.offset !== undefined ? c : undefined;
      }, 15_000).catch((err: Error) => {
        throw new Error(`${err.message}; the article in the store: ${JSON.stringify(factmark.store.state(ref.article))}, the claim: ${JSON.stringify(factmark.store.claim(ref.article, ref.id))}`);
      });
      assert.strictEqual(written.offset, unsure.start, `the ${where}'s confirmation wrote another position`);
    }
  });
});
