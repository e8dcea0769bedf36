// Moving between claims and to where they live: next/previous, reveal, the sidecar line,
// the details and claims panels, and reloading from disk.
import * as vscode from 'vscode';
import { short } from '../../core/present/displayText';
import { isOpenClaim, stepClaim } from '../../core/navigation';
import type { ClaimEntry } from '../../core/store/types';
import { articleKey } from '../articles';
import { toRange } from '../convert';
import { readTextFile } from '../fileText';
import { resolveClaim, showClaim, UserError, type CommandDeps, type Handler } from './shared';
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
      await showClaim(deps, found.ref);
      if (found.entry.state === 'orphaned') {
        const open = await notify.warn(`The words of ${short(found.entry.claim.quote, 40)} were not found in the article.`, 'Open in Sidecar');
        if (open) await vscode.commands.executeCommand('factmark.openInSidecar', found.ref);
      }
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
