// Two branches that change different claims of one sidecar, each written with serializeSidecar,
// must merge with real `git merge` and no conflict.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Claim, Sidecar } from '../../src/core/model';
import { serializeSidecar } from '../../src/core/sidecar/sidecarYaml';
import { claim, load } from '../fixtures/sidecars/fixtures';

const FILE = 'treaty.md.claims.yaml';

function repo(): { git: (...args: string[]) => string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-merge-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Factmark Test');
  git('config', 'user.email', 'test@factmark.invalid');
  git('config', 'commit.gpgsign', 'false');
  return { git, dir };
}

function commit(r: ReturnType<typeof repo>, text: string, message: string): void {
  fs.writeFileSync(path.join(r.dir, FILE), text);
  r.git('add', FILE);
  r.git('commit', '-q', '-m', message);
}

const T0 = '2026-11-28T12:00:00Z';
const base: Sidecar = {
  factmark: 1, article: 'treaty.md',
  claims: ['aaaaaa', 'bbbbbb', 'cccccc', 'dddddd'].map((id, i) => claim(id, {
    offset: (i + 1) * 1000, line: (i + 1) * 10, created: T0, updated: T0, by: 'Jane Doe',
    sources: [{ url: `https://example.org/${id}`, stance: 'supports' }],
  })),
};

/** Edits a claim the way the extension does: new status, new timestamp, new author. */
function rate(sidecar: Sidecar, id: string, status: string, by: string): Sidecar {
  const next = structuredClone(sidecar);
  const c = next.claims.find((x) => x.id === id)!;
  Object.assign(c, { status, updated: '2026-11-29T10:00:00Z', by, explanation: `Checked by ${by}.\nSee sources.\n` });
  return next;
}

function add(sidecar: Sidecar, c: Claim): Sidecar {
  const next = structuredClone(sidecar);
  next.claims.push(c);
  return next;
}

function remove(sidecar: Sidecar, id: string): Sidecar {
  return { ...structuredClone(sidecar), claims: sidecar.claims.filter((c) => c.id !== id) };
}

function mergeBoth(ours: (s: Sidecar) => Sidecar, theirs: (s: Sidecar) => Sidecar): Sidecar {
  const r = repo();
  try {
    const baseText = serializeSidecar(base);
    commit(r, baseText, 'base');
    const loaded = load(baseText);
    r.git('checkout', '-q', '-b', 'theirs');
    commit(r, serializeSidecar(theirs(loaded.sidecar), loaded), 'theirs');
    r.git('checkout', '-q', 'main');
    commit(r, serializeSidecar(ours(loaded.sidecar), loaded), 'ours');
    try {
      r.git('merge', '-q', '--no-edit', 'theirs');
    } catch (e) {
      assert.fail(`git merge conflicted:\n${fs.readFileSync(path.join(r.dir, FILE), 'utf8')}\n${String((e as { stdout?: string }).stdout)}`);
    }
    return load(fs.readFileSync(path.join(r.dir, FILE), 'utf8')).sidecar;
  } finally {
    fs.rmSync(r.dir, { recursive: true, force: true });
  }
}

const statusOf = (s: Sidecar) => Object.fromEntries(s.claims.map((c) => [c.id, c.status]));

describe('git merge of sidecars written by serializeSidecar', function () {
  this.timeout(30000);

  it('merges edits of two neighbouring claims', () => {
    const merged = mergeBoth((s) => rate(s, 'bbbbbb', 'accurate', 'Ann'), (s) => rate(s, 'cccccc', 'inaccurate', 'Bob'));
    assert.deepStrictEqual(statusOf(merged), { aaaaaa: 'unverified', bbbbbb: 'accurate', cccccc: 'inaccurate', dddddd: 'unverified' });
  });

  it('merges a new claim on one side with an edit of the claim after it on the other', () => {
    const merged = mergeBoth((s) => add(s, claim('newone', { offset: 2500, status: 'in-progress' })), (s) => rate(s, 'cccccc', 'mixed', 'Bob'));
    assert.deepStrictEqual(merged.claims.map((c) => c.id), ['aaaaaa', 'bbbbbb', 'newone', 'cccccc', 'dddddd']);
    assert.deepStrictEqual(statusOf(merged), { aaaaaa: 'unverified', bbbbbb: 'unverified', newone: 'in-progress', cccccc: 'mixed', dddddd: 'unverified' });
  });

  it('merges a new claim plus an edit on one side with an edit of another claim on the other', () => {
    const merged = mergeBoth(
      (s) => rate(add(s, claim('newone', { offset: 1500 })), 'dddddd', 'misleading', 'Ann'),
      (s) => rate(s, 'aaaaaa', 'accurate', 'Bob'));
    assert.deepStrictEqual(merged.claims.map((c) => c.id), ['aaaaaa', 'newone', 'bbbbbb', 'cccccc', 'dddddd']);
    assert.strictEqual(statusOf(merged).aaaaaa, 'accurate');
    assert.strictEqual(statusOf(merged).dddddd, 'misleading');
  });

  it('merges claims added at different places on both sides', () => {
    const merged = mergeBoth((s) => add(s, claim('early1', { offset: 500 })), (s) => add(s, claim('late22', { offset: 3500 })));
    assert.deepStrictEqual(merged.claims.map((c) => c.id), ['early1', 'aaaaaa', 'bbbbbb', 'cccccc', 'late22', 'dddddd']);
  });

  it('merges a claim appended after the last one with an edit of that last claim', () => {
    const merged = mergeBoth((s) => add(s, claim('append', { offset: 9000 })), (s) => rate(s, 'dddddd', 'inaccurate', 'Bob'));
    assert.deepStrictEqual(merged.claims.map((c) => c.id), ['aaaaaa', 'bbbbbb', 'cccccc', 'dddddd', 'append']);
    assert.strictEqual(statusOf(merged).dddddd, 'inaccurate');
  });

  it('merges a deleted claim with an edit of a different one', () => {
    const merged = mergeBoth((s) => remove(s, 'bbbbbb'), (s) => rate(s, 'cccccc', 'accurate', 'Bob'));
    assert.deepStrictEqual(merged.claims.map((c) => c.id), ['aaaaaa', 'cccccc', 'dddddd']);
    assert.strictEqual(statusOf(merged).cccccc, 'accurate');
  });
});
