// Running git, for the CLI and the desktop extension: the one place that spawns it. Every call
// has a timeout and a size limit and never throws: git missing, not a repository or a failing
// command all come back as undefined, because git is only ever a help (history, the author name).
import { execFile, execFileSync } from 'child_process';

const TIMEOUT_MS = 10_000;
const MAX_BYTES = 64 * 1024 * 1024;

/** git's stdout, or undefined when git is missing or the command fails. */
export function gitSync(cwd: string, args: string[]): Buffer | undefined {
  try {
    return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'], timeout: TIMEOUT_MS, maxBuffer: MAX_BYTES });
  } catch {
    return undefined;
  }
}

/** gitSync without blocking (for the extension host). */
export function gitAsync(cwd: string, args: string[]): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    try {
      execFile('git', args, { cwd, timeout: TIMEOUT_MS, maxBuffer: MAX_BYTES, encoding: 'buffer' }, (err, stdout) => resolve(err ? undefined : stdout));
    } catch {
      resolve(undefined);
    }
  });
}

const USER_NAME = ['config', 'user.name'];
const userName = (out: Buffer | undefined) => out?.toString('utf8').trim() || undefined;

/** git's user.name for the repository at `cwd` (its config, else the global one): who is writing, for `by`. */
export function gitUserName(cwd: string): string | undefined {
  return userName(gitSync(cwd, USER_NAME));
}

export async function gitUserNameAsync(cwd: string): Promise<string | undefined> {
  return userName(await gitAsync(cwd, USER_NAME));
}
