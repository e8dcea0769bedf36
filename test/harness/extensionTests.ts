// Runs a test entry point (`extensionTestsPath`, a module exporting run()) inside the extension
// host of the session's code-server, in a new Chromium page. Shared by the integration runner
// and the packaged-extension (.vsix) runner.
import * as fs from 'fs';
import * as path from 'path';
import { format } from 'util';
import { resultsDir } from './browser';
import { delay } from './codeServer';
import { Session } from './session';

// Matches the line test/integration/index.ts logs when mocha ends.
const resultLine = /^(\d+) passed, (\d+) failed$/;

export interface SuiteCounts { passed: number; failed: number }

export interface ExtensionTestsOptions {
  /** Names the log lines and the failure screenshot (`test-results/NAME-failure.png`). */
  name: string;
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  /** `web`: the browser's web worker extension host instead of code-server's Node one. */
  extensionDevelopmentKind?: 'web';
  /** Give up waiting for run() after this long. */
  timeoutMs: number;
  /** Called with the suite's `N passed, N failed` line as soon as it is logged. */
  onCounts(counts: SuiteCounts): void;
}

/** Resolves to 0 when run() resolved and the suite reported its counts, else 1. */
export async function runExtensionTests(session: Session, o: ExtensionTestsOptions): Promise<number> {
  const shot = path.join(resultsDir, `${o.name}-failure.png`);
  fs.rmSync(shot, { force: true });
  const page = await session.browser.context.newPage();
  let counted = false;

  let exit!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (exit = resolve));
  // The workbench calls these when it runs extension tests: the extension host's console, and
  // the outcome of the test entry point's run() (0 resolved, non-zero rejected).
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    for (const line of text.split('\n')) {
      const m = resultLine.exec(line.trim());
      if (m) (counted = true), o.onCounts({ passed: Number(m[1]), failed: Number(m[2]) });
    }
    (type === 'error' ? console.error : console.log)(text);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
  page.on('crash', () => exit(1));

  const started = Date.now();
  await page.goto(session.server.workbenchUrl({
    folder: session.workspace.dir,
    extensionDevelopmentPath: o.extensionDevelopmentPath,
    extensionTestsPath: o.extensionTestsPath,
    extensionDevelopmentKind: o.extensionDevelopmentKind,
  }));
  const code = await Promise.race([exited, delay(o.timeoutMs).then(() => -1)]);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(code === -1 ? `${o.name}: suite timed out after ${seconds} s` : `${o.name}: suite finished with code ${code} in ${seconds} s`);
  if (code !== 0 || !counted) {
    fs.mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: shot }).catch(() => {});
    console.error(`${o.name}: screenshot ${path.relative(process.cwd(), shot)}`);
    console.error(`${o.name}: last code-server lines:\n  ${session.serverLog().slice(-15).join('\n  ')}`);
    printExtensionLog(session, o.name, 80);
  }
  return counted && code === 0 ? 0 : 1;
}

/** Prints the last `count` lines Factmark logged (its output channel): why a test saw what it saw. */
export function printExtensionLog(session: Session, prefix: string, count: number): void {
  for (const log of outputChannelLogs(session.server.userDataDir, /factmark/i)) {
    const lines = fs.readFileSync(log, 'utf8').trimEnd().split('\n');
    console.error(`${prefix}: last lines of ${path.basename(log)} (${lines.length} in all):\n  ${lines.slice(-count).join('\n  ')}`);
  }
}

/** The log files of the output channels whose file name matches `name`, under code-server's user data. */
function outputChannelLogs(userDataDir: string, name: RegExp): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && depth < 6) walk(p, depth + 1);
      else if (e.isFile() && e.name.endsWith('.log') && name.test(e.name)) found.push(p);
    }
  };
  walk(path.join(userDataDir, 'logs'), 0);
  return found;
}
