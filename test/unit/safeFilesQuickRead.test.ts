// readConfined (the extension's reads) takes a short path for a regular file that is not a link
// (lstat, realpath, open, fstat, one read) and runs the full steps otherwise. Its answer must be
// the full steps' answer — readConfinedSync runs them unchanged — for every file of a generated
// archive and every hostile kind of file: links in, out, into .git, dangling, in a loop, through a
// linked folder, FIFOs, folders, CRLF, BOM, not UTF-8, empty, at and past the size limit; through
// a linked root too, and with a realRoot given (right, or wrong: a refusal is never taken from it).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { generateWorkspace } from '../../bench/generateWorkspace';
import { readConfined, readConfinedSync, realRootSync, type ReadOptions } from '../../src/node/safeFiles';

import nodeFs = require('fs');

describe('readConfined\'s short path answers as the full steps', () => {
  let dir: string;
  let repo: string;
  let linked: string;
  const names: string[] = [];
  before(function () {
    this.timeout(20_000);
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-quick-')));
    repo = path.join(dir, 'repo');
    const g = generateWorkspace(repo, { articles: 40, seed: 3, claims: [3, 12], bytes: [800, 6000] });
    for (const a of g.articles) names.push(a, `${a}.claims.yaml`);
    const put = (name: string, bytes: string | Buffer) => { fs.mkdirSync(path.dirname(path.join(repo, name)), { recursive: true }); fs.writeFileSync(path.join(repo, name), bytes); names.push(name); };
    const link = (target: string, name: string) => { fs.symlinkSync(target, path.join(repo, name)); names.push(name); };
    put('crlf.md', 'One line.\r\nTwo lines.\r\n');
    put('bom.md.claims.yaml', '\ufefffactmark: 1\narticle: bom.md\nclaims: []\n');
    put('latin1.md', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    put('empty.md', '');
    put('at-limit.md', Buffer.alloc(4096, 0x61));
    put('over-limit.md', Buffer.alloc(4097, 0x61));
    put('huge.md', Buffer.alloc(3 << 20, 0x62));
    put('emoji.md', 'Spending 🎉 rose “sharply” — 中文 ٢٠٢٤\n');
    fs.mkdirSync(path.join(repo, '.git'), { recursive: true });
    fs.writeFileSync(path.join(repo, '.git', 'config'), '[core]\n');
    names.push('.git/config');
    fs.writeFileSync(path.join(dir, 'secret.md'), 'outside\n');
    fs.mkdirSync(path.join(dir, 'elsewhere'));
    fs.writeFileSync(path.join(dir, 'elsewhere', 'x.md'), 'outside too\n');
    link(path.join(repo, 'crlf.md'), 'inside-link.md');
    link('crlf.md', 'relative-link.md');
    link(path.join(dir, 'secret.md'), 'outside-link.md');
    link(path.join(repo, '.git', 'config'), 'git-link.md');
    link(path.join(repo, 'nothing.md'), 'dangling.md');
    link('loop-b.md', 'loop-a.md');
    link('loop-a.md', 'loop-b.md');
    link(path.join(repo, 'politics'), 'linked-desk');
    names.push(`linked-desk/${fs.readdirSync(path.join(repo, 'politics'))[0]}/01/nothing.md`);
    link(path.join(dir, 'elsewhere'), 'outside-desk');
    names.push('outside-desk/x.md');
    link(path.join(repo, '.git'), 'git-desk');
    names.push('git-desk/config');
    fs.mkdirSync(path.join(repo, 'folder.md'));
    names.push('folder.md', 'missing.md', 'crlf.md/under-a-file.md', 'no/such/folder.md');
    execFileSync('mkfifo', [path.join(repo, 'fifo.md.claims.yaml')]);
    names.push('fifo.md.claims.yaml');
    linked = path.join(dir, 'linked-repo');
    fs.symlinkSync(repo, linked);
    // Every file of a desk folder through the linked desk (inside: read).
    const desk = path.join(repo, 'politics');
    for (const f of fs.readdirSync(desk, { recursive: true }) as string[]) if (fs.statSync(path.join(desk, f)).isFile()) names.push(`linked-desk/${f}`);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cases = () => [
    ...[false, true].map((viaLink) => ({ label: viaLink ? 'linked root' : 'root', root: viaLink ? linked : repo, realRoot: undefined as string | undefined })),
    { label: 'realRoot given', root: linked, realRoot: repo },
  ];

  it('the same answer for every file, and each kind of answer is covered', async function () {
    this.timeout(20_000);
    const codes = new Set<string>();
    for (const c of cases()) {
      for (const name of names) {
        const file = path.join(c.root, name);
        const o: ReadOptions = { root: c.root, realRoot: c.realRoot, maxBytes: name === 'huge.md' ? 4 << 20 : name.endsWith('limit.md') ? 4096 : 1 << 20, what: 'article' };
        const quick = await readConfined(file, o);
        const full = readConfinedSync(file, { root: c.root, maxBytes: o.maxBytes, what: o.what });
        assert.deepStrictEqual(quick, full, `${c.label}: ${name}`);
        codes.add(quick.ok ? 'ok' : quick.missing ? 'missing' : quick.problem.code);
      }
    }
    assert.deepStrictEqual([...codes].sort(), ['dangling-link', 'inside-git', 'link-loop', 'missing', 'not-a-file', 'ok', 'outside-root', 'too-large']);
  });

  it('a wrong realRoot never refuses a file: the refusal is checked with the root resolved afresh', async () => {
    const file = path.join(repo, 'crlf.md');
    const read = await readConfined(file, { root: repo, realRoot: path.join(dir, 'elsewhere'), maxBytes: 1000, what: 'article' });
    assert.deepStrictEqual(read, readConfinedSync(file, { root: repo, maxBytes: 1000, what: 'article' }));
    assert.ok(read.ok);
  });

  it('a regular file takes five awaited calls and one close, not the full steps\' nine', async () => {
    const p = nodeFs.promises as unknown as Record<string, (...a: unknown[]) => unknown>;
    const f = nodeFs as unknown as Record<string, (...a: unknown[]) => unknown>;
    // [holder, name, label]: the promise calls, and the callback calls on a plain descriptor.
    const counted: [Record<string, (...a: unknown[]) => unknown>, string, string][] = [
      ...['lstat', 'stat', 'realpath', 'open'].map((k): [typeof p, string, string] => [p, k, k]),
      ...['open', 'fstat', 'read', 'close'].map((k): [typeof f, string, string] => [f, k, `fd ${k}`]),
    ];
    const originals = counted.map(([h, k]) => h[k]);
    const calls: string[] = [];
    counted.forEach(([h, k, label], i) => { h[k] = (...a: unknown[]) => { calls.push(label); return originals[i].apply(h, a); }; });
    try {
      const file = path.join(repo, names[0]);
      const read = await readConfined(file, { root: repo, realRoot: realRootSync(repo), maxBytes: 1 << 20, what: 'article' });
      assert.ok(read.ok);
      assert.deepStrictEqual(calls, ['lstat', 'realpath', 'fd open', 'fd fstat', 'fd read', 'fd close']);
      calls.length = 0;
      // A link: the full steps (lstat and realpath again, the root resolved, stat, a FileHandle).
      await readConfined(path.join(repo, 'inside-link.md'), { root: repo, realRoot: repo, maxBytes: 1 << 20, what: 'article' });
      assert.deepStrictEqual(calls.slice(0, 6), ['lstat', 'lstat', 'realpath', 'realpath', 'stat', 'open']);
    } finally {
      counted.forEach(([h, k], i) => { h[k] = originals[i]; });
    }
  });
});
