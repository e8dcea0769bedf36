// `factmark merge-driver` with real `git merge` in temporary repositories (install-git has its
// own file, installGit.test.ts). git runs the built CLI (dist/cli.js) as the driver; the other
// commands run in-process through main().
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { builtCli } from '../fixtures/builtCli';
import { runCli as run } from '../fixtures/runCli';
import { anchorAll } from '../../src/core/anchoring/anchor';
import type { Sidecar } from '../../src/core/model';
import { splitConflicts } from '../../src/core/merge/splitConflicts';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar/sidecarYaml';

const ARTICLE = 'budget.md';
const SIDECAR = `${ARTICLE}.claims.yaml`;
const PARAS = [
  '# City budget',
  'The council approved the budget on Monday after a long debate.',
  'Spending on schools rose by 12 percent compared with last year.',
  'The mayor said the city would hire 40 new teachers by September.',
  'Road repairs received 3 million euros, the same as in 2023.',
  'The opposition voted against the plan, citing higher fees for parking.',
  'A final vote on the water tariff is expected in March.',
];

class Repo {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-driver-'));
  constructor() {
    this.git('init', '-q', '-b', 'main');
    this.git('config', 'user.name', 'Factmark Test');
    this.git('config', 'user.email', 'test@factmark.invalid');
    this.git('config', 'commit.gpgsign', 'false');
  }
  git(...args: string[]): string { return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }); }
  /** git merge without throwing: its status and output. */
  merge(branch: string): { status: number; output: string } {
    const r = spawnSync('git', ['merge', '--no-edit', branch], { cwd: this.dir, encoding: 'utf8' });
    return { status: r.status ?? -1, output: r.stdout + r.stderr };
  }
  read(file: string): string { return fs.readFileSync(path.join(this.dir, file), 'utf8'); }
  write(file: string, text: string): void { fs.writeFileSync(path.join(this.dir, file), text); }
  commitAll(message: string): void { this.git('add', '-A'); this.git('commit', '-q', '-m', message); }
  sidecar(): Sidecar {
    const r = parseSidecar(this.read(SIDECAR));
    assert.ok(r.ok, `the merged sidecar does not parse:\n${this.read(SIDECAR)}`);
    return r.loaded.sidecar;
  }
  /** Changes claims the way the extension does: parse, edit, write back over the same file. */
  editSidecar(f: (s: Sidecar) => void): void {
    const r = parseSidecar(this.read(SIDECAR));
    assert.ok(r.ok);
    const next = structuredClone(r.loaded.sidecar);
    f(next);
    this.write(SIDECAR, serializeSidecar(next, r.loaded));
  }
  async add(quote: string, ...more: string[]): Promise<string> {
    const r = await run(this.dir, 'add', ARTICLE, '--quote', quote, ...more);
    assert.strictEqual(r.code, 0, r.err);
    return r.out.trim();
  }
  /** Re-anchors after an article edit and stores the new positions, as the extension does on save. */
  reanchor(): void {
    const text = this.read(ARTICLE);
    this.editSidecar((s) => {
      anchorAll(text, s.claims).forEach((r, i) => { if (r.start !== undefined) { s.claims[i].offset = r.start; s.claims[i].line = text.slice(0, r.start).split('\n').length; } });
    });
  }
  remove(): void { fs.rmSync(this.dir, { recursive: true, force: true }); }
}

async function installed(): Promise<Repo> {
  const repo = new Repo();
  const r = await run(repo.dir, 'install-git', '--command', `node ${JSON.stringify(builtCli())}`);
  assert.strictEqual(r.code, 0, r.err);
  repo.write(ARTICLE, PARAS.join('\n\n') + '\n');
  return repo;
}

const statusById = (s: Sidecar) => Object.fromEntries(s.claims.map((c) => [c.id, c.status]));
const markers = (text: string) => text.split('\n').filter((l) => /^(<{7}|={7}|>{7})/.test(l));

