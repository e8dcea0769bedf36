// `factmark check` for a whole archive: on worker threads (the same output as one thread), for
// what changed in git (--changed, in real repositories: against a base, the upstream, and what a
// real pre-commit hook has staged) and in shards (N shards together report exactly what one run
// reports, each article once).
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { generateWorkspace } from '../../bench/generateWorkspace';
import { parseShard, shardOf } from '../../src/cli/shard';
import { builtCli } from '../fixtures/builtCli';
import { runCli as run } from '../fixtures/runCli';

const ROOT = path.resolve(__dirname, '../..');
/** The CLI bundled from the sources now (a real process: its hook and its worker threads), never a stale dist/cli.js. */
let CLI: string;
before(function () { this.timeout(60_000); CLI = builtCli(); });

const made: string[] = [];
after(() => { for (const dir of made) fs.rmSync(dir, { recursive: true, force: true }); });

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A small archive (short articles, few claims: cheap to check), optionally a git repository with one commit. */
function archive(articles: number, git = false): { dir: string; files: string[] } {
  const dir = tempDir('factmark-archive-');
  const g = generateWorkspace(dir, { articles, seed: 11, claims: [2, 3], bytes: [500, 900], git });
  if (git) for (const [k, v] of [['user.name', 'Factmark Test'], ['user.email', 'test@factmark.invalid'], ['commit.gpgsign', 'false']]) gitIn(dir, 'config', k, v);
  return { dir, files: g.articles };
}

