// Keeps the suggested check-worthy sentences up to date: computed by Suggest Claims (or when an
// article is opened with `factmark.suggestions.onOpen`), then recomputed while they are shown —
// at once when claims or dismissals change, after a pause while the user types — and hidden
// when the article goes. Also owns the "suggestion at the cursor" context key.
import * as vscode from 'vscode';
import type { Suggestion } from '../core/suggest/suggestClaims';
import { suggestionAt } from '../core/suggest/openSuggestions';
import { articleKey, articleUri, isArticleDocument, openDocument } from './articles';
import { ContextKeys, type ContextKeySetter } from './contextKeys';
import type { ScorerSource } from './checkworthinessModel';
import type { Services, SuggestionRef } from './services';
import { suggestOnOpen, suggestThreshold } from './settings';

const TYPING_DELAY_MS = 400;

export interface SuggestionsHandle {
  /** Computes the article's suggestions from the document's text (and shows them). */
  compute(doc: vscode.TextDocument): Promise<readonly Suggestion[]>;
  /** The suggestion under the cursor in the active editor, if any. */
  atCursor(): SuggestionRef | undefined;
}

export function registerSuggestions(context: vscode.ExtensionContext, services: Services, keys: ContextKeySetter, scorer: ScorerSource): SuggestionsHandle {
  const { store, suggestions } = services;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const compute = async (doc: vscode.TextDocument): Promise<readonly Suggestion[]> => {
    const key = articleKey(doc.uri);
    const pending = timers.get(key);
    if (pending) { clearTimeout(pending); timers.delete(key); }
    const s = await scorer(); // read once; at once after the first time
    return suggestions.compute(key, doc.getText(), store.get(key), { scorer: s, threshold: suggestThreshold(doc.uri) });
  };

  /** Recomputes a shown article from its open document; a closed one keeps its last list. */
  const recompute = (article: string) => {
    if (!suggestions.get(article)) return;
    const doc = openDocument(articleUri(article));
    if (doc) void compute(doc);
  };

  const later = (article: string) => {
    const pending = timers.get(article);
    if (pending) clearTimeout(pending);
    timers.set(article, setTimeout(() => { timers.delete(article); recompute(article); }, TYPING_DELAY_MS));
  };

  const atCursor = (): SuggestionRef | undefined => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const key = articleKey(editor.document.uri);
    const list = suggestions.get(key);
    const s = list && suggestionAt(list, editor.document.offsetAt(editor.selection.active));
    return s ? { article: key, start: s.start, end: s.end } : undefined;
  };
  const updateCursorKey = () => keys.set(ContextKeys.suggestionAtCursor, !!atCursor());

  const onOpen = (editor: vscode.TextEditor | undefined) => {
    if (!editor || !isArticleDocument(editor.document) || editor.document.isUntitled) return;
    if (suggestions.get(articleKey(editor.document.uri)) || !suggestOnOpen(editor.document.uri)) return;
    void compute(editor.document);
  };

  context.subscriptions.push(
    store.onDidChange((e) => {
      for (const article of e.articles) {
        if (!suggestions.get(article)) continue;
        if (e.kind === 'removed') { suggestions.clear(article); continue; }
        // Typing moves claims ('anchors'): wait for a pause; anything else is a deliberate act.
        if (e.kind === 'anchors') later(article); else recompute(article);
      }
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      const key = articleKey(e.document.uri);
      if (e.contentChanges.length && suggestions.get(key)) later(key);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('factmark.suggestions.threshold')) for (const a of suggestions.articles()) recompute(a);
      if (e.affectsConfiguration('factmark.suggestions.onOpen')) for (const ed of vscode.window.visibleTextEditors) onOpen(ed);
    }),
    vscode.window.onDidChangeActiveTextEditor((ed) => { onOpen(ed); updateCursorKey(); }),
    vscode.window.onDidChangeTextEditorSelection(updateCursorKey),
    suggestions.onDidChange(updateCursorKey),
    { dispose: () => { for (const t of timers.values()) clearTimeout(t); timers.clear(); suggestions.dispose(); } },
  );
  for (const ed of vscode.window.visibleTextEditors) onOpen(ed);

  return { compute, atCursor };
}
