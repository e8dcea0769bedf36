// Runs inside VS Code against the Factmark that test/harness/runVsix.ts installed from the .vsix
// (the production bundle), never the checkout: the extension under development is the empty
// test runner in ./runner/. Reaches Factmark only through its commands and activate()'s API.
import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { Worker } from 'worker_threads';
import { parse } from 'yaml';
import type { FactmarkApi } from '../../src/vscode/extension';

const extensionId = 'factmark.factmark';
// Set by the runner for code-server and so for its extension host.
const extensionsDir = process.env.FACTMARK_VSIX_EXTENSIONS_DIR;
const expectedVersion = process.env.FACTMARK_VSIX_VERSION;

function factmark(): vscode.Extension<FactmarkApi> {
  const ext = vscode.extensions.getExtension<FactmarkApi>(extensionId);
  assert.ok(ext, `${extensionId} is not installed`);
  return ext;
}

describe('the packaged extension (.vsix) installed into VS Code', () => {
  it('is the copy installed into the extensions folder, not the checkout', () => {
    assert.ok(extensionsDir && expectedVersion, 'run this suite with `npm run test:vsix`');
    const ext = factmark();
    const inside = path.relative(fs.realpathSync(extensionsDir), fs.realpathSync(ext.extensionPath));
    assert.ok(inside && !inside.startsWith('..') && !path.isAbsolute(inside),
      `${ext.extensionPath} is not inside the extensions folder ${extensionsDir}`);
    assert.strictEqual(inside, `${extensionId}-${expectedVersion}`);
    assert.strictEqual(vscode.extensions.getExtension('factmark-tests.factmark-vsix-tests')?.isActive, false,
      'the test runner extension should contribute and activate nothing');
    // The production bundle: minified, without source maps or sources beside it.
    const bundle = path.join(ext.extensionPath, 'dist', 'extension.js');
    assert.ok(fs.existsSync(bundle), 'dist/extension.js is missing');
    assert.doesNotMatch(fs.readFileSync(bundle, 'utf8'), /sourceMappingURL/);
    for (const absent of ['src', 'test', 'node_modules', 'dist/extension.js.map']) {
      assert.ok(!fs.existsSync(path.join(ext.extensionPath, absent)), `${absent} was installed`);
    }
  });

  it('ships the cold scan\'s worker thread, and it digests an article', async function () {
    this.timeout(30_000);
    const ext = vscode.extensions.getExtension(extensionId)!;
    const script = path.join(ext.extensionPath, 'dist', 'scanWorker.js');
    assert.ok(fs.existsSync(script), 'dist/scanWorker.js is missing');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-vsix-worker-'));
    const text = 'The council approved a budget of £412 million on Monday.\n';
    const at = text.indexOf('£412 million');
    const articlePath = path.join(dir, 'a.md');
    fs.writeFileSync(articlePath, text);
    fs.writeFileSync(`${articlePath}.claims.yaml`, ['factmark: 1', 'article: a.md', 'claims:', '  - id: vsix01', '    quote: "£412 million"',
      `    before: ${JSON.stringify(text.slice(0, at))}`, `    after: ${JSON.stringify(text.slice(at + 12))}`, '    line: 1', `    offset: ${at}`,
      '    status: accurate', '    created: 2026-12-02T12:00:00Z', '    updated: 2026-12-02T12:00:00Z', ''].join('\n'));
    const hourAgo = new Date(Date.now() - 3600_000);
    for (const f of [articlePath, `${articlePath}.claims.yaml`]) fs.utimesSync(f, hourAgo, hourAgo);
    const key = vscode.Uri.file(articlePath).toString();
    const scale = { initial: 'unverified', statuses: [{ key: 'unverified', label: 'Unverified', settled: false }, { key: 'accurate', label: 'True', settled: true }] };
    const worker = new Worker(script, { workerData: { scale } });
    try {
      // (the worker's message: the entry's head as text, its body as bytes moved to this thread; see src/node/scanDigest.ts WireDigested)
      const [result] = await new Promise<{ key: string; head?: string; body?: Uint8Array; declined?: string }[]>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        const real = fs.realpathSync(dir);
        worker.postMessage([{ key, sidecarUri: `${key}.claims.yaml`, articleName: 'a.md', articlePath, sidecarPath: `${articlePath}.claims.yaml`, root: dir, realRoot: real }]);
      });
      assert.strictEqual(result.key, key);
      assert.ok(result.head && result.body, `declined: ${result.declined}`);
      const head = JSON.parse(result.head) as unknown[];
      assert.strictEqual(head[0], key);
      const body = Buffer.from(result.body).toString('latin1');
      assert.match(body, /"id":"vsix01"/);
      assert.match(body, /\["anchored",\d+,\d+/);
    } finally {
      await worker.terminate();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ships the start-up cache\'s reader thread, and it reads, hashes and indexes a cache file', async function () {
    this.timeout(30_000);
    const ext = vscode.extensions.getExtension(extensionId)!;
    const script = path.join(ext.extensionPath, 'dist', 'cacheReadWorker.js');
    assert.ok(fs.existsSync(script), 'dist/cacheReadWorker.js is missing');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-vsix-cache-'));
    const file = path.join(dir, 'startup-cache.json');
    const body = '["a"]\t[[],[]]\n["b"]\t[[1],[2]]';
    fs.writeFileSync(file, `{"factmarkStartupCache":2}\n${body}`);
    const worker = new Worker(script, { workerData: { file, maxBytes: 1 << 20 } });
    try {
      // (see src/node/cacheFileBytes.ts CacheBytes: the bytes and the lines moved to this thread)
      const m = await new Promise<{ ok: boolean; bytes: Uint8Array; nl: number; bodySha256: string; lines: Int32Array }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      assert.ok(m.ok);
      assert.strictEqual(Buffer.from(m.bytes).toString('latin1'), fs.readFileSync(file, 'latin1'));
      assert.strictEqual(m.bodySha256, createHash('sha256').update(body).digest('hex'));
      const nl = m.nl;
      assert.deepStrictEqual([...m.lines], [nl + 1, nl + 6, nl + 14, nl + 15, nl + 20, nl + 1 + body.length]);
    } finally {
      await worker.terminate();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('activates, and its API reports the version from package.json', async () => {
    const ext = factmark();
    const api = await ext.activate();
    assert.strictEqual(ext.isActive, true);
    assert.strictEqual(api.version, expectedVersion);
    assert.strictEqual(api.version, ext.packageJSON.version);
    await api.ready;
  });

  it('registers every command it contributes', async () => {
    const ext = factmark();
    await ext.activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = (ext.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    assert.ok(contributed.includes('factmark.markClaim') && contributed.length >= 20, `contributed: ${contributed.join(', ')}`);
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepStrictEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('marks and rates a claim in a workspace article through its commands', async () => {
    const api = await factmark().activate();
    await api.ready;
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    const article = vscode.Uri.joinPath(folder.uri, `vsix-${Date.now().toString(36)}.md`);
    const text = '# Budget\n\nThe council approved a budget of £412 million on Monday.\n';
    await vscode.workspace.fs.writeFile(article, new TextEncoder().encode(text));
    const words = 'a budget of £412 million';
    const start = text.indexOf(words);

    const ref = await vscode.commands.executeCommand<{ article: string; id: string }>(
      'factmark.markClaim', { uri: article, start, end: start + words.length });
    assert.ok(ref?.id, 'Mark Claim returned no claim');
    await vscode.commands.executeCommand('factmark.setStatus', ref, 'accurate');
    await api.flush();

    const sidecar = article.with({ path: article.path + '.claims.yaml' });
    const yaml = parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(sidecar)));
    assert.strictEqual(yaml.factmark, 1);
    assert.strictEqual(yaml.article, path.posix.basename(article.path));
    assert.deepStrictEqual(yaml.claims.map((c: { id: string }) => c.id), [ref.id]);
    assert.strictEqual(yaml.claims[0].quote, words);
    assert.strictEqual(yaml.claims[0].status, 'accurate');
    assert.deepStrictEqual(api.claimsOf(article).map((e) => e.claim.id), [ref.id]);
  });

  it('suggests claims with the trained model it ships (models/checkworthiness.json), not the fallback', async () => {
    const api = await factmark().activate();
    await api.ready;
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    const article = vscode.Uri.joinPath(folder.uri, `vsix-suggest-${Date.now().toString(36)}.md`);
    await vscode.workspace.fs.writeFile(article, new TextEncoder().encode('We have lost 750,000 manufacturing jobs since 2008.\n\nThank you very much.\n'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(article));
    const list = await vscode.commands.executeCommand<Array<{ text: string; reasons: string[]; features?: unknown[] }>>('factmark.suggestClaims');
    assert.deepStrictEqual(list?.map((s) => s.text), ['We have lost 750,000 manufacturing jobs since 2008.']);
    // Only the model names features; the cue heuristic (what a missing model falls back to) has none.
    assert.ok(list[0].features?.length && list[0].reasons.some((r) => r.startsWith('feature: ')), `not the model: ${JSON.stringify(list[0])}`);
    assert.ok(fs.existsSync(path.join(factmark().extensionPath, 'models', 'SOURCE.md')), 'the model ships without its source and licence');
  });
});
