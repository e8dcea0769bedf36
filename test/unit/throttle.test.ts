// The throttle behind the claim details form's updates while typing (src/core/throttle.ts), on a
// fake clock: at once when idle, then once per period for the asks that came meanwhile, never a
// run owed after a reset or a dispose.
import * as assert from 'assert';
import { Throttle, type Timers } from '../../src/core/throttle';

/** A clock moved by hand: the timers due by `to` fire in order. */
function fakeClock(): Timers & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let next = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  return {
    set(fn, ms) { const id = next++; due.set(id, { at: now + ms, fn }); return id; },
    clear(handle) { due.delete(handle as number); },
    advance(ms) {
      const to = now + ms;
      for (;;) {
        const first = [...due].filter(([, t]) => t.at <= to).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!first) break;
        due.delete(first[0]);
        now = first[1].at;
        first[1].fn();
      }
      now = to;
    },
    pending: () => due.size,
  };
}

describe('Throttle', () => {
  it('runs the first ask at once, the asks within the period once when it is up, and nothing more', () => {
    const clock = fakeClock();
    let runs = 0;
    const t = new Throttle(() => runs++, 100, clock);
    t.ask();
    assert.strictEqual(runs, 1, 'the first ask ran at once');
    for (let i = 0; i < 5; i++) { clock.advance(15); t.ask(); }
    assert.strictEqual(runs, 1, 'asks within the period waited');
    clock.advance(24);
    assert.strictEqual(runs, 1);
    clock.advance(1);
    assert.strictEqual(runs, 2, 'the asks of the period ran once when it was up');
    clock.advance(100);
    assert.strictEqual(runs, 2, 'no ask came in the next period: nothing ran');
    assert.strictEqual(clock.pending(), 0, 'no timer left');
    t.ask();
    assert.strictEqual(runs, 3, 'idle again: at once');
  });

  it('keeps running once per period while asks keep coming', () => {
    const clock = fakeClock();
    let runs = 0;
    const t = new Throttle(() => runs++, 100, clock);
    for (let ms = 0; ms < 1000; ms += 10) { t.ask(); clock.advance(10); }
    assert.ok(runs >= 10 && runs <= 11, `${runs} runs for 100 asks over 1,000 ms`);
    clock.advance(200);
    assert.ok(runs <= 11);
  });

  it('after a reset (the state sent by other means), owes nothing and runs the next ask at once', () => {
    const clock = fakeClock();
    let runs = 0;
    const t = new Throttle(() => runs++, 100, clock);
    t.ask();
    t.ask();
    t.reset();
    assert.strictEqual(clock.pending(), 0, 'the timer was cleared');
    clock.advance(200);
    assert.strictEqual(runs, 1, 'the ask before the reset was not run after it');
    t.ask();
    assert.strictEqual(runs, 2, 'at once after a reset, though within the period of the first');
  });

  it('a run that resets the throttle itself (as the form\'s post does) still holds the next asks back', () => {
    const clock = fakeClock();
    let runs = 0;
    let t: Throttle;
    t = new Throttle(() => { runs++; t.reset(); }, 100, clock);
    t.ask();
    t.ask();
    t.ask();
    assert.strictEqual(runs, 1);
    clock.advance(100);
    assert.strictEqual(runs, 2);
  });

  it('runs nothing after it is disposed', () => {
    const clock = fakeClock();
    let runs = 0;
    const t = new Throttle(() => runs++, 100, clock);
    t.ask();
    t.ask();
    t.dispose();
    clock.advance(500);
    assert.strictEqual(runs, 1);
    assert.strictEqual(clock.pending(), 0);
  });
});
