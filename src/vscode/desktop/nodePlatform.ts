// The Node side of the extension (desktop VS Code, code-server, remotes): git for the author
// name, history-aware re-anchoring and the merge driver. Only the desktop entry (extension.ts)
// loads this folder, so the web bundle has no Node built-in (a unit test holds that).
import * as vscode from 'vscode';
import { gitUserNameAsync } from '../../node/git';
import { articleAtSidecarCommitAsync } from '../../node/gitHistory';
import type { Platform } from '../platform';
import { GitMergingSetup } from './gitMerging';
import { scanWorkers } from './scanWorkers';
import { listSidecars } from './sidecarSearch';
import { startupCacheFiles } from './startupCacheFile';

/** Git is asked only in a trusted workspace and about files on disk. */
const mayRunGit = (...uris: vscode.Uri[]) => vscode.workspace.isTrusted && uris.every((u) => u.scheme === 'file');

/** git processes at once: a scan of thousands of edited articles must not start thousands. */
const MAX_GIT_RUNNING = 2;
let gitRunning = 0;
const gitQueued: (() => void)[] = [];

export function nodePlatform(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Platform {
  return {
    kind: 'node',
    async gitUserName() {
      const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
      return folder && mayRunGit(folder.uri) ? gitUserNameAsync(folder.uri.fsPath) : undefined;
    },
    async articleAtSidecarCommit(article, sidecar) {
      if (!mayRunGit(article, sidecar)) return undefined;
      if (gitRunning >= MAX_GIT_RUNNING) await new Promise<void>((resolve) => gitQueued.push(resolve));
      gitRunning++;
      try {
        return await articleAtSidecarCommitAsync(article.fsPath, sidecar.fsPath);
      } catch {
        return undefined;
      } finally {
        gitRunning--;
        gitQueued.shift()?.();
      }
    },
    gitMerging: new GitMergingSetup(context, log),
    startupCache: startupCacheFiles(context.storageUri, context.extensionUri.fsPath, log),
    findSidecars: listSidecars,
    scanDigester: scanWorkers(context.extensionUri.fsPath, log),
  };
}
