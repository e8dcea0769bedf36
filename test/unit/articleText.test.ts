import * as assert from 'assert';
import { decodeArticle } from '../../src/core/articleText';

const utf8 = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: (Uint8Array | number[])[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

describe('article decoding', () => {
  it('decodes UTF-8 with emoji, curly quotes, non-Latin scripts and CRLF unchanged', () => {
    const text = 'The “treaty” 🇺🇳 was signed.\r\nДоговор подписан. 条约已签署。 المعاهدة\n';
    assert.deepStrictEqual(decodeArticle(utf8(text)), { ok: true, text, hadBom: false });
  });

  it('strips a UTF-8 BOM and says it was there', () => {
    assert.deepStrictEqual(decodeArticle(concat([0xef, 0xbb, 0xbf], utf8('Hello'))), { ok: true, text: 'Hello', hadBom: true });
  });

  it('an empty file is empty text', () => {
    assert.deepStrictEqual(decodeArticle(new Uint8Array()), { ok: true, text: '', hadBom: false });
  });

  it('refuses binary files, at the NUL byte', () => {
    const r = decodeArticle(concat(utf8('line one\nab'), [0], utf8('c')), 'a.md');
    assert.ok(!r.ok);
    assert.deepStrictEqual([r.problem.code, r.problem.file, r.problem.line, r.problem.column], ['binary-file', 'a.md', 2, 3]);
  });

  const invalid: [string, number[]][] = [
    ['a lone continuation byte', [0x80]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a Latin-1 byte', [0xe9, 0x20]],
    ['a sequence cut short at the end', [0xe2, 0x80]],
  ];
  for (const [name, bad] of invalid) {
    it(`refuses invalid UTF-8 (${name}) with the line and column of the bad byte`, () => {
      const r = decodeArticle(concat(utf8('first\nsecond “x” 🙂 '), bad, utf8('tail')), 'a.md');
      assert.ok(!r.ok);
      assert.strictEqual(r.problem.code, 'invalid-utf8');
      // "second “x” 🙂 " is 14 UTF-16 code units (the emoji counts two), so the bad byte is column 15.
      assert.deepStrictEqual([r.problem.line, r.problem.column], [2, 15]);
    });
  }

  it('counts columns after a BOM from the first character', () => {
    const r = decodeArticle(concat([0xef, 0xbb, 0xbf], utf8('ab'), [0xff]));
    assert.ok(!r.ok);
    assert.deepStrictEqual([r.problem.line, r.problem.column], [1, 3]);
  });

  it('says so for UTF-16 files', () => {
    const r = decodeArticle(Uint8Array.from([0xff, 0xfe, 0x41, 0x00]));
    assert.ok(!r.ok);
    assert.strictEqual(r.problem.code, 'unsupported-encoding');
  });
});
