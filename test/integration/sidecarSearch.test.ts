// The desktop's start-up scan lists the workspace folders itself to find the sidecars, instead
// of VS Code's file search (issue 13: 0.9–1.3 s of a warm start at 5,000 articles). It must find
// exactly what findFiles finds, and give up (findFiles is asked) wherever it could differ. Each
// case here compares the two on the same files in the real VS Code, findFiles being the truth.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import * as vscode from 'vscode';
import { api, workspaceRoot } from './helpers';
import { uniqueName } from './claimFiles';

function tree(root: string, files: readonly string[]): void {
  for (const f of files) {
    const p = path.join(root, f);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, 'factmark: 1\n');
  }
}

describe('finding the sidecars: the desktop\'s own listing against VS Code\'s file search', () => {
  let root: string;
  before(async function () {
    const factmark = await api();
    await factmark.ready;
    if (factmark.platform !== 'node') this.skip();
  });
  beforeEach(() => {
    root = path.join(workspaceRoot().fsPath, uniqueName('search').replace(/\.md$/, ''));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('the start-up scan listed the folders itself (the workspace has no link at start-up)', async () => {
    const factmark = await api();
    const s = factmark.perf().sidecarSearch;
    assert.ok(s, 'the start-up scan says how it found the sidecars');
    assert.strictEqual(s.how, 'listed', `listed, not searched: ${JSON.stringify(s)}`);
    assert.strictEqual(s.why, undefined);
  });

  it('finds the same files: hidden ones, deep ones, odd names, none under node_modules, .git or .vscode-test or what files.exclude names, whatever search.exclude and .gitignore say', async function () {
    this.timeout(60_000);
    const factmark = await api();
    const included = [
      'a.md.claims.yaml',
      'sub/b.md.claims.yaml',
      'deep/1/2/3/4/5/c.md.claims.yaml',
      '.hidden/d.md.claims.yaml',
      '.e.md.claims.yaml',
      '.claims.yaml',
      'node_modules.claims.yaml',
      'x.claims.yaml/j.md.claims.yaml',
      'ignored/k.md.claims.yaml',
      'searched-out/m.md.claims.yaml',
      'weird name #1 %20 [x] {a,b} é 日本.md.claims.yaml',
      'git/n.md.claims.yaml',
      'sub/.gitx/o.md.claims.yaml',
    ];
    const excluded = [
      'node_modules/f.md.claims.yaml',
      'sub/node_modules/pkg/g.md.claims.yaml',
      '.git/h.md.claims.yaml',
      'sub/.vscode-test/i.md.claims.yaml',
      'a.md.claims.yml',
      'a.md.claims.yaml.bak',
      'A.MD.CLAIMS.YAML',
      'a.md',
      // files.exclude, which findFiles applies: this test's entry and VS Code's defaults.
      'hidden-by-setting/l.md.claims.yaml',
      'sub/hidden-by-setting/deeper/l2.md.claims.yaml',
      'sub/x.old.md.claims.yaml',
      '.hg/p.md.claims.yaml',
      '.svn/q.md.claims.yaml',
    ];
    tree(root, [...included, ...excluded]);
    fs.writeFileSync(path.join(root, '.gitignore'), 'ignored/\n*.claims.yaml\n');
    const files = vscode.workspace.getConfiguration('files');
    const search = vscode.workspace.getConfiguration('search');
    const before = { files: files.inspect('exclude')?.workspaceValue, search: search.inspect('exclude')?.workspaceValue };
    await files.update('exclude', { '**/hidden-by-setting': true, '**/*.old.md.claims.yaml': true }, vscode.ConfigurationTarget.Workspace);
    await search.update('exclude', { '**/searched-out': true }, vscode.ConfigurationTarget.Workspace);
    try {
      const both = await factmark.searchSidecarsBothWays(vscode.Uri.file(root));
      const expected = included.map((f) => vscode.Uri.file(path.join(root, f)).toString()).sort();
      assert.deepStrictEqual(both.found, expected, 'VS Code\'s file search finds these (what the listing must match)');
      assert.deepStrictEqual(both.listed, both.found, 'the listing finds exactly what the file search finds');
    } finally {
      await files.update('exclude', before.files, vscode.ConfigurationTarget.Workspace);
      await search.update('exclude', before.search, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('a files.exclude pattern other than **/<name> or **/*<ending>: the listing gives up and says why (findFiles applies it)', async function () {
    this.timeout(30_000);
    const factmark = await api();
    tree(root, ['a.md.claims.yaml', 'draft-b.md.claims.yaml']);
    const files = vscode.workspace.getConfiguration('files');
    const before = files.inspect('exclude')?.workspaceValue;
    await files.update('exclude', { '**/draft-*.md.claims.yaml': true }, vscode.ConfigurationTarget.Workspace);
    try {
      const both = await factmark.searchSidecarsBothWays(vscode.Uri.file(root));
      assert.deepStrictEqual(both.found, [vscode.Uri.file(path.join(root, 'a.md.claims.yaml')).toString()], 'findFiles applies files.exclude');
      assert.deepStrictEqual(both.listed, { why: 'files.exclude has the pattern "**/draft-*.md.claims.yaml", which only VS Code\'s search applies' });
    } finally {
      await files.update('exclude', before, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('a symbolic link anywhere outside the excluded folders: the listing gives up and says why (the file search follows links)', async () => {
    const factmark = await api();
    tree(root, ['a.md.claims.yaml', 'elsewhere/b.md.claims.yaml', 'node_modules/.bin/placeholder']);
    // In node_modules (skipped, as by the file search): no reason to give up.
    fs.symlinkSync('../placeholder', path.join(root, 'node_modules/.bin/tool'));
    const fine = await factmark.searchSidecarsBothWays(vscode.Uri.file(root));
    assert.deepStrictEqual(fine.listed, fine.found);
    // A linked folder: the file search finds the sidecar through it.
    fs.symlinkSync('elsewhere', path.join(root, 'linked'));
    const both = await factmark.searchSidecarsBothWays(vscode.Uri.file(root));
    assert.ok(both.found.some((u) => u.includes('/linked/')), `the file search follows the link: ${JSON.stringify(both.found)}`);
    assert.deepStrictEqual(both.listed, { why: 'the workspace has a symbolic link' });
  });

  it('a FIFO: the listing gives up and says why', async function () {
    const factmark = await api();
    tree(root, ['a.md.claims.yaml']);
    try { execFileSync('mkfifo', [path.join(root, 'pipe.md.claims.yaml')]); } catch { this.skip(); }
    const both = await factmark.searchSidecarsBothWays(vscode.Uri.file(root));
    assert.deepStrictEqual(both.listed, { why: 'the workspace has a file that is neither a folder nor a regular file' });
  });

  it('a folder it may not list: gives up and says why', async function () {
    const factmark = await api();
    tree(root, ['a.md.claims.yaml', 'locked/b.md.claims.yaml']);
    fs.chmodSync(path.join(root, 'locked'), 0o000);
    try {
      // (as root, every folder can be listed: nothing to give up on, and the two still agree)
      const both = await factmark.searchSidecarsBothWays(vscode.Uri.file(root));
      if (process.getuid?.() === 0) assert.deepStrictEqual(both.listed, both.found);
      else assert.deepStrictEqual(both.listed, { why: 'a folder could not be listed (EACCES)' });
    } finally {
      fs.chmodSync(path.join(root, 'locked'), 0o755);
    }
  });
});
