// A faint dotted underline under suggested sentences, in the contributed colour
// `factmark.suggestion` (themes can override it). One decoration type, created on first use;
// applied to visible editors only, when the suggestions of their article change.
import * as vscode from 'vscode';
import type { OffsetRange } from '../core/suggest/openSuggestions';
import { articleKey } from './articles';
import { toRange } from './convert';
import type { Services } from './services';

export interface SuggestionDecorationsHandle {
  /** The underlined ranges in the visible editor showing `uri` (undefined when none shows it). */
  applied(uri: vscode.Uri): OffsetRange[] | undefined;
}

export function registerSuggestionDecorations(context: vscode.ExtensionContext, services: Services): SuggestionDecorationsHandle {
  const { suggestions } = services;
  let type: vscode.TextEditorDecorationType | undefined;
  const applied = new Map<vscode.TextEditor, OffsetRange[]>();

  const apply = (editor: vscode.TextEditor) => {
    const list = suggestions.get(articleKey(editor.document.uri));
    if (!list?.length && !applied.has(editor)) return; // nothing shown, nothing to take away
    type ??= vscode.window.createTextEditorDecorationType({
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      borderStyle: 'none none dotted none',
      borderWidth: '0 0 1px 0',
      borderColor: new vscode.ThemeColor('factmark.suggestion'),
      overviewRulerColor: new vscode.ThemeColor('factmark.suggestion'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
    });
    const length = editor.document.getText().length;
    const ranges = (list ?? []).filter((s) => s.end <= length);
    editor.setDecorations(type, ranges.map((s) => toRange(editor.document, s.start, s.end)));
    if (ranges.length) applied.set(editor, ranges.map((s) => ({ start: s.start, end: s.end })));
    else applied.delete(editor);
  };

  context.subscriptions.push(
    suggestions.onDidChange((e) => {
      for (const ed of vscode.window.visibleTextEditors) if (articleKey(ed.document.uri) === e.article) apply(ed);
    }),
    vscode.window.onDidChangeVisibleTextEditors((editors) => {
      for (const ed of [...applied.keys()]) if (!editors.includes(ed)) applied.delete(ed);
      for (const ed of editors) apply(ed);
    }),
    { dispose: () => { type?.dispose(); applied.clear(); } },
  );

  return {
    applied(uri) {
      const key = uri.toString();
      for (const [editor, ranges] of applied) if (editor.document.uri.toString() === key && vscode.window.visibleTextEditors.includes(editor)) return ranges;
      return undefined;
    },
  };
}
