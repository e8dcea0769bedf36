// Test entry point loaded by VS Code's extension host (`extensionTestsPath`): the same shape
// @vscode/test-electron expects, so both test/harness/runIntegration.ts (code-server) and
// test/runElectron.ts (desktop VS Code) run this one suite.
//
// scripts/build.mjs bundles every test/integration/**/*.test.ts to its own file beside this one;
// adding a test is adding such a file. Tests reach the extension only through its commands and
// the API that activate() returns (see ./helpers.ts), never by importing src/.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 30_000,
    grep: process.env.FACTMARK_TEST_GREP || undefined,
  });
  for (const file of testFiles(__dirname)) mocha.addFile(file);

  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // Read by the runners and CI: keep this exact shape.
      console.log(`${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.js'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}
