// Files on a local disk for the desktop extension (and code-server, remotes): the same confined
// reads and writes as the CLI (src/node/safeFiles.ts), with the workspace folder as the root
// nothing is read from or written to outside of (for a file in no folder: its git work tree, or
// its own folder). Only the desktop entry (extension.ts) loads this file; URIs that are not on
// the local disk go to the fallback through vscode.workspace.fs.
import * as vscode from 'vscode';
import { FileRefusedError as NodeRefused, readConfined, realRootSync, repositoryRoot, writeConfined } from '../../node/safeFiles';
import { FileRefusedError, type FileAccess } from '../fileText';

/** The folder a read of `uri` is confined to. */
export function rootOf(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder?.uri.scheme === 'file' ? folder.uri.fsPath : repositoryRoot(uri.fsPath);
}

/**
 * How long a folder's real path (its links resolved) is reused by the reads under it: the scan
 * of 5,000 articles resolved it 10,000 times. Only a read's acceptance can rest on it (a file
 * that it puts outside the folder is read again with the folder resolved afresh), and a folder
 * moved or relinked while Factmark runs is seen within this time.
 */
const REAL_ROOT_MS = 1000;
const realRoots = new Map<string, { real: string; at: number }>();
export function realRootOf(root: string): string {
  const now = performance.now();
  const known = realRoots.get(root);
  if (known && now - known.at < REAL_ROOT_MS) return known.real;
  const real = realRootSync(root);
  realRoots.set(root, { real, at: now });
  return real;
}

export function localFiles(fallback: FileAccess): FileAccess {
  return {
    async read(uri, kind, maxBytes) {
      if (uri.scheme !== 'file') return fallback.read(uri, kind, maxBytes);
      const root = rootOf(uri);
      const read = await readConfined(uri.fsPath, { root, realRoot: realRootOf(root), maxBytes, what: kind });
      if (read.ok) return { ok: true, bytes: read.bytes };
      return read.missing ? read : { ok: false, missing: false, problem: { ...read.problem, file: uri.path } };
    },
    async write(uri, bytes, expected, kind) {
      if (uri.scheme !== 'file') return fallback.write(uri, bytes, expected, kind);
      try {
        await writeConfined(uri.fsPath, bytes, { root: rootOf(uri), expected, what: kind });
      } catch (e) {
        if (e instanceof NodeRefused) throw new FileRefusedError({ severity: 'error', code: e.code, file: uri.path, message: e.message });
        throw e;
      }
    },
  };
}
