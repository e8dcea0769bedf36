// Runs the end-to-end suite (test/e2e/**/*.e2e.ts) with mocha in this Node process. The tests
// drive the workbench in Chromium through test/e2e/workbench.ts against one code-server with
// Factmark loaded, serving a git-initialised copy of test/fixtures/workspace.
// Exits with mocha's code; the last line is `N passed, N failed`.
//
//   npm run test:e2e                    # builds first
//   npm run test:e2e -- --grep palette
//   FACTMARK_DOCS_SCREENSHOTS=1 ...     # also copy screenshots into docs/screenshots/
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import { repoRoot } from './codeServer';
import { printExtensionLog } from './extensionTests';
import { openSession, runGuarded, timeoutFromEnv } from './session';
import { openWorkbenches, useSession } from '../e2e/workbench';

const e2eDir = path.join(repoRoot, 'test', 'e2e');
let counted: { passed: number; failed: number } | undefined;

async function main(): Promise<number> {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
  const grepAt = process.argv.indexOf('--grep');
  const grep = grepAt > 0 ? process.argv[grepAt + 1] : process.env.FACTMARK_TEST_GREP;

  // Screenshots from an earlier run would pass for this run's.
  fs.rmSync(path.join(repoRoot, 'test-results', 'e2e'), { recursive: true, force: true });
  const session = await openSession();
  useSession(session);
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 60_000,
    grep: grep || undefined,
    rootHooks: {
      async afterEach(this: Mocha.Context) {
        const test = this.currentTest;
        if (test?.state === 'failed') {
          await screenshotOpenWorkbenches(test.fullTitle());
          printExtensionLog(session, '    extension log', 40);
        }
      },
    },
  });
  for (const file of fs.readdirSync(e2eDir, { recursive: true }) as string[]) {
    if (file.endsWith('.e2e.ts')) mocha.addFile(path.join(e2eDir, file));
  }
  const hookShots: Promise<void>[] = [];
  return new Promise((resolve) => {
    const runner = mocha.run(async (failures) => {
      await Promise.all(hookShots);
      counted = { passed: runner.stats?.passes ?? 0, failed: failures };
      resolve(failures > 0 ? 1 : 0);
    });
    // A failing before/after hook skips afterEach; screenshot what is still open (best effort:
    // the suite's own after hook may close its page meanwhile).
    runner.on('fail', (runnable) => {
      if ((runnable as Mocha.Runnable) instanceof Mocha.Hook) hookShots.push(screenshotOpenWorkbenches(runnable.fullTitle()));
    });
  });
}

async function screenshotOpenWorkbenches(title: string): Promise<void> {
  const name = `failure-${title.replace(/[^\w-]+/g, '-').slice(0, 80)}`;
  for (const [i, wb] of openWorkbenches().entries()) {
    const file = await wb.screenshot(i ? `${name}-${i + 1}` : name).catch(() => undefined);
    if (file) console.error(`    screenshot: ${path.relative(repoRoot, file)}`);
  }
}

runGuarded('e2e', timeoutFromEnv('FACTMARK_TEST_TIMEOUT_MS', 10 * 60_000), main, () =>
  counted ? `${counted.passed} passed, ${counted.failed} failed` : '0 passed, 1 failed (the suite did not run to the end)',
);
