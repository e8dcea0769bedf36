// Tests the package a user installs. Builds it as released (`npm run package`: production bundle
// + @vscode/vsce) into a temp folder, checks what the .vsix holds, installs it into a fresh
// extensions folder with code-server's --install-extension, then runs test/vsix/*.test.ts inside
// VS Code against that installed copy. The extension under development is the empty test runner
// in test/vsix/runner/, so Factmark loads only from the package. Last line: `N passed, N failed`.
//
//   npm run test:vsix
//   FACTMARK_VERBOSE=1 npm run test:vsix      # also print vsce's and code-server's output
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ensureCodeServer, repoRoot } from './codeServer';
import { runExtensionTests, SuiteCounts } from './extensionTests';
import { onClose, openSession, runGuarded, timeoutFromEnv } from './session';

const overallTimeoutMs = timeoutFromEnv('FACTMARK_TEST_TIMEOUT_MS', 10 * 60_000);
const verbose = !!process.env.FACTMARK_VERBOSE;
const maxBytes = 2 * 1024 * 1024;
let counted: SuiteCounts | undefined;

async function main(): Promise<number> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-vsix-'));
  onClose(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const vsix = path.join(tmp, 'factmark.vsix');

  // The package script's own --out is overridden (vsce takes the last), so nothing lands in the repo.
  const stray = path.join(repoRoot, 'factmark.vsix');
  const strayBefore = fs.existsSync(stray) ? fs.statSync(stray).mtimeMs : undefined;
  let started = Date.now();
  run('npm', ['run', 'package', '--', '--out', vsix]);
  if (!fs.existsSync(vsix)) throw new Error(`npm run package wrote no ${vsix}`);
  if (fs.existsSync(stray) && fs.statSync(stray).mtimeMs !== strayBefore) throw new Error('npm run package wrote factmark.vsix into the repository');
  console.log(`vsix: npm run package took ${seconds(started)} s`);
  // dist/ back to the development build (source maps) for everything else; builds this suite too.
  run(process.execPath, [path.join('scripts', 'build.mjs')]);

  checkContents(vsix, manifest);

  started = Date.now();
  const extensionsDir = path.join(tmp, 'extensions');
  run(process.execPath, [
    path.join(ensureCodeServer(), 'out', 'node', 'entry.js'),
    '--install-extension', vsix,
    '--extensions-dir', extensionsDir,
    '--user-data-dir', path.join(tmp, 'install-user-data'),
  ]);
  const installed = fs.readdirSync(extensionsDir).filter((f) => !f.endsWith('.json'));
  if (installed.join() !== `factmark.factmark-${manifest.version}`) throw new Error(`installed: ${installed.join(', ') || 'nothing'}`);
  console.log(`vsix: installed into ${extensionsDir} in ${seconds(started)} s`);

  const grep = process.env.FACTMARK_TEST_GREP;
  const session = await openSession({
    FACTMARK_VSIX_EXTENSIONS_DIR: extensionsDir,
    FACTMARK_VSIX_VERSION: String(manifest.version),
    ...(grep ? { FACTMARK_TEST_GREP: grep } : {}),
  }, { extensionsDir });
  return runExtensionTests(session, {
    name: 'vsix',
    extensionDevelopmentPath: path.join(repoRoot, 'test', 'vsix', 'runner'),
    extensionTestsPath: path.join(repoRoot, 'dist', 'test', 'vsix', 'index.js'),
    timeoutMs: overallTimeoutMs - Math.min(60_000, overallTimeoutMs / 4),
    onCounts: (c) => (counted = c),
  });
}

/** Runs a command in the repository; its output shows only with FACTMARK_VERBOSE or on failure. */
function run(command: string, args: string[]): void {
  try {
    const out = execFileSync(command, args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (verbose) process.stdout.write(out);
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    process.stderr.write(`${e.stdout ?? ''}${e.stderr ?? ''}`);
    throw new Error(`${path.basename(command)} ${args.join(' ')} failed`);
  }
}

/** What ships: the bundles (Node, browser, CLI), manifest, media, grammars, schema and model, and nothing of the sources. */
function checkContents(vsix: string, manifest: any): void {
  const names = zipEntries(fs.readFileSync(vsix));
  const files = names.filter((n) => n.startsWith('extension/') && !n.endsWith('/')).map((n) => n.slice('extension/'.length));
  const referenced = [
    manifest.main,
    manifest.browser,
    // Set Up Git Merging copies the bundled CLI out of the extension (src/vscode/desktop/gitMerging.ts).
    manifest.bin.factmark,
    // Read at run time by Suggest Claims, with its source and licence beside it.
    'models/checkworthiness.json',
    'models/SOURCE.md',
    ...manifest.contributes.grammars.map((g: { path: string }) => g.path),
    ...manifest.contributes.yamlValidation.map((v: { url: string }) => v.url),
    ...manifest.contributes.walkthroughs.flatMap((w: { steps: { media: Record<string, string> }[] }) => w.steps.map((s) => s.media.markdown ?? s.media.image)),
  ].map((p: string) => path.posix.normalize(p));
  const problems = [
    ...['package.json', 'dist/extension.js', ...referenced].filter((f) => !files.includes(f)).map((f) => `missing ${f}`),
    ...['media/', 'syntaxes/', 'schemas/'].filter((d) => !files.some((f) => f.startsWith(d))).map((d) => `nothing in ${d}`),
    ...files.filter((f) => /^(src|test|dist\/test)\/|(^|\/)(node_modules|\.vscode-test|\.git)\/|\.map$|\.ts$/.test(f)).map((f) => `should not ship ${f}`),
  ];
  const size = fs.statSync(vsix).size;
  if (size > maxBytes) problems.push(`${size} bytes is over the ${maxBytes}-byte bound`);
  console.log(`vsix: ${files.length} files, ${(size / 1024).toFixed(1)} KB (bound ${maxBytes / 1024 / 1024} MB)`);
  if (verbose) files.forEach((f) => console.log(`  ${f}`));
  if (problems.length) throw new Error(`the .vsix is wrong:\n  ${problems.join('\n  ')}`);
}

/** The names in a zip file's central directory. */
function zipEntries(zip: Buffer): string[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('the .vsix is not a zip file');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('the .vsix has a broken central directory');
    const nameLength = zip.readUInt16LE(at + 28);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return names;
}

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(1);
}

runGuarded('vsix', overallTimeoutMs, main, () =>
  counted ? `${counted.passed} passed, ${counted.failed} failed` : '0 passed, 1 failed (the suite reported no result)',
);
