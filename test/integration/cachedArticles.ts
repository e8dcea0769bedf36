// Articles for the start-up cache's tests (Node only: file times and stats, which the browser's
// suite has not): old enough for the cache, and changed behind a matching stat.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { ARTICLE, fileUri, sidecarFor, sidecarOf, waitFor, writeFile } from './claimFiles';
import { isDeepStrictEqual } from 'util';
import type { api } from './helpers';

/**
 * ARTICLE and its sidecar at `relativePath`, written an hour ago (older than the start-up
 * cache's racy margin), and waited for until loaded and let go.
 */
export async function oldArticle(factmark: Awaited<ReturnType<typeof api>>, relativePath: string, claims: readonly { id: string; quote: string; status: string }[]) {
  const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  const article = fileUri(relativePath);
  const sidecar = sidecarOf(article);
  const text = sidecarFor(name, ARTICLE, claims);
  await writeFile(article, ARTICLE);
  await writeFile(sidecar, text);
  const hourAgo = new Date(Date.now() - 3600_000);
  for (const f of [article, sidecar]) fs.utimesSync(f.fsPath, hourAgo, hourAgo);
  const key = article.toString();
  await waitFor(`${name} loaded and let go`, () => factmark.store.articleTextDropped(key) && factmark.store.articleSidecarDropped(key), 20_000);
  return { name, article, sidecar, key, text };
}

/** Writes `text` in place with the file's size, mtime and inode kept (asserted): a change no stat shows. */
export function behindStat(file: vscode.Uri, text: string): void {
  const was = fs.lstatSync(file.fsPath);
  fs.writeFileSync(file.fsPath, text);
  fs.utimesSync(file.fsPath, was.atime, was.mtime);
  const now = fs.lstatSync(file.fsPath);
  assert.deepStrictEqual([now.size, now.mtimeMs, now.ino, now.dev], [was.size, was.mtimeMs, was.ino, was.dev], 'the stat matches');
}

type Factmark = Awaited<ReturnType<typeof api>>;

/**
 * What the Claims panel shows: every node from the root down, with its label, description and
 * tooltip-free state; with `only`, the nodes of those articles alone (no badge, no group of all).
 */
export async function panel(factmark: Factmark, only?: ReadonlySet<string>): Promise<unknown[]> {
  const provider = factmark.views.tree.provider;
  const walk = async (id: string | undefined, depth: number): Promise<unknown[]> => {
    let children = (await provider.getChildren(id)) ?? [];
    if (only && id === undefined) children = children.filter((c) => { const n = factmark.views.tree.node(c); return n?.kind === 'article' && only.has(n.article); });
    const out: unknown[] = [];
    for (const child of children) {
      const item = await provider.getTreeItem(child);
      const label = typeof item.label === 'object' ? item.label.label : item.label;
      out.push({ id: child, label, description: item.description, contextValue: item.contextValue, icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined, children: depth < 3 ? await walk(child, depth + 1) : [] });
    }
    return out;
  };
  return only ? walk(undefined, 0) : [factmark.views.tree.openCount(), await walk(undefined, 0)];
}

/** Waits until what the store holds stops changing (half a second apart). */
export async function settled(factmark: Factmark): Promise<void> {
  let last = everything(factmark);
  for (let i = 0; i < 40; i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = everything(factmark);
    if (isDeepStrictEqual(now, last)) return;
    last = now;
  }
}

/** What the store holds of every article (or of those `only`): claims, states, ranges, progress, flags. */
export function everything(factmark: Factmark, only?: ReadonlySet<string>) {
  return factmark.store.articles().filter((a) => !only || only.has(a)).sort().map((a) => ({ snapshot: factmark.store.get(a), progress: factmark.store.progress(a) }));
}
