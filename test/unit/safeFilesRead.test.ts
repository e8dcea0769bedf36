// readConfined reads a file into one buffer of the size fstat gave (not a 1 MB buffer per read):
// the bytes must be exactly the file's at every size around the chunk boundaries, a file at the
// limit is read and one past it refused. The same for readConfinedSync (`factmark check`), which
// runs the same steps with synchronous calls.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readConfined, readConfinedSync, type ReadOptions, type ReadResult } from '../../src/node/safeFiles';

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
