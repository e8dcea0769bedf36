// The names of the `when`-clause context keys Factmark sets (package.json menus, keybindings and
// walkthrough completion events use them). No `vscode` import, so that a unit test can check
// the manifest against them.

export const ContextKeys = {
  claimAtCursor: 'factmark.claimAtCursor',
  articleHasClaims: 'factmark.articleHasClaims',
  canUndoDelete: 'factmark.canUndoDelete',
  /** The cursor is in a suggested sentence (editor keybindings Accept/Dismiss Suggestion). */
  suggestionAtCursor: 'factmark.suggestionAtCursor',
  /** The Claims panel's selection is a suggestion (its Ctrl+Enter/Delete keys). */
  suggestionSelected: 'factmark.suggestionSelected',
  /** Anchor state of the current claim (cursor, else the panel's selection); '' when there is none. */
  currentClaimState: 'factmark.currentClaimState',
  /** The current claim cites at least one source (Edit Source, Remove Source). */
  currentClaimHasSources: 'factmark.currentClaimHasSources',
  /** The active article has a claim whose words changed (Accept New Wording offers a pick). */
  articleHasChangedClaims: 'factmark.articleHasChangedClaims',
  /** Some sidecar has a conflict to resolve: changed on disk and here, or git's markers. */
  hasConflicts: 'factmark.hasConflicts',
  /** Some article shows suggestions (Clear Suggestions). */
  hasSuggestions: 'factmark.hasSuggestions',
  /** The current claim is a verdict someone other than its rater (the current user) may review: Approve/Dispute. */
  canReviewClaim: 'factmark.canReviewClaim',
} as const;

/** Set by the Claims panel: its grouping (`article` | `status`) and whether a filter is on. */
export const TreeContextKeys = {
  groupBy: 'factmark.groupBy',
  filtered: 'factmark.filtered',
} as const;

/** The walkthrough's steps, in order; each sets `factmark.step.<id>` once taken (firstSteps.ts). */
export const FIRST_STEPS = ['open', 'mark', 'status', 'source', 'review'] as const;
export type FirstStep = (typeof FIRST_STEPS)[number];

export function stepContextKey(step: FirstStep): string {
  return `factmark.step.${step}`;
}

/**
 * Set once Factmark's walkthrough has been open in this window (firstSteps.ts): each step's
 * completion event asks for it as well as for the step, so that the event turns true only after
 * VS Code has read the walkthrough (see firstSteps.ts for why).
 */
export const WALKTHROUGH_SHOWN = 'factmark.walkthroughShown';

/** The `onContext:` expression that ticks a step of the walkthrough. */
export function stepCompletion(step: FirstStep): string {
  return `${stepContextKey(step)} && ${WALKTHROUGH_SHOWN}`;
}

/** Every context key Factmark sets. */
export function allContextKeys(): string[] {
  return [...Object.values(ContextKeys), ...Object.values(TreeContextKeys), ...FIRST_STEPS.map(stepContextKey), WALKTHROUGH_SHOWN];
}
