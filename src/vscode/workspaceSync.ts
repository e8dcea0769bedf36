// Keeps the store in step with the files: finds every sidecar in the workspace, reads sidecars
// and articles (vscode.workspace.fs only), watches both for changes made outside the editor
// (git checkout, another tool, hand edits), writes after changes, shows sidecar problems, and
// moves or removes a sidecar when its article is renamed or deleted, keeps the claims of an
// article that went missing (orphaned, never dropped) and asks git for the article's previous
// version when claims are not where the sidecar says.
import * as vscode from 'vscode';
import type { ClaimStore } from '../core/store/claimStore';
import { articleKey, articleUri, articleUriForSidecar, baseName, isUnder, openDocument, rebase, sidecarUriFor } from './articles';
import { exists, FileRefusedError, readArticleFile, readTextFile } from './fileText';
import { articleAtSidecarCommit } from './gitHistory';
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
  private readonly disposables: vscode.Disposable[] = [];
  /** Old and new URIs of renames in progress: their watcher deletes are not deletions. */
  private readonly renaming = new Set<string>();
  /** Articles being loaded, so that concurrent triggers share one read. */
  private readonly loading = new Map<string, Promise<string | undefined>>();
  /** Articles whose sidecar was deleted: their claims are kept in memory but not written back unasked. */
  private readonly holdBack = new Set<string>();
  ready: Promise<void> = Promise.resolve();

  constructor(private readonly store: ClaimStore, private readonly log: vscode.LogOutputChannel) {
    this.writer = new SidecarWriter(store, log);
    this.disposables.push(this.writer, this.diagnostics);
    this.disposables.push(store.onDidChange((e) => {
      const snap = store.get(e.article);
      if (e.kind === 'removed') return;
      if (snap) this.diagnostics.update(snap, vscode.Uri.parse(snap.sidecar, true));
      if (e.kind === 'claims' || e.kind === 'dismissed' || (e.kind === 'loaded' && snap?.dirty && this.writer.busy !== e.article && !this.holdBack.has(e.article))) this.writer.schedule(e.article);
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
      sidecars.onDidDelete((u) => void this.sidecarDeleted(u)),
      articles.onDidChange((u) => void this.articleChangedOnDisk(u)),
      // Renamed or deleted outside VS Code (or back again): claims are orphaned, then placed again.
      articles.onDidCreate((u) => void this.articleChangedOnDisk(u)),
      articles.onDidDelete((u) => { if (!this.renaming.has(u.toString())) void this.articleChangedOnDisk(u); }),
      vscode.workspace.onDidSaveTextDocument((d) => { if (d.uri.path.endsWith(suffix)) void this.sidecarChanged(d.uri); }),
      vscode.workspace.onWillRenameFiles((e) => { for (const f of e.files) { this.renaming.add(f.oldUri.toString()); this.renaming.add(f.newUri.toString()); } }),
      vscode.workspace.onDidRenameFiles((e) => void this.renamed(e.files)),
      vscode.workspace.onDidDeleteFiles((e) => void this.deleted(e.files)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.scan()),
    );
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
      this.loadInto(key, source);
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
    void articleAtSidecarCommit(article, vscode.Uri.parse(snap.sidecar, true)).then((previous) => {
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

  private async reloadSidecar(key: string, sidecar: vscode.Uri): Promise<void> {
    const source = await readSidecar(sidecar);
    if (!this.store.get(key)) return;
    this.loadInto(key, source);
  }

  /** A sidecar as read: its text (or none) to load, or why it was refused (then it is never written). */
  private loadInto(key: string, source: string | undefined | FileRefusedError): void {
    if (source instanceof FileRefusedError) {
      this.log.warn(`${this.store.get(key)?.sidecar}: ${source.message}`);
      this.store.sidecarUnreadable(key, [source.problem]);
    } else {
      this.store.loadSidecar(key, source);
    }
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

  private async sidecarDeleted(sidecar: vscode.Uri): Promise<void> {
    if (this.renaming.has(sidecar.toString())) return;
    const article = articleUriForSidecar(sidecar);
    if (!article) return;
    const key = articleKey(article);
    const snap = this.store.get(key);
    if (!snap || snap.sidecar !== sidecar.toString()) return;
    if (await exists(sidecar)) return; // replaced at once (some tools write by delete + create)
    if (snap.dirty) {
      // Unsaved changes: keep everything; the next write recreates the file.
      this.store.loadSidecar(key, undefined);
      void notify.warn(`${baseName(sidecar)} was deleted while it had unsaved claims; Factmark will write them again.`);
      return;
    }
    if (openDocument(article) && snap.claims.length) {
      // The article is open: its claims stay shown (in memory); the file is written back at the
      // next change to them, or now if the user asks. Nothing is written unasked.
      this.holdBack.add(key);
      try { this.store.loadSidecar(key, undefined); } finally { this.holdBack.delete(key); }
      const n = snap.claims.length;
      const choice = await notify.warn(
        `${baseName(sidecar)} was deleted outside Factmark. Its ${n} claim${n === 1 ? ' is' : 's are'} still open in ${baseName(article)}; any change to them writes the file again.`,
        'Write It Back Now', 'Forget the Claims');
      if (choice === 'Write It Back Now') await this.writer.retry(key);
      else if (choice === 'Forget the Claims' && this.store.get(key)?.sidecarState === 'missing') { this.store.forget(key); this.diagnostics.delete(sidecar); }
      return;
    }
    this.store.forget(key);
    this.diagnostics.delete(sidecar);
  }

  private async articleChangedOnDisk(article: vscode.Uri): Promise<void> {
    const key = articleKey(article);
    if (!this.store.get(key)) return;
    // An open document follows the disk through its own change events (see documentSync).
    if (openDocument(article)) return;
    await this.readArticleText(article);
  }

  private async renamed(files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): Promise<void> {
    try {
      for (const { oldUri, newUri } of files) {
        for (const key of this.store.articles()) {
          const article = articleUri(key);
          if (article.toString() === oldUri.toString()) await this.renameArticle(key, newUri, true);
          else if (isUnder(article, oldUri)) await this.renameArticle(key, rebase(article, oldUri, newUri), false);
        }
      }
    } finally {
      setTimeout(() => { for (const f of files) { this.renaming.delete(f.oldUri.toString()); this.renaming.delete(f.newUri.toString()); } }, 2000);
    }
  }

  /** `moveSidecar`: the article itself was renamed, so its sidecar has to follow it. */
  private async renameArticle(oldKey: string, newArticle: vscode.Uri, moveSidecar: boolean): Promise<void> {
    const snap = this.store.get(oldKey);
    if (!snap) return;
    const oldSidecar = vscode.Uri.parse(snap.sidecar, true);
    const newSidecar = sidecarUriFor(newArticle);
    if (moveSidecar && (await exists(oldSidecar))) {
      if (await exists(newSidecar)) {
        void notify.warn(`${baseName(newSidecar)} already exists, so ${baseName(oldSidecar)} was not renamed with its article. Merge them by hand.`);
        return;
      }
      this.renaming.add(oldSidecar.toString());
      this.renaming.add(newSidecar.toString());
      await this.writer.flush();
      await vscode.workspace.fs.rename(oldSidecar, newSidecar);
    }
    this.diagnostics.delete(oldSidecar);
    this.store.rename(oldKey, articleKey(newArticle), newSidecar.toString(), baseName(newArticle));
    if (!this.store.hasArticleText(articleKey(newArticle)) || this.store.get(articleKey(newArticle))?.articleMissing) await this.readArticleText(newArticle);
    this.log.info(`renamed ${oldKey} → ${newArticle.toString()}`);
  }

  private async deleted(files: readonly vscode.Uri[]): Promise<void> {
    for (const uri of files) {
      const key = articleKey(uri);
      const snap = this.store.get(key);
      if (!snap || !snap.claims.length) continue;
      const sidecar = vscode.Uri.parse(snap.sidecar, true);
      if (!(await exists(sidecar))) { this.store.forget(key); continue; }
      const n = snap.claims.length;
      const choice = await notify.warn(
        `${baseName(uri)} was deleted. It has ${n} claim${n === 1 ? '' : 's'} in ${baseName(sidecar)}.`,
        'Keep the Sidecar', 'Delete the Sidecar Too');
      if (choice === 'Delete the Sidecar Too') {
        await this.writer.flush();
        await vscode.workspace.fs.delete(sidecar, { useTrash: true });
        this.store.forget(key);
        this.diagnostics.delete(sidecar);
      } else {
        this.store.setArticleText(key, '', { missing: true });
      }
    }
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
