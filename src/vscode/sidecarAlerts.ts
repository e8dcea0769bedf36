// Tells the user, once per trouble, what went wrong with a sidecar and what to do: a write that
// failed (Retry), a file that does not parse or holds git conflict markers (Open File, Resolve
// with Factmark). Diagnostics on the sidecar keep saying it after the notification is gone.
import * as vscode from 'vscode';
import type { ClaimStore } from '../core/store/claimStore';
import { articleUri, baseName } from './articles';
import type { SidecarDiagnostics } from './sidecarDiagnostics';
import type { SidecarWriter } from './sidecarWriter';
import * as notify from './notify';

export class SidecarAlerts implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  /** Per article: the problem last notified, so that the same trouble is not announced twice. */
  private readonly notified = new Map<string, string>();

  constructor(private readonly store: ClaimStore, private readonly writer: SidecarWriter, private readonly diagnostics: SidecarDiagnostics) {
    this.disposables.push(
      writer.onDidFail(({ article, message }) => void this.writeFailed(article, message)),
      writer.onDidRecover((article) => {
        const snap = store.state(article);
        if (snap) diagnostics.setWriteFailure(snap, vscode.Uri.parse(snap.sidecar, true), undefined);
        notify.statusMessage(`Factmark: saved the claims of ${baseName(articleUri(article))}`, 4000);
      }),
      store.onDidChange((e) => {
        if (e.kind !== 'loaded' && e.kind !== 'removed') return;
        const fresh = e.articles.filter((a) => this.newTrouble(a));
        // A batch (the workspace scan, a checkout) with many unreadable files: one message, not one each.
        if (fresh.length > 1) void this.manyBroken(fresh);
        else if (fresh.length === 1) void this.sidecarState(fresh[0]);
      }),
    );
  }

  private async writeFailed(article: string, message: string): Promise<void> {
    const snap = this.store.state(article);
    if (!snap) return;
    const sidecar = vscode.Uri.parse(snap.sidecar, true);
    this.diagnostics.setWriteFailure(snap, sidecar, message);
    const choice = await notify.error(
      `Factmark could not save the claims of ${baseName(articleUri(article))} to ${baseName(sidecar)}: ${message}. Nothing is lost: they are kept in memory and Factmark tries again.`,
      'Retry');
    if (choice === 'Retry') await this.writer.retry(article);
  }

  /** Whether the article's sidecar is broken in a way not announced yet (and remembers it as announced). */
  private newTrouble(article: string): boolean {
    const snap = this.store.state(article);
    if (!snap || snap.sidecarState !== 'broken') { this.notified.delete(article); return false; }
    const first = snap.problems.find((p) => p.severity === 'error') ?? snap.problems[0];
    const key = `${first?.code}:${first?.message}`;
    if (this.notified.get(article) === key) return false;
    this.notified.set(article, key);
    return true;
  }

  private async manyBroken(articles: readonly string[]): Promise<void> {
    const choice = await notify.error(
      `${articles.length} sidecars cannot be read (the first: ${baseName(articleUri(articles[0]))}). Factmark will not write over them; their problems are in the Problems panel and under "Sidecar errors" in the Claims panel.`,
      'Show Problems');
    if (choice === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
  }

  private async sidecarState(article: string): Promise<void> {
    const snap = this.store.state(article);
    if (!snap || snap.sidecarState !== 'broken') return;
    const first = snap.problems.find((p) => p.severity === 'error') ?? snap.problems[0];
    const sidecar = vscode.Uri.parse(snap.sidecar, true);
    const markers = snap.problems.some((p) => p.code === 'git-conflict');
    const what = markers
      ? `${baseName(sidecar)} has git conflict markers`
      : `${baseName(sidecar)} cannot be read${first ? ` (${first.line ? `line ${first.line}: ` : ''}${first.message})` : ''}`;
    const actions = markers ? ['Resolve with Factmark', 'Open File'] : ['Open File'];
    const choice = await notify.error(`${what}. Factmark will not write over it; the claims shown are kept in memory.`, ...actions);
    if (choice === 'Resolve with Factmark') await vscode.commands.executeCommand('factmark.resolveConflicts', { article });
    else if (choice === 'Open File') {
      const line = Math.max(0, (first?.line ?? 1) - 1);
      await vscode.window.showTextDocument(sidecar, { selection: new vscode.Range(line, 0, line, 0) });
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
