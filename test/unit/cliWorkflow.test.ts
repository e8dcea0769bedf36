// The newsroom workflow from the command line: `factmark status` (rater, corrections log),
// `review` (sign-off by someone other than the rater), `assign`, `check --require-reviews` and
// the policy in .factmark.yaml; and two sign-offs made on two branches kept by a real git merge.
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { builtCli } from '../fixtures/builtCli';
import { runCli as run } from '../fixtures/runCli';

const ARTICLE = 'treaty.md';
const SIDECAR = `${ARTICLE}.claims.yaml`;
const TEXT = '# Treaty\n\nThe ambassador said the agreement will remain effective for 20 years.\n\nTrade grew by 15% last year.\n';

const made: string[] = [];
after(() => { for (const dir of made) fs.rmSync(dir, { recursive: true, force: true }); });

/** A git repository with the article, its git user "Jane Doe", and one claim rated by Jane. */
async function desk(status = 'accurate'): Promise<{ dir: string; id: string; git: (...a: string[]) => string; yaml: () => any; text: () => string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-desk-'));
  made.push(dir);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Jane Doe');
  git('config', 'user.email', 'jane@factmark.invalid');
  git('config', 'commit.gpgsign', 'false');
  fs.writeFileSync(path.join(dir, ARTICLE), TEXT);
  const added = await run(dir, 'add', ARTICLE, '--quote', 'the agreement will remain effective for 20 years', '--status', status,
    '--source', 'https://example.org/treaty', '--explanation', 'Article 25.');
  assert.strictEqual(added.code, 0, added.err);
  const text = () => fs.readFileSync(path.join(dir, SIDECAR), 'utf8');
  return { dir, id: added.out.trim(), git, text, yaml: () => parse(text()).claims[0] };
}

describe('factmark status / review / assign', () => {
  it('add with --status makes git’s user.name the rater', async () => {
    const d = await desk();
    assert.strictEqual(d.yaml().rater, 'Jane Doe');
    assert.strictEqual(d.yaml().rated, d.yaml().created);
  });

  it('status: a changed verdict needs --reason (nothing written without), then is logged', async () => {
    const d = await desk();
    const before = d.text();
    const refused = await run(d.dir, 'status', ARTICLE, d.id, 'inaccurate');
    assert.strictEqual(refused.code, 2);
    assert.match(refused.err, /is “True”: changing a verdict needs --reason TEXT/);
    assert.strictEqual(d.text(), before, 'nothing written');
    const set = await run(d.dir, 'status', ARTICLE, d.id, 'inaccurate', '--reason', 'Article 25 says ten years.', '--by', 'Ann Lee');
    assert.strictEqual(set.code, 0, set.err);
    assert.strictEqual(set.out, `${d.id}: “True” → “False” (in the corrections log)`);
    const c = d.yaml();
    assert.strictEqual(c.status, 'inaccurate');
    assert.strictEqual(c.rater, 'Ann Lee');
    assert.deepStrictEqual(c.log, [{ date: c.rated, by: 'Ann Lee', change: 'status', from: 'accurate', to: 'inaccurate', reason: 'Article 25 says ten years.' }]);
    const again = await run(d.dir, 'status', ARTICLE, d.id, 'inaccurate');
    assert.match(again.out, /already “False”; nothing changed/);
  });

  it('status: unknown status, unknown claim and a sidecar path instead of the article', async () => {
    const d = await desk('in-progress');
    assert.strictEqual((await run(d.dir, 'status', ARTICLE, d.id, 'true')).code, 2);
    const missing = await run(d.dir, 'status', ARTICLE, d.id.slice(0, 5) + (d.id[5] === 'z' ? 'y' : 'z'), 'accurate'); // an id that differs from d.id
    assert.strictEqual(missing.code, 1);
    assert.match(missing.err, /there is no claim/);
    const ok = await run(d.dir, 'status', SIDECAR, d.id, 'accurate');
    assert.strictEqual(ok.code, 0, ok.err);
    assert.strictEqual(d.yaml().log, undefined, 'open → verdict is not logged');
  });

  it('review: the rater cannot sign off their own verdict; another checker can, once', async () => {
    const d = await desk();
    const before = d.text();
    const self = await run(d.dir, 'review', ARTICLE, d.id, '--approve');
    assert.strictEqual(self.code, 1, 'by defaults to git’s user.name, the rater');
    assert.match(self.err, /You rated this claim “True”: someone else has to review it/);
    assert.strictEqual(d.text(), before);
    const ann = await run(d.dir, 'review', ARTICLE, d.id, '--approve', '--by', 'Ann Lee', '--note', 'Checked the text.');
    assert.strictEqual(ann.code, 0, ann.err);
    assert.strictEqual(ann.out, `${d.id}: “True” approved by Ann Lee — 1 of 1 sign-off, signed off`);
    assert.deepStrictEqual(d.yaml().reviews.map((r: any) => [r.by, r.verdict, r.status, r.note]), [['Ann Lee', 'approve', 'accurate', 'Checked the text.']]);
    assert.strictEqual((await run(d.dir, 'review', ARTICLE, d.id, '--approve', '--by', 'ann lee')).code, 1, 'already signed off');
    assert.strictEqual((await run(d.dir, 'review', ARTICLE, d.id, '--approve', '--dispute', '--by', 'Bo')).code, 2);
  });

  it('assign and unassign', async () => {
    const d = await desk('unverified');
    assert.strictEqual((await run(d.dir, 'assign', ARTICLE, d.id, '  Sam   Roe ')).out, `${d.id}: assigned to Sam Roe`);
    assert.strictEqual(d.yaml().assignee, 'Sam Roe');
    assert.strictEqual((await run(d.dir, 'assign', ARTICLE, d.id, '--none')).out, `${d.id}: unassigned`);
    assert.strictEqual(d.yaml().assignee, undefined);
  });
});

