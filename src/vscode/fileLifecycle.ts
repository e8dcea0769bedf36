// What happens to claims when files come and go: an article renamed (in VS Code: its sidecar
// follows it; outside: claims are orphaned until it is back) or deleted (the user chooses whether
// the sidecar goes too), and a sidecar deleted under its article (claims are kept in memory and
// written back only when asked or at the next change). Nothing here ever drops a claim unasked.
import * as vscode from 'vscode';
import type { ClaimStore } from '../core/store/claimStore';
import { articleKey, articleUri, articleUriForSidecar, baseName, isUnder, openDocument, rebase, sidecarUriFor } from './articles';
import { exists } from './fileText';
import * as notify from './notify';
import type { SidecarDiagnostics } from './sidecarDiagnostics';
import type { SidecarWriter } from './sidecarWriter';

export interface LifecycleDeps {
  readonly store: ClaimStore;
  readonly writer: SidecarWriter;
  readonly diagnostics: SidecarDiagnostics;
  readonly log: vscode.LogOutputChannel;
  /** Reads the article's text again (from its editor, else from disk; missing: orphaned). */
  readArticleText(article: vscode.Uri): Promise<void>;
}

/** How long after a rename the watcher's delete events of its old and new paths are ignored. */
const RENAME_GRACE_MS = 2000;

export class FileLifecycle implements vscode.Disposable {
  /** Old and new URIs of renames in progress: their watcher deletes are not deletions. */
  private readonly renaming = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(private readonly deps: LifecycleDeps) {}

  /** Follows renames and deletes made in VS Code (the Explorer, refactorings, other extensions). */
  start(): void {
    this.disposables.push(
      vscode.workspace.onWillRenameFiles((e) => { for (const f of e.files) { this.renaming.add(f.oldUri.toString()); this.renaming.add(f.newUri.toString()); } }),
      vscode.workspace.onDidRenameFiles((e) => void this.renamed(e.files)),
      vscode.workspace.onDidDeleteFiles((e) => void this.deleted(e.files)),
    );
  }

  /** Whether `uri` is the old or new path of a rename in progress (so a watcher delete is not a deletion). */
  isRenaming(uri: vscode.Uri): boolean {
    return this.renaming.has(uri.toString());
  }

  /** The watcher saw a sidecar go (deleted outside Factmark, a checkout, another tool). */
  async sidecarDeleted(sidecar: vscode.Uri): Promise<void> {
    const { store, writer, diagnostics } = this.deps;
    if (this.isRenaming(sidecar)) return;
    const article = articleUriForSidecar(sidecar);
    if (!article) return;
    const key = articleKey(article);
    const snap = store.state(key);
    // Already known to be gone (a late or repeated event, a Refresh): its claims were kept or
    // forgotten then; taking it as news would write back a file the user deleted.
    if (!snap || snap.sidecar !== sidecar.toString() || snap.sidecarState === 'missing') return;
    if (await exists(sidecar)) return; // replaced at once (some tools write by delete + create)
    if (snap.dirty) {
      // Unsaved changes: keep everything; writing again recreates the file.
      if (store.loadSidecar(key, undefined).unsaved) writer.schedule(key);
      void notify.warn(`${baseName(sidecar)} was deleted while it had unsaved claims; Factmark will write them again.`);
      return;
    }
    if (openDocument(article) && snap.claimCount) {
      // The article is open: its claims stay shown (in memory, unsaved) but the file is not
      // written back unasked; the next change to them writes it, or the user's choice now.
      store.loadSidecar(key, undefined);
      const n = snap.claimCount;
      // Not awaited: the answer may take a while, and files changed meanwhile are taken in meanwhile
      // (the caller, WorkspaceSync, takes watcher reports in one batch after another).
      void notify.warn(
        `${baseName(sidecar)} was deleted outside Factmark. Its ${n} claim${n === 1 ? ' is' : 's are'} still open in ${baseName(article)}; any change to them writes the file again.`,
        'Write It Back Now', 'Forget the Claims').then(async (choice) => {
        if (choice === 'Write It Back Now') await writer.retry(key);
        else if (choice === 'Forget the Claims' && store.state(key)?.sidecarState === 'missing') this.forget(key, sidecar);
      }, (e) => this.deps.log.error(`after a sidecar was deleted: ${String(e)}`));
      return;
    }
    this.forget(key, sidecar);
  }

