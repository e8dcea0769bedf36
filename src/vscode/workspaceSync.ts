// Keeps the store in step with the files: finds every sidecar in the workspace, reads sidecars
// and articles (vscode.workspace.fs only; many at once in batches, see workspaceScan.ts), watches
// both for changes made outside the editor (git checkout, another tool, hand edits), writes after
// changes and shows sidecar problems; keeps the claims of an article that went missing (orphaned,
// never dropped) and asks git for the article's previous version when claims are not where the
// sidecar says (on the desktop). Renames and deletions are fileLifecycle.ts's.
import * as vscode from 'vscode';
import type { ClaimStore } from '../core/store/claimStore';
import type { SidecarLoad } from '../core/store/types';
import { articleKey, articleUri, articleUriForSidecar, baseName, displayPath, isSidecarUri, openDocument, sidecarUriFor, suffixesByFolder } from './articles';
import { FileLifecycle } from './fileLifecycle';
import { FileRefusedError, readArticleFile, readTextFile } from './fileText';
import type { Platform } from './platform';
import { SidecarAlerts } from './sidecarAlerts';
import { SidecarDiagnostics } from './sidecarDiagnostics';
import { SidecarWriter } from './sidecarWriter';
import { sidecarSuffix } from './settings';
import * as notify from './notify';
import { StallWatch } from './perf';
import { type Hurry, loadArticles, ScanReporter, type ScanProgress } from './workspaceScan';
import { StartupCache } from './startupCache';
import type { CacheIdentity } from '../core/store/startupCache';

const ARTICLE_GLOB = '**/*.{md,markdown,mdown,txt,text}';
const ARTICLE_EXTENSION = /\.(md|markdown|mdown|txt|text)$/i;
/** Folders no sidecar is looked for in, at any depth (the glob for findFiles, and the names for the desktop's own listing). */
const EXCLUDED_DIRS = ['node_modules', '.git', '.vscode-test'];
const EXCLUDE = `{${EXCLUDED_DIRS.map((d) => `**/${d}/**`).join(',')}}`;
/** How long after a file changes on disk the watchers' reports are taken in (together with any that follow). */
const WATCH_DELAY_MS = 40;
/** Up to this many files changed together are taken in one by one, with a message each where one is due. */
const FEW_FILES = 8;

/** How a scan found the sidecars (api.perf().sidecarSearch). */
export interface SidecarSearchStats {
  readonly how: 'listed' | 'findFiles';
  /** Why the desktop's listing gave up (findFiles was asked instead). */
  readonly why: string | undefined;
  readonly sidecars: number;
  readonly ms: number;
}

export class WorkspaceSync implements vscode.Disposable {
  readonly writer: SidecarWriter;
  readonly diagnostics = new SidecarDiagnostics();
  private readonly lifecycle: FileLifecycle;
  private readonly disposables: vscode.Disposable[] = [];
  /** Articles being loaded, so that concurrent triggers share one read. */
  private readonly loading = new Map<string, Promise<string | undefined>>();
  /** The batch loads running: each can take one of its articles in at once, ahead of its queue. */
  private readonly hurries = new Set<Hurry>();
  /**
   * Articles that callers of ensureArticle wait for in a batch load (how many callers): once taken
   * in, their text and sidecar are kept for them, not let go at once only to be read again.
   */
  private readonly wanted = new Map<string, number>();
  /**
   * Work running that may change claims after a wait (see whileWorking: a command, a change from
   * the details form), how many at once; the articles such work holds (holdForWork), not let go
   * until all of it has ended; and those that something let go meanwhile (releaseText), let go then.
   */
  private working = 0;
  private readonly heldForWork = new Set<string>();
  private readonly releaseAfterWork = new Map<string, vscode.Uri>();
  ready: Promise<void> = Promise.resolve();
  /** How far the scan of the workspace is (the Claims panel shows it). */
  readonly scanStatus = new ScanReporter();
  /** The last batch load (the start-up scan, a checkout, Refresh): how many, how long, the longest stall. */
  lastLoad: { articles: number; ms: number; longestStallMs: number; longestStallEndedAt: number; stallsOver100Ms: number; reload: boolean } | undefined;
  /** Files the watchers reported, waiting to be taken in (see watched()). */
  private readonly changedOnDisk = new Map<string, { kind: 'sidecar' | 'article'; uri: vscode.Uri }>();
  private readonly deletedOnDisk = new Map<string, vscode.Uri>();
  /** Other paths the watchers saw deleted (folders among them): known articles under them are checked. */
  private readonly foldersDeleted = new Map<string, vscode.Uri>();
  private watchTimer: ReturnType<typeof setTimeout> | undefined;
  /** For tests (StartupCacheApi.restart): the watchers' reports are dropped, as when the window is closed. */
  notWatching = false;
  /** The reports dropped meanwhile (URIs). */
  readonly unwatched: string[] = [];
  private watchIdle: Promise<void> = Promise.resolve();

