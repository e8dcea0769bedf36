// Reading and writing files of a repository someone else wrote, on a local disk (Node only; the
// CLI uses it, and the desktop extension through LocalFiles). Every path is confined to a root
// (the repository, or the workspace folder):
// - a read resolves symbolic links and refuses a target outside the root or inside `.git/`, and
//   anything that is not a regular file (FIFO, device, socket, directory) before opening it; the
//   size is checked with fstat on the opened file and the read stops at the limit, so a link to
//   /dev/zero or /dev/stdin can neither hang nor exhaust memory;
// - a write goes to a temporary file with an unpredictable name, created exclusively (O_EXCL,
//   never through a link), given the target's mode and owner, flushed, then renamed over the
//   target — or over the target of a symlinked sidecar, when that is inside the root; under a
//   lock beside the target, held across compare-and-rename, so that two writers (two
//   `factmark add`, the CLI and the extension) never lose each other's acknowledged write.
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ChangedOnDiskError } from '../core/changedOnDisk';
import type { Problem } from '../core/model';

const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL } = fs.constants;
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;
const O_NOCTTY = fs.constants.O_NOCTTY ?? 0;

/** A file Factmark will not read or write, with why (a Problem without file/line: the caller adds them). */
export class FileRefusedError extends Error {
  constructor(readonly code: string, message: string) { super(message); }
}

/** Another writer held the lock beside the file for longer than a write takes. */
export class FileBusyError extends ChangedOnDiskError {}

export type ReadResult =
  | { ok: true; bytes: Uint8Array; /** The file read, links resolved. */ real: string }
  | { ok: false; missing: true }
  | { ok: false; missing: false; problem: Problem };

export interface ReadOptions {
  /** The repository root or workspace folder nothing may be read from outside of. */
  root: string;
  /**
   * `root` with its links resolved (realRootSync), when the caller reads many files under one
   * root (`factmark check`: one system call less per file); without it, resolved at each read.
   * readConfined takes only an acceptance from it: a file it would refuse is read again with the
   * root resolved afresh (so a stale one given by a cache can never refuse a file).
   */
  realRoot?: string;
  maxBytes: number;
  /** For messages: "sidecar", "article", "config file". */
  what: string;
}

/**
 * The bytes of `file`, or why it is not read. Never follows a link out of `root` or into
 * `.git/`, never opens what is not a regular file, never reads more than `maxBytes`.
 */
export async function readConfined(file: string, options: ReadOptions): Promise<ReadResult> {
  return (await quickRead(file, options)) ?? runAsync(confinedRead(file, { ...options, realRoot: undefined }));
}

/**
 * A callback call on a plain descriptor as a promise: open, fstat, read and close through a
 * FileHandle cost about half as much CPU again (4,000 files of 5-11 KB, 32 at a time, plain Node:
 * 124-252 ms against 73-110 ms, 3 December 07:07 UTC, load 3.8).
 */
