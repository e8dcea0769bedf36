// How much work the extension does where it matters for responsiveness: per keystroke in an
// article, per re-decoration, and how long the extension host was kept from answering while the
// workspace was scanned. Cheap (a clock read around each handler); read through api.perf() by
// the bench (`npm run bench`) and the integration tests, and summed up in the Factmark log.

/** Count, total and longest duration of one kind of work, in milliseconds. */
export interface Timing {
  readonly count: number;
  readonly totalMs: number;
  readonly maxMs: number;
  /** `performance.now()` when the last run started and ended (0 before the first). */
  readonly lastStartedAt: number;
  readonly lastEndedAt: number;
}

class Timer implements Timing {
  count = 0;
  totalMs = 0;
  maxMs = 0;
  lastStartedAt = 0;
  lastEndedAt = 0;

  /** `wallMs`: how long the run took from start to end, nested timed work included (default: `ms`). */
  add(ms: number, wallMs = ms): void {
    this.lastEndedAt = performance.now();
    this.lastStartedAt = this.lastEndedAt - wallMs;
    this.count++;
    this.totalMs += ms;
    if (ms > this.maxMs) this.maxMs = ms;
  }

  snapshot(): Timing {
    return { count: this.count, totalMs: this.totalMs, maxMs: this.maxMs, lastStartedAt: this.lastStartedAt, lastEndedAt: this.lastEndedAt };
  }
}

/**
 * `tracking`: the highlights' ranges carried through an edit (per keystroke, apart from the redraw after it); `diagnostics`: the policy's Problems of an article found or moved again (once typing pauses, or after a change);
 * `hover`: Factmark's hover provider from the moment VS Code asks it until it answers (waiting for the hovered article to be loaded included), apart from the other extensions' hovers the workbench also waits for;
 * `panel`: the Claims panel's own work: taking in the store's changes (the articles typed in, once typing pauses) and answering VS Code's requests for nodes and items.
 */
export type TimingName = 'typing' | 'cursor' | 'decorate' | 'statusBar' | 'tracking' | 'diagnostics' | 'hover' | 'panel' | 'details';

const NAMES: readonly TimingName[] = ['typing', 'cursor', 'decorate', 'statusBar', 'tracking', 'diagnostics', 'hover', 'panel', 'details'];
const timers = Object.fromEntries(NAMES.map((n) => [n, new Timer()])) as Record<TimingName, Timer>;

/** How many timed calls are running (one inside another: a store event's listeners run inside the change handler that fired it). */
let depth = 0;
/**
 * Time spent in timed work that ran inside the timed call now running (the cursor tracking and
 * the status bar after a keystroke inside a claim), to be left out of it, so that each
 * millisecond counts once and the timings add up to the work done. 0 whenever no timed call runs.
 */
let nested = 0;

/** Runs `fn`, adding its duration (less that of timed work inside it, counted under its own name) to the named timing. */
export function timed<T>(name: TimingName, fn: () => T): T {
  const outer = nested;
  nested = 0;
  depth++;
  const start = performance.now();
  try {
    return fn();
  } finally {
    const ms = performance.now() - start;
    timers[name].add(ms - nested, ms);
    depth--;
    // The caller's nested time grows by this call's; at the top level there is no caller.
    nested = depth ? outer + ms : 0;
  }
}

/** For tests: how many timed calls are running and the nested time held for the innermost (both 0 between calls). */
export function timingDepth(): { depth: number; nestedMs: number } {
  return { depth, nestedMs: nested };
}

/** Runs the async `fn`, adding the time until it settles to the named timing. */
export async function timedAsync<T>(name: TimingName, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    timers[name].add(performance.now() - start);
  }
}

export function timings(): Record<TimingName, Timing> {
  return Object.fromEntries(NAMES.map((n) => [n, timers[n].snapshot()])) as Record<TimingName, Timing>;
}

/**
 * The longest time the extension host's event loop went without running a timer, while
 * watched: a timer every TICK_MS, and the gap between two ticks minus TICK_MS is how long
 * everything else waited (a command, a hover, a keystroke of another extension).
 */
export class StallWatch {
  private static readonly TICK_MS = 10;
  private timer: ReturnType<typeof setInterval> | undefined;
  private last = 0;
  longestMs = 0;
  /** `performance.now()` when the longest stall ended (to find it in a CPU profile). */
  longestEndedAt = 0;
  /** Stalls over 100 ms (the bound), counted. */
  over100 = 0;

  private gap(now: number): void {
    const gap = now - this.last - StallWatch.TICK_MS;
    if (gap > 100) this.over100++;
    if (gap > this.longestMs) { this.longestMs = gap; this.longestEndedAt = now; }
  }

  start(): void {
    if (this.timer) return;
    this.last = performance.now();
    this.timer = setInterval(() => {
      const now = performance.now();
      this.gap(now);
      this.last = now;
    }, StallWatch.TICK_MS);
  }

  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    // The time since the last tick counts too (the work that ended the watch).
    this.gap(performance.now());
  }
}

/** Lets queued work run (messages from the workbench, timers, other extensions' events): one turn of the event loop. */
export function yieldToHost(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

/** A function to await between steps of a long job: it yields to the host once `ms` have passed since the last time it did. */
export function slicer(ms: number): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < ms) return;
    await yieldToHost();
    since = performance.now();
  };
}
