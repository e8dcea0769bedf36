// `factmark check` on every core: the article/sidecar pairs are checked in small batches by this
// thread and by worker threads (whichever is free takes the next batch), each reading, parsing
// and re-anchoring its pairs with the same code as a serial run, and the reports are put back in
// the order of the pairs, so the output is the same byte for byte whatever the number of threads.
import * as os from 'os';
import { Worker, isMainThread, parentPort, workerData } from 'worker_threads';
import { checkArticleCounted, type ArticleReport } from '../core/check/checkArticle';
import type { Policy } from '../core/check/policy';
import type { Problem } from '../core/model';
import type { StatusScale } from '../core/statusScale';
import { articleAtSidecarCommit } from '../node/gitHistory';
import { isProblem, readArticleSync, readSidecarSync } from './files';

export interface CheckJob {
  /** File system paths (absolute or relative to the working folder), and the names to print. */
  article: string;
  sidecar: string;
  articleName: string;
  sidecarName: string;
  /** Index into CheckSettings.rules: the scale and policy of the pair's repository config. */
  rules: number;
}

export interface CheckSettings {
  rules: { scale: StatusScale; policy: Policy }[];
  history: boolean;
  /**
   * Keep only the claims that fail the policy (all that --quiet prints): the thousands that pass
   * in an archive are then neither sent between threads nor kept to the end (a third of a
   * worker's time went into sending them, and the garbage collector's into keeping them).
   */
  failingOnly?: boolean;
}

/** `claims`: how many claims the article has, whether or not its report keeps them all. */
export type JobResult = { report: ArticleReport; claims: number } | { problem: Problem };

/** Below this many pairs a worker costs more to start than it saves. */
const MIN_PAIRS_PER_WORKER = 48;
/** Pairs handed to a worker at a time: small enough to keep both busy to the end. */
const BATCH = 24;
/** Batches a worker is kept ahead by (it has the next while this thread, busy with its own, has not answered yet). */
const AHEAD = 4;
/** Pairs this thread checks between looking at the workers' messages. */
const HERE_BATCH = 8;
const WORKER_FLAG = 'factmark-check-worker';

export function checkOne(job: CheckJob, settings: CheckSettings): JobResult {
  const { scale, policy } = settings.rules[job.rules];
  // Read as every CLI read is (files.ts): confined to the repository, regular files, bounded;
  // synchronously, as a check does nothing else meanwhile.
  const sidecar = readSidecarSync(job.sidecar);
  if (sidecar === undefined || isProblem(sidecar)) {
    return { problem: sidecar ?? { severity: 'error', code: 'sidecar-unreadable', file: job.sidecar, message: `${job.sidecar} disappeared while Factmark was reading` } };
  }
  return checkArticleCounted({
    article: job.articleName,
    sidecar: job.sidecarName,
    articleText: readArticleSync(job.article),
    sidecarSource: sidecar.text,
    previousArticle: settings.history ? () => articleAtSidecarCommit(job.article, job.sidecar) : undefined,
  }, scale, policy, settings.failingOnly === true);
}

/** How many threads to check `pairs` pairs on with at most `jobs` (1: no worker, all in this thread). */
export function threadsFor(pairs: number, jobs: number): number {
  if (!canStartWorkers()) return 1;
  return Math.max(1, Math.min(jobs, Math.floor(pairs / MIN_PAIRS_PER_WORKER)));
}

/**
 * One thread per core. With reads made synchronous and the reader's scans on character codes, a
 * worker's extra cost per article fell to about a sixth (5,000 articles, load 10-12: 13.7 s of CPU
 * on two workers against 11.8 s in one thread, was 1.5× the CPU), so two workers beat one thread
 * on 2 cores (20.5 s against 24.9 s wall at that load). Of those threads, one is this one
 * (runChecks): on 2 cores, one worker.
 */
export function defaultJobs(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, cores);
}

/** Workers run this very file, so only the bundled CLI (dist/cli.js) can start them; from the TypeScript sources (tests) checks run serially. */
function canStartWorkers(): boolean {
  return __filename.endsWith('.js');
}

/** Who checked how many pairs in the last runChecks: this thread, then each worker (for FACTMARK_CHECK_STATS: the tests and the bench). */
export const lastSplit: number[] = [];

