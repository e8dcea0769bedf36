// The command table: every command this layer contributes, id → handler, registered in one loop.
// A handler that fails shows the user a plain message; the details go to the output channel.
import * as vscode from 'vscode';
import { StoreError } from '../core/store/types';
import { anchorFixCommands } from './commands/anchorFix';
import { annotateCommands, pickStatus } from './commands/annotate';
import { navigationCommands } from './commands/navigation';
import { publishCommands } from './commands/publish';
import type { ReportPreviewHandle } from './reportPreview';
import { resolveConflictCommands } from './commands/resolveConflicts';
import type { CommandDeps, Handler } from './commands/shared';
import { sourceCommands } from './commands/sources';
import * as notify from './notify';
import { workflowCommands } from './commands/workflow';

/** Ids from package.json `contributes.commands` implemented here (the views register the rest). */
export const COMMAND_IDS = [
  'factmark.markClaim', 'factmark.setStatus',
  'factmark.addSource', 'factmark.editSource', 'factmark.removeSource',
  'factmark.editExplanation', 'factmark.editClaimant', 'factmark.editTags',
  'factmark.deleteClaim', 'factmark.undoDelete',
  'factmark.acceptWording', 'factmark.reattach', 'factmark.resolveConflicts',
  'factmark.openInSidecar', 'factmark.revealClaim', 'factmark.showDetails',
  'factmark.nextClaim', 'factmark.previousClaim', 'factmark.nextOpenClaim',
  'factmark.refresh', 'factmark.focusPanel',
  'factmark.previewReport', 'factmark.export', 'factmark.import',
  'factmark.editPublished', 'factmark.editPublisher', 'factmark.editSummary',
  'factmark.setStatusAndNext', 'factmark.approveClaim', 'factmark.disputeClaim', 'factmark.assignClaim',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];

/** `viewCommands`: the views' own commands (grouping, filtering), registered from the same table. */
export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps, viewCommands: Record<string, Handler>, preview: ReportPreviewHandle): void {
  const table: Record<string, Handler> = {
    ...annotateCommands(deps),
    ...sourceCommands(deps),
    ...anchorFixCommands(deps),
    ...resolveConflictCommands(deps),
    ...navigationCommands(deps),
    ...publishCommands(deps, preview),
    ...workflowCommands(deps, (claim) => pickStatus(deps, claim)),
    ...viewCommands,
  };
  for (const id of [...COMMAND_IDS, ...Object.keys(viewCommands)]) {
    const handler = table[id];
    if (!handler) throw new Error(`no handler for ${id}`);
    context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        if (e instanceof StoreError) deps.log.info(`${id}: ${message}`);
        else deps.log.error(`${id}: ${e instanceof Error && e.stack ? e.stack : message}`);
        void notify.error(e instanceof StoreError ? message : `Factmark: ${message}`);
        return undefined;
      }
    }));
  }
}
