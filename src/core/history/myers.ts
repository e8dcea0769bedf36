// Myers' O((N+M)·D) difference algorithm over sequences of numbers (line ids or char codes).
// Small and dependency-free; a cap on D keeps a wholesale rewrite from costing O(N·M).

/** A run of equal elements: a[aStart..aStart+length) equals b[bStart..bStart+length). */
export interface Match { aStart: number; bStart: number; length: number }

/**
 * The runs the two sequences have in common (a longest common subsequence), in order; or
 * undefined when more than `maxEdits` insertions and deletions are needed.
 */
export function myersMatches(a: ArrayLike<number>, b: ArrayLike<number>, maxEdits: number): Match[] | undefined {
  // Common prefix and suffix first: most edits are local, and trimming makes D the only cost.
  let pre = 0;
  const minLen = Math.min(a.length, b.length);
  while (pre < minLen && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < minLen - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const n = a.length - pre - suf;
  const m = b.length - pre - suf;
  const middle = middleMatches(a, b, pre, n, m, maxEdits);
  if (!middle) return undefined;
  const out: Match[] = [];
  if (pre) out.push({ aStart: 0, bStart: 0, length: pre });
  out.push(...middle);
  if (suf) out.push({ aStart: a.length - suf, bStart: b.length - suf, length: suf });
  return out;
}

function middleMatches(a: ArrayLike<number>, b: ArrayLike<number>, off: number, n: number, m: number, maxEdits: number): Match[] | undefined {
  if (n === 0 || m === 0) return [];
  const max = Math.min(n + m, maxEdits);
  const size = 2 * max + 3;
  const shift = max + 1;
  const v = new Int32Array(size);
  // trace[d] holds v[-d..d] as it was before step d, for walking back.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(shift - d, shift + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[shift + k - 1] < v[shift + k + 1]) ? v[shift + k + 1] : v[shift + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[off + x] === b[off + y]) { x++; y++; }
      v[shift + k] = x;
      if (x >= n && y >= m) return backtrack(trace, d, n, m, off);
    }
  }
  return undefined;
}

function backtrack(trace: Int32Array[], dEnd: number, n: number, m: number, off: number): Match[] {
  const runs: Match[] = [];
  let x = n, y = m;
  for (let d = dEnd; d > 0; d--) {
    const prev = trace[d]; // v before step d: index k ↦ prev[k + d]
    const at = (k: number) => prev[k + d];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const pk = down ? k + 1 : k - 1;
    const px = at(pk);
    const py = px - pk;
    const sx = down ? px : px + 1; // where the snake of step d starts
    const sy = sx - k;
    if (x > sx) runs.push({ aStart: off + sx, bStart: off + sy, length: x - sx });
    x = px; y = py;
  }
  if (x > 0) runs.push({ aStart: off, bStart: off, length: x }); // the d = 0 snake
  return runs.reverse();
}
