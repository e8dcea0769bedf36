// What a suggested sentence offers where it is seen in the text: a hover over its dotted
// underline (why it was suggested, Accept / Dismiss links) and a lightbulb with the same two
// actions as quick fixes. Both read the suggestions shown (services.suggestions); neither
// computes any.
import * as vscode from 'vscode';
import { suggestionHoverMarkdown, SUGGESTION_LINK_COMMANDS } from '../core/present/suggestionMarkdown';
import { suggestionAt } from '../core/suggest/openSuggestions';
import type { Suggestion } from '../core/suggest/suggestClaims';
import { ARTICLE_LANGUAGES, articleKey, isArticleDocument } from './articles';
import { toRange } from './convert';
import { oneLine } from '../core/present/displayText';
import type { Services, SuggestionRef } from './services';
import { trustedMarkdown } from './trustedMarkdown';

/** Code action kind of the suggestion fixes: a quick fix, so that the lightbulb shows at the cursor. */
export const SUGGESTION_ACTION_KIND = vscode.CodeActionKind.QuickFix.append('factmark');

export interface SuggestionActionsHandle {
  /** The hover's Markdown for the suggestion at `offset` of an article (for tests). */
  markdownAt(uri: vscode.Uri, offset: number): vscode.MarkdownString | undefined;
}

export function registerSuggestionActions(context: vscode.ExtensionContext, services: Services): SuggestionActionsHandle {
  const at = (doc: vscode.TextDocument, offset: number): { ref: SuggestionRef; s: Suggestion } | undefined => {
    if (!isArticleDocument(doc)) return undefined;
    const article = articleKey(doc.uri);
    const list = services.suggestions.get(article);
    const s = list && suggestionAt(list, offset);
    return s && s.end <= doc.getText().length ? { ref: { article, start: s.start, end: s.end }, s } : undefined;
  };

  const markdown = (ref: SuggestionRef, s: Suggestion): vscode.MarkdownString =>
    trustedMarkdown(suggestionHoverMarkdown(s, { ref }), SUGGESTION_LINK_COMMANDS);

  const hover: vscode.HoverProvider = {
    provideHover(doc, position) {
      if (!vscode.workspace.getConfiguration('factmark.hover').get<boolean>('enabled', true)) return undefined;
      const offset = doc.offsetAt(position);
      const hit = at(doc, offset);
      // The end of the sentence counts for the cursor (suggestionAt), not for the pointer.
      if (!hit || offset >= hit.s.end) return undefined;
      return new vscode.Hover(markdown(hit.ref, hit.s), toRange(doc, hit.s.start, hit.s.end));
    },
  };

  const actions: vscode.CodeActionProvider = {
    provideCodeActions(doc, range) {
      const hit = at(doc, doc.offsetAt(range.start));
      if (!hit || doc.offsetAt(range.end) > hit.s.end) return undefined;
      const quote = oneLine(hit.s.text, 50);
      const accept = new vscode.CodeAction(`Mark as claim: “${quote}”`, SUGGESTION_ACTION_KIND);
      accept.command = { command: 'factmark.acceptSuggestion', title: 'Accept Suggestion as Claim', arguments: [hit.ref] };
      accept.isPreferred = true;
      const dismiss = new vscode.CodeAction('Dismiss this suggestion (never suggest it again)', SUGGESTION_ACTION_KIND);
      dismiss.command = { command: 'factmark.dismissSuggestion', title: 'Dismiss Suggestion', arguments: [hit.ref] };
      return [accept, dismiss];
    },
  };

  const selector = [...ARTICLE_LANGUAGES].map((language) => ({ language }));
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(selector, hover),
    vscode.languages.registerCodeActionsProvider(selector, actions, { providedCodeActionKinds: [SUGGESTION_ACTION_KIND] }),
  );

  return {
    markdownAt(uri, offset) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      const hit = doc && at(doc, offset);
      return hit ? markdown(hit.ref, hit.s) : undefined;
    },
  };
}
