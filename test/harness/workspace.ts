// Test workspaces are copies, never the checked-in folders: tests may edit, save and commit.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface Workspace {
  readonly dir: string;
  dispose(): void;
}

/** Copies `source` to a fresh temp dir; with `git`, makes it a repository with one commit. */
export function copyWorkspace(source: string, options: { git?: boolean; prefix?: string } = {}): Workspace {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), options.prefix ?? 'factmark-ws-'));
  const dir = path.join(parent, path.basename(source));
  fs.cpSync(source, dir, { recursive: true });
  if (options.git) {
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'user.name=Factmark Tests',
        '-c', 'user.email=tests@factmark.invalid', '-c', 'commit.gpgsign=false', ...args],
      { cwd: dir, stdio: 'ignore' });
    git('init', '-q');
    // Later commits made by tests (or the git extension) need an identity too.
    git('config', 'user.name', 'Factmark Tests');
    git('config', 'user.email', 'tests@factmark.invalid');
    git('add', '-A');
    git('commit', '-q', '-m', 'Fixture workspace');
  }
  return { dir, dispose: () => fs.rmSync(parent, { recursive: true, force: true }) };
}
