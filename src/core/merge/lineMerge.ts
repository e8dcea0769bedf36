// A three-way merge of texts by lines, as `git merge-file` does it: a change made on one side
// only is taken; changes on both sides that overlap or touch (no unchanged line between them)
// are a conflict unless they are the same, and are written between git's markers. Pure, so
// that the merge driver's formatting merge is the same wherever it runs and is unit-tested.
import { myersMatches } from '../history/myers';

export interface LineMergeLabels { ours: string; base: string; theirs: string }

export interface LineMergeResult {
  text: string;
  /** Conflict hunks written with markers (0: merged cleanly). */
  conflicts: number;
}

export interface LineMergeOptions {
  labels?: LineMergeLabels;
  /** Write the base's lines of each conflict too (`|||||||`), as git's diff3 style does. */
  diff3?: boolean;
}

/** Beyond this many changed lines a side counts as rewritten between its first and last difference. */
const MAX_EDITS = 20_000;

interface Hunk { side: 0 | 1; baseStart: number; baseEnd: number; start: number; end: number }

export function mergeLines(base: string, ours: string, theirs: string, options: LineMergeOptions = {}): LineMergeResult {
  const labels = options.labels ?? { ours: 'ours', base: 'base', theirs: 'theirs' };
  const b = splitLines(base), o = splitLines(ours), t = splitLines(theirs);
  const ids = new Map<string, number>();
  const idOf = (line: string) => { let id = ids.get(line); if (id === undefined) ids.set(line, id = ids.size); return id; };
  const lb = Int32Array.from(b, idOf), lo = Int32Array.from(o, idOf), lt = Int32Array.from(t, idOf);
  const hunks = [...hunksOf(lb, lo, 0), ...hunksOf(lb, lt, 1)].sort((x, y) => x.baseStart - y.baseStart || x.side - y.side);
  const sides = [o, t];
  const eol = /\r\n/.test(ours) ? '\r\n' : '\n';
  const out: string[] = [];
  let conflicts = 0;
  let cursor = 0; // next base line not yet written
  // Where a base position lands in a side: shifted by that side's hunks before it.
  const shift = [0, 0];
  for (let i = 0; i < hunks.length;) {
    let end = hunks[i].baseEnd;
    let j = i + 1;
    while (j < hunks.length && hunks[j].baseStart <= end) { end = Math.max(end, hunks[j].baseEnd); j++; }
    const group = hunks.slice(i, j);
    const start = group[0].baseStart;
    out.push(...b.slice(cursor, start));
    const range = (side: 0 | 1): string[] => {
      const own = group.filter((h) => h.side === side);
      const from = start + shift[side];
      const delta = own.reduce((d, h) => d + (h.end - h.start) - (h.baseEnd - h.baseStart), 0);
      return sides[side].slice(from, end + shift[side] + delta);
    };
    const present = new Set(group.map((h) => h.side));
    const mine = range(0), yours = range(1);
    if (present.size === 1) out.push(...(present.has(0) ? mine : yours));
    else if (mine.join('') === yours.join('')) out.push(...mine);
    else {
      conflicts++;
      const block = (lines: string[]) => { out.push(...lines); if (lines.length && !lines[lines.length - 1].endsWith('\n')) out.push(eol); };
      out.push(`<<<<<<< ${labels.ours}${eol}`);
      block(mine);
      if (options.diff3) { out.push(`||||||| ${labels.base}${eol}`); block(b.slice(start, end)); }
      out.push(`=======${eol}`);
      block(yours);
      out.push(`>>>>>>> ${labels.theirs}${eol}`);
    }
    for (const h of group) shift[h.side] += (h.end - h.start) - (h.baseEnd - h.baseStart);
    cursor = end;
    i = j;
  }
  out.push(...b.slice(cursor));
  return { text: out.join(''), conflicts };
}

/** The changed regions of `side` against `base`, as base and side line ranges. */
function hunksOf(base: Int32Array, side: Int32Array, which: 0 | 1): Hunk[] {
  const matches = myersMatches(base, side, MAX_EDITS) ?? trimmed(base, side);
  const hunks: Hunk[] = [];
  let bi = 0, si = 0;
  for (const m of [...matches, { aStart: base.length, bStart: side.length, length: 0 }]) {
    if (m.aStart > bi || m.bStart > si) hunks.push({ side: which, baseStart: bi, baseEnd: m.aStart, start: si, end: m.bStart });
    bi = m.aStart + m.length;
    si = m.bStart + m.length;
  }
  return hunks;
}

/** Only the common prefix and suffix, when the full diff would cost too much. */
function trimmed(a: Int32Array, b: Int32Array) {
  let pre = 0;
  const min = Math.min(a.length, b.length);
  while (pre < min && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < min - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const out = [];
  if (pre) out.push({ aStart: 0, bStart: 0, length: pre });
  if (suf) out.push({ aStart: a.length - suf, bStart: b.length - suf, length: suf });
  return out;
}

/** Lines with their line breaks; the last one may have none. */
function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}
