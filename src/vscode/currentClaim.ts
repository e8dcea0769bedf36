// "The claim the user is looking at": the one under the cursor in the active article, else the
// one picked in the Claims panel or the details view. Keeps the context keys that say what the
// palette's situational commands can act on in step (see contextKeyNames.ts) and fires when the
// current claim changes; records the walkthrough's "open an article" step.
import * as vscode from 'vscode';
import { timed } from './perf';
import { Emitter, type Event } from '../core/events';
import type { ClaimStore } from '../core/store/claimStore';
import type { StoreChange } from '../core/store/types';
import type { SuggestionStore } from '../core/suggest/suggestionStore';
import { mayReview } from '../core/workflow/reviews';
import { articleKey, isArticleDocument } from './articles';
import { ContextKeys, type ContextKeySetter } from './contextKeys';
import type { FirstSteps } from './firstSteps';
import type { ClaimRef } from './services';

export interface CurrentClaim {
  current(): ClaimRef | undefined;
  readonly onDidChange: Event<ClaimRef | undefined>;
  /** The claim picked in the tree or details view (undefined: none). */
  setSelected(ref: ClaimRef | undefined): void;
}

export function trackCurrentClaim(context: vscode.ExtensionContext, store: ClaimStore, keys: ContextKeySetter, suggestions: SuggestionStore, firstSteps: FirstSteps): CurrentClaim {
  const changed = new Emitter<ClaimRef | undefined>();
  let selected: ClaimRef | undefined;
  let last: ClaimRef | undefined;

  const atCursor = (): ClaimRef | undefined => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const key = articleKey(editor.document.uri);
    // Runs on every keystroke and cursor move: asks the store directly, no snapshot is built.
    const entry = store.claimAt(key, editor.document.offsetAt(editor.selection.active));
    return entry ? { article: key, id: entry.claim.id } : undefined;
  };

  const current = (): ClaimRef | undefined => {
    const ref = atCursor() ?? selected;
    // A claim deleted since it was picked is no longer current.
    return ref && store.claim(ref.article, ref.id) ? ref : undefined;
  };

  const update = () => timed('cursor', () => {
    const editor = vscode.window.activeTextEditor;
    if (editor && isArticleDocument(editor.document) && !editor.document.isUntitled) firstSteps.did('open');
    const key = editor ? articleKey(editor.document.uri) : undefined;
    const state = key ? store.state(key) : undefined;
    keys.set(ContextKeys.articleHasClaims, !!state?.claimCount);
    // The store's cached progress: no snapshot of the article's claims is built per cursor move.
    keys.set(ContextKeys.articleHasChangedClaims, !!(key && state?.claimCount && store.progress(key)?.wordsChanged));
    // The claim at the cursor looked up once (current() would look it up again), and its entry once.
    const at = atCursor();
    keys.set(ContextKeys.claimAtCursor, !!at);
    const ref = at ?? selected;
    const entry = ref ? store.claim(ref.article, ref.id) : undefined;
    // As current(): a claim deleted since it was picked is no longer current.
    const now = entry ? ref : undefined;
    keys.set(ContextKeys.canReviewClaim, !!entry && mayReview(entry.claim, 'dispute', store.scale, store.me()).ok);
    keys.set(ContextKeys.currentClaimState, entry?.state ?? '');
    keys.set(ContextKeys.currentClaimHasSources, !!entry?.claim.sources.length);
    if (now?.article !== last?.article || now?.id !== last?.id) {
      last = now;
      changed.fire(now);
    }
  });

  // Articles whose sidecar has a conflict to resolve; looked at only when a sidecar is (re)loaded
  // or its conflicts resolved, so that typing costs nothing here.
  const conflicted = new Set<string>();
  const trackConflicts = (e: StoreChange) => {
    if (e.kind !== 'loaded' && e.kind !== 'removed' && !(e.kind === 'claims' && !e.ids)) return;
    for (const article of e.articles) {
      const snap = e.kind === 'removed' ? undefined : store.state(article);
      const has = !!snap && (snap.sidecarState === 'conflict' || (snap.sidecarState === 'broken' && snap.problems.some((p) => p.code === 'git-conflict')));
      if (has) conflicted.add(article); else conflicted.delete(article);
    }
    keys.set(ContextKeys.hasConflicts, conflicted.size > 0);
  };

  context.subscriptions.push(
    vscode.window.onDidChangeTextEditorSelection(update),
    vscode.window.onDidChangeActiveTextEditor(update),
    store.onDidChange((e) => {
      trackConflicts(e);
      // Typing that touched no claim: the cursor's own move (a selection event) is what may change
      // the current claim; the keystroke is not worked through twice.
      if (e.kind === 'anchors' && e.ids?.length === 0) return;
      update();
    }),
    suggestions.onDidChange(() => keys.set(ContextKeys.hasSuggestions, suggestions.articles().some((a) => !!suggestions.get(a)?.length))),
    { dispose: () => changed.dispose() },
  );
  update();

  return {
    current,
    onDidChange: changed.event,
    setSelected(ref) {
      selected = ref;
      update();
    },
  };
}
