// File-system side of the CLI: finding article/sidecar pairs, the repository's config, reading.
import * as fs from 'fs';
import * as path from 'path';
import { decodeArticle } from '../core/articleText';
import { CONFIG_FILE, loadConfig, type LoadedConfig } from '../core/config';
import { SIDECAR_SUFFIX, type Problem } from '../core/model';
import { DEFAULT_SCALE, type StatusScale } from '../core/statusScale';

const SKIP_DIRS = new Set(['node_modules', '.git', '.vscode-test', 'dist', 'out']);

export interface Pair { article: string; sidecar: string }

/**
 * Sidecars under the given paths (files or folders), each with its article. A path that is an
 * article finds its sidecar; a path that is a sidecar finds its article.
 */
export function findPairs(paths: string[]): { pairs: Pair[]; problems: Problem[] } {
  const pairs = new Map<string, Pair>();
  const problems: Problem[] = [];
  const addSidecar = (sidecar: string) => pairs.set(sidecar, { sidecar, article: sidecar.slice(0, -SIDECAR_SUFFIX.length) });
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) { if (!SKIP_DIRS.has(e.name)) walk(p); }
      else if (e.isFile() && e.name.endsWith(SIDECAR_SUFFIX)) addSidecar(p);
    }
  };
  for (const given of paths.length ? paths : ['.']) {
    let stat: fs.Stats;
    try { stat = fs.statSync(given); } catch {
      problems.push({ severity: 'error', code: 'not-found', file: given, message: `${given}: no such file or folder` });
      continue;
    }
    if (stat.isDirectory()) walk(given);
    else if (given.endsWith(SIDECAR_SUFFIX)) addSidecar(given);
    else if (fs.existsSync(given + SIDECAR_SUFFIX)) addSidecar(given + SIDECAR_SUFFIX);
    else problems.push({ severity: 'warning', code: 'no-sidecar', file: given, message: `${given} has no claims yet (no ${path.basename(given)}${SIDECAR_SUFFIX})` });
  }
  return { pairs: [...pairs.values()].sort((a, b) => a.sidecar.localeCompare(b.sidecar)), problems };
}

/** The article's text, or a problem saying why it cannot be read (missing, binary, not UTF-8). */
export function readArticle(file: string): string | Problem {
  let bytes: Uint8Array;
  try { bytes = fs.readFileSync(file); } catch (e) {
    return { severity: 'error', code: 'article-missing', file, message: `the article ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? e})` };
  }
  const decoded = decodeArticle(bytes, file);
  return decoded.ok ? decoded.text : decoded.problem;
}

/** Reads a sidecar as text; invalid UTF-8 is reported by the parser's own checks. */
export function readText(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

/** The status scale of the repository that holds `from`: `.factmark.yaml` in the nearest folder up that has one (stopping at the git root). */
export function scaleFor(from: string): LoadedConfig & { file?: string } {
  let dir = path.resolve(fs.existsSync(from) && fs.statSync(from).isDirectory() ? from : path.dirname(from));
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (fs.existsSync(candidate)) return { ...loadConfig(readText(candidate), candidate), file: candidate };
    if (fs.existsSync(path.join(dir, '.git'))) break;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return { scale: DEFAULT_SCALE, problems: [] };
}
