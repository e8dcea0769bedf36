// The `by` name: the factmark.author setting, else git's user.name for the workspace folder.
// The only file of the extension that imports Node's child_process, so that a web build can
// replace it with a stub that returns undefined.
import { execFile } from 'child_process';
import * as vscode from 'vscode';
import { authorSetting } from './settings';

export class AuthorName {
  private gitName?: string;

  /** Looks up git's user.name once; only in a trusted workspace and for a local folder. */
  async init(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
    if (!folder || !vscode.workspace.isTrusted) return;
    this.gitName = await gitUserName(folder.uri.fsPath);
  }

  get(): string | undefined {
    return authorSetting() ?? this.gitName;
  }
}

function gitUserName(cwd: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    try {
      execFile('git', ['config', 'user.name'], { cwd, timeout: 5000, encoding: 'utf8' }, (err, stdout) => {
        resolve(err ? undefined : stdout.trim() || undefined);
      });
    } catch {
      resolve(undefined);
    }
  });
}
