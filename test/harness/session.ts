// One test session: a git-initialised copy of the fixture workspace, code-server serving it,
// and Chromium. `runGuarded` adds the overall time limit and makes sure all of it goes away.
import * as os from 'os';
import * as path from 'path';
import { Browser, launchBrowser } from './browser';
import { CodeServer, ensureCodeServer, repoRoot, startCodeServer } from './codeServer';
import { copyWorkspace, Workspace } from './workspace';

export const fixtureWorkspace = path.join(repoRoot, 'test', 'fixtures', 'workspace');

export interface Session {
  readonly workspace: Workspace;
  readonly server: CodeServer;
  readonly browser: Browser;
  /** The last lines code-server printed, for failure reports. */
  serverLog(): string[];
  close(): Promise<void>;
}

const verbose = !!process.env.FACTMARK_VERBOSE;
const cleanups: (() => Promise<void> | void)[] = [];

export interface SessionOptions {
  /** code-server's extensions folder (e.g. one a .vsix was installed into); default: a fresh one. */
  extensionsDir?: string;
  /** User settings on top of the harness's quiet defaults. */
  settings?: Record<string, unknown>;
}

/** `env`: extra environment for code-server and its extension host. */
export async function openSession(env: NodeJS.ProcessEnv = {}, options: SessionOptions = {}): Promise<Session> {
  const codeServerDir = ensureCodeServer();
  const workspace = copyWorkspace(fixtureWorkspace, { git: true });
  cleanups.push(() => workspace.dispose());
  const recent: string[] = [];
  const server = await startCodeServer({
    codeServerDir,
    env,
    extensionsDir: options.extensionsDir,
    settings: options.settings,
    log: (line) => {
      if (!line.trim()) return;
      if (verbose) console.log(`[server] ${line}`);
      recent.push(line);
      if (recent.length > 50) recent.shift();
    },
  });
  cleanups.push(() => server.stop());
  const browser = await launchBrowser();
  cleanups.push(() => browser.close());
  return {
    workspace,
    server,
    browser,
    serverLog: () => [...recent],
    close: closeAll,
  };
}

/** Adds `fn` to what closing runs (newest first): for a runner's own temp folders. */
export function onClose(fn: () => Promise<void> | void): void {
  cleanups.push(fn);
}

/** Closes browser, server and workspace, newest first; safe to call more than once. */
async function closeAll(): Promise<void> {
  while (cleanups.length) {
    try {
      await cleanups.pop()!();
    } catch (err) {
      console.error('cleanup failed:', err);
    }
  }
}

/**
 * Runs `main` (which resolves to an exit code) under an overall time limit, and on every way
 * out — done, timeout, Ctrl-C, crash — closes everything, then prints `summary()` as the last
 * line and exits.
 */
export function runGuarded(
  name: string,
  timeoutMs: number,
  main: () => Promise<number>,
  summary: () => string,
): void {
  let finished = false;
  const finish = async (code: number, message?: string) => {
    if (finished) return;
    finished = true;
    if (message) console.error(message);
    await closeAll();
    // The last line, for CI to read.
    console.log(summary());
    process.exit(code);
  };
  const timer = setTimeout(() => finish(1, `${name}: gave up after ${timeoutMs / 1000} s (overall timeout)`), timeoutMs);
  timer.unref();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => finish(128 + os.constants.signals[signal], `${name}: interrupted (${signal})`));
  }
  main().then(
    (code) => finish(code),
    (err) => finish(1, `${name}: ${err instanceof Error ? err.stack : err}`),
  );
}

export function timeoutFromEnv(name: string, fallbackMs: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallbackMs;
}
