// What every command handler gets, and the helpers they share: which claim a command is about
// (tree element, hover link, test argument, or the claim under the cursor), and its editor.
import * as vscode from 'vscode';
import type { ClaimStore } from '../../core/store/claimStore';
import { statusLabel } from '../../core/statusScale';
import { StoreError, type ClaimEntry } from '../../core/store/types';
import { articleKey, articleUri, baseName, openDocument } from '../articles';
import type { ContextKeySetter } from '../contextKeys';
import { toRange } from '../convert';
import type { ClaimRef, Services } from '../services';
import type { WorkspaceSync } from '../workspaceSync';
import * as notify from '../notify';
import { short, uiText } from '../../core/present/displayText';

export interface CommandDeps {
  readonly services: Services;
  readonly store: ClaimStore;
  readonly sync: WorkspaceSync;
  readonly keys: ContextKeySetter;
  readonly log: vscode.LogOutputChannel;
}

export type Handler = (...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A message for the user; the command table shows it as an error without a stack. */
export class UserError extends StoreError {}

export function isClaimRef(arg: unknown): arg is ClaimRef {
  return !!arg && typeof arg === 'object' && typeof (arg as ClaimRef).article === 'string' && typeof (arg as ClaimRef).id === 'string';
}

/** Which claims a command can be about, when the user has to pick one. */
export interface ClaimPick {
  only?: (e: ClaimEntry) => boolean;
  /** Said when the active article has no such claim. */
  none?: string;
}

/**
 * The claim a command is about: the argument when it names one; `{ from: 'tree' }` (the Claims
 * panel's own keys) the claim selected there; else the current claim.
 */
export async function resolveClaim(deps: CommandDeps, arg: unknown, pick: ClaimPick = {}): Promise<{ ref: ClaimRef; entry: ClaimEntry } | undefined> {
  if ((arg as { from?: unknown } | undefined)?.from === 'tree' && !isClaimRef(arg)) {
    const selected = deps.services.selectedInPanel();
    if (!selected) void notify.info('Select a claim in the Claims panel first.');
    arg = selected;
    if (!arg) return undefined;
  }
  let ref = isClaimRef(arg) ? { article: arg.article, id: arg.id } : deps.services.currentClaim();
  if (!ref) ref = await pickClaimInActiveArticle(deps, pick);
  if (!ref) return undefined;
  // An article not open in an editor may have had its text or its sidecar let go: read again (and anchored afresh) before a command uses it.
  // What the user saw of the claim (the panel, the details view) is what they act on: if reading
  // the sidecar again changed its words or its verdict (a file changed behind an unchanged stat
  // while the window was closed: the start-up cache showed it as it was), the command stops.
  // (held from here until the command ends, also when it is not let go now: see WorkspaceSync.whileWorking)
  deps.sync.holdForWork(ref.article);
  const letGo = deps.store.has(ref.article) && deps.store.articleSidecarDropped(ref.article);
  const shown = letGo ? deps.store.claim(ref.article, ref.id)?.claim : undefined;
  if (!deps.store.has(ref.article) || deps.store.articleLetGo(ref.article)) await deps.sync.ensureArticle(articleUri(ref.article), false);
  const entry = deps.store.claim(ref.article, ref.id);
  if (!entry) throw new UserError(`The claim ${ref.id} no longer exists (deleted, or the sidecar changed on disk).`);
  if (shown && (shown.quote !== entry.claim.quote || shown.status !== entry.claim.status)) {
    throw new UserError(`The claim ${short(shown.quote, 40)} changed on disk since it was shown: its sidecar now has ${short(entry.claim.quote, 40)}, ${uiText(statusLabel(deps.store.scale, entry.claim.status), 40)}. Look at it again; nothing was changed.`);
  }
  return { ref, entry };
}

/** With the cursor outside any claim: let the user pick one of the active article's claims. */
async function pickClaimInActiveArticle(deps: CommandDeps, pick: ClaimPick): Promise<ClaimRef | undefined> {
  const editor = vscode.window.activeTextEditor;
  const key = editor ? articleKey(editor.document.uri) : undefined;
  const snap = key ? deps.store.get(key) : undefined;
  if (!key || !snap?.claims.length) {
    void notify.info('Put the cursor in a claim, or select one in the Claims panel, first.');
    return undefined;
  }
  const claims = pick.only ? snap.claims.filter(pick.only) : snap.claims;
  if (!claims.length) {
    void notify.info(pick.none ?? 'No claim of this article fits.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    claims.map((e) => ({ label: uiText(e.claim.quote, 200), description: uiText(statusLabel(deps.store.scale, e.claim.status), 100), detail: e.state === 'anchored' ? undefined : uiText(e.reason, 400), id: e.claim.id })),
    { placeHolder: 'Which claim? (the cursor is not in one)', matchOnDescription: true },
  );
  return picked ? { article: key, id: picked.id } : undefined;
}

/** Opens the claim's article in an editor and selects the claim's words when it has any. */
export async function showClaim(deps: CommandDeps, ref: ClaimRef, options: { preserveFocus?: boolean } = {}): Promise<vscode.TextEditor> {
  const uri = articleUri(ref.article);
  const doc = openDocument(uri) ?? (await vscode.workspace.openTextDocument(uri));
  const editor = await vscode.window.showTextDocument(doc, { preserveFocus: options.preserveFocus, preview: false });
  const entry = deps.store.claim(ref.article, ref.id);
  if (entry?.start !== undefined && entry.end !== undefined) {
    const range = toRange(doc, entry.start, entry.end);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  return editor;
}

/**
 * Says that a claim was marked. Until the user has rated a claim once, with how to do it (a
 * notification, where the whole sentence fits, with a Set Status button); after that only a
 * short status-bar message, since the highlight shows it anyway.
 */
export function announceMarked(deps: CommandDeps, ref: ClaimRef, quote: string): void {
  const steps = deps.services.firstSteps;
  steps.did('mark');
  if (steps.has('status')) {
    notify.statusMessage('Factmark: claim marked', 3000, 'check');
    return;
  }
  void notify.info(
    `Marked ${short(quote, 60)}. Now rate it: Set Status (Ctrl+Alt+S), or the Set status link in its hover.`, 'Set Status…')
    .then((choice) => { if (choice) void vscode.commands.executeCommand('factmark.setStatus', ref); });
}

export function articleLabel(article: string): string {
  return baseName(articleUri(article));
}
