// `npm start`: serves a real VS Code (code-server) on 127.0.0.1 with Factmark loaded from this
// checkout, on a fresh git-initialised copy of demo/, and prints the URL that opens the sample
// article. Serves until Ctrl-C. PORT picks the port (default 8080).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { ensureCodeServer, repoRoot, startCodeServer } from '../test/harness/codeServer';
import { copyWorkspace } from '../test/harness/workspace';

const host = '127.0.0.1';
const port = Number(process.env.PORT || 8080);
const article = 'city-budget.md';

function step(title: string, run: () => void): void {
  console.log(`» ${title}`);
  run();
}

function portIsFree(): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

async function main(): Promise<void> {
  step('system packages', () => {
    try {
      execFileSync('bash', [path.join(repoRoot, 'scripts', 'ensure-system-deps.sh')], { stdio: 'inherit' });
    } catch {
      // Without root a missing build tool cannot be installed; that only matters for a first
      // install of code-server, which will say so itself.
      console.warn('  could not install missing Debian packages; carrying on with what is there');
    }
  });
  let codeServerDir = '';
  step('code-server (installed once into .vscode-test/)', () => (codeServerDir = ensureCodeServer()));
  step('build', () => execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: repoRoot }));

  if (!(await portIsFree())) {
    console.error(`Port ${port} on ${host} is taken; choose another with PORT=NNNN npm start`);
    process.exit(1);
  }
  const workspace = copyWorkspace(path.join(repoRoot, 'demo'), { git: true, prefix: 'factmark-demo-' });
  const server = await startCodeServer({
    codeServerDir,
    host,
    port,
    log: process.env.FACTMARK_VERBOSE ? (line) => console.log(`[server] ${line}`) : undefined,
  });
  const url = server.workbenchUrl({
    folder: workspace.dir,
    extensionDevelopmentPath: repoRoot,
    openFile: path.join(workspace.dir, article),
  });

  console.log(`
Factmark is running in VS Code ${codeServerVersion(codeServerDir)} (code-server) on ${host}:${port}.
Demo workspace (a fresh copy of demo/, a git repository): ${workspace.dir}

Open this URL (it loads the extension from ${repoRoot} and opens ${article}):

${url}

After changing the source, run \`npm run build\` and reload the page. Ctrl-C stops the server.
`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping code-server ...');
    await server.stop();
    workspace.dispose();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.process.once('exit', (code) => {
    if (stopping) return;
    console.error(`code-server exited unexpectedly (code ${code})`);
    workspace.dispose();
    process.exit(1);
  });
}

function codeServerVersion(dir: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'lib', 'vscode', 'package.json'), 'utf8'));
  return String(pkg.version);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
