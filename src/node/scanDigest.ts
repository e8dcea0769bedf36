// The cold start-up scan on more than one core (issue 13): worker threads read, parse and anchor
// articles with the very code the extension host uses (the confined reads of safeFiles.ts, the
// core's decoders and ClaimStore), and hand back what a fresh load of the two files leaves once
// let go, as a start-up cache entry (src/core/store/startupCache.ts). The host then restores it as
// it restores a cache entry: only if both files still stat exactly as they did before the worker
// read them, and never one whose file changed within its clock's tick; anything out of the
// ordinary (no sidecar, a refusal, a warning, a claim not at its recorded words, an unknown
// status) is declined here and read by the host itself, as before. No vscode import.
import * as fs from 'fs';
import { decodeArticle, decodeSidecar } from '../core/articleText';
import { MAX_ARTICLE_BYTES, MAX_TEXT_LENGTH } from '../core/limits';
import type { StatusScale } from '../core/statusScale';
import { ClaimStore } from '../core/store/claimStore';
import { encodeEntry, sameStamp, settledStamp, type Digested, type FileStamp } from '../core/store/startupCache';
import { readConfinedSync } from './safeFiles';

/** One article to digest: its key and URIs as the host names them, its files' paths, and the folder its reads are confined to. */
export interface DigestJob {
  readonly key: string;
  /** The sidecar's URI (what the store and the entry name it by). */
  readonly sidecarUri: string;
  readonly articleName: string;
  readonly articlePath: string;
  readonly sidecarPath: string;
  /** The workspace folder nothing is read from outside of, and the same with its links resolved. */
  readonly root: string;
  readonly realRoot: string;
}

/** One lstat, not following a link; what the host's StartupCacheFiles.stamp says of the same file. */
export function stampFile(file: string): FileStamp | undefined {
  const s = fs.lstatSync(file, { throwIfNoEntry: false });
  return s?.isFile() ? { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino, dev: s.dev } : undefined;
}

/**
 * What a worker posts for an article: as digestOne made it, but an entry's body as bytes (moved to
 * the host, not copied): held there as bytes, not as a string the host's collector goes through,
 * until the claims are needed (13 KB an article, 65 MB at 5,000).
 */
export type WireDigested =
  | { readonly key: string; readonly declined: string }
  | { readonly key: string; readonly at: number; readonly head: string; readonly body: Uint8Array };

/** The worker's side: the message for one result, and what to transfer with it. */
export function toWire(d: Digested): { wire: WireDigested; transfer?: ArrayBuffer } {
  if ('declined' in d) return { wire: d };
  const line = 'line' in d ? d.line : d.parts.line();
  const tab = line.indexOf('\t');
  // (encodeEntry's lines are ASCII: one byte a character)
  const bytes = Buffer.allocUnsafeSlow(line.length - tab - 1);
  bytes.write(line.slice(tab + 1), 0, 'latin1');
  return { wire: { key: d.key, at: d.at, head: line.slice(0, tab), body: bytes }, transfer: bytes.buffer as ArrayBuffer };
}

/** The host's side: the result as the start-up cache takes it, the body read from the bytes when needed. */
export function fromWire(w: WireDigested): Digested {
  if ('declined' in w) return w;
  const bytes = Buffer.from(w.body.buffer, w.body.byteOffset, w.body.byteLength);
  const body = () => bytes.toString('latin1');
  return { key: w.key, at: w.at, parts: { head: w.head, body, line: () => `${w.head}\t${body()}` } };
}

/** For tests: runs between the reads and the second look at the files' stamps. */
export interface DigestHooks {
  afterReads?(): void;
}

export function digestOne(job: DigestJob, scale: StatusScale, hooks: DigestHooks = {}): Digested {
  const decline = (declined: string): Digested => ({ key: job.key, declined });
  // Stamped before the reads: a file changed during them no longer stats so when the host compares.
  const at = Date.now();
  const sidecarStamp = stampFile(job.sidecarPath);
  const articleStamp = stampFile(job.articlePath);
  if (!sidecarStamp || !articleStamp) return decline('not two regular files');
  if (!settledStamp(sidecarStamp, at) || !settledStamp(articleStamp, at)) return decline('changed a moment ago');
  const options = { root: job.root, realRoot: job.realRoot };
  const sidecarRead = readConfinedSync(job.sidecarPath, { ...options, maxBytes: MAX_TEXT_LENGTH, what: 'sidecar' });
  if (!sidecarRead.ok) return decline('sidecar not read');
  const sidecar = decodeSidecar(sidecarRead.bytes, job.sidecarPath);
  if (!sidecar.ok) return decline('sidecar not text');
  const articleRead = readConfinedSync(job.articlePath, { ...options, maxBytes: MAX_ARTICLE_BYTES, what: 'article' });
  if (!articleRead.ok) return decline('article not read');
  hooks.afterReads?.();
  // Stamped again once read: a file changed (or a folder swapped) during the reads is not vouched for.
  const sidecarAfter = stampFile(job.sidecarPath);
  const articleAfter = stampFile(job.articlePath);
  if (!sidecarAfter || !articleAfter || !sameStamp(sidecarAfter, sidecarStamp) || !sameStamp(articleAfter, articleStamp)) return decline('changed while it was read');
  const article = decodeArticle(articleRead.bytes, job.articlePath);
  if (!article.ok) return decline('article not text');
  // (thrown away once its let-go state is taken out as JSON: its strings need not be copied off the file's text first)
  const store = new ClaimStore({ scale, detachParses: false });
  store.open(job.key, job.sidecarUri, job.articleName);
  store.loadSidecar(job.key, sidecar.text);
  store.setArticleText(job.key, article.text);
  store.dropArticleText(job.key);
  store.dropArticleSidecar(job.key);
  const state = store.letGoState(job.key);
  if (!state) return decline('not exactly as anchored and let go');
  // (a problem's message names its file as the host shows it, which only the host knows)
  if (state.problems.length) return decline('the sidecar has warnings');
  return { key: job.key, line: encodeEntry({ key: job.key, sidecar: job.sidecarUri, articleName: job.articleName, sidecarStamp, articleStamp, state }), at };
}