  /** The start-up cache (desktop, with a workspace storage): unchanged articles restored, not read, by the first scan. */
  readonly startupCache?: StartupCache;
  /** How the start-up scan found the sidecars: listed on the local disk, or VS Code's file search (and why not listed). */
  firstSearch: SidecarSearchStats | undefined;

  constructor(private readonly store: ClaimStore, private readonly log: vscode.LogOutputChannel, private readonly platform: Pick<Platform, 'articleAtSidecarCommit' | 'startupCache' | 'findSidecars' | 'scanDigester'>, cacheIdentity?: () => CacheIdentity) {
    this.writer = new SidecarWriter(store, log);
    if (platform.startupCache && cacheIdentity) {
      this.startupCache = new StartupCache(store, platform.startupCache, cacheIdentity, log, (key) => this.loading.has(key), platform.scanDigester);
      this.disposables.push(this.startupCache);
    }
    this.lifecycle = new FileLifecycle({ store, writer: this.writer, diagnostics: this.diagnostics, log, readArticleText: (a) => this.readArticleText(a) });
    this.disposables.push(this.writer, this.diagnostics, this.lifecycle, this.scanStatus);
    this.disposables.push(store.onDidChange((e) => {
      if (e.kind === 'removed') return;
      // Typing that touched claims or not: no problem or flag of the file changes.
      if (e.kind !== 'anchors' || !e.ids) {
        this.diagnostics.updateMany(e.articles.flatMap((a) => {
          const state = store.state(a);
          return state ? [[state, state.sidecar] as const] : [];
        }));
      }
      // The user's changes are written; a load says itself whether it left something to write.
      if (e.kind === 'claims' || e.kind === 'dismissed') for (const a of e.articles) this.writer.schedule(a);
      // A new status scale (setScale names no claim): a sidecar let go with a claim off it is read
      // again, so that its unknown-status errors are placed on the file's lines.
      // So is one whose start-up cache entry did not hold its claims (never expected: the cache's
      // checksum held): read now, its claims are the file's.
      if (e.kind === 'claims' && !e.ids) {
        for (const a of e.articles) {
          const lost = store.claimsLost(a);
          if (lost) log.error(`the start-up cache's entry for ${a} did not hold its claims; its sidecar is read again`);
          if (lost || store.sidecarNeededForProblems(a)) void this.restoreSidecar(a).catch((err) => log.error(`reading ${a} again: ${String(err)}`));
        }
      }
    }));
    this.disposables.push(new SidecarAlerts(store, this.writer, this.diagnostics));
  }

  start(): void {
    const suffix = sidecarSuffix();
    const sidecars = vscode.workspace.createFileSystemWatcher(`**/*${suffix}`);
    const articles = vscode.workspace.createFileSystemWatcher(ARTICLE_GLOB);
    // A folder deleted at once (rm -r, a checkout that drops a folder): the watcher may report the
    // folder alone, and no sidecar or article in it, so deletes of anything else are checked too.
    const others = vscode.workspace.createFileSystemWatcher('**', true, true, false);
    this.disposables.push(
      sidecars, articles, others,
      sidecars.onDidCreate((u) => this.watched('sidecar', u)),
      sidecars.onDidChange((u) => this.watched('sidecar', u)),
      sidecars.onDidDelete((u) => this.watched('sidecarDeleted', u)),
      articles.onDidChange((u) => this.watched('article', u)),
      // Renamed or deleted outside VS Code (or back again): claims are orphaned, then placed again.
      articles.onDidCreate((u) => this.watched('article', u)),
      articles.onDidDelete((u) => { if (!this.lifecycle.isRenaming(u)) this.watched('article', u); }),
      others.onDidDelete((u) => { if (!this.lifecycle.isRenaming(u)) this.watched('deleted', u); }),
      vscode.workspace.onDidSaveTextDocument((d) => { if (d.uri.path.endsWith(suffix)) void this.sidecarChanged(d.uri); }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.scan()),
    );
    this.lifecycle.start();
    // Read while VS Code searches the workspace for sidecars (a second or so), or the desktop
    // lists it, where a worker thread reads the cache; the desktop's own listing is quicker done
    // first, with the host to itself, than slowed down by the cache read in slices here.
    if (!this.platform.findSidecars || this.startupCache?.readsOffThread) this.startupCache?.prefetch();
    this.ready = this.scan();
  }

