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

/** The suffix of the temporary file a write goes through; no sidecar or article glob matches it. */
export const TEMP_SUFFIX = '.factmark-tmp';

/** Someone else wrote the file after we read it: nothing was written. */
export class ChangedOnDiskError extends Error {}

/**
 * Writes crash-safely: the text goes to a temporary file beside the target (`.name.factmark-tmp`),
 * which is then renamed over it, so the target is always either the old or the new version.
 * `expected`: what the caller last read (undefined: no file); when the target holds something
 * else just before the rename, nothing is written and ChangedOnDiskError is thrown. A symbolic
 * link is written through, not replaced by a file.
 */
export async function writeTextFile(uri: vscode.Uri, text: string, options: { expected?: string | undefined } = {}): Promise<void> {
  const bytes = encoder.encode(text);
  if (await isSymbolicLink(uri)) {
    await checkUnchanged(uri, options);
    await vscode.workspace.fs.writeFile(uri, bytes);
    return;
  }
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  const tmp = uri.with({ path: `${uri.path.slice(0, uri.path.length - name.length)}.${name}${TEMP_SUFFIX}` });
  try {
    await vscode.workspace.fs.writeFile(tmp, bytes);
    await checkUnchanged(uri, options);
    await vscode.workspace.fs.rename(tmp, uri, { overwrite: true });
  } catch (e) {
    await removeTempFile(tmp);
    throw e;
  }
}

/** Removes a (possibly partly written) temporary file; never anything else that has its name. */
async function removeTempFile(tmp: vscode.Uri): Promise<void> {
  try {
    if ((await vscode.workspace.fs.stat(tmp)).type === vscode.FileType.File) await vscode.workspace.fs.delete(tmp, { useTrash: false });
  } catch { /* not there */ }
}

async function checkUnchanged(uri: vscode.Uri, options: { expected?: string | undefined }): Promise<void> {
  if (!('expected' in options)) return;
  if ((await readTextFile(uri)) !== options.expected) throw new ChangedOnDiskError(`${uri.path.slice(uri.path.lastIndexOf('/') + 1)} changed on disk while Factmark was writing it`);
}

async function isSymbolicLink(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.SymbolicLink) !== 0;
  } catch {
    return false;
  }
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
