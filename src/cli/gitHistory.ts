// Git, read-only, for history-aware re-anchoring: the article as it was in the commit that
// last changed its sidecar. Undefined whenever git is missing, the folder is not a repository,
// the sidecar was never committed or the article did not exist then: history is only a help.
import { execFileSync } from 'child_process';
import * as path from 'path';
import { decodeArticle } from '../core/articleText';
import type { ArticleVersion } from '../core/history/anchorWithHistory';

const TIMEOUT_MS = 10_000;
const MAX_BYTES = 64 * 1024 * 1024;

function git(cwd: string, args: string[]): Buffer | undefined {
  try {
    return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'], timeout: TIMEOUT_MS, maxBuffer: MAX_BYTES });
  } catch {
    return undefined;
  }
}

/** The commit that last changed `sidecar`, and `article`'s text in it. */
export function articleAtSidecarCommit(article: string, sidecar: string): ArticleVersion | undefined {
  const cwd = path.dirname(path.resolve(sidecar));
  const commit = git(cwd, ['log', '-1', '--format=%H', '--', path.basename(sidecar)])?.toString('utf8').trim();
  if (!commit || !/^[0-9a-f]{40,64}$/.test(commit)) return undefined;
  const rel = path.relative(cwd, path.resolve(article)).split(path.sep).join('/');
  const bytes = git(cwd, ['show', `${commit}:./${rel}`]);
  if (!bytes) return undefined;
  const decoded = decodeArticle(bytes, article);
  return decoded.ok ? { text: decoded.text, label: commit.slice(0, 7) } : undefined;
}
