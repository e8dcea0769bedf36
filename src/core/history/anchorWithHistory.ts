// anchorAll, helped by the article's previous version: claims not at their recorded place are
// first followed through the edits since that version (carryThroughHistory); the claims whose
// words were untouched are placed there for certain, the others are searched for with the
// carried positions as hints.
import { anchorAll } from '../anchoring/anchor';
import type { AnchorResult, AnchorSelector } from '../anchoring/types';
import { carryThroughHistory, isCarried } from './carryThroughHistory';

/** The article as it was when the sidecar last matched it (e.g. at the sidecar's last commit). */
export interface ArticleVersion {
  text: string;
  /** Where it comes from, for reasons shown to people (a commit id). */
  label: string;
}

export const CARRIED_REASON = 'carried through git history';

/**
 * Results in the order of `sels`, meaning the same as anchorAll's. `previous` is called only
 * when some claim is not at its recorded place (it may be costly: it asks git).
 */
export function anchorWithHistory(text: string, sels: readonly AnchorSelector[], previous?: () => ArticleVersion | undefined): AnchorResult[] {
  const first = anchorAll(text, sels);
  if (!previous || first.every((r) => r.state === 'anchored')) return first;
  const old = previous();
  if (!old || old.text === text) return first;
  const carry = carryThroughHistory(old.text, text, sels);
  if (carry.outcomes.every((o) => o === 'unknown')) return first;
  const second = anchorAll(text, carry.selectors);
  const results = sels.map((sel, i): AnchorResult => {
    const at = carry.ranges[i];
    if (!isCarried(carry.outcomes[i]) || !at) return carry.outcomes[i] === 'edited' ? second[i] : first[i];
    const how = carry.outcomes[i] === 'moved-block' ? ', with the paragraph it is in' : '';
    return {
      state: at.start === sel.offset ? 'anchored' : 'moved',
      method: 'position',
      start: at.start,
      end: at.end,
      text: text.slice(at.start, at.end),
      confidence: carry.outcomes[i] === 'carried' ? 0.95 : 0.85,
      reason: `${CARRIED_REASON} (since ${old.label})${how}`,
    };
  });
  // A claim searched for cannot take words a carried claim is known to be on (unless both
  // were marked on the same words).
  const carried = sels.map((_, i) => i).filter((i) => isCarried(carry.outcomes[i]) && carry.ranges[i]);
  results.forEach((r, i) => {
    if (isCarried(carry.outcomes[i]) || r.start === undefined || r.end === undefined) return;
    if (r.state !== 'anchored' && r.state !== 'moved' && r.state !== 'changed') return;
    const sameMark = (j: number) => sels[j].offset === sels[i].offset && sels[j].quote === sels[i].quote;
    if (carried.some((j) => results[j].start! < r.end! && r.start! < results[j].end! && !sameMark(j))) {
      results[i] = { ...r, state: 'ambiguous', confidence: Math.round(r.confidence * 500) / 1000,
        candidates: [{ start: r.start, end: r.end, score: r.confidence }],
        reason: `${r.reason}; but another claim was carried onto these words through git history` };
    }
  });
  return results;
}
