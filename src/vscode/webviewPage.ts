// The HTML shell of Factmark's webviews (Claim Details, the Desk): one stylesheet and the page's
// script from media/, after media/dom.js (the DOM helper both pages build with), under a strict
// Content-Security-Policy (no script but those two, by their nonce; nothing from outside the
// extension), and an empty root the script fills with textContent only.
import * as vscode from 'vscode';
import { randomNonce } from './webviewNonce';

export function webviewPage(webview: vscode.Webview, media: vscode.Uri, page: { css: string; js: string; title: string }): string {
  const nonce = randomNonce();
  const css = webview.asWebviewUri(vscode.Uri.joinPath(media, page.css));
  const dom = webview.asWebviewUri(vscode.Uri.joinPath(media, 'dom.js'));
  const js = webview.asWebviewUri(vscode.Uri.joinPath(media, page.js));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${css}">
<title>${page.title}</title>
</head>
<body>
<main id="root" aria-live="polite"></main>
<script nonce="${nonce}" src="${dom}"></script>
<script nonce="${nonce}" src="${js}"></script>
</body>
</html>`;
}
