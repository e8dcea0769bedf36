// A repository someone else wrote: each test builds one in a temporary folder (symbolic links out
// of it and into .git, planted temporary-file and lock links, FIFOs, /dev/zero and /dev/stdin,
// giant and many-claim sidecars, Latin-1, UTF-16 and BOM bytes, concurrent and delayed writers,
// branches with comments) and drives the CLI and the core on it. The guarantees are listed in
// docs/data-safety.md with these tests.
import * as assert from 'assert';
import { execFileSync, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { builtCli } from '../fixtures/builtCli';
import { runCli as run } from '../fixtures/runCli';
import { loadConfig } from '../../src/core/config';
import { MAX_CLAIMS, MAX_FULL_PARSE_VALUES, MAX_NODES } from '../../src/core/limits';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar/sidecarYaml';
import { DEFAULT_SCALE } from '../../src/core/statusScale';
import { ClaimStore } from '../../src/core/store/claimStore';
import { preflight } from '../../src/core/yaml/preflight';
import { YamlText } from '../../src/core/yaml/yamlDocument';
import { readConfined, writeConfined } from '../../src/node/safeFiles';
import { RAW_UNSAFE } from '../fixtures/adversarial/hostile';

const ARTICLE = 'The treaty was signed by 194 countries on Tuesday.\n\nIt is the largest treaty ever signed, officials said.\n';
const SECRET = 'ghp_SECRETTOKEN0123456789abcdef';

const made: string[] = [];
after(() => { for (const d of made) fs.rmSync(d, { recursive: true, force: true }); });

function tmp(prefix: string): string {
  const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  made.push(d);
  return d;
}

/** A git repository with one article, and a folder beside it that is "outside". */
function repo(): { dir: string; outside: string; file: (name: string) => string } {
  const dir = tmp('factmark-hostile-');
  execFileSync('git', ['init', '-q'], { cwd: dir });
  execFileSync('git', ['remote', 'add', 'origin', `https://user:${SECRET}@github.com/org/repo.git`], { cwd: dir });
  fs.writeFileSync(path.join(dir, 'a.md'), ARTICLE);
  const outside = tmp('factmark-outside-');
  return { dir, outside, file: (name) => path.join(dir, name) };
}

/**
 * A sidecar whose claim quotes `quote` (a planted claim fishing for a secret when the article is
 * a link), with `status` written as it is (double-quoted YAML, so any text, typos included).
 */
function sidecarFor(article: string, quote: string, status = 'unverified'): string {
  const at = Math.max(ARTICLE.indexOf(quote), 0); // where it is in ARTICLE, so that it anchors there
  const line = ARTICLE.slice(0, at).split('\n').length;
  const text = serializeSidecar({ factmark: 1, article, claims: [{ id: 'aaaaaa', quote, before: '', after: '', line, offset: at, status: 'unverified', sources: [], created: '2026-01-01T00:00:00Z', updated: '2026-01-01T00:00:00Z' }] });
  assert.ok(text.includes('    status: unverified\n'));
  return text.replace('    status: unverified\n', `    status: ${JSON.stringify(status)}\n`);
}

/** Line and column of the status value in a sidecarFor text. */
function statusAt(text: string): string {
  const lines = text.split('\n');
  const n = lines.findIndex((l) => l.startsWith('    status: '));
  return `${n + 1}:${'    status: '.length + 1}`;
}

const hasRaw = (s: string) => RAW_UNSAFE.test(s);

describe('a repository you did not write', function () {
  this.timeout(60_000);

  let CLI: string;
  before(function () {
    this.timeout(120_000);
    CLI = builtCli();
  });

  describe('no read leaves the repository', () => {
    it('an article linked to .git/config is refused, so check --json never prints the token in it', async () => {
      const r = repo();
      fs.symlinkSync('.git/config', r.file('leak.md'));
      // A planted claim whose words are close to the secret line: a fuzzy match would print the real line.
      fs.writeFileSync(r.file('leak.md.claims.yaml'), sidecarFor('leak.md', 'url = https://user:ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXX@github.com/org/repo.git'));
      const check = await run(r.dir, 'check', '--json');
      assert.ok(!check.out.includes(SECRET) && !check.err.includes(SECRET), check.out);
      const report = JSON.parse(check.out);
      assert.strictEqual(check.code, 1);
      assert.deepStrictEqual(report.articles[0].problems.map((p: { code: string }) => p.code), ['inside-git']);
      assert.deepStrictEqual(report.articles[0].claims, []);
    });

    it('an article or sidecar linked outside the repository is refused, whether found by the walk or named', async () => {
      const r = repo();
      fs.writeFileSync(path.join(r.outside, 'secret.md'), `password: ${SECRET}\n`);
      fs.writeFileSync(path.join(r.outside, 's.claims.yaml'), sidecarFor('s.md', `password: ${SECRET}`));
      fs.symlinkSync(path.join(r.outside, 'secret.md'), r.file('b.md'));
      fs.writeFileSync(r.file('b.md.claims.yaml'), sidecarFor('b.md', 'password: x'));
      fs.writeFileSync(r.file('c.md'), ARTICLE);
      fs.symlinkSync(path.join(r.outside, 's.claims.yaml'), r.file('c.md.claims.yaml'));
      for (const args of [[], ['b.md', 'c.md'], ['b.md.claims.yaml', 'c.md.claims.yaml']]) {
        const check = await run(r.dir, 'check', '--json', ...args);
        assert.ok(!check.out.includes(SECRET), `${args}: ${check.out}`);
        const report = JSON.parse(check.out);
        const codes = [...report.problems, ...report.articles.flatMap((a: { problems: unknown[] }) => a.problems)].map((p: { code: string; file: string }) => `${path.basename(p.file)}:${p.code}`);
        assert.deepStrictEqual(codes.sort(), ['b.md:outside-root', 'c.md.claims.yaml:outside-root'], `${args}`);
        assert.strictEqual(check.code, 1);
      }
      const add = await run(r.dir, 'add', 'b.md', '--quote', 'password');
      assert.strictEqual(add.code, 1);
      assert.match(add.err, /outside/);
      assert.ok(!fs.readFileSync(r.file('b.md.claims.yaml'), 'utf8').includes(SECRET));
    });

    it('a sidecar linked to another file inside the repository is read, by the walk and by name alike', async () => {
      const r = repo();
      fs.mkdirSync(r.file('claims'));
      fs.writeFileSync(r.file('claims/a.yaml'), sidecarFor('a.md', 'signed by 194 countries'));
      fs.symlinkSync('claims/a.yaml', r.file('a.md.claims.yaml'));
      for (const args of [[], ['a.md'], ['a.md.claims.yaml']]) {
        const report = JSON.parse((await run(r.dir, 'check', '--json', ...args)).out);
        assert.strictEqual(report.articles.length, 1, `${args}`);
        assert.strictEqual(report.articles[0].claims[0].state, 'anchored');
      }
    });

    it('FIFOs, devices, folders and links to /dev/zero or /dev/stdin are refused before reading, without hanging', async () => {
      const r = repo();
      execFileSync('mkfifo', [r.file('fifo.md.claims.yaml')]);
      execFileSync('mkfifo', [r.file('pipe.md')]);
      fs.writeFileSync(r.file('pipe.md.claims.yaml'), sidecarFor('pipe.md', 'x'));
      fs.symlinkSync('/dev/zero', r.file('zero.md.claims.yaml'));
      fs.symlinkSync('/dev/stdin', r.file('stdin.md.claims.yaml'));
      fs.mkdirSync(r.file('dir.md.claims.yaml'));
      fs.symlinkSync('/dev/zero', r.file('zero.md'));
      fs.writeFileSync(r.file('zero.md.claims.yaml.x'), '');
      const check = await run(r.dir, 'check', '--json', 'fifo.md.claims.yaml', 'pipe.md', 'zero.md.claims.yaml', 'stdin.md.claims.yaml');
      const report = JSON.parse(check.out);
      const codes = Object.fromEntries([...report.problems, ...report.articles.flatMap((a: { problems: unknown[] }) => a.problems)]
        .map((p: { code: string; file: string }) => [path.basename(p.file), p.code]));
      assert.deepStrictEqual(codes, { 'fifo.md.claims.yaml': 'not-a-file', 'pipe.md': 'not-a-file', 'zero.md.claims.yaml': 'outside-root', 'stdin.md.claims.yaml': 'outside-root' });
      // A device or FIFO inside the root is refused by its type, before it is opened.
      for (const f of ['fifo.md.claims.yaml', 'dir.md.claims.yaml']) {
        const read = await readConfined(r.file(f), { root: r.dir, maxBytes: 1000, what: 'sidecar' });
        assert.ok(!read.ok && !read.missing && read.problem.code === 'not-a-file', f);
      }
      const dev = await readConfined('/dev/zero', { root: '/dev', maxBytes: 1000, what: 'sidecar' });
      assert.ok(!dev.ok && !dev.missing && dev.problem.code === 'not-a-file' && /device/.test(dev.problem.message));
    });

    it('a file over the size limit is refused from its size, without reading it', async () => {
      const r = repo();
      fs.writeFileSync(r.file('big.md.claims.yaml'), '');
      fs.truncateSync(r.file('big.md.claims.yaml'), 64 * 1024 * 1024); // sparse: reading it would take a while
      const read = await readConfined(r.file('big.md.claims.yaml'), { root: r.dir, maxBytes: 20 * 1024 * 1024, what: 'sidecar' });
      assert.ok(!read.ok && !read.missing);
      assert.strictEqual(read.problem.code, 'too-large');
      assert.match(read.problem.message, /64\.0 MB.*20\.0 MB/);
    });
    it('import reads its annotations file only if it is a regular UTF-8 file under the size limit, writing nothing otherwise', async () => {
      const r = repo();
      const sidecar = sidecarFor('a.md', 'signed by 194 countries');
      fs.writeFileSync(r.file('a.md.claims.yaml'), sidecar);
      execFileSync('mkfifo', [r.file('pipe.json')]);
      fs.symlinkSync('/dev/zero', r.file('zero.json'));
      fs.writeFileSync(r.file('big.json'), '');
      fs.truncateSync(r.file('big.json'), 64 * 1024 * 1024); // sparse: refused from its size
      fs.writeFileSync(r.file('latin1.json'), Buffer.concat([Buffer.from('{"rows": [{"text": "caf'), Buffer.from([0xe9]), Buffer.from('"}]}')]));
      const expected: Record<string, RegExp> = {
        'pipe.json': /pipe\.json is a named pipe \(FIFO\); Factmark reads only regular files/,
        'zero.json': /zero\.json is a device/,
        'big.json': /big\.json is 64\.0 MB; Factmark does not read annotations files over 20\.0 MB/,
        'latin1.json': /latin1\.json:1:24: error: The annotations file is not valid UTF-8 \(byte 0xe9/,
        'gone.json': /gone\.json: error: no such file/,
      };
      for (const [file, message] of Object.entries(expected)) {
        const imported = await run(r.dir, 'import', 'a.md', file);
        assert.strictEqual(imported.code, 1, file);
        assert.match(imported.err, message, file);
        assert.strictEqual(fs.readFileSync(r.file('a.md.claims.yaml'), 'utf8'), sidecar, file);
      }
    });
  });

  describe('no write goes where the repository points', () => {
    it('a sidecar linked outside the repository is not written through; one linked inside is, and stays a link', async () => {
      const r = repo();
      const target = path.join(r.outside, 'x.claims.yaml');
      const original = sidecarFor('a.md', 'signed by 194 countries');
      fs.writeFileSync(target, original);
      fs.symlinkSync(target, r.file('a.md.claims.yaml'));
      const out = await run(r.dir, 'add', 'a.md', '--quote', 'the largest treaty');
      assert.strictEqual(out.code, 1);
      assert.match(out.err, /outside/);
      assert.strictEqual(fs.readFileSync(target, 'utf8'), original);

      fs.unlinkSync(r.file('a.md.claims.yaml'));
      fs.writeFileSync(r.file('inside.yaml'), original);
      fs.symlinkSync('inside.yaml', r.file('a.md.claims.yaml'));
      const ok = await run(r.dir, 'add', 'a.md', '--quote', 'the largest treaty');
      assert.strictEqual(ok.code, 0, ok.err);
      assert.ok(fs.lstatSync(r.file('a.md.claims.yaml')).isSymbolicLink());
      assert.ok(fs.readFileSync(r.file('inside.yaml'), 'utf8').includes(ok.out.trim()));
    });

    it('a sidecar linked into .git is not written through', async () => {
      const r = repo();
      const config = fs.readFileSync(r.file('.git/config'));
      fs.symlinkSync('.git/config', r.file('a.md.claims.yaml'));
      const out = await run(r.dir, 'add', 'a.md', '--quote', 'the largest treaty');
      assert.strictEqual(out.code, 1);
      assert.match(out.err, /\.git/);
      assert.ok(fs.readFileSync(r.file('.git/config')).equals(config));
    });

    it('planted temporary-file and lock links are never written through', async () => {
      const r = repo();
      const victim = path.join(r.outside, 'victim.txt');
      fs.writeFileSync(victim, 'precious');
      // Names the old writers used, names like ours, and the lock beside the sidecar.
      for (const name of ['.a.md.claims.yaml.factmark-tmp', `.a.md.claims.yaml.${process.pid}.${Date.now()}.tmp`, '.a.md.claims.yaml.0123456789abcdef.factmark-tmp']) {
        fs.symlinkSync(victim, r.file(name));
      }
      const first = await run(r.dir, 'add', 'a.md', '--quote', 'the largest treaty');
      assert.strictEqual(first.code, 0, first.err);
      assert.strictEqual(fs.readFileSync(victim, 'utf8'), 'precious');
      fs.symlinkSync(victim, r.file('.a.md.claims.yaml.factmark-lock'));
      const second = await run(r.dir, 'add', 'a.md', '--quote', 'signed by 194');
      assert.strictEqual(second.code, 1);
      assert.match(second.err, /factmark-lock is not a lock file Factmark made/);
      assert.strictEqual(fs.readFileSync(victim, 'utf8'), 'precious');
    });

    it('an article in a folder linked outside gets no sidecar written there', async () => {
      const r = repo();
      fs.writeFileSync(path.join(r.outside, 'a.md'), ARTICLE);
      fs.symlinkSync(r.outside, r.file('linked'));
      const out = await run(r.dir, 'add', 'linked/a.md', '--quote', 'the largest treaty');
      assert.strictEqual(out.code, 1);
      assert.match(out.err, /outside/);
      assert.deepStrictEqual(fs.readdirSync(r.outside), ['a.md']);
    });

    it('install-git does not write through a .gitattributes linked outside', async () => {
      const r = repo();
      const target = path.join(r.outside, 'attributes');
      fs.writeFileSync(target, '*.png binary\n');
      fs.symlinkSync(target, r.file('.gitattributes'));
      const out = await run(r.dir, 'install-git', '--command', 'factmark');
      assert.strictEqual(out.code, 1);
      assert.match(out.err, /outside/);
      assert.strictEqual(fs.readFileSync(target, 'utf8'), '*.png binary\n');
      assert.throws(() => execFileSync('git', ['config', '--local', 'merge.factmark.driver'], { cwd: r.dir, stdio: 'pipe' }));
    });
  });

  describe('bytes are never silently changed', () => {
    it('a Latin-1 sidecar is a problem at its byte, and add leaves it byte for byte', async () => {
      const r = repo();
      const bytes = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(' notes\n' + sidecarFor('a.md', 'signed by 194 countries'))]);
      fs.writeFileSync(r.file('a.md.claims.yaml'), bytes);
      const check = await run(r.dir, 'check');
      assert.strictEqual(check.code, 1);
      assert.match(check.err, /a\.md\.claims\.yaml:1:6: error: The sidecar is not valid UTF-8 \(byte 0xe9/);
      const add = await run(r.dir, 'add', 'a.md', '--quote', 'the largest treaty');
      assert.strictEqual(add.code, 1);
      assert.match(add.err, /nothing was written/);
      assert.ok(fs.readFileSync(r.file('a.md.claims.yaml')).equals(bytes));
    });

    it('a UTF-16 sidecar is refused, saying so', async () => {
      const r = repo();
      const text = sidecarFor('a.md', 'signed by 194 countries');
      const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      fs.writeFileSync(r.file('a.md.claims.yaml'), bytes);
      const add = await run(r.dir, 'add', 'a.md', '--quote', 'the largest treaty');
      assert.strictEqual(add.code, 1);
      assert.match(add.err, /UTF-16/);
      assert.ok(fs.readFileSync(r.file('a.md.claims.yaml')).equals(bytes));
    });

    it('a UTF-8 BOM survives a write', async () => {
      const r = repo();
      fs.writeFileSync(r.file('a.md.claims.yaml'), '\ufeff' + sidecarFor('a.md', 'signed by 194 countries'));
      const add = await run(r.dir, 'add', 'a.md', '--quote', 'the largest treaty');
      assert.strictEqual(add.code, 0, add.err);
      const after = fs.readFileSync(r.file('a.md.claims.yaml'));
      assert.deepStrictEqual([...after.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.ok(after.toString('utf8').includes(add.out.trim()));
    });

    it('a flow-style claims list with comments inside is refused for changes, with a message; without comments it becomes a block list', async () => {
      const r = repo();
      const flow = 'factmark: 1\narticle: a.md\nclaims: [\n  # checked by the desk\n  {id: aaaaaa, quote: "signed by 194 countries", before: "", after: "", status: unverified, sources: []}\n]\n';
      fs.writeFileSync(r.file('a.md.claims.yaml'), flow);
      const add = await run(r.dir, 'add', 'a.md', '--quote', 'the largest treaty');
      assert.strictEqual(add.code, 1);
      assert.match(add.err, /flow list \(\[\.\.\.\]\) with comments inside; Factmark cannot change it without losing them/);
      assert.strictEqual(fs.readFileSync(r.file('a.md.claims.yaml'), 'utf8'), flow);
      const check = await run(r.dir, 'check');
      assert.match(check.err + check.out, /a\.md\.claims\.yaml:5:\d+: warning: `claims:` is written as a flow list/);
      fs.writeFileSync(r.file('a.md.claims.yaml'), flow.replace('  # checked by the desk\n', ''));
      const ok = await run(r.dir, 'add', 'a.md', '--quote', 'the largest treaty');
      assert.strictEqual(ok.code, 0, ok.err);
      const p = parseSidecar(fs.readFileSync(r.file('a.md.claims.yaml'), 'utf8'));
      assert.ok(p.ok);
      assert.deepStrictEqual(p.loaded.sidecar.claims.map((c) => c.id).sort(), ['aaaaaa', ok.out.trim()].sort());
    });
  });

  describe('writes keep what they do not own', () => {
    it('the file mode survives a write (0600 stays 0600), and so does a new file\'s umask mode', async () => {
      const r = repo();
      fs.writeFileSync(r.file('a.md.claims.yaml'), sidecarFor('a.md', 'signed by 194 countries'));
      fs.chmodSync(r.file('a.md.claims.yaml'), 0o600);
      assert.strictEqual((await run(r.dir, 'add', 'a.md', '--quote', 'the largest treaty')).code, 0);
      assert.strictEqual(fs.statSync(r.file('a.md.claims.yaml')).mode & 0o777, 0o600);
      fs.writeFileSync(r.file('b.md'), ARTICLE);
      fs.writeFileSync(r.file('reference'), '');
      assert.strictEqual((await run(r.dir, 'add', 'b.md', '--quote', 'the largest treaty')).code, 0);
      assert.strictEqual(fs.statSync(r.file('b.md.claims.yaml')).mode & 0o777, fs.statSync(r.file('reference')).mode & 0o777);
    });

    it('the owner survives a write by root (a sidecar of another user stays theirs)', async function () {
      if (process.getuid?.() !== 0) { this.skip(); return; } // only root may give a file away: the case exists only there (CI runs as root)
      const r = repo();
      fs.writeFileSync(r.file('a.md.claims.yaml'), sidecarFor('a.md', 'signed by 194 countries'));
      fs.chownSync(r.file('a.md.claims.yaml'), 4321, 8765);
      assert.strictEqual((await run(r.dir, 'add', 'a.md', '--quote', 'the largest treaty')).code, 0);
      const st = fs.statSync(r.file('a.md.claims.yaml'));
      assert.deepStrictEqual([st.uid, st.gid], [4321, 8765]);
      assert.match(fs.readFileSync(r.file('a.md.claims.yaml'), 'utf8'), /the largest treaty/);
    });

    it('the next write removes temporary files a crash left, and only old ones that follow our own naming', async () => {
      const r = repo();
      const old = r.file('.a.md.claims.yaml.00112233aabbccdd.factmark-tmp');
      const fresh = r.file('.a.md.claims.yaml.ffeeddccbbaa9988.factmark-tmp');
      const notOurs = r.file('.a.md.claims.yaml.backup');
      for (const f of [old, fresh, notOurs]) fs.writeFileSync(f, 'half a write');
      const past = new Date(Date.now() - 3600_000);
      fs.utimesSync(old, past, past);
      fs.utimesSync(notOurs, past, past);
      assert.strictEqual((await run(r.dir, 'add', 'a.md', '--quote', 'the largest treaty')).code, 0);
      assert.ok(!fs.existsSync(old), 'a leftover is removed');
      assert.ok(fs.existsSync(fresh), 'a temporary file that may belong to a write in progress is left');
      assert.ok(fs.existsSync(notOurs), 'nothing else is touched');
      assert.deepStrictEqual(fs.readdirSync(r.dir).filter((n) => n.includes('factmark-lock')), [], 'the lock is released');
    });

    it('a failed write (the temporary file cannot be created) leaves nothing behind and the sidecar as it was', async () => {
      const r = repo();
      const text = sidecarFor('a.md', 'signed by 194 countries');
      fs.writeFileSync(r.file('a.md.claims.yaml'), text);
      fs.chmodSync(r.dir, 0o555);
      try {
        if (process.getuid?.() === 0) return; // root writes anyway: the failure cannot be produced here
        const out = await run(r.dir, 'add', 'a.md', '--quote', 'the largest treaty');
        assert.notStrictEqual(out.code, 0);
      } finally {
        fs.chmodSync(r.dir, 0o755);
      }
      assert.strictEqual(fs.readFileSync(r.file('a.md.claims.yaml'), 'utf8'), text);
      assert.deepStrictEqual(fs.readdirSync(r.dir).filter((n) => n.startsWith('.a.md')), []);
    });

    it('a hard-linked sidecar is replaced by a new file: its other name keeps the previous version (documented)', async () => {
      const r = repo();
      const text = sidecarFor('a.md', 'signed by 194 countries');
      fs.writeFileSync(r.file('a.md.claims.yaml'), text);
      fs.linkSync(r.file('a.md.claims.yaml'), r.file('other-name.yaml'));
      const add = await run(r.dir, 'add', 'a.md', '--quote', 'the largest treaty');
      assert.strictEqual(add.code, 0, add.err);
      assert.ok(fs.readFileSync(r.file('a.md.claims.yaml'), 'utf8').includes(add.out.trim()));
      assert.strictEqual(fs.readFileSync(r.file('other-name.yaml'), 'utf8'), text);
      assert.strictEqual(fs.statSync(r.file('a.md.claims.yaml')).nlink, 1);
    });
  });

  describe('no acknowledged write is lost to a race', () => {
    it('a writer delayed between its compare and its rename (holding the lock) does not lose an add made meanwhile', async () => {
      const r = repo();
      const file = r.file('a.md.claims.yaml');
      fs.writeFileSync(file, sidecarFor('a.md', 'signed by 194 countries'));
      // The delayed writer: it has taken the lock and is about to rename its version in.
      const lock = r.file('.a.md.claims.yaml.factmark-lock');
      fs.writeFileSync(lock, `${process.pid} ${os.hostname()} ${Date.now()} slowwriter`);
      const adding = run(r.dir, 'add', 'a.md', '--quote', 'the largest treaty');
      await new Promise((done) => setTimeout(done, 300));
      const theirs = parseSidecar(fs.readFileSync(file, 'utf8'));
      assert.ok(theirs.ok);
      const next = structuredClone(theirs.loaded.sidecar);
      next.claims[0].status = 'accurate';
      fs.writeFileSync(file, serializeSidecar(next, theirs.loaded));
      fs.unlinkSync(lock);
      const added = await adding;
      assert.strictEqual(added.code, 0, added.err);
      const final = parseSidecar(fs.readFileSync(file, 'utf8'));
      assert.ok(final.ok);
      assert.deepStrictEqual(final.loaded.sidecar.claims.map((c) => [c.id, c.status]).sort(), [['aaaaaa', 'accurate'], [added.out.trim(), 'unverified']].sort());
    });

    it('concurrent factmark add processes each keep their claim', async () => {
      const r = repo();
      const quotes = ['The treaty', 'signed by 194', 'countries on Tuesday', 'the largest treaty', 'ever signed', 'officials said'];
      const runs = await Promise.all(quotes.map((q) => new Promise<{ code: number | null; out: string; err: string }>((done) => {
        const child = spawn(process.execPath, [CLI, 'add', 'a.md', '--quote', q], { cwd: r.dir });
        let out = '', err = '';
        child.stdout.on('data', (d) => { out += d; });
        child.stderr.on('data', (d) => { err += d; });
        child.on('close', (code) => done({ code, out, err }));
      })));
      for (const x of runs) assert.strictEqual(x.code, 0, x.err);
      const final = parseSidecar(fs.readFileSync(r.file('a.md.claims.yaml'), 'utf8'));
      assert.ok(final.ok);
      assert.deepStrictEqual(final.loaded.sidecar.claims.map((c) => c.id).sort(), runs.map((x) => x.out.trim()).sort());
    });

    it('a lock left by a process that is gone is taken over', async () => {
      const r = repo();
      const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
      fs.writeFileSync(r.file('.a.md.claims.yaml.factmark-lock'), `${dead} ${os.hostname()} ${Date.now()} crashed`);
      const add = await run(r.dir, 'add', 'a.md', '--quote', 'the largest treaty');
      assert.strictEqual(add.code, 0, add.err);
    });

    it('writeConfined compares under the lock: a change since the caller read is not written over', async () => {
      const r = repo();
      const file = r.file('x.claims.yaml');
      fs.writeFileSync(file, 'one');
      await assert.rejects(writeConfined(file, Buffer.from('two'), { root: r.dir, expected: Buffer.from('zero'), what: 'sidecar' }), /changed on disk/);
      assert.strictEqual(fs.readFileSync(file, 'utf8'), 'one');
      await writeConfined(file, Buffer.from('two'), { root: r.dir, expected: Buffer.from('one'), what: 'sidecar' });
      assert.strictEqual(fs.readFileSync(file, 'utf8'), 'two');
    });
  });

  describe('bounded cost', () => {
    const tiny = (i: number) => `  - {id: "${i.toString(36).padStart(6, '0')}", quote: q, before: "", after: "", status: unverified, sources: []}`;
    it(`more than ${MAX_CLAIMS.toLocaleString('en')} claims, block or flow, are refused before parsing, at the first claim too many`, () => {
      const block = ['factmark: 1', 'article: a.md', 'claims:', ...Array.from({ length: MAX_CLAIMS + 1 }, (_, i) => tiny(i))].join('\n');
      const p = preflight(block, 'a.md.claims.yaml');
      assert.deepStrictEqual(p.map((x) => [x.code, x.line]), [['too-many-claims', MAX_CLAIMS + 4]]);
      assert.deepStrictEqual(preflight(block.slice(0, block.lastIndexOf('\n')), 'a.md.claims.yaml'), [], 'one fewer is read');
      const flow = 'factmark: 1\narticle: a.md\nclaims: [' + Array.from({ length: MAX_CLAIMS + 1 }, (_, i) => tiny(i).slice(4)).join(',\n') + ']\n';
      assert.deepStrictEqual(preflight(flow, 'f').map((x) => x.code), ['too-many-claims']);
      const r = parseSidecar(block, 'a.md.claims.yaml');
      assert.ok(!r.ok && r.problems[0].code === 'too-many-claims');
    });

    it('the 19.9 MB sidecar of 116,000 tiny claims that took 27 s and 3.7 GB is refused by check with a clear message', async () => {
      const r = repo();
      // 116,000 claims padded with comments to 19.8 MB: under the size limit, over the claims limit.
      const lines = ['factmark: 1', 'article: a.md', 'claims:'];
      for (let i = 0; i < 116_000; i++) lines.push((tiny(i) + ' #').padEnd(178, ' pad'));
      const text = lines.join('\n') + '\n';
      assert.ok(text.length < 20 * 1024 * 1024 && text.length > 19.5 * 1024 * 1024, `${text.length}`);
      fs.writeFileSync(r.file('a.md.claims.yaml'), text);
      const check = await run(r.dir, 'check');
      assert.strictEqual(check.code, 1);
      assert.match(check.err + check.out, /a\.md\.claims\.yaml:10004:3: error: The file has more than 10,000 claims/);
    });

    it(`more than ${MAX_NODES.toLocaleString('en')} values (a tag list a million long) are refused before parsing`, () => {
      const tags = Array.from({ length: MAX_NODES + 10 }, () => 't').join(', ');
      const source = `factmark: 1\narticle: a.md\nclaims:\n  - id: aaaaaa\n    quote: q\n    tags: [${tags}]\n`;
      assert.deepStrictEqual(preflight(source, 'f').map((x) => [x.code, x.line]), [['too-complex', 6]]);
      // Values inside quoted text, comments and block scalars are not values.
      const text = `factmark: 1\narticle: a.md\nclaims:\n  - id: aaaaaa\n    quote: "${tags}"\n    explanation: |\n      ${tags}\n    # ${tags}\n`;
      assert.deepStrictEqual(preflight(text, 'f'), []);
    });

    describe(`past ${MAX_FULL_PARSE_VALUES.toLocaleString('en')} values the full YAML parser is never run to read a sidecar (it would take seconds)`, () => {
      // 2,000 claims as Factmark writes them: about 60,000 values, over MAX_FULL_PARSE_VALUES.
      const big = serializeSidecar({ factmark: 1, article: 'a.md', claims: Array.from({ length: 2000 }, (_, i) => ({
        id: `c${i.toString(36).padStart(5, '0')}`, quote: `Claim ${i}: the treaty was signed by ${100 + (i % 94)} countries`, before: 'On Tuesday, ', after: ', a record.',
        line: i + 1, offset: i * 80, status: 'accurate', explanation: `Checked against the depositary list.\nSecond line for claim ${i}.\n`,
        sources: [{ url: `https://example.org/source/${i}`, title: 'UN Treaty Collection', accessed: '2026-11-20', excerpt: 'x'.repeat(700), stance: 'supports' }],
        tags: ['treaty'], created: '2026-11-28T12:00:00Z', updated: '2026-11-28T12:00:00Z', by: 'Jane Doe',
      })) });
      const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
      const values = (text: string) => { const counted = { values: 0 }; preflight(text, 'f', {}, counted); return counted.values; };
      before(() => assert.ok(values(big) > MAX_FULL_PARSE_VALUES, `${values(big)}`));

      it('one not in Factmark\'s layout (a tab) is refused at that line, not parsed for seconds', () => {
        const tabbed = big.replace('    status: accurate\n', '    status: accurate\t# a tab\n');
        const parses = YamlText.parses;
        const r = parseSidecar(tabbed, 'a.md.claims.yaml');
        assert.strictEqual(YamlText.parses, parses, 'the full parser was run');
        assert.ok(!r.ok);
        assert.deepStrictEqual(r.problems.map((p) => [p.code, p.line]), [['large-unusual-layout', lineOf(tabbed, '\t# a tab')]]);
        assert.match(r.problems[0].message, /holds \d\d,\d{3} values \(lists, mappings, fields\) and here it is not written the way Factmark writes sidecars.*write this line as Factmark does, or split the article/);
        // Under the limit, the same file is still read by the full parser, as it always was.
        const small = tabbed.slice(0, tabbed.indexOf('\n  - id: c0001a'));
        assert.ok(values(small) < MAX_FULL_PARSE_VALUES && parseSidecar(small, 'a.md.claims.yaml').ok);
      });

      it('one in Factmark\'s layout with a problem has it at the line and column the full parser gives', () => {
        const typo = big.replace(/(- id: c000rs[\s\S]*?)status: accurate/, '$1status: acurate');
        const parses = YamlText.parses;
        const fast = parseSidecar(typo, 'a.md.claims.yaml', { scale: DEFAULT_SCALE });
        assert.strictEqual(YamlText.parses, parses, 'the full parser was run');
        const full = parseSidecar(typo, 'a.md.claims.yaml', { scale: DEFAULT_SCALE, fullParser: true });
        assert.ok(fast.ok && full.ok);
        const where = (w: { code: string; line?: number; column?: number }[]) => w.map((p) => [p.code, p.line, p.column]);
        assert.ok(fast.loaded.warnings.some((p) => p.code === 'unknown-status' && p.line === lineOf(typo, 'status: acurate')), JSON.stringify(where(fast.loaded.warnings)));
        assert.deepStrictEqual(where(fast.loaded.warnings), where(full.loaded.warnings));
      });

      it('one with a BOM is read, and a change to it keeps the BOM and touches one claim\'s lines', () => {
        const parses = YamlText.parses;
        const r = parseSidecar('\ufeff' + big, 'a.md.claims.yaml');
        assert.ok(r.ok);
        assert.strictEqual(YamlText.parses, parses, 'the full parser was run');
        const next = { ...r.loaded.sidecar, claims: r.loaded.sidecar.claims.map((c, i) => (i === 7 ? { ...c, status: 'misleading' } : c)) };
        const written = serializeSidecar(next, r.loaded);
        assert.ok(written.startsWith('\ufeff# Factmark claims'), JSON.stringify(written.slice(0, 30)));
        const was = ('\ufeff' + big).split('\n');
        const changed = written.split('\n').filter((l, i) => l !== was[i]);
        assert.deepStrictEqual(changed, ['    status: misleading']);
      });

      it('a write into one parses only the claims it changes, never the whole file, and writes what the whole Document would', () => {
        const r = parseSidecar(big, 'a.md.claims.yaml');
        assert.ok(r.ok);
        const s = r.loaded.sidecar;
        const next = {
          ...s,
          published: { url: 'https://factcheck.example.org/treaty', headline: 'The treaty', date: '2026-12-01' },
          claims: [
            ...s.claims.filter((c) => c.id !== 'c000a0').map((c, i) => (i === 7 || i === 1500 ? { ...c, status: 'misleading', sources: [...c.sources, { url: 'https://example.org/new' }] } : c)),
            { id: 'cnew01', quote: 'A new claim', before: '', after: '', offset: 777 * 80 + 1, line: 778, status: 'unverified', sources: [], created: '2026-12-01T21:00:00Z' },
          ],
          dismissed: ['Not a claim.'],
        };
        const parses = YamlText.parses;
        const chars = YamlText.parsedChars;
        const written = serializeSidecar(next, r.loaded);
        const parsed = YamlText.parsedChars - chars;
        // Two changed claims, a deleted one and its neighbour, the neighbours of the new one, the header.
        assert.ok(YamlText.parses - parses <= 12, `${YamlText.parses - parses} parses`);
        assert.ok(parsed < big.length / 100, `${parsed} of ${big.length} characters parsed`);
        const whole = parseSidecar(big, 'a.md.claims.yaml', { wholeDocumentWrites: true });
        assert.ok(whole.ok);
        assert.strictEqual(written, serializeSidecar(next, whole.loaded));
        const back = parseSidecar(written, 'a.md.claims.yaml');
        assert.ok(back.ok);
        assert.deepStrictEqual(back.loaded.sidecar.claims.map((c) => c.id), [...s.claims.filter((c) => c.id !== 'c000a0').map((c) => c.id).slice(0, 777), 'cnew01', ...s.claims.filter((c) => c.id !== 'c000a0').map((c) => c.id).slice(777)]);
      });

      it('a status set in the store (as the extension does) is written without parsing the whole file', () => {
        const article = 'file:///ws/a.md';
        const store = new ClaimStore({ scale: DEFAULT_SCALE, now: () => '2026-12-01T21:00:00Z', author: () => 'Ana' });
        store.open(article, `${article}.claims.yaml`, 'a.md');
        store.loadSidecar(article, big);
        const r = parseSidecar(big);
        assert.ok(r.ok);
        store.setArticleText(article, r.loaded.sidecar.claims.map((c) => c.before + c.quote + c.after).join('\n') + '\n');
        const id = r.loaded.sidecar.claims[1234].id;
        store.setStatus(article, id, 'misleading', { reason: 'a recount' });
        const chars = YamlText.parsedChars;
        const written = store.serialize(article);
        assert.ok(YamlText.parsedChars - chars < big.length / 100, `${YamlText.parsedChars - chars} of ${big.length} characters parsed`);
        const back = parseSidecar(written);
        assert.ok(back.ok);
        assert.strictEqual(back.loaded.sidecar.claims.find((c) => c.id === id)?.status, 'misleading');
        // Only that claim's lines changed (its status, who rated it and when; line and offset hints stay).
        const item = (text: string) => text.slice(text.indexOf(`  - id: ${id}`), text.indexOf('\n\n', text.indexOf(`  - id: ${id}`)));
        assert.strictEqual(written.replace(item(written), ''), big.replace(item(big), ''));
      });
    });
  });

  describe('every output is inert', () => {
    it('paths and file text in errors, problems and --json never print raw controls; --json stays JSON with them escaped', async () => {
      const r = repo();
      const evil = 'e\u001b]0;pwned\u0007\u202e\u0085x';
      fs.writeFileSync(r.file(`${evil}.md`), ARTICLE);
      fs.writeFileSync(r.file(`${evil}.md.claims.yaml`), sidecarFor(`${evil}.md`, `signed by 194 countries`, `st${evil}`));
      const human = await run(r.dir, 'check');
      assert.ok(!hasRaw(human.out) && !hasRaw(human.err), human.out + human.err);
      assert.match(human.err + human.out, /\\u001b\]0;pwned\\u0007\\u202e\\u0085x/);
      const json = await run(r.dir, 'check', '--json');
      assert.ok(!hasRaw(json.out), json.out);
      assert.ok(!/[\u0085\u202e\u2028]/.test(json.out));
      const report = JSON.parse(json.out);
      assert.strictEqual(report.articles[0].article, `${evil}.md`, 'the JSON escapes decode to the real name');
      const missing = await run(r.dir, 'check', `no\u001b[2Jsuch`);
      assert.ok(!hasRaw(missing.err + missing.out));
      const usage = await run(r.dir, `bogus\u001b[2J`);
      assert.ok(!hasRaw(usage.err));
    });

    it('check | head ends quietly (EPIPE) and keeps the check\'s exit code', () => {
      const r = repo();
      for (let i = 0; i < 40; i++) {
        fs.writeFileSync(r.file(`a${i}.md`), ARTICLE);
        fs.writeFileSync(r.file(`a${i}.md.claims.yaml`), sidecarFor(`a${i}.md`, i % 2 ? 'zebras juggling on the moon' : 'signed by 194'));
      }
      // `head -n 0` has gone before the first write (so every write meets a closed pipe); `head -1` after one line.
      for (const [reader, lines] of [['head -n 0', 0], ['head -1', 1]] as const) {
        const p = spawnSync('bash', ['-c', `set -o pipefail; ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} check --fail-on orphaned | ${reader}`], { cwd: r.dir, encoding: 'utf8' });
        assert.strictEqual(p.stdout.split('\n').length - 1, lines, p.stdout);
        assert.strictEqual(p.stderr, '', 'no stack trace, no message');
        assert.strictEqual(p.status, 1, 'the orphaned claims still fail the check');
      }
    });

    it('merge-driver messages escape the path git passes (%P)', async () => {
      const r = repo();
      for (const [f, t] of [['b', 'not: [valid'], ['o', 'x'], ['t', 'y']]) fs.writeFileSync(r.file(f), t);
      const out = await run(r.dir, 'merge-driver', 'b', 'o', 't', 'x\u001b[31m\u202e.claims.yaml');
      assert.strictEqual(out.code, 1);
      assert.ok(!hasRaw(out.err), out.err);
      assert.match(out.err, /x\\u001b\[31m\\u202e\.claims\.yaml/);
    });
  });

  describe('a status that is not on the scale', () => {
    it('fails factmark check by default, at its line, with a suggestion', async () => {
      const r = repo();
      const typo = sidecarFor('a.md', 'signed by 194 countries', 'acurate');
      fs.writeFileSync(r.file('a.md.claims.yaml'), typo);
      const check = await run(r.dir, 'check');
      assert.strictEqual(check.code, 1);
      assert.ok((check.out + check.err).includes(`a.md.claims.yaml:${statusAt(typo)}: error: Status "acurate" of claim aaaaaa is not on the status scale. Did you mean "accurate"?`), check.out + check.err);
      const json = JSON.parse((await run(r.dir, 'check', '--json')).out);
      assert.deepStrictEqual(json.articles[0].problems.map((p: { code: string; severity: string }) => [p.code, p.severity]), [['unknown-status', 'error']]);
      fs.writeFileSync(r.file('.factmark.yaml'), 'statuses:\n  - { key: open, label: Open }\n  - { key: done, label: Done, settled: true }\ninitial: open\n');
      fs.writeFileSync(r.file('a.md.claims.yaml'), sidecarFor('a.md', 'signed by 194 countries', 'accurate'));
      const removed = await run(r.dir, 'check');
      assert.strictEqual(removed.code, 1, 'a status removed from .factmark.yaml fails too');
      assert.match(removed.out + removed.err, /Status "accurate" of claim aaaaaa is not on the status scale/);
    });

    it('is an error of the claim in the store (what the editor shows) until the status is set or the scale has it', () => {
      const store = new ClaimStore({ scale: DEFAULT_SCALE, now: () => '2026-12-01T00:00:00Z' });
      const typo = sidecarFor('a.md', 'signed by 194 countries', 'flase');
      store.open('a.md', 'a.md.claims.yaml', 'a.md');
      store.loadSidecar('a.md', typo);
      store.setArticleText('a.md', ARTICLE);
      const unknown = () => store.get('a.md')!.problems.filter((p) => p.code === 'unknown-status').map((p) => `${p.severity} ${p.line}:${p.column}`);
      assert.strictEqual(store.get('a.md')!.sidecarState, 'ok', 'the file still loads');
      assert.deepStrictEqual(store.get('a.md')!.claims.map((e) => e.claim.status), ['flase']);
      assert.deepStrictEqual(unknown(), [`error ${statusAt(typo)}`]);
      store.updateClaim('a.md', 'aaaaaa', { status: 'inaccurate' });
      assert.deepStrictEqual(unknown(), [], 'setting the status clears it');
      // A status removed from .factmark.yaml: the scale changes under a loaded file, and back.
      const custom = loadConfig('statuses:\n  - { key: open, label: Open }\n  - { key: done, label: Done, settled: true }\ninitial: open\n').scale;
      const other = new ClaimStore({ scale: DEFAULT_SCALE });
      const rated = sidecarFor('a.md', 'signed by 194 countries', 'accurate');
      other.open('a.md', 'a.md.claims.yaml', 'a.md');
      other.loadSidecar('a.md', rated);
      const unknownThere = () => other.get('a.md')!.problems.filter((p) => p.code === 'unknown-status').map((p) => `${p.severity} ${p.line}:${p.column}`);
      assert.deepStrictEqual(unknownThere(), []);
      other.setScale(custom);
      assert.deepStrictEqual(unknownThere(), [`error ${statusAt(rated)}`]);
      other.setScale(DEFAULT_SCALE);
      assert.deepStrictEqual(unknownThere(), []);
    });
  });
});
