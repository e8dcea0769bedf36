// Keeps the store in step with the files: finds every sidecar in the workspace, reads sidecars
// and articles (vscode.workspace.fs only), watches both for changes made outside the editor
// (git checkout, another tool, hand edits), writes after changes and shows sidecar problems;
// keeps the claims of an article that went missing (orphaned, never dropped) and asks git for
// the article's previous version when claims are not where the sidecar says (on the desktop). Renames and
// deletions are fileLifecycle.ts's.
import * as vscode from 'vscode';
import type { ClaimStore } from '../core/store/claimStore';
import { articleKey, articleUri, articleUriForSidecar, baseName, openDocument, sidecarUriFor } from './articles';
import { FileLifecycle } from './fileLifecycle';
import { FileRefusedError, readArticleFile, readTextFile } from './fileText';
import type { Platform } from './platform';
import { SidecarAlerts } from './sidecarAlerts';
import { SidecarDiagnostics } from './sidecarDiagnostics';
import { SidecarWriter } from './sidecarWriter';
import { sidecarSuffix } from './settings';
import * as notify from './notify';

const ARTICLE_GLOB = '**/*.{md,markdown,mdown,txt,text}';
const EXCLUDE = '{**/node_modules/**,**/.git/**,**/.vscode-test/**}';

export class WorkspaceSync implements vscode.Disposable {
  readonly writer: SidecarWriter;
  readonly diagnostics = new SidecarDiagnostics();
  private readonly lifecycle: FileLifecycle;
  private readonly disposables: vscode.Disposable[] = [];
  /** Articles being loaded, so that concurrent triggers share one read. */
  private readonly loading = new Map<string, Promise<string | undefined>>();
  ready: Promise<void> = Promise.resolve();

  constructor(private readonly store: ClaimStore, private readonly log: vscode.LogOutputChannel, private readonly platform: Pick<Platform, 'articleAtSidecarCommit'>) {
    this.writer = new SidecarWriter(store, log);
    this.lifecycle = new FileLifecycle({ store, writer: this.writer, diagnostics: this.diagnostics, log, readArticleText: (a) => this.readArticleText(a) });
    this.disposables.push(this.writer, this.diagnostics, this.lifecycle);
    this.disposables.push(store.onDidChange((e) => {
      if (e.kind === 'removed') return;
      const snap = store.get(e.article);
      if (snap) this.diagnostics.update(snap, vscode.Uri.parse(snap.sidecar, true));
      // The user's changes are written; a load says itself whether it left something to write.
      if (e.kind === 'claims' || e.kind === 'dismissed') this.writer.schedule(e.article);
    }));
    this.disposables.push(new SidecarAlerts(store, this.writer, this.diagnostics));
  }

  start(): void {
    const suffix = sidecarSuffix();
    const sidecars = vscode.workspace.createFileSystemWatcher(`**/*${suffix}`);
    const articles = vscode.workspace.createFileSystemWatcher(ARTICLE_GLOB);
    this.disposables.push(
      sidecars, articles,
      sidecars.onDidCreate((u) => void this.sidecarChanged(u)),
      sidecars.onDidChange((u) => void this.sidecarChanged(u)),
      sidecars.onDidDelete((u) => void this.lifecycle.sidecarDeleted(u)),
      articles.onDidChange((u) => void this.articleChangedOnDisk(u)),
      // Renamed or deleted outside VS Code (or back again): claims are orphaned, then placed again.
      articles.onDidCreate((u) => void this.articleChangedOnDisk(u)),
      articles.onDidDelete((u) => { if (!this.lifecycle.isRenaming(u)) void this.articleChangedOnDisk(u); }),
      vscode.workspace.onDidSaveTextDocument((d) => { if (d.uri.path.endsWith(suffix)) void this.sidecarChanged(d.uri); }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.scan()),
    );
    this.lifecycle.start();
    this.ready = this.scan();
  }

  /** Finds every sidecar in the workspace folders and loads it with its article. */
  async scan(): Promise<void> {
    const found = await vscode.workspace.findFiles(`**/*${sidecarSuffix()}`, EXCLUDE);
    for (const sidecar of found) {
      const article = articleUriForSidecar(sidecar);
      if (!article) continue;
      try {
        await this.ensureArticle(article);
      } catch (e) {
        this.log.error(`loading ${sidecar.toString()}: ${String(e)}`);
      }
    }
  }

