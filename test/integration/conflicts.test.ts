import * as assert from 'assert';
import * as vscode from 'vscode';
import { api } from './helpers';
import { ARTICLE, entryOf, markWords, openNewArticle, readFile, sidecarOf, sidecarYaml, uniqueName, waitFor, writeFile } from './claimFiles';

describe('sidecar conflicts', () => {
  before(async () => { await (await api()).ready; });

  it('holds back when the same claim changed here and on disk, then takes the disk version on request', async () => {
    const factmark = await api();
    const editor = await openNewArticle(uniqueName('conflict'), ARTICLE);
    const ref = await markWords(editor, 'a budget of £412 million');
    await sidecarYaml(editor.document.uri);
    const sidecar = sidecarOf(editor.document.uri);
    const onDisk = (await readFile(sidecar)) as string;
    await vscode.commands.executeCommand('factmark.setStatus', ref, 'accurate');
    const theirs = onDisk.replace('status: unverified', 'status: inaccurate');
    await writeFile(sidecar, theirs);
    await waitFor('the conflict', () => factmark.articleOf(editor.document.uri)?.sidecarState === 'conflict');
    await factmark.flush();
    assert.strictEqual(await readFile(sidecar), theirs, 'a conflicting sidecar was written over');
    assert.ok(vscode.languages.getDiagnostics(sidecar).some((d) => d.code === 'conflict'), 'no diagnostic says there is a conflict');

    await vscode.commands.executeCommand('factmark.resolveConflicts', ref, 'theirs');
    assert.strictEqual(factmark.articleOf(editor.document.uri)?.sidecarState, 'ok');
    assert.strictEqual((await entryOf(ref))?.claim.status, 'inaccurate');
    assert.strictEqual((await sidecarYaml(editor.document.uri)).claims[0].status, 'inaccurate');
  });

  it('keeps mine on request', async () => {
    const factmark = await api();
    const editor = await openNewArticle(uniqueName('conflict-mine'), ARTICLE);
    const ref = await markWords(editor, 'a budget of £412 million');
    await sidecarYaml(editor.document.uri);
    const sidecar = sidecarOf(editor.document.uri);
    const onDisk = (await readFile(sidecar)) as string;
    await vscode.commands.executeCommand('factmark.setStatus', ref, 'accurate');
    await writeFile(sidecar, onDisk.replace('status: unverified', 'status: inaccurate'));
    await waitFor('the conflict', () => factmark.articleOf(editor.document.uri)?.sidecarState === 'conflict');
    await vscode.commands.executeCommand('factmark.resolveConflicts', ref, 'ours');
    assert.strictEqual((await sidecarYaml(editor.document.uri)).claims[0].status, 'accurate');
  });

  it('resolves git conflict markers in a sidecar by claim id, keeping both sides', async () => {
    const factmark = await api();
    const editor = await openNewArticle(uniqueName('markers'), ARTICLE);
    const a = await markWords(editor, 'a budget of £412 million');
    const b = await markWords(editor, 'Bus fares will stay frozen');
    await sidecarYaml(editor.document.uri);
    const sidecar = sidecarOf(editor.document.uri);
    const text = (await readFile(sidecar)) as string;
    const from = text.indexOf(`  - id: ${b.id}`);
    const ours = text.slice(from).replace('status: unverified', 'status: mixed');
    const theirs = text.slice(from).replace('status: unverified', 'status: accurate')
      + '\n  - id: new999\n    quote: "Spending on housing rises"\n    before: ""\n    after: ""\n    status: unverified\n';
    const conflicted = `${text.slice(0, from)}<<<<<<< HEAD\n${ours}=======\n${theirs}>>>>>>> feature\n`;
    await writeFile(sidecar, conflicted);
    await waitFor('the broken state', () => factmark.articleOf(editor.document.uri)?.sidecarState === 'broken');
    assert.strictEqual(await readFile(sidecar), conflicted);

    await vscode.commands.executeCommand('factmark.resolveConflicts', { article: a.article }, { choices: { [b.id]: 'ours', new999: 'theirs' } });
    const yaml = await sidecarYaml(editor.document.uri);
    assert.deepStrictEqual(yaml.claims.map((c) => c.id).sort(), [a.id, b.id, 'new999'].sort());
    assert.strictEqual(yaml.claims.find((c) => c.id === b.id)?.status, 'mixed');
    assert.strictEqual(factmark.articleOf(editor.document.uri)?.sidecarState, 'ok');
  });

  /** An article with two claims whose sidecar git left with markers around the second one. */
  async function conflicted(stem: string) {
    const factmark = await api();
    const editor = await openNewArticle(uniqueName(stem), ARTICLE);
    const a = await markWords(editor, 'a budget of £412 million');
    const b = await markWords(editor, 'Bus fares will stay frozen');
    await sidecarYaml(editor.document.uri);
    const sidecar = sidecarOf(editor.document.uri);
    const text = (await readFile(sidecar)) as string;
    const from = text.indexOf(`  - id: ${b.id}`);
    const ours = text.slice(from).replace('status: unverified', 'status: mixed');
    const theirs = text.slice(from).replace('status: unverified', 'status: accurate');
    const markers = `${text.slice(0, from)}<<<<<<< HEAD\n${ours}=======\n${theirs}>>>>>>> feature\n`;
    await writeFile(sidecar, markers);
    // The file with its markers read: not a read of it half written (vscode.workspace.fs.writeFile
    // truncates, then writes), which is broken too, for another reason, until the watcher reads it again.
    await waitFor('the broken state, for the conflict markers', () => {
      const snap = factmark.articleOf(editor.document.uri);
      return snap?.sidecarState === 'broken' && snap.problems.some((p) => p.code === 'git-conflict');
    });
    return { factmark, editor, a, b, sidecar, markers };
  }

  it('says a sidecar has conflict markers (diagnostic, Sidecar errors) and never writes over it', async () => {
    const { factmark, editor, a, sidecar, markers } = await conflicted('markers-shown');
    assert.ok(vscode.languages.getDiagnostics(sidecar).some((d) => d.code === 'git-conflict'), 'no diagnostic names the conflict markers');
    assert.ok(vscode.languages.getDiagnostics(sidecar).some((d) => d.code === 'not-written'));
    const tree = factmark.views.tree.provider;
    const roots = (await tree.getChildren()) ?? [];
    const errors = roots.find((n) => factmark.views.tree.node(n)?.kind === 'errors');
    assert.ok(errors, 'no Sidecar errors group');
    const items = await Promise.all(((await tree.getChildren(errors)) ?? []).map((n) => tree.getTreeItem(n)));
    assert.ok(items.some((i) => i.label === sidecar.path.slice(sidecar.path.lastIndexOf('/') + 1)), 'the sidecar is not under Sidecar errors');
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('factmark.setStatus', a, 'accurate')).then((r) => { if (r === undefined) throw new Error('refused'); }));
    await factmark.flush();
    assert.strictEqual(await readFile(sidecar), markers, 'a file with conflict markers was written over');
    assert.strictEqual(factmark.claimsOf(editor.document.uri).length, 2, 'the claims in memory were dropped');
  });

  it('keeps both versions of a conflicting claim, theirs under a new id', async () => {
    const { editor, b } = await conflicted('markers-both');
    await vscode.commands.executeCommand('factmark.resolveConflicts', { article: editor.document.uri.toString() }, { choices: { [b.id]: 'both' } });
    const yaml = await sidecarYaml(editor.document.uri);
    assert.strictEqual(yaml.claims.length, 3);
    assert.strictEqual(yaml.claims.find((c) => c.id === b.id)?.status, 'mixed');
    const copy = yaml.claims.find((c) => c.status === 'accurate');
    assert.ok(copy && copy.id !== b.id && copy.quote === 'Bus fares will stay frozen', JSON.stringify(yaml.claims));
  });

  it('asks per claim in a quick pick; cancelling writes nothing', async () => {
    const { factmark, editor, sidecar, markers } = await conflicted('markers-cancel');
    const run = vscode.commands.executeCommand('factmark.resolveConflicts', { article: editor.document.uri.toString() });
    await new Promise((r) => setTimeout(r, 800));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await run;
    await factmark.flush();
    assert.strictEqual(await readFile(sidecar), markers, 'cancelling wrote the file');
    assert.strictEqual(factmark.articleOf(editor.document.uri)?.sidecarState, 'broken');
  });

  it('takes the choice made in the quick pick (Keep theirs)', async () => {
    const { editor, b } = await conflicted('markers-pick');
    const run = vscode.commands.executeCommand('factmark.resolveConflicts', { article: editor.document.uri.toString() });
    await new Promise((r) => setTimeout(r, 800));
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await run;
    const yaml = await sidecarYaml(editor.document.uri);
    assert.strictEqual(yaml.claims.length, 2);
    assert.strictEqual(yaml.claims.find((c) => c.id === b.id)?.status, 'accurate');
  });
});
