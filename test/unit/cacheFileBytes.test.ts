// Reading the start-up cache file on a worker thread (issue 13, warm start; src/node/cacheFileBytes.ts):
// the bytes, the body's SHA-256 and the lines' offsets must be exactly what the host would find
// itself, moved through a real MessagePort as the worker sends them; and anything that is not a
// regular file of the cache's size is refused at once (a FIFO is not waited on), with Node's code.
import * as assert from 'assert';
import { createHash } from 'crypto';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MessageChannel } from 'worker_threads';
import { lineIndex, readCacheBytes, type CacheBytes } from '../../src/node/cacheFileBytes';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-cache-bytes-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** What the host found before the read moved to a worker: each line's start, first tab (-1: none) and end, by indexOf. */
function reference(bytes: Buffer, from: number): number[] {
  const out: number[] = [];
  for (let at = from; at < bytes.length;) {
    const end = bytes.indexOf(0x0a, at);
    const stop = end < 0 ? bytes.length : end;
    const tab = bytes.indexOf(0x09, at);
    out.push(at, tab < 0 || tab > stop ? -1 : tab, stop);
    at = stop + 1;
  }
  return out;
}

describe('the start-up cache file read off the host (cacheFileBytes)', () => {
  it('gives the file\'s bytes, its body\'s SHA-256 and every line\'s start, tab and end', () => {
    const file = path.join(dir, 'cache.json');
    // A header, an entry, one without a tab (malformed: -1), one whose tab is on the next line, an empty line, no newline at the end.
    const text = '{"factmarkStartupCache":2}\n["k1"]\t[[],[]]\n["no tab"]\n["k2"]\n\t[1]\n\n["k3"]\t[[1],[2]]';
    fs.writeFileSync(file, text);
    const got = readCacheBytes(file, 1 << 20);
    assert.ok(got.ok);
    const bytes = Buffer.from(text);
    const nl = bytes.indexOf(0x0a);
    assert.ok(Buffer.from(got.bytes).equals(bytes));
    assert.strictEqual(got.nl, nl);
    assert.strictEqual(got.bodySha256, createHash('sha256').update(bytes.subarray(nl + 1)).digest('hex'));
    assert.deepStrictEqual([...got.lines], reference(bytes, nl + 1));
    // (the malformed line is marked as having no tab, not given the next line's)
    assert.strictEqual(got.lines[4], -1);
    assert.strictEqual(got.lines[7], -1);
  });

  it('indexes generated bodies exactly as indexOf does, with and without a final newline', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    for (let round = 0; round < 200; round++) {
      const parts: string[] = [];
      const n = next() % 40;
      for (let i = 0; i < n; i++) parts.push('ab\t\n'.charAt(next() % 4).repeat(next() % 5));
      const bytes = Buffer.from(`h\n${parts.join('')}`);
      assert.deepStrictEqual([...lineIndex(bytes, 2)], reference(bytes, 2), JSON.stringify(parts));
    }
  });

  it('moves the bytes and the lines to the host through a MessagePort as the worker sends them, not copied', async () => {
    const file = path.join(dir, 'cache.json');
    const text = `{"h":1}\n${Array.from({ length: 50 }, (_, i) => `["k${i}"]\t${'x'.repeat(i * 37)}`).join('\n')}`;
    fs.writeFileSync(file, text);
    const read = readCacheBytes(file, 1 << 20);
    assert.ok(read.ok);
    const want = { bytes: Buffer.from(read.bytes), lines: [...read.lines], nl: read.nl, sha: read.bodySha256 };
    const { port1, port2 } = new MessageChannel();
    const got = new Promise<CacheBytes>((resolve) => port2.once('message', resolve));
    port1.postMessage(read, [read.bytes.buffer as ArrayBuffer, read.lines.buffer as ArrayBuffer]);
    const m = await got;
    port1.close();
    port2.close();
    assert.strictEqual(read.bytes.byteLength, 0, 'the bytes were copied, not moved');
    assert.ok(m.ok);
    assert.ok(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength).equals(want.bytes));
    assert.deepStrictEqual([[...m.lines], m.nl, m.bodySha256], [want.lines, want.nl, want.sha]);
  });

  it('refuses what is not a regular file of the cache\'s size, at once, naming why', function () {
    this.timeout(10_000);
    assert.deepStrictEqual(readCacheBytes(path.join(dir, 'none.json'), 1 << 20), { ok: false, code: 'ENOENT' });
    fs.mkdirSync(path.join(dir, 'folder'));
    assert.deepStrictEqual(readCacheBytes(path.join(dir, 'folder'), 1 << 20), { ok: false, code: 'not a regular file' });
    const big = path.join(dir, 'big.json');
    fs.writeFileSync(big, Buffer.alloc((1 << 20) + 1, 0x61));
    assert.deepStrictEqual(readCacheBytes(big, 1 << 20), { ok: false, code: 'over 1 MB' });
    // A link is not followed (even to a good file): the cache is only ever a file Factmark wrote.
    fs.writeFileSync(path.join(dir, 'real.json'), '{}\n');
    fs.symlinkSync(path.join(dir, 'real.json'), path.join(dir, 'link.json'));
    assert.deepStrictEqual(readCacheBytes(path.join(dir, 'link.json'), 1 << 20), { ok: false, code: 'ELOOP' });
    // A FIFO with no writer: opened without waiting, then refused (a plain open would block the worker for ever).
    if (process.platform !== 'win32') {
      const fifo = path.join(dir, 'fifo.json');
      execFileSync('mkfifo', [fifo]);
      assert.deepStrictEqual(readCacheBytes(fifo, 1 << 20), { ok: false, code: 'not a regular file' });
    }
  });

  it('a file with no header line: its bytes, no checksum, no lines (the host says it is not a cache)', () => {
    const file = path.join(dir, 'cache.json');
    fs.writeFileSync(file, 'no newline here');
    const got = readCacheBytes(file, 1 << 20);
    assert.ok(got.ok);
    assert.deepStrictEqual([got.nl, got.bodySha256, got.lines.length], [-1, undefined, 0]);
  });
});