  /**
   * Registers the article with the store (once), reads its sidecar and its text. Returns the
   * article's key. `create`: also for an article that has no sidecar yet (marking a claim).
   */
  async ensureArticle(article: vscode.Uri, create = true): Promise<string | undefined> {
    const key = articleKey(article);
    if (this.store.get(key) && this.store.hasArticleText(key)) return key;
    const running = this.loading.get(key);
    if (running) {
      // A load without `create` (on open) may be running: it gives up when there is no sidecar.
      const done = await running;
      if (done || !create) return done;
      return this.ensureArticle(article, create);
    }
    const job = this.load(article, create).finally(() => this.loading.delete(key));
    this.loading.set(key, job);
    return job;
  }

  private async load(article: vscode.Uri, create: boolean): Promise<string | undefined> {
    const key = articleKey(article);
    const sidecar = sidecarUriFor(article);
    if (!this.store.get(key)) {
      const source = await readSidecar(sidecar);
      if (source === undefined && !create) return undefined;
      this.store.open(key, sidecar.toString(), baseName(article));
      this.loadSidecarText(key, source);
    }
    if (!this.store.hasArticleText(key)) await this.readArticleText(article);
    return key;
  }

  /** The article's text from its open editor, else from disk (a missing article orphans its claims). */
  async readArticleText(article: vscode.Uri): Promise<void> {
    const key = articleKey(article);
    const doc = openDocument(article);
    if (doc) { this.setArticleText(article, doc.getText()); return; }
    const text = await readArticleFile(article);
    if (typeof text === 'object') {
      this.log.warn(`${article.toString()}: ${text.message}`);
      void notify.warn(`Factmark cannot place the claims of ${baseName(article)}: ${text.message}`);
      return;
    }
    if (!this.store.get(key)) return;
    if (text === undefined) {
      const was = this.store.get(key);
      this.store.setArticleText(key, '', { missing: true });
      if (was && !was.articleMissing && was.claims.length) this.log.warn(`${article.toString()} is missing; its ${was.claims.length} claims are kept, orphaned`);
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
    if (!this.store.get(key)) return;
    this.store.setArticleText(key, text);
    const snap = this.store.get(key);
    if (!snap || snap.claims.every((c) => c.state === 'anchored')) return;
    void this.platform.articleAtSidecarCommit(article, vscode.Uri.parse(snap.sidecar, true)).then((previous) => {
      if (!previous || !this.store.hasArticleText(key, text)) return;
      this.store.setArticleText(key, text, { previous });
      this.log.info(`${article.toString()}: claims carried through git history since ${previous.label}`);
    }, (e) => this.log.warn(`git history of ${article.toString()}: ${String(e)}`));
  }

  /** Re-reads every sidecar and article from disk (the Refresh command). */
  async reloadAll(): Promise<void> {
    await this.writer.flush();
    for (const key of this.store.articles()) {
      const article = articleUri(key);
      const snap = this.store.get(key);
      if (!snap) continue;
      await this.reloadSidecar(key, vscode.Uri.parse(snap.sidecar, true));
      await this.readArticleText(article);
    }
    await this.scan();
  }

  /**
   * Gives the store the sidecar's text as it is on disk (`undefined`: no file; a FileRefusedError:
   * refused on reading). When that merges with unsaved edits here, the merged claims are written.
   */
  loadSidecarText(key: string, source: string | undefined | FileRefusedError): void {
    if (source instanceof FileRefusedError) {
      // Refused (a link out of the folder, a FIFO, not UTF-8…): shown as broken, never written.
      this.log.warn(`${this.store.get(key)?.sidecar}: ${source.message}`);
      this.store.sidecarUnreadable(key, [source.problem]);
      return;
    }
    const load = this.store.loadSidecar(key, source);
    if (load.changed && load.unsaved) this.writer.schedule(key);
  }

  private async reloadSidecar(key: string, sidecar: vscode.Uri): Promise<void> {
    const source = await readSidecar(sidecar);
    if (!this.store.get(key)) return;
    this.loadSidecarText(key, source);
  }

  private async sidecarChanged(sidecar: vscode.Uri): Promise<void> {
    const article = articleUriForSidecar(sidecar);
    if (!article) return;
    const key = articleKey(article);
    try {
      if (!this.store.get(key)) { await this.ensureArticle(article); return; }
      await this.reloadSidecar(key, sidecar);
      if (!this.store.hasArticleText(key)) await this.readArticleText(article);
    } catch (e) {
      this.log.error(`reloading ${sidecar.toString()}: ${String(e)}`);
    }
  }

  private async articleChangedOnDisk(article: vscode.Uri): Promise<void> {
    const key = articleKey(article);
    if (!this.store.get(key)) return;
    // An open document follows the disk through its own change events (see documentSync).
    if (openDocument(article)) return;
    await this.readArticleText(article);
  }

  async flush(): Promise<void> {
    await this.ready;
    await Promise.all([...this.loading.values()]);
    await this.writer.flush();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
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
