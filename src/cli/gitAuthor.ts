// `by` on claims the CLI writes: git's user.name for the folder, when git is there.
import { execFileSync } from 'child_process';

export function gitUserName(cwd: string): string | undefined {
  try {
    const name = execFileSync('git', ['config', 'user.name'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
    return name || undefined;
  } catch {
    return undefined;
  }
}
