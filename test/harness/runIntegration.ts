// Runs the integration suite (dist/test/integration/index.js) inside the extension host of a real
// VS Code (code-server) in headless Chromium, against a git-initialised copy of
// test/fixtures/workspace/. Exits with the suite's code; the last line is `N passed, N failed`.
//
//   npm run test:integration                      # builds first
//   FACTMARK_TEST_GREP=activation npm run test:integration
//   FACTMARK_VERBOSE=1 ...                        # also print code-server's own log
import * as fs from 'fs';
import * as path from 'path';
import { format } from 'util';
import { resultsDir } from './browser';
import { delay, repoRoot } from './codeServer';
import { openSession, runGuarded, timeoutFromEnv } from './session';

const testsEntry = path.join(repoRoot, 'dist', 'test', 'integration', 'index.js');
// Matches the line test/integration/index.ts logs when mocha ends.
const resultLine = /^(\d+) passed, (\d+) failed$/;

const overallTimeoutMs = timeoutFromEnv('FACTMARK_TEST_TIMEOUT_MS', 10 * 60_000);
let counted: { passed: number; failed: number } | undefined;

async function main(): Promise<number> {
  if (!fs.existsSync(testsEntry)) throw new Error(`${testsEntry} is missing: run \`npm run build\` first`);
  fs.rmSync(path.join(resultsDir, 'integration-failure.png'), { force: true });
  const grep = process.env.FACTMARK_TEST_GREP;
  const session = await openSession(grep ? { FACTMARK_TEST_GREP: grep } : {});
  const page = await session.browser.context.newPage();

  let exit!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (exit = resolve));
  // The workbench calls these when it runs extension tests: the extension host's console, and
  // the outcome of the test entry point's run() (0 resolved, non-zero rejected).
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    for (const line of text.split('\n')) {
      const m = resultLine.exec(line.trim());
      if (m) counted = { passed: Number(m[1]), failed: Number(m[2]) };
    }
    (type === 'error' ? console.error : console.log)(text);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
  page.on('crash', () => exit(1));

  const started = Date.now();
  await page.goto(session.server.workbenchUrl({
    folder: session.workspace.dir,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: testsEntry,
  }));
  // Leaves a minute of the overall limit for the screenshot and the clean-up.
  const code = await Promise.race([exited, delay(overallTimeoutMs - Math.min(60_000, overallTimeoutMs / 4)).then(() => -1)]);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(code === -1 ? `integration: suite timed out after ${seconds} s` : `integration: suite finished with code ${code} in ${seconds} s`);
  if (code !== 0 || !counted) {
    fs.mkdirSync(resultsDir, { recursive: true });
    const shot = path.join(resultsDir, 'integration-failure.png');
    await page.screenshot({ path: shot }).catch(() => {});
    console.error(`integration: screenshot ${path.relative(process.cwd(), shot)}`);
    console.error(`integration: last code-server lines:\n  ${session.serverLog().slice(-15).join('\n  ')}`);
  }
  return counted && code === 0 ? 0 : 1;
}

runGuarded('integration', overallTimeoutMs, main, () =>
  counted ? `${counted.passed} passed, ${counted.failed} failed` : '0 passed, 1 failed (the suite reported no result)',
);
