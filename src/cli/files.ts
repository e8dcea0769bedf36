// File-system side of the CLI: finding article/sidecar pairs, the repository's config, reading.
// Every read goes through readConfined (src/node/safeFiles.ts): confined to the file's
// repository, regular files only, bounded — so a sidecar or article that is a link to
// `.git/config`, `~/.ssh`, `/dev/zero` or a FIFO is a problem in the report, never its content.
import * as fs from 'fs';
import * as path from 'path';
import { decodeArticle, decodeSidecar } from '../core/articleText';
import { CONFIG_FILE, loadConfig, type LoadedConfig } from '../core/config';
import { SIDECAR_SUFFIX, type Problem } from '../core/model';
import { DEFAULT_SCALE, type StatusScale } from '../core/statusScale';
import { MAX_ARTICLE_BYTES, MAX_CONFIG_BYTES, MAX_TEXT_LENGTH } from '../core/limits';
import { readConfined, readConfinedSync, realRootSync, repositoryRoot, type ReadOptions, type ReadResult } from '../node/safeFiles';
import { DEFAULT_POLICY } from '../core/workflow/repoPolicy';

const SKIP_DIRS = new Set(['node_modules', '.git', '.vscode-test', 'dist', 'out']);

export interface Pair { article: string; sidecar: string }

/**
 * Sidecars under the given paths (files or folders), each with its article. A path that is an
 * article finds its sidecar; a path that is a sidecar finds its article. The walk does not enter
 * linked folders, and lists linked sidecars like files: whether one is read is decided when it
 * is read, the same way as for a sidecar named on the command line.
 */
export function findPairs(paths: string[]): { pairs: Pair[]; problems: Problem[] } {
  const pairs = new Map<string, Pair>();
  const problems: Problem[] = [];
  const addSidecar = (sidecar: string) => pairs.set(sidecar, { sidecar, article: sidecar.slice(0, -SIDECAR_SUFFIX.length) });
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) { if (!SKIP_DIRS.has(e.name)) walk(p); }
      else if (e.name.endsWith(SIDECAR_SUFFIX) && e.name.length > SIDECAR_SUFFIX.length) {
        // A name that is not UTF-8 comes with U+FFFD in it, and no file has that name.
        if (e.name.includes('\ufffd') && !lexists(p)) problems.push(notUtf8Name(p));
        else addSidecar(p);
      }
    }
  };
  for (const given of paths.length ? paths : ['.']) {
    let stat: fs.Stats;
    try { stat = fs.statSync(given); } catch {
      if (given.endsWith(SIDECAR_SUFFIX) && isLink(given)) { addSidecar(given); continue; } // a dangling link: reported when read
      problems.push({ severity: 'error', code: 'not-found', file: given, message: `${given}: no such file or folder` });
      continue;
    }
    if (stat.isDirectory()) walk(given);
    else if (given.endsWith(SIDECAR_SUFFIX)) addSidecar(given);
    else if (fs.existsSync(given + SIDECAR_SUFFIX) || isLink(given + SIDECAR_SUFFIX)) addSidecar(given + SIDECAR_SUFFIX);
    else problems.push({ severity: 'warning', code: 'no-sidecar', file: given, message: `${given} has no claims yet (no ${path.basename(given)}${SIDECAR_SUFFIX})` });
  }
  return { pairs: [...pairs.values()].sort((a, b) => a.sidecar.localeCompare(b.sidecar)), problems };
}

/**
 * A sidecar (or a changed article's sidecar) whose name is not valid UTF-8: listed by the folder
 * or by git, but no path Factmark can name opens it. An error, so that it is never passed over.
 */
export function notUtf8Name(file: string): Problem {
  return { severity: 'error', code: 'name-not-utf8', file,
    message: 'The name of this sidecar is not valid UTF-8 (each byte that is not shows as \ufffd), so Factmark cannot open it: rename it and its article in UTF-8.' };
}

/** Whether anything (a file, a folder, a FIFO, a link, dangling or not) is at `p`. */
export function lexists(p: string | Buffer): boolean {
  try { fs.lstatSync(p); return true; } catch { return false; }
}

function isLink(p: string): boolean {
  try { return fs.lstatSync(p).isSymbolicLink(); } catch { return false; }
}

