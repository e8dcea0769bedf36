// Runs the web suite (dist/test/web/index.js) in the browser's web worker extension host of a
// real VS Code (code-server's workbench in headless Chromium), where VS Code loads the extension's
// `browser` entry (dist/web/extension.js), as vscode.dev and github.dev do, and the extension
// reaches the workspace copy only through its file system provider. The test entry lies inside
// the extension, so VS Code runs it in the host the extension runs in. Exits with the suite's
// code; the last line is `N passed, N failed`.
//
// How the extension gets into the web worker host: the user setting `remote.extensionKind`
// (factmark.factmark: ["web"]). The payload entry `extensionDevelopmentKind` (the browser's
// equivalent of `--extensionDevelopmentKind=web`) is passed too, but VS Code 1.100's browser
// environment service exposes it as `extensionDevelopmentLocationKind` while the code that
// places extensions reads `extensionDevelopmentKind`, so in the browser it is ignored (seen with
// FACTMARK_TRACE=1: "pickRunningLocation for factmark.factmark, extension kinds: [workspace,
// web] … => Remote"). The suite's first test fails if the extension lands anywhere but the web worker.
//
//   npm run test:web                  # builds first
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from './codeServer';
import { runExtensionTests, SuiteCounts } from './extensionTests';
import { openSession, runGuarded, timeoutFromEnv } from './session';

const testsEntry = path.join(repoRoot, 'dist', 'test', 'web', 'index.js');
const webEntry = path.join(repoRoot, 'dist', 'web', 'extension.js');

const overallTimeoutMs = timeoutFromEnv('FACTMARK_TEST_TIMEOUT_MS', 6 * 60_000);
let counted: SuiteCounts | undefined;

async function main(): Promise<number> {
  for (const f of [testsEntry, webEntry]) if (!fs.existsSync(f)) throw new Error(`${f} is missing: run \`npm run build\` first`);
  const session = await openSession({}, { settings: { 'remote.extensionKind': { 'factmark.factmark': ['web'] } } });
  return runExtensionTests(session, {
    name: 'web',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: testsEntry,
    extensionDevelopmentKind: 'web',
    timeoutMs: overallTimeoutMs - Math.min(60_000, overallTimeoutMs / 4),
    onCounts: (c) => (counted = c),
  });
}

runGuarded('web', overallTimeoutMs, main, () =>
  counted ? `${counted.passed} passed, ${counted.failed} failed` : '0 passed, 1 failed (the suite reported no result)',
);
