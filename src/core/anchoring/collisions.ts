// Two claims marked on different words cannot both be on the same words now. When that happens
// (typically: one claim's words were edited away and a copy of them sits where another claim
// is), the claim that found them farther from where it was expected loses them and becomes
// ambiguous, instead of being silently put on its neighbour's words.
import type { AnchorResult, AnchorSelector } from './types';

function accepted(r: AnchorResult): boolean {
  return r.state === 'anchored' || r.state === 'moved' || r.state === 'changed';
}

/**
 * `expected[i]` is where claim i was predicted (raw offset), or undefined.
 * Mutates `results` in place. Claims recorded at the same place on the same words may share them.
 */
export function resolveCollisions(sels: readonly AnchorSelector[], results: AnchorResult[], expected: readonly (number | undefined)[]): void {
  const idx = results.map((_, i) => i).filter((i) => accepted(results[i]));
  idx.sort((a, b) => results[a].start! - results[b].start!);
  const miss = (i: number) => (expected[i] === undefined ? Infinity : Math.abs(results[i].start! - expected[i]!));
  let open = -1; // the accepted claim reaching farthest right so far
  for (const i of idx) {
    if (open >= 0 && results[i].start! < results[open].end! && !sameMark(sels[i], sels[open])) {
      const byContext = Math.abs(results[i].confidence - results[open].confidence) >= CONTEXT_MARGIN;
      const loser = loserOf(i, open, results, miss);
      const winner = loser === i ? open : i;
      downgrade(results[loser], byContext ? 'but another claim was found on these words with its recorded context' : 'but another claim was found on these words nearer its own expected place');
      if (loser === open) open = winner;
      continue;
    }
    if (open < 0 || results[i].end! > results[open].end!) open = i;
  }
}

/**
 * For claims anchored afresh while the others keep the places their edits carried them to
 * (ArticleModel.reanchorLost): a claim found on words one of those holds yields them, as the
 * farther claim does in resolveCollisions (a kept claim was found where it was and followed its
 * words since). Typically its own words were deleted and the only copy left is a twin sentence
 * another claim is on. Claims recorded at the same place on the same words may share them.
 * Mutates `results` in place.
 */
export function yieldToPlaced(sels: readonly AnchorSelector[], results: AnchorResult[],
  placed: readonly { readonly sel: AnchorSelector; readonly start: number; readonly end: number }[]): void {
  if (!placed.length) return;
  results.forEach((r, i) => {
    if (!accepted(r)) return;
    const holder = placed.find((p) => r.start! < p.end && p.start < r.end! && !sameMark(sels[i], p.sel));
    if (holder) downgrade(r, 'but another claim is on these words');
  });
}

/**
 * Which of two claims found on the same words loses them: the one whose recorded context is
 * clearly not there (its confidence well below the other's), else the one found farther from
 * where it was expected. Distance alone misleads when the words before both were deleted: the
 * first claim, found on its twin sentence, moves the prediction for the second past its own words.
 */
function loserOf(a: number, b: number, results: readonly AnchorResult[], miss: (i: number) => number): number {
  const ca = results[a].confidence, cb = results[b].confidence;
  if (Math.abs(ca - cb) >= CONTEXT_MARGIN) return ca < cb ? a : b;
  return miss(a) > miss(b) ? a : b;
}
/** A difference of confidence that says one claim's context is there and the other's is not (matching context scores ~0.95, rewritten ~0.75). */
const CONTEXT_MARGIN = 0.1;

function sameMark(a: AnchorSelector, b: AnchorSelector): boolean {
  return a.offset === b.offset && a.quote === b.quote;
}

function downgrade(r: AnchorResult, why: string): void {
  r.candidates = [{ start: r.start!, end: r.end!, score: r.confidence }];
  r.state = 'ambiguous';
  r.confidence = Math.round(r.confidence * 500) / 1000;
  r.reason = `${r.reason}; ${why}`;
}

/**
 * Claims keep their article order under ordinary editing. A claim found far from its prediction
 * and out of order with the neighbours that were found where predicted is more likely a copy of
 * its words than the claim itself — when there is a choice: a claim found in the only place
 * that resembles it (`r.alone`, or `alone(i)` when asked: a search of the whole text says so) is
 * a moved paragraph, and order does not veto it.
 * `order` lists claim indices by recorded offset; `confirmed[i]` = found close to its prediction.
 */
export function flagOutOfOrder(order: readonly number[], results: AnchorResult[], confirmed: readonly boolean[], alone: (i: number) => boolean = () => false): void {
  const prevConfirmed: number[] = new Array(order.length);
  let last = -1;
  for (let k = 0; k < order.length; k++) {
    prevConfirmed[k] = last;
    if (confirmed[order[k]]) last = order[k];
  }
  let next = -1;
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k];
    const r = results[i];
    if (!confirmed[i] && accepted(r) && !r.alone) {
      const p = prevConfirmed[k];
      const before = p >= 0 && r.start! < results[p].start!;
      const after = next >= 0 && r.start! > results[next].start!;
      if ((before || after) && !alone(i)) {
        downgrade(r, 'but that is out of order with the claims around it');
      }
    }
    if (confirmed[i]) next = i;
  }
}
