// The `when`-clause context keys this layer owns (see package.json menus and keybindings).
import * as vscode from 'vscode';

export const ContextKeys = {
  claimAtCursor: 'factmark.claimAtCursor',
  articleHasClaims: 'factmark.articleHasClaims',
  canUndoDelete: 'factmark.canUndoDelete',
  /** The cursor is in a suggested sentence (editor keybindings Accept/Dismiss Suggestion). */
  suggestionAtCursor: 'factmark.suggestionAtCursor',
  /** The Claims panel's selection is a suggestion (its Ctrl+Enter/Delete keys). */
  suggestionSelected: 'factmark.suggestionSelected',
  /** The current claim is a verdict someone other than its rater (the current user) may review: Approve/Dispute. */
  canReviewClaim: 'factmark.canReviewClaim',
} as const;

type Key = (typeof ContextKeys)[keyof typeof ContextKeys];

/** Sets a context key only when its value changes (each set is a round trip to the workbench). */
export class ContextKeySetter {
  private readonly values = new Map<Key, unknown>();

  set(key: Key, value: boolean | string): void {
    if (this.values.get(key) === value) return;
    this.values.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }
}
