// The start-up cache (issue 13: a second window or a restart of VS Code on a 5,000-article
// archive): what the scan leaves of each article that is not open (its claims as parsed, their
// placements as anchored, the sidecar's mark; see ArticleModel.dropSidecar and dropText), kept
// between sessions so that an article whose two files are unchanged is not read, parsed and
// anchored again. Like git's index, an entry is keyed by what one lstat of each file says (size,
// mtimeMs, ino, dev); whoever uses it stats the files and restores only entries that match, and
// never one whose file could have changed within the same tick of its clock ("racily clean").
// What is restored is exactly the let-go state a fresh load leaves, so the same safety net holds:
// the sidecar is read again and compared (mark + parse) before any change or write, the article's
// text read again and anchored afresh before use. Pure: the file and its checksum are the host's.
//
// Each entry is a head (what the views show before anyone looks at the claims: the file's state,
// each claim's status) and a body (the claims and their placements), parsed only when something
// first needs the article's claims (see LazyClaims). A warm start of 5,000 articles parses 5,000
// small heads, not 100,000 claims, and writes the bodies it did not need back as they were read.
import type { Claim, Problem, Published } from '../model';

/** Bumped whenever what an entry holds, or how it is written, changes: another format is ignored. */
export const CACHE_FORMAT = 2;
/** The first key of the header line: a file that does not start with it is not a Factmark start-up cache. */
export const CACHE_MAGIC = 'factmarkStartupCache';
/**
 * An entry is trusted only if both files' mtimes are older than this before the moment they were
 * statted (and the cache written): a file changed again within the same tick of a coarse clock
 * (1–2 s on FAT and HFS+, a server's clock on a network file system) would keep its mtime.
 */
export const RACY_MARGIN_MS = 2000;

/**
 * Whether the cache is worth writing again (the whole file: 13 KB an article, 65 MB at 5,000)
 * after articles it holds changed: once a twentieth of its entries, and at least
 * REWRITE_MIN_STALE, did. Never needed for correctness: a changed file no longer stats as its
 * entry says, so the next start reads it; an entry changed only in memory still matches the file
 * it was made from. So a checkout that changed hundreds of articles is written again, while
 * setting one claim's status, or working through a few articles, costs no 65 MB write each.
 */
export function rewriteDue(stale: number, entries: number): boolean {
  return stale > 0 && stale >= Math.max(REWRITE_MIN_STALE, entries / 20);
}
export const REWRITE_MIN_STALE = 50;

/** What one lstat says of a regular file: equal stamps are taken to mean the same content (but see RACY_MARGIN_MS). */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
  readonly dev: number;
}

export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino && a.dev === b.dev;
}

/** Whether a stamp taken at `at` (ms since the epoch) may be trusted later: its mtime is far enough behind. */
export function settledStamp(stamp: FileStamp, at: number): boolean {
  return stamp.mtimeMs < at - RACY_MARGIN_MS;
}

/**
 * One claim's placement as anchored: [state, start, end, reason, confidence]. Always 'anchored':
 * only an article whose every claim is where its words are is cached (ArticleModel.letGoState),
 * so its open claims are its unsettled ones, counted from the statuses alone.
 */
export type CachedPlacement = readonly ['anchored', number, number, string, number];

/** An article let go after a fresh load (ArticleModel.letGoState): all a fresh load of the same files leaves. */
export interface LetGoState {
  /** textMark of the sidecar's text. */
  readonly mark: string;
  readonly factmark: number;
  readonly article: string;
  readonly readOnly?: string;
  readonly claims: readonly Claim[];
  readonly published?: Published;
  readonly dismissed?: readonly string[];
  /** The file's warnings (its problems when it loaded). */
  readonly problems: readonly Problem[];
  /** In claim order, one per claim. */
  readonly placements: readonly CachedPlacement[];
}

/**
 * An entry's claims and placements as read, not parsed yet: the statuses (from the head) say what
 * the views count; `load` parses and checks the body the first time the claims are needed.
 */
export interface LazyClaims {
  /** Each claim's status, in claim order. */
  readonly statuses: readonly string[];
  /**
   * The body parsed and checked: fresh objects each call. Undefined when it does not hold what
   * the head says (malformed, another count or other statuses): the host's checksum makes that
   * a bug, never a file changed on disk; the article then has no claim until its sidecar is read
   * again, and its claims come from the file (ArticleModel.bringIn).
   */
  load(): { claims: Claim[]; placements: CachedPlacement[] } | undefined;
}

/** A let-go state read from the cache: as LetGoState, with the claims and placements still to be parsed. */
export interface CachedState extends Omit<LetGoState, 'claims' | 'placements'> {
  readonly body: LazyClaims;
}

interface EntryFields {
  /** The article's key in the store. */
  readonly key: string;
  readonly sidecar: string;
  /** The name the store opened the article with (what a new sidecar's `article:` would say). */
  readonly articleName: string;
  readonly sidecarStamp: FileStamp;
  readonly articleStamp: FileStamp;
}

/** An entry to write: an article's let-go state now. */
export interface CacheEntry extends EntryFields {
  readonly state: LetGoState;
}

