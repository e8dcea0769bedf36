// Moving between claims and to where they live: next/previous, reveal, the sidecar line,
// the details and claims panels, and reloading from disk.
import * as vscode from 'vscode';
import { short } from '../../core/present/displayText';
import { isOpenClaim, stepClaim } from '../../core/navigation';
import type { ClaimEntry } from '../../core/store/types';
import { articleKey } from '../articles';
import { toRange } from '../convert';
import { readTextFile } from '../fileText';
import type { ClaimRef } from '../services';
import { articleLabel, resolveClaim, showClaim, UserError, type CommandDeps, type Handler } from './shared';
import * as notify from '../notify';

export function navigationCommands(deps: CommandDeps): Record<string, Handler> {
  const { store } = deps;

  const step = (direction: 1 | -1, onlyOpen: boolean) => () => {
    const editor = vscode.window.activeTextEditor;
    const key = editor ? articleKey(editor.document.uri) : undefined;
    const snap = key ? store.get(key) : undefined;
    if (!editor || !key || !snap?.claims.length) {
      void notify.info('This editor has no claims.');
      return undefined;
    }
    const filter = onlyOpen ? (e: ClaimEntry) => isOpenClaim(e, store.scale) : undefined;
    const r = stepClaim(snap.claims, editor.document.offsetAt(editor.selection.start), direction, filter);
    if (!r) {
      notify.statusMessage(onlyOpen ? 'Factmark: no open claims left in this article' : 'Factmark: no claim is placed in the text', 3000);
      return undefined;
    }
    const range = toRange(editor.document, r.entry.start as number, r.entry.end as number);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    const wrapped = r.wrapped ? (direction === 1 ? ' (from the top)' : ' (from the bottom)') : '';
    notify.statusMessage(`Factmark: ${onlyOpen ? 'open ' : ''}claim ${r.index} of ${r.total}${wrapped}`, 3000);
    return { article: key, id: r.entry.claim.id };
  };

  return {
    'factmark.nextClaim': step(1, false),
    'factmark.previousClaim': step(-1, false),
    'factmark.nextOpenClaim': step(1, true),

    'factmark.revealClaim': async (arg?: unknown) => {
      const found = await resolveClaim(deps, arg);
      if (!found) return undefined;
      const editor = await showClaim(deps, found.ref);
      if (found.entry.state === 'orphaned') void orphanHere(deps, editor, found.ref, found.entry);
      return found.ref;
    },

    'factmark.openInSidecar': async (arg?: unknown) => {
      const article = arg && typeof (arg as { article?: unknown }).article === 'string' ? (arg as { article: string }).article : undefined;
      const hasId = arg && typeof (arg as { id?: unknown }).id === 'string';
      const found = hasId || !article ? await resolveClaim(deps, arg) : undefined;
      const key = found?.ref.article ?? article;
      if (!key) return undefined;
      const snap = store.get(key);
      if (!snap) throw new UserError('That article has no claims.');
      await deps.sync.flush(); // a claim just marked must be in the file before we look for it
      const sidecar = vscode.Uri.parse(snap.sidecar, true);
      if ((await readTextFile(sidecar)) === undefined) throw new UserError('The claims of this article have not been written yet.');
      const doc = await vscode.workspace.openTextDocument(sidecar);
      const editor = await vscode.window.showTextDocument(doc, { preview: false });
      if (found) {
        const id = found.ref.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const m = new RegExp(`^[ \\t]*-[ \\t]+id:[ \\t]*["']?${id}["']?[ \\t]*(#.*)?$`, 'm').exec(doc.getText());
        if (m) {
          const pos = doc.positionAt(m.index + m[0].indexOf('-'));
          editor.selection = new vscode.Selection(pos, pos);
          editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.AtTop);
        }
      }
      return sidecar;
    },

    'factmark.showDetails': async (arg?: unknown) => {
      const found = await resolveClaim(deps, arg);
      if (!found) return undefined;
      deps.services.setSelectedClaim(found.ref);
      await vscode.commands.executeCommand('factmark.details.focus');
      return found.ref;
    },

    'factmark.refresh': async () => {
      await deps.sync.reloadAll();
      const n = store.articles().reduce((sum, a) => sum + (store.state(a)?.claimCount ?? 0), 0);
      notify.statusMessage(`Factmark: reloaded ${n} claims from disk`, 3000);
    },

    'factmark.focusPanel': () => vscode.commands.executeCommand('factmark.claims.focus'),
  };
}

/**
 * An orphan revealed: its words are gone, so the cursor goes to where they were when the sidecar
 * was written (the line there is only a hint), and a notification says what to do, with the
 * next steps as buttons: select the new words and re-attach, or delete it.
 */
async function orphanHere(deps: CommandDeps, editor: vscode.TextEditor, ref: ClaimRef, entry: ClaimEntry): Promise<void> {
  const doc = editor.document;
  const { line, offset } = entry.claim;
  const missing = deps.store.get(ref.article)?.articleMissing;
  let where = '';
  if (!missing && doc.lineCount > 1 && (line !== undefined || offset !== undefined)) {
    const pos = offset !== undefined && offset <= doc.getText().length
      ? doc.positionAt(offset)
      : new vscode.Position(Math.min(Math.max(0, (line ?? 1) - 1), doc.lineCount - 1), 0);
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    where = ` It was near line ${pos.line + 1}.`;
  }
  const choice = await notify.warn(
    `${short(entry.claim.quote, 60)} is no longer in ${articleLabel(ref.article)}.${where} Select the words it now refers to and choose Re-attach, or delete the claim.`,
    'Re-attach to Selection', 'Delete Claim', 'Open in Sidecar');
  const command = choice === 'Re-attach to Selection' ? 'factmark.reattach' : choice === 'Delete Claim' ? 'factmark.deleteClaim' : choice === 'Open in Sidecar' ? 'factmark.openInSidecar' : undefined;
  if (command) await vscode.commands.executeCommand(command, ref);
}
