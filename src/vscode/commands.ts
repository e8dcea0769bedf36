// The command table: every command Factmark contributes (commandIds.ts), id → handler, registered
// in one loop. A handler that fails shows the user a plain message; the details go to the output
// channel. A failure about a file (a sidecar with errors) names it by its workspace path and
// offers to open it at the error (see notify.ts). A command run from a row of the Claims panel
// gets that row's claim, suggestion or article (see treeArguments.ts).
import * as vscode from 'vscode';
import { StoreError } from '../core/store/types';
import { fromTreeElement } from './treeArguments';
import { anchorFixCommands } from './commands/anchorFix';
import { annotateCommands, pickStatus } from './commands/annotate';
import { navigationCommands } from './commands/navigation';
import { resolveConflictCommands } from './commands/resolveConflicts';
import type { CommandDeps, Handler } from './commands/shared';
import { COMMAND_IDS } from './commandIds';
import { sourceCommands } from './commands/sources';
import * as notify from './notify';
import { workflowCommands } from './commands/workflow';

/** `more`: handlers that live with their views (the Claims panel's, the suggestions'). */
export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps, ...more: Record<string, Handler>[]): void {
  const groups = [annotateCommands(deps), sourceCommands(deps), anchorFixCommands(deps), resolveConflictCommands(deps), navigationCommands(deps), workflowCommands(deps, (claim) => pickStatus(deps, claim)), ...more];
  const table = new Map<string, Handler>();
  for (const group of groups) {
    for (const [id, handler] of Object.entries(group)) {
      if (table.has(id)) throw new Error(`two handlers for ${id}`);
      if (!(COMMAND_IDS as readonly string[]).includes(id)) throw new Error(`${id} has a handler but is not in commandIds.ts (nor, then, in package.json)`);
      table.set(id, handler);
    }
  }
  for (const id of COMMAND_IDS) {
    const handler = table.get(id);
    if (!handler) throw new Error(`no handler for ${id}`);
    context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        // From a row of the Claims panel: the reference the row stands for (see treeArguments.ts).
        if (args.length) args[0] = fromTreeElement(args[0]);
        // (the claim's article it reads again is held until it has done: see WorkspaceSync.whileWorking)
        return await deps.sync.whileWorking(() => handler(...args));
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        if (e instanceof StoreError) deps.log.info(`${id}: ${message}`);
        else deps.log.error(`${id}: ${e instanceof Error && e.stack ? e.stack : message}`);
        if (e instanceof StoreError && e.location) void notify.fileProblem(message, e.location);
        else void notify.error(e instanceof StoreError ? message : `Factmark: ${message}`);
        return undefined;
      }
    }));
  }
}
