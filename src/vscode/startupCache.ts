// The start-up cache in the extension (issue 13, warm start; what it holds and why it may be
// trusted: src/core/store/startupCache.ts). The first scan of a session restores, from the cache,
// every article not open in an editor whose sidecar and article files stat exactly as when their
// entry was made (one lstat each, no read), and reads the rest as before. The scan stamps each
// file it reads (one lstat before the read), and once it is done, and a while after articles
// change, the cache is written again from the articles that are still exactly as a fresh load of
// those stamped files left them. A cache that does not fit is ignored and said so in the log.
import * as vscode from 'vscode';
import type { ClaimStore } from '../core/store/claimStore';
import { decodeEntry, decodeEntryLine, encodeEntry, rewriteDue, sameStamp, settledStamp, type CacheIdentity, type FileStamp, type ReadEntry } from '../core/store/startupCache';
import { articleKey, baseName, sidecarUriFor, suffixesByFolder } from './articles';
import type { ScanDigester, StartupCacheFiles } from './platform';
import { slicer, StallWatch, yieldToHost } from './perf';
import { startupCacheEnabled } from './settings';

/** After the scan, the cache is written this long after it ends, and this long after the last change once enough articles it holds changed (rewriteDue). */
const WRITE_AFTER_SCAN_MS = 500;
const WRITE_AFTER_CHANGE_MS = 5000;
/** Articles restored between two turns of the event loop; and the time entries are encoded for between two. */
const CHUNK = 200;
const ENCODE_SLICE_MS = 8;
/** Fewer articles than this are read here: starting worker threads costs more. */
const MIN_DIGEST = 48;

interface Stamped {
  readonly sidecar: FileStamp;
  readonly article: FileStamp;
  /** When the files were statted (ms since the epoch): their mtimes must be RACY_MARGIN_MS older. */
  readonly at: number;
  /** The store's revision of the article once it was taken in; undefined until then. */
  revision?: number;
  /**
   * Restored from an entry (the cache's, or a worker's): its line, written again as it is while
   * the store's revision of the article is still the one it had then (nothing changed since),
   * without parsing the claims it did not need or encoding them again.
   */
  line?: () => string;
  /** That line is the cache file's (not a worker's). */
  inFile?: boolean;
}

/** What the cache did in this session (the API's perf, the bench, the tests). */
export interface StartupCacheStats {
  /** Why the cache read at start-up was not used, if it was not. */
  ignored?: string;
  /** Entries the cache held, articles restored from it, and articles the first scan read. */
  entries: number;
  restored: number;
  read: number;
  /** The wait for the cache read (file, checksum, entries) once the scan asked for it (read from activation on where a worker reads it), and the restore, in ms. */
  readMs?: number;
  /** Where the cache file was read: on a worker thread, or on the host's (no worker, or it failed). */
  readOn?: 'worker' | 'host';
  restoreMs?: number;
  /** How long the workspace was searched for sidecars before the restore (ms), and the longest the host was kept busy during the restore. */
  findMs?: number;
  restoreLongestStallMs?: number;
  /**
   * The first scan's articles the cache did not have, read, parsed and anchored on worker
   * threads: how many were sent, restored from what the workers made of them, declined by the
   * workers (read here instead), the workers started, and the time (ms).
   */
  digest?: { articles: number; restored: number; declined: number; workers: number; ms: number; longestStallMs: number; longestStallEndedAt: number; stallsOver100Ms: number };
  /** Writes, the entries and bytes of the last one, and how long it took (encoding in slices included). */
  writes: number;
  /** The last write would have written exactly the entries of the file this session read: nothing was written. */
  unchanged?: boolean;
  written?: { entries: number; bytes: number; ms: number };
}

export class StartupCache implements vscode.Disposable {
  private readonly stamped = new Map<string, Stamped>();
  /** Articles of the cache changed since it was last written. */
  private readonly stale = new Set<string>();
  private cached?: Promise<Awaited<ReturnType<StartupCacheFiles['read']>>>;
  private used = false;
  private timer?: ReturnType<typeof setTimeout>;
  private writing?: Promise<void>;
  private scanned = false;
  /** While the first scan runs: its reads are counted (stats.read). */
  private counting = false;
  private readonly subscription: { dispose(): void };
  readonly stats: StartupCacheStats = { entries: 0, restored: 0, read: 0, writes: 0 };

  private readonly configSubscription: vscode.Disposable;
  /** The first scan's digest (see digest) has run. */
  private digested = false;
  private disposed = false;
  /**
   * The cache file is still the one this session's restore read (for the identity it said), not
   * written or removed since: a write of exactly its entries may be skipped.
   */
  private fileAsRead?: string;
  /** Ends the worker threads when the extension is (see digest). */
  private readonly ending = new AbortController();

