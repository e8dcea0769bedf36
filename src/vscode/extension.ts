// The extension's entry point where its host runs on Node (package.json `main`: desktop VS Code,
// code-server, remotes, Codespaces): the shared wiring plus git (desktop/nodePlatform.ts).
import * as vscode from 'vscode';
import type { FactmarkApi } from './api';
import { activateOn, deactivateAll } from './activate';
import { localFiles } from './desktop/localFiles';
import { nodePlatform } from './desktop/nodePlatform';
import { useFileAccess, workspaceFsAccess } from './fileText';

export type { FactmarkApi } from './api';

export function activate(context: vscode.ExtensionContext): FactmarkApi {
  // Desktop (and code-server): files on the local disk are read and written by the confined Node
  // functions the CLI uses; a browser entry keeps the workspace.fs fallback.
  useFileAccess(localFiles(workspaceFsAccess));
  const log = vscode.window.createOutputChannel('Factmark', { log: true });
  return activateOn(nodePlatform(context, log), context, log);
}

/** Pending writes are flushed so that closing the window never loses a change. */
export const deactivate = deactivateAll;
