// The start-up cache file's bytes as read, with the SHA-256 of its body and where each entry's
// line and tab are: the part of reading the cache that needs no VS Code and no decoding, done on a
// worker thread at activation (src/node/cacheReadWorker.ts) while the host lists the workspace.
// The host checks and decodes what this gives (src/vscode/desktop/startupCacheFile.ts); this only
// reads bytes, hashes them and finds two kinds of byte.
import { createHash } from 'crypto';
import * as fs from 'fs';

export type CacheBytes =
  | {
    ok: true;
    /** The whole file (header line, body); its own ArrayBuffer from offset 0, so it can be moved to another thread. */
    bytes: Uint8Array;
    /** Where the header line ends (its newline), or -1 when the file has none. */
    nl: number;
    /** SHA-256 of everything after the header line, in hex (undefined when there is no header line). */
    bodySha256?: string;
    /**
     * Per line of the body, three offsets into `bytes`: where it starts, its first tab (-1 for
     * none) and where it ends (its newline, or the end of the file).
     */
    lines: Uint32Array | Int32Array;
  }
  | { ok: false; code: string };

/**
 * Reads the cache file whole: one open that follows no link and does not wait (a FIFO put there
 * is refused, not waited on), one fstat (a regular file of at most `maxBytes`), reads until the
 * fstat's size. `code` names the failure as Node's errors do (ENOENT when there is none).
 */
export function readCacheBytes(file: string, maxBytes: number): CacheBytes {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { ok: false, code: (e as NodeJS.ErrnoException).code ?? String(e) };
  }
  let bytes: Buffer;
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { ok: false, code: 'not a regular file' };
    if (stat.size > maxBytes) return { ok: false, code: `over ${maxBytes >> 20} MB` };
    // (never from Buffer's shared pool: the whole ArrayBuffer is this file's)
    bytes = Buffer.allocUnsafeSlow(stat.size);
    let at = 0;
    while (at < stat.size) {
      const n = fs.readSync(fd, bytes, at, stat.size - at, at);
      if (!n) break; // (shorter than it was: the header's byte count says so)
      at += n;
    }
    if (at < stat.size) bytes = bytes.subarray(0, at);
  } catch (e) {
    return { ok: false, code: (e as NodeJS.ErrnoException).code ?? String(e) };
  } finally {
    fs.closeSync(fd);
  }
  const nl = bytes.indexOf(0x0a);
  if (nl < 0) return { ok: true, bytes, nl, lines: new Int32Array(0) };
  const bodySha256 = createHash('sha256').update(bytes.subarray(nl + 1)).digest('hex');
  return { ok: true, bytes, nl, bodySha256, lines: lineIndex(bytes, nl + 1) };
}

/** [start, first tab or -1, end] of each line from `from` (see CacheBytes.lines). */
export function lineIndex(bytes: Uint8Array, from: number): Int32Array {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  for (let at = from; at < buf.length;) {
    const end = buf.indexOf(0x0a, at);
    const stop = end < 0 ? buf.length : end;
    const tab = buf.indexOf(0x09, at);
    out.push(at, tab < 0 || tab > stop ? -1 : tab, stop);
    at = stop + 1;
  }
  return Int32Array.from(out);
}
