// `factmark install-git` in real repositories that are not Node projects (no package.json), for
// the user who has Node: the npm package as packed (`npm pack`) and installed (`npm install -g`),
// whose `factmark` command install-git picks by itself; and install-git's refusals: a driver
// command that cannot run, a .gitattributes that is a symbolic link. (The merges themselves:
// mergeDriver.test.ts; the extension's Set Up Git Merging: test/integration/gitMerging.test.ts.)
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { builtCli, shippedCli } from '../fixtures/builtCli';
import { runCli } from '../fixtures/runCli';

const ROOT = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

class Repo {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-install-'));
  constructor() {
    this.git('init', '-q', '-b', 'main');
  }
  git(...args: string[]): string { return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }); }
  /** A git config value, undefined when unset. */
  config(key: string): string | undefined {
    try { return this.git('config', '--local', '--get', key).trim(); } catch { return undefined; }
  }
  read(file: string): string { return fs.readFileSync(path.join(this.dir, file), 'utf8'); }
  write(file: string, text: string): void { fs.writeFileSync(path.join(this.dir, file), text); }
  remove(): void { fs.rmSync(this.dir, { recursive: true, force: true }); }
}

/** install-git in `repo` with PATH set as given (the driver is probed through sh with it). */
async function installGit(repo: Repo, PATH: string, ...args: string[]) {
  const saved = process.env.PATH;
  process.env.PATH = PATH;
  try {
    return await runCli(repo.dir, 'install-git', ...args);
  } finally {
    process.env.PATH = saved;
  }
}

/** PATH with only the folders of node, npm and git: no `factmark` anywhere on it. */
function plainPath(): string {
  const dirs = new Set([path.dirname(process.execPath), '/usr/bin', '/bin']);
  return [...dirs].join(path.delimiter);
}