/** An entry as read (the file, or a worker of the cold scan): its claims parsed on demand. */
export interface ReadEntry extends EntryFields {
  readonly state: CachedState;
  /** The entry's line as read (ASCII, as encodeEntry made it): written again as it is while the article is unchanged. */
  line(): string;
}

/** What a cache must say of itself to be used here; anything else is another workspace's, version's or format's. */
export interface CacheIdentity {
  /** The extension's version. */
  readonly extension: string;
  /** The workspace folders (their URIs, in order). */
  readonly workspace: string;
}

export interface CacheHeader extends CacheIdentity {
  readonly [CACHE_MAGIC]: number;
  /** When the cache was written (ms since the epoch): no entry is newer than this less RACY_MARGIN_MS. */
  readonly writtenAt: number;
  readonly entries: number;
  /** Bytes of the body (UTF-8), and its checksum as the host computes it. */
  readonly bodyBytes: number;
  readonly checksum: string;
}

/**
 * The body: one entry a line (see encodeEntry), so that it can be read a slice at a time.
 * ASCII only (other characters as JSON escapes): read back without a UTF-8 decoder, a third of
 * the time of decoding 60 MB of archive with curly quotes in it (measured).
 */
export function encodeBody(entries: readonly CacheEntry[]): string {
  return entries.map(encodeEntry).join('\n');
}

/**
 * One entry, one line of ASCII: its head and its body, each an array of arrays in JSON (short),
 * joined by a tab (which JSON never writes unescaped).
 * head: [key, sidecar, articleName, sidecarStamp, articleStamp, [mark, factmark, article, readOnly, published, dismissed, problems, statuses]]
 * body: [claims, placements]
 */
export function encodeEntry(e: CacheEntry): string {
  const st = e.state;
  const head = [e.key, e.sidecar, e.articleName, stampArray(e.sidecarStamp), stampArray(e.articleStamp),
    [st.mark, st.factmark, st.article, st.readOnly ?? null, st.published ?? null, st.dismissed ?? null, st.problems, st.claims.map((c) => c.status)]];
  return `${asciiJson(head)}\t${asciiJson([st.claims, st.placements])}`;
}

