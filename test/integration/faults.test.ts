// Faults, each made for real where the test machine allows: a write that fails, a sidecar
// deleted under an open article, an article renamed outside VS Code, one article in two
// editors, a second writer (another window) changing the sidecar before our write, and the
// article's history in git. Each must end with no claim lost or duplicated.
// (The suite runs as root, so chmod cannot make a file unwritable and a full disk cannot be
// made: a write is made to fail by putting a directory where the temporary file goes.)
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { api, workspaceRoot } from './helpers';
import { CLAIM_IN_NEW, CLAIM_IN_OLD, NEW, OLD, REFRAIN } from '../fixtures/twinParagraphs';
import {
  ARTICLE, entryOf, fileUri, markWords, openNewArticle, readFile, sidecarOf, sidecarYaml, uniqueName, waitFor, writeFile,
} from './claimFiles';

const name = (uri: vscode.Uri) => uri.path.slice(uri.path.lastIndexOf('/') + 1);
const lockOf = (sidecar: vscode.Uri) => sidecar.with({ path: sidecar.path.replace(/[^/]+$/, (n) => `.${n}.factmark-lock`) });
const codes = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).map((d) => String(d.code));

describe('faults: nothing is lost', () => {
  before(async () => { await (await api()).ready; });

  it('a failed write keeps the change in memory, says so, leaves the file whole and succeeds on retry', async () => {
    const factmark = await api();
    const editor = await openNewArticle(uniqueName('write-fails'), ARTICLE);
    const ref = await markWords(editor, 'a budget of £412 million');
    await sidecarYaml(editor.document.uri);
    const sidecar = sidecarOf(editor.document.uri);
    const before = await readFile(sidecar);
    // Temporary files have unpredictable names; every write takes the lock `.name.factmark-lock`
    // first: a directory there makes it fail.
    const blocker = lockOf(sidecar);
    await vscode.workspace.fs.createDirectory(blocker);
    await writeFile(vscode.Uri.joinPath(blocker, 'keep'), 'not ours');
    try {
      await vscode.commands.executeCommand('factmark.setStatus', ref, 'accurate');
      await factmark.flush();
      await waitFor('the write-failed diagnostic', () => codes(sidecar).includes('write-failed'));
      assert.strictEqual(await readFile(sidecar), before, 'the sidecar changed although the write failed');
      assert.strictEqual(factmark.articleOf(editor.document.uri)?.dirty, true, 'the change is no longer marked unsaved');
      assert.strictEqual((await entryOf(ref))?.claim.status, 'accurate', 'the change was lost from memory');
      assert.strictEqual(await readFile(vscode.Uri.joinPath(blocker, 'keep')), 'not ours', 'what stood in the way was touched');
    } finally {
      await vscode.workspace.fs.delete(blocker, { recursive: true, useTrash: false });
    }
    await factmark.flush(); // retries the failed write
    const yaml = await sidecarYaml(editor.document.uri);
    assert.deepStrictEqual(yaml.claims.map((c) => [c.id, c.status]), [[ref.id, 'accurate']]);
    await waitFor('the diagnostic to clear', () => !codes(sidecar).includes('write-failed'));
    assert.strictEqual(await readFile(blocker), undefined, 'the lock was left behind');
  });

  it('writes leave no temporary file behind and the watcher never takes one for a sidecar', async () => {
    const factmark = await api();
    const editor = await openNewArticle(uniqueName('atomic'), ARTICLE);
    const a = await markWords(editor, 'a budget of £412 million');
    // A changed verdict needs a reason (the third argument; else Set Status asks for one).
    for (const s of ['accurate', 'mixed', 'inaccurate']) await vscode.commands.executeCommand('factmark.setStatus', a, s, `now ${s}`);
    await factmark.flush();
    const sidecar = sidecarOf(editor.document.uri);
    const siblings = (await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(sidecar, '..'))).map(([n]) => n);
    assert.deepStrictEqual(siblings.filter((n) => n.includes('factmark-tmp') || n.includes('factmark-lock')), []);
    assert.ok(!factmark.store.articles().some((k) => k.includes('factmark-tmp')), 'a temporary file was loaded as an article');
    assert.strictEqual((await sidecarYaml(editor.document.uri)).claims[0].status, 'inaccurate');
  });

  it('a sidecar deleted while its article is open: the claims stay, are not written back when its absence is read again, and are written back at the next change', async () => {
    const factmark = await api();
    const editor = await openNewArticle(uniqueName('sidecar-deleted'), ARTICLE);
    const a = await markWords(editor, 'a budget of £412 million');
    const b = await markWords(editor, 'Bus fares will stay frozen');
    await sidecarYaml(editor.document.uri);
    const sidecar = sidecarOf(editor.document.uri);
    // The watcher batches events: a delete right after our own write's (rename's) create event
    // cancels out with it. Let that event arrive first, as it would in real use.
    await new Promise((r) => setTimeout(r, 1500));
    fs.unlinkSync(sidecar.fsPath); // outside VS Code (another tool, a checkout)
    await waitFor('the deletion to be seen', () => factmark.articleOf(editor.document.uri)?.sidecarState === 'missing');
    assert.deepStrictEqual(factmark.claimsOf(editor.document.uri).map((e) => e.claim.id), [a.id, b.id], 'claims were dropped with the file');
    await factmark.flush();
    assert.strictEqual(await readFile(sidecar), undefined, 'the file was written back without being asked');
    // Its absence seen again (Refresh reads every file again, as a watcher's late event does) is no news.
    await vscode.commands.executeCommand('factmark.refresh');
    await factmark.flush();
    assert.strictEqual(await readFile(sidecar), undefined, 'the file was written back when its absence was read again');
    assert.deepStrictEqual(factmark.claimsOf(editor.document.uri).map((e) => e.claim.id), [a.id, b.id], 'claims were dropped on Refresh');
    await vscode.commands.executeCommand('factmark.setStatus', b, 'accurate');
    const yaml = await sidecarYaml(editor.document.uri);
    assert.deepStrictEqual(yaml.claims.map((c) => c.id), [a.id, b.id]);
    assert.strictEqual(yaml.claims[1].status, 'accurate');
  });

  it('an article renamed outside VS Code: its sidecar is shown as orphaned beside a missing article, then placed again', async () => {
    const factmark = await api();
    const article = fileUri(uniqueName('renamed-outside'));
    const sidecar = sidecarOf(article);
    const yaml = `factmark: 1\narticle: ${name(article)}\nclaims:\n  - id: out001\n    quote: "Bus fares will stay frozen"\n    before: ""\n    after: ""\n    status: accurate\n`;
    await writeFile(article, ARTICLE);
    await writeFile(sidecar, yaml);
    await waitFor('the sidecar to load', () => factmark.claimsOf(article)[0]?.start !== undefined);
    const moved = article.with({ path: article.path.replace(/\.md$/, '-moved.md') });
    fs.renameSync(article.fsPath, moved.fsPath); // not through VS Code: no rename event
    await waitFor('the article to be missing', () => factmark.articleOf(article)?.articleMissing === true);
    const entries = factmark.claimsOf(article);
    assert.deepStrictEqual(entries.map((e) => [e.claim.id, e.state]), [['out001', 'orphaned']]);
    assert.match(entries[0].reason, /missing/);
    assert.ok(codes(sidecar).includes('article-missing'), 'no diagnostic on the sidecar says the article is missing');
    const tree = factmark.views.tree.provider;
    const items = await Promise.all(((await tree.getChildren()) ?? []).filter((n) => factmark.views.tree.node(n)?.kind === 'article').map((n) => tree.getTreeItem(n)));
    const item = items.find((i) => i.label === name(article));
    assert.ok(item, 'the orphaned sidecar\'s article is not in the Claims panel');
    assert.match(String(item.description), /article missing/);
    await factmark.flush();
    assert.strictEqual(await readFile(sidecar), yaml, 'the orphaned sidecar was changed');

    fs.renameSync(moved.fsPath, article.fsPath);
    await waitFor('the claim to be placed again', () => factmark.claimsOf(article)[0]?.start !== undefined);
    assert.strictEqual(factmark.articleOf(article)?.articleMissing, false);
  });

  it('one article in two editors (split view): edits are tracked once, decorations show in both', async () => {
    const factmark = await api();
    const editor = await openNewArticle(uniqueName('split'), ARTICLE);
    const ref = await markWords(editor, 'Bus fares will stay frozen');
    await vscode.commands.executeCommand('workbench.action.splitEditor');
    await waitFor('two editors on the article', () => vscode.window.visibleTextEditors.filter((e) => e.document === editor.document).length === 2);
    const inserted = 'A paragraph added in one of the two editors.\n\n';
    const before = (await entryOf(ref))!.start!;
    await editor.edit((b) => b.insert(new vscode.Position(2, 0), inserted));
    const after = (await entryOf(ref))!;
    assert.strictEqual(after.start, before + inserted.length, 'the edit was applied more (or less) than once');
    assert.strictEqual(editor.document.getText().slice(after.start, after.end), 'Bus fares will stay frozen');
    await waitFor('decorations in both editors', () => {
      const all = factmark.views.decorations.appliedAll(editor.document.uri);
      return all.length === 2 && all.every((d) => Object.values(d.byStatus).flat().some((r) => r.id === ref.id && r.start === after.start));
    });
    assert.strictEqual(factmark.claimsOf(editor.document.uri).length, 1);
    await vscode.commands.executeCommand('workbench.action.closeEditorsInGroup');
  });

  it('a second window writes the sidecar before our write: both sides\' claims survive, merged by id', async () => {
    const factmark = await api();
    const editor = await openNewArticle(uniqueName('two-windows'), ARTICLE);
    const a = await markWords(editor, 'a budget of £412 million');
    await sidecarYaml(editor.document.uri);
    const sidecar = sidecarOf(editor.document.uri);
    const onDisk = (await readFile(sidecar)) as string;
    // Our write must come after theirs, as the title says. With the usual 300 ms delay a slow
    // machine could write ours first; theirs, made from the older file, would then be a later
    // edit that removes our new claim and our status, and the merge would rightly follow it.
    const config = () => vscode.workspace.getConfiguration('factmark', editor.document.uri);
    await config().update('autoSaveDelay', 10_000, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('the longer write delay to apply', () => config().get('autoSaveDelay') === 10_000);
      // Here: a new claim and a status, not yet written. There: another new claim, written now.
      const b = await markWords(editor, 'Bus fares will stay frozen');
      await vscode.commands.executeCommand('factmark.setStatus', a, 'accurate');
      assert.strictEqual(await readFile(sidecar), onDisk, 'our write came before theirs');
      await writeFile(sidecar, `${onDisk.replace(/\n*$/, '\n')}  - id: win002\n    quote: "Spending on housing rises"\n    before: ""\n    after: ""\n    status: mixed\n`);
      const yaml = await sidecarYaml(editor.document.uri);
      const ids = yaml.claims.map((c) => c.id);
      assert.deepStrictEqual([...ids].sort(), [a.id, b.id, 'win002'].sort(), `claims lost or duplicated: ${ids.join(', ')}`);
      assert.strictEqual(yaml.claims.find((c) => c.id === a.id)?.status, 'accurate');
      assert.strictEqual(yaml.claims.find((c) => c.id === 'win002')?.status, 'mixed');
      assert.strictEqual(factmark.claimsOf(editor.document.uri).length, 3);
    } finally {
      await config().update('autoSaveDelay', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('claims are carried through git history when the article changed since the sidecar\'s commit', async () => {
    const factmark = await api();
    const editor = await openNewArticle(uniqueName('history'), OLD);
    const at = CLAIM_IN_OLD;
    editor.selection = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + REFRAIN.length));
    const ref = await vscode.commands.executeCommand<{ article: string; id: string }>('factmark.markClaim');
    assert.ok(ref);
    await sidecarYaml(editor.document.uri);
    const cwd = workspaceRoot().fsPath;
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Factmark Test', '-c', 'user.email=test@example.com', ...args], { cwd, stdio: 'pipe' });
    git('add', '--', editor.document.uri.fsPath, sidecarOf(editor.document.uri).fsPath);
    git('commit', '-q', '-m', 'article and claims', '--', editor.document.uri.fsPath, sidecarOf(editor.document.uri).fsPath);
    await writeFile(editor.document.uri, NEW); // changed outside the editor, e.g. by a pull
    const right = CLAIM_IN_NEW;
    const entry = await waitFor('the claim carried through history', async () => {
      const e = await entryOf(ref);
      return editor.document.getText() === NEW && e?.reason.startsWith('carried through git history') ? e : undefined;
    });
    assert.strictEqual(entry.start, right, JSON.stringify(entry));
    assert.strictEqual(NEW.slice(entry.start, entry.end), REFRAIN);
  });
});
