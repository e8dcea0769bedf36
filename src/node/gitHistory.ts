// Git, read-only, for history-aware re-anchoring: the article as it was in the commit that
// last changed its sidecar. Undefined whenever git is missing, the folder is not a repository,
// the sidecar was never committed or the article did not exist then: history is only a help.
// Node-only (child_process); shared by the CLI (synchronous) and the extension (asynchronous,
// so that the extension host never waits on git).
import * as path from 'path';
import { decodeArticle } from '../core/articleText';
import type { ArticleVersion } from '../core/history/anchorWithHistory';
import { gitAsync, gitSync } from './git';

type Git = typeof gitSync;
type GitAsync = typeof gitAsync;

/** The two git calls, as argument lists; the caller runs them (sync or async). */
function plan(article: string, sidecar: string) {
  const cwd = path.dirname(path.resolve(sidecar));
  const rel = path.relative(cwd, path.resolve(article)).split(path.sep).join('/');
  return {
    cwd,
    lastCommit: ['log', '-1', '--format=%H', '--', path.basename(sidecar)],
    commitId: (out: Buffer | undefined) => {
      const id = out?.toString('utf8').trim();
      return id && /^[0-9a-f]{40,64}$/.test(id) ? id : undefined;
    },
    show: (commit: string) => ['show', `${commit}:./${rel}`],
    version: (commit: string, bytes: Buffer | undefined): ArticleVersion | undefined => {
      if (!bytes) return undefined;
      const decoded = decodeArticle(bytes, article);
      return decoded.ok ? { text: decoded.text, label: commit.slice(0, 7) } : undefined;
    },
  };
}

/** The commit that last changed `sidecar`, and `article`'s text in it (file system paths). */
export function articleAtSidecarCommit(article: string, sidecar: string, git: Git = gitSync): ArticleVersion | undefined {
  const p = plan(article, sidecar);
  const commit = p.commitId(git(p.cwd, p.lastCommit));
  return commit ? p.version(commit, git(p.cwd, p.show(commit))) : undefined;
}

/** articleAtSidecarCommit without blocking: for the extension host. */
export async function articleAtSidecarCommitAsync(article: string, sidecar: string, git: GitAsync = gitAsync): Promise<ArticleVersion | undefined> {
  const p = plan(article, sidecar);
  const commit = p.commitId(await git(p.cwd, p.lastCommit));
  return commit ? p.version(commit, await git(p.cwd, p.show(commit))) : undefined;
}
