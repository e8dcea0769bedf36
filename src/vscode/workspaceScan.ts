// Loading many articles at once (the workspace scan at start-up, Reload Claims from Disk): the
// files are read in parallel, and parsed and anchored in slices of a few milliseconds each (by
// time, not by count: one slice may take one article or forty), so that the extension host keeps
// answering commands and hovers while thousands of articles load. The slices go into one store
// batch that is announced every MIN_BATCH articles, so the views hear of them in a number of
// events that depends on the articles, not on how fast the machine is.
import * as vscode from 'vscode';
import type { Problem } from '../core/model';
import type { ClaimStore, DeferredBatch } from '../core/store/claimStore';
import { articleKey, baseName, openDocument, sidecarUriFor, suffixesByFolder } from './articles';
import { FileRefusedError, readArticleFile, readTextFile } from './fileText';
import * as notify from './notify';
import { yieldToHost } from './perf';

/** How far a scan is. */
export interface ScanProgress { readonly done: number; readonly total: number }

export interface ScanStatus {
  /** While a scan runs, how far it is; undefined otherwise. */
  current(): ScanProgress | undefined;
  readonly onDidChange: vscode.Event<ScanProgress | undefined>;
}

/** Reads in flight at once: enough to keep the disk busy, few enough not to flood the host. */
const PARALLEL_READS = 32;
/**
 * Files read and not yet taken in, at most: the readers wait beyond that for the slices. Reading
 * is faster than parsing and anchoring, so without a bound the texts read ahead (a sidecar and an
 * article each) pile up in the heap, and V8 keeps the pages it grew to (issue 13: RSS).
 */
export const MAX_READ_AHEAD = 64;
/**
 * The time one slice of parsing and anchoring may take: it takes read files until this is spent
 * (and at least one, so one article larger than this is a slice of its own).
 */
const SLICE_MS = 20;
let sliceMs = SLICE_MS;
/** For tests: the slices' time budget (undefined: the default). */
export function setSliceBudget(ms: number | undefined): void {
  sliceMs = ms ?? SLICE_MS;
}
/**
 * The articles taken in are announced (one store event per kind of change, and so one update of
 * each view) when this many have gathered, and when the load ends: so the number of events is
 * bounded by the number of articles over this, however slow or loaded the machine.
 */
export const MIN_BATCH = 16;

/** What batch loads have done since the extension started (for the tests that count work, and the bench). */
export interface LoadCounters {
  /** Slices of parsing and anchoring that took in at least one article (each one turn of the event loop). */
  slices: number;
  /** Articles taken in by those slices (not counting those taken in alone, ahead of the queue). */
  sliced: number;
  /** Announcements of what the slices took in (each one store event per kind of change). */
  flushes: number;
  /** The most files read and waiting to be taken in at once, over all loads (bounded by MAX_READ_AHEAD and the readers in flight). */
  peakReadAhead: number;
}
export const loadCounters: LoadCounters = { slices: 0, sliced: 0, flushes: 0, peakReadAhead: 0 };

interface Read {
  /** Where the article is in the list given to loadArticles. */
  index: number;
  article: vscode.Uri;
  key: string;
  sidecar: vscode.Uri;
  /** The sidecar's text, undefined when there is none, or why it was refused (then it is never written). */
  source: string | undefined | FileRefusedError;
  /** The article's text, undefined when the file is missing, a problem when it cannot be read as text. */
  text: string | Problem | undefined;
  /** The sidecar read's number (ClaimStore.sidecarRead): a read of it that started later may have been taken in first. */
  sidecarRead: number;
  /** The text is the open editor's (the article was open when it was read). */
  fromEditor: boolean;
}

/** Where an article of a load is: waiting for a reader, being read, read and waiting to be taken in, taken in (or given up on). */
const QUEUED = 0, READING = 1, READ = 2, TAKEN = 3;

/**
 * Moves an article of a running load to the front: read at once and taken in on its own, not
 * when the queue reaches it (a hover or an editor on it during the scan). False when the load
 * does not have it or has already taken it in.
 */
