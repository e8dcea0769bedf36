// What the parts of the VS Code layer share. activate() builds one Services object and hands
// it to each part's register function; parts never reach into each other otherwise.
import type * as vscode from 'vscode';
import type { ClaimStore } from '../core/store/claimStore';
import type { Event } from '../core/events';
import type { SuggestionStore } from '../core/suggest/suggestionStore';
import { articleKey, articleUri } from './articles';
import { ContextKeys, type ContextKeySetter } from './contextKeys';
import { trackCurrentClaim } from './currentClaim';
import { FirstSteps } from './firstSteps';

/** A claim is addressed by its article's key (the article URI as a string) and its id. */
export interface ClaimRef {
  article: string;
  id: string;
}

/** A suggested sentence, by its article's key and its offsets when it was suggested. */
export interface SuggestionRef {
  article: string;
  start: number;
  end: number;
}

export interface Services {
  readonly store: ClaimStore;
  /** The suggested check-worthy sentences shown per article (derived; see suggestions.ts). */
  readonly suggestions: SuggestionStore;
  readonly extensionUri: vscode.Uri;
  /** The walkthrough's first steps, recorded where the user takes them (see firstSteps.ts). */
  readonly firstSteps: FirstSteps;
  articleUri(article: string): vscode.Uri;
  articleKey(uri: vscode.Uri): string;
  /** The claim under the cursor in the active editor, else the one selected in the tree. */
  currentClaim(): ClaimRef | undefined;
  /** The claim the user is looking at (cursor in the article, or selection in the tree). */
  readonly onDidChangeCurrentClaim: Event<ClaimRef | undefined>;
  /** Called by the tree and details view when the user picks a claim there. */
  setSelectedClaim(ref: ClaimRef | undefined): void;
  /** The claim selected in the Claims panel; undefined when its selection is no claim. */
  selectedInPanel(): ClaimRef | undefined;
  setSelectedInPanel(ref: ClaimRef | undefined): void;
  /** The suggestion picked in the tree, if the tree's selection is one. */
  selectedSuggestion(): SuggestionRef | undefined;
  setSelectedSuggestion(ref: SuggestionRef | undefined): void;
}

export function createServices(context: vscode.ExtensionContext, store: ClaimStore, keys: ContextKeySetter, suggestions: SuggestionStore): Services {
  const firstSteps = new FirstSteps(context.globalState);
  const current = trackCurrentClaim(context, store, keys, suggestions, firstSteps);
  let selectedSuggestion: SuggestionRef | undefined;
  let inPanel: ClaimRef | undefined;
  return {
    store,
    suggestions,
    extensionUri: context.extensionUri,
    firstSteps,
    articleUri,
    articleKey,
    currentClaim: current.current,
    onDidChangeCurrentClaim: current.onDidChange,
    setSelectedClaim: current.setSelected,
    selectedInPanel: () => (inPanel && store.claim(inPanel.article, inPanel.id) ? inPanel : undefined),
    setSelectedInPanel(ref) {
      inPanel = ref;
    },
    selectedSuggestion: () => selectedSuggestion,
    setSelectedSuggestion(ref) {
      selectedSuggestion = ref;
      keys.set(ContextKeys.suggestionSelected, !!ref);
    },
  };
}
