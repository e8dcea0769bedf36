// Tells the user, once per trouble, what went wrong with a sidecar and what to do: a write that
// failed (Retry), a file that does not parse or holds git conflict markers (Open File at the
// error, Resolve with Factmark). Files are named by their workspace path. The notifications are
// warnings, which go by themselves (see notify.ts): the diagnostics on the sidecar, the status
// bar and the Claims panel keep saying it until it is fixed, and say so when it is. No
// notification while the sidecar is on screen: the user is editing it and sees its squiggles.
import * as vscode from 'vscode';
import { notificationText } from '../core/present/displayText';
import type { ClaimStore } from '../core/store/claimStore';
import { displayPath } from './articles';
import type { SidecarDiagnostics } from './sidecarDiagnostics';
import type { SidecarWriter } from './sidecarWriter';
import * as notify from './notify';

export class SidecarAlerts implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  /** Per article: the problem last notified, so that the same trouble is not announced twice. */
  private readonly notified = new Map<string, string>();
  /** Articles whose sidecar was broken, to say when it reads again. */
  private readonly broken = new Set<string>();

  constructor(private readonly store: ClaimStore, private readonly writer: SidecarWriter, private readonly diagnostics: SidecarDiagnostics) {
    this.disposables.push(
      writer.onDidFail(({ article, message }) => void this.writeFailed(article, message)),
      writer.onDidRecover((article) => {
        const snap = store.state(article);
        if (snap) diagnostics.setWriteFailure(snap, vscode.Uri.parse(snap.sidecar, true), undefined);
        notify.statusMessage(`Factmark: claims saved to ${displayPath(snap?.sidecar ?? article)}`, 4000, 'check');
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
    const choice = await notify.warn(
      `Factmark could not save the claims of ${displayPath(article)} to ${displayPath(sidecar)}: ${notificationText(message, 200).replace(/[.\s]+$/, '')}. Nothing is lost: they are kept in memory and Factmark tries again.`,
      'Retry');
    if (choice === 'Retry') await this.writer.retry(article);
  }

  /**
   * Whether the article's sidecar is broken in a way not announced yet (and remembers it as
   * announced); a sidecar that was broken and reads again is said so in the status bar.
   */
  private newTrouble(article: string): boolean {
    const snap = this.store.state(article);
    if (!snap || snap.sidecarState !== 'broken') {
      this.notified.delete(article);
      if (this.broken.delete(article) && snap) notify.statusMessage(`Factmark: ${displayPath(snap.sidecar)} reads again`, 4000, 'check');
      return false;
    }
    this.broken.add(article);
    const first = snap.problems.find((p) => p.severity === 'error') ?? snap.problems[0];
    const key = `${first?.code}:${first?.line}:${first?.message}`;
    if (this.notified.get(article) === key) return false;
    this.notified.set(article, key);
    return true;
  }

  private async manyBroken(articles: readonly string[]): Promise<void> {
    const choice = await notify.error(
      `${articles.length} sidecars cannot be read (the first: ${displayPath(articles[0])}). Factmark will not write over them; their problems are in the Problems panel and under "Sidecar errors" in the Claims panel.`,
      'Show Problems');
    if (choice === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
  }

  private async sidecarState(article: string): Promise<void> {
    const snap = this.store.state(article);
    if (!snap || snap.sidecarState !== 'broken') return;
    const first = snap.problems.find((p) => p.severity === 'error') ?? snap.problems[0];
    const sidecar = vscode.Uri.parse(snap.sidecar, true);
    if (vscode.window.visibleTextEditors.some((ed) => ed.document.uri.toString() === sidecar.toString())) return;
    const markers = snap.problems.some((p) => p.code === 'git-conflict');
    const name = displayPath(sidecar);
    const what = markers ? `${name} has git conflict markers` : `${name} cannot be read${first ? ` (${notify.problemText(first)})` : ''}`;
    const choice = await notify.fileProblem(`${what}. Factmark will not write over it until it is fixed; the claims shown are kept in memory.`,
      { file: snap.sidecar, line: first?.line, column: first?.column }, ...(markers ? ['Resolve with Factmark'] : []));
    if (choice === 'Resolve with Factmark') await vscode.commands.executeCommand('factmark.resolveConflicts', { article });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
