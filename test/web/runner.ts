// The web suite's entry point (`extensionTestsPath`), run by the browser's web worker extension
// host, where test/harness/runWeb.ts has VS Code put the extension (`remote.extensionKind` web).
// That host loads this one CommonJS file (scripts/bundles.mjs puts mocha's browser build and
// every test/web/*.test.ts in it) and gives it nothing but `vscode`: no Node, no file system.
// This module is evaluated before the test files, so `describe` and `it` exist when they load.
import mocha from 'mocha/mocha.js';

mocha.setup({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30_000 } as Mocha.MochaOptions);

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    // Mocha's own run, not the browser build's wrapper, which reads `location.search` for a grep.
    const runner = (Object.getPrototypeOf(mocha) as Mocha).run.call(mocha, (failures: number) => {
      // Read by the runners and CI: keep this exact shape (as test/integration/index.ts does).
      console.log(`${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} web test(s) failed`));
      else resolve();
    });
  });
}