  /**
   * Finds every sidecar in the workspace folders and loads it with its article: reads in
   * parallel, takes them into the store in short batches (see workspaceScan.ts).
   */
  async scan(): Promise<void> {
    const searching = performance.now();
    const found = await this.findSidecars();
    if (this.startupCache && this.startupCache.stats.findMs === undefined) this.startupCache.stats.findMs = performance.now() - searching;
    const suffixOf = suffixesByFolder();
    const todo = found.flatMap((sidecar) => {
      const article = articleUriForSidecar(sidecar, suffixOf(sidecar));
      const key = article && articleKey(article);
      return article && key && !(this.store.has(key) && (this.store.hasArticleText(key) || this.store.articleTextDropped(key))) ? [article] : [];
    });
    const cache = this.startupCache;
    let rest = cache ? await cache.restore(todo) : todo;
    // What the cache did not have (all of it, the first time): read, parsed and anchored on worker
    // threads where the host can start them; then the host reads the rest. One progress over both.
    let shown: ScanProgress | undefined;
    if (cache) {
      const sent = rest.length;
      rest = await cache.digest(rest, (done, total) => this.scanStatus.set(shown = { done, total }));
      if (shown) shown = { done: sent - rest.length, total: sent };
    }
    // (nothing left for the host to read: the workers' progress ends here)
    if (!(await this.loadMany(rest, false, shown)) && shown) this.scanStatus.set(undefined);
    cache?.scanDone();
  }

