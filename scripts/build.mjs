// Bundles the extension (for Node and for the browser), the CLI, the benchmark and the test
// suites that run inside VS Code into dist/ with esbuild (entries: scripts/bundles.mjs).
// Type-checking is a separate step (`npm run typecheck`).
//   node scripts/build.mjs [--watch] [--production] [--only=cli,extension,web,…]
import { build, context } from 'esbuild';
import { rmSync } from 'node:fs';
import { bundles, esbuildOptions, outputOf } from './bundles.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');

const all = bundles({ production });
if (only) for (const name of only) if (!all.some((e) => e.name === name)) throw new Error(`build: no entry named ${name} (there are: ${all.map((e) => e.name).join(', ')})`);
const entries = all.filter((e) => !only || only.includes(e.name));

// A deleted test file must not leave a stale bundle behind that still runs.
if (!watch) for (const e of entries) if (outputOf(e).startsWith('dist/test/')) rmSync(outputOf(e), { recursive: true, force: true });

if (watch) {
  for (const e of entries) (await context(esbuildOptions(e))).watch();
} else {
  await Promise.all(entries.map((e) => build(esbuildOptions(e))));
}
