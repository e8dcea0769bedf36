import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, extension, openWorkspaceFile, workspaceRoot } from './helpers';

describe('activation', () => {
  it('activates and reports the version from package.json', async () => {
    const ext = extension();
    const factmark = await api();
    assert.strictEqual(ext.isActive, true);
    const manifest = JSON.parse(
      new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, 'package.json'))),
    );
    assert.match(factmark.version, /^\d+\.\d+\.\d+/);
    assert.strictEqual(factmark.version, manifest.version);
  });

  it('opens an article from the workspace copy', async () => {
    const editor = await openWorkspaceFile('harbour-bridge.md');
    assert.strictEqual(editor.document.languageId, 'markdown');
    assert.ok(editor.document.getText().includes('Harbour Bridge'), 'the article text is not in the editor');
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString());
  });

  it('runs in a git repository, so tests may commit', async () => {
    const head = await vscode.workspace.fs.stat(vscode.Uri.joinPath(workspaceRoot(), '.git', 'HEAD'));
    assert.strictEqual(head.type, vscode.FileType.File);
  });
});