export type Hurry = (key: string) => boolean;

export interface LoadHooks {
  /** After an article's text is in the store (to ask git for history when claims moved). */
  placed(article: vscode.Uri, text: string): void;
  /** After an article was taken in (or given up on): whoever waits for it may go on. */
  settled(key: string): void;
  /** Gives the store a sidecar's text as read (WorkspaceSync.loadSidecarText: a refused one is `broken`; merged unsaved edits are written). */
  loadSidecarText(key: string, source: string | FileRefusedError, read: number): void;
  /** Just before an article's files are read (the start-up cache stamps them). */
  beforeRead?(key: string, article: vscode.Uri, sidecar: vscode.Uri): void;
  log: vscode.LogOutputChannel;
}

export class ScanReporter implements ScanStatus, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ScanProgress | undefined>();
  readonly onDidChange = this.emitter.event;
  private progress?: ScanProgress;

  current(): ScanProgress | undefined {
    return this.progress;
  }

  set(p: ScanProgress | undefined): void {
    this.progress = p;
    this.emitter.fire(p);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

interface RunningLoad {
  /** Whether an article of this load was hurried and is not taken in yet. */
  hurrying(): boolean;
  /** Lets this load's held readers and slices go on. */
  release(): void;
}
/** The loads running (a scan and a checkout's reload may overlap): a hurried article in one holds them all. */
const running = new Set<RunningLoad>();
const anyHurrying = () => { for (const l of running) if (l.hurrying()) return true; return false; };

/**
 * Loads the articles (sidecar and text) that the store does not have yet; with `reload`, also
 * reads again those it has (a changed sidecar is merged as usual, a changed text re-anchored).
 * Returns the sidecars of articles in the store that are no longer on disk (left as they were).
 */
export async function loadArticles(
  store: ClaimStore,
  articles: readonly vscode.Uri[],
  hooks: LoadHooks,
  onProgress: (done: number, total: number) => void,
  options: { reload?: boolean; hurry?: (hurry: Hurry) => void } = {},
): Promise<vscode.Uri[]> {
  const total = articles.length;
  let next = 0;
  let done = 0;
  const stage = new Uint8Array(total);
  const indexOf = new Map<string, number>();
  articles.forEach((a, i) => indexOf.set(articleKey(a), i));
  /** Articles hurried while they were being read: taken in alone as soon as their read ends. */
  const urgent = new Set<number>();
  /**
   * While a hurried article is not taken in yet, no other read starts and no slice runs, in this
   * load or any other: its read is not queued behind hundreds of others in the file system, nor
   * its taking-in behind the queues'. Those wait here (see holdForHurried).
   */
  let held: (() => void)[] = [];
  const load: RunningLoad = {
    hurrying: () => { for (const i of urgent) if (stage[i] !== TAKEN) return true; return false; },
    release: () => { const h = held; held = []; for (const resolve of h) resolve(); },
  };
  running.add(load);
  const holdForHurried = () => new Promise<void>((resolve) => held.push(resolve));
  const releaseIfDone = () => {
    if (anyHurrying()) return;
    for (const l of running) l.release();
  };
  /** Files read and waiting to be taken in: a queue (`head` is its front; those before it are taken and cleared). */
  let ready: (Read | undefined)[] = [];
  let head = 0;
  let wake: (() => void) | undefined;
  /** Readers waiting for room in the queue (see MAX_READ_AHEAD). */
  let waitingForRoom: (() => void)[] = [];
  const roomMade = () => {
    if (ready.length - head >= MAX_READ_AHEAD || !waitingForRoom.length) return;
    const w = waitingForRoom;
    waitingForRoom = [];
    for (const resolve of w) resolve();
  };
  let readersLeft = Math.min(PARALLEL_READS, total);

  /** Reads one article's sidecar and text; undefined when that failed (the article is then given up on). */
  const suffixOf = suffixesByFolder();
  const read = async (index: number): Promise<Read | undefined> => {
    const article = articles[index];
    const sidecar = sidecarUriFor(article, suffixOf(article));
    stage[index] = READING;
    try {
      hooks.beforeRead?.(articleKey(article), article, sidecar);
      const doc = openDocument(article);
      const sidecarRead = store.sidecarRead();
      const [source, text] = await Promise.all([readSidecarText(sidecar), doc ? Promise.resolve(doc.getText()) : readArticleFile(article)]);
      return { index, article, key: articleKey(article), sidecar, source, text, fromEditor: doc !== undefined, sidecarRead };
    } catch (e) {
      hooks.log.error(`loading ${sidecar.toString()}: ${String(e)}`);
      stage[index] = TAKEN;
      done++;
      hooks.settled(articleKey(article));
      releaseIfDone();
      return undefined;
    }
  };

  const reader = async () => {
    while (next < articles.length) {
      if (anyHurrying()) { await holdForHurried(); continue; }
      if (ready.length - head >= MAX_READ_AHEAD) { await new Promise<void>((resolve) => waitingForRoom.push(resolve)); continue; }
      const index = next++;
      if (stage[index] !== QUEUED) continue; // hurried: read already
      const r = await read(index);
      if (r && urgent.has(index)) takeAlone(r);
      else if (r) {
        stage[index] = READ;
        ready.push(r);
        if (ready.length - head > loadCounters.peakReadAhead) loadCounters.peakReadAhead = ready.length - head;
      }
      wake?.();
    }
    readersLeft--;
    wake?.();
  };

  const hurry: Hurry = (key) => {
    const index = indexOf.get(key);
    if (index === undefined || stage[index] === TAKEN) return false;
    if (stage[index] === READ) {
      const r = ready.slice(head).find((q) => q?.index === index);
      if (r) takeAlone(r);
      return true;
    }
    urgent.add(index);
    if (stage[index] === QUEUED) void read(index).then((r) => { if (r) takeAlone(r); wake?.(); });
    return true;
  };

  const unreadable: string[] = [];
  const gone: vscode.Uri[] = [];
  /** What the slices take in, announced every MIN_BATCH articles (see flush). */
  const sliced: DeferredBatch = store.deferredBatch();
  /**
   * Runs `fill` in a store batch (`inBatch`: the slices' deferred one, or one of its own) with a
   * function that takes one read file into the store (false when it was taken in alone
   * meanwhile); then the hooks for what was taken.
   */
  const takeIn = (inBatch: <T>(fn: () => T) => T, fill: (take: (r: Read) => boolean) => void) => {
    const placed: [vscode.Uri, string][] = [];
    const taken: string[] = [];
    inBatch(() => fill((r) => {
      if (stage[r.index] === TAKEN) return false;
      stage[r.index] = TAKEN;
      done++;
      taken.push(r.key);
      try {
        if (!store.has(r.key)) {
          if (r.source === undefined) return true; // the sidecar went away since it was found
          store.open(r.key, r.sidecar.toString(), baseName(r.article));
          hooks.loadSidecarText(r.key, r.source, r.sidecarRead);
        } else if (options.reload) {
          // Deleted since: the caller decides what to keep (see WorkspaceSync.sidecarsDeleted),
          // not a reload, which would keep the claims as unsaved and write the file again.
          if (r.source === undefined) { gone.push(r.sidecar); return true; }
          hooks.loadSidecarText(r.key, r.source, r.sidecarRead);
        }
        // A text let go once anchored is read again as such: anchored afresh with the git history
        // this sidecar was given (setArticleText forgets it: a claim carried past its twin would
        // land on the twin until git answers again, and stay there if it does not).
        const give = (text: string) => {
          if (store.articleTextDropped(r.key)) store.restoreArticleText(r.key, text);
          else store.setArticleText(r.key, text);
          placed.push([r.article, text]);
        };
        // Opened in an editor since the file was read: the editor's text is the article's (its
        // edits have moved the claims since), not what was read.
        const opened = r.fromEditor ? undefined : openDocument(r.article);
        if (opened) {
          if (!store.hasArticleText(r.key)) give(opened.getText());
          return true;
        }
        if (typeof r.text === 'object') { if (!store.hasArticleText(r.key)) unreadable.push(`${baseName(r.article)}: ${r.text.message}`); return true; }
        if (r.text === undefined) {
          if (!store.hasArticleText(r.key) || (options.reload && !store.state(r.key)?.articleMissing)) store.setArticleText(r.key, '', { missing: true });
        } else if (options.reload ? !store.hasArticleText(r.key, r.text) || store.state(r.key)?.articleMissing : !store.hasArticleText(r.key)) {
          give(r.text);
        }
      } catch (e) {
        hooks.log.error(`loading ${r.sidecar.toString()}: ${String(e)}`);
      }
      return true;
    }));
    for (const [article, text] of placed) hooks.placed(article, text);
    for (const key of taken) hooks.settled(key);
    if (taken.length) onProgress(done, total);
    releaseIfDone();
  };
  /** One article on its own (hurried), in its own batch: announced at once. */
  const takeAlone = (r: Read) => takeIn((fn) => store.batch(fn), (take) => { take(r); });

  /** Takes read files from the queue until the slice's time is spent (at least one). */
  const slice = () => {
    const until = performance.now() + sliceMs;
    let taking = 0;
    takeIn(sliced.run, (take) => {
      while (head < ready.length && (taking === 0 || performance.now() < until)) {
        const r = ready[head] as Read;
        // (taken: not kept alive by the queue until it empties, which on a fast disk is the scan's end)
        ready[head++] = undefined;
        if (take(r)) taking++;
      }
    });
    // A slice that found only articles already taken in alone (hurried) took nothing: not counted.
    if (taking) {
      loadCounters.slices++;
      loadCounters.sliced += taking;
    }
    if (head === ready.length) { ready = []; head = 0; }
    else if (head >= 1024) { ready = ready.slice(head); head = 0; }
    roomMade();
  };
  /** Announces what the slices took in: the views' work for them runs now, in a turn of its own. */
  const flush = () => {
    if (!sliced.size) return;
    loadCounters.flushes++;
    sliced.flush();
  };

  options.hurry?.(hurry);
  const readers = Array.from({ length: readersLeft }, reader);
  try {
    while (readersLeft > 0 || head < ready.length) {
      if (sliced.size >= MIN_BATCH) { flush(); await yieldToHost(); continue; }
      if (anyHurrying()) { await holdForHurried(); continue; }
      if (head === ready.length) {
        await new Promise<void>((resolve) => { wake = resolve; });
        wake = undefined;
        continue;
      }
      slice();
      // Let everything else the host has to do (a command, a hover, a keystroke) run between slices.
      await yieldToHost();
    }
  } finally {
    flush();
  }
  await Promise.all(readers);
  running.delete(load);
  releaseIfDone();
  // Hurried articles still being read when the queue ran dry.
  while (urgent.size && [...urgent].some((i) => stage[i] !== TAKEN)) {
    await new Promise<void>((resolve) => { wake = resolve; });
    wake = undefined;
  }
  if (unreadable.length) {
    for (const u of unreadable) hooks.log.warn(u);
    void notify.warn(unreadable.length === 1
      ? `Factmark cannot place the claims of ${unreadable[0]}`
      : `Factmark cannot place the claims of ${unreadable.length} articles (they cannot be read as text); see the Factmark output for the list and why.`);
  }
  return gone;
}

/** readTextFile for a sidecar, with a refusal (a link out of the folder, a FIFO, not UTF-8…) as a value. */
async function readSidecarText(sidecar: vscode.Uri): Promise<string | undefined | FileRefusedError> {
  try {
    return await readTextFile(sidecar);
  } catch (e) {
    if (e instanceof FileRefusedError) return e;
    throw e;
  }
}
