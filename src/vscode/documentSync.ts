// Keeps the store in step with open articles: their text when opened, every edit as it happens
// (ranges are carried through edits, not re-anchored per keystroke), and a full re-anchor when
// the text is replaced from disk (git checkout, revert) or the editor is closed.
import * as vscode from 'vscode';
import { timed } from './perf';
import type { ClaimStore } from '../core/store/claimStore';
import { articleKey, isArticleDocument } from './articles';
import { toTextChanges } from './convert';
import type { WorkspaceSync } from './workspaceSync';

/** How long an edit that left its document clean waits for VS Code's dirty state before it counts as a reload from disk. */
const DIRTY_STATE_WAIT_MS = 100;

export function registerDocumentSync(context: vscode.ExtensionContext, store: ClaimStore, sync: WorkspaceSync, log: vscode.LogOutputChannel): void {
  // Articles whose last edit arrived with the document clean: reload from disk, or a first keystroke?
  const unsure = new Map<string, { version: number; timer: ReturnType<typeof setTimeout> }>();
  // Articles where an edit in the editor took all of a claim's words: an undo or redo there may
  // give them back, and carried ranges cannot follow that (the claim sits on an empty range, or
  // was anchored afresh and orphaned), so the undo anchors afresh the claims without words, and
  // only those: the others' carried ranges are right, and anchoring them again from their
  // sidecar quotes could lose them (an edited claim orphaned, a twin sentence made ambiguous).
  const emptied = new Set<string>();
  const settle = (key: string, doc: vscode.TextDocument) => {
    const pending = unsure.get(key);
    if (!pending) return;
    clearTimeout(pending.timer);
    unsure.delete(key);
    // Dirty now, at that edit's version: it was typed. Clean (or edited since, so that it cannot
    // be told): anchor the text as it is now afresh, which is right in either case.
    if (doc.isDirty && doc.version === pending.version) return;
    if (store.has(key) && !doc.isClosed) timed('typing', () => sync.setArticleText(doc.uri, doc.getText()));
  };
  const opened = (doc: vscode.TextDocument) => {
    if (!isArticleDocument(doc) || doc.isUntitled) return;
    const key = articleKey(doc.uri);
    if (store.has(key)) {
      sync.setArticleText(doc.uri, doc.getText());
      // An open article keeps its sidecar, as its text (see WorkspaceSync.releaseText): one let go
      // while it was not open is read again now, not at the first command.
      if (store.articleSidecarDropped(key)) sync.ensureArticle(doc.uri, false).catch((e) => log.error(`opening ${key}: ${String(e)}`));
      return;
    }
    // Only articles that already have a sidecar are loaded on open; marking a claim creates one.
    sync.ensureArticle(doc.uri, false).catch((e) => log.error(`opening ${key}: ${String(e)}`));
  };

  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(opened),
    // Brought to the front while the scan runs: its article jumps the scan's queue.
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      const doc = editor?.document;
      if (doc && isArticleDocument(doc) && !doc.isUntitled && sync.isLoading(doc.uri)) sync.ensureArticle(doc.uri, false).catch((e) => log.error(`opening ${articleKey(doc.uri)}: ${String(e)}`));
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      const key = articleKey(e.document.uri);
      if (!e.contentChanges.length) {
        // A dirty-state change: settles an edit that arrived with the document still clean.
        if (unsure.has(key)) settle(key, e.document);
        return;
      }
      if (!store.has(key) || !store.hasArticleText(key)) return;
      timed('typing', () => {
        // The whole text is copied only when an edit touched a claim, not on every keystroke.
        const doc = e.document;
        const clean = !doc.isDirty && e.reason === undefined;
        // Clean after an edit that is no undo/redo: either the text was reloaded from disk (git
        // checkout, another tool), to be anchored afresh as it may have been rearranged, or the
        // first keystroke since opening or saving, which VS Code reports as clean and marks dirty
        // just after. The edit is carried through (exact for a keystroke, and for the claims it
        // did not touch), and the rest is decided once the dirty state has arrived (at most
        // DIRTY_STATE_WAIT_MS later): a reload is then anchored afresh (a claim whose words it
        // deleted or moved is found again, or orphaned), a keystroke is not. In the browser VS Code
        // saves a second after each pause by default (files.autoSave afterDelay), so the first
        // keystroke after every pause is such an edit: re-anchoring 10,000 claims on it, inside a
        // claim or between them, would stall typing.
        // A keystroke inside a claim reads that claim's words from the document, not the whole text.
        const words = (start: number, end: number) => doc.getText(new vscode.Range(doc.positionAt(start), doc.positionAt(end)));
        const touched = store.applyEdits(key, toTextChanges(e.contentChanges), () => doc.getText(), words);
        const emptiedNow = touched.some((id) => { const c = store.claim(key, id); return !c || c.start === c.end; });
        if (emptiedNow) emptied.add(key);
        if (e.reason !== undefined && emptied.has(key)) {
          // An undo or redo in an article where an edit took a claim's words: the claims without
          // words are anchored afresh, the words it gave back found again (and a redo that took
          // them again orphans it); the other claims keep their carried ranges.
          clearTimeout(unsure.get(key)?.timer);
          unsure.delete(key);
          store.reanchorLost(key);
          if (!store.hasLostClaims(key)) emptied.delete(key);
          return;
        }
        // Except that a claim such an edit left none of its words is anchored afresh at once, so
        // that words a reload (or a selection typed over) took away are found elsewhere or the
        // claim is orphaned, not kept on an empty range; only those claims: the others keep their
        // carried ranges (a claim whose words were edited, on its new words) until the dirty
        // state tells a reload, which anchors the whole article afresh, from a keystroke.
        if (clean && emptiedNow) store.reanchorLost(key);
        if (clean) {
          const pending = unsure.get(key);
          if (pending) clearTimeout(pending.timer);
          unsure.set(key, { version: doc.version, timer: setTimeout(() => settle(key, doc), DIRTY_STATE_WAIT_MS) });
        }
      });
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      const key = articleKey(doc.uri);
      clearTimeout(unsure.get(key)?.timer);
      unsure.delete(key);
      emptied.delete(key);
      // Closed, perhaps without saving: the disk's text is the article's text again.
      // Not open any more: once anchored in it, its text is let go (read again when needed).
      if (store.has(key)) sync.readArticleText(doc.uri).then(() => sync.releaseText(doc.uri), (e) => log.error(`closing ${key}: ${String(e)}`));
    }),
  );
  context.subscriptions.push({ dispose: () => { for (const p of unsure.values()) clearTimeout(p.timer); unsure.clear(); } });
  for (const doc of vscode.workspace.textDocuments) opened(doc);
}
