// readConfined reads a file into one buffer of the size fstat gave (not a 1 MB buffer per read):
// the bytes must be exactly the file's at every size around the chunk boundaries, a file at the
// limit is read and one past it refused. The same for readConfinedSync (`factmark check`), which
// runs the same steps with synchronous calls.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readConfined, readConfinedSync, realRootSync, type ReadOptions, type ReadResult } from '../../src/node/safeFiles';

const readers: [string, (file: string, o: ReadOptions) => ReadResult | Promise<ReadResult>][] = [['readConfined', readConfined], ['readConfinedSync', readConfinedSync]];

for (const [name, readFile] of readers) describe(`${name} reads exactly the file`, () => {
  let dir: string;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-read-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const size of [0, 1, 4095, 4096, 8191, 8192, 8193, 65_537, (1 << 20) - 1, 1 << 20, (1 << 20) + 3, 3 * (1 << 20) + 7]) {
    it(`${size} bytes`, async () => {
      const bytes = Buffer.alloc(size);
      for (let i = 0; i < size; i++) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
      const file = path.join(dir, `f${size}`);
      fs.writeFileSync(file, bytes);
      const read = await readFile(file, { root: dir, maxBytes: 4 << 20, what: 'sidecar' });
      assert.ok(read.ok);
      assert.strictEqual(read.bytes.length, size);
      assert.ok(Buffer.from(read.bytes).equals(bytes), 'the bytes differ');
    });
  }

  it('a file at the limit is read, one byte over it refused', async () => {
    const file = path.join(dir, 'limit');
    fs.writeFileSync(file, Buffer.alloc(1000, 0x61));
    const at = await readFile(file, { root: dir, maxBytes: 1000, what: 'sidecar' });
    assert.ok(at.ok && at.bytes.length === 1000);
    fs.writeFileSync(file, Buffer.alloc(1001, 0x61));
    const over = await readFile(file, { root: dir, maxBytes: 1000, what: 'sidecar' });
    assert.ok(!over.ok && !over.missing && over.problem.code === 'too-large', JSON.stringify(over));
  });
});

// `factmark check` resolves each root's real path once for the run (files.ts) and passes it as
// realRoot: every answer must be the one a read that resolves the root itself gives, through a
// linked root too, for every kind of file a hostile repository can hold.
describe('readConfinedSync with the root\'s real path given (realRoot)', () => {
  let dir: string;
  before(() => { dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-realroot-'))); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('answers as a read that resolves the root, with one realpath call less', () => {
    const real = path.join(dir, 'repo');
    fs.mkdirSync(path.join(real, '.git'), { recursive: true });
    fs.writeFileSync(path.join(real, '.git', 'config'), '[core]\n');
    fs.writeFileSync(path.join(real, 'a.md'), 'An article.\n');
    fs.writeFileSync(path.join(dir, 'secret'), 'outside\n');
    fs.symlinkSync(path.join(real, 'a.md'), path.join(real, 'inside-link.md'));
    fs.symlinkSync(path.join(dir, 'secret'), path.join(real, 'outside-link.md'));
    fs.symlinkSync(path.join(real, '.git', 'config'), path.join(real, 'git-link.md'));
    fs.symlinkSync(path.join(real, 'nothing'), path.join(real, 'dangling.md'));
    fs.mkdirSync(path.join(real, 'folder.md'));
    const linked = path.join(dir, 'linked-repo');
    fs.symlinkSync(real, linked);
    const names = ['a.md', 'inside-link.md', 'outside-link.md', 'git-link.md', 'dangling.md', 'folder.md', 'missing.md'];
    const native = fs.realpathSync.native;
    let calls = 0;
    (fs.realpathSync as { native: typeof native }).native = ((p: fs.PathLike) => { calls++; return native(p); }) as typeof native;
    try {
      const codes: string[] = [];
      for (const root of [real, linked]) {
        for (const name of names) {
          const file = path.join(root, name);
          const o = { root, maxBytes: 1000, what: 'article' };
          calls = 0;
          const resolved = readConfinedSync(file, o);
          const resolving = calls;
          const realRoot = realRootSync(root);
          calls = 0;
          const given = readConfinedSync(file, { ...o, realRoot });
          assert.deepStrictEqual(given, resolved, `${file}`);
          if (resolving === 2) assert.strictEqual(calls, 1, `${file}: the root resolved again`);
          codes.push(given.ok ? 'ok' : given.missing ? 'missing' : given.problem.code);
        }
      }
      // The cases are what they say (so the comparison above covers each kind of answer).
      const expected = ['ok', 'ok', 'outside-root', 'inside-git', 'dangling-link', 'not-a-file', 'missing'];
      assert.deepStrictEqual(codes, [...expected, ...expected]);
      // realRoot is what the file is confined to: another folder's refuses a file of this one.
      const other = readConfinedSync(path.join(real, 'a.md'), { root: real, realRoot: dir + path.sep + 'elsewhere', maxBytes: 1000, what: 'article' });
      assert.ok(!other.ok && !other.missing && other.problem.code === 'outside-root', JSON.stringify(other));
    } finally {
      (fs.realpathSync as { native: typeof native }).native = native;
    }
  });
});
