// Reading and writing the workspace's files (sidecars, articles, `.factmark.yaml`) for the
// extension, as for a repository someone else wrote (docs/data-safety.md):
// - every read is bounded (a size checked before reading), only of regular files, and strict:
//   a file that is not UTF-8 is a problem with its line and column, never decoded with U+FFFD
//   replacements that a write would then put into the file; a sidecar's BOM is kept in its text;
// - every write is atomic, through a temporary file with an unpredictable name created
//   exclusively, compared with what the caller read just before the rename.
// How is the host's: on a local disk the desktop entry installs confined Node reads and writes
// (desktop/localFiles.ts: links resolved and kept inside the workspace folder and out of .git,
// file mode kept, the lock the CLI uses too); elsewhere (the browser, a virtual file system) the
// conservative fallback below, through vscode.workspace.fs only, refuses symbolic links it
// cannot resolve.
import * as vscode from 'vscode';
import { decodeArticle, decodeSidecar } from '../core/articleText';
import { ChangedOnDiskError } from '../core/changedOnDisk';
import { MAX_ARTICLE_BYTES, MAX_CONFIG_BYTES, MAX_TEXT_LENGTH } from '../core/limits';
import type { Problem } from '../core/model';

export { ChangedOnDiskError } from '../core/changedOnDisk';

/** What a file is, for its size limit and messages; `annotations file`: one Import Annotations… reads, `export`: one Export… writes. */
export type FileKind = 'sidecar' | 'article' | 'config file' | 'annotations file' | 'export';

export type ReadOutcome =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; missing: true }
  | { ok: false; missing: false; problem: Problem };

/** How files are read and written; the desktop entry installs the local-disk one (useFileAccess). */
export interface FileAccess {
  read(uri: vscode.Uri, kind: FileKind, maxBytes: number): Promise<ReadOutcome>;
  /** Atomic; throws ChangedOnDiskError when the file no longer holds `expected` (undefined: no file). */
  write(uri: vscode.Uri, bytes: Uint8Array, expected: Uint8Array | undefined, kind: FileKind): Promise<void>;
}

/** A file Factmark does not read or write (outside the folder, a link, a FIFO, too large, not UTF-8). */
export class FileRefusedError extends Error {
  constructor(readonly problem: Problem) { super(problem.message); }
}

const MAX_BYTES: Record<FileKind, number> = { sidecar: MAX_TEXT_LENGTH, article: MAX_ARTICLE_BYTES, 'config file': MAX_CONFIG_BYTES, 'annotations file': MAX_TEXT_LENGTH, export: MAX_TEXT_LENGTH };
const encoder = new TextEncoder();

function isNotFound(e: unknown): boolean {
  return e instanceof vscode.FileSystemError && (e.code === 'FileNotFound' || e.code === 'EntryNotFound');
}

const refused = (uri: vscode.Uri, code: string, message: string): ReadOutcome =>
  ({ ok: false, missing: false, problem: { severity: 'error', code, file: uri.path, message } });

/** Through vscode.workspace.fs only (the browser, virtual file systems). */
export const workspaceFsAccess: FileAccess = {
  async read(uri, kind, maxBytes) {
    let stat: vscode.FileStat;
    try { stat = await vscode.workspace.fs.stat(uri); } catch (e) {
      if (isNotFound(e)) return { ok: false, missing: true };
      throw e;
    }
    // Where a link points cannot be known here, so it is not followed (the desktop resolves it).
    if (stat.type & vscode.FileType.SymbolicLink) return refused(uri, 'link-not-followed', `The ${kind} ${baseName(uri)} is a symbolic link; Factmark follows links only on a local disk, where it can check that they stay inside the folder.`);
    if (stat.type !== vscode.FileType.File) return refused(uri, 'not-a-file', `The ${kind} ${baseName(uri)} is not a regular file; Factmark reads only regular files.`);
    if (stat.size > maxBytes) return refused(uri, 'too-large', `The ${kind} ${baseName(uri)} is ${mb(stat.size)} MB; Factmark does not read ${kind}s over ${mb(maxBytes)} MB.`);
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.length > maxBytes) return refused(uri, 'too-large', `The ${kind} ${baseName(uri)} is over ${mb(maxBytes)} MB; Factmark does not read it.`);
      return { ok: true, bytes };
    } catch (e) {
      if (isNotFound(e)) return { ok: false, missing: true };
      throw e;
    }
  },

  async write(uri, bytes, expected, kind) {
    let stat: vscode.FileStat | undefined;
    try { stat = await vscode.workspace.fs.stat(uri); } catch (e) { if (!isNotFound(e)) throw e; }
    if (stat && stat.type & vscode.FileType.SymbolicLink) throw new FileRefusedError({ severity: 'error', code: 'link-not-followed', file: uri.path, message: `The ${kind} ${baseName(uri)} is a symbolic link; Factmark writes through links only on a local disk, where it can check where they point. Nothing was written.` });
    if (stat && stat.type !== vscode.FileType.File) throw new FileRefusedError({ severity: 'error', code: 'not-a-file', file: uri.path, message: `The ${kind} ${baseName(uri)} is not a regular file; nothing was written.` });
    const name = baseName(uri);
    // An unpredictable name that is not taken (workspace.fs has no exclusive create; nobody can
    // plant a link at a name they cannot guess).
    let tmp: vscode.Uri;
    do tmp = uri.with({ path: `${uri.path.slice(0, uri.path.length - name.length)}.${name}.${randomHex(8)}${TEMP_SUFFIX}` });
    while (await exists(tmp));
    await vscode.workspace.fs.writeFile(tmp, bytes);
    try {
      const now = await workspaceFsAccess.read(uri, kind, Number.MAX_SAFE_INTEGER);
      if (!now.ok && !now.missing) throw new FileRefusedError(now.problem);
      if (!sameBytes(now.ok ? now.bytes : undefined, expected)) throw new ChangedOnDiskError(`${name} changed on disk while Factmark was writing it`);
      await vscode.workspace.fs.rename(tmp, uri, { overwrite: true });
    } catch (e) {
      await vscode.workspace.fs.delete(tmp, { useTrash: false }).then(undefined, () => undefined);
      throw e;
    }
  },
};

