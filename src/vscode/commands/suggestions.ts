// Suggest Claims and what can be done with a suggestion: accept it as a claim, dismiss it
// (remembered in the sidecar), reveal it, or hide all suggestions.
import * as vscode from 'vscode';
import { short, uiText } from '../../core/present/displayText';
import type { Suggestion } from '../../core/suggest/suggestClaims';
import { articleKey, articleUri, baseName, displayPath, isArticleDocument, openDocument } from '../articles';
import { toRange } from '../convert';
import type { ClaimRef, SuggestionRef } from '../services';
import type { SuggestionsHandle } from '../suggestions';
import { treeNodeOf } from '../treeArguments';
import { suggestedSentences } from '../../core/present/phrases';
import { announceMarked, UserError, type CommandDeps, type Handler } from './shared';
import * as notify from '../notify';

function isSuggestionRef(arg: unknown): arg is SuggestionRef {
  const a = arg as SuggestionRef | undefined;
  return !!a && typeof a === 'object' && typeof a.article === 'string' && typeof a.start === 'number' && typeof a.end === 'number';
}

/**
 * The article a command is given: a URI, `{ uri }` or `{ article }`, or a row of the Claims
 * panel that stands for an article (the article itself, its Suggestions group). A claim's or a
 * suggestion's row (what a title-bar button passes when that row has the focus) names none.
 */
function uriOf(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const node = treeNodeOf(arg);
  if (node && node !== 'article' && node !== 'suggestions' && node !== 'sidecarError') return undefined;
  const a = arg as { uri?: unknown; article?: unknown } | undefined;
  if (a?.uri instanceof vscode.Uri) return a.uri;
  if (typeof a?.uri === 'string') return vscode.Uri.parse(a.uri, true);
  return typeof a?.article === 'string' ? articleUri(a.article) : undefined;
}

export function suggestionCommands(deps: CommandDeps, handle: SuggestionsHandle): Record<string, Handler> {
  const { store, services } = deps;

  /**
   * The suggestion a command is about: the argument; `{ from: 'tree' }` (the panel's keys) the
   * one selected there; else the one at the cursor, else the one selected in the panel.
   */
  const resolve = (arg: unknown): { ref: SuggestionRef; suggestion: Suggestion } => {
    const fromTree = (arg as { from?: unknown } | undefined)?.from === 'tree';
    const ref = isSuggestionRef(arg) ? arg : fromTree ? services.selectedSuggestion() : handle.atCursor() ?? services.selectedSuggestion();
    if (!ref) throw new UserError('Put the cursor in a suggested sentence, or select one in the Claims panel, first.');
    const suggestion = services.suggestions.get(ref.article)?.find((s) => s.start === ref.start && s.end === ref.end);
    if (!suggestion) throw new UserError('That sentence is no longer suggested (it was edited, claimed or dismissed).');
    return { ref: { article: ref.article, start: ref.start, end: ref.end }, suggestion };
  };

  const ensure = async (article: string): Promise<string> => {
    const key = await deps.sync.ensureArticle(articleUri(article), true);
    if (!key) throw new UserError(`Could not read ${baseName(articleUri(article))}.`);
    return key;
  };

  return {
    'factmark.suggestClaims': async (arg?: unknown) => {
      const uri = uriOf(arg);
      const active = vscode.window.activeTextEditor?.document;
      // No article given or active (e.g. from the Claims panel's welcome): the user picks one.
      const target = uri ?? (active && isArticleDocument(active) ? active.uri : await pickArticle());
      if (!target) return undefined;
      const doc = openDocument(target) ?? (await vscode.workspace.openTextDocument(target));
      if (!uri && doc !== active) await vscode.window.showTextDocument(doc, { preview: false });
      if (!isArticleDocument(doc)) throw new UserError(`Claims can be suggested in Markdown and plain-text articles, not in ${doc.languageId} files.`);
      // Claims from an existing sidecar first, so that sentences already claimed are left out.
      if (!doc.isUntitled) await deps.sync.ensureArticle(doc.uri, false);
      const list = await handle.compute(doc);
      const n = list.length;
      // A notification, where the whole sentence fits; it goes by itself.
      void notify.info(n
        ? `${suggestedSentences(n)} in ${baseName(doc.uri)}: they are underlined in the text and listed in the Claims panel. Hover over one to accept or dismiss it.`
        : `Every check-worthy sentence of ${baseName(doc.uri)} has a claim (or was dismissed).`);
      return list;
    },

    'factmark.acceptSuggestion': async (arg?: unknown) => {
      const { ref, suggestion } = resolve(arg);
      const key = await ensure(ref.article);
      const claim = store.addClaim(key, suggestion.start, suggestion.end);
      const claimRef: ClaimRef = { article: key, id: claim.id };
      services.setSelectedSuggestion(undefined);
      services.setSelectedClaim(claimRef);
      announceMarked(deps, claimRef, claim.quote);
      return claimRef;
    },

    'factmark.dismissSuggestion': async (arg?: unknown) => {
      const { ref, suggestion } = resolve(arg);
      const key = await ensure(ref.article);
      store.dismissSentence(key, suggestion.text);
      services.setSelectedSuggestion(undefined);
      notify.statusMessage(`Factmark: ${short(suggestion.text, 40)} will not be suggested again`, 3000, 'close');
      return ref;
    },

    'factmark.clearSuggestions': (arg?: unknown) => {
      // From the panel, only an article's Suggestions group clears just that article's (its
      // inline button); the title bar's button clears all, whichever row has the focus.
      const node = treeNodeOf(arg);
      const uri = node && node !== 'suggestions' ? undefined : uriOf(arg);
      services.suggestions.clear(uri ? articleKey(uri) : undefined);
      services.setSelectedSuggestion(undefined);
    },

    'factmark.revealSuggestion': async (arg?: unknown) => {
      const { ref } = resolve(arg);
      const uri = articleUri(ref.article);
      const doc = openDocument(uri) ?? (await vscode.workspace.openTextDocument(uri));
      const editor = await vscode.window.showTextDocument(doc, { preserveFocus: true, preview: false });
      const range = toRange(doc, ref.start, ref.end);
      editor.selection = new vscode.Selection(range.start, range.end);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    },
  };
}

/** A Markdown or plain-text file of the workspace, picked by its path; undefined when cancelled. */
async function pickArticle(): Promise<vscode.Uri | undefined> {
  const files = await vscode.workspace.findFiles('**/*.{md,markdown,mdown,txt,text}', '{**/node_modules/**,**/.git/**,**/.vscode-test/**}', 500);
  if (!files.length) throw new UserError('There is no Markdown or plain-text article in this workspace to suggest claims in.');
  const items = files
    .map((uri) => ({ label: uiText(displayPath(uri), 300), uri }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const picked = await vscode.window.showQuickPick(items, { title: 'Suggest Claims', placeHolder: 'Which article? Its check-worthy sentences without a claim will be underlined.', matchOnDescription: true });
  return picked?.uri;
}