describe('factmark install-git', function () {
  this.timeout(120_000);
  let repo: Repo;
  beforeEach(() => { repo = new Repo(); });
  afterEach(() => repo.remove());

  it('refuses to set up a driver that cannot run here, says what to do, and writes nothing', async () => {
    assert.ok(!fs.existsSync(path.join(repo.dir, 'package.json')));
    const r = await installGit(repo, plainPath());
    assert.strictEqual(r.code, 1, r.out);
    assert.match(r.err, /neither "factmark" nor "npx --no-install factmark" runs here/);
    assert.match(r.err, /npm install -g/);
    assert.match(r.err, /Set Up Git Merging for Sidecars/);
    assert.match(r.err, /--command/);
    assert.ok(!fs.existsSync(path.join(repo.dir, '.gitattributes')), '.gitattributes was written');
    assert.strictEqual(repo.config('merge.factmark.driver'), undefined);
  });

  it('refuses a --command that fails or is not the factmark merge driver', async () => {
    const missing = await installGit(repo, plainPath(), '--command', `node ${JSON.stringify(path.join(repo.dir, 'no-such-cli.js'))}`);
    assert.strictEqual(missing.code, 1);
    assert.match(missing.err, /does not run here \(exit 1: .*no-such-cli\.js/);
    const other = await installGit(repo, plainPath(), '--command', 'echo');
    assert.strictEqual(other.code, 1);
    assert.match(other.err, /"echo" does not run here \(it ran but is not the factmark merge driver\)/);
    assert.ok(!fs.existsSync(path.join(repo.dir, '.gitattributes')));
    assert.strictEqual(repo.config('merge.factmark.driver'), undefined);
  });

  it('never writes through a .gitattributes linked outside the repository', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'attributes'), '*.png binary\n');
      fs.symlinkSync(path.join(outside, 'attributes'), path.join(repo.dir, '.gitattributes'));
      const r = await installGit(repo, plainPath(), '--command', `node ${JSON.stringify(builtCli())}`);
      assert.strictEqual(r.code, 1, r.out);
      assert.match(r.err, /outside/);
      assert.match(r.err, /\*\.claims\.yaml merge=factmark/, 'it says which line to add');
      assert.strictEqual(fs.readFileSync(path.join(outside, 'attributes'), 'utf8'), '*.png binary\n');
      assert.ok(fs.lstatSync(path.join(repo.dir, '.gitattributes')).isSymbolicLink());
      assert.strictEqual(repo.config('merge.factmark.driver'), undefined);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  describe('with the npm package installed (npm pack, npm install -g)', () => {
    let tmp: string;
    let bin: string;
    before(function () {
      this.timeout(180_000);
      shippedCli(); // what `npm pack` packs (its prepack builds the production bundle; skipped here)
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-npm-'));
      const npm = (...args: string[]) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      const packed = JSON.parse(npm('pack', '--json', '--ignore-scripts', '--pack-destination', tmp));
      npm('install', '--global', '--offline', '--prefix', path.join(tmp, 'prefix'), path.join(tmp, packed[0].filename));
      bin = path.join(tmp, 'prefix', 'bin');
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it('packs only what the command line needs, and has no dependencies to install', () => {
      const listed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
      const files = listed[0].files.map((f: { path: string }) => f.path).sort();
      assert.deepStrictEqual(files, ['LICENSE', 'README.md', 'dist/cli.js', 'docs/ci.md', 'docs/git.md', 'models/SOURCE.md', 'models/checkworthiness.json', 'package.json']);
      assert.strictEqual(manifest.bin.factmark, './dist/cli.js');
      assert.strictEqual(manifest.dependencies, undefined, 'dist/cli.js bundles everything it runs');
      assert.ok(listed[0].size < 1024 * 1024, `the package is ${listed[0].size} bytes`);
    });

    it('installs as the `factmark` command, which runs', () => {
      const version = execFileSync(path.join(bin, 'factmark'), ['--version'], { encoding: 'utf8' }).trim();
      assert.ok(version.length > 0);
      const help = execFileSync(path.join(bin, 'factmark'), ['merge-driver', '--help'], { encoding: 'utf8' });
      assert.match(help, /Usage: factmark merge-driver/);
      // The model ships with it: suggest uses it rather than the fallback.
      const article = path.join(tmp, 'a.md');
      fs.writeFileSync(article, 'The council approved a budget of £412 million on Monday.\n');
      const suggested = execFileSync(path.join(bin, 'factmark'), ['suggest', article], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      assert.match(suggested, /trained model/);
    });

    it('is the driver install-git picks by itself, once however often it runs', async () => {
      repo.write('.gitattributes', '*.png binary');
      const PATH = [bin, plainPath()].join(path.delimiter);
      const first = await installGit(repo, PATH);
      assert.strictEqual(first.code, 0, first.err);
      assert.match(first.out, /added to \.gitattributes/);
      const second = await installGit(repo, PATH);
      assert.strictEqual(second.code, 0, second.err);
      assert.match(second.out, /already/);
      assert.doesNotMatch(second.out, /added|created/);
      assert.strictEqual(repo.read('.gitattributes'), '*.png binary\n*.claims.yaml merge=factmark\n');
      assert.strictEqual(repo.config('merge.factmark.driver'), 'factmark merge-driver %O %A %B %P');
      assert.ok((repo.config('merge.factmark.name') ?? '').length > 0);
      assert.strictEqual(repo.git('check-attr', 'merge', 'a/b.md.claims.yaml').trim(), 'a/b.md.claims.yaml: merge: factmark');
      const other = await installGit(repo, PATH, '--command', `node ${JSON.stringify(builtCli())}`);
      assert.strictEqual(other.code, 0, other.err);
      assert.strictEqual(repo.config('merge.factmark.driver'), `node ${JSON.stringify(builtCli())} merge-driver %O %A %B %P`);
      assert.match(other.out, /was "factmark merge-driver/);
    });
  });

  it('fails outside a git repository', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-nogit-'));
    try {
      const r = await runCli(dir, 'install-git');
      assert.strictEqual(r.code, 1);
      assert.match(r.err, /not inside a git repository/);
      assert.ok(!fs.existsSync(path.join(dir, '.gitattributes')));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