/** What a worker sends once it can take batches (it loads the whole bundle first). */
const READY = 'ready';

/**
 * Every job's result, in the order of `jobs`, on `threads` threads: this one and `threads - 1`
 * workers (1: all in this thread). This thread checks batches itself between handling the
 * workers' messages, so that on 2 cores both check (it used to only hand out batches and gather
 * the reports, leaving a core to a second worker that had to load the bundle and send its
 * reports back). A worker is given batches only once it says it is ready (until then this thread
 * checks, so a small run never waits for a worker still loading), and then kept AHEAD batches
 * ahead, so that it has the next one while this thread is busy with its own. Whoever checks a
 * pair, its result lands at the pair's index: the output is the same whatever the split.
 * FACTMARK_CHECK_WAIT_FOR_WORKERS (tests): this thread starts only once every worker is ready,
 * so that each has a share even of a small run.
 */
export async function runChecks(jobs: readonly CheckJob[], settings: CheckSettings, threads: number): Promise<JobResult[]> {
  lastSplit.length = 0;
  if (threads <= 1 || jobs.length === 0) { lastSplit.push(jobs.length); return jobs.map((j) => checkOne(j, settings)); }
  const results: JobResult[] = new Array(jobs.length);
  let next = 0;
  let filled = 0;
  const take = (size = BATCH): [number, number] | undefined => {
    if (next >= jobs.length) return undefined;
    const start = next;
    next = Math.min(jobs.length, next + size);
    return [start, next];
  };
  let finish!: () => void;
  let fail!: (e: unknown) => void;
  const done = new Promise<void>((resolve, reject) => { finish = resolve; fail = reject; });
  const landed = (n: number) => { filled += n; if (filled === jobs.length) finish(); };
  // This thread's share: a batch at a time, letting the workers' messages in between.
  const step = () => {
    try {
      const batch = take(HERE_BATCH);
      if (!batch) return; // the rest is with the workers
      for (let i = batch[0]; i < batch[1]; i++) results[i] = checkOne(jobs[i], settings);
      lastSplit[0] += batch[1] - batch[0];
      landed(batch[1] - batch[0]);
      setImmediate(step);
    } catch (e) { fail(e); }
  };
  let waiting = process.env.FACTMARK_CHECK_WAIT_FOR_WORKERS ? threads - 1 : 0;
  lastSplit.push(0);
  const started: Worker[] = [];
  for (let n = 1; n < threads; n++) {
    const w = new Worker(__filename, { workerData: { [WORKER_FLAG]: true, settings } });
    started.push(w);
    lastSplit.push(0);
    // The batches sent and not yet answered, oldest first (a worker answers in order).
    const sent: number[] = [];
    const give = () => {
      const batch = take();
      if (!batch) return;
      sent.push(batch[0]);
      w.postMessage(jobs.slice(batch[0], batch[1]));
    };
    w.on('message', (m: JobResult[] | typeof READY) => {
      if (m === READY) {
        for (let k = 0; k < AHEAD; k++) give();
        if (waiting > 0 && --waiting === 0) setImmediate(step);
        return;
      }
      const start = sent.shift()!;
      for (let i = 0; i < m.length; i++) results[start + i] = m[i];
      lastSplit[n] += m.length;
      landed(m.length);
      give();
    });
    w.on('error', fail);
    // (Terminated at the end: code 1. Gone while it held batches, whatever the code: they would never come back.)
    w.on('exit', (code) => { if (sent.length || (code !== 0 && code !== 1)) fail(new Error(`a check worker stopped (exit code ${code})`)); });
  }
  if (waiting === 0) setImmediate(step);
  try {
    await done;
  } finally {
    next = jobs.length; // (after a failure: nothing more is handed out)
    await Promise.all(started.map((w) => w.terminate()));
  }
  return results;
}

/** In a worker started by runChecks: checks each batch it is sent and sends the results back. */
export function isCheckWorker(): boolean {
  return !isMainThread && !!(workerData as Record<string, unknown> | null)?.[WORKER_FLAG];
}

export function serveChecks(): void {
  const settings = (workerData as { settings: CheckSettings }).settings;
  parentPort?.on('message', (batch: CheckJob[]) => {
    parentPort?.postMessage(batch.map((j) => checkOne(j, settings)));
  });
  parentPort?.postMessage(READY);
}
