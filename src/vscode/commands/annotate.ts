// Marking claims and editing what is said about them: status, explanation, claimant, tags;
// deleting with undo.
import * as vscode from 'vscode';
import { short, uiText } from '../../core/present/displayText';
import { statusLabel } from '../../core/statusScale';
import { splitSentences } from '../../core/suggest/sentences';
import { parseTags } from '../../core/sourceInput';
import type { Claim } from '../../core/model';
import type { StatusDef } from '../../core/statusScale';
import { articleUri, baseName, isArticleDocument } from '../articles';
import { ContextKeys } from '../contextKeys';
import type { ClaimRef } from '../services';
import { dotIcon } from '../statusColors';
import { announceMarked, resolveClaim, UserError, type CommandDeps, type Handler } from './shared';
import * as notify from '../notify';
import { setStatusWithReason } from './workflow';

interface MarkArgs { uri?: vscode.Uri | string; start?: number; end?: number }

export function annotateCommands(deps: CommandDeps): Record<string, Handler> {
  const { store } = deps;
  let deleted = 0;

  const edit = async (arg: unknown, patch: (c: Claim) => Partial<Claim> | undefined) => {
    const found = await resolveClaim(deps, arg);
    if (!found) return undefined;
    const p = patch(found.entry.claim);
    if (!p) return undefined;
    store.updateClaim(found.ref.article, found.ref.id, p);
    return found.ref;
  };

  const textField = (field: 'explanation' | 'claimant', prompt: string) =>
    async (arg: unknown, value?: string) => {
      const found = await resolveClaim(deps, arg);
      if (!found) return undefined;
      const text = value ?? (await vscode.window.showInputBox({
        title: `${prompt} — ${short(found.entry.claim.quote, 40)}`,
        value: found.entry.claim[field] ?? '',
        prompt: field === 'explanation' ? 'One line here; for several paragraphs use the Claim Details panel.' : 'Who made the claim (a person or an organisation).',
        ignoreFocusOut: true,
      }));
      if (text === undefined) return undefined;
      return edit(found.ref, () => ({ [field]: text.trim() || undefined }));
    };

  return {
    'factmark.markClaim': async (arg?: vscode.Uri | MarkArgs) => {
      const args: MarkArgs = arg instanceof vscode.Uri ? { uri: arg } : (arg && typeof arg === 'object' ? arg : {});
      const uri = typeof args.uri === 'string' ? vscode.Uri.parse(args.uri) : args.uri;
      const editor = uri
        ? await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri))
        : vscode.window.activeTextEditor;
      if (!editor) throw new UserError('Open an article (Markdown or plain text) and select the words of the claim first.');
      const doc = editor.document;
      if (doc.isUntitled) {
        const save = await notify.warn('Save the article first: its claims are kept in a file beside it.', 'Save As…');
        if (save) await vscode.commands.executeCommand('workbench.action.files.saveAs');
        return undefined;
      }
      if (!isArticleDocument(doc)) throw new UserError(`Claims can be marked in Markdown and plain-text articles, not in ${doc.languageId} files.`);
      let { start, end } = args.start !== undefined && args.end !== undefined ? { start: args.start, end: args.end }
        : { start: doc.offsetAt(editor.selection.start), end: doc.offsetAt(editor.selection.end) };
      const text = doc.getText();
      if (start === end) {
        const sentence = splitSentences(text).find((s) => s.start <= start && start <= s.end);
        if (!sentence) throw new UserError('Select the words of the claim first.');
        const ok = await vscode.window.showQuickPick([
          { label: '$(check) Mark this sentence', detail: uiText(sentence.text, 400), mark: true },
          { label: '$(close) Cancel — I will select the words myself', mark: false },
        ], { placeHolder: 'Nothing is selected. Mark the sentence at the cursor?' });
        if (!ok?.mark) return undefined;
        ({ start, end } = sentence);
      }
      // Leading and trailing spaces are never part of the claim.
      while (start < end && /\s/.test(text[start])) start++;
      while (end > start && /\s/.test(text[end - 1])) end--;
      if (start === end) throw new UserError('The selection holds only spaces; select the words of the claim.');
      const key = await deps.sync.ensureArticle(doc.uri, true);
      if (!key) throw new UserError(`Could not read ${baseName(doc.uri)}.`);
      const same = store.get(key)?.claims.find((e) => e.start === start && e.end === end);
      if (same) {
        void notify.info(`These words are already claim ${same.claim.id}.`);
        return { article: key, id: same.claim.id };
      }
      const claim = store.addClaim(key, start, end);
      const ref: ClaimRef = { article: key, id: claim.id };
      deps.services.setSelectedClaim(ref);
      announceMarked(deps, ref, claim.quote);
      return ref;
    },

    /** `reason`: why a verdict changes (asked for when needed and not given). */
    'factmark.setStatus': async (arg?: unknown, statusKey?: string, reason?: string) => {
      const found = await resolveClaim(deps, arg);
      if (!found) return undefined;
      const key = typeof statusKey === 'string' ? statusKey : await pickStatus(deps, found.entry.claim);
      if (!key) return undefined;
      if (!(await setStatusWithReason(store, found.ref.article, found.entry.claim, key, reason))) return undefined;
      deps.services.firstSteps.did('status');
      notify.statusMessage(`Factmark: ${short(found.entry.claim.quote, 40)} is now ${statusLabel(deps.store.scale, key)}`, 3000, 'check');
      return found.ref;
    },

    'factmark.editExplanation': textField('explanation', 'Explanation'),
    'factmark.editClaimant': textField('claimant', 'Claimant'),

    'factmark.editTags': async (arg?: unknown, tags?: string[] | string) => {
      const found = await resolveClaim(deps, arg);
      if (!found) return undefined;
      const value = tags ?? (await vscode.window.showInputBox({
        title: `Tags — ${short(found.entry.claim.quote, 40)}`,
        value: (found.entry.claim.tags ?? []).join(', '),
        prompt: 'Separated by commas or spaces, e.g. budget, housing',
        ignoreFocusOut: true,
      }));
      if (value === undefined) return undefined;
      const list = Array.isArray(value) ? parseTags(value.join(',')) : parseTags(value);
      return edit(found.ref, () => ({ tags: list.length ? list : undefined }));
    },

    'factmark.deleteClaim': async (arg?: unknown, options?: { confirm?: boolean }) => {
      const found = await resolveClaim(deps, arg);
      if (!found) return undefined;
      const c = found.entry.claim;
      if (options?.confirm !== false) {
        const detail = [`Status: ${statusLabel(deps.store.scale, c.status)}`, c.sources.length ? `${c.sources.length} source(s)` : '', c.explanation ? 'an explanation' : '']
          .filter(Boolean).join(', ');
        const ok = await notify.ask(`Delete the claim ${short(c.quote)}?`, { modal: true, detail: `${detail}. You can undo this.` }, 'Delete');
        if (ok !== 'Delete') return undefined;
      }
      store.removeClaim(found.ref.article, found.ref.id);
      deleted++;
      deps.keys.set(ContextKeys.canUndoDelete, true);
      void notify.info(`Deleted the claim ${short(c.quote, 40)}.`, 'Undo').then((choice) => {
        if (choice === 'Undo') void vscode.commands.executeCommand('factmark.undoDelete');
      });
      return found.ref;
    },

    'factmark.undoDelete': async () => {
      // The claim is placed again in its article's text: read again first if it was let go meanwhile.
      const from = store.nextUndoArticle();
      if (from && store.articleLetGo(from)) await deps.sync.ensureArticle(articleUri(from), false);
      const r = store.undoRemove();
      deleted = Math.max(0, deleted - 1);
      deps.keys.set(ContextKeys.canUndoDelete, deleted > 0);
      if (!r) {
        void notify.info('There is no deleted claim to bring back.');
        return undefined;
      }
      notify.statusMessage(`Factmark: restored ${short(r.claim.quote, 40)}`, 3000, 'discard');
      return { article: r.article, id: r.claim.id } satisfies ClaimRef;
    },
  };
}

