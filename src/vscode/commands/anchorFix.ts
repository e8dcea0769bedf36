// When the words of a claim moved away: accept the new wording, re-attach to a selection, and
// settle sidecar conflicts (a store conflict, or git's conflict markers in the file).
import * as vscode from 'vscode';
import { hasConflictMarkers } from '../../core/conflictMarkers';
import { resolveConflictFile, type ConflictChoice } from '../../core/merge/conflictFile';
import { articleKey, articleUri, articleUriForSidecar, baseName } from '../articles';
import { readTextFile, writeTextFile } from '../fileText';
import { isClaimRef, resolveClaim, short, UserError, type CommandDeps, type Handler } from './shared';

export function anchorFixCommands(deps: CommandDeps): Record<string, Handler> {
  const { store } = deps;

  /** The article a conflict command is about: argument, active editor (article or sidecar), or a pick. */
  const conflictArticle = async (arg: unknown): Promise<string | undefined> => {
    if (isClaimRef(arg) || (arg && typeof (arg as { article?: unknown }).article === 'string')) return (arg as { article: string }).article;
    if (typeof arg === 'string') return arg;
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    if (uri) {
      const key = articleKey(articleUriForSidecar(uri) ?? uri);
      if (store.get(key)) return key;
    }
    const troubled = store.articles().filter((a) => {
      const s = store.get(a)?.sidecarState;
      return s === 'conflict' || s === 'broken';
    });
    if (troubled.length === 1) return troubled[0];
    if (!troubled.length) {
      void vscode.window.showInformationMessage('No sidecar has conflicts.');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(troubled.map((a) => ({ label: baseName(articleUri(a)), description: store.get(a)?.sidecarState, a })), { placeHolder: 'Which article?' });
    return picked?.a;
  };

  return {
    'factmark.acceptWording': async (arg?: unknown) => {
      const found = await resolveClaim(deps, arg);
      if (!found) return undefined;
      if (found.entry.state === 'anchored' || found.entry.state === 'moved') {
        void vscode.window.showInformationMessage('The words of this claim have not changed.');
        return found.ref;
      }
      const claim = store.acceptWording(found.ref.article, found.ref.id);
      vscode.window.setStatusBarMessage(`Factmark: the claim now reads ${short(claim.quote, 40)} — re-check its status`, 4000);
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
          void vscode.window.showInformationMessage(`Select the words of ${short(found.entry.claim.quote, 40)} in the article, then run Re-attach Claim to Selection again.`);
          return undefined;
        }
        r = { start: editor.document.offsetAt(editor.selection.start), end: editor.document.offsetAt(editor.selection.end) };
      }
      store.reattach(found.ref.article, found.ref.id, r.start, r.end);
      return found.ref;
    },

    'factmark.resolveConflicts': async (arg?: unknown, choice?: ConflictChoice) => {
      const article = await conflictArticle(arg);
      if (!article) return undefined;
      const snap = store.get(article);
      if (!snap) throw new UserError('That article has no claims.');
      const sidecar = vscode.Uri.parse(snap.sidecar, true);

      if (snap.sidecarState === 'conflict') {
        const model = store.open(article, snap.sidecar, baseName(articleUri(article)));
        const ids = model.conflicts.map((c) => c.id + (c.fields.length ? ` (${c.fields.join(', ')})` : ''));
        const pick = choice ?? (await vscode.window.showQuickPick([
          { label: 'Keep mine', detail: `Keep the claims as edited here: ${ids.join('; ')}`, value: 'ours' as const },
          { label: 'Take the disk version', detail: `Use the file's version of: ${ids.join('; ')}`, value: 'theirs' as const },
        ], { placeHolder: `${baseName(sidecar)} changed on disk and here in the same claims` }))?.value;
        if (!pick || pick === 'both') return undefined;
        store.resolveConflicts(article, pick);
        await deps.sync.flush();
        return article;
      }

      const text = await readTextFile(sidecar);
      if (text === undefined || !hasConflictMarkers(text)) {
        if (snap.sidecarState === 'broken') {
          await vscode.window.showTextDocument(sidecar);
          throw new UserError(`${baseName(sidecar)} has errors but no git conflict markers; fix the errors shown in the Problems panel.`);
        }
        void vscode.window.showInformationMessage(`${baseName(sidecar)} has no conflicts.`);
        return undefined;
      }
      const pick = choice ?? (await vscode.window.showQuickPick([
        { label: 'Keep both', detail: 'Every claim from either side; where both changed the same claim, ours is kept', value: 'both' as const },
        { label: 'Keep ours', detail: 'The version of this branch (above =======)', value: 'ours' as const },
        { label: 'Keep theirs', detail: 'The incoming version (below =======)', value: 'theirs' as const },
      ], { placeHolder: `${baseName(sidecar)} has git conflict markers` }))?.value;
      if (!pick) return undefined;
      const result = resolveConflictFile(text, pick, sidecar.path);
      if (!result.ok) throw new UserError(`${result.message}${result.problems?.[0] ? ` (line ${result.problems[0].line}: ${result.problems[0].message})` : ''}`);
      // Written only if nobody touched the file while the user was choosing.
      if ((await readTextFile(sidecar)) !== text) throw new UserError(`${baseName(sidecar)} changed while you were choosing; run the command again.`);
      await writeTextFile(sidecar, result.text);
      store.loadSidecar(article, result.text);
      const note = result.differing.length ? ` Claims changed on both sides (ours kept; re-check them): ${result.differing.join(', ')}.` : '';
      void vscode.window.showInformationMessage(`Resolved ${baseName(sidecar)}: ${result.claims} claims.${note}`);
      return article;
    },
  };
}