/** The article's text, or a problem saying why it cannot be read (missing, outside, special, binary, not UTF-8). */
export async function readArticle(file: string): Promise<string | Problem> {
  return articleFrom(await readConfined(file, articleRead(file)), file);
}

/** readArticle with synchronous reads (`factmark check`: thousands of small files, one after another). */
export function readArticleSync(file: string): string | Problem {
  return articleFrom(readConfinedSync(file, articleRead(file)), file);
}

function articleRead(file: string): ReadOptions {
  return { ...rootsOf(file), maxBytes: MAX_ARTICLE_BYTES, what: 'article' };
}

function articleFrom(read: ReadResult, file: string): string | Problem {
  if (!read.ok) {
    return read.missing ? { severity: 'error', code: 'article-missing', file, message: `the article ${file} cannot be read: there is no such file` } : read.problem;
  }
  const decoded = decodeArticle(read.bytes, file);
  return decoded.ok ? decoded.text : decoded.problem;
}

/** A sidecar as read: its bytes (to compare before a write) and its text, BOM included. */
export interface SidecarFile { bytes: Uint8Array; text: string }

/** The sidecar, undefined when there is none, or why it is not read (as for readArticle, and invalid UTF-8 with its line and column). */
export async function readSidecar(file: string): Promise<SidecarFile | undefined | Problem> {
  return sidecarFrom(await readConfined(file, sidecarRead(file)), file);
}

/** readSidecar with synchronous reads. */
export function readSidecarSync(file: string): SidecarFile | undefined | Problem {
  return sidecarFrom(readConfinedSync(file, sidecarRead(file)), file);
}

function sidecarRead(file: string): ReadOptions {
  return { ...rootsOf(file), maxBytes: MAX_TEXT_LENGTH, what: 'sidecar' };
}

function sidecarFrom(read: ReadResult, file: string): SidecarFile | undefined | Problem {
  if (!read.ok) return read.missing ? undefined : read.problem;
  const decoded = decodeSidecar(read.bytes, file);
  return decoded.ok ? { bytes: read.bytes, text: decoded.text } : decoded.problem;
}

/**
 * repositoryRoot, found once per folder: an article and its sidecar share one, and so do the
 * hundreds of articles of a month's folder (each look-up tests for `.git` in every folder up).
 */
const roots = new Map<string, string>();
function rootOf(file: string): string {
  const dir = path.dirname(path.resolve(file));
  let root = roots.get(dir);
  if (root === undefined) roots.set(dir, (root = repositoryRoot(file)));
  return root;
}

/**
 * rootOf, and its real path, resolved once per root for the run (each read still resolves its
 * own file's path): reads of articles and sidecars, thousands under one root in `factmark check`.
 */
const realRoots = new Map<string, string>();
function rootsOf(file: string): { root: string; realRoot: string } {
  const root = rootOf(file);
  let realRoot = realRoots.get(root);
  if (realRoot === undefined) realRoots.set(root, (realRoot = realRootSync(root)));
  return { root, realRoot };
}

export function isProblem(x: unknown): x is Problem {
  return typeof x === 'object' && x !== null && 'severity' in x && 'code' in x;
}

/** The status scale, policy and publisher of the repository that holds `from`: `.factmark.yaml` in the nearest folder up that has one (stopping at the git root). */
export async function scaleFor(from: string): Promise<LoadedConfig & { file?: string }> {
  let dir = path.resolve(fs.existsSync(from) && fs.statSync(from).isDirectory() ? from : path.dirname(from));
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (fs.existsSync(candidate) || isLink(candidate)) {
      const read = await readConfined(candidate, { root: rootOf(candidate), maxBytes: MAX_CONFIG_BYTES, what: 'config file' });
      if (!read.ok && read.missing) return { scale: DEFAULT_SCALE, policy: DEFAULT_POLICY, problems: [] };
      const decoded = read.ok ? decodeSidecar(read.bytes, candidate) : { ok: false as const, problem: read.problem };
      if (!decoded.ok) return { scale: DEFAULT_SCALE, policy: DEFAULT_POLICY, problems: [{ ...decoded.problem, message: `${decoded.problem.message} Using the default scale.` }], file: candidate };
      return { ...loadConfig(decoded.text, candidate), file: candidate };
    }
    if (fs.existsSync(path.join(dir, '.git'))) break;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return { scale: DEFAULT_SCALE, policy: DEFAULT_POLICY, problems: [] };
}
