// "The claim the user is looking at": the one under the cursor in the active article, else the
// one picked in the Claims panel or the details view. Keeps the `claimAtCursor` and
// `articleHasClaims` context keys in step and fires when the current claim changes.
import * as vscode from 'vscode';
import { timed } from './perf';
import { Emitter, type Event } from '../core/events';
import type { ClaimStore } from '../core/store/claimStore';
import { mayReview } from '../core/workflow/reviews';
import { articleKey } from './articles';
import { ContextKeys, type ContextKeySetter } from './contextKeys';
import type { ClaimRef } from './services';

export interface CurrentClaim {
  current(): ClaimRef | undefined;
  readonly onDidChange: Event<ClaimRef | undefined>;
  /** The claim picked in the tree or details view (undefined: none). */
  setSelected(ref: ClaimRef | undefined): void;
}

export function trackCurrentClaim(context: vscode.ExtensionContext, store: ClaimStore, keys: ContextKeySetter): CurrentClaim {
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
    const state = editor ? store.state(articleKey(editor.document.uri)) : undefined;
    keys.set(ContextKeys.articleHasClaims, !!state?.claimCount);
    keys.set(ContextKeys.claimAtCursor, !!atCursor());
    const now = current();
    const entry = now ? store.claim(now.article, now.id) : undefined;
    keys.set(ContextKeys.canReviewClaim, !!entry && mayReview(entry.claim, 'dispute', store.scale, store.me()).ok);
    if (now?.article !== last?.article || now?.id !== last?.id) {
      last = now;
      changed.fire(now);
    }
  });

  context.subscriptions.push(
    vscode.window.onDidChangeTextEditorSelection(update),
    vscode.window.onDidChangeActiveTextEditor(update),
    store.onDidChange(update),
    { dispose: () => changed.dispose() },
  );

  return {
    current,
    onDidChange: changed.event,
    setSelected(ref) {
      selected = ref;
      update();
    },
  };
}