  /**
   * Many sidecars deleted at once (a checkout, a folder removed): as sidecarDeleted, in one store
   * batch (one event for the views) and with one message for all that are kept.
   */
  async sidecarsDeleted(deleted: readonly vscode.Uri[]): Promise<void> {
    const { store, writer } = this.deps;
    const gone = await Promise.all(deleted.map(async (sidecar) => {
      if (this.isRenaming(sidecar)) return undefined;
      const article = articleUriForSidecar(sidecar);
      const key = article && articleKey(article);
      const state = key ? store.state(key) : undefined;
      if (!article || !key || !state || state.sidecar !== sidecar.toString() || state.sidecarState === 'missing') return undefined;
      return (await exists(sidecar)) ? undefined : { article, key, sidecar };
    }));
    let kept = 0;
    store.batch(() => {
      for (const g of gone) {
        const state = g && store.state(g.key);
        if (!g || !state) continue;
        if (state.dirty) {
          // Unsaved changes: kept; writing again recreates the file.
          kept++;
          if (store.loadSidecar(g.key, undefined).unsaved) writer.schedule(g.key);
        } else if (openDocument(g.article) && state.claimCount) {
          // Shown in an open article: kept in memory (unsaved), written at their next change.
          kept++;
          store.loadSidecar(g.key, undefined);
        } else {
          this.forget(g.key, g.sidecar);
        }
      }
    });
    if (kept) {
      void notify.warn(`${kept} sidecar${kept === 1 ? ' was' : 's were'} deleted outside Factmark while ${kept === 1 ? 'its claims were' : 'their claims were'} unsaved or open in an editor. Factmark keeps them in memory and writes each file again at the next change to its claims.`);
    }
  }

  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }

  private forget(key: string, sidecar: vscode.Uri): void {
    this.deps.store.forget(key);
    this.deps.diagnostics.delete(sidecar);
  }

  private async renamed(files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): Promise<void> {
    try {
      for (const { oldUri, newUri } of files) {
        for (const key of this.deps.store.articles()) {
          const article = articleUri(key);
          if (article.toString() === oldUri.toString()) await this.renameArticle(key, newUri, true);
          else if (isUnder(article, oldUri)) await this.renameArticle(key, rebase(article, oldUri, newUri), false);
        }
      }
    } catch (e) {
      this.deps.log.error(`following a rename: ${String(e)}`);
    } finally {
      const t = setTimeout(() => {
        this.timers.delete(t);
        for (const f of files) { this.renaming.delete(f.oldUri.toString()); this.renaming.delete(f.newUri.toString()); }
      }, RENAME_GRACE_MS);
      this.timers.add(t);
    }
  }

  /** `moveSidecar`: the article itself was renamed, so its sidecar has to follow it. */
  private async renameArticle(oldKey: string, newArticle: vscode.Uri, moveSidecar: boolean): Promise<void> {
    const { store, writer, diagnostics, log } = this.deps;
    const snap = store.get(oldKey);
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
      await writer.flush();
      await vscode.workspace.fs.rename(oldSidecar, newSidecar);
    }
    diagnostics.delete(oldSidecar);
    const newKey = articleKey(newArticle);
    // The sidecar names its article (`article:`): after a rename it is rewritten with the new name.
    if (store.rename(oldKey, newKey, newSidecar.toString(), baseName(newArticle)).unsaved) writer.schedule(newKey);
    if (!store.hasArticleText(newKey) || store.get(newKey)?.articleMissing) await this.deps.readArticleText(newArticle);
    log.info(`renamed ${oldKey} → ${newArticle.toString()}`);
  }

  private async deleted(files: readonly vscode.Uri[]): Promise<void> {
    const { store, writer, diagnostics } = this.deps;
    for (const uri of files) {
      const key = articleKey(uri);
      const snap = store.get(key);
      if (!snap || !snap.claims.length) continue;
      const sidecar = vscode.Uri.parse(snap.sidecar, true);
      if (!(await exists(sidecar))) { store.forget(key); continue; }
      const n = snap.claims.length;
      const choice = await notify.warn(
        `${baseName(uri)} was deleted. It has ${n} claim${n === 1 ? '' : 's'} in ${baseName(sidecar)}.`,
        'Keep the Sidecar', 'Delete the Sidecar Too');
      if (choice === 'Delete the Sidecar Too') {
        await writer.flush();
        await vscode.workspace.fs.delete(sidecar, { useTrash: true });
        store.forget(key);
        diagnostics.delete(sidecar);
      } else {
        store.setArticleText(key, '', { missing: true });
      }
    }
  }
}
