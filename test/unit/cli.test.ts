// The `factmark` CLI, run in-process on temporary folders (the same code dist/cli.js bundles).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli as run } from '../fixtures/runCli';

const TREATY = fs.readFileSync(path.join(__dirname, '../fixtures/anchoring/treaty-article.txt'), 'utf8');

const made: string[] = [];
after(() => { for (const dir of made) fs.rmSync(dir, { recursive: true, force: true }); });

function workspace(files: Record<string, string> = { 'treaty.md': TREATY }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-cli-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('factmark CLI', () => {
  it('add prints the new id and check finds the claim on its words', async () => {
    const dir = workspace();
    const added = await run(dir, 'add', 'treaty.md', '--quote', 'the agreement will remain effective for 20 years', '--status', 'accurate', '--source', 'https://example.org/a');
    assert.strictEqual(added.code, 0, added.err);
    const id = added.out.trim();
    assert.match(id, /^[a-z0-9]{6}$/);
    const check = await run(dir, 'check', '--json');
    assert.strictEqual(check.code, 0, check.out);
    const report = JSON.parse(check.out);
    const claim = report.articles[0].claims[0];
    assert.strictEqual(claim.id, id);
    assert.strictEqual(claim.status, 'accurate');
    assert.strictEqual(claim.state, 'anchored');
    assert.strictEqual(claim.range.text, 'the agreement will remain effective for 20 years');
    assert.strictEqual(TREATY.slice(claim.range.start, claim.range.end), claim.range.text);
    assert.strictEqual(claim.range.line, 7);
  });

  it('add refuses a quote that is not in the article, and an ambiguous one without --occurrence', async () => {
    const dir = workspace();
    const missing = await run(dir, 'add', 'treaty.md', '--quote', 'signed in Paris');
    assert.strictEqual(missing.code, 1);
    assert.match(missing.err, /not in the article/);
    const ambiguous = await run(dir, 'add', 'treaty.md', '--quote', 'Putin');
    assert.strictEqual(ambiguous.code, 1);
    assert.match(ambiguous.err, /appears \d+ times .*--occurrence/);
    assert.ok(!fs.existsSync(path.join(dir, 'treaty.md.claims.yaml')), 'nothing written');
    const second = await run(dir, 'add', 'treaty.md', '--quote', 'Putin', '--occurrence', '2');
    assert.strictEqual(second.code, 0, second.err);
    const report = JSON.parse((await run(dir, 'check', '--json')).out);
    const first = TREATY.indexOf('Putin');
    assert.strictEqual(report.articles[0].claims[0].range.start, TREATY.indexOf('Putin', first + 1));
  });

  it('usage errors exit 2 with a pointer to --help', async () => {
    const dir = workspace();
    const r = await run(dir, 'add', 'treaty.md', '--quote', 'Putin', '--status', 'true');
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /not a status.*accurate/);
    assert.strictEqual((await run(dir, 'check', '--fail-on', 'bogus')).code, 2);
    assert.strictEqual((await run(dir, 'nonsense')).code, 2);
    const help = await run(dir, 'check', '--help');
    assert.strictEqual(help.code, 0);
    assert.match(help.out, /--require-sources/);
  });

  it('check reports a claim whose words were edited as changed, and --fail-on changed fails', async () => {
    const dir = workspace();
    await run(dir, 'add', 'treaty.md', '--quote', 'the agreement will remain effective for 20 years');
    fs.writeFileSync(path.join(dir, 'treaty.md'), TREATY.replace('for 20 years', 'for 25 years'));
    const lenient = await run(dir, 'check', '--json');
    const claim = JSON.parse(lenient.out).articles[0].claims[0];
    assert.strictEqual(claim.state, 'changed');
    assert.strictEqual(claim.range.text, 'the agreement will remain effective for 25 years');
    assert.strictEqual(lenient.code, 0);
    const strict = await run(dir, 'check', '--fail-on', 'changed');
    assert.strictEqual(strict.code, 1);
    assert.match(strict.out, /now: "the agreement will remain effective for 25 years"/);
  });

  it('check keeps a claim whose words are gone as orphaned and fails by default', async () => {
    const dir = workspace();
    await run(dir, 'add', 'treaty.md', '--quote', 'Be the first to leave a comment');
    fs.writeFileSync(path.join(dir, 'treaty.md'), TREATY.replace('Be the first to leave a comment', ''));
    const r = await run(dir, 'check', '--json');
    assert.strictEqual(r.code, 1);
    const claim = JSON.parse(r.out).articles[0].claims[0];
    assert.strictEqual(claim.state, 'orphaned');
    assert.strictEqual(claim.range, null);
  });

  it('--require-sources fails settled claims without a source or explanation', async () => {
    const dir = workspace();
    await run(dir, 'add', 'treaty.md', '--quote', 'February 2022', '--status', 'accurate');
    await run(dir, 'add', 'treaty.md', '--quote', 'a periodically renewed 2001 agreement', '--status', 'accurate', '--source', 'https://example.org/2001', '--explanation', 'The 2001 treaty text.');
    const r = await run(dir, 'check', '--require-sources', '--json');
    assert.strictEqual(r.code, 1);
    const claims = JSON.parse(r.out).articles[0].claims;
    assert.deepStrictEqual(claims.map((c: { violations: string[] }) => c.violations.length > 0), [true, false]);
    assert.deepStrictEqual(claims[0].violations, ['settled without an explanation', 'verdict without a source']);
  });

  it('a broken sidecar is reported with file, line and column, left untouched, and other articles still checked', async () => {
    const broken = 'factmark: 1\narticle: treaty.md\nclaims:\n  - id: abc\n    quote: [unclosed\n';
    const dir = workspace({ 'treaty.md': TREATY, 'other.md': 'The bridge opened in 1932.\n' });
    fs.writeFileSync(path.join(dir, 'treaty.md.claims.yaml'), broken);
    assert.strictEqual((await run(dir, 'add', 'other.md', '--quote', 'opened in 1932')).code, 0);
    const r = await run(dir, 'check');
    assert.strictEqual(r.code, 1);
    assert.match(r.out, /treaty\.md\.claims\.yaml:\d+:\d+: error: /);
    assert.match(r.out, /other\.md {2}\(1 claim, 1 pass\)/);
    const add = await run(dir, 'add', 'treaty.md', '--quote', 'February 2022');
    assert.strictEqual(add.code, 1);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'treaty.md.claims.yaml'), 'utf8'), broken);
  });

  it('a missing or binary article is a clear problem', async () => {
    const dir = workspace({ 'gone.md.claims.yaml': 'factmark: 1\narticle: gone.md\nclaims: []\n', 'bin.md': '\u0000\u0001PNG' });
    fs.writeFileSync(path.join(dir, 'bin.md.claims.yaml'), 'factmark: 1\narticle: bin.md\nclaims: []\n');
    const r = await run(dir, 'check', '--json');
    assert.strictEqual(r.code, 1);
    const codes = JSON.parse(r.out).articles.flatMap((a: { problems: { code: string }[] }) => a.problems.map((p) => p.code)).sort();
    assert.deepStrictEqual(codes, ['article-missing', 'binary-file']);
  });

  it('reads the status scale from .factmark.yaml at the repository root', async () => {
    const dir = workspace();
    fs.writeFileSync(path.join(dir, '.factmark.yaml'), 'statuses:\n  - key: todo\n    label: To do\n  - key: verified\n    label: Verified\n    rating: 5\n');
    assert.strictEqual((await run(dir, 'add', 'treaty.md', '--quote', 'February 2022', '--status', 'accurate')).code, 2);
    assert.strictEqual((await run(dir, 'add', 'treaty.md', '--quote', 'February 2022', '--status', 'verified')).code, 0);
    assert.match((await run(dir, 'check')).out, /Verified/);
  });
});
