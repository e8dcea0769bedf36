// Set Up Git Merging for Sidecars, for the user who has only the extension: in the workspace
// copy (a git repository with no package.json), the command writes .gitattributes and a driver
// that runs the extension's own CLI through the shim in its global storage; then a real
// `git merge` of two branches that each added a claim next to the other's merges cleanly — with
// no `node` on git's PATH, so the shim runs the CLI with VS Code's own runtime. A plain line
// merge of the same versions conflicts, so the clean merge is the driver's doing.
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { api, extension, workspaceRoot } from './helpers';
import { ARTICLE, markWords, openNewArticle, readFile, sidecarOf, uniqueName, waitFor } from './claimFiles';

describe('Set Up Git Merging for Sidecars', () => {
  before(async () => { await (await api()).ready; });

  it('makes a repository without package.json merge sidecars claim by claim, even with no node on PATH', async () => {
    const factmark = await api();
    const root = workspaceRoot().fsPath;
    const git = (...args: string[]) => execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    assert.ok(!fs.existsSync(path.join(root, 'package.json')), 'the workspace is a Node project');

    const report = await vscode.commands.executeCommand<string>('factmark.setUpGitMerging');
    assert.match(String(report), /(created|added to) \.gitattributes: \*\.claims\.yaml merge=factmark/);
    assert.ok(fs.readFileSync(path.join(root, '.gitattributes'), 'utf8').split('\n').includes('*.claims.yaml merge=factmark'));
    const driver = git('config', '--get', 'merge.factmark.driver').trim();
    const shim = /^'([^']+)' merge-driver %O %A %B %P$/.exec(driver)?.[1];
    assert.ok(shim, `unexpected driver command: ${driver}`);
    // The shim and its copy of the CLI live outside the extension's folder, which updates replace.
    const inExtension = path.relative(extension().extensionPath, shim);
    assert.ok(inExtension.startsWith('..'), `the shim ${shim} is inside the extension`);
    assert.ok(fs.statSync(shim).mode & 0o100, 'the shim is not executable');
    assert.deepStrictEqual(fs.readFileSync(path.join(path.dirname(shim), 'cli.js')), fs.readFileSync(path.join(extension().extensionPath, 'dist', 'cli.js')));
    // Running it again changes nothing.
    assert.match(String(await vscode.commands.executeCommand<string>('factmark.setUpGitMerging')), /already has/);

    const start = git('rev-parse', '--abbrev-ref', 'HEAD').trim();
    const branch = `theirs-${Date.now().toString(36)}`;
    const editor = await openNewArticle(uniqueName('merge'), ARTICLE);
    const article = editor.document.uri;
    const sidecar = sidecarOf(article);
    const files = [path.basename(article.fsPath), path.basename(sidecar.fsPath)];
    const claimIds = () => factmark.claimsOf(article).map((e) => e.claim.id);

    const base = await markWords(editor, 'a budget of £412 million');
    await factmark.flush();
    git('add', '.gitattributes', ...files);
    git('commit', '-q', '-m', 'base: one claim');

    git('checkout', '-q', '-b', branch);
    const theirs = await markWords(editor, 'Spending on housing rises to £58 million');
    await factmark.flush();
    git('commit', '-q', '-m', 'theirs: a claim on housing', '--', ...files);

    git('checkout', '-q', start);
    await waitFor('the sidecar of the checkout to be read', () => JSON.stringify(claimIds()) === JSON.stringify([base.id]), 20_000);
    const ours = await markWords(editor, 'the largest increase of any department');
    await factmark.flush();
    git('commit', '-q', '-m', 'ours: a claim next to theirs', '--', ...files);

    // Without the driver, git's line merge conflicts on these versions (both added a claim at the same place).
    const rel = path.relative(root, sidecar.fsPath).split(path.sep).join('/');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-linemerge-'));
    const version = (rev: string) => { const f = path.join(tmp, rev.replace(/\W/g, '_')); fs.writeFileSync(f, git('show', `${rev}:${rel}`)); return f; };
    const lineMerge = spawnSync('git', ['merge-file', '-p', version(start), version(`${start}~1`), version(branch)], { encoding: 'utf8' });
    assert.ok((lineMerge.status ?? 0) > 0, 'a line merge of these versions would have been clean: the test proves nothing');

    // git with nothing but itself on PATH: no node for the shim to find.
    const bin = path.join(tmp, 'bin');
    fs.mkdirSync(bin);
    fs.symlinkSync(execFileSync('/bin/sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim(), path.join(bin, 'git'));
    const env = { ...process.env, PATH: bin };
    assert.notStrictEqual(spawnSync('/bin/sh', ['-c', 'command -v node'], { env }).status, 0, 'node is still on PATH');
    const merge = spawnSync(path.join(bin, 'git'), ['-c', 'commit.gpgsign=false', 'merge', '--no-edit', branch], { cwd: root, env, encoding: 'utf8' });
    fs.rmSync(tmp, { recursive: true, force: true });
    assert.strictEqual(merge.status, 0, `git merge failed:\n${merge.stdout}${merge.stderr}`);
    assert.doesNotMatch(merge.stdout + merge.stderr, /CONFLICT/);

    const merged = await readFile(sidecar);
    assert.ok(merged !== undefined && !/^(<{7}|={7}|>{7})/m.test(merged), `conflict markers in:\n${merged}`);
    const yaml = parse(merged) as { claims: { id: string; quote: string }[] };
    assert.deepStrictEqual(yaml.claims.map((c) => c.id).sort(), [base.id, theirs.id, ours.id].sort());
    // The extension reads the merged file: all three claims, each on its words.
    await waitFor('the merged sidecar to be read', () => claimIds().length === 3, 20_000);
    for (const e of factmark.claimsOf(article)) assert.strictEqual(e.state, 'anchored', `${e.claim.quote}: ${e.state}`);
    assert.strictEqual(git('status', '--porcelain', '--', ...files).trim(), '', 'the merge left the files changed');
  });
});
