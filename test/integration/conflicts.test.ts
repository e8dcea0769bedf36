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

    await vscode.commands.executeCommand('factmark.resolveConflicts', { article: a.article }, 'both');
    const yaml = await sidecarYaml(editor.document.uri);
    assert.deepStrictEqual(yaml.claims.map((c) => c.id).sort(), [a.id, b.id, 'new999'].sort());
    assert.strictEqual(yaml.claims.find((c) => c.id === b.id)?.status, 'mixed');
    assert.strictEqual(factmark.articleOf(editor.document.uri)?.sidecarState, 'ok');
  });
});