function fdCall<T>(call: (done: (e: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => call((e, value) => (e ? reject(e) : resolve(value))));
}

/**
 * readConfined's common case in five awaited calls instead of nine (lstat, realpath, open, fstat,
 * one read; then close; the last four on a plain descriptor), for the extension's scan of
 * thousands of files, where each awaited call costs the host more than the system call: a
 * regular file that is not a link, read whole by its first read. Undefined on anything else (a
 * link, not a file, an error, a refusal, a file that changed or is longer than fstat said), and
 * then the caller runs the full steps afresh, root resolved again — so whatever this answers is
 * what they would have answered:
 * - lstat of a file that is not a link is the stat of its real path (the full steps' `stat`),
 *   whose inode fstat then compares with the opened file, as they do;
 * - a read that gives the whole size fstat gave and less than it asked for (the size + 1) is at
 *   the end of the file (Node's readFile stops there too); the full steps read once more to see 0.
 */
async function quickRead(file: string, options: ReadOptions): Promise<ReadResult | undefined> {
  let before: fs.Stats;
  let real: string;
  try {
    before = await fs.promises.lstat(file);
    if (!before.isFile()) return undefined;
    real = await fs.promises.realpath(file);
    confine(real, options.realRoot ?? (await realRoot(options.root)), file, options.what);
  } catch {
    return undefined;
  }
  if (before.size > options.maxBytes) return undefined;
  let fd: number;
  try {
    fd = await fdCall<number>((done) => fs.open(real, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY, done));
  } catch {
    return undefined;
  }
  let bytes: Uint8Array | undefined;
  try {
    const st = await fdCall<fs.Stats>((done) => fs.fstat(fd, done));
    if (st.isFile() && st.ino === before.ino && st.dev === before.dev && st.size <= options.maxBytes) {
      const buffer = Buffer.allocUnsafe(Math.min(st.size + 1, options.maxBytes + 1));
      const bytesRead = await fdCall<number>((done) => fs.read(fd, buffer, 0, buffer.length, null, done));
      if (bytesRead === st.size && bytesRead < buffer.length) bytes = buffer.subarray(0, bytesRead);
    }
  } catch {
    bytes = undefined;
  } finally {
    try { await fdCall<void>((done) => fs.close(fd, done)); } catch { bytes = undefined; }
  }
  return bytes && { ok: true, bytes, real };
}

/**
 * readConfined with synchronous calls, the same checks and the same answers: for `factmark
 * check`, which reads thousands of small files one after another (each of readConfined's nine
 * awaited calls costs more than the call itself), and for its worker threads.
 */
export function readConfinedSync(file: string, options: ReadOptions): ReadResult {
  return runSync(confinedRead(file, options));
}

function* confinedRead(file: string, options: ReadOptions): Steps<ReadResult> {
  const refuse = (e: FileRefusedError): ReadResult => ({ ok: false, missing: false, problem: { severity: 'error', code: e.code, file, message: e.message } });
  try {
    yield { op: 'lstat', path: file };
  } catch (e) {
    if (isMissing(e)) return { ok: false, missing: true };
    return refuse(new FileRefusedError('unreadable', `${options.what} ${file} cannot be read (${errorCode(e)}).`));
  }
  try {
    const real = yield* resolveInside(file, options.root, options.what, options.realRoot);
    return { ok: true, bytes: yield* readRegular(real, options.maxBytes, options.what, file), real };
  } catch (e) {
    if (e instanceof FileRefusedError) return refuse(e);
    if (isMissing(e)) return { ok: false, missing: true }; // deleted meanwhile
    return refuse(new FileRefusedError('unreadable', `${options.what} ${file} cannot be read (${errorCode(e)}).`));
  }
}

/**
 * The file system calls of a read, written once and run either way (runAsync, runSync): each
 * step yields a call and is given its result, or has its error thrown in.
 */
type Call =
  | { op: 'lstat' | 'stat' | 'realpath'; path: string }
  | { op: 'open'; path: string; flags: number }
  | { op: 'fstat' | 'close'; file: OpenFile }
  | { op: 'read'; file: OpenFile; buffer: Buffer };
/** A FileHandle (runAsync) or a descriptor (runSync): only the runner that opened it uses it. */
type OpenFile = fs.promises.FileHandle | number;
// Each call's result is what its op gives (Stats, a path, an OpenFile, the bytes read): the steps know which.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Steps<T> = Generator<Call, T, any>;

async function runAsync<T>(steps: Steps<T>): Promise<T> {
  let next = steps.next();
  while (!next.done) {
    let result: unknown;
    try {
      result = await callAsync(next.value);
    } catch (e) {
      next = steps.throw(e);
      continue;
    }
    next = steps.next(result);
  }
  return next.value;
}

function runSync<T>(steps: Steps<T>): T {
  let next = steps.next();
  while (!next.done) {
    let result: unknown;
    try {
      result = callSync(next.value);
    } catch (e) {
      next = steps.throw(e);
      continue;
    }
    next = steps.next(result);
  }
  return next.value;
}

async function callAsync(c: Call): Promise<unknown> {
  switch (c.op) {
    case 'lstat': return fs.promises.lstat(c.path);
    case 'stat': return fs.promises.stat(c.path);
    case 'realpath': return fs.promises.realpath(c.path);
    case 'open': return fs.promises.open(c.path, c.flags);
    case 'fstat': return (c.file as fs.promises.FileHandle).stat();
    case 'close': return (c.file as fs.promises.FileHandle).close();
    case 'read': return (await (c.file as fs.promises.FileHandle).read(c.buffer, 0, c.buffer.length, null)).bytesRead;
  }
}

function callSync(c: Call): unknown {
  switch (c.op) {
    case 'lstat': return fs.lstatSync(c.path);
    case 'stat': return fs.statSync(c.path);
    // The native realpath(3), as fs.promises.realpath uses (fs.realpathSync walks the path in JS).
    case 'realpath': return fs.realpathSync.native(c.path);
    case 'open': return fs.openSync(c.path, c.flags);
    case 'fstat': return fs.fstatSync(c.file as number);
    case 'close': return fs.closeSync(c.file as number);
    case 'read': return fs.readSync(c.file as number, c.buffer, 0, c.buffer.length, null);
  }
}

/**
 * The bytes of a file the user named themselves (an annotations file to import, a model file),
 * which may live anywhere — so no root — but is still read only if it is a regular file, and never
 * more than `maxBytes`: a FIFO, a device or a link to /dev/zero is refused before reading.
 */
export async function readNamedFile(file: string, options: Omit<ReadOptions, 'root'>): Promise<ReadResult> {
  const refuse = (e: FileRefusedError): ReadResult => ({ ok: false, missing: false, problem: { severity: 'error', code: e.code, file, message: e.message } });
  try {
    const real = await fs.promises.realpath(file);
    return { ok: true, bytes: await runAsync(readRegular(real, options.maxBytes, options.what, file)), real };
  } catch (e) {
    if (e instanceof FileRefusedError) return refuse(e);
    if (isMissing(e)) return { ok: false, missing: true };
    if (errorCode(e) === 'ELOOP') return refuse(new FileRefusedError('link-loop', `The ${options.what} ${file} is a loop of symbolic links.`));
    return refuse(new FileRefusedError('unreadable', `${options.what} ${file} cannot be read (${errorCode(e)}).`));
  }
}

/** The real path of an existing `file`, refused unless it is inside `root` and outside `.git/`. */
function* resolveInside(file: string, root: string, what: string, realRoot?: string): Steps<string> {
  let real: string;
  try {
    real = yield { op: 'realpath', path: file };
  } catch (e) {
    // ENOENT: a link to nothing — or the file was deleted since the caller's lstat (a checkout,
    // rm -r), which is a missing file, not a broken one: only a link that is still there is dangling.
    if (errorCode(e) === 'ENOENT' && (yield* isLinkNow(file))) throw new FileRefusedError('dangling-link', `The ${what} ${file} is a symbolic link to a file that does not exist; Factmark does not follow it.`);
    if (errorCode(e) === 'ELOOP') throw new FileRefusedError('link-loop', `The ${what} ${file} is a loop of symbolic links.`);
    throw e;
  }
  confine(real, realRoot ?? (yield* realRootSteps(root)), file, what);
  return real;
}

/** Throws unless `real` (a resolved path) is inside `root` (resolved) and not in a `.git` folder. */
function confine(real: string, root: string, shown: string, what: string): void {
  const rel = path.relative(root, real);
  if (rel.startsWith('..' + path.sep) || rel === '..' || path.isAbsolute(rel)) {
    throw new FileRefusedError('outside-root', `The ${what} ${shown} resolves to ${real}, outside ${root}; Factmark does not read or write files outside the repository (or workspace folder).`);
  }
  if (rel.split(path.sep).some((part) => part.toLowerCase() === '.git')) {
    throw new FileRefusedError('inside-git', `The ${what} ${shown} resolves to ${real}, inside git's own folder (.git); Factmark does not read or write there.`);
  }
}

/** Whether `file` is a symbolic link now (false when it is gone). */
function* isLinkNow(file: string): Steps<boolean> {
  try {
    return ((yield { op: 'lstat', path: file }) as fs.Stats).isSymbolicLink();
  } catch (e) {
    if (isMissing(e)) return false;
    throw e;
  }
}

function realRoot(root: string): Promise<string> {
  return runAsync(realRootSteps(root));
}

/** What a read compares the files' real paths with: the root's real path (its own path, resolved, when it has none). */
export function realRootSync(root: string): string {
  return runSync(realRootSteps(root));
}

function* realRootSteps(root: string): Steps<string> {
  try { return yield { op: 'realpath', path: root }; } catch { return path.resolve(root); }
}

/** How many times a file replaced between its stat and its open is looked at again before it is refused. */
const REPLACED_ATTEMPTS = 4;

/**
 * Reads a resolved path that must be a regular file, at most `maxBytes`. A file replaced between
 * the stat and the open (another writer's atomic rename, as Factmark's own writers and git do) is
 * looked at again from the stat, every check with it; one replaced at every attempt is refused.
 */
function* readRegular(real: string, maxBytes: number, what: string, shown: string): Steps<Uint8Array> {
  for (let attempt = 1; ; attempt++) {
    const before: fs.Stats = yield { op: 'stat', path: real };
    notRegular(before, what, shown);
    tooLarge(before.size, maxBytes, what, shown);
    // O_NONBLOCK: a FIFO swapped in after the stat must not block the open; O_NOFOLLOW: nor a link.
    const file: OpenFile = yield { op: 'open', path: real, flags: O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY };
    try {
      const st: fs.Stats = yield { op: 'fstat', file };
      notRegular(st, what, shown);
      if (st.ino !== before.ino || st.dev !== before.dev) {
        if (attempt < REPLACED_ATTEMPTS) continue;
        throw new FileRefusedError('changed', `The ${what} ${shown} was replaced while Factmark opened it; try again.`);
      }
      tooLarge(st.size, maxBytes, what, shown);
      return yield* readAtMostSteps(file, maxBytes, what, shown, st.size);
    } finally {
      yield { op: 'close', file };
    }
  }
}

function notRegular(st: fs.Stats, what: string, shown: string): void {
  if (st.isFile()) return;
  const kind = st.isDirectory() ? 'a folder' : st.isFIFO() ? 'a named pipe (FIFO)' : st.isSocket() ? 'a socket'
    : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : 'not a regular file';
  throw new FileRefusedError('not-a-file', `The ${what} ${shown} is ${kind}; Factmark reads only regular files.`);
}

function tooLarge(size: number, maxBytes: number, what: string, shown: string): void {
  if (size <= maxBytes) return;
  const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
  throw new FileRefusedError('too-large', `The ${what} ${shown} is ${mb(size)} MB; Factmark does not read ${what}s over ${mb(maxBytes)} MB.`);
}

/**
 * Reads to the end, refusing a file that grows past `maxBytes` while it is read. `expected`: the
 * size fstat gave, so that the file is read into one buffer of its size (a 1 MB buffer per read,
 * as before, made the scan of thousands of small files spend more time collecting garbage than
 * parsing); what comes past it (a file growing meanwhile) is read in chunks growing to 1 MB.
 */
function readAtMost(handle: fs.promises.FileHandle, maxBytes: number, what: string, shown: string, expected = 0): Promise<Uint8Array> {
  return runAsync(readAtMostSteps(handle, maxBytes, what, shown, expected));
}

function* readAtMostSteps(file: OpenFile, maxBytes: number, what: string, shown: string, expected = 0): Steps<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  let chunk = Math.max(0, expected) + 1;
  let past = 0;
  for (;;) {
    const buffer = Buffer.allocUnsafe(Math.min(chunk, 1 << 20, maxBytes + 1 - total));
    const bytesRead: number = yield { op: 'read', file, buffer };
    if (bytesRead === 0) break;
    chunks.push(buffer.subarray(0, bytesRead));
    total += bytesRead;
    if (total > maxBytes) tooLarge(total, maxBytes, what, shown);
    // Up to the expected size, the rest of it; past it, a small read for the end, then larger ones.
    chunk = total < expected ? expected + 1 - total : (past = past ? Math.min(past * 2, 1 << 20) : 8192);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

export interface WriteOptions {
  root: string;
  /**
   * What the caller read and based its text on (undefined: there was no file). When the file
   * holds anything else at the moment of the rename, nothing is written (ChangedOnDiskError).
   * Omitted: no comparison.
   */
  expected?: Uint8Array | undefined;
  /** For messages. */
  what: string;
}

/** How long a lock may be held before another writer takes it as left by a crash. */
export const LOCK_STALE_MS = 10_000;
/** How long a writer waits for the lock. */
const LOCK_WAIT_MS = 15_000;

/**
 * Writes `bytes` to `file` atomically and confined to `options.root`. A symlinked `file` is
 * written through (its target replaced) when the target is inside the root and outside `.git/`;
 * otherwise, and for anything that is not a regular file, FileRefusedError. The target keeps
 * its mode and, where the process may set it, its owner. A hard-linked target is replaced by a
 * new file: its other names keep the previous version.
 */
export async function writeConfined(file: string, bytes: Uint8Array, options: WriteOptions): Promise<void> {
  const target = await writeTarget(file, options.root, options.what);
  const dir = path.dirname(target);
  const base = path.basename(target);
  const lock = await acquireLock(path.join(dir, `.${base}.factmark-lock`));
  try {
    await removeLeftovers(dir, base);
    const current = await currentFile(target, options.what, file);
    if ('expected' in options && !sameBytes(current?.bytes, options.expected)) {
      throw new ChangedOnDiskError(`${file} changed on disk while Factmark was working on it; nothing was written`);
    }
    const tmp = path.join(dir, `.${base}.${randomBytes(8).toString('hex')}.factmark-tmp`);
    // 0o666 is narrowed by the umask for a new file; an existing file's mode is set exactly below.
    const handle = await fs.promises.open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o666);
    try {
      try {
        await handle.writeFile(bytes);
        if (current) {
          await handle.chmod(current.stat.mode & 0o7777);
          const mine = await handle.stat();
          if (mine.uid !== current.stat.uid || mine.gid !== current.stat.gid) {
            await handle.chown(current.stat.uid, current.stat.gid).catch(() => undefined); // only root may give a file away
          }
        }
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.promises.rename(tmp, target);
    } catch (e) {
      await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
      throw e;
    }
    await syncDir(dir);
  } finally {
    await lock.release();
  }
}

/** Where a write of `file` lands: the file itself, or the target of a link inside the root. */
async function writeTarget(file: string, root: string, what: string): Promise<string> {
  const rootReal = await realRoot(root);
  let st: fs.Stats | undefined;
  try { st = await fs.promises.lstat(file); } catch (e) { if (!isMissing(e)) throw e; }
  if (st?.isSymbolicLink()) {
    let real: string;
    try { real = await fs.promises.realpath(file); } catch (e) {
      if (errorCode(e) === 'ENOENT') throw new FileRefusedError('dangling-link', `The ${what} ${file} is a symbolic link to a file that does not exist; Factmark does not write through it.`);
      throw e;
    }
    confine(real, rootReal, file, what);
    return real;
  }
  // The folder may itself be (or sit under) a link: confine its real path.
  const dir = await fs.promises.realpath(path.dirname(path.resolve(file)));
  const target = path.join(dir, path.basename(file));
  confine(target, rootReal, file, what);
  return target;
}

/** The target as it is now (bytes and stat), undefined when it does not exist. */
async function currentFile(target: string, what: string, shown: string): Promise<{ bytes: Uint8Array; stat: fs.Stats } | undefined> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(target, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
  } catch (e) {
    if (isMissing(e)) return undefined;
    if (errorCode(e) === 'ELOOP') throw new FileRefusedError('changed', `The ${what} ${shown} was replaced by a symbolic link while Factmark wrote it; nothing was written.`);
    throw e;
  }
  try {
    const stat = await handle.stat();
    notRegular(stat, what, shown);
    return { bytes: await readAtMost(handle, Math.max(stat.size, 0) + (64 << 20), what, shown, stat.size), stat };
  } finally {
    await handle.close();
  }
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** Temporary files of earlier writes of this target that crashed (a write removes its own otherwise). */
async function removeLeftovers(dir: string, base: string): Promise<void> {
  const pattern = new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.[0-9a-f]{16}\\.factmark-tmp$`);
  let names: string[];
  try { names = await fs.promises.readdir(dir); } catch { return; }
  for (const name of names) {
    if (!pattern.test(name)) continue;
    const p = path.join(dir, name);
    try {
      const st = await fs.promises.lstat(p);
      // Older than any write in progress (writers hold the lock, and locks go stale): a leftover.
      if (Date.now() - st.mtimeMs > LOCK_STALE_MS) await fs.promises.unlink(p);
    } catch { /* gone already */ }
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const h = await fs.promises.open(dir, O_RDONLY);
    try { await h.sync(); } finally { await h.close(); }
  } catch { /* not supported everywhere (Windows); the rename itself is atomic */ }
}

interface Lock { release(): Promise<void> }

/**
 * An exclusive lock file (created with O_EXCL, never through a link). A lock left by a process
 * that is gone (same host) or older than LOCK_STALE_MS is taken over.
 */
async function acquireLock(lockPath: string): Promise<Lock> {
  const token = `${process.pid} ${os.hostname()} ${Date.now()} ${randomBytes(6).toString('hex')}`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
    try {
      const h = await fs.promises.open(lockPath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600);
      try { await h.writeFile(token); } finally { await h.close(); }
      return { release: () => releaseLock(lockPath, token) };
    } catch (e) {
      if (errorCode(e) !== 'EEXIST') throw e;
    }
    const stale = await staleLock(lockPath);
    if (stale) { await takeOver(lockPath, stale); continue; }
    if (Date.now() > deadline) {
      throw new FileBusyError(`${path.basename(lockPath).replace(/^\.|\.factmark-lock$/g, '')} is being written by another Factmark (${lockPath} is held); nothing was written, try again`);
    }
    await new Promise((r) => setTimeout(r, pause));
  }
}

/** The lock's inode when it is stale (its writer is gone, or it is older than LOCK_STALE_MS), else undefined. */
async function staleLock(lockPath: string): Promise<number | undefined> {
  let st: fs.Stats;
  try { st = await fs.promises.lstat(lockPath); } catch { return undefined; } // released meanwhile: retry at once
  if (!st.isFile()) {
    throw new FileRefusedError('lock-not-a-file', `${lockPath} is not a lock file Factmark made (a link or a folder); remove it, then write again.`);
  }
  if (Date.now() - st.mtimeMs > LOCK_STALE_MS) return st.ino;
  let text = '';
  try {
    const h = await fs.promises.open(lockPath, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
    try { text = Buffer.from(await readAtMost(h, 512, 'lock', lockPath)).toString(); } finally { await h.close(); }
  } catch { return undefined; }
  const [pid, host] = text.split(' ');
  if (host !== os.hostname() || !/^\d+$/.test(pid ?? '')) return undefined;
  try { process.kill(Number(pid), 0); return undefined; } catch (e) { return errorCode(e) === 'ESRCH' ? st.ino : undefined; }
}

/**
 * Removes a stale lock. It is first moved aside, so that of two writers that both found it
 * stale only one gets it; one that moved a fresh lock (taken meanwhile by a third) puts it back.
 */
async function takeOver(lockPath: string, staleIno: number): Promise<void> {
  const aside = `${lockPath}.${randomBytes(6).toString('hex')}.stale`;
  try { await fs.promises.rename(lockPath, aside); } catch { return; }
  try {
    if ((await fs.promises.lstat(aside)).ino !== staleIno) await fs.promises.link(aside, lockPath).catch(() => undefined);
  } finally {
    await fs.promises.unlink(aside).catch(() => undefined);
  }
}

async function releaseLock(lockPath: string, token: string): Promise<void> {
  try {
    const h = await fs.promises.open(lockPath, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
    let text: string;
    try { text = Buffer.from(await readAtMost(h, 512, 'lock', lockPath)).toString(); } finally { await h.close(); }
    if (text === token) await fs.promises.unlink(lockPath); // taken over as stale meanwhile: not ours to remove
  } catch { /* gone */ }
}

/** The folder nothing may be read from or written to outside of, for a file: its git work tree, else its own folder. */
export function repositoryRoot(file: string): string {
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return path.dirname(path.resolve(file));
    dir = up;
  }
}

function isMissing(e: unknown): boolean {
  const code = errorCode(e);
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? String(e);
}
