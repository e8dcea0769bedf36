// `npm run package`: the .vsix, as released (run after the production build). package.json's
// `files` is the npm package's allow-list (the command line only); vsce refuses a `files` beside
// a .vscodeignore, so it runs in a staging folder that links to this tree and has a package.json
// without `files`, and packs what .vscodeignore lets through. Arguments go to `vsce package`
// (a relative --out is taken from here, not from the staging folder).
//   node scripts/package.mjs [--out FILE] [other vsce package options]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2).map((a, i, all) => (all[i - 1] === '--out' ? path.resolve(a) : a));
const stage = mkdtempSync(path.join(os.tmpdir(), 'factmark-vsix-'));
let status = 1;
try {
  for (const name of readdirSync(root)) {
    if (['package.json', 'node_modules', '.git', '.vscode-test'].includes(name)) continue;
    symlinkSync(path.join(root, name), path.join(stage, name));
  }
  const { files: _npmFiles, ...manifest } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  writeFileSync(path.join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--follow-symlinks', ...args], { cwd: stage, stdio: 'inherit' });
  status = r.status ?? 1;
} finally {
  rmSync(stage, { recursive: true, force: true });
}
process.exitCode = status;
