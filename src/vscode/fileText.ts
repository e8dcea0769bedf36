// Reading and writing text through vscode.workspace.fs only (never Node's fs), so that the
// extension works on any file system provider and a browser build stays possible.
import * as vscode from 'vscode';
import { decodeArticle } from '../core/articleText';
import type { Problem } from '../core/model';

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

function isNotFound(e: unknown): boolean {
  return e instanceof vscode.FileSystemError && (e.code === 'FileNotFound' || e.code === 'EntryNotFound');
}

/** The file's text, or undefined when there is no such file. Other errors are thrown. */
export async function readTextFile(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return decoder.decode(await vscode.workspace.fs.readFile(uri));
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/** The article's text from disk: undefined when missing, a problem when it is not UTF-8 text. */
export async function readArticleFile(uri: vscode.Uri): Promise<string | Problem | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
  const decoded = decodeArticle(bytes, uri.path);
  return decoded.ok ? decoded.text : decoded.problem;
}

export async function writeTextFile(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, encoder.encode(text));
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch (e) {
    if (isNotFound(e)) return false;
    throw e;
  }
}
