// Every command Factmark contributes (package.json `contributes.commands`), in one list. The
// table in commands.ts registers exactly these, each from one handler; a unit test holds this
// list and package.json to each other. No `vscode` import, so that plain Node can read it.
export const COMMAND_IDS = [
  // Marking and rating (commands/annotate.ts)
  'factmark.markClaim', 'factmark.setStatus',
  'factmark.editExplanation', 'factmark.editClaimant', 'factmark.editTags',
  'factmark.deleteClaim', 'factmark.undoDelete',
  // Sources (commands/sources.ts)
  'factmark.addSource', 'factmark.editSource', 'factmark.removeSource',
  // Claims whose words moved (commands/anchorFix.ts) and sidecar conflicts (commands/resolveConflicts.ts)
  'factmark.acceptWording', 'factmark.confirmPlace', 'factmark.reattach', 'factmark.resolveConflicts',
  // Going places (commands/navigation.ts)
  'factmark.openInSidecar', 'factmark.revealClaim', 'factmark.showDetails',
  'factmark.nextClaim', 'factmark.previousClaim', 'factmark.nextOpenClaim',
  'factmark.refresh', 'factmark.focusPanel',
  // The Claims panel's own (claimsTree.ts)
  'factmark.groupByArticle', 'factmark.groupByStatus', 'factmark.filter', 'factmark.clearFilter',
  'factmark.groupByReview', 'factmark.groupByAssignee', 'factmark.groupBy',
  'factmark.showAwaitingMyReview', 'factmark.showMyClaims',
  // The newsroom workflow (commands/workflow.ts) and the Desk (deskView.ts)
  'factmark.setStatusAndNext', 'factmark.approveClaim', 'factmark.disputeClaim', 'factmark.assignClaim',
  'factmark.showDesk',
  // Suggestions (commands/suggestions.ts)
  'factmark.suggestClaims', 'factmark.acceptSuggestion', 'factmark.dismissSuggestion',
  'factmark.clearSuggestions', 'factmark.revealSuggestion',
  // Publishing (commands/publish.ts)
  'factmark.previewReport', 'factmark.export', 'factmark.import',
  'factmark.editPublished', 'factmark.editPublisher', 'factmark.editSummary',
  // Git (commands/gitSetup.ts)
  'factmark.setUpGitMerging',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];
