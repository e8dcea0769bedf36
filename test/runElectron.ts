// Runs the integration suite in desktop VS Code through @vscode/test-electron, on a machine that
// can download VS Code from Microsoft (these build machines cannot: they use code-server, see
// test/harness/runIntegration.ts). Same entry point, same suite, same fixture workspace copy.
//
//   npm run build && npm run test:electron
//   VSCODE_VERSION=1.100.3 npm run test:electron    # default: the engines.vscode minimum
//   (headless Linux: xvfb-run -a npm run test:electron)
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { copyWorkspace } from './harness/workspace';

const repoRoot = path.resolve(__dirname, '..');

async function main(): Promise<number> {
  const workspace = copyWorkspace(path.join(repoRoot, 'test', 'fixtures', 'workspace'), { git: true });
  try {
    return await runTests({
      version: process.env.VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'dist', 'test', 'integration', 'index.js'),
      extensionTestsEnv: process.env.FACTMARK_TEST_GREP ? { FACTMARK_TEST_GREP: process.env.FACTMARK_TEST_GREP } : {},
      launchArgs: [workspace.dir, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    });
  } finally {
    workspace.dispose();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error('Failed to run the integration tests in VS Code:', err);
    process.exit(1);
  },
);
