// The active article's progress in the status bar, kept short so that the bar has room for
// other items and messages: "6/8 checked · 3 to re-check · 4 suggested"; the tooltip gives the
// whole account (statuses, re-checks, suggested sentences without a claim). A click opens the
// Claims panel. Hidden for documents that are not articles with claims or suggestions.
import * as vscode from 'vscode';
import { timed } from './perf';
import { oneLine, uiText } from '../core/present/displayText';
import { suggestedSentences } from '../core/present/phrases';
import { progressLines, shortProgressLabel, type Progress } from '../core/store/progress';
import { articleKey, displayPath, isArticleDocument } from './articles';
import { problemText } from './notify';
import type { Services } from './services';

export interface StatusBarHandle {
  /** What the item shows now; `visible` false when hidden. */
  state(): { visible: boolean; text: string; tooltip: string; warning: boolean; accessibilityLabel: string };
  /** Times the item was worked out and set (or hidden) again, for tests that count work: not when nothing it shows from had changed. */
  readonly builds: number;
}

export function registerStatusBar(context: vscode.ExtensionContext, services: Services): StatusBarHandle {
  const { store, suggestions } = services;
  const item = vscode.window.createStatusBarItem('factmark.progress', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Factmark Progress';
  item.command = 'factmark.focusPanel';
  let visible = false;
  let warning = false;
  let builds = 0;
  // Read once and again when it changes (the listener below), not per keystroke.
  let enabled = vscode.workspace.getConfiguration('factmark.statusBar').get<boolean>('enabled', true);
  /** What the item was last worked out from (see update). */
  let shownFor: readonly unknown[] | undefined;

  const show = (text: string, tooltip: string, label: string, warn: boolean) => {
    item.text = text;
    item.tooltip = tooltip;
    item.accessibilityInformation = { label };
    item.backgroundColor = warn ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    warning = warn;
    visible = true;
    item.show();
  };

  const update = () => timed('statusBar', () => {
    const editor = vscode.window.activeTextEditor;
    const key = enabled && editor && isArticleDocument(editor.document) ? articleKey(editor.document.uri) : undefined;
    // The article's state and cached progress: no snapshot of its claims is built per update.
    const snap = key ? store.state(key) : undefined;
    const suggested = key ? suggestions.get(key) : undefined;
    // Everything the item shows follows from these (the progress from the claims' statuses and
    // states, which the state version follows): while none changed, as when typing on inside a
    // claim, the item is not worked out and set again.
    const inputs = [key, key && store.stateVersion(key), snap?.sidecarState, snap?.problems, snap?.sidecar, snap?.article, snap?.claimCount, suggested, store.scale];
    if (shownFor && inputs.length === shownFor.length && inputs.every((v, i) => v === shownFor?.[i])) return;
    shownFor = inputs;
    builds++;
    const broken = snap?.sidecarState === 'broken' || snap?.sidecarState === 'conflict';
    const click = 'Click to show the Claims panel.';
    if (suggested && (!snap || (!snap.claimCount && !broken))) {
      // Suggested, nothing marked yet: there is room for the whole phrase.
      const phrase = suggestedSentences(suggested.length);
      show(`$(lightbulb) ${phrase}`, `Factmark: ${phrase} (check-worthy, not marked yet). ${click}`, `Factmark: ${phrase}`, false);
      return;
    }
    if (!snap || (!snap.claimCount && !broken)) {
      visible = false;
      item.hide();
      return;
    }
    // The article's cached progress: no snapshot of its claims is built per update.
    const p = store.progress(snap.article) as Progress;
    const short = shortProgressLabel(p) + (suggested ? ` · ${suggested.length} suggested` : '');
    // Status labels come from .factmark.yaml and file names from the workspace: no `$(icon)` of theirs.
    const account = [...progressLines(p, store.scale), ...(suggested ? [suggestedSentences(suggested.length)] : [])].map((l) => uiText(l, 200));
    const sidecar = uiText(displayPath(snap.sidecar), 200);
    if (snap.sidecarState === 'broken') {
      const first = snap.problems.find((x) => x.severity === 'error') ?? snap.problems[0];
      show('$(warning) Claims file has errors',
        `${sidecar} cannot be read${first ? ` (${problemText(first)})` : ''}. Factmark will not write over it until it is fixed; the claims shown are kept in memory.\n${account.join('\n')}`,
        `Factmark: the claims file ${sidecar} has errors`, true);
    } else if (snap.sidecarState === 'conflict') {
      show('$(git-merge) Claims changed on disk',
        `${sidecar} changed on disk in the same claims you edited. Run "Factmark: Resolve Sidecar Conflicts…" to choose.\n${account.join('\n')}`,
        `Factmark: ${sidecar} changed on disk in the same claims`, true);
    } else {
      show(`$(checklist) ${short}`, `Factmark: ${uiText(displayPath(snap.article), 200)}\n${account.join('\n')}\n${click}`, `Factmark progress: ${account.join(', ')}`, false);
    }
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
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('factmark.statusBar')) return;
      enabled = vscode.workspace.getConfiguration('factmark.statusBar').get<boolean>('enabled', true);
      update();
    }),
    // The paths shown are relative to the workspace's folders.
    vscode.workspace.onDidChangeWorkspaceFolders(() => { shownFor = undefined; update(); }),
  );
  update();

  return {
    state: () => ({ visible, text: String(item.text), tooltip: String(item.tooltip ?? ''), warning, accessibilityLabel: item.accessibilityInformation?.label ?? '' }),
    get builds() { return builds; },
  };
}
