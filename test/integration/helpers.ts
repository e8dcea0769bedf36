// What integration tests share: the extension under test and the workspace copy it runs in.
// Only a type comes from src/ (erased at build time); the running code is the extension's own.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { FactmarkApi } from '../../src/vscode/extension';

export const extensionId = 'factmark.factmark';

export function extension(): vscode.Extension<FactmarkApi> {
  const ext = vscode.extensions.getExtension<FactmarkApi>(extensionId);
  assert.ok(ext, `extension ${extensionId} is not loaded`);
  return ext;
}

/** Activates the extension (if needed) and returns the API object activate() returned. */
export async function api(): Promise<FactmarkApi> {
  return extension().activate();
}

/** The root of the workspace copy the suite runs in (a git repository with one commit). */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return folder.uri;
}

export async function openWorkspaceFile(relativePath: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), relativePath));
  return vscode.window.showTextDocument(doc);
}