describe('factmark merge-driver in real git merges', function () {
  this.timeout(120_000);
  let repo: Repo;
  let ids: Record<string, string>;

  beforeEach(async () => {
    repo = await installed();
    ids = {
      schools: await repo.add('Spending on schools rose by 12 percent'),
      roads: await repo.add('Road repairs received 3 million euros'),
    };
    repo.commitAll('base');
    repo.git('checkout', '-q', '-b', 'theirs');
  });
  afterEach(() => repo.remove());

  it('keeps claims added on both branches at the same place (a line merge would conflict)', async () => {
    const theirs = await repo.add('hire 40 new teachers');
    repo.commitAll('theirs: claim on teachers');
    repo.git('checkout', '-q', 'main');
    const ours = await repo.add('The council approved the budget on Monday');
    const ours2 = await repo.add('citing higher fees for parking');
    repo.commitAll('ours: two claims');
    const m = repo.merge('theirs');
    assert.strictEqual(m.status, 0, m.output + repo.read(SIDECAR));
    assert.deepStrictEqual(markers(repo.read(SIDECAR)), []);
    assert.deepStrictEqual(new Set(repo.sidecar().claims.map((c) => c.id)), new Set([ids.schools, ids.roads, theirs, ours, ours2]));
    // The same edits without the driver do conflict: the driver is what merged them.
    repo.git('config', '--unset', 'merge.factmark.driver');
    repo.git('reset', '-q', '--hard', 'HEAD~1');
    assert.notStrictEqual(repo.merge('theirs').status, 0, 'expected git\'s line merge to conflict here');
  });

  it('takes a change made on one branch and another made on the other', () => {
    repo.editSidecar((s) => { s.claims[0].status = 'accurate'; s.claims[0].explanation = 'Budget document, p. 4.'; });
    repo.commitAll('theirs: rate schools');
    repo.git('checkout', '-q', 'main');
    repo.editSidecar((s) => { s.claims[1].tags = ['roads']; });
    repo.commitAll('ours: tag roads');
    const m = repo.merge('theirs');
    assert.strictEqual(m.status, 0, m.output);
    const s = repo.sidecar();
    assert.strictEqual(statusById(s)[ids.schools], 'accurate');
    assert.deepStrictEqual(s.claims.find((c) => c.id === ids.roads)!.tags, ['roads']);
  });

  it('marks a claim rated differently on both branches, that claim only; the rest merges', async () => {
    repo.editSidecar((s) => { s.claims[0].status = 'inaccurate'; s.claims[1].explanation = 'Checked by theirs.'; });
    repo.commitAll('theirs');
    repo.git('checkout', '-q', 'main');
    repo.editSidecar((s) => { s.claims[0].status = 'accurate'; });
    const added = await repo.add('A final vote on the water tariff');
    repo.commitAll('ours');
    const m = repo.merge('theirs');
    assert.notStrictEqual(m.status, 0, 'git must report the conflict');
    assert.match(m.output, /CONFLICT/);
    assert.match(repo.git('status', '--porcelain'), new RegExp(`^UU ${SIDECAR.replace(/\./g, '\\.')}$`, 'm'));
    const text = repo.read(SIDECAR);
    assert.deepStrictEqual(markers(text), ['<<<<<<< ours', '=======', '>>>>>>> theirs']);
    const hunk = text.slice(text.indexOf('<<<<<<<'), text.indexOf('>>>>>>>'));
    assert.ok(hunk.includes(ids.schools) && !hunk.includes(ids.roads) && !hunk.includes(added), hunk);
    const outside = text.slice(0, text.indexOf('<<<<<<<')) + text.slice(text.indexOf('>>>>>>>'));
    assert.ok(outside.includes('Checked by theirs.') && outside.includes(added), 'the rest is merged');
    const sides = splitConflicts(text)!;
    for (const [side, status] of [[sides.ours, 'accurate'], [sides.theirs, 'inaccurate']]) {
      const p = parseSidecar(side);
      assert.ok(p.ok);
      assert.strictEqual(statusById(p.loaded.sidecar)[ids.schools], status);
      assert.strictEqual(p.loaded.sidecar.claims.length, 3);
    }
  });

  it('merges the article with git and the sidecar with the driver; then check anchors every claim', async () => {
    const a = repo.read(ARTICLE);
    repo.write(ARTICLE, a.replace('The council approved', 'After weeks of talks, the council finally approved'));
    repo.reanchor();
    const teachers = await repo.add('hire 40 new teachers');
    repo.editSidecar((s) => { s.claims.find((c) => c.id === ids.roads)!.status = 'accurate'; });
    repo.commitAll('theirs: article and claims');
    repo.git('checkout', '-q', 'main');
    repo.write(ARTICLE, 'Breaking: a new introduction.\n\n' + a.replace('A final vote on the water tariff', 'The last vote on the water tariff'));
    repo.reanchor();
    repo.editSidecar((s) => { s.claims.find((c) => c.id === ids.schools)!.status = 'mostly-accurate'; });
    repo.commitAll('ours: article and claims');
    const m = repo.merge('theirs');
    assert.strictEqual(m.status, 0, m.output + repo.read(SIDECAR));
    const article = repo.read(ARTICLE);
    assert.ok(article.startsWith('Breaking') && article.includes('finally approved') && article.includes('The last vote'));
    assert.deepStrictEqual(statusById(repo.sidecar()), { [ids.schools]: 'mostly-accurate', [teachers]: 'unverified', [ids.roads]: 'accurate' });
    const check = await run(repo.dir, 'check', '--json', '--fail-on', 'orphaned,ambiguous,changed');
    assert.strictEqual(check.code, 0, check.out);
    const claims = JSON.parse(check.out).articles[0].claims as { id: string; state: string; range: { text: string } }[];
    assert.strictEqual(claims.length, 3);
    for (const c of claims) assert.ok(['anchored', 'moved'].includes(c.state), JSON.stringify(c));
  });

  it('keeps comments and hand formatting either side changed, as git\'s line merge would (and the claims merge besides)', async () => {
    // theirs: a comment above the roads claim, a hand-folded explanation, and a rating.
    repo.write(SIDECAR, repo.read(SIDECAR).replace(`  - id: ${ids.roads}`, `  # checked against the council minutes\n  - id: ${ids.roads}`));
    repo.editSidecar((s) => { s.claims.find((c) => c.id === ids.roads)!.status = 'accurate'; });
    repo.commitAll('theirs: comment and rating');
    repo.git('checkout', '-q', 'main');
    // ours: a note at the top of the file, and a new claim (which a plain line merge would not need).
    repo.write(SIDECAR, '# Desk: Ana checks this article\n' + repo.read(SIDECAR));
    const added = await repo.add('A final vote on the water tariff');
    repo.commitAll('ours: note and claim');
    const m = repo.merge('theirs');
    assert.strictEqual(m.status, 0, m.output + repo.read(SIDECAR));
    const text = repo.read(SIDECAR);
    assert.ok(text.startsWith('# Desk: Ana checks this article\n'), text);
    assert.match(text, new RegExp(`  # checked against the council minutes\\n  - id: ${ids.roads}\\n`), 'theirs\' comment is not above its claim');
    assert.deepStrictEqual(statusById(repo.sidecar()), { [ids.schools]: 'unverified', [ids.roads]: 'accurate', [added]: 'unverified' });
  });

  it('takes a file-level field only theirs changed (published), and conflicts when both changed it differently', () => {
    const published = (headline: string) => ({ url: 'https://example.org/check', headline, date: '2026-11-30' });
    repo.editSidecar((s) => { s.published = published('Budget claims checked'); });
    repo.commitAll('theirs: published');
    repo.git('checkout', '-q', 'main');
    repo.editSidecar((s) => { s.claims[0].status = 'accurate'; });
    repo.commitAll('ours: rating');
    const m = repo.merge('theirs');
    assert.strictEqual(m.status, 0, m.output + repo.read(SIDECAR));
    assert.deepStrictEqual(repo.sidecar().published, published('Budget claims checked'));
    assert.strictEqual(statusById(repo.sidecar())[ids.schools], 'accurate');

    repo.git('reset', '-q', '--hard', 'HEAD~1');
    repo.editSidecar((s) => { s.published = published('What the budget really says'); });
    repo.commitAll('ours: another headline');
    const both = repo.merge('theirs');
    assert.notStrictEqual(both.status, 0, 'git must report the conflict');
    const text = repo.read(SIDECAR);
    assert.deepStrictEqual(markers(text), ['<<<<<<< ours', '=======', '>>>>>>> theirs'], text);
    assert.ok(text.includes('What the budget really says') && text.includes('Budget claims checked'), 'a side\'s headline is lost');
    assert.match(both.output, /published changed on both sides/);
  });

  it('conflicts, keeping both, when both sides changed the same comment differently', () => {
    const base = repo.read(SIDECAR);
    repo.write(SIDECAR, base.replace(`  - id: ${ids.roads}`, `  # source: the city's press office\n  - id: ${ids.roads}`));
    repo.commitAll('theirs: a comment');
    repo.git('checkout', '-q', 'main');
    repo.write(SIDECAR, base.replace(`  - id: ${ids.roads}`, `  # source: the budget document\n  - id: ${ids.roads}`));
    repo.commitAll('ours: another comment');
    const m = repo.merge('theirs');
    assert.notStrictEqual(m.status, 0, 'git must report the conflict');
    const text = repo.read(SIDECAR);
    assert.deepStrictEqual(markers(text), ['<<<<<<< ours', '=======', '>>>>>>> theirs'], text);
    assert.ok(text.includes("# source: the city's press office") && text.includes('# source: the budget document'), text);
  });

  it('falls back to a line merge with markers when a side is not a valid sidecar, losing neither', () => {
    repo.write(SIDECAR, repo.read(SIDECAR).replace('claims:', 'claims: [broken'));
    repo.commitAll('theirs: broken file');
    repo.git('checkout', '-q', 'main');
    repo.editSidecar((s) => { s.claims[0].status = 'accurate'; });
    repo.commitAll('ours');
    const m = repo.merge('theirs');
    assert.notStrictEqual(m.status, 0);
    assert.match(m.output, /not a valid sidecar|merging it line by line/);
    const text = repo.read(SIDECAR);
    assert.ok(text.includes('claims: [broken'), 'theirs is kept');
    assert.ok(text.includes('status: accurate'), 'ours is kept');
  });
});
