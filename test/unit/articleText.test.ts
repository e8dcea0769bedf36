import * as assert from 'assert';
import fc from 'fast-check';
import { decodeArticle, decodeSidecar, decodeText, firstInvalidUtf8 } from '../../src/core/articleText';

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

  // The decoders are fatal TextDecoders, with firstInvalidUtf8 run only to place an error: on any
  // bytes they must refuse exactly what firstInvalidUtf8 refuses and give the text the lenient
  // decoder gave before. Bytes from the edges of the UTF-8 table (overlongs, surrogates, above
  // U+10FFFF, cut sequences), BOMs, NULs and whole characters of every length.
  it('refuses exactly the bytes firstInvalidUtf8 finds ill-formed, and decodes the rest as before', () => {
    const EDGES = [0x00, 0x0a, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xf8, 0xfe, 0xff, 0xbb];
    const piece = fc.oneof(
      fc.constantFrom(...EDGES).map((b) => [b]),
      fc.constantFrom([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]),
      fc.string({ unit: 'grapheme', maxLength: 3 }).map((t) => [...utf8(t)]),
      fc.string({ unit: 'binary', maxLength: 2 }).map((t) => [...utf8(t)]),
    );
    const bytesArb = fc.array(piece, { maxLength: 12 }).map((parts) => Uint8Array.from(parts.flat()));
    const hasBom = (b: Uint8Array) => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
    let refused = 0;
    let read = 0;
    fc.assert(fc.property(bytesArb, (bytes) => {
      const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
      const start = hasBom(bytes) ? 3 : 0;
      const expected = utf16 ? 'unsupported-encoding' : bytes.indexOf(0, start) !== -1 ? 'binary-file' : firstInvalidUtf8(bytes, start) !== -1 ? 'invalid-utf8' : undefined;
      const results = [
        { r: decodeArticle(bytes, 'a.md'), text: () => new TextDecoder('utf-8').decode(bytes.subarray(start)) },
        { r: decodeText(bytes, 'a.json', 'annotations file'), text: () => new TextDecoder('utf-8').decode(bytes.subarray(start)) },
        { r: decodeSidecar(bytes, 'a.md.claims.yaml'), text: () => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) },
      ];
      for (const { r, text } of results) {
        if (expected) {
          assert.ok(!r.ok, `read ${JSON.stringify([...bytes])}`);
          assert.strictEqual(r.problem.code, expected);
        } else {
          assert.ok(r.ok, `refused ${JSON.stringify([...bytes])}: ${r.ok ? '' : r.problem.message}`);
          assert.strictEqual(r.text, text());
        }
      }
      if (expected === 'invalid-utf8') refused++; else if (!expected) read++;
    }), { seed: 2026_12_02, numRuns: 5000 });
    // Both kinds of input were tried, many times.
    assert.ok(refused > 500 && read > 500, `${refused} refused, ${read} read`);
  });
});