function gitIn(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

interface Json { ok: boolean; scope?: string[]; problems: { code: string; file?: string }[]; articles: { article: string; ok: boolean; problems: { code: string }[]; claims: unknown[] }[] }

async function checkJson(dir: string, ...args: string[]): Promise<{ code: number; json: Json; err: string }> {
  const r = await run(dir, 'check', '--json', ...args);
  return { code: r.code, json: JSON.parse(r.out) as Json, err: r.err };
}

const checked = (j: Json) => j.articles.map((a) => a.article.split(path.sep).join('/')).sort();

describe('factmark check at archive scale', function () {
  this.timeout(120_000);

  describe('--shard K/N', () => {
    it('N shards together report exactly what one run reports, each article in one shard', async () => {
      const { dir, files } = archive(30);
      // A broken sidecar and a missing article, so that problems are partitioned too.
      fs.writeFileSync(path.join(dir, files[4] + '.claims.yaml'), 'factmark: 1\narticle: x\nclaims: [oops\n');
      fs.rmSync(path.join(dir, files[9]));
      const whole = await checkJson(dir);
      assert.strictEqual(whole.code, 1);
      assert.strictEqual(whole.json.articles.length, 30);
      for (const n of [1, 3, 4]) {
        // One after the other: the in-process runner changes the working folder for each run.
        const shards: Awaited<ReturnType<typeof checkJson>>[] = [];
        for (let k = 1; k <= n; k++) shards.push(await checkJson(dir, '--shard', `${k}/${n}`));
        const together = shards.flatMap((s) => s.json.articles).sort((a, b) => a.article.localeCompare(b.article));
        assert.deepStrictEqual(together, whole.json.articles, `${n} shards`);
        assert.deepStrictEqual(shards.flatMap((s) => s.json.problems), whole.json.problems);
        // A shard fails exactly when it holds a failing article.
        for (const s of shards) assert.strictEqual(s.code, s.json.articles.every((a) => a.ok) ? 0 : 1);
        if (n > 1) assert.ok(shards.every((s) => s.json.articles.length < 30 && s.json.scope?.[0]?.startsWith('shard ')));
      }
    });

    it('the split is stable by path (a file stays in its shard as others come and go) and even', () => {
      const paths = Array.from({ length: 4000 }, (_, i) => `desk-${i % 7}/2026/${String(i % 12).padStart(2, '0')}/story-${i}.md.claims.yaml`);
      const counts = [0, 0, 0, 0];
      for (const p of paths) counts[shardOf(p, 4) - 1]++;
      for (const c of counts) assert.ok(c > 900 && c < 1100, `uneven shards: ${counts}`);
      assert.strictEqual(shardOf('politics/story.md.claims.yaml', 4), shardOf('politics/story.md.claims.yaml', 4));
    });

    it('docs/ci.md: the matrix and GitLab jobs run one shard per runner, K = 1…N', () => {
      const doc = fs.readFileSync(path.join(ROOT, 'docs/ci.md'), 'utf8');
      const block = (heading: string) => {
        const m = /```yaml\n([\s\S]*?)```/.exec(doc.slice(doc.indexOf(heading)));
        assert.ok(m, heading);
        return parseYaml(m[1]);
      };
      const matrix = block('### The whole archive on several runners').jobs.factmark;
      const shards: number[] = matrix.strategy.matrix.shard;
      const run = (matrix.steps as { run?: string }[]).map((s) => s.run ?? '').find((r) => r.includes('factmark check'))!;
      assert.deepStrictEqual(shards, Array.from({ length: shards.length }, (_, i) => i + 1));
      assert.ok(run.includes(`--shard \${{ matrix.shard }}/${shards.length}`), run);
      const gitlab = block('## GitLab CI').factmark;
      assert.ok(gitlab.parallel > 1 && (gitlab.script as string[]).some((l) => l.includes('--shard ${CI_NODE_INDEX}/${CI_NODE_TOTAL}')));
    });

    it('refuses a shard that is not K/N with 1 ≤ K ≤ N', async () => {
      for (const bad of ['0/3', '4/3', '3', 'a/b', '1/0', '-1/2']) assert.throws(() => parseShard(bad), /not K\/N/);
      const { dir } = archive(2);
      const r = await run(dir, 'check', '--shard', '5/4');
      assert.strictEqual(r.code, 2);
      assert.match(r.err, /--shard: "5\/4"/);
    });
  });

  describe('--changed [BASE], in real git repositories', () => {
    /** An archive committed on main, then on a branch: one article edited, one sidecar edited, one article deleted, one new pair not yet added. */
    function branchWithChanges() {
      const { dir, files } = archive(10, true);
      gitIn(dir, 'checkout', '-q', '-b', 'feature');
      const p = (f: string) => path.join(dir, f);
      fs.appendFileSync(p(files[2]), '\nA late paragraph with nothing to check.\n');
      const sidecar5 = p(files[5] + '.claims.yaml');
      fs.writeFileSync(sidecar5, fs.readFileSync(sidecar5, 'utf8').replace(/status: \S+/, 'status: misleading'));
      gitIn(dir, 'commit', '-q', '-am', 'edits');
      fs.rmSync(p(files[7]));
      fs.cpSync(p(files[0]), p('politics/new.md'));
      fs.writeFileSync(p('politics/new.md.claims.yaml'), fs.readFileSync(p(files[0] + '.claims.yaml'), 'utf8').replace(/^article: .*$/m, 'article: new.md'));
      const expected = [files[2], files[5], files[7], 'politics/new.md'].sort();
      return { dir, files, expected };
    }

    it('checks only the articles and sidecars changed since BASE, committed or not, deleted articles included', async () => {
      const { dir, files, expected } = branchWithChanges();
      const r = await checkJson(dir, '--changed', 'main');
      assert.deepStrictEqual(checked(r.json), expected);
      assert.match(r.json.scope![0], /^changed since [0-9a-f]{7}, the merge base with main$/);
      // The deleted article's claims are reported, not skipped.
      const gone = r.json.articles.find((a) => a.article.split(path.sep).join('/') === files[7])!;
      assert.ok(gone.problems.some((p) => p.code === 'article-missing'));
      assert.strictEqual(r.code, 1);
      // Within a folder only; and --changed=BASE works too.
      const within = await checkJson(dir, '--changed=main', 'politics');
      assert.deepStrictEqual(checked(within.json), expected.filter((f) => f.startsWith('politics/')));
      // Nothing changed: nothing to check, and that passes.
      const none = await checkJson(dir, '--changed', 'HEAD', files[0]);
      assert.deepStrictEqual(checked(none.json), []);
      assert.strictEqual(none.code, 0);
    });

    it('without BASE, compares with the merge base of the upstream branch', async () => {
      const { dir: origin } = archive(6, true);
      const clone = tempDir('factmark-clone-');
      execFileSync('git', ['clone', '-q', origin, clone]);
      for (const [k, v] of [['user.name', 'T'], ['user.email', 't@factmark.invalid'], ['commit.gpgsign', 'false']]) gitIn(clone, 'config', k, v);
      const file = gitIn(clone, 'ls-files', '*.md').split('\n')[3];
      fs.appendFileSync(path.join(clone, file), '\nMore words.\n');
      gitIn(clone, 'commit', '-q', '-am', 'edit');
      const r = await checkJson(clone, '--changed');
      assert.deepStrictEqual(checked(r.json), [file]);
      assert.match(r.json.scope![0], /the merge base with origin\/main$/);
    });

    it('a changed .factmark.yaml checks every article under it', async () => {
      const { dir, files } = archive(6, true);
      fs.writeFileSync(path.join(dir, 'health/.factmark.yaml'), 'statuses:\n  - key: unverified\n    label: Unverified\n');
      const r = await checkJson(dir, '--changed', 'HEAD');
      assert.deepStrictEqual(checked(r.json), files.filter((f) => f.startsWith('health/')).sort());
    });

    it('in a real pre-commit hook, checks what is staged: refuses the commit of a broken article, not of other work', () => {
      const { dir, files } = archive(6, true);
      fs.writeFileSync(path.join(dir, '.git/hooks/pre-commit'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" check --changed --quiet\n`, { mode: 0o755 });
      // An unstaged broken sidecar elsewhere is not what this commit is about.
      fs.writeFileSync(path.join(dir, files[1] + '.claims.yaml'), 'factmark: 1\nclaims: [\n');
      fs.appendFileSync(path.join(dir, files[2]), '\nOne more sentence.\n');
      gitIn(dir, 'add', files[2]);
      const fine = spawnSync('git', ['commit', '-m', 'fine'], { cwd: dir, encoding: 'utf8' });
      assert.strictEqual(fine.status, 0, fine.stdout + fine.stderr);
      assert.match(fine.stdout + fine.stderr, /OK: 1 article \(staged for commit\)/);
      // Staging the broken sidecar: refused, naming the file.
      gitIn(dir, 'add', files[1] + '.claims.yaml');
      const refused = spawnSync('git', ['commit', '-m', 'broken'], { cwd: dir, encoding: 'utf8' });
      assert.notStrictEqual(refused.status, 0);
      assert.ok((refused.stdout + refused.stderr).includes(path.basename(files[1]) + '.claims.yaml'));
    });

    it('says what to do instead of checking nothing: no upstream, unknown base, not a repository', async () => {
      const { dir } = archive(2, true);
      const noUpstream = await run(dir, 'check', '--changed');
      assert.strictEqual(noUpstream.code, 2);
      assert.match(noUpstream.err, /no upstream.*--changed origin\/main/);
      const unknown = await run(dir, 'check', '--changed', 'no-such-branch');
      assert.strictEqual(unknown.code, 2);
      assert.match(unknown.err, /"no-such-branch" is not a commit/);
      const plain = archive(2).dir;
      const outside = await run(plain, 'check', '--changed', 'main');
      assert.strictEqual(outside.code, 2);
      assert.match(outside.err, /needs a git repository/);
    });

    it('a git that hangs fails the check with a message after FACTMARK_GIT_TIMEOUT_MS, never passing it', async function () {
      this.timeout(20_000);
      const { dir } = archive(2, true);
      // A git first on PATH that never answers (a stale lock, a prompt waiting).
      const bin = tempDir('factmark-hung-git-');
      fs.writeFileSync(path.join(bin, 'git'), '#!/bin/sh\nexec sleep 30\n', { mode: 0o755 });
      const saved = { PATH: process.env.PATH, FACTMARK_GIT_TIMEOUT_MS: process.env.FACTMARK_GIT_TIMEOUT_MS };
      process.env.PATH = `${bin}${path.delimiter}${process.env.PATH}`;
      process.env.FACTMARK_GIT_TIMEOUT_MS = '500';
      // (the fake git sleeps 30 s, past this test's timeout: waited for to the end, the test fails)
      let hung;
      try {
        hung = await run(dir, 'check', '--changed', 'main');
      } finally {
        for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
      }
      assert.strictEqual(hung.code, 2, hung.out);
      assert.match(hung.err, /--changed: git rev-parse did not answer within 500 ms, so nothing was checked/);
    });
    it('hostile names in a real repository: every changed sidecar is checked or reported, none passed over, nothing written, no raw controls', async () => {
      const { dir } = archive(2, true);
      const outside = tempDir('factmark-outside-');
      const article = 'The treaty was signed by 194 countries.\n';
      const sidecar = `factmark: 1\narticle: a.md\nclaims:\n  - id: k3xq7d\n    quote: "The treaty was signed by 194 countries"\n    before: ""\n    after: "."\n    status: unverified\n`;
      const names = ['new\nline.md', 'quote"s\'.md', '-leading.md', '--output=x.md', 'sp ace.md', 'esc\x1b[31mred.md', 'tab\there.md', 'x'.repeat(200) + '.md', 'bidi\u202eevil.md'];
      for (const n of names) { fs.writeFileSync(path.join(dir, n), article); fs.writeFileSync(path.join(dir, n + '.claims.yaml'), sidecar); }
      // A name that is not UTF-8 (Latin-1 é), which no string path opens.
      const latin1 = Buffer.concat([Buffer.from(path.join(dir, 'caf')), Buffer.from([0xe9]), Buffer.from('.md')]);
      fs.writeFileSync(latin1, article);
      fs.writeFileSync(Buffer.concat([latin1, Buffer.from('.claims.yaml')]), sidecar);
      // A FIFO as a sidecar and as an article; a sidecar and a folder linked out of the repository.
      execFileSync('mkfifo', [path.join(dir, 'pipe.md.claims.yaml'), path.join(dir, 'piped.md')]);
      fs.writeFileSync(path.join(dir, 'pipe.md'), article);
      fs.writeFileSync(path.join(dir, 'piped.md.claims.yaml'), sidecar);
      fs.writeFileSync(path.join(outside, 'secret.md'), article);
      fs.writeFileSync(path.join(outside, 'secret.md.claims.yaml'), sidecar);
      fs.symlinkSync(path.join(outside, 'secret.md.claims.yaml'), path.join(dir, 'link.md.claims.yaml'));
      fs.writeFileSync(path.join(dir, 'link.md'), article);
      fs.symlinkSync(outside, path.join(dir, 'out'));
      const before = fs.readdirSync(dir).sort();
      const outsideBefore = fs.readdirSync(outside).sort();

      const r = await checkJson(dir, '--changed', 'main');
      assert.strictEqual(r.code, 1);
      assert.deepStrictEqual(checked(r.json).filter((a) => !a.startsWith('link') && !a.startsWith('pipe.')), [...names, 'piped.md'].sort());
      for (const a of r.json.articles.filter((x) => names.includes(x.article))) assert.ok(a.ok, a.article);
      const problem = (code: string) => r.json.problems.filter((p) => p.code === code).map((p) => p.file);
      // (Before: the FIFO sidecar and the Latin-1 name were passed over, and CI passed without them.)
      assert.deepStrictEqual(problem('not-a-file'), ['pipe.md.claims.yaml']);
      assert.deepStrictEqual(problem('name-not-utf8'), ['caf\ufffd.md.claims.yaml']);
      assert.deepStrictEqual(problem('outside-root'), ['link.md.claims.yaml']);
      assert.ok(r.json.articles.find((a) => a.article === 'piped.md')!.problems.some((p) => p.code === 'not-a-file'));
      // The walk (without --changed) reports the same name, as it always has the FIFO and the link.
      const walk = await checkJson(dir);
      assert.deepStrictEqual(walk.json.problems.filter((p) => p.code === 'name-not-utf8').map((p) => p.file), ['caf\ufffd.md.claims.yaml']);
      // The text report carries no raw control character; the shards split the same files.
      const text = await run(dir, 'check', '--changed', 'main');
      assert.doesNotMatch(text.out + text.err, /[\x00-\x08\x0b-\x1f\x7f\u202e]/);
      const shards = await Promise.all([1, 2].map(async (k) => checked((await checkJson(dir, '--changed', 'main', '--shard', `${k}/2`)).json)));
      assert.deepStrictEqual([...shards[0], ...shards[1]].sort(), checked(r.json));
      // A base that looks like an option is refused, never handed to git: nothing written.
      for (const args of [['--changed=--output=written.txt'], ['--changed=-p'], ['--changed', '--output=written.txt']]) {
        const bad = await run(dir, 'check', ...args);
        assert.strictEqual(bad.code, 2, args.join(' '));
      }
      assert.match((await run(dir, 'check', '--changed=--output=written.txt')).err, /"--output=written.txt" is not a branch, tag or commit \(it starts with '-'\)/);
      assert.deepStrictEqual(fs.readdirSync(dir).sort(), before);
      assert.deepStrictEqual(fs.readdirSync(outside).sort(), outsideBefore);
    });
  });

  describe('on worker threads', () => {
    it('prints the same report, byte for byte, with two threads as with one', () => {
      const { dir, files } = archive(110);
      fs.writeFileSync(path.join(dir, files[50] + '.claims.yaml'), 'factmark: 1\narticle: x\nclaims: [oops\n');
      // Each thread's share made certain (a worker is handed batches once it has loaded, and this
      // thread could otherwise check all 110 small pairs before then).
      const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, 'check', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, FACTMARK_CHECK_STATS: '1', FACTMARK_CHECK_WAIT_FOR_WORKERS: '1' } });
      for (const format of [[], ['--json']]) {
        const one = cli('--jobs', '1', ...format);
        const two = cli('--jobs', '2', ...format);
        assert.strictEqual(one.status, 1);
        assert.strictEqual(two.status, 1);
        assert.match(one.stderr, /110 articles on 1 thread\n/);
        assert.match(two.stderr, /110 articles on 2 threads\n/);
        assert.match(one.stderr, /articles checked per thread: 110 \(this thread first\)\n/);
        assert.match(two.stderr, /CPU [1-9]\d* ms\n/);
        // Both threads checked a share (this one too, not only the worker), and every pair once.
        const split = /articles checked per thread: (\d+), (\d+) \(/.exec(two.stderr);
        assert.ok(split, two.stderr);
        const [here, worker] = [Number(split[1]), Number(split[2])];
        assert.ok(here > 0 && worker > 0 && here + worker === 110, two.stderr);
        assert.strictEqual(two.stdout, one.stdout);
        const same = (e: string) => e.replace("2 threads", "1 thread").replace(/peak memory \d+ MB/, "").replace(/per thread: .*\n/, "").replace(/CPU \d+ ms/, "");
        assert.strictEqual(same(two.stderr), same(one.stderr));
      }
      assert.match(cli('--jobs', '2').stdout, /FAILED: 110 articles, \d+ claims, 0 failing the policy, 1 file problem\n?$/);
      assert.strictEqual(cli('--jobs', '0').status, 2);
    });

    it('--quiet keeps only the failing claims, on either number of threads, and still counts every claim', () => {
      const { dir, files } = archive(110);
      fs.writeFileSync(path.join(dir, files[50] + '.claims.yaml'), 'factmark: 1\narticle: x\nclaims: [oops\n');
      const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, 'check', '--fail-on', 'open', ...args], { cwd: dir, encoding: 'utf8' });
      const json = JSON.parse(cli('--json').stdout) as { articles: { article: string; ok: boolean; claims: { id: string; violations: string[] }[] }[] };
      const failing = json.articles.flatMap((a) => a.claims.filter((c) => c.violations.length).map((c) => c.id));
      const passing = json.articles.flatMap((a) => a.claims.filter((c) => !c.violations.length).map((c) => c.id));
      assert.ok(failing.length >= 10 && passing.length >= 10, `${failing.length} failing, ${passing.length} passing`);
      const full = cli('--jobs', '1').stdout.trimEnd().split('\n');
      for (const jobs of ['1', '2']) {
        const quiet = cli('--quiet', '--jobs', jobs).stdout.trimEnd();
        // The same summary as without --quiet: every claim counted, the failing ones too.
        assert.strictEqual(quiet.split('\n').at(-1), full.at(-1));
        assert.match(quiet, new RegExp(`FAILED: 110 articles, ${failing.length + passing.length} claims, ${failing.length} failing the policy, 1 file problem$`));
        const ids = new Set([...quiet.matchAll(/^  \S+ (\w+)  /gm)].map((m) => m[1]));
        assert.deepStrictEqual([...ids].sort(), [...failing].sort());
        // Articles with a failing claim say how many fail, as before.
        const first = json.articles.find((a) => !a.ok && a.claims.length)!;
        const n = first.claims.filter((c) => c.violations.length).length;
        assert.ok(quiet.includes(`${first.article}  (${n} claim${n === 1 ? '' : 's'}, 0 pass)`), quiet.slice(0, 400));
      }
    });
  });
});
