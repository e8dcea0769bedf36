// Which documents are articles, and where their sidecars are. An article is keyed in the store by
// its URI string; its sidecar sits beside it (`city-budget.md` → `city-budget.md.claims.yaml`).
import * as vscode from 'vscode';
import { sidecarSuffix } from './settings';

export const ARTICLE_LANGUAGES = new Set(['markdown', 'plaintext', 'factmark-article']);

export function articleKey(uri: vscode.Uri): string {
  return uri.toString();
}

export function articleUri(key: string): vscode.Uri {
  return vscode.Uri.parse(key, true);
}

export function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/**
 * How a file is named to the user: its path in the workspace ("news/treaty.md"; the folder's
 * name first in a multi-root workspace), else its file system path — never a `file:///` URI.
 */
export function displayPath(file: vscode.Uri | string): string {
  const uri = typeof file === 'string' ? vscode.Uri.parse(file, true) : file;
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

/** `suffix`: the sidecar suffix for the article's folder, when the caller knows it (see suffixesByFolder). */
export function sidecarUriFor(article: vscode.Uri, suffix = sidecarSuffix(article)): vscode.Uri {
  return article.with({ path: article.path + suffix });
}

/**
 * The sidecar suffix setting for a file, looked up once per folder: settings are per workspace
 * folder, so every file of one folder has the same, and a lookup per file (with its search for
 * the file's workspace folder) cost a third of a millisecond each in a scan of thousands.
 */
export function suffixesByFolder(): (file: vscode.Uri) => string {
  const byFolder = new Map<string, string>();
  return (file) => {
    const folder = file.with({ path: file.path.slice(0, file.path.lastIndexOf('/') + 1), query: '', fragment: '' }).toString();
    let suffix = byFolder.get(folder);
    if (suffix === undefined) { suffix = sidecarSuffix(file); byFolder.set(folder, suffix); }
    return suffix;
  };
}

/**
 * isSidecarUri's answers per URI while the suffix setting and the workspace folders stay the same
 * (see trackSidecarSuffix): it runs on every keystroke and cursor move in an article, and reading
 * the setting for a file costs a third of a millisecond.
 */
let sidecarAnswers: Map<string, boolean> | undefined;
const MAX_ANSWERS = 10_000;

/** Keeps isSidecarUri's answers until the `factmark.sidecarSuffix` setting or the folders change (call before anything that asks). */
export function trackSidecarSuffix(): vscode.Disposable {
  sidecarAnswers = new Map();
  const forget = () => sidecarAnswers?.clear();
  const subs = [
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('factmark.sidecarSuffix')) forget(); }),
    vscode.workspace.onDidChangeWorkspaceFolders(forget),
  ];
  return { dispose: () => { for (const s of subs) s.dispose(); sidecarAnswers = undefined; } };
}

export function isSidecarUri(uri: vscode.Uri): boolean {
  if (!sidecarAnswers) return uri.path.endsWith(sidecarSuffix(uri));
  const key = uri.toString();
  let answer = sidecarAnswers.get(key);
  if (answer === undefined) {
    if (sidecarAnswers.size >= MAX_ANSWERS) sidecarAnswers.clear();
    answer = uri.path.endsWith(sidecarSuffix(uri));
    sidecarAnswers.set(key, answer);
  }
  return answer;
}

export function articleUriForSidecar(sidecar: vscode.Uri, suffix = sidecarSuffix(sidecar)): vscode.Uri | undefined {
  if (!sidecar.path.endsWith(suffix)) return undefined;
  return sidecar.with({ path: sidecar.path.slice(0, -suffix.length) });
}

/** A document that can hold claims: prose in a language we know, not a sidecar itself. */
export function isArticleDocument(doc: vscode.TextDocument): boolean {
  return ARTICLE_LANGUAGES.has(doc.languageId) && !isSidecarUri(doc.uri) && doc.uri.scheme !== 'git' && doc.uri.scheme !== 'output';
}

/** Whether `uri` is `folder` or inside it. */
export function isUnder(uri: vscode.Uri, folder: vscode.Uri): boolean {
  if (uri.scheme !== folder.scheme || uri.authority !== folder.authority) return false;
  const base = folder.path.endsWith('/') ? folder.path : folder.path + '/';
  return uri.path === folder.path || uri.path.startsWith(base);
}

/** `uri` moved from under `from` to under `to` (for folder renames). */
export function rebase(uri: vscode.Uri, from: vscode.Uri, to: vscode.Uri): vscode.Uri {
  return to.with({ path: to.path + uri.path.slice(from.path.length) });
}

export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}
