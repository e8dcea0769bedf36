// Keeps the store in step with open articles: their text when opened, every edit as it happens
// (ranges are carried through edits, not re-anchored per keystroke), and a full re-anchor when
// the text is replaced from disk (git checkout, revert) or the editor is closed.
import * as vscode from 'vscode';
import { timed } from './perf';
import type { ClaimStore } from '../core/store/claimStore';
import { articleKey, isArticleDocument } from './articles';
import { toTextChanges } from './convert';
import type { WorkspaceSync } from './workspaceSync';

export function registerDocumentSync(context: vscode.ExtensionContext, store: ClaimStore, sync: WorkspaceSync, log: vscode.LogOutputChannel): void {
  const opened = (doc: vscode.TextDocument) => {
    if (!isArticleDocument(doc) || doc.isUntitled) return;
    const key = articleKey(doc.uri);
    if (store.has(key)) {
      sync.setArticleText(doc.uri, doc.getText());
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
      if (!e.contentChanges.length) return;
      const key = articleKey(e.document.uri);
      if (!store.has(key) || !store.hasArticleText(key)) return;
      timed('typing', () => {
        if (!e.document.isDirty && e.reason === undefined) {
          // The editor now matches the disk again without an undo/redo: a reload from disk
          // (git checkout, another tool). Anchor afresh, as the text may have been rearranged.
          sync.setArticleText(e.document.uri, e.document.getText());
        } else {
          // The whole text is copied only when an edit touched a claim, not on every keystroke.
          const doc = e.document;
          store.applyEdits(key, toTextChanges(e.contentChanges), () => doc.getText());
        }
      });
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      const key = articleKey(doc.uri);
      // Closed, perhaps without saving: the disk's text is the article's text again.
      if (store.has(key)) void sync.readArticleText(doc.uri);
    }),
  );
  for (const doc of vscode.workspace.textDocuments) opened(doc);
}
