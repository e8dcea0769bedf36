// A text with git conflict markers split into the versions it stands for: ours, theirs, and
// the common base when git wrote diff3-style hunks (`|||||||`). Works on any text; the callers
// parse each version as a sidecar and merge claim by claim.

export interface SplitConflicts {
  ours: string;
  theirs: string;
  /** Only when every hunk has a base section (merge.conflictStyle diff3 or zdiff3). */
  base?: string;
  hunks: number;
}

const START = /^<{7}(?:[ \t]|$)/;
const BASE = /^\|{7}(?:[ \t]|$)/;
const MID = /^={7}$/;
const END = /^>{7}(?:[ \t]|$)/;

/** Whether the text holds git conflict markers (an opening and a closing line). */
export function hasConflictMarkers(text: string): boolean {
  return /^<{7}(?:[ \t]|$)/m.test(text) && /^>{7}(?:[ \t]|$)/m.test(text);
}

/** Undefined when there are no markers or they are not well nested. */
export function splitConflicts(text: string): SplitConflicts | undefined {
  let ours = '', theirs = '', base = '', hunks = 0, hunksWithBase = 0;
  let mode: 'common' | 'ours' | 'base' | 'theirs' = 'common';
  for (const line of text.split(/(?<=\n)/)) {
    const bare = line.replace(/\r?\n$/, '');
    if (START.test(bare)) { if (mode !== 'common') return undefined; mode = 'ours'; hunks++; continue; }
    if (BASE.test(bare) && mode === 'ours') { mode = 'base'; hunksWithBase++; continue; }
    if (MID.test(bare) && (mode === 'ours' || mode === 'base')) { mode = 'theirs'; continue; }
    if (END.test(bare)) { if (mode !== 'theirs') return undefined; mode = 'common'; continue; }
    if (mode === 'common' || mode === 'ours') ours += line;
    if (mode === 'common' || mode === 'theirs') theirs += line;
    if (mode === 'common' || mode === 'base') base += line;
  }
  if (mode !== 'common' || hunks === 0) return undefined;
  return hunksWithBase === hunks ? { ours, theirs, base, hunks } : { ours, theirs, hunks };
}
