// The edits that turn one version of an article into another, as TextChanges: lines are
// compared first (cheap, and what git does), then the characters of each changed block, so
// that a word edited elsewhere on a claim's line does not count as an edit of the claim.
import type { TextChange } from '../anchoring/editTracker';
import { myersMatches, type Match } from './myers';

/** Beyond this many changed lines the texts are treated as rewritten between the first and last difference. */
const MAX_LINE_EDITS = 4000;
/** Character diffs run only on changed blocks up to this size, with at most this many edits. */
const MAX_BLOCK_CHARS = 200_000;
const MAX_CHAR_EDITS = 2000;

/**
 * Changes from `oldText` to `newText` in UTF-16 offsets, from the last to the first: each
 * offset holds in the old text, and applying them in the order given (editTracker's
 * applyChanges) turns old into new.
 */
export function diffTexts(oldText: string, newText: string): TextChange[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const ids = new Map<string, number>();
  const idOf = (line: string) => { let id = ids.get(line); if (id === undefined) ids.set(line, id = ids.size); return id; };
  const la = Int32Array.from(a.lines, idOf);
  const lb = Int32Array.from(b.lines, idOf);
  const lineRuns = myersMatches(la, lb, MAX_LINE_EDITS) ?? trimmedOnly(la, lb);
  const changes: TextChange[] = [];
  for (const gap of gaps(lineRuns, la.length, lb.length)) {
    const oldStart = a.starts[gap.a0], oldEnd = a.starts[gap.a1];
    const newStart = b.starts[gap.b0], newEnd = b.starts[gap.b1];
    changes.push(...charChanges(oldText, oldStart, oldEnd, newText, newStart, newEnd));
  }
  return changes.reverse();
}

/** Applies changes as returned by diffTexts (last to first) to a text. */
export function applyTextChanges(text: string, changes: readonly TextChange[]): string {
  let out = text;
  for (const c of changes) out = out.slice(0, c.offset) + c.inserted + out.slice(c.offset + c.removed);
  return out;
}

function splitLines(text: string): { lines: string[]; starts: number[] } {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const starts = [0];
  for (const l of lines) starts.push(starts[starts.length - 1] + l.length);
  return { lines, starts };
}

/** Common prefix and suffix only: what is left when the full diff would cost too much. */
function trimmedOnly(a: ArrayLike<number>, b: ArrayLike<number>): Match[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const out: Match[] = [];
  if (pre) out.push({ aStart: 0, bStart: 0, length: pre });
  if (suf) out.push({ aStart: a.length - suf, bStart: b.length - suf, length: suf });
  return out;
}

interface Gap { a0: number; a1: number; b0: number; b1: number }

/** The stretches between matched runs (non-empty on at least one side), in order. */
function gaps(runs: Match[], n: number, m: number): Gap[] {
  const out: Gap[] = [];
  let ai = 0, bi = 0;
  for (const r of [...runs, { aStart: n, bStart: m, length: 0 }]) {
    if (r.aStart > ai || r.bStart > bi) out.push({ a0: ai, a1: r.aStart, b0: bi, b1: r.bStart });
    ai = r.aStart + r.length;
    bi = r.bStart + r.length;
  }
  return out;
}

/** Changes within one changed block, ascending; the whole block as one change when too big to refine. */
function charChanges(oldText: string, o0: number, o1: number, newText: string, n0: number, n1: number): TextChange[] {
  const whole = [{ offset: o0, removed: o1 - o0, inserted: newText.slice(n0, n1) }];
  if (o0 === o1 || n0 === n1 || o1 - o0 > MAX_BLOCK_CHARS || n1 - n0 > MAX_BLOCK_CHARS) return whole;
  const ca = codes(oldText, o0, o1);
  const cb = codes(newText, n0, n1);
  const runs = myersMatches(ca, cb, MAX_CHAR_EDITS);
  if (!runs) return whole;
  return gaps(runs, ca.length, cb.length).map((g) => ({
    offset: o0 + g.a0,
    removed: g.a1 - g.a0,
    inserted: newText.slice(n0 + g.b0, n0 + g.b1),
  }));
}

function codes(text: string, from: number, to: number): Uint16Array {
  const out = new Uint16Array(to - from);
  for (let i = from; i < to; i++) out[i - from] = text.charCodeAt(i);
  return out;
}
