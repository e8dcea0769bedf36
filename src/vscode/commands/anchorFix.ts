// When the words of a claim moved away: accept the new wording, or re-attach to a selection.
// (Sidecar conflicts are settled in resolveConflicts.ts.)
import * as vscode from 'vscode';
import { reattachQuestion } from '../../core/present/claimState';
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

    // `range`: the words to attach to (else the selection); `options.confirm: false` skips the
    // question a placed claim asks first (for callers that asked already, and tests).
    'factmark.reattach': async (arg?: unknown, range?: { start: number; end: number }, options?: { confirm?: boolean }) => {
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
      const e = found.entry;
      // A claim that is where it should be loses its place, and maybe its verdict's words: ask.
      if ((e.state === 'anchored' || e.state === 'moved') && options?.confirm !== false && !(r.start === e.start && r.end === e.end)) {
        const doc = await vscode.workspace.openTextDocument(articleUri(found.ref.article));
        const words = doc.getText(new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end)));
        const q = reattachQuestion(e.claim.quote, words, e.claim.status !== store.scale.initial);
        const ok = await notify.ask(q.message, { modal: true, detail: q.detail }, 'Re-attach');
        if (ok !== 'Re-attach') return undefined;
      }
      store.reattach(found.ref.article, found.ref.id, r.start, r.end);
      return found.ref;
    },

    'factmark.confirmPlace': async (arg?: unknown) => {
      const found = await resolveClaim(deps, arg);
      if (!found) return undefined;
      if (found.entry.state !== 'ambiguous') {
        void notify.info(found.entry.state === 'orphaned'
          ? `${short(found.entry.claim.quote, 40)} is not found in the article: select its words and re-attach it instead.`
          : `The place of ${short(found.entry.claim.quote, 40)} is not in doubt.`);
        return undefined;
      }
      store.confirmPlace(found.ref.article, found.ref.id);
      notify.statusMessage(`Factmark: place confirmed for ${short(found.entry.claim.quote, 40)}`, 4000, 'check');
      return found.ref;
    },
  };
}
