import * as assert from 'assert';
import * as vscode from 'vscode';
import { api } from './helpers';
import { ARTICLE, entryOf, markWords, openNewArticle, readFile, sidecarOf, sidecarYaml, uniqueName, waitFor, writeFile } from './claimFiles';

describe('marking and rating claims', () => {
  before(async () => { await (await api()).ready; });

  it('Mark Claim writes the sidecar beside the article', async () => {
    const editor = await openNewArticle(uniqueName('mark'), ARTICLE);
    const ref = await markWords(editor, 'a budget of £412 million');
    const yaml = await sidecarYaml(editor.document.uri);
    assert.strictEqual(yaml.factmark, 1);
    assert.strictEqual(yaml.article, editor.document.uri.path.split('/').pop());
    assert.deepStrictEqual(yaml.claims.map((c) => c.id), [ref.id]);
    assert.strictEqual(yaml.claims[0].quote, 'a budget of £412 million');
    assert.strictEqual(yaml.claims[0].status, 'unverified');
    assert.ok(String(yaml.claims[0].before).endsWith('The council approved '), `before: ${yaml.claims[0].before}`);
  });

  it('status and sources round-trip through the file', async () => {
    const editor = await openNewArticle(uniqueName('rate'), ARTICLE);
    const ref = await markWords(editor, 'Spending on housing rises to £58 million');
    await vscode.commands.executeCommand('factmark.setStatus', ref, 'mostly-accurate');
    await vscode.commands.executeCommand('factmark.addSource', ref, {
      url: 'https://example.org/budget-2026.pdf', title: 'Budget book 2026', stance: 'supports', excerpt: 'Housing: £58.0m',
    });
    await vscode.commands.executeCommand('factmark.editExplanation', ref, 'The budget book says £58.0m.');
    await vscode.commands.executeCommand('factmark.editTags', ref, 'budget, housing');
    const yaml = await sidecarYaml(editor.document.uri);
    const c = yaml.claims[0];
    assert.strictEqual(c.status, 'mostly-accurate');
    assert.strictEqual(c.explanation, 'The budget book says £58.0m.');
    assert.deepStrictEqual(c.tags, ['budget', 'housing']);
    assert.strictEqual(c.sources?.length, 1);
    assert.strictEqual(c.sources?.[0].url, 'https://example.org/budget-2026.pdf');
    assert.strictEqual(c.sources?.[0].stance, 'supports');
    assert.match(String(c.sources?.[0].accessed), /^\d{4}-\d{2}-\d{2}$/);

    // Read back from disk: the same claim, with nothing lost.
    await vscode.commands.executeCommand('factmark.refresh');
    const entry = await entryOf(ref);
    assert.strictEqual(entry?.claim.status, 'mostly-accurate');
    assert.strictEqual(entry?.claim.sources[0].title, 'Budget book 2026');
    assert.strictEqual(entry?.state, 'anchored');

    await vscode.commands.executeCommand('factmark.removeSource', ref, 0);
    assert.strictEqual((await sidecarYaml(editor.document.uri)).claims[0].sources, undefined);
  });

  it('rejects a source address that is not http(s) and writes nothing', async () => {
    const editor = await openNewArticle(uniqueName('badurl'), ARTICLE);
    const ref = await markWords(editor, 'up 6 per cent on last year');
    const before = await sidecarYaml(editor.document.uri);
    await vscode.commands.executeCommand('factmark.addSource', ref, { url: 'ftp://example.org/x' });
    const after = await sidecarYaml(editor.document.uri);
    assert.deepStrictEqual(after, before);
  });

  it('rejects a status that is not on the scale', async () => {
    const editor = await openNewArticle(uniqueName('badstatus'), ARTICLE);
    const ref = await markWords(editor, 'up 6 per cent on last year');
    await vscode.commands.executeCommand('factmark.setStatus', ref, 'sort-of-true');
    assert.strictEqual((await sidecarYaml(editor.document.uri)).claims[0].status, 'unverified');
  });

  it('delete and undo bring the claim back into the file', async () => {
    const editor = await openNewArticle(uniqueName('delete'), ARTICLE);
    const keep = await markWords(editor, 'Bus fares will stay frozen');
    const ref = await markWords(editor, 'balanced the books without cutting a single library');
    await vscode.commands.executeCommand('factmark.setStatus', ref, 'misleading');
    await vscode.commands.executeCommand('factmark.deleteClaim', ref, { confirm: false });
    assert.deepStrictEqual((await sidecarYaml(editor.document.uri)).claims.map((c) => c.id), [keep.id]);
    const restored = await vscode.commands.executeCommand<{ id: string }>('factmark.undoDelete');
    assert.strictEqual(restored?.id, ref.id);
    const yaml = await sidecarYaml(editor.document.uri);
    assert.deepStrictEqual(yaml.claims.map((c) => c.id).sort(), [keep.id, ref.id].sort());
    assert.strictEqual(yaml.claims.find((c) => c.id === ref.id)?.status, 'misleading');
  });

  it('navigates between claims with wrap-around', async () => {
    const editor = await openNewArticle(uniqueName('nav'), ARTICLE);
    const a = await markWords(editor, 'a budget of £412 million');
    const b = await markWords(editor, 'Bus fares will stay frozen');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const first = await vscode.commands.executeCommand<{ id: string }>('factmark.nextClaim');
    const second = await vscode.commands.executeCommand<{ id: string }>('factmark.nextClaim');
    const wrapped = await vscode.commands.executeCommand<{ id: string }>('factmark.nextClaim');
    assert.deepStrictEqual([first?.id, second?.id, wrapped?.id], [a.id, b.id, a.id]);
    assert.strictEqual(editor.document.getText(editor.selection), 'a budget of £412 million');
    const back = await vscode.commands.executeCommand<{ id: string }>('factmark.previousClaim');
    assert.strictEqual(back?.id, b.id);
  });

  it('opens the sidecar at the claim', async () => {
    const editor = await openNewArticle(uniqueName('open'), ARTICLE);
    await markWords(editor, 'a budget of £412 million');
    const ref = await markWords(editor, 'Bus fares will stay frozen');
    await vscode.commands.executeCommand('factmark.openInSidecar', ref);
    const side = await waitFor('the sidecar editor', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.toString() === sidecarOf(editor.document.uri).toString() ? e : undefined;
    });
    assert.match(side.document.lineAt(side.selection.active.line).text, new RegExp(`- id: ${ref.id}`));
  });

  it('a claim deleted by hand in the file is gone from the store once the file is saved', async () => {
    const editor = await openNewArticle(uniqueName('handedit'), ARTICLE);
    const keep = await markWords(editor, 'a budget of £412 million');
    const gone = await markWords(editor, 'Bus fares will stay frozen');
    await sidecarYaml(editor.document.uri);
    const sidecar = sidecarOf(editor.document.uri);
    const text = (await readFile(sidecar)) as string;
    const from = text.indexOf(`  - id: ${gone.id}`);
    const to = text.indexOf('  - id: ', from + 1);
    await writeFile(sidecar, text.slice(0, from) + (to < 0 ? '' : text.slice(to)));
    await waitFor('the claim to go', async () => (await entryOf(gone)) === undefined);
    assert.ok(await entryOf(keep), 'the other claim went too');
  });
});
