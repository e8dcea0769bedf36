// The active article's progress in the status bar ("7/12 checked · 1 false · 1 needs re-check",
// then "· 3 unchecked sentences" once its claims have been suggested); a click opens the Claims
// panel. Hidden for documents that are not articles with claims or suggestions.
import * as vscode from 'vscode';
import { timed } from './perf';
import { oneLine, uiText } from '../core/present/displayText';
import { progressLabel, type Progress } from '../core/store/progress';
import { articleKey, isArticleDocument } from './articles';
import type { Services } from './services';

export interface StatusBarHandle {
  /** What the item shows now; `visible` false when hidden. */
  state(): { visible: boolean; text: string; tooltip: string; warning: boolean };
}

export function registerStatusBar(context: vscode.ExtensionContext, services: Services): StatusBarHandle {
  const { store, suggestions } = services;
  const item = vscode.window.createStatusBarItem('factmark.progress', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Factmark Progress';
  item.command = 'factmark.focusPanel';
  let visible = false;
  let warning = false;

  const update = () => timed('statusBar', () => {
    const editor = vscode.window.activeTextEditor;
    const enabled = vscode.workspace.getConfiguration('factmark.statusBar').get<boolean>('enabled', true);
    const key = enabled && editor && isArticleDocument(editor.document) ? articleKey(editor.document.uri) : undefined;
    // The article's state and cached progress: no snapshot of its claims is built per update.
    const snap = key ? store.state(key) : undefined;
    const suggested = key ? suggestions.get(key) : undefined;
    const broken = snap?.sidecarState === 'broken' || snap?.sidecarState === 'conflict';
    const unchecked = suggested ? ` · ${suggested.length} unchecked sentence${suggested.length === 1 ? '' : 's'}` : '';
    if (suggested && (!snap || (!snap.claimCount && !broken))) {
      // Suggested, nothing marked yet.
      item.text = `$(lightbulb) ${suggested.length} unchecked sentence${suggested.length === 1 ? '' : 's'}`;
      item.tooltip = 'Factmark: check-worthy sentences without a claim. Click to show the Claims panel.';
      item.backgroundColor = undefined;
      item.accessibilityInformation = { label: `Factmark: ${item.text.replace('$(lightbulb) ', '')}` };
      warning = false;
      visible = true;
      item.show();
      return;
    }
    if (!snap || (!snap.claimCount && !broken)) {
      visible = false;
      item.hide();
      return;
    }
    const p = store.progress(snap.article) as Progress;
    // Status labels come from .factmark.yaml: no `$(icon)` of theirs in the status bar.
    const label = uiText(progressLabel(p, store.scale) + unchecked, 200);
    warning = broken;
    if (snap.sidecarState === 'broken') {
      item.text = `$(warning) Claims file has errors · ${label}`;
      const first = snap.problems[0];
      item.tooltip = `${snap.sidecar} does not parse${first ? ` (line ${first.line ?? '?'}: ${oneLine(first.message, 160)})` : ''}. Factmark will not write over it until it is fixed.`;
    } else if (snap.sidecarState === 'conflict') {
      item.text = `$(git-merge) Claims changed on disk · ${label}`;
      item.tooltip = 'The sidecar changed on disk in the same claims you edited. Run "Factmark: Resolve Sidecar Conflicts…".';
    } else {
      item.text = `$(checklist) ${label}`;
      item.tooltip = `Factmark: ${p.open} of ${p.total} claims still open${p.needsRecheck ? `, ${p.needsRecheck} to re-check` : ''}${suggested ? `; ${suggested.length} check-worthy sentence${suggested.length === 1 ? '' : 's'} without a claim` : ''}. Click to show the Claims panel.`;
    }
    item.backgroundColor = broken ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.accessibilityInformation = { label: `Factmark progress: ${label}` };
    visible = true;
    item.show();
  });


  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    store.onDidChange((e) => {
      // Typing that touched no claim changed nothing the item shows.
      if (e.kind === 'anchors' && e.ids?.length === 0) return;
      const editor = vscode.window.activeTextEditor;
      if (editor && e.articles.includes(articleKey(editor.document.uri))) update();
    }),
    suggestions.onDidChange((e) => {
      const editor = vscode.window.activeTextEditor;
      if (editor && articleKey(editor.document.uri) === e.article) update();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('factmark.statusBar')) update(); }),
  );
  update();

  return {
    state: () => ({ visible, text: String(item.text), tooltip: String(item.tooltip ?? ''), warning }),
  };
}
