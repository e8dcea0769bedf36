// Files on a local disk for the desktop extension (and code-server, remotes): the same confined
// reads and writes as the CLI (src/node/safeFiles.ts), with the workspace folder as the root
// nothing is read from or written to outside of (for a file in no folder: its git work tree, or
// its own folder). Only the desktop entry (extension.ts) loads this file; URIs that are not on
// the local disk go to the fallback through vscode.workspace.fs.
import * as vscode from 'vscode';
import { FileRefusedError as NodeRefused, readConfined, repositoryRoot, writeConfined } from '../../node/safeFiles';
import { FileRefusedError, type FileAccess } from '../fileText';

function rootOf(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder?.uri.scheme === 'file' ? folder.uri.fsPath : repositoryRoot(uri.fsPath);
}

export function localFiles(fallback: FileAccess): FileAccess {
  return {
    async read(uri, kind, maxBytes) {
      if (uri.scheme !== 'file') return fallback.read(uri, kind, maxBytes);
      const read = await readConfined(uri.fsPath, { root: rootOf(uri), maxBytes, what: kind });
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
