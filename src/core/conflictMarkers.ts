// A file with git conflict markers (`<<<<<<<`, `=======`, `>>>>>>>`, and `|||||||` for diff3)
// split into the two versions it stands for, so that each can be parsed and merged by claim id.

export interface ConflictSides { ours: string; theirs: string; hunks: number }

const START = /^<{7}(?: |$)/;
const BASE = /^\|{7}(?: |$)/;
const MID = /^={7}$/;
const END = /^>{7}(?: |$)/;

export function hasConflictMarkers(text: string): boolean {
  return /^<{7}(?: |$)/m.test(text) && /^>{7}(?: |$)/m.test(text);
}

/** Undefined when there are no markers or they are not well nested. */
export function splitConflict(text: string): ConflictSides | undefined {
  const lines = text.split(/(?<=\n)/);
  let ours = '', theirs = '', hunks = 0;
  let mode: 'both' | 'ours' | 'base' | 'theirs' = 'both';
  for (const line of lines) {
    const bare = line.replace(/\r?\n$/, '');
    if (START.test(bare)) { if (mode !== 'both') return undefined; mode = 'ours'; hunks++; continue; }
    if (BASE.test(bare) && mode === 'ours') { mode = 'base'; continue; }
    if (MID.test(bare) && (mode === 'ours' || mode === 'base')) { mode = 'theirs'; continue; }
    if (END.test(bare)) { if (mode !== 'theirs') return undefined; mode = 'both'; continue; }
    if (mode === 'both' || mode === 'ours') ours += line;
    if (mode === 'both' || mode === 'theirs') theirs += line;
  }
  if (mode !== 'both' || hunks === 0) return undefined;
  return { ours, theirs, hunks };
}
