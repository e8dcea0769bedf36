// Problems of sidecar files (YAML syntax, schema, unknown statuses, conflicts) as diagnostics on
// the sidecar, at the line and column the parser reported.
import * as vscode from 'vscode';
import type { Problem } from '../core/model';
import type { ArticleSnapshot } from '../core/store/types';

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

  /** Shows (or, with `message` undefined, clears) that the sidecar could not be written. */
  setWriteFailure(snap: ArticleSnapshot | undefined, sidecar: vscode.Uri, message: string | undefined): void {
    if (message === undefined) this.writeFailures.delete(sidecar.toString());
    else this.writeFailures.set(sidecar.toString(), message);
    this.update(snap, sidecar);
  }

  update(snap: ArticleSnapshot | undefined, sidecar: vscode.Uri): void {
    if (!snap) { this.collection.delete(sidecar); return; }
    const list = snap.problems.map(toDiagnostic);
    const failure = this.writeFailures.get(sidecar.toString());
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
    this.collection.set(sidecar, list);
  }

  /** Problems of a file that is not a sidecar (the repository config). */
  set(uri: vscode.Uri, problems: readonly Problem[]): void {
    this.collection.set(uri, problems.map(toDiagnostic));
  }

  delete(uri: vscode.Uri): void {
    this.writeFailures.delete(uri.toString());
    this.collection.delete(uri);
  }

  dispose(): void {
    this.collection.dispose();
  }
}
