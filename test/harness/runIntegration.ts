// Runs the integration suite (dist/test/integration/index.js) inside the extension host of a real
// VS Code (code-server) in headless Chromium, against a git-initialised copy of
// test/fixtures/workspace/. Exits with the suite's code; the last line is `N passed, N failed`.
//
//   npm run test:integration                      # builds first
//   FACTMARK_TEST_GREP=activation npm run test:integration
//   FACTMARK_VERBOSE=1 ...                        # also print code-server's own log
import * as fs from 'fs';
import * as path from 'path';
import { cachedWorkspace } from '../../bench/generateWorkspace';
import { repoRoot } from './codeServer';
import { runExtensionTests, SuiteCounts } from './extensionTests';
import { openSession, runGuarded, timeoutFromEnv } from './session';

const testsEntry = path.join(repoRoot, 'dist', 'test', 'integration', 'index.js');

const overallTimeoutMs = timeoutFromEnv('FACTMARK_TEST_TIMEOUT_MS', 10 * 60_000);
let counted: SuiteCounts | undefined;

async function main(): Promise<number> {
  if (!fs.existsSync(testsEntry)) throw new Error(`${testsEntry} is missing: run \`npm run build\` first`);
  const grep = process.env.FACTMARK_TEST_GREP;
  const env: NodeJS.ProcessEnv = grep ? { FACTMARK_TEST_GREP: grep } : {};
  // The archive the scale test copies into the workspace (generated once, kept in the temp folder).
  if (!grep || /scale|archive/i.test(grep)) {
    const archive = cachedWorkspace({ articles: 1000, seed: 5 });
    env.FACTMARK_SCALE_ARCHIVE = archive.dir;
  }
  const session = await openSession(env);
  return runExtensionTests(session, {
    name: 'integration',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: testsEntry,
    // Leaves a minute of the overall limit for the screenshot and the clean-up.
    timeoutMs: overallTimeoutMs - Math.min(60_000, overallTimeoutMs / 4),
    onCounts: (c) => (counted = c),
  });
}

runGuarded('integration', overallTimeoutMs, main, () =>
  counted ? `${counted.passed} passed, ${counted.failed} failed` : '0 passed, 1 failed (the suite reported no result)',
);
