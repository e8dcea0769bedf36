// Starts code-server (a full VS Code 1.100.3: workbench + Node extension host) on loopback and
// builds workbench URLs. Shared by the integration runner, the e2e runner and `npm start`.
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

/** The folder with Factmark's package.json: from test/harness/ or from a bundle in dist/ (the bench). */
export const repoRoot = findRoot(__dirname);

function findRoot(from: string): string {
  for (let d = from; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'package.json')) && fs.existsSync(path.join(d, 'scripts', 'ensure-code-server.sh'))) return d;
    if (path.dirname(d) === d) return path.resolve(__dirname, '..', '..');
  }
}

/** Installs code-server into .vscode-test/ once (scripts/ensure-code-server.sh) and returns its path. */
export function ensureCodeServer(): string {
  const out = execFileSync('bash', [path.join(repoRoot, 'scripts', 'ensure-code-server.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return out.trim().split('\n').pop() as string;
}

/** A port that was free a moment ago on the loopback interface. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface WorkbenchOptions {
  folder: string;
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
  /** `web`: run the development extension in the browser's web worker extension host (its `browser` entry). */
  extensionDevelopmentKind?: 'web';
  openFile?: string;
}

export interface CodeServer {
  /** `127.0.0.1:PORT` */
  readonly authority: string;
  readonly process: ChildProcess;
  /** The workbench URL; the extension paths travel in `payload` (code-server's CLI rejects them). */
  workbenchUrl(options: WorkbenchOptions): string;
  /** code-server's user data folder (settings, and the logs of every output channel). */
  readonly userDataDir: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  codeServerDir: string;
  port?: number;
  host?: string;
  /** Receives each line code-server prints. */
  log?: (line: string) => void;
  /** Extra environment for the server and the extension host it spawns. */
  env?: NodeJS.ProcessEnv;
  /** Give up waiting for the port after this long. */
  startTimeoutMs?: number;
  /** Use these installed extensions (kept on stop) instead of a fresh, empty folder. */
  extensionsDir?: string;
  /** User settings on top of the quiet defaults below. */
  settings?: Record<string, unknown>;
}

// Quiet, deterministic user settings: no welcome page, tips, update checks or trust prompts.
const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'git.openRepositoryInParentFolders': 'never',
  'chat.commandCenter.enabled': false,
};

export async function startCodeServer(options: StartOptions): Promise<CodeServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort(host));
  const authority = `${host}:${port}`;
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-code-server-'));
  fs.mkdirSync(path.join(state, 'user-data', 'User'), { recursive: true });
  fs.writeFileSync(path.join(state, 'user-data', 'User', 'settings.json'), JSON.stringify({ ...userSettings, ...options.settings }, null, 2));

  const args = [
    path.join(options.codeServerDir, 'out', 'node', 'entry.js'),
    '--auth', 'none',
    '--bind-addr', authority,
    '--user-data-dir', path.join(state, 'user-data'),
    '--extensions-dir', options.extensionsDir ?? path.join(state, 'extensions'),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
  ];
  // Its own process group, so stop() also ends the extension host and other children.
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: { ...process.env, ...options.env },
  });
  const log = options.log ?? (() => {});
  for (const stream of [child.stdout!, child.stderr!]) {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() as string;
      lines.forEach((line) => log(line));
    });
  }

  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));

  const stop = async (): Promise<void> => {
    if (!exited) {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      const killed = await Promise.race([exit.then(() => true), delay(5000).then(() => false)]);
      if (!killed) {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    fs.rmSync(state, { recursive: true, force: true });
  };

  try {
    await waitForHealthy(authority, exit, options.startTimeoutMs ?? 60_000);
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    authority,
    process: child,
    stop,
    userDataDir: path.join(state, 'user-data'),
    workbenchUrl: (o) => workbenchUrl(authority, o),
  };
}

export function workbenchUrl(authority: string, o: WorkbenchOptions): string {
  const remote = (p: string) => `vscode-remote://${authority}${path.resolve(p)}`;
  const payload: [string, string][] = [['skipWelcome', 'true']];
  if (o.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(o.extensionDevelopmentPath)]);
  if (o.extensionTestsPath) payload.push(['extensionTestsPath', remote(o.extensionTestsPath)]);
  if (o.extensionDevelopmentKind) payload.push(['extensionDevelopmentKind', o.extensionDevelopmentKind]);
  if (o.openFile) payload.push(['openFile', remote(o.openFile)]);
  // FACTMARK_TRACE=1: the workbench logs at trace level (e.g. where each extension is placed: "pickRunningLocation").
  if (process.env.FACTMARK_TRACE) payload.push(['logLevel', 'trace']);
  return `http://${authority}/?folder=${encodeURIComponent(path.resolve(o.folder))}` +
    `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Polls code-server's /healthz until it answers; fails early if the server exits. */
async function waitForHealthy(authority: string, exit: Promise<void>, timeoutMs: number): Promise<void> {
  let gone = false;
  exit.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error('code-server exited before it started listening');
    if (await answers(`http://${authority}/healthz`)) return;
    await delay(100);
  }
  throw new Error(`code-server did not answer on ${authority} within ${timeoutMs} ms`);
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(1000, () => req.destroy());
  });
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
