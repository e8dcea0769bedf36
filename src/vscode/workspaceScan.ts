// Loading many articles at once (the workspace scan at start-up, Reload Claims from Disk): the
// files are read in parallel, and parsed and anchored in slices of a few milliseconds each, so
// that the extension host keeps answering commands and hovers while thousands of articles load.
// Each slice goes into the store as one batch, so the views hear of it once.
import * as vscode from 'vscode';
import type { Problem } from '../core/model';
import type { ClaimStore } from '../core/store/claimStore';
import { articleKey, baseName, openDocument, sidecarUriFor } from './articles';
import { FileRefusedError, readArticleFile, readTextFile } from './fileText';
import * as notify from './notify';

/** How far a scan is. */
export interface ScanProgress { readonly done: number; readonly total: number }

export interface ScanStatus {
  /** While a scan runs, how far it is; undefined otherwise. */
  current(): ScanProgress | undefined;
  readonly onDidChange: vscode.Event<ScanProgress | undefined>;
}

/** Reads in flight at once: enough to keep the disk busy, few enough not to flood the host. */
const PARALLEL_READS = 32;
/** The longest the host is kept busy by one slice of parsing and anchoring (past its first few articles). */
const SLICE_MS = 12;
/**
 * A slice waits for this many read files (unless the reads are over) and takes at least these:
 * so the number of batches, and of view updates, is bounded by the number of articles over
 * this, however slow or loaded the machine.
 */
export const MIN_BATCH = 16;

interface Read {
  article: vscode.Uri;
  key: string;
  sidecar: vscode.Uri;
  /** The sidecar's text, undefined when there is none, or why it was refused (then it is never written). */
  source: string | undefined | FileRefusedError;
  /** The article's text, undefined when the file is missing, a problem when it cannot be read as text. */
  text: string | Problem | undefined;
}

export interface LoadHooks {
  /** After an article's text is in the store (to ask git for history when claims moved). */
  placed(article: vscode.Uri, text: string): void;
  /** After an article was taken in (or given up on): whoever waits for it may go on. */
  settled(key: string): void;
  /** Gives the store a sidecar's text as read (WorkspaceSync.loadSidecarText: a refused one is `broken`; merged unsaved edits are written). */
  loadSidecarText(key: string, source: string | FileRefusedError): void;
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
  options: { reload?: boolean } = {},
): Promise<vscode.Uri[]> {
  const total = articles.length;
  let next = 0;
  let done = 0;
  /** Files read and waiting to be taken in: a queue (`head` is its front). */
  let ready: Read[] = [];
  let head = 0;
  let wake: (() => void) | undefined;
  let readersLeft = Math.min(PARALLEL_READS, total);

  const reader = async () => {
    while (next < articles.length) {
      const article = articles[next++];
      const sidecar = sidecarUriFor(article);
      try {
        const doc = openDocument(article);
        const [source, text] = await Promise.all([readSidecarText(sidecar), doc ? Promise.resolve(doc.getText()) : readArticleFile(article)]);
        ready.push({ article, key: articleKey(article), sidecar, source, text });
      } catch (e) {
        hooks.log.error(`loading ${sidecar.toString()}: ${String(e)}`);
        done++;
        hooks.settled(articleKey(article));
      }
      wake?.();
    }
    readersLeft--;
    wake?.();
  };

  const unreadable: string[] = [];
  const gone: vscode.Uri[] = [];
  /** Takes read files into the store until the slice's time is up; one store event for all of them. */
  const slice = () => {
    const until = performance.now() + SLICE_MS;
    const placed: [vscode.Uri, string][] = [];
    const taken: string[] = [];
    let taking = 0;
    store.batch(() => {
      while (head < ready.length && (taking < MIN_BATCH || performance.now() < until)) {
        const r = ready[head++];
        done++;
        taking++;
        taken.push(r.key);
        try {
          if (!store.has(r.key)) {
            if (r.source === undefined) continue; // the sidecar went away since it was found
            store.open(r.key, r.sidecar.toString(), baseName(r.article));
            hooks.loadSidecarText(r.key, r.source);
          } else if (options.reload) {
            // Deleted since: the caller decides what to keep (see WorkspaceSync.sidecarsDeleted),
            // not a reload, which would keep the claims as unsaved and write the file again.
            if (r.source === undefined) { gone.push(r.sidecar); continue; }
            hooks.loadSidecarText(r.key, r.source);
          }
          if (typeof r.text === 'object') { if (!store.hasArticleText(r.key)) unreadable.push(`${baseName(r.article)}: ${r.text.message}`); continue; }
          if (r.text === undefined) {
            if (!store.hasArticleText(r.key) || (options.reload && !store.state(r.key)?.articleMissing)) store.setArticleText(r.key, '', { missing: true });
          } else if (options.reload ? !store.hasArticleText(r.key, r.text) || store.state(r.key)?.articleMissing : !store.hasArticleText(r.key)) {
            store.setArticleText(r.key, r.text);
            placed.push([r.article, r.text]);
          }
        } catch (e) {
          hooks.log.error(`loading ${r.sidecar.toString()}: ${String(e)}`);
        }
      }
    });
    if (head === ready.length) { ready = []; head = 0; }
    for (const [article, text] of placed) hooks.placed(article, text);
    for (const key of taken) hooks.settled(key);
    onProgress(done, total);
  };

  const readers = Array.from({ length: readersLeft }, reader);
  while (readersLeft > 0 || head < ready.length) {
    if (ready.length - head < (readersLeft > 0 ? MIN_BATCH : 1)) {
      await new Promise<void>((resolve) => { wake = resolve; });
      wake = undefined;
      continue;
    }
    slice();
    // Let everything else the host has to do (a command, a hover, a keystroke) run between slices.
    await yieldToHost();
  }
  await Promise.all(readers);
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

/** Lets queued work run: messages from the workbench, timers, other extensions' events. */
function yieldToHost(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}