/** JSON in ASCII (other characters as escapes): JSON.stringify escapes line breaks, tabs and lone surrogates itself; a pair becomes two escapes, which JSON.parse joins. */
function asciiJson(v: unknown): string {
  return JSON.stringify(v).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function encodeHeader(header: Omit<CacheHeader, typeof CACHE_MAGIC>): string {
  return JSON.stringify({ [CACHE_MAGIC]: CACHE_FORMAT, ...header });
}

export type Decoded<T> = { ok: true; value: T } | { ok: false; reason: string };

/** The header line, checked against this workspace and version; why not when it does not fit. */
export function decodeHeader(line: string, expect: CacheIdentity): Decoded<CacheHeader> {
  let h: unknown;
  try { h = JSON.parse(line); } catch { return { ok: false, reason: 'its header is not JSON (corrupt or not a cache)' }; }
  if (!isObject(h) || !(CACHE_MAGIC in h)) return { ok: false, reason: 'it is not a Factmark start-up cache' };
  const header = h as Record<string, unknown>;
  if (header[CACHE_MAGIC] !== CACHE_FORMAT) return { ok: false, reason: `it is of format ${String(header[CACHE_MAGIC])}, not ${CACHE_FORMAT}` };
  if (header.extension !== expect.extension) return { ok: false, reason: `it was written by version ${String(header.extension)}, not ${expect.extension}` };
  if (header.workspace !== expect.workspace) return { ok: false, reason: 'it was written for other workspace folders' };
  if (!isCount(header.writtenAt) || !isCount(header.entries) || !isCount(header.bodyBytes) || typeof header.checksum !== 'string') return { ok: false, reason: 'its header is incomplete' };
  return { ok: true, value: header as unknown as CacheHeader };
}

/** The entries of a body whose length and checksum the host has checked; why not when one is malformed. */
export function decodeBody(body: string, header: CacheHeader): Decoded<ReadEntry[]> {
  const lines = body.length ? body.split('\n') : [];
  if (lines.length !== header.entries) return { ok: false, reason: 'its body does not hold the entries its header counts' };
  const entries: ReadEntry[] = [];
  for (const line of lines) {
    const e = decodeEntryLine(line, header.writtenAt, entries.length + 1);
    if (!e.ok) return e;
    entries.push(e.value);
  }
  return { ok: true, value: entries };
}

/**
 * What a worker thread of the cold scan made of one article (src/node/scanDigest.ts): an entry's
 * line, and when its files were statted (their mtimes are RACY_MARGIN_MS older); or why the host
 * reads the article itself.
 */
export type Digested =
  | { readonly key: string; readonly line: string; readonly at: number }
  | { readonly key: string; readonly parts: EntryParts; readonly at: number }
  | { readonly key: string; readonly declined: string };

/** An entry's line in parts (see decodeEntry): the head's text, the body's and the whole line's on demand. */
export interface EntryParts {
  readonly head: string;
  body(): string;
  line(): string;
}

/**
 * One line of the body (entry number `n`): its head parsed and checked, its body left to parse
 * when the claims are needed (LazyClaims). Why not when the head is malformed or newer than
 * `writtenAt` (the cache's header says when it was written; a worker's line, when it stamped).
 */
export function decodeEntryLine(line: string, writtenAt: number, n: number): Decoded<ReadEntry> {
  const tab = line.indexOf('\t');
  if (tab < 0) return { ok: false, reason: `entry ${n} is malformed` };
  return decodeEntry(line.slice(0, tab), () => line.slice(tab + 1), () => line, writtenAt, n);
}

/**
 * An entry from its parts: the head's text, and how to get the body's and the whole line's
 * (read only when the claims are needed, or the line written again: the host keeps them as bytes
 * of the file, not as 65 MB of strings for the collector to go through).
 */
export function decodeEntry(head: string, body: () => string, line: () => string, writtenAt: number, n: number): Decoded<ReadEntry> {
  let raw: unknown;
  try { raw = JSON.parse(head); } catch { return { ok: false, reason: `entry ${n} is not JSON (corrupt or truncated)` }; }
  const e = decodeHead(raw, body, line);
  if (!e) return { ok: false, reason: `entry ${n} is malformed` };
  // (an entry newer than the cache itself cannot be)
  if (!settledStamp(e.sidecarStamp, writtenAt) || !settledStamp(e.articleStamp, writtenAt)) return { ok: false, reason: `entry ${n} is newer than the cache` };
  return { ok: true, value: e };
}

function decodeHead(r: unknown, body: () => string, line: () => string): ReadEntry | undefined {
  if (!Array.isArray(r) || r.length !== 6) return undefined;
  const [key, sidecar, articleName, ss, as, st] = r as unknown[];
  if (typeof key !== 'string' || typeof sidecar !== 'string' || typeof articleName !== 'string') return undefined;
  const sidecarStamp = stampOf(ss);
  const articleStamp = stampOf(as);
  if (!sidecarStamp || !articleStamp || !Array.isArray(st) || st.length !== 8) return undefined;
  const [mark, factmark, article, readOnly, published, dismissed, problems, statuses] = st as unknown[];
  if (typeof mark !== 'string' || typeof factmark !== 'number' || typeof article !== 'string') return undefined;
  if (readOnly !== null && typeof readOnly !== 'string') return undefined;
  if (published !== null && !isObject(published)) return undefined;
  if (dismissed !== null && !(Array.isArray(dismissed) && dismissed.every((d) => typeof d === 'string'))) return undefined;
  if (!Array.isArray(problems) || !problems.every((p) => isObject(p) && typeof p.message === 'string' && typeof p.code === 'string' && (p.severity === 'error' || p.severity === 'warning'))) return undefined;
  if (!Array.isArray(statuses) || !statuses.every((s) => typeof s === 'string')) return undefined;
  return {
    key, sidecar, articleName, sidecarStamp, articleStamp, line,
    state: {
      mark, factmark, article,
      ...(readOnly !== null ? { readOnly: readOnly as string } : {}),
      ...(published !== null ? { published: published as Published } : {}),
      ...(dismissed !== null ? { dismissed: dismissed as string[] } : {}),
      problems: problems as Problem[],
      body: lazyBody(statuses as string[], body),
    },
  };
}

/** The body of an entry: checked against the head's statuses when parsed. */
function lazyBody(statuses: readonly string[], body: () => string): LazyClaims {
  return {
    statuses,
    load() {
      let raw: unknown;
      try { raw = JSON.parse(body()); } catch { return undefined; }
      if (!Array.isArray(raw) || raw.length !== 2) return undefined;
      const [claims, placements] = raw as unknown[];
      if (!Array.isArray(claims) || claims.length !== statuses.length || !claims.every((c, i) => isClaim(c) && c.status === statuses[i])) return undefined;
      if (!Array.isArray(placements) || placements.length !== claims.length || !placements.every(isPlacement)) return undefined;
      return { claims: claims as Claim[], placements: placements as CachedPlacement[] };
    },
  };
}

/** Only placements as anchored are cached (see CachedPlacement). */
function isPlacement(p: unknown): boolean {
  return Array.isArray(p) && p.length === 5 && p[0] === 'anchored' && isCount(p[1]) && isCount(p[2]) && p[1] <= p[2] && typeof p[3] === 'string' && typeof p[4] === 'number';
}

/** The fields a claim always has (the sidecar's reader gave them); the rest is as it wrote them. */
function isClaim(c: unknown): boolean {
  return isObject(c) && typeof c.id === 'string' && typeof c.quote === 'string' && typeof c.before === 'string' && typeof c.after === 'string' && typeof c.status === 'string' && Array.isArray(c.sources);
}

function stampArray(s: FileStamp): number[] {
  return [s.size, s.mtimeMs, s.ino, s.dev];
}

function stampOf(a: unknown): FileStamp | undefined {
  if (!Array.isArray(a) || a.length !== 4 || !a.every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
  return { size: a[0], mtimeMs: a[1], ino: a[2], dev: a[3] };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}
