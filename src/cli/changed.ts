// `factmark check --changed [BASE]`: which files changed, from git, so that a pull request in a
// huge archive checks only the articles it touches. Read-only git calls; every failure is a
// usage error that says what to do, never a silent "nothing changed" (that would pass CI
// without checking anything).
import { execFileSync } from 'child_process';
import * as path from 'path';
import { UsageError } from './io';

export interface ChangedFiles {
  /** The repository's top folder. */
  root: string;
  /** What was compared, for the summary: "staged for commit" or "changed since 1a2b3c4, the merge base with origin/main". */
  label: string;
  /** Absolute paths of files added, changed, deleted or (not ignored) untracked. */
  paths: string[];
  /**
   * Those of them whose names are not valid UTF-8, which no string path opens: as `paths` shows
   * them (each such byte a U+FFFD) and as bytes, to see whether they exist.
   */
  notUtf8: { path: string; bytes: Buffer }[];
}

const MAX_BYTES = 256 * 1024 * 1024;

function git(cwd: string, args: string[]): string | undefined {
  return gitBytes(cwd, args)?.toString('utf8');
}

/**
 * How long one git call may take (FACTMARK_GIT_TIMEOUT_MS, default two minutes): a git that hangs
 * (a stale lock, a slow network file system, a hook or a prompt waiting) fails the check with a
 * message instead of hanging the CI job or the commit.
 */
function gitTimeoutMs(env: NodeJS.ProcessEnv): number {
  const ms = Number(env.FACTMARK_GIT_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : 120_000;
}

function gitBytes(cwd: string, args: string[]): Buffer | undefined {
  const timeout = gitTimeoutMs(process.env);
  try {
    return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: MAX_BYTES, timeout, killSignal: 'SIGKILL' });
  } catch (e) {
    // Not an answer (so never "nothing changed"): said as such.
    if ((e as NodeJS.ErrnoException).code === 'ETIMEDOUT') {
      const what = args.find((a) => /^[a-z][a-z-]*$/.test(a) && a !== 'core.quotePath=false') ?? 'git';
      throw new UsageError(`--changed: git ${what} did not answer within ${timeout >= 1000 ? `${Math.round(timeout / 1000)} s` : `${timeout} ms`}, so nothing was checked (FACTMARK_GIT_TIMEOUT_MS sets the limit)`);
    }
    return undefined;
  }
}

/** The names of a NUL-separated list, as bytes (a name is bytes to git, not always UTF-8). */
function zList(out: Buffer | undefined): Buffer[] {
  const names: Buffer[] = [];
  if (!out) return names;
  for (let start = 0; start < out.length;) {
    let end = out.indexOf(0, start);
    if (end === -1) end = out.length;
    if (end > start) names.push(out.subarray(start, end));
    start = end + 1;
  }
  return names;
}

/**
 * The files changed since `base` (its merge base with HEAD, to the working tree), or without
 * `base`: inside a git hook (GIT_INDEX_FILE is set, as in pre-commit) the files staged for
 * commit, else the files changed since the merge base with the branch's upstream.
 */
export function changedFiles(cwd: string, base: string | undefined, env: NodeJS.ProcessEnv = process.env): ChangedFiles {
  const top = git(cwd, ['rev-parse', '--show-toplevel'])?.trim();
  if (!top) throw new UsageError(`--changed needs a git repository, and ${cwd} is not in one`);
  const root = path.resolve(top);
  const diff = ['-c', 'core.quotePath=false', 'diff', '--name-only', '-z', '--no-renames', '--no-ext-diff', '--ignore-submodules'];
  const files = (label: string, ...lists: Buffer[][]): ChangedFiles => {
    const paths = new Set<string>();
    const notUtf8: ChangedFiles['notUtf8'] = [];
    for (const name of lists.flat()) {
      const text = name.toString('utf8');
      const p = path.join(root, text);
      if (paths.has(p)) continue;
      paths.add(p);
      if (!Buffer.from(text, 'utf8').equals(name)) notUtf8.push({ path: p, bytes: Buffer.concat([Buffer.from(root + path.sep, 'utf8'), name]) });
    }
    return { root, label, paths: [...paths], notUtf8 };
  };

  if (base === undefined && env.GIT_INDEX_FILE) {
    const staged = gitBytes(root, [...diff, '--cached']);
    if (staged === undefined) throw new UsageError('--changed: git could not list the files staged for commit');
    return files('staged for commit', zList(staged));
  }
  // No branch, tag or commit name starts with '-': such a BASE is an option, never handed to git.
  if (base?.startsWith('-')) throw new UsageError(`--changed: "${base}" is not a branch, tag or commit (it starts with '-'); name the base, e.g. --changed origin/main`);

  let against = base;
  if (against === undefined) {
    against = git(root, ['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{upstream}'])?.trim();
    if (!against) {
      throw new UsageError('--changed: this branch has no upstream to compare with; name the base, e.g. --changed origin/main (in CI, fetch it first)');
    }
  }
  if (!git(root, ['rev-parse', '--verify', '--quiet', `${against}^{commit}`])) {
    throw new UsageError(`--changed: "${against}" is not a commit this repository has (in CI, fetch it first, e.g. git fetch origin main)`);
  }
  const mergeBase = git(root, ['merge-base', against, 'HEAD'])?.trim();
  if (!mergeBase) {
    throw new UsageError(`--changed: ${against} and HEAD have no common ancestor here (a shallow clone? fetch more history, e.g. fetch-depth: 0)`);
  }
  const changed = gitBytes(root, [...diff, mergeBase]);
  const untracked = gitBytes(root, ['ls-files', '-z', '--others', '--exclude-standard']);
  if (changed === undefined || untracked === undefined) throw new UsageError(`--changed: git could not list the files changed since ${against}`);
  return files(`changed since ${mergeBase.slice(0, 7)}, the merge base with ${against}`, zList(changed), zList(untracked));
}

/** The repository root of `cwd`, if it is in one (for stable shard keys). */
export function repositoryRoot(cwd: string): string | undefined {
  const top = git(cwd, ['rev-parse', '--show-toplevel'])?.trim();
  return top ? path.resolve(top) : undefined;
}
