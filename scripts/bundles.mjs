// What scripts/build.mjs bundles into dist/ with esbuild, one entry per bundle (select with
// --only=NAME,…). Shared with the unit test that builds the web bundle to check what it contains.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The Node bundles (the extension's `main`, the CLI, the bench): Node 20 and its built-ins. */
const node = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' };
/**
 * The browser's web worker extension host (package.json `browser`): no Node built-in resolves
 * (importing one fails the build), CommonJS because that is how VS Code loads an extension.
 */
const browser = { bundle: true, platform: 'browser', target: 'es2022', format: 'cjs', logLevel: 'warning', mainFields: ['browser', 'module', 'main'] };

/** `production`: minified, no source maps (the .vsix and the npm package). */
export function bundles({ production = false } = {}) {
  const maps = { sourcemap: !production, minify: production };
  return [
    { name: 'extension', ...node, ...maps, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
    { name: 'web', ...browser, ...maps, entryPoints: ['src/vscode/web.ts'], outfile: 'dist/web/extension.js', external: ['vscode'] },
    // The worker threads of the cold start-up scan (src/vscode/desktop/scanWorkers.ts starts them).
    { name: 'scan-worker', ...node, ...maps, entryPoints: ['src/node/scanWorker.ts'], outfile: 'dist/scanWorker.js' },
    // The worker thread that reads the start-up cache file at activation (src/vscode/desktop/startupCacheFile.ts starts it).
    { name: 'cache-read-worker', ...node, ...maps, entryPoints: ['src/node/cacheReadWorker.ts'], outfile: 'dist/cacheReadWorker.js' },
    { name: 'cli', ...node, ...maps, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
    // The bench drives code-server with Chromium (playwright-core, loaded from node_modules).
    { name: 'bench', ...node, ...maps, entryPoints: ['bench/main.ts'], outfile: 'dist/bench.js', sourcemap: false, external: ['playwright-core'] },
    // Loaded by the workbench as its extension tests entry point: measures inside the extension host.
    { name: 'bench-probe', ...node, ...maps, entryPoints: ['bench/extensionProbe.ts'], outfile: 'dist/bench/extensionProbe.js', external: ['vscode'], plugins: [noSourceImports('bench')] },
    // The integration suite runs inside VS Code: its entry point plus one bundle per test file,
    // found by index.ts at run time. New test files need a rebuild (a restart of --watch).
    {
      name: 'test-integration', ...node, ...maps,
      entryPoints: ['test/integration/index.ts', ...testFiles('test/integration', '.test.ts')],
      outbase: 'test/integration',
      outdir: 'dist/test/integration',
      external: ['vscode', 'mocha'],
      plugins: [noSourceImports('integration')],
    },
    // The web suite runs in the browser's web worker extension host, which loads one CommonJS
    // file and gives it nothing but `vscode`: mocha's browser build and every test/web/*.test.ts
    // go into that one file, behind the runner (which sets mocha up before the tests load).
    {
      name: 'test-web', ...browser, sourcemap: 'inline',
      stdin: {
        contents: ["export { run } from './runner';", ...testFiles('test/web', '.test.ts').map((f) => `import './${path.relative('test/web', f).split(path.sep).join('/')}';`)].join('\n'),
        resolveDir: path.resolve('test/web'),
        sourcefile: 'test/web/index.ts',
        loader: 'ts',
      },
      exists: 'test/web/runner.ts',
      outfile: 'dist/test/web/index.js',
      external: ['vscode'],
      // Node's assert is not in the browser: test/web/assert.ts is the part of it the tests use.
      alias: { assert: './test/web/assert.ts' },
      plugins: [noSourceImports('web')],
    },
    // The packaged-extension suite (npm run test:vsix): the same entry point, its own test files,
    // run against the Factmark installed from the .vsix.
    {
      name: 'test-vsix', ...node, ...maps,
      entryPoints: ['test/vsix/index.ts', ...testFiles('test/vsix', '.test.ts')],
      outbase: 'test/vsix',
      outdir: 'dist/test/vsix',
      external: ['vscode', 'mocha'],
      plugins: [noSourceImports('vsix')],
    },
  ].filter((e) => existsSync(e.exists ?? e.entryPoints[0]));
}

/** esbuild's options for an entry (our own keys removed). */
export function esbuildOptions({ name, exists, ...options }) {
  return options;
}

/** Where an entry writes (a folder for the test suites, emptied before a build). */
export function outputOf(e) {
  return e.outdir ?? path.dirname(e.outfile);
}

function testFiles(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith(suffix))
    .map((f) => path.join(dir, f))
    .sort();
}

// Suites in VS Code drive the extension through its commands and activate()'s API; a bundled copy
// of src/ would be a second extension that shares no state with the real one. Type-only imports
// are erased before resolution, so they stay allowed.
function noSourceImports(suite) {
  const src = path.resolve('src') + path.sep;
  return {
    name: `no-src-in-${suite}-tests`,
    setup(b) {
      b.onResolve({ filter: /^\./ }, (args) => {
        if (!path.resolve(args.resolveDir, args.path).startsWith(src)) return undefined;
        return { errors: [{ text: `${suite} tests must not import src/ (${args.path} from ${path.relative('.', args.importer || 'index')}); use the extension's API or commands` }] };
      });
    },
  };
}