  /**
   * Every sidecar in the workspace folders: listed on the local disk (the desktop), which finds
   * what VS Code's file search would in a fraction of its time, or found by that search where the
   * listing cannot tell (see src/core/sidecarWalk.ts) and on the web.
   */
  private async findSidecars(): Promise<vscode.Uri[]> {
    const started = performance.now();
    const suffix = sidecarSuffix();
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri);
    const listed = this.platform.findSidecars && folders.length ? await this.platform.findSidecars(folders, suffix, EXCLUDED_DIRS) : undefined;
    // (the start-up cache, if not read yet, is read meanwhile: findFiles takes a second or so)
    if (!listed?.ok) this.startupCache?.prefetch();
    const found = listed?.ok ? listed.found : await vscode.workspace.findFiles(`**/*${suffix}`, EXCLUDE);
    const ms = performance.now() - started;
    this.firstSearch ??= { how: listed?.ok ? 'listed' : 'findFiles', why: listed && !listed.ok ? listed.why : undefined, sidecars: found.length, ms };
    this.log.info(listed?.ok
      ? `found ${found.length} sidecars by listing ${listed.folders} folders (${Math.round(ms)} ms)`
      : `found ${found.length} sidecars with VS Code's file search (${Math.round(ms)} ms)${listed ? `; not listed here, since ${listed.why}` : ''}`);
    return found;
  }

  /** For tests: the sidecars under `root` as the listing finds them (or why it gives up) and as VS Code's file search does. */
  async searchBothWays(root: vscode.Uri): Promise<{ listed: string[] | { why: string } | undefined; found: string[] }> {
    const suffix = sidecarSuffix();
    const listed = this.platform.findSidecars ? await this.platform.findSidecars([root], suffix, EXCLUDED_DIRS) : undefined;
    // The very call the scan makes (over the workspace folders, their files.exclude applied), kept to what is under root.
    const under = root.toString().replace(/\/?$/, '/');
    const found = (await vscode.workspace.findFiles(`**/*${suffix}`, EXCLUDE)).filter((u) => u.toString().startsWith(under));
    const names = (us: readonly vscode.Uri[]) => us.map((u) => u.toString()).sort();
    return { listed: listed && (listed.ok ? names(listed.found) : { why: listed.why }), found: names(found) };
  }

  /**
   * Loads (or, with `reload`, reads again) many articles in parallel batches, showing progress.
   * `before`: what an earlier phase of the same scan (the worker threads) did, which this load's
   * progress goes on from. Resolves to whether it loaded anything (and so showed, then ended, progress).
   */
  private async loadMany(articles: readonly vscode.Uri[], reload: boolean, before?: ScanProgress): Promise<boolean> {
    // Every batch load stamps the files it reads for the start-up cache (a Refresh or a checkout
    // too, so that the articles it read again stay in the cache).
    const cache = this.startupCache;
    const todo: vscode.Uri[] = [];
    const waiting = new Map<string, () => void>();
    for (const article of articles) {
      const key = articleKey(article);
      if (this.loading.has(key) || waiting.has(key)) continue;
      todo.push(article);
      // Anything else that wants this article (it is opened meanwhile) waits for the batch to take it in.
      let settle!: () => void;
      const job = new Promise<string | undefined>((resolve) => { settle = () => resolve(this.store.has(key) ? key : undefined); });
      waiting.set(key, settle);
      this.loading.set(key, job);
    }
    if (!todo.length) return false;
    inEditorsFirst(todo);
    const started = performance.now();
    const stalls = new StallWatch();
    stalls.start();
    const done0 = before?.done ?? 0;
    const total0 = before ? before.total - articles.length : 0;
    this.scanStatus.set({ done: done0, total: total0 + todo.length });
    const settled = (key: string) => {
      cache?.taken(key);
      waiting.get(key)?.();
      waiting.delete(key);
      this.loading.delete(key);
    };
    let gone: vscode.Uri[] = [];
    let hurry: Hurry | undefined;
    try {
      gone = await loadArticles(this.store, todo, {
        log: this.log,
        placed: (article, text) => { this.askHistory(article, text); if (!this.wanted.has(articleKey(article))) this.releaseText(article); },
        loadSidecarText: (key, source, read) => this.loadSidecarText(key, source, read),
        beforeRead: cache && ((key, article, sidecar) => cache.beforeRead(key, article, sidecar)),
        settled,
      }, (done, total) => this.scanStatus.set({ done: done0 + done, total: total0 + total }), { reload, hurry: (h) => { hurry = h; this.hurries.add(h); } });
    } finally {
      if (hurry) this.hurries.delete(hurry);
      for (const key of [...waiting.keys()]) settled(key);
      this.scanStatus.set(undefined);
      stalls.stop();
    }
    const ms = performance.now() - started;
    this.lastLoad = { articles: todo.length, ms, longestStallMs: stalls.longestMs, longestStallEndedAt: stalls.longestEndedAt, stallsOver100Ms: stalls.over100, reload };
    this.log.info(`${reload ? 'reloaded' : 'loaded'} ${todo.length} articles in ${Math.round(ms)} ms (the longest the extension host was kept busy: ${Math.round(stalls.longestMs)} ms)`);
    // Sidecars deleted while they were read again: as if the watcher had reported them.
    if (gone.length) await this.lifecycle.sidecarsDeleted(gone);
    return true;
  }

  /**
   * Registers the article with the store (once), reads its sidecar and its text. Returns the
   * article's key. `create`: also for an article that has no sidecar yet (marking a claim).
   */
  async ensureArticle(article: vscode.Uri, create = true): Promise<string | undefined> {
    const key = articleKey(article);
    if (this.store.has(key) && this.store.hasArticleText(key) && !this.store.articleSidecarDropped(key)) return key;
    const running = this.loading.get(key);
    if (running) {
      // (kept once taken in: a hurried article may be taken in at once, within hurry)
      this.wanted.set(key, (this.wanted.get(key) ?? 0) + 1);
      let done: string | undefined;
      try {
        // In a batch load's queue (the start-up scan): taken in now, on its own, not when the queue gets there.
        for (const hurry of this.hurries) if (hurry(key)) break;
        // A load without `create` (on open) may be running: it gives up when there is no sidecar.
        done = await running;
      } finally {
        const n = (this.wanted.get(key) ?? 1) - 1;
        if (n > 0) this.wanted.set(key, n); else this.wanted.delete(key);
      }
      if (!done && !create) return undefined;
      // Whatever is still let go (a batch reload keeps a sidecar let go that it found unchanged)
      // is read again now, as for a command that came after the load.
      return this.ensureArticle(article, create);
    }
    const job = this.load(article, create).finally(() => this.loading.delete(key));
    this.loading.set(key, job);
    return job;
  }

  /** Whether the article is being loaded (by itself or in a batch, such as the start-up scan). */
  isLoading(article: vscode.Uri): boolean {
    return this.loading.has(articleKey(article));
  }

  private async load(article: vscode.Uri, create: boolean): Promise<string | undefined> {
    const key = articleKey(article);
    const sidecar = sidecarUriFor(article);
    if (!this.store.has(key)) {
      const read = this.store.sidecarRead();
      const source = await readSidecar(sidecar);
      if (source === undefined && !create) return undefined;
      this.store.open(key, sidecar.toString(), baseName(article));
      this.loadSidecarText(key, source, read);
    }
    if (this.store.articleSidecarDropped(key)) await this.restoreSidecar(key);
    if (!this.store.hasArticleText(key)) await this.readArticleText(article);
    return key;
  }

  /**
   * Reads the sidecar of an article whose sidecar was let go again (the same confined, checked
   * read): the same text, and its parse is the base again; any other (changed, broken, refused)
   * is taken in exactly as a sidecar changed on disk, and a file gone as a deletion. When the
   * file was taken in meanwhile, this read changes nothing; when it was also let go again (a
   * newer read, a watcher's, took it in first: this one found the file as it was before), it is
   * read again, so that whoever waits has it and the older text is never taken in.
   */
  private async restoreSidecar(key: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const state = this.store.state(key);
      if (!state || !this.store.articleSidecarDropped(key)) return;
      const sidecar = vscode.Uri.parse(state.sidecar, true);
      const read = this.store.sidecarRead();
      const source = await readSidecar(sidecar);
      if (!this.store.articleSidecarDropped(key)) return;
      if (this.store.sidecarReadOvertaken(key, read)) {
        if (attempt < 3) continue;
        this.log.info(`${sidecar.toString()} kept changing while it was read again; left as last taken in`);
        return;
      }
      // Deleted while let go (before the watcher's report was taken in): a deletion, decided as
      // the watcher's would be (kept while open, else forgotten), never a change to write back.
      if (source === undefined) { await this.lifecycle.sidecarDeleted(sidecar); return; }
      if (typeof source === 'string' && this.store.restoreArticleSidecar(key, source, read)) return;
      const load = this.loadSidecarText(key, source, read);
      if (load?.changed) this.log.info(`took in ${sidecar.toString()} as changed on disk (${this.store.state(key)?.sidecarState}${load.unsaved ? ', merged with changes made here, to be written' : ''})`);
      return;
    }
  }

  /** The article's text from its open editor, else from disk (a missing article orphans its claims). */
  async readArticleText(article: vscode.Uri): Promise<void> {
    const key = articleKey(article);
    const doc = openDocument(article);
    if (doc) { this.setArticleText(article, doc.getText()); return; }
    const text = await readArticleFile(article);
    // Opened in an editor while the file was read: the editor's text (typed in since, perhaps) is
    // the article's, and its edits have moved the claims since; the file's would put them back.
    const opened = openDocument(article);
    if (opened) {
      if (this.store.has(key) && !this.store.hasArticleText(key)) this.setArticleText(article, opened.getText());
      return;
    }
    if (typeof text === 'object') {
      this.log.warn(`${article.toString()}: ${text.message}`);
      void notify.fileProblem(`Factmark cannot place the claims of ${displayPath(article)}: ${notify.problemText(text)}.`, { file: article.toString(), line: text.line, column: text.column });
      return;
    }
    if (!this.store.has(key)) return;
    if (text !== undefined && this.store.articleTextDropped(key)) {
      // Let go once anchored, now read again: anchored afresh in what was read (the same text gives
      // the same places), and git asked, as for any text read, when some claim is not where it was.
      this.store.restoreArticleText(key, text);
      this.askHistory(article, text);
      return;
    }
    if (text === undefined) {
      const was = this.store.state(key);
      this.store.setArticleText(key, '', { missing: true });
      if (was && !was.articleMissing && was.claimCount) this.log.warn(`${article.toString()} is missing; its ${was.claimCount} claims are kept, orphaned`);
      return;
    }
    this.setArticleText(article, text);
  }

  /**
   * Gives the store the article's whole text. When some claim is then not at its recorded place,
   * git is asked (in the background) for the article at the sidecar's last commit, and the
   * claims are anchored again, carried through the edits since — if the text is still the same.
   */
  setArticleText(article: vscode.Uri, text: string): void {
    const key = articleKey(article);
    if (!this.store.has(key)) return;
    // Opened after its text was let go: read again with the git history kept (see restoreArticleText).
    if (this.store.articleTextDropped(key)) this.store.restoreArticleText(key, text);
    else this.store.setArticleText(key, text);
    this.askHistory(article, text);
  }

  /**
   * Lets the text of an article that is not open in an editor go once its claims are anchored
   * (ClaimStore.dropArticleText; what needs it reads it again: a sidecar change, a command, opening).
   */
  releaseText(article: vscode.Uri): void {
    if (openDocument(article)) return;
    const key = articleKey(article);
    // (work running holds it: let go once that has ended)
    if (this.heldForWork.has(key)) { this.releaseAfterWork.set(key, article); return; }
    this.store.dropArticleText(key);
    // The sidecar's text and parse too, unless something is to be written (a pending write keeps it: the store refuses).
    if (!this.writer.waitingForEditor(key)) this.store.dropArticleSidecar(key);
  }

  /**
   * Runs work that may change claims after a wait (a command: a status picked, a reason typed; a
   * change from the details form). An article it holds (holdForWork, before reading it again) is
   * not let go by anything that finishes meanwhile (a watcher's report that started before the
   * read, git's answer for the history, a batch load), which would leave the change refused as
   * not read again; such releases wait until this and any other work running have ended, and are
   * made then. Nothing else is held: articles read meanwhile for other reasons (opened, hovered,
   * found by the watcher, an export's) are let go as usual.
   */
  async whileWorking<T>(work: () => T | Promise<T>): Promise<T> {
    this.working++;
    try {
      return await work();
    } finally {
      if (--this.working === 0) {
        const later = [...this.releaseAfterWork.values()];
        this.heldForWork.clear();
        this.releaseAfterWork.clear();
        for (const a of later) {
          try { this.releaseText(a); } catch (e) { this.log.error(`letting ${a.toString()} go: ${String(e)}`); }
        }
      }
    }
  }

  /** Work running (whileWorking) is about to use the article, reading it again if it was let go: it is held until that work has ended. Outside such work, nothing. */
  holdForWork(key: string): void {
    if (this.working) this.heldForWork.add(key);
  }

  /** When some claim of the article is not where its sidecar says, asks git (in the background) for the article's earlier version. */
  private askHistory(article: vscode.Uri, text: string): void {
    const key = articleKey(article);
    const snap = this.store.get(key);
    if (!snap || snap.claims.every((c) => c.state === 'anchored')) return;
    // The text given last: if it was let go meanwhile and no other came since, `text` is still the article's.
    const version = this.store.articleTextVersion(key);
    void this.platform.articleAtSidecarCommit(article, vscode.Uri.parse(snap.sidecar, true)).then((previous) => {
      if (!previous) return;
      const dropped = this.store.articleTextDropped(key);
      if (!this.store.hasArticleText(key, text) && !(dropped && this.store.articleTextVersion(key) === version)) return;
      this.store.setArticleText(key, text, { previous });
      this.log.info(`${article.toString()}: claims carried through git history since ${previous.label}`);
      if (dropped) this.releaseText(article);
    }, (e) => this.log.warn(`git history of ${article.toString()}: ${String(e)}`));
  }

  /**
   * Files changed on disk, taken in together a moment after the first one: a checkout or a pull
   * that changes thousands of files is loaded in batches like the start-up scan, with one event
   * per batch, while one file saved by another tool is taken in as before.
   */
  private watched(kind: 'sidecar' | 'sidecarDeleted' | 'article' | 'deleted', uri: vscode.Uri): void {
    // (a restart simulated in one window: what changes on disk meanwhile, nobody watches)
    if (this.notWatching) { this.unwatched.push(uri.toString()); return; }
    const key = uri.toString();
    if (kind === 'deleted') {
      // Sidecars and articles come through their own watchers; anything else may be a folder.
      if (isSidecarUri(uri) || ARTICLE_EXTENSION.test(uri.path)) return;
      this.foldersDeleted.set(key, uri);
    } else if (kind === 'sidecarDeleted') { this.changedOnDisk.delete(key); this.deletedOnDisk.set(key, uri); }
    else { this.deletedOnDisk.delete(key); this.changedOnDisk.set(key, { kind, uri }); }
    if (this.watchTimer) return;
    let done!: () => void;
    this.watchIdle = new Promise<void>((resolve) => { done = resolve; });
    this.watchTimer = setTimeout(() => {
      this.watchTimer = undefined;
      void this.takeWatched().finally(done);
    }, WATCH_DELAY_MS);
  }

  private async takeWatched(): Promise<void> {
    await this.ready;
    this.sidecarsUnderDeleted();
    const changed = [...this.changedOnDisk.values()];
    const deleted = [...this.deletedOnDisk.values()];
    this.changedOnDisk.clear();
    this.deletedOnDisk.clear();
    try {
      if (changed.length + deleted.length <= FEW_FILES) {
        for (const c of changed) await (c.kind === 'sidecar' ? this.sidecarChanged(c.uri) : this.articleChangedOnDisk(c.uri));
        for (const d of deleted) await this.lifecycle.sidecarDeleted(d);
        return;
      }
      // Many files: deleted sidecars first (their articles are forgotten or kept, not read
      // again), then the other articles concerned, read again (new ones loaded) in batches.
      await this.lifecycle.sidecarsDeleted(deleted);
      const gone = new Set(deleted.flatMap((d) => { const a = articleUriForSidecar(d); return a ? [articleKey(a)] : []; }));
      const articles = new Map<string, vscode.Uri>();
      for (const c of changed) {
        const article = c.kind === 'sidecar' ? articleUriForSidecar(c.uri) : c.uri;
        if (!article) continue;
        const key = articleKey(article);
        // (unless the sidecar came back at once: some tools write by delete + create)
        if (gone.has(key) && (!this.store.has(key) || this.store.state(key)?.sidecarState === 'missing')) continue;
        // An article file only matters when it has claims; an open one follows its document.
        if (c.kind === 'article' && (!this.store.has(key) || openDocument(article))) continue;
        articles.set(key, article);
      }
      await this.loadMany([...articles.values()], true);
    } catch (e) {
      this.log.error(`taking in files changed on disk: ${String(e)}`);
    }
  }

  /**
   * Paths deleted that are neither sidecars nor articles (a folder, most often): the sidecars of
   * known articles under them are taken as deleted too, and their articles as changed (whatever
   * is still there stays; sidecarDeleted checks that the file is really gone).
   */
  private sidecarsUnderDeleted(): void {
    if (!this.foldersDeleted.size) return;
    const folders = new Set<string>();
    for (const uri of this.foldersDeleted.values()) folders.add(uri.with({ path: uri.path.replace(/\/+$/, '') }).toString());
    this.foldersDeleted.clear();
    let under = 0;
    for (const key of this.store.articles()) {
      // Walk up the article's folders (not the folders over each article: a checkout may report thousands).
      let at = key;
      for (let slash = at.lastIndexOf('/'); slash > 0; slash = at.lastIndexOf('/')) {
        at = at.slice(0, slash);
        if (!folders.has(at)) continue;
        const state = this.store.state(key);
        if (!state) break;
        const sidecar = vscode.Uri.parse(state.sidecar, true);
        if (!this.changedOnDisk.has(sidecar.toString())) this.deletedOnDisk.set(sidecar.toString(), sidecar);
        const article = articleUri(key);
        this.changedOnDisk.set(article.toString(), { kind: 'article', uri: article });
        under++;
        break;
      }
    }
    if (under) this.log.info(`${folders.size} deleted path${folders.size === 1 ? '' : 's'} (folders) held ${under} known article${under === 1 ? '' : 's'}: their sidecars are checked as deleted`);
  }

  /** Re-reads every sidecar and article from disk (the Refresh command). */
  async reloadAll(): Promise<void> {
    await this.writer.flush();
    await this.ready;
    await this.loadMany(this.store.articles().map(articleUri), true);
    await this.scan();
  }

  /**
   * Gives the store the sidecar's text as it is on disk (`undefined`: no file; a FileRefusedError:
   * refused on reading). When that merges with unsaved edits here, the merged claims are written.
   * `read`: the read's number (ClaimStore.sidecarRead, taken before the file was read): a read
   * overtaken by a later one of the same sidecar is not taken in.
   */
  loadSidecarText(key: string, source: string | undefined | FileRefusedError, read?: number): SidecarLoad | undefined {
    if (source instanceof FileRefusedError) {
      // Refused (a link out of the folder, a FIFO, not UTF-8…): shown as broken, never written.
      this.log.warn(`${this.store.state(key)?.sidecar}: ${source.message}`);
      this.store.sidecarUnreadable(key, [source.problem], read);
      return undefined;
    }
    const load = this.store.loadSidecar(key, source, read);
    if (load.changed && load.unsaved) this.writer.schedule(key);
    return load;
  }

  /** Whether the sidecar's text was news (read into the claims). */
  private async reloadSidecar(key: string, sidecar: vscode.Uri, article?: vscode.Uri): Promise<boolean> {
    // An article whose text was let go is read with its sidecar, and the claims read are anchored
    // in it in the same batch (one event, no moment with the claims unplaced).
    const dropped = article !== undefined && this.store.articleTextDropped(key) && !openDocument(article);
    const read = this.store.sidecarRead();
    const [source, text] = await Promise.all([readSidecar(sidecar), dropped ? readArticleFile(article) : undefined]);
    if (!this.store.has(key)) return false;
    const load = this.store.batch(() => {
      const load = this.loadSidecarText(key, source, read);
      if (load?.changed && typeof text === 'string' && this.store.articleTextDropped(key)) this.store.restoreArticleText(key, text);
      return load;
    });
    if (load?.changed && typeof text === 'string' && article && this.store.hasArticleText(key, text)) this.askHistory(article, text);
    // One line per outside change (not per file of a scan): what a race in the field is read from.
    if (load?.changed) this.log.info(`took in ${sidecar.toString()} as changed on disk (${source === undefined ? 'no file' : this.store.state(key)?.sidecarState}${load.unsaved ? ', merged with changes made here, to be written' : ''})`);
    return load?.changed === true;
  }

  private async sidecarChanged(sidecar: vscode.Uri): Promise<void> {
    const article = articleUriForSidecar(sidecar);
    if (!article) return;
    const key = articleKey(article);
    try {
      // A new sidecar (a few files from a pull, another tool): loaded, its article's text let go once anchored unless it is open.
      if (!this.store.has(key)) { if (await this.ensureArticle(article)) this.releaseText(article); return; }
      const dropped = this.store.articleTextDropped(key);
      const changed = await this.reloadSidecar(key, sidecar, article);
      // (a text let go under a sidecar that did not change still fits its placements)
      if (!this.store.hasArticleText(key) && (changed || !this.store.articleTextDropped(key))) await this.readArticleText(article);
      if (dropped) this.releaseText(article);
    } catch (e) {
      this.log.error(`reloading ${sidecar.toString()}: ${String(e)}`);
    }
  }

  private async articleChangedOnDisk(article: vscode.Uri): Promise<void> {
    const key = articleKey(article);
    if (!this.store.has(key)) return;
    // An open document follows the disk through its own change events (see documentSync).
    if (openDocument(article)) return;
    const dropped = this.store.articleTextDropped(key);
    await this.readArticleText(article);
    if (dropped) this.releaseText(article);
  }

  async flush(): Promise<void> {
    await this.ready;
    for (let idle: Promise<void> | undefined; idle !== this.watchIdle;) { idle = this.watchIdle; await idle; }
    await Promise.all([...this.loading.values()]);
    await this.writer.flush();
  }

  dispose(): void {
    if (this.watchTimer) clearTimeout(this.watchTimer);
    for (const d of this.disposables) d.dispose();
  }
}

/**
 * Puts the articles shown in editors first (the active one, then the visible ones, then other
 * open documents), keeping the order otherwise: what the user looks at is loaded first.
 */
function inEditorsFirst(articles: vscode.Uri[]): void {
  const rank = new Map<string, number>();
  for (const d of vscode.workspace.textDocuments) rank.set(articleKey(d.uri), 2);
  for (const e of vscode.window.visibleTextEditors) rank.set(articleKey(e.document.uri), 1);
  const active = vscode.window.activeTextEditor;
  if (active) rank.set(articleKey(active.document.uri), 0);
  if (!rank.size) return;
  const sorted = articles.map((a, i) => ({ a, i, r: rank.get(articleKey(a)) ?? 3 })).sort((x, y) => x.r - y.r || x.i - y.i);
  sorted.forEach((s, i) => { articles[i] = s.a; });
}

/** readTextFile for a sidecar, with a refusal (a link out of the folder, a FIFO, not UTF-8…) as a value. */
export async function readSidecar(sidecar: vscode.Uri): Promise<string | undefined | FileRefusedError> {
  try {
    return await readTextFile(sidecar);
  } catch (e) {
    if (e instanceof FileRefusedError) return e;
    throw e;
  }
}
