// When the words of a claim moved away: accept the new wording, or re-attach to a selection.
// (Sidecar conflicts are settled in resolveConflicts.ts.)
import * as vscode from 'vscode';
import { short } from '../../core/present/displayText';
import { articleKey, articleUri } from '../articles';
import { resolveClaim, type CommandDeps, type Handler } from './shared';
import * as notify from '../notify';

export function anchorFixCommands(deps: CommandDeps): Record<string, Handler> {
  const { store } = deps;
  return {
    'factmark.acceptWording': async (arg?: unknown) => {
      const found = await resolveClaim(deps, arg, { only: (e) => e.state === 'changed', none: 'No claim of this article has changed words.' });
      if (!found) return undefined;
      if (found.entry.state === 'anchored' || found.entry.state === 'moved') {
        void notify.info('The words of this claim have not changed.');
        return found.ref;
      }
      const claim = store.acceptWording(found.ref.article, found.ref.id);
      notify.statusMessage(`Factmark: new wording accepted; the claim now reads ${short(claim.quote, 40)} — re-check its status`, 4000, 'check');
      return found.ref;
    },

    'factmark.reattach': async (arg?: unknown, range?: { start: number; end: number }) => {
      const found = await resolveClaim(deps, arg);
      if (!found) return undefined;
      let r = range;
      if (!r) {
        const editor = vscode.window.activeTextEditor;
        const here = editor && articleKey(editor.document.uri) === found.ref.article;
        if (!editor || !here || editor.selection.isEmpty) {
          await vscode.window.showTextDocument(articleUri(found.ref.article), { preview: false });
          // The button waits while the user selects: a click then re-attaches to the selection.
          void notify.info(`Select the words of ${short(found.entry.claim.quote, 40)} in the article, then choose Re-attach.`, 'Re-attach')
            .then((choice) => { if (choice) void vscode.commands.executeCommand('factmark.reattach', found.ref); });
          return undefined;
        }
        r = { start: editor.document.offsetAt(editor.selection.start), end: editor.document.offsetAt(editor.selection.end) };
      }
      store.reattach(found.ref.article, found.ref.id, r.start, r.end);
      return found.ref;
    },
  };
}
