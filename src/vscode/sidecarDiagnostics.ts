// Problems of sidecar files (YAML syntax, schema, unknown statuses, conflicts) as diagnostics on
// the sidecar, at the line and column the parser reported.
import * as vscode from 'vscode';
import type { Problem } from '../core/model';
import type { ArticleState } from '../core/store/types';

/** What the diagnostics of a sidecar are made from. */
type Shown = Pick<ArticleState, 'problems' | 'articleMissing' | 'sidecarState'>;

export function toDiagnostic(p: Problem): vscode.Diagnostic {
  const line = Math.max(0, (p.line ?? 1) - 1);
  const column = Math.max(0, (p.column ?? 1) - 1);
  const range = new vscode.Range(line, column, line, p.column === undefined ? Number.MAX_SAFE_INTEGER : column + 1);
  const d = new vscode.Diagnostic(range, p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
  d.source = 'factmark';
  d.code = p.code;
  return d;
}

export class SidecarDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('factmark');
  /** Why the last write of a sidecar failed (by sidecar URI), until a write succeeds. */
  private readonly writeFailures = new Map<string, string>();
  /** What each sidecar's diagnostics were last made from, so that an unchanged state costs nothing. */
  private readonly shown = new Map<string, Shown & { failure?: string }>();

  /** Shows (or, with `message` undefined, clears) that the sidecar could not be written. */
  setWriteFailure(snap: Shown | undefined, sidecar: vscode.Uri, message: string | undefined): void {
    if (message === undefined) this.writeFailures.delete(sidecar.toString());
    else this.writeFailures.set(sidecar.toString(), message);
    this.update(snap, sidecar);
  }

  update(snap: Shown | undefined, sidecar: vscode.Uri): void {
    this.updateMany([[snap, sidecar]]);
  }

  /** Many sidecars at once (the workspace scan): one message to the workbench for all of them. */
  updateMany(list: readonly (readonly [Shown | undefined, vscode.Uri | string])[]): void {
    const changes: [vscode.Uri, vscode.Diagnostic[] | undefined][] = [];
    // (a sidecar given as its URI string is parsed only when its diagnostics change: most never have any)
    const uriOf = (s: vscode.Uri | string) => (typeof s === 'string' ? vscode.Uri.parse(s, true) : s);
    for (const [snap, sidecar] of list) {
      const key = sidecar.toString();
      if (!snap) {
        if (this.shown.delete(key)) changes.push([uriOf(sidecar), undefined]);
        continue;
      }
      const failure = this.writeFailures.get(key);
      const last = this.shown.get(key);
      if (last && last.problems === snap.problems && last.articleMissing === snap.articleMissing && last.sidecarState === snap.sidecarState && last.failure === failure) continue;
      const diagnostics = this.diagnosticsOf(snap, failure);
      // A sidecar that has never had any diagnostics needs no message saying it still has none.
      if (!last && !diagnostics.length) { this.shown.set(key, { ...pick(snap), failure }); continue; }
      this.shown.set(key, { ...pick(snap), failure });
      changes.push([uriOf(sidecar), diagnostics]);
    }
    if (changes.length) this.collection.set(changes);
  }

  private diagnosticsOf(snap: Shown, failure: string | undefined): vscode.Diagnostic[] {
    const list = snap.problems.map(toDiagnostic);
    if (failure !== undefined) {
      list.push(Object.assign(new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0),
        `Factmark could not write this file (${failure}). The claims are kept in memory and the write is retried.`,
        vscode.DiagnosticSeverity.Error), { source: 'factmark', code: 'write-failed' }));
    }
    if (snap.articleMissing) {
      list.push(Object.assign(new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0),
        'The article of this sidecar is missing (renamed or deleted outside the editor?). Its claims are kept, orphaned; rename the sidecar with the article to place them again.',
        vscode.DiagnosticSeverity.Warning), { source: 'factmark', code: 'article-missing' }));
    }
    if (snap.sidecarState === 'broken') {
      list.push(Object.assign(new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0),
        'Factmark will not write over this file until its errors are fixed; your claims are kept in memory meanwhile.',
        vscode.DiagnosticSeverity.Information), { source: 'factmark', code: 'not-written' }));
    }
    if (snap.sidecarState === 'conflict') {
      list.push(Object.assign(new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0),
        'This file changed on disk and in Factmark in the same claims. Run "Factmark: Resolve Sidecar Conflicts…" to choose.',
        vscode.DiagnosticSeverity.Warning), { source: 'factmark', code: 'conflict' }));
    }
    return list;
  }

  /** Problems of a file that is not a sidecar (the repository config). */
  set(uri: vscode.Uri, problems: readonly Problem[]): void {
    this.collection.set(uri, problems.map(toDiagnostic));
  }

  delete(uri: vscode.Uri): void {
    this.writeFailures.delete(uri.toString());
    this.shown.delete(uri.toString());
    this.collection.delete(uri);
  }

  dispose(): void {
    this.collection.dispose();
  }
}

function pick(s: Shown): Shown {
  return { problems: s.problems, articleMissing: s.articleMissing, sidecarState: s.sidecarState };
}