let access: FileAccess = workspaceFsAccess;

/** Called once by the desktop entry with the local-disk implementation. */
export function useFileAccess(a: FileAccess): void {
  access = a;
}

export function fileAccess(): FileAccess {
  return access;
}

/**
 * The text of a sidecar or config file (BOM kept), or undefined when there is no such file.
 * Throws FileRefusedError when the file is refused or is not UTF-8 text, and other errors as they come.
 */
export async function readTextFile(uri: vscode.Uri, kind: FileKind = 'sidecar'): Promise<string | undefined> {
  const read = await access.read(uri, kind, MAX_BYTES[kind]);
  const held = heldReads.get(uri.toString());
  if (held) {
    heldReads.delete(uri.toString());
    held.inHand();
    await new Promise((r) => setTimeout(r, held.ms));
  }
  if (!read.ok) {
    if (read.missing) return undefined;
    throw new FileRefusedError(read.problem);
  }
  const decoded = decodeSidecar(read.bytes, uri.path);
  if (!decoded.ok) throw new FileRefusedError(decoded.problem);
  return decoded.text;
}

/** For tests: the next read of a file through readTextFile, held `ms` once its bytes are read; `inHand` is called then. */
const heldReads = new Map<string, { ms: number; inHand: () => void }>();
/**
 * For tests: the next read of `uri` (a sidecar) takes `ms` longer once its bytes are read (one slow
 * read, to make two reads of one file overlap in a known order). Resolves when those bytes are read.
 */
export function holdNextRead(uri: vscode.Uri, ms: number): Promise<void> {
  return new Promise((resolve) => heldReads.set(uri.toString(), { ms, inHand: resolve }));
}

/** For tests: how long an article's read takes after its bytes were read (a slow disk); 0: no wait. */
let articleReadDelayMs = 0;
export function setArticleReadDelay(ms: number): void {
  articleReadDelayMs = ms;
}

/** The article's text from disk: undefined when missing, a problem when it is refused or not UTF-8 text. */
export async function readArticleFile(uri: vscode.Uri): Promise<string | Problem | undefined> {
  const read = await access.read(uri, 'article', MAX_ARTICLE_BYTES);
  if (articleReadDelayMs > 0) await new Promise((r) => setTimeout(r, articleReadDelayMs));
  if (!read.ok) return read.missing ? undefined : read.problem;
  const decoded = decodeArticle(read.bytes, uri.path);
  return decoded.ok ? decoded.text : decoded.problem;
}

/** The suffix of the temporary files writes go through; no sidecar or article glob matches it. */
export const TEMP_SUFFIX = '.factmark-tmp';

/**
 * Writes `text` atomically (see FileAccess). `expected`: the text the caller last read (undefined:
 * there was no file); when the file holds anything else at the moment of the rename, nothing is
 * written and ChangedOnDiskError is thrown. Text read by readTextFile encodes back to exactly the
 * bytes that were read, so comparing it is comparing the bytes.
 */
export async function writeTextFile(uri: vscode.Uri, text: string, options: { expected?: string | undefined } = {}, kind: FileKind = 'sidecar'): Promise<void> {
  const expected = 'expected' in options ? (options.expected === undefined ? undefined : encoder.encode(options.expected)) : await currentBytes(uri, kind);
  await access.write(uri, encoder.encode(text), expected, kind);
}

/** No comparison asked for: whatever is there now is what may be replaced. */
async function currentBytes(uri: vscode.Uri, kind: FileKind): Promise<Uint8Array | undefined> {
  const read = await access.read(uri, kind, Number.MAX_SAFE_INTEGER);
  if (read.ok) return read.bytes;
  if (read.missing) return undefined;
  throw new FileRefusedError(read.problem);
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

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function mb(n: number): string {
  return (n / (1024 * 1024)).toFixed(1);
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function randomHex(bytes: number): string {
  return [...globalThis.crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
}
