// Preview Fact-check Report: the HTML report of an article in a webview beside it, redrawn
// (debounced) when its claims, their places or the scale change. The page runs no script
// (enableScripts: false) under a CSP that allows only its own nonce'd style; links open outside.
import * as vscode from 'vscode';
import { renderHtmlReport } from '../core/export/htmlReport';
import { parseNodeId } from '../core/present/outlineIds';
import type { ClaimStore } from '../core/store/claimStore';
import { articleKey, articleUri, baseName } from './articles';
import { exportInput } from './exportInputs';
import { randomNonce } from './webviewNonce';

export interface ReportPreviewHandle {
  /** Opens (or reveals) the preview of an article. */
  show(article: string): Promise<void>;
  /** The article previewed and the HTML shown last (for tests). */
  current(): { article: string; html: string; visible: boolean } | undefined;
  /** Resolves when the pending redraw (if any) is done. */
  settled(): Promise<void>;
}

const REDRAW_DELAY = 250;

export function registerReportPreview(context: vscode.ExtensionContext, store: ClaimStore): ReportPreviewHandle {
  let panel: vscode.WebviewPanel | undefined;
  let article: string | undefined;
  let html = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let drawing: Promise<void> = Promise.resolve();

  const draw = async () => {
    if (!panel || !article) return;
    const nonce = randomNonce();
    const csp = `default-src 'none'; style-src 'nonce-${nonce}'; img-src data:`;
    const input = await exportInput(store, [article]);
    if (!panel) return;
    html = renderHtmlReport(input, { csp, styleNonce: nonce }).text;
    panel.webview.html = html;
  };
  const redraw = () => { drawing = drawing.then(draw, draw); return drawing; };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => { timer = undefined; void redraw(); }, REDRAW_DELAY);
  };

  const show = async (key: string) => {
    article = key;
    const title = `Report: ${baseName(articleUri(key))}`;
    if (!panel) {
      panel = vscode.window.createWebviewPanel('factmark.report', title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: false, enableCommandUris: false, enableFindWidget: true, localResourceRoots: [] });
      panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'factmark.svg');
      panel.onDidDispose(() => { panel = undefined; article = undefined; html = ''; });
    } else {
      panel.title = title;
      panel.reveal(vscode.ViewColumn.Beside, true);
    }
    await redraw();
  };

  context.subscriptions.push(
    store.onDidChange((e) => { if (article && (e.articles.includes(article) || e.kind === 'claims' && !e.ids)) schedule(); }),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('factmark')) schedule(); }),
    { dispose: () => { if (timer) clearTimeout(timer); panel?.dispose(); } },
  );

  return {
    show,
    current: () => (panel && article ? { article, html, visible: panel.visible } : undefined),
    settled: async () => {
      while (timer) await new Promise((r) => setTimeout(r, 50));
      await drawing;
    },
  };
}

export function previewArticleKey(arg: unknown): string | undefined {
  if (arg instanceof vscode.Uri) return articleKey(arg);
  if (typeof arg === 'string') {
    // A node of the Claims panel (its elements are node ids) stands for its article.
    const node = parseNodeId(arg);
    return node && 'article' in node && node.article !== undefined ? node.article : arg;
  }
  const editor = vscode.window.activeTextEditor;
  return editor ? articleKey(editor.document.uri) : undefined;
}
