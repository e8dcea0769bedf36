// The hover over a claim's words: status and its definition, explanation, sources, anchor state,
// and links to our own commands. The Markdown is built by core/present/claimMarkdown.ts, which
// escapes everything read from the sidecar; here it is trusted for our command ids only.
import * as vscode from 'vscode';
import { claimMarkdown, CLAIM_LINK_COMMANDS } from '../core/present/claimMarkdown';
import type { ClaimEntry } from '../core/store/types';
import { ARTICLE_LANGUAGES, articleKey, isArticleDocument } from './articles';
import { toRange } from './convert';
import { timedAsync } from './perf';
import type { Services } from './services';
import { trustedMarkdown } from './trustedMarkdown';

export interface HoverHandle {
  /** The Markdown the hover shows for a claim (for tests). */
  markdownFor(article: string, id: string): vscode.MarkdownString | undefined;
}

/**
 * `loading`: when the article is still being loaded (the start-up scan), a promise that settles
 * once it is in the store, taken ahead of the scan's queue; undefined otherwise.
 */
export function registerHover(context: vscode.ExtensionContext, services: Services, loading?: (uri: vscode.Uri) => Promise<unknown> | undefined): HoverHandle {
  const { store } = services;

  const markdown = (article: string, entry: ClaimEntry): vscode.MarkdownString =>
    trustedMarkdown(claimMarkdown(entry, store.scale, { ref: { article, id: entry.claim.id } }), CLAIM_LINK_COMMANDS);

  const provider: vscode.HoverProvider = {
    provideHover(document, position) {
      return timedAsync('hover', () => claimHover(document, position));
    },
  };

  async function claimHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!vscode.workspace.getConfiguration('factmark.hover').get<boolean>('enabled', true)) return undefined;
    if (!isArticleDocument(document)) return undefined;
    const article = articleKey(document.uri);
    if (!store.hasArticleText(article)) await loading?.(document.uri);
    const snap = store.get(article);
    if (!snap) return undefined;
    const offset = document.offsetAt(position);
    // Every claim under the pointer, innermost first, so that nested claims are all readable.
    const hits = snap.claims
      .filter((e) => e.start !== undefined && e.end !== undefined && offset >= e.start && offset < e.end)
      .sort((a, b) => ((a.end as number) - (a.start as number)) - ((b.end as number) - (b.start as number)));
    if (!hits.length) return undefined;
    const range = toRange(document, hits[0].start as number, hits[0].end as number);
    return new vscode.Hover(hits.map((e) => markdown(article, e)), range);
  }

  const selector = [...ARTICLE_LANGUAGES].map((language) => ({ language }));
  context.subscriptions.push(vscode.languages.registerHoverProvider(selector, provider));

  return {
    markdownFor(article, id) {
      const e = store.claim(article, id);
      return e ? markdown(article, e) : undefined;
    },
  };
}