describe('factmark check --require-reviews', () => {
  const check = async (dir: string, ...args: string[]) => {
    const r = await run(dir, 'check', '--json', ...args);
    const report = JSON.parse(r.out);
    return { code: r.code, claim: report.articles[0].claims[0] };
  };

  it('needs N sign-offs by others; a self-review does not count; a changed verdict needs them again; disputes fail', async () => {
    const d = await desk();
    assert.strictEqual((await check(d.dir)).code, 0, 'no reviews required by default');
    let r = await check(d.dir, '--require-reviews', '1');
    assert.strictEqual(r.code, 1);
    assert.deepStrictEqual(r.claim.violations, ['needs 1 sign-off of “True” by someone other than its rater, has none']);
    assert.deepStrictEqual(r.claim.review, { state: 'awaiting', approvedBy: [], disputedBy: [], required: 1 });
    assert.strictEqual(r.claim.rater, 'Jane Doe');

    // A review written by hand under the rater's own name is in the file but does not count.
    const file = path.join(d.dir, SIDECAR);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('    created:', '    reviews:\n      - by: jane doe\n        date: 2030-01-01T00:00:00Z\n        verdict: approve\n        status: accurate\n    created:'));
    r = await check(d.dir, '--require-reviews', '1');
    assert.strictEqual(r.code, 1);
    assert.strictEqual(r.claim.reviews.length, 1);

    assert.strictEqual((await run(d.dir, 'review', ARTICLE, d.id, '--approve', '--by', 'Ann Lee')).code, 0);
    r = await check(d.dir, '--require-reviews', '1');
    assert.strictEqual(r.code, 0, JSON.stringify(r.claim.violations));
    assert.deepStrictEqual(r.claim.review.approvedBy, ['Ann Lee']);
    assert.strictEqual((await check(d.dir, '--require-reviews', '2')).code, 1);

    // The verdict changes: Ann's sign-off was of the old one.
    assert.strictEqual((await run(d.dir, 'status', ARTICLE, d.id, 'mostly-accurate', '--reason', 'Renewable.')).code, 0);
    r = await check(d.dir, '--require-reviews', '1');
    assert.strictEqual(r.code, 1);
    assert.strictEqual(r.claim.log.length, 1);
    assert.strictEqual(r.claim.log[0].reason, 'Renewable.');

    assert.strictEqual((await run(d.dir, 'review', ARTICLE, d.id, '--approve', '--by', 'Ann Lee')).code, 0);
    assert.strictEqual((await run(d.dir, 'review', ARTICLE, d.id, '--dispute', '--by', 'Bo Kim', '--note', 'Article 26 too.')).code, 0);
    r = await check(d.dir, '--require-reviews', '1');
    assert.strictEqual(r.code, 1);
    assert.deepStrictEqual(r.claim.violations, ['“Mostly true” is disputed by Bo Kim: Article 26 too.']);
    const text = await run(d.dir, 'check');
    assert.strictEqual(text.code, 0, 'without a sign-off rule a dispute is shown, not failed');
    assert.match(text.out, /✓ signed off by Ann Lee\n\s+⚑ disputed by Bo Kim/);
  });

  it('.factmark.yaml sets the policy; the flag overrides it', async () => {
    const d = await desk();
    fs.writeFileSync(path.join(d.dir, '.factmark.yaml'), 'requireReviews: 1\nrequireSources: true\n');
    assert.strictEqual((await check(d.dir)).code, 1);
    assert.strictEqual((await check(d.dir, '--require-reviews', '0')).code, 0);
    assert.strictEqual((await run(d.dir, 'check', '--require-reviews', 'two')).code, 2);
    // The review command reports progress against the repository's rule.
    fs.writeFileSync(path.join(d.dir, '.factmark.yaml'), 'requireReviews: 2\n');
    assert.match((await run(d.dir, 'review', ARTICLE, d.id, '--approve', '--by', 'Ann Lee')).out, /1 of 2 sign-offs$/);
  });
});

