// The start-up cache's file and the stamps of the workspace's files, on the local disk (desktop
// VS Code, code-server, remotes): one file in the extension's workspace storage (never in the
// repository, never at a path made of file contents), written whole to a temporary file and
// renamed over the old one, with a SHA-256 of its body in its header line. What it holds and how
// it is trusted is src/core/store/startupCache.ts's; this only reads, checks and writes bytes.
import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { Worker } from 'worker_threads';
import { readCacheBytes, type CacheBytes } from '../../node/cacheFileBytes';
import { decodeEntry, decodeHeader, encodeHeader, type CacheHeader, type CacheIdentity, type FileStamp, type ReadEntry } from '../../core/store/startupCache';
import type { StartupCacheFiles } from '../platform';
import { slicer } from '../perf';

const FILE = 'startup-cache.json';
/** A cache larger than this is not read (about 75,000 articles' worth). */
const MAX_CACHE_BYTES = 1 << 30;
/** Slices of this many ms between turns of the event loop. */
const SLICE_MS = 8;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The cache in `storage` (the workspace's storage), read on a worker thread from the extension's
 * dist/cacheReadWorker.js where `extensionPath` has it.
 */
export function startupCacheFiles(storage: vscode.Uri | undefined, extensionPath?: string, log?: vscode.LogOutputChannel): StartupCacheFiles | undefined {
  if (!storage || storage.scheme !== 'file') return undefined;
  const dir = storage.fsPath;
  const file = path.join(dir, FILE);
  const worker = extensionPath === undefined ? undefined : path.join(extensionPath, 'dist', 'cacheReadWorker.js');
  const offThread = worker !== undefined && fs.existsSync(worker);
  return {
    where: file,
    stamp(uri, confined = false) {
      if (uri.scheme !== 'file') return undefined;
      // One lstat, not following a link: a link's target could change under an unchanged link.
      const s = fs.lstatSync(uri.fsPath, { throwIfNoEntry: false });
      // `confined` (a restore, which reads nothing): and its folder where its path says: a folder
      // moved out and linked back keeps the file's stamp, and a fresh read refuses it, outside the
      // workspace folder. (A batch load's stamp is followed by that confined read itself.)
      return s?.isFile() && (!confined || inPlace(uri)) ? stampOf(s) : undefined;
    },
    offThread,
    async read(identity: CacheIdentity) {
      // On a worker thread where there is one (read, hashed and indexed while the host lists the
      // workspace); here where there is not or it failed.
      let got: CacheBytes | undefined;
      let on: 'worker' | 'host' = 'worker';
      if (offThread) {
        try { got = await readOnWorker(worker as string, file); } catch (e) {
          if ((e as Error).name === 'TimeoutError') return { ok: false, reason: (e as Error).message };
          log?.warn(`start-up cache: the worker thread did not read it (${String(e)}); read here`);
        }
      }
      // (no worker: the same read here, in one piece, as the extension was installed without its worker file)
      if (!got) { on = 'host'; got = readCacheBytes(file, MAX_CACHE_BYTES); }
      if (!got.ok) {
        if (got.code === 'ENOENT') return { ok: false, reason: 'there is none yet', missing: true };
        return { ok: false, reason: `it cannot be read (${got.code})` };
      }
      const { bytes: raw, nl, bodySha256, lines } = got;
      const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
      if (nl < 0) return { ok: false, reason: 'it has no header line (truncated or not a cache)' };
      const header = decodeHeader(bytes.toString('utf8', 0, nl), identity);
      if (!header.ok) return header;
      const body = bytes.subarray(nl + 1);
      if (body.length !== header.value.bodyBytes) return { ok: false, reason: `its body is ${body.length} bytes, not the ${header.value.bodyBytes} its header says (truncated)` };
      if (bodySha256 !== header.value.checksum) return { ok: false, reason: 'its checksum does not match (corrupt)' };
      // In slices of a few milliseconds, so that the host answers meanwhile (5,000 entries).
      const slice = slicer(SLICE_MS);
      const entries: ReadEntry[] = [];
      for (let i = 0; i < lines.length; i += 3) {
        const at = lines[i];
        const tab = lines[i + 1];
        const stop = lines[i + 2];
        // (ASCII, as written: see encodeBody.) Only the head becomes a string now; the claims stay
        // bytes of the file until they are needed (or the line is written again).
        if (tab < 0) return { ok: false, reason: `entry ${entries.length + 1} is malformed` };
        const e = decodeEntry(bytes.toString('latin1', at, tab), () => bytes.toString('latin1', tab + 1, stop), () => bytes.toString('latin1', at, stop), header.value.writtenAt, entries.length + 1);
        if (!e.ok) return e;
        entries.push(e.value);
        await slice();
      }
      if (entries.length !== header.value.entries) return { ok: false, reason: 'its body does not hold the entries its header counts' };
      return { ok: true, header: header.value, entries, on };
    },
    async write(identity, writtenAt, count, body) {
      if (!/^[\x00-\x7f]*$/.test(body)) throw new Error('the start-up cache body is not ASCII');
      const bytes = Buffer.from(body, 'latin1');
      const header = encodeHeader({ ...identity, writtenAt, entries: count, bodyBytes: bytes.length, checksum: sha256(bytes) } satisfies Omit<CacheHeader, 'factmarkStartupCache'>);
      await fs.promises.mkdir(dir, { recursive: true });
      const tmp = path.join(dir, `.${FILE}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        await fs.promises.writeFile(tmp, Buffer.concat([Buffer.from(header + '\n', 'utf8'), bytes]), { flag: 'wx', mode: 0o600 });
        await fs.promises.rename(tmp, file);
      } catch (e) {
        await fs.promises.rm(tmp, { force: true }).catch(() => {});
        throw e;
      }
      return bytes.length;
    },
    async remove() {
      try {
        await fs.promises.unlink(file);
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw e;
      }
    },
  };
}

/** How long the worker may take to read the cache before it is given up (the cache ignored, every article read). */
const WORKER_READ_MS = 30_000;

/** The cache's bytes as the worker thread read them (moved here, not copied); rejects if it cannot start or ends without answering. */
function readOnWorker(script: string, file: string): Promise<CacheBytes> {
  return new Promise<CacheBytes>((resolve, reject) => {
    const worker = new Worker(script, { workerData: { file, maxBytes: MAX_CACHE_BYTES } });
    const timer = setTimeout(() => {
      done();
      void worker.terminate();
      reject(Object.assign(new Error(`it took the worker thread over ${WORKER_READ_MS / 1000} s to read`), { name: 'TimeoutError' }));
    }, WORKER_READ_MS);
    const done = () => { clearTimeout(timer); worker.removeAllListeners(); };
    worker.once('message', (m: CacheBytes) => { done(); void worker.terminate(); resolve(m); });
    worker.once('error', (e) => { done(); void worker.terminate(); reject(e); });
    worker.once('exit', (code) => { done(); reject(new Error(`the worker thread ended (${code}) without an answer`)); });
  });
}

/**
 * Directories found where their path says (no link on the way from the workspace folder), for
 * one turn of the event loop: the restore stats a chunk of articles, mostly in few folders, in one.
 */
const placedDirs = new Map<string, boolean>();
function inPlace(uri: vscode.Uri): boolean {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder || folder.uri.scheme !== 'file') return false;
  const dir = path.dirname(uri.fsPath);
  const known = placedDirs.get(dir);
  if (known !== undefined) return known;
  let ok = false;
  try {
    const root = folder.uri.fsPath;
    ok = fs.realpathSync(dir) === path.join(fs.realpathSync(root), path.relative(root, dir));
  } catch { ok = false; }
  if (!placedDirs.size) setImmediate(() => placedDirs.clear());
  placedDirs.set(dir, ok);
  return ok;
}

function stampOf(s: fs.Stats): FileStamp {
  return { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino, dev: s.dev };
}

