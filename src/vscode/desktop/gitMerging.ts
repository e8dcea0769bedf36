// Set Up Git Merging for Sidecars, for people who have the extension but not the factmark
// command line (an article repository that is not a Node project). The extension's own CLI
// (dist/cli.js: one file, no dependencies) is copied into the extension's global storage, which
// outlives extension updates, beside the shim `factmark` (src/node/driverShim.ts) that git runs.
// Each activation refreshes both when the extension or VS Code changed, so the shim's path in
// .git/config stays valid. The set-up itself is that CLI's `install-git --command <shim>`: it
// writes .gitattributes and .git/config, and refuses a driver that does not run.
import { execFile } from 'child_process';
import * as fs from 'fs/promises';
import * as path from 'path';
import * as vscode from 'vscode';
import { driverShim, shellQuote } from '../../node/driverShim';
import type { GitMerging } from '../platform';

/** What `install-git` printed and its exit code. */
interface Run { code: number; out: string; err: string }

export class GitMergingSetup implements GitMerging {
  constructor(private readonly context: vscode.ExtensionContext, private readonly log: vscode.LogOutputChannel) {}

  /** The stable folder: the copy of the CLI and the shim. */
  get folder(): string {
    return path.join(this.context.globalStorageUri.fsPath, 'git');
  }

  get shim(): string {
    return path.join(this.folder, 'factmark');
  }

  async setUp(folder: vscode.Uri): Promise<string> {
    await this.install();
    const r = await runNode(path.join(this.folder, 'cli.js'), ['install-git', '--command', shellQuote(this.shim)], folder.fsPath);
    this.log.info(`install-git in ${folder.fsPath} (exit ${r.code}):\n${r.out}${r.err ? `\n${r.err}` : ''}`);
    if (r.code !== 0) throw new Error((r.err || r.out || `install-git exited with ${r.code}`).trim());
    return r.out;
  }

  async refresh(): Promise<void> {
    try {
      await fs.access(this.shim);
    } catch {
      return; // never set up on this machine: nothing to keep current
    }
    try {
      if (await this.install()) this.log.info(`updated the git merge driver in ${this.folder}`);
    } catch (e) {
      this.log.warn(`could not update the git merge driver in ${this.folder}: ${String(e)}`);
    }
  }

  /** Writes the CLI copy and the shim where they differ from this version's; true when it wrote. */
  private async install(): Promise<boolean> {
    await fs.mkdir(this.folder, { recursive: true });
    const cli = path.join(this.folder, 'cli.js');
    const bundled = await fs.readFile(path.join(this.context.extensionUri.fsPath, 'dist', 'cli.js'));
    const ext = this.context.extension;
    const shim = driverShim({ cli, runtime: process.execPath, writtenBy: `the Factmark extension ${String(ext.packageJSON.version)} (${ext.id}) for ${vscode.env.appName}` });
    const wroteCli = await writeIfChanged(cli, bundled, 0o644);
    const wroteShim = await writeIfChanged(this.shim, Buffer.from(shim, 'utf8'), 0o755);
    return wroteCli || wroteShim;
  }
}

/** Replaces `file` atomically (a temporary file renamed over it) unless it already holds `bytes`. */
async function writeIfChanged(file: string, bytes: Buffer, mode: number): Promise<boolean> {
  const now = await fs.readFile(file).catch(() => undefined);
  if (now?.equals(bytes)) {
    await fs.chmod(file, mode);
    return false;
  }
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await fs.writeFile(tmp, bytes, { mode, flag: 'wx' });
    await fs.rename(tmp, file);
  } finally {
    await fs.rm(tmp, { force: true });
  }
  return true;
}

/** Runs a script with VS Code's own runtime as Node (as the shim does when there is no node). */
function runNode(script: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeout: 120_000, encoding: 'utf8' }, (err, out, errOut) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, out: String(out), err: String(errOut) || (err && code === 1 && !errOut ? err.message : '') });
    });
  });
}