  constructor(private readonly store: ClaimStore, private readonly files: StartupCacheFiles, private readonly identity: () => CacheIdentity, private readonly log: vscode.LogOutputChannel, private readonly loading: (key: string) => boolean, private readonly digester?: ScanDigester) {
    // Turned off: the file goes too (not left in the workspace's storage until VS Code clears it).
    this.configSubscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('factmark.startupCache') && !startupCacheEnabled()) void this.removeFile();
    });
    // Articles it holds changed (a command, files changed on disk, history): once enough did
    // (a checkout, not one status set), written again a while later, without them.
    this.subscription = store.onDidChange((e) => {
      if (!this.scanned) return;
      for (const a of e.articles) if (this.stamped.has(a)) this.stale.add(a);
      if (rewriteDue(this.stale.size, this.stats.written?.entries ?? this.stats.entries)) this.schedule(WRITE_AFTER_CHANGE_MS);
    });
  }

  /** Starts reading the cache (at activation, while the workspace is searched for sidecars); turned off, removes any left from before. */
  prefetch(): void {
    if (this.cached || this.used) return;
    if (startupCacheEnabled()) this.cached = this.files.read(this.identity());
    else void this.removeFile();
  }

  /** The setting is off: no write is due, none runs, and the file is removed (in turn with the writes). */
  private removeFile(): Promise<void> {
    if (this.timer) { clearTimeout(this.timer); this.timer = undefined; }
    return this.inTurn(async () => {
      if (startupCacheEnabled()) return; // (turned on again meanwhile)
      this.fileAsRead = undefined;
      try {
        if (await this.files.remove()) this.log.info(`start-up cache ${this.files.where} removed: factmark.startupCache is off`);
      } catch (e) {
        this.log.warn(`start-up cache ${this.files.where} could not be removed: ${String(e)}`);
      }
    });
  }

  /** Runs a write or the removal once every other one has ended: one at a time, in the order asked. */
  private async inTurn(job: () => Promise<void>): Promise<void> {
    while (this.writing) await this.writing;
    const run: Promise<void> = job().finally(() => { if (this.writing === run) this.writing = undefined; });
    this.writing = run;
    await run;
  }

  /**
   * Restores the articles the cache has and whose files stat as in their entry; returns the
   * others, to be read. Only the first scan of the session uses the cache.
   */
  async restore(articles: readonly vscode.Uri[]): Promise<vscode.Uri[]> {
    if (this.used) return [...articles];
    if (!startupCacheEnabled()) {
      // (off: any cache read meanwhile is dropped, and a file left from before removed)
      this.used = true;
      this.cached = undefined;
      void this.removeFile();
      return [...articles];
    }
    this.counting = true;
    this.prefetch();
    const started = performance.now();
    const read = await this.cached;
    this.used = true;
    this.cached = undefined;
    this.stats.readMs = performance.now() - started;
    if (!read?.ok) {
      this.stats.ignored = read?.reason ?? 'not read';
      if (read && !read.missing) this.log.warn(`start-up cache ${this.files.where} ignored: ${read.reason}; every article is read`);
      else this.log.info(`start-up cache: ${read?.reason ?? 'none'}; every article is read`);
      return [...articles];
    }
    this.stats.readOn = read.on;
    this.fileAsRead = JSON.stringify(this.identity());
    const restoreStarted = performance.now();
    const stalls = new StallWatch();
    stalls.start();
    const byKey = new Map<string, ReadEntry>();
    for (const e of read.entries) byKey.set(e.key, e);
    this.stats.entries = byKey.size;
    const writtenAt = read.header.writtenAt;
    const rest: vscode.Uri[] = [];
    const suffixOf = suffixesByFolder();
    for (let i = 0; i < articles.length; i += CHUNK) {
      this.store.batch(() => {
        // (once a chunk: the editors' documents, not a search of them per article)
        const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
        for (const article of articles.slice(i, i + CHUNK)) {
          const key = articleKey(article);
          const e = byKey.get(key);
          byKey.delete(key);
          if (!e || open.has(article.toString()) || !this.restoreOne(article, key, e, suffixOf, writtenAt, true)) rest.push(article);
          else this.stats.restored++;
        }
      });
      // (an article opened, hovered or named by a command meanwhile is loaded on its own; restoreOne skips it then)
      await yieldToHost();
    }
    stalls.stop();
    this.stats.restoreMs = performance.now() - restoreStarted;
    this.stats.restoreLongestStallMs = stalls.longestMs;
    this.log.info(`start-up cache: ${this.stats.restored} of ${articles.length} articles restored (${byKey.size + this.stats.restored} entries), the others read; ${Math.round(this.stats.readMs)} + ${Math.round(this.stats.restoreMs)} ms`);
    return rest;
  }

  /**
   * The first scan's articles that the cache did not restore, read, parsed and anchored on
   * worker threads (when the platform has them): each restored from what its worker made of it
   * exactly as a cache entry is (restoreOne: only while both files stat as when the worker
   * stamped them, before reading), in a store batch per worker's batch. Returns the others, to be
   * read here: those declined (anything out of the ordinary), open in an editor, loaded meanwhile.
   */
  async digest(articles: readonly vscode.Uri[], onProgress: (done: number, total: number) => void): Promise<vscode.Uri[]> {
    // (the first scan's only: later ones run beside the watchers and other loads)
    const first = !this.digested;
    this.digested = true;
    if (!this.digester || !first || this.scanned || articles.length < MIN_DIGEST) return [...articles];
    const restored = new Set<string>();
    try {
      await this.digestInto(articles, restored, onProgress);
    } catch (e) {
      this.log.error(`start-up scan: the worker threads failed (${String(e)}); the articles they did not give are read here`);
    }
    return articles.filter((a) => !restored.has(articleKey(a)));
  }

  private async digestInto(articles: readonly vscode.Uri[], restored: Set<string>, onProgress: (done: number, total: number) => void): Promise<void> {
    const digester = this.digester;
    if (!digester) return;
    const started = performance.now();
    const stalls = new StallWatch();
    stalls.start();
    const suffixOf = suffixesByFolder();
    const byKey = new Map<string, vscode.Uri>();
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    const sent = [];
    const slice = slicer(ENCODE_SLICE_MS);
    for (const article of articles) {
      await slice();
      if (open.has(article.toString())) continue;
      const key = articleKey(article);
      byKey.set(key, article);
      sent.push({ key, article, sidecar: sidecarUriFor(article, suffixOf(article)), articleName: baseName(article) });
    }
    let done = 0;
    let declined = 0;
    onProgress(0, articles.length);
    const workers = await digester.digest(sent, this.store.scale, this.ending.signal, (results) => {
      if (this.disposed) return;
      this.store.batch(() => {
        const openNow = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
        for (const r of results) {
          done++;
          const article = byKey.get(r.key);
          if (!article) continue;
          if ('declined' in r) { declined++; continue; }
          const e = 'parts' in r ? decodeEntry(r.parts.head, r.parts.body, r.parts.line, r.at, done) : decodeEntryLine(r.line, r.at, done);
          if (e.ok && e.value.key === r.key && !openNow.has(article.toString()) && this.restoreOne(article, r.key, e.value, suffixOf, r.at, false)) restored.add(r.key);
        }
      });
      onProgress(done, articles.length);
    });
    stalls.stop();
    this.stats.digest = { articles: sent.length, restored: restored.size, declined, workers, ms: performance.now() - started, longestStallMs: stalls.longestMs, longestStallEndedAt: stalls.longestEndedAt, stallsOver100Ms: stalls.over100 };
    this.log.info(`start-up scan: ${restored.size} of ${sent.length} articles read, parsed and anchored on ${workers} worker threads (${declined} declined, read here), ${Math.round(this.stats.digest.ms)} ms`);
  }

  private restoreOne(article: vscode.Uri, key: string, e: ReadEntry, suffixOf: (u: vscode.Uri) => string, writtenAt: number, inFile: boolean): boolean {
    // Loaded meanwhile or being loaded (another scan, an article opened), or under another name or
    // sidecar (or open in an editor, whose text is the editor's: see restore and digest): read.
    if (this.store.has(key) || this.loading(key)) return false;
    const sidecar = sidecarUriFor(article, suffixOf(article));
    if (e.sidecar !== sidecar.toString() || e.articleName !== baseName(article)) return false;
    // (confined: nothing is read here, so the check a read makes is made on the stat)
    const sidecarStamp = this.files.stamp(sidecar, true);
    const articleStamp = this.files.stamp(article, true);
    if (!sidecarStamp || !articleStamp || !sameStamp(sidecarStamp, e.sidecarStamp) || !sameStamp(articleStamp, e.articleStamp)) return false;
    if (!this.store.restoreLetGo(key, e.sidecar, e.articleName, e.state)) return false;
    // Proven settled against when the entry was made (decodeEntry: the cache's write time, or when a worker stamped the files): still so for the next one.
    this.stamped.set(key, { sidecar: sidecarStamp, article: articleStamp, at: writtenAt, revision: this.store.revision(key), line: e.line, inFile });
    return true;
  }

  /** Stamps an article's two files just before a batch load reads them (see loadArticles' beforeRead): a new stamp, taken in anew. */
  beforeRead(key: string, article: vscode.Uri, sidecar: vscode.Uri): void {
    const at = Date.now();
    const sidecarStamp = this.files.stamp(sidecar);
    const articleStamp = this.files.stamp(article);
    if (this.counting) this.stats.read++;
    if (sidecarStamp && articleStamp) this.stamped.set(key, { sidecar: sidecarStamp, article: articleStamp, at });
    else this.stamped.delete(key);
  }

  /** The batch load took the article in: what it is now is what the stamped files gave (checked again before each write: its revision, then letGoState). */
  taken(key: string): void {
    const s = this.stamped.get(key);
    if (s && s.revision === undefined) s.revision = this.store.revision(key);
  }

  /** The first scan is done: the cache is written a moment later. */
  scanDone(): void {
    this.scanned = true;
    this.counting = false;
    this.schedule(WRITE_AFTER_SCAN_MS);
  }

  private schedule(ms: number): void {
    if (!startupCacheEnabled()) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = undefined; void this.write(); }, ms);
  }

  /** Writes the cache now (after any write on its way): every article still exactly as its stamped files gave it. */
  async write(): Promise<void> {
    if (this.timer) { clearTimeout(this.timer); this.timer = undefined; }
    // One write at a time: a write asked for while one runs waits for it, then writes what is now.
    await this.inTurn(() => this.writeOnce().catch((e) => this.log.warn(`start-up cache not written: ${String(e)}`)));
  }

  private async writeOnce(): Promise<void> {
    if (!startupCacheEnabled()) return;
    const started = performance.now();
    const writtenAt = Date.now();
    this.stale.clear();
    /** The entries' lines; those restored and unchanged, as read (made strings only if written). */
    const parts: (string | (() => string))[] = [];
    /** Lines written as the cache file holds them. */
    let asInFile = 0;
    // In slices of a few milliseconds: encoding 5,000 articles takes about a second.
    const slice = slicer(ENCODE_SLICE_MS);
    for (const [key, s] of [...this.stamped]) {
      await slice();
      // Changed since its files were stamped (a command, a reload, git's history), or never taken in: not written; read next time.
      if (s.revision === undefined || this.store.revision(key) !== s.revision) { if (s.revision !== undefined || !this.store.has(key)) this.stamped.delete(key); continue; }
      if (!settledStamp(s.sidecar, s.at) || !settledStamp(s.article, s.at)) continue;
      // (unchanged since it was restored: what it was restored from)
      if (s.line !== undefined) { parts.push(s.line); if (s.inFile) asInFile++; continue; }
      const state = this.store.letGoState(key);
      const info = this.store.state(key);
      // (letGoState may have parsed a cache entry's claims: should they have been lost, the article changed)
      if (!state || !info || this.store.revision(key) !== s.revision) continue;
      const article = vscode.Uri.parse(key, true);
      parts.push(encodeEntry({ key, sidecar: info.sidecar, articleName: baseName(article), sidecarStamp: s.sidecar, articleStamp: s.article, state }));
    }
    // Every entry the file holds, and nothing else (a warm start that changed nothing): not written again.
    if (this.fileAsRead !== undefined && this.fileAsRead === JSON.stringify(this.identity()) && asInFile === parts.length && parts.length === this.stats.entries) {
      this.stats.unchanged = true;
      this.log.info(`start-up cache unchanged: ${parts.length} articles, not written again`);
      return;
    }
    this.fileAsRead = undefined;
    this.stats.unchanged = undefined;
    const bytes = await this.files.write(this.identity(), writtenAt, parts.length, parts.map((p) => (typeof p === 'string' ? p : p())).join('\n'));
    this.stats.writes++;
    this.stats.written = { entries: parts.length, bytes, ms: performance.now() - started };
    this.log.info(`start-up cache written: ${parts.length} articles, ${bytes} bytes, ${Math.round(this.stats.written.ms)} ms`);
  }

  /** The cache file is read on another thread: it may be read from activation on, beside the listing. */
  get readsOffThread(): boolean {
    return this.files.offThread === true;
  }

  /** The cache file's path. */
  get where(): string {
    return this.files.where;
  }

  /** For tests (a restart simulated in one window): the next scan uses the cache again, as a new session's first one. */
  rearm(): void {
    this.used = false;
    this.digested = false;
    this.scanned = false;
    this.cached = undefined;
    this.fileAsRead = undefined;
    this.stamped.clear();
    this.stale.clear();
    Object.assign(this.stats, { unchanged: undefined, ignored: undefined, readOn: undefined, entries: 0, restored: 0, read: 0, readMs: undefined, restoreMs: undefined, findMs: undefined, restoreLongestStallMs: undefined, digest: undefined });
  }

  dispose(): void {
    this.disposed = true;
    this.ending.abort();
    if (this.timer) clearTimeout(this.timer);
    this.subscription.dispose();
    this.configSubscription.dispose();
  }
}
