// Articles for the start-up cache's tests (Node only: file times and stats, which the browser's
// suite has not): old enough for the cache, and changed behind a matching stat.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { ARTICLE, fileUri, sidecarFor, sidecarOf, waitFor, writeFile } from './claimFiles';
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
