// What every command handler gets, and the helpers they share: which claim a command is about
// (tree element, hover link, test argument, or the claim under the cursor), and its editor.
import * as vscode from 'vscode';
import type { ClaimStore } from '../../core/store/claimStore';
import { statusLabel } from '../../core/statusScale';
import { StoreError, type ClaimEntry } from '../../core/store/types';
import { articleKey, articleUri, openDocument } from '../articles';
import type { ContextKeySetter } from '../contextKeys';
import { toRange } from '../convert';
import type { ClaimRef, Services } from '../services';
import type { WorkspaceSync } from '../workspaceSync';
import * as notify from '../notify';
import { uiText } from '../../core/present/displayText';

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

/** The claim a command is about: the argument when it names one, else the current claim. */
export async function resolveClaim(deps: CommandDeps, arg: unknown): Promise<{ ref: ClaimRef; entry: ClaimEntry } | undefined> {
  let ref = isClaimRef(arg) ? { article: arg.article, id: arg.id } : deps.services.currentClaim();
  if (!ref) ref = await pickClaimInActiveArticle(deps);
  if (!ref) return undefined;
  if (!deps.store.has(ref.article)) await deps.sync.ensureArticle(articleUri(ref.article), false);
  const entry = deps.store.claim(ref.article, ref.id);
  if (!entry) throw new UserError(`The claim ${ref.id} no longer exists (deleted, or the sidecar changed on disk).`);
  return { ref, entry };
}

/** With the cursor outside any claim: let the user pick one of the active article's claims. */
async function pickClaimInActiveArticle(deps: CommandDeps): Promise<ClaimRef | undefined> {
  const editor = vscode.window.activeTextEditor;
  const key = editor ? articleKey(editor.document.uri) : undefined;
  const snap = key ? deps.store.get(key) : undefined;
  if (!key || !snap?.claims.length) {
    void notify.info('Put the cursor in a claim, or select one in the Claims panel, first.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    snap.claims.map((e) => ({ label: uiText(e.claim.quote, 200), description: uiText(statusLabel(deps.store.scale, e.claim.status), 100), detail: e.state === 'anchored' ? undefined : uiText(e.reason, 400), id: e.claim.id })),
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
