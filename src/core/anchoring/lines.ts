// 1-based lines as VS Code counts them: CRLF, LF and a lone CR each end a line.

/** Offsets at which each line starts (index 0 = line 1). */
export function lineStarts(text: string): Int32Array {
  return text.indexOf('\r') === -1 ? lfStarts(text) : anyEndStarts(text);
}

/**
 * lineStarts of a text without a CR (only LF ends a line there), found by native searches: five
 * or six times faster than a loop over every character (`factmark check` builds one table per
 * article, re-anchoring one per text).
 */
function lfStarts(text: string): Int32Array {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  const out = new Int32Array(lines);
  let k = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out[k++] = i + 1;
  return out;
}

/** lineStarts of any text: CRLF, LF and a lone CR each end a line. */
function anyEndStarts(text: string): Int32Array {
  const out: number[] = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) out.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) out.push(i + 1);
  }
  return Int32Array.from(out);
}

/** 1-based line containing `offset`. */
export function lineOf(starts: Int32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * 1-based line containing `offset`, counting the line ends before it, without building an array
 * (a claim's line is taken on every status change, in articles of megabytes). The same as
 * `lineOf(lineStarts(text.slice(0, offset)), offset)`: a CR just before `offset` ends a line.
 */
export function lineNumberAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  // A CR ends a line unless a LF follows it inside [0, offset) (then the LF was counted).
  for (let i = text.indexOf('\r'); i !== -1 && i < offset; i = text.indexOf('\r', i + 1)) {
    if (i + 1 >= offset || text.charCodeAt(i + 1) !== 10) line++;
  }
  return line;
}
