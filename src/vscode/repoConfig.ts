// The status scale and the desk's policy (requireReviews, requireSources) from `.factmark.yaml`
// at the root of the workspace folders, read through vscode.workspace.fs and watched. The store
// has one scale and one policy: the first folder that has a config wins (and a config in another
// folder that differs is reported, not silently ignored).
import * as vscode from 'vscode';
import { CONFIG_FILE, loadConfig } from '../core/config';
import { DEFAULT_SCALE } from '../core/statusScale';
import { DEFAULT_POLICY } from '../core/workflow/repoPolicy';
import type { ClaimStore } from '../core/store/claimStore';
import { FileRefusedError, readTextFile } from './fileText';
import type { SidecarDiagnostics } from './sidecarDiagnostics';

export async function loadScale(store: ClaimStore, diagnostics: SidecarDiagnostics, log: vscode.LogOutputChannel): Promise<void> {
  let chosen: string | undefined;
  let scale = DEFAULT_SCALE;
  let policy = DEFAULT_POLICY;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const uri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
    let source: string | undefined;
    try {
      source = await readTextFile(uri, 'config file');
    } catch (e) {
      log.warn(`reading ${uri.toString()}: ${String(e)}`);
      // Refused (a link out of the folder, not UTF-8, too large…): the default scale, and why.
      if (e instanceof FileRefusedError) diagnostics.set(uri, [{ ...e.problem, message: `${e.problem.message} Factmark uses its default status scale.`, line: e.problem.line ?? 1, column: e.problem.column ?? 1 }]);
      continue;
    }
    if (source === undefined) { diagnostics.delete(uri); continue; }
    const loaded = loadConfig(source, CONFIG_FILE);
    const problems = [...loaded.problems];
    if (chosen === undefined) {
      chosen = uri.toString();
      scale = loaded.scale;
      policy = loaded.policy;
    } else if (JSON.stringify(loaded.scale) !== JSON.stringify(scale) || JSON.stringify(loaded.policy) !== JSON.stringify(policy)) {
      problems.push({ severity: 'warning', code: 'config-ignored', line: 1, column: 1,
        message: `Factmark uses one status scale and one review policy per window; those of ${chosen} apply, not these.` });
    }
    diagnostics.set(uri, problems);
  }
  if (JSON.stringify(scale) !== JSON.stringify(store.scale)) store.setScale(scale);
  if (JSON.stringify(policy) !== JSON.stringify(store.policy)) store.setPolicy(policy);
}

export function watchScale(context: vscode.ExtensionContext, store: ClaimStore, diagnostics: SidecarDiagnostics, log: vscode.LogOutputChannel): Promise<void> {
  const reload = () => loadScale(store, diagnostics, log).catch((e) => log.error(`loading ${CONFIG_FILE}: ${String(e)}`));
  const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`);
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate(reload),
    watcher.onDidChange(reload),
    watcher.onDidDelete(reload),
    vscode.workspace.onDidChangeWorkspaceFolders(reload),
  );
  return reload();
}