describe('sign-offs on two branches, merged by real git with the merge driver', function () {
  this.timeout(60_000);

  it('keeps both approvals and a status change, with no conflict', async () => {
    const d = await desk();
    assert.strictEqual((await run(d.dir, 'install-git', '--command', `node ${JSON.stringify(builtCli())}`)).code, 0);
    d.git('add', '-A');
    d.git('commit', '-q', '-m', 'rated');
    d.git('checkout', '-q', '-b', 'second');
    assert.strictEqual((await run(d.dir, 'review', ARTICLE, d.id, '--approve', '--by', 'Bo Kim')).code, 0);
    d.git('commit', '-q', '-am', 'Bo signs off');
    d.git('checkout', '-q', 'main');
    assert.strictEqual((await run(d.dir, 'review', ARTICLE, d.id, '--approve', '--by', 'Ann Lee', '--note', 'Checked.')).code, 0);
    d.git('commit', '-q', '-am', 'Ann signs off');
    const merged = spawnSync('git', ['merge', '--no-edit', 'second'], { cwd: d.dir, encoding: 'utf8' });
    assert.strictEqual(merged.status, 0, merged.stdout + merged.stderr + d.text());
    assert.deepStrictEqual(d.yaml().reviews.map((r: any) => r.by).sort(), ['Ann Lee', 'Bo Kim']);
    const r = await run(d.dir, 'check', '--require-reviews', '2');
    assert.strictEqual(r.code, 0, r.out);

    // Now a correction on one branch and a dispute on the other: both kept, in date order.
    d.git('checkout', '-q', '-b', 'third');
    assert.strictEqual((await run(d.dir, 'review', ARTICLE, d.id, '--dispute', '--by', 'Cy Park', '--note', 'Renewable.')).code, 0);
    d.git('commit', '-q', '-am', 'Cy disputes');
    d.git('checkout', '-q', 'main');
    assert.strictEqual((await run(d.dir, 'status', ARTICLE, d.id, 'mostly-accurate', '--reason', 'Renewable every five years.')).code, 0);
    d.git('commit', '-q', '-am', 'Jane corrects');
    const again = spawnSync('git', ['merge', '--no-edit', 'third'], { cwd: d.dir, encoding: 'utf8' });
    assert.strictEqual(again.status, 0, again.stdout + again.stderr + d.text());
    const c = d.yaml();
    assert.strictEqual(c.status, 'mostly-accurate');
    assert.deepStrictEqual(c.reviews.map((x: any) => `${x.by} ${x.verdict} ${x.status}`).sort(), ['Ann Lee approve accurate', 'Bo Kim approve accurate', 'Cy Park dispute accurate']);
    assert.deepStrictEqual(c.log.map((l: any) => [l.from, l.to]), [['accurate', 'mostly-accurate']]);
    const dates = c.reviews.map((x: any) => x.date);
    assert.deepStrictEqual(dates, [...dates].sort(), 'reviews in date order');
  });
});
