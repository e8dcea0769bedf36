// The start-up cache's file and the stamps of the workspace's files, on the local disk (desktop
// VS Code, code-server, remotes): one file in the extension's workspace storage (never in the
// repository, never at a path made of file contents), written whole to a temporary file and
// renamed over the old one, with a SHA-256 of its body in its header line. What it holds and how
// it is trusted is src/core/store/startupCache.ts's; this only reads, checks and writes bytes.
import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { decodeEntry, decodeHeader, encodeHeader, type CacheHeader, type CacheIdentity, type FileStamp, type ReadEntry } from '../../core/store/startupCache';
import type { StartupCacheFiles } from '../platform';
import { slicer } from '../perf';

const FILE = 'startup-cache.json';
const HASH_SLICE = 4 << 20;
/** A cache larger than this is not read (about 75,000 articles' worth). */
const MAX_CACHE_BYTES = 1 << 30;
/** Slices of this many ms between turns of the event loop. */
const SLICE_MS = 8;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export function startupCacheFiles(storage: vscode.Uri | undefined): StartupCacheFiles | undefined {
  if (!storage || storage.scheme !== 'file') return undefined;
  const dir = storage.fsPath;
  const file = path.join(dir, FILE);
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
    async read(identity: CacheIdentity) {
      let bytes: Buffer;
      try { bytes = await readWhole(file); } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, reason: 'there is none yet', missing: true };
        return { ok: false, reason: `it cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
      }
      const nl = bytes.indexOf(0x0a);
      if (nl < 0) return { ok: false, reason: 'it has no header line (truncated or not a cache)' };
      const header = decodeHeader(bytes.toString('utf8', 0, nl), identity);
      if (!header.ok) return header;
      const body = bytes.subarray(nl + 1);
      if (body.length !== header.value.bodyBytes) return { ok: false, reason: `its body is ${body.length} bytes, not the ${header.value.bodyBytes} its header says (truncated)` };
      // In slices of a few milliseconds, so that the host answers meanwhile (60 MB at 5,000 articles).
      const slice = slicer(SLICE_MS);
      const hash = createHash('sha256');
      for (let i = 0; i < body.length; i += HASH_SLICE) { hash.update(body.subarray(i, i + HASH_SLICE)); await slice(); }
      if (hash.digest('hex') !== header.value.checksum) return { ok: false, reason: 'its checksum does not match (corrupt)' };
      const entries: ReadEntry[] = [];
      for (let at = 0; at < body.length;) {
        const end = body.indexOf(0x0a, at);
        const stop = end < 0 ? body.length : end;
        // (ASCII, as written: see encodeBody.) Only the head becomes a string now; the claims stay
        // bytes of the file until they are needed (or the line is written again).
        const tab = body.indexOf(0x09, at);
        if (tab < 0 || tab > stop) return { ok: false, reason: `entry ${entries.length + 1} is malformed` };
        const from = at;
        const e = decodeEntry(body.toString('latin1', at, tab), () => body.toString('latin1', tab + 1, stop), () => body.toString('latin1', from, stop), header.value.writtenAt, entries.length + 1);
        if (!e.ok) return e;
        entries.push(e.value);
        at = stop + 1;
        await slice();
      }
      if (entries.length !== header.value.entries) return { ok: false, reason: 'its body does not hold the entries its header counts' };
      return { ok: true, header: header.value, entries };
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

/**
 * The file's bytes in as few reads as the system allows (one, for a local file): fs.promises.readFile
 * reads 512 KB at a time, each waiting for a turn of the event loop, and in a starting window
 * (other extensions activating) reading the 65 MB cache that way took most of a second.
 */
async function readWhole(file: string): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const stat = await handle.stat();
    const size = stat.size;
    if (!stat.isFile() || size > MAX_CACHE_BYTES) throw Object.assign(new Error('not a regular file of a cache\'s size'), { code: !stat.isFile() ? 'not a regular file' : `over ${MAX_CACHE_BYTES >> 20} MB` });
    const bytes = Buffer.allocUnsafe(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(bytes, at, size - at, at);
      if (!bytesRead) break; // (shorter than it was: the header's byte count says so)
      at += bytesRead;
    }
    return at === size ? bytes : bytes.subarray(0, at);
  } finally {
    await handle.close();
  }
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

