// The extension's work timings (src/vscode/perf.ts, no vscode import): work timed inside other
// timed work (a store event's listeners run inside the change handler that fired it) counts once,
// under its own name, so that the bench's sum of the timings is the work done, not more.
import * as assert from 'assert';
import { timed, timingDepth, timings } from '../../src/vscode/perf';

/** Keeps the thread busy for at least `ms` (the point is that time passes inside the inner call). */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) { /* spin */ }
}

describe('perf timings', () => {
  it('a timed call inside another is counted under its own name and left out of the outer one', () => {
    const before = timings();
    const t0 = performance.now();
    timed('typing', () => {
      timed('cursor', () => busy(20));
      timed('statusBar', () => timed('cursor', () => busy(5)));
    });
    const wall = performance.now() - t0;
    const after = timings();
    const added = (k: keyof typeof after) => after[k].totalMs - before[k].totalMs;
    assert.deepStrictEqual([after.typing.count - before.typing.count, after.cursor.count - before.cursor.count, after.statusBar.count - before.statusBar.count], [1, 2, 1]);
    // Counted twice, the inner 25 ms would make the sum exceed the wall time around it by 25 ms or more.
    const sum = added('typing') + added('cursor') + added('statusBar');
    assert.ok(sum <= wall + 0.001, `timings add up to ${sum.toFixed(3)} ms for ${wall.toFixed(3)} ms of work`);
    assert.ok(added('cursor') >= 25, `the inner calls keep their own time (${added('cursor').toFixed(3)} ms)`);
    assert.ok(added('typing') >= 0 && added('statusBar') >= 0, 'an outer timing went below zero');
  });

  it('a timed call that throws is still counted, and the next calls count from scratch', () => {
    const before = timings();
    assert.throws(() => timed('typing', () => { timed('cursor', () => busy(5)); throw new Error('boom'); }), /boom/);
    const t0 = performance.now();
    timed('diagnostics', () => busy(2));
    const wall = performance.now() - t0;
    const after = timings();
    assert.strictEqual(after.typing.count - before.typing.count, 1);
    const diag = after.diagnostics.totalMs - before.diagnostics.totalMs;
    assert.ok(diag >= 2 && diag <= wall + 0.001, `a top-level call after a nested one: ${diag.toFixed(3)} ms for ${wall.toFixed(3)} ms`);
  });

  it('holds no nested time between top-level calls, after nested work and after a throw', () => {
    const seen: { depth: number; nestedMs: number }[] = [];
    timed('typing', () => {
      timed('cursor', () => busy(2));
      seen.push(timingDepth()); // inside the outer call, after the inner one: its time is held for the outer
    });
    seen.push(timingDepth());
    assert.throws(() => timed('typing', () => timed('cursor', () => { busy(1); throw new Error('boom'); })), /boom/);
    seen.push(timingDepth());
    assert.strictEqual(seen[0].depth, 1);
    assert.ok(seen[0].nestedMs >= 2, `the inner call's time is held for the outer one (${seen[0].nestedMs.toFixed(3)} ms)`);
    assert.deepStrictEqual(seen.slice(1), [{ depth: 0, nestedMs: 0 }, { depth: 0, nestedMs: 0 }]);
  });
});
