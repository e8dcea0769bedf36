// What the export functions are given in VS Code: the store's snapshots of articles, their
// current text (the open document, else the file), the scale, and the publisher from
// `.factmark.yaml` at the root of the article's workspace folder.
import * as vscode from 'vscode';
import { CONFIG_FILE, loadConfig } from '../core/config';
import type { ExportArticle, ExportInput } from '../core/export/exportInput';
import type { Publisher } from '../core/model';
import type { ClaimStore } from '../core/store/claimStore';
import { articleUri, openDocument } from './articles';
import { readArticleFile, readTextFile } from './fileText';

export async function articleText(uri: vscode.Uri): Promise<string | undefined> {
  const doc = openDocument(uri);
  if (doc) return doc.getText();
  const read = await readArticleFile(uri);
  return typeof read === 'string' ? read : undefined;
}

/** The repository's publisher: `publisher:` of the `.factmark.yaml` in the article's folder root. */
export async function publisherFor(uri: vscode.Uri | undefined): Promise<Publisher | undefined> {
  const folder = (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) return undefined;
  const source = await readTextFile(vscode.Uri.joinPath(folder.uri, CONFIG_FILE), 'config file').catch(() => undefined);
  return source === undefined ? undefined : loadConfig(source).publisher;
}

export async function exportInput(store: ClaimStore, articles: readonly string[]): Promise<ExportInput> {
  const out: ExportArticle[] = [];
  for (const key of articles) {
    const snap = store.get(key);
    if (!snap) continue;
    const uri = articleUri(key);
    out.push({ name: vscode.workspace.asRelativePath(uri, false), text: await articleText(uri), published: snap.published, entries: snap.claims });
  }
  return {
    articles: out,
    scale: store.scale,
    publisher: await publisherFor(articles[0] ? articleUri(articles[0]) : undefined),
    generated: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}
