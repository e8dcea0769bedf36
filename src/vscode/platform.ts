// What the extension can do only where its host runs on Node (the desktop, code-server,
// Codespaces, a remote): git. The desktop entry (extension.ts) passes the Node implementation
// (desktop/nodePlatform.ts); the web entry (web.ts, for vscode.dev and github.dev) passes
// WEB_PLATFORM, which has none of it. Everything else is the same code on both.
import type * as vscode from 'vscode';
import type { ArticleVersion } from '../core/history/anchorWithHistory';
import type { StatusScale } from '../core/statusScale';
import type { CacheHeader, CacheIdentity, Digested, FileStamp, ReadEntry } from '../core/store/startupCache';

export interface Platform {
  /** `web`: the browser's web worker extension host. */
  readonly kind: 'node' | 'web';
  /** git's user.name for the workspace; undefined when git cannot be asked (none, untrusted, the web). */
  gitUserName(): Promise<string | undefined>;
  /** The article at its sidecar's last commit, for history-aware re-anchoring; undefined without git. */
  articleAtSidecarCommit(article: vscode.Uri, sidecar: vscode.Uri): Promise<ArticleVersion | undefined>;
  /** Set Up Git Merging for Sidecars (desktop only). */
  readonly gitMerging?: GitMerging;
  /** The start-up cache's file and the files' stamps (desktop only, with a workspace storage). */
  readonly startupCache?: StartupCacheFiles;
  /** The sidecars of the workspace folders, listed on the local disk (desktop only; see desktop/sidecarSearch.ts). */
  readonly findSidecars?: SidecarSearch;
  /** Worker threads that read, parse and anchor the articles of the first scan when there is no start-up cache (desktop only; see desktop/scanWorkers.ts). */
  readonly scanDigester?: ScanDigester;
}

/** An article of the first scan, for the worker threads. */
export interface DigestArticle {
  readonly key: string;
  readonly article: vscode.Uri;
  readonly sidecar: vscode.Uri;
  readonly articleName: string;
}

/** See desktop/scanWorkers.ts and src/node/scanDigest.ts. */
export interface ScanDigester {
  /**
   * Digests the articles on worker threads; `onResults` is called with each batch's results as
   * it comes. Resolves, once every worker has ended (or `signal` ended them), to how many were
   * started (0: none could be). Never rejects: a worker that fails leaves its articles undigested.
   */
  digest(articles: readonly DigestArticle[], scale: StatusScale, signal: AbortSignal, onResults: (results: readonly Digested[]) => void): Promise<number>;
}

/**
 * The files named `*<suffix>` under `roots`, outside folders named one of `excludedDirs`: what
 * `workspace.findFiles('**\/*<suffix>', '{**\/<dir>/**,…}')` finds, or why this cannot tell (then ask it).
 */
export type SidecarSearch = (roots: readonly vscode.Uri[], suffix: string, excludedDirs: readonly string[]) =>
  Promise<{ ok: true; found: vscode.Uri[]; folders: number } | { ok: false; why: string }>;

/** See desktop/startupCacheFile.ts. */
export interface StartupCacheFiles {
  /** The cache file's path (for the log). */
  readonly where: string;
  /** The cache is read on another thread (its bytes, checksum and lines): reading it at activation does not slow the host. */
  readonly offThread?: boolean;
  /**
   * One lstat of a regular file on the local disk; undefined for anything else (a link, missing,
   * not local; with `confined`, also one whose folder is not where its path says, through a link).
   */
  stamp(uri: vscode.Uri, confined?: boolean): FileStamp | undefined;
  /** The cache, checked (header, size, checksum, entries); why not when it is none, another's, or damaged. */
  read(identity: CacheIdentity): Promise<{ ok: true; header: CacheHeader; entries: ReadEntry[]; on: 'worker' | 'host' } | { ok: false; reason: string; missing?: boolean }>;
  /** Writes the cache whole (a temporary file renamed over it); resolves to the body's size in bytes. */
  write(identity: CacheIdentity, writtenAt: number, entries: number, body: string): Promise<number>;
  /** Removes the cache file; resolves to whether there was one. */
  remove(): Promise<boolean>;
}

export interface GitMerging {
  /** Writes .gitattributes and the merge driver for the repository of `folder`; resolves to what was done. */
  setUp(folder: vscode.Uri): Promise<string>;
  /** Keeps the installed driver (if any) running this version of the extension. */
  refresh(): Promise<void>;
}

/** The browser: no git, so no author name from it, no history, no merge driver. */
export const WEB_PLATFORM: Platform = {
  kind: 'web',
  gitUserName: async () => undefined,
  articleAtSidecarCommit: async () => undefined,
};
