// The git workflow end to end in temporary repositories: the pre-commit hook from docs/ci.md
// refusing and then accepting a commit, and `factmark check` carrying claims through the
// article's history since the sidecar's last commit.
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { builtCli } from '../fixtures/builtCli';
import { runCli as run } from '../fixtures/runCli';

const ROOT = path.resolve(__dirname, '../..');
const CI_DOC = fs.readFileSync(path.join(ROOT, 'docs/ci.md'), 'utf8');

function repo(): { dir: string; git: (...a: string[]) => string; write: (f: string, t: string) => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-flow-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Factmark Test');
  git('config', 'user.email', 'test@factmark.invalid');
  git('config', 'commit.gpgsign', 'false');
  return { dir, git, write: (f, t) => fs.writeFileSync(path.join(dir, f), t) };
}

/** The first fenced block of `lang` after `heading` in a Markdown text. */
function codeBlock(markdown: string, heading: string, lang: string): string {
  const from = markdown.indexOf(heading);
  assert.ok(from >= 0, `no "${heading}" in the doc`);
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(markdown.slice(from));
  assert.ok(m, `no ${lang} block after "${heading}"`);
  return m[1];
}

describe('pre-commit hook from docs/ci.md, in a real repository', function () {
  this.timeout(120_000);
  let CLI: string;
  before(function () {
    this.timeout(120_000);
    CLI = builtCli(); // the hook runs the bundle
  });

  it('refuses a commit with a settled claim lacking sources under --require-sources, accepts it once fixed', async () => {
    const r = repo();
    try {
      const hook = codeBlock(CI_DOC, '## Pre-commit hook (plain git)', 'sh');
      assert.match(hook, /--require-sources/);
      fs.writeFileSync(path.join(r.dir, '.git/hooks/pre-commit'), hook.replace('npx --no-install factmark', `"${process.execPath}" "${CLI}"`), { mode: 0o755 });
      r.write('budget.md', '# Budget\n\nSpending on schools rose by 12 percent compared with last year.\n');
      const added = await run(r.dir, 'add', 'budget.md', '--quote', 'rose by 12 percent', '--status', 'accurate');
      assert.strictEqual(added.code, 0, added.err);
      r.git('add', '.');
      const refused = spawnSync('git', ['commit', '-m', 'rated without sources'], { cwd: r.dir, encoding: 'utf8' });
      assert.notStrictEqual(refused.status, 0, 'the hook must refuse the commit');
      assert.match(refused.stdout + refused.stderr, /verdict without a source/);
      assert.throws(() => r.git('rev-parse', '--verify', 'HEAD'), 'nothing was committed');

      // Fix: explain the rating and cite a source, then commit again.
      const sidecar = path.join(r.dir, 'budget.md.claims.yaml');
      fs.writeFileSync(sidecar, fs.readFileSync(sidecar, 'utf8').replace(/(\n\s+status: accurate\n)/, '$1    explanation: Budget 2026, table 3.\n    sources:\n      - url: https://example.org/budget-2026\n'));
      r.git('add', '.');
      const accepted = spawnSync('git', ['commit', '-m', 'rated with a source'], { cwd: r.dir, encoding: 'utf8' });
      assert.strictEqual(accepted.status, 0, accepted.stdout + accepted.stderr);
      assert.strictEqual(r.git('log', '--format=%s').trim(), 'rated with a source');
    } finally {
      fs.rmSync(r.dir, { recursive: true, force: true });
    }
  });

  it('the workflow and pre-commit framework snippets are valid YAML that run factmark check', () => {
    const workflow = parseYaml(codeBlock(CI_DOC, '## GitHub Actions', 'yaml'));
    const steps = workflow.jobs.factmark.steps as { run?: string }[];
    assert.ok(steps.some((s) => /factmark check .*--require-sources/.test(s.run ?? '')));
    const framework = parseYaml(codeBlock(CI_DOC, '## Pre-commit hook (pre-commit framework)', 'yaml'));
    assert.match(framework.repos[0].hooks[0].entry, /factmark check/);
  });
});

describe('factmark check with git history', function () {
  this.timeout(60_000);
  const REFRAIN = 'Spending rose by 12 percent last year.';
  const para = (year: string, tail = 'Nobody on the council objected to the figure.') =>
    `The report for ${year} was published in the spring. As the finance office put it: ${REFRAIN} ${tail}`;
  const INTRO = 'The city budget has grown for a decade. This article reviews the record of the last two years.';
  const OUTRO = 'The next budget will be presented in March, when the council meets again.';

  it('carries a claim through the article edited since the sidecar was committed; --no-history cannot', async () => {
    const r = repo();
    try {
      r.write('budget.md', ['# City budget', INTRO, para('2023'), para('2024'), OUTRO].join('\n\n') + '\n');
      const added = await run(r.dir, 'add', 'budget.md', '--quote', REFRAIN, '--occurrence', '2');
      assert.strictEqual(added.code, 0, added.err);
      r.git('add', '.');
      r.git('commit', '-q', '-m', 'claim on the 2024 figure');
      // Later edits to the article only: a paragraph inserted, another moved, the claim's
      // sentence rewritten around its words.
      const now = ['# City budget', OUTRO, 'A new paragraph by the editor, with the background of the figures.', INTRO,
        para('2023'), para('2024', 'Two councillors said the figure was wrong.')].join('\n\n') + '\n';
      r.write('budget.md', now);
      r.git('commit', '-q', '-am', 'edit the article');
      const right = now.indexOf(REFRAIN, now.indexOf('for 2024'));

      const withHistory = await run(r.dir, 'check', '--json');
      const claim = JSON.parse(withHistory.out).articles[0].claims[0];
      assert.strictEqual(claim.range?.start, right, JSON.stringify(claim));
      assert.strictEqual(claim.state, 'moved');
      assert.match(claim.reason, /carried through git history/);

      const without = await run(r.dir, 'check', '--json', '--no-history');
      const plain = JSON.parse(without.out).articles[0].claims[0];
      assert.notStrictEqual(plain.range?.start, right, 'without history the twin sentence wins (or it is ambiguous)');
    } finally {
      fs.rmSync(r.dir, { recursive: true, force: true });
    }
  });

  it('works outside a git repository (no history, no error)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-nogit-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.md'), `Intro.\n\n${para('2024')}\n`);
      assert.strictEqual((await run(dir, 'add', 'a.md', '--quote', REFRAIN)).code, 0);
      fs.writeFileSync(path.join(dir, 'a.md'), `A new first line.\n\nIntro.\n\n${para('2024')}\n`);
      const check = await run(dir, 'check', '--json');
      assert.strictEqual(check.code, 0, check.out + check.err);
      const claim = JSON.parse(check.out).articles[0].claims[0];
      assert.strictEqual(claim.state, 'moved');
      assert.doesNotMatch(claim.reason, /git history/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
