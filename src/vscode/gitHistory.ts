// The article as it was at its sidecar's last commit, for history-aware re-anchoring. Asks git
// only in a trusted workspace and for files on disk; anywhere else (no git, a virtual file
// system, a web build) there is no history and claims are anchored as before. Beside
// gitAuthor.ts, the only file of the extension that reaches Node's child_process.
import * as vscode from 'vscode';
import type { ArticleVersion } from '../core/history/anchorWithHistory';
import { articleAtSidecarCommitAsync } from '../node/gitHistory';

export async function articleAtSidecarCommit(article: vscode.Uri, sidecar: vscode.Uri): Promise<ArticleVersion | undefined> {
  if (!vscode.workspace.isTrusted || article.scheme !== 'file' || sidecar.scheme !== 'file') return undefined;
  try {
    return await articleAtSidecarCommitAsync(article.fsPath, sidecar.fsPath);
  } catch {
    return undefined;
  }
}
