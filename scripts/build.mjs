// Bundles the extension, the CLI and the benchmark into dist/ with esbuild.
// Type-checking is a separate step (`npm run typecheck`).
import { build, context } from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const entries = [
  { entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['bench/main.ts'], outfile: 'dist/bench.js', sourcemap: false },
  // The integration suite runs inside VS Code: its entry point plus one bundle per test file,
  // found by index.ts at run time. New test files need a rebuild (a restart of --watch).
  {
    entryPoints: ['test/integration/index.ts', ...testFiles('test/integration', '.test.ts')],
    outbase: 'test/integration',
    outdir: 'dist/test/integration',
    external: ['vscode', 'mocha'],
    plugins: [noSourceImports()],
  },
  // The packaged-extension suite (npm run test:vsix): the same entry point, its own test files,
  // run against the Factmark installed from the .vsix.
  {
    entryPoints: ['test/vsix/index.ts', ...testFiles('test/vsix', '.test.ts')],
    outbase: 'test/vsix',
    outdir: 'dist/test/vsix',
    external: ['vscode', 'mocha'],
    plugins: [noSourceImports()],
  },
].filter((e) => existsSync(e.entryPoints[0]));

function testFiles(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith(suffix))
    .map((f) => path.join(dir, f))
    .sort();
}

// Integration tests drive the extension through its commands and activate()'s API; a bundled copy
// of src/ would be a second extension that shares no state with the real one. Type-only imports
// are erased before resolution, so they stay allowed.
function noSourceImports() {
  const src = path.resolve('src') + path.sep;
  return {
    name: 'no-src-in-integration-tests',
    setup(b) {
      b.onResolve({ filter: /^\./ }, (args) => {
        if (!path.resolve(args.resolveDir, args.path).startsWith(src)) return undefined;
        return { errors: [{ text: `integration tests must not import src/ (${args.path} from ${path.relative('.', args.importer)}); use the extension's API or commands` }] };
      });
    },
  };
}

// A deleted test file must not leave a stale bundle behind that still runs.
if (!watch) for (const d of ['dist/test/integration', 'dist/test/vsix']) rmSync(d, { recursive: true, force: true });

if (watch) {
  for (const e of entries) (await context({ ...common, ...e })).watch();
} else {
  await Promise.all(entries.map((e) => build({ ...common, ...e })));
}