interface StatusItem extends vscode.QuickPickItem { status: StatusDef }

/** The scale as a quick pick; typing a status's shortcut letter alone picks it at once. */
export function pickStatus(deps: CommandDeps, claim: Claim): Promise<string | undefined> {
  const qp = vscode.window.createQuickPick<StatusItem>();
  const items: StatusItem[] = deps.store.scale.statuses.map((s) => ({
    status: s,
    label: uiText(s.label, 100),
    description: uiText([s.shortcut ? `(${s.shortcut})` : '', s.key === claim.status ? 'current' : ''].filter(Boolean).join(' ')),
    detail: s.definition && uiText(s.definition, 400),
    // Quick picks ignore a ThemeIcon's colour, so the swatch is a small SVG in the status colour.
    iconPath: dotIcon(s),
  }));
  qp.items = items;
  qp.title = uiText(`Status of ${short(claim.quote, 50)}`);
  qp.placeholder = 'Pick a status, or type its letter';
  qp.matchOnDetail = true;
  const current = items.find((i) => i.status.key === claim.status);
  if (current) qp.activeItems = [current];
  return new Promise((resolve) => {
    let done = false;
    const finish = (key: string | undefined) => { if (done) return; done = true; resolve(key); qp.hide(); };
    qp.onDidChangeValue((v) => {
      if (v.length !== 1) return;
      const hit = items.find((i) => i.status.shortcut?.toLowerCase() === v.toLowerCase());
      if (hit) finish(hit.status.key);
    });
    qp.onDidAccept(() => finish(qp.selectedItems[0]?.status.key ?? qp.activeItems[0]?.status.key));
    qp.onDidHide(() => { finish(undefined); qp.dispose(); });
    qp.show();
  });
}
