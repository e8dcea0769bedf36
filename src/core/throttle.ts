// A run that is asked for far more often than it is worth doing (the claim details form, sent
// the words of the claim typed in at every keystroke): done at once when asked while idle, then
// at most once per period for the asks that came meanwhile, the last state being what it sends.
// Plain TypeScript: the timers are given (setTimeout in the extension, a fake clock in tests).

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export class Throttle {
  /** The period's timer while one runs (undefined: idle). */
  private timer: unknown;
  private asked = false;

  constructor(private readonly run: () => void, private readonly ms: number, private readonly timers: Timers) {}

  /** Runs now when nothing ran within the period; else once the period is up (once, for every ask meanwhile). */
  ask(): void {
    if (this.timer !== undefined) { this.asked = true; return; }
    this.run();
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      if (this.asked) { this.asked = false; this.ask(); }
    }, this.ms);
  }

  /** What the run sends was sent by other means just now: nothing is owed, and the next ask runs at once. */
  reset(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    this.asked = false;
  }

  dispose(): void {
    this.reset();
  }
}
