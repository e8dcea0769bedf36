// Set Up Git Merging for Sidecars. On the desktop: the platform's GitMerging (the extension's own
// CLI behind a stable shim, see desktop/gitMerging.ts). In the browser there is no git to set up,
// so the command says where it can be done.
import * as vscode from 'vscode';
import { uiText } from '../../core/present/displayText';
import * as notify from '../notify';
import type { Platform } from '../platform';
import { UserError, type CommandDeps, type Handler } from './shared';

export function gitSetupCommands(deps: CommandDeps, platform: Platform): Record<string, Handler> {
  return {
    /** `arg`: a folder (or a file in it) to set up; default: the active article's folder. Resolves to install-git's report. */
    'factmark.setUpGitMerging': async (arg?: unknown) => {
      const merging = platform.gitMerging;
      if (!merging) {
        void notify.info('Git merging for sidecars is set up once per clone, where git runs: in VS Code on your computer (this command), or with "factmark install-git". In the browser there is no git to set up.');
        return undefined;
      }
      if (!vscode.workspace.isTrusted) throw new UserError('Setting up git merging runs git in this folder: trust the folder first (Workspaces: Manage Workspace Trust).');
      const folder = await pickFolder(arg instanceof vscode.Uri ? arg : undefined);
      if (!folder) return undefined;
      let report: string;
      try {
        report = await notify.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Factmark: setting up git merging…' }, () => merging.setUp(folder.uri));
      } catch (e) {
        throw new UserError(`Git merging was not set up for ${folder.name}: ${e instanceof Error ? e.message : String(e)}`);
      }
      deps.log.info(`git merging set up for ${folder.uri.toString()}`);
      const wroteAttributes = /^(created|added to) \.gitattributes/m.test(report);
      void notify.info(`Git now merges the sidecars in ${folder.name} claim by claim.${wroteAttributes ? ' Commit .gitattributes so that everyone who clones it does (each clone runs this command, or factmark install-git, once).' : ''}`);
      return report;
    },
  };
}

/** The folder to set up: the one holding `uri`, else the active editor's, else the only one, else the user's pick. */
async function pickFolder(uri: vscode.Uri | undefined): Promise<vscode.WorkspaceFolder | undefined> {
  const onDisk = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (!onDisk.length) throw new UserError('Open a folder on this computer (a git repository) to set up git merging.');
  const of = (u: vscode.Uri | undefined) => (u ? vscode.workspace.getWorkspaceFolder(u) : undefined);
  const found = of(uri) ?? of(vscode.window.activeTextEditor?.document.uri);
  if (found && found.uri.scheme === 'file') return found;
  if (onDisk.length === 1) return onDisk[0];
  const picked = await vscode.window.showQuickPick(onDisk.map((f) => ({ label: uiText(f.name), description: uiText(f.uri.fsPath, 200), folder: f })), { placeHolder: 'Set up git merging of sidecars for which folder?', ignoreFocusOut: true });
  return picked?.folder;
}
