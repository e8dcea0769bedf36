// What a claim's anchor state means for the user, and what to do next: the same words in the
// hover, the Claims panel's tooltip and the Claim Details view, so that an orphan's next step
// (re-attach or delete) reads the same wherever it is seen. Pure; the callers escape the text.
import type { ClaimEntry } from '../store/types';
import { normalizeForCompare } from '../anchoring/normalize';
import { oneLine } from './displayText';

/** The actions a claim in a state offers, in the order they are shown. */
export type StateAction = 'acceptWording' | 'confirmPlace' | 'reattach' | 'delete';

export interface StateNotice {
  /** One line, e.g. "⚠ Not found in the article." */
  title: string;
  /** Why, in words a fact-checker reads (not the matcher's jargon); absent when the title says it. */
  detail?: string;
  /** What to do about it. */
  next: string;
  actions: readonly StateAction[];
}

/** The anchoring's generic reason for an orphan: it says no more than the title. */
const GENERIC_ORPHAN = /^not found(,| |$)/i;

export function stateNotice(entry: ClaimEntry, options: { articleMissing?: boolean } = {}): StateNotice | undefined {
  switch (entry.state) {
    case 'changed':
      return {
        title: '⟲ The words changed since this claim was rated.',
        next: 'Read them again, then accept the new wording (and re-check the status), or re-attach the claim to other words.',
        actions: ['acceptWording', 'reattach'],
      };
    case 'ambiguous':
      return {
        title: '⟲ Unsure where this claim is now.',
        detail: entry.reason || undefined,
        next: 'Check the highlighted words. If they are the claim, confirm its place; if not, select the right words and re-attach it.',
        actions: ['confirmPlace', 'reattach'],
      };
    case 'orphaned':
      return {
        title: '⚠ Not found in the article.',
        detail: options.articleMissing
          ? 'The article file is missing (renamed or deleted outside the editor?).'
          : !entry.reason || GENERIC_ORPHAN.test(entry.reason)
            ? 'Its words were deleted, or rewritten beyond recognition.'
            : capitalise(entry.reason) + '.',
        next: options.articleMissing
          ? 'Rename the sidecar with its article to place the claims again, or delete the claim.'
          : 'Select the words it now refers to and re-attach it, or delete the claim if it is gone.',
        actions: options.articleMissing ? ['delete'] : ['reattach', 'delete'],
      };
    case 'unresolved':
      return { title: 'The article has not been read yet.', next: 'Open the article to place its claims.', actions: [] };
    default:
      // Its words are accepted (Accept New Wording, Re-attach), its verdict is not yet.
      return entry.claim.recheck
        ? { title: '⟲ Verdict not re-confirmed.', detail: 'The claim’s words changed since its status was set.', next: 'Read them, then set the status again (the same one, if it still holds).', actions: [] }
        : undefined;
  }
}

/** Reattach's question for a claim that is placed: old and new words named, and whether the verdict will need re-checking. */
export function reattachQuestion(oldQuote: string, newQuote: string, rated: boolean): { message: string; detail: string; recheck: boolean } {
  // The same words as the store sees them (curly or straight quotes, spacing): no re-check then.
  const same = normalizeForCompare(oldQuote) === normalizeForCompare(newQuote);
  const oldWords = oneLine(oldQuote, 200);
  const newWords = oneLine(newQuote, 200);
  return {
    message: same ? 'Move this claim to the same words at the selection?' : 'Re-attach this claim to other words?',
    detail: same
      ? `Its words: “${oldWords}”. Only its place changes.`
      : `Now on: “${oldWords}”\nWould be on: “${newWords}”\n${rated ? 'Its verdict was given for the old words: it will be marked to re-check.' : 'It has no verdict yet.'}`,
    recheck: !same && rated,
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
