// Bytes of a file → text, strictly: binary files, UTF-16 and invalid UTF-8 are refused with the
// line and column of the first bad byte, never decoded with U+FFFD replacements — offsets into
// a mis-decoded article would point at the wrong words, and a mis-decoded sidecar written back
// would change every byte that was not UTF-8 (in other claims and comments too).
// An article's BOM is removed (and reported); a sidecar's is kept in its text, so that it is
// written back as it was.
import type { Problem } from './model';

export type DecodedArticle = { ok: true; text: string; hadBom: boolean } | { ok: false; problem: Problem };

export function decodeArticle(bytes: Uint8Array, file?: string): DecodedArticle {
  const hadBom = hasBom(bytes);
  const decoded = strictDecode(bytes, file, 'article', hadBom ? 3 : 0, false);
  return decoded.ok ? { ok: true, text: decoded.text, hadBom } : decoded;
}

export type DecodedText = { ok: true; text: string } | { ok: false; problem: Problem };

/**
 * A sidecar's or config file's bytes as text, BOM included (as U+FEFF), so that encoding the
 * text gives back exactly the bytes that were read.
 */
export function decodeSidecar(bytes: Uint8Array, file?: string): DecodedText {
  return strictDecode(bytes, file, 'sidecar', 0, true);
}

/**
 * Any other text file Factmark reads (an annotations file to import), strictly like an article:
 * refused with the place of the first bad byte, its BOM removed.
 */
export function decodeText(bytes: Uint8Array, file: string | undefined, what: string): DecodedText {
  return strictDecode(bytes, file, what, hasBom(bytes) ? 3 : 0, false);
}

// Fatal decoders reject exactly the ill-formed UTF-8 that firstInvalidUtf8 finds (both follow
// the Unicode standard's table of well-formed sequences; a property test holds them together),
// natively: firstInvalidUtf8's loop over every byte is run only to say where a file goes wrong.
const STRIP_BOM = new TextDecoder('utf-8', { fatal: true });
const KEEP_BOM = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of bytes[from…] (a BOM there kept as U+FEFF or dropped), or the problem checkUtf8 finds in the bytes. */
function strictDecode(bytes: Uint8Array, file: string | undefined, what: string, from: number, keepBom: boolean): DecodedText {
  const early = checkUtf8(bytes, file, what, false);
  if (early) return { ok: false, problem: early };
  let text: string | undefined;
  try { text = (keepBom ? KEEP_BOM : STRIP_BOM).decode(bytes.subarray(from)); } catch { /* placed below */ }
  const problem = text === undefined ? checkUtf8(bytes, file, what, true) : undefined;
  if (problem) return { ok: false, problem };
  // Were the decoder to throw on bytes firstInvalidUtf8 finds well-formed (the property test says
  // it never does), firstInvalidUtf8's verdict stands and they are decoded without the fatal flag.
  return { ok: true, text: text ?? new TextDecoder('utf-8', { ignoreBOM: keepBom }).decode(bytes.subarray(from)) };
}

function hasBom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * Why the bytes are not UTF-8 text Factmark can read, with where; undefined when they are.
 * `sequences`: also look for ill-formed UTF-8 (else only UTF-16 and NUL bytes).
 */
function checkUtf8(bytes: Uint8Array, file: string | undefined, what: string, sequences: boolean): Problem | undefined {
  const fail = (code: string, message: string, at: number): Problem => ({ severity: 'error', code, file, message, ...positionOf(bytes, at) });
  const keep = what === 'sidecar' ? ' Factmark will not read or rewrite it until it is UTF-8.' : '';
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fail('unsupported-encoding', `The ${what} is UTF-16; Factmark reads UTF-8 only. Save it as UTF-8.${keep}`, 0);
  }
  const start = hasBom(bytes) ? 3 : 0;
  const nul = bytes.indexOf(0, start);
  if (nul !== -1) return fail('binary-file', `The ${what} looks like a binary file (it contains a NUL byte), not text.${keep}`, nul);
  if (!sequences) return undefined;
  const bad = firstInvalidUtf8(bytes, start);
  if (bad !== -1) {
    return fail('invalid-utf8', `The ${what} is not valid UTF-8 (byte 0x${bytes[bad].toString(16).padStart(2, '0')}; Latin-1 or Windows-1252?). Save it as UTF-8.${keep}`, bad);
  }
  return undefined;
}

/** Index of the first byte that does not start a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array, from = 0): number {
  let i = from;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) { i++; continue; }
    let need: number;
    let min = 0x80;
    let max = 0xbf; // allowed range of the second byte (excludes overlongs and surrogates)
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) { need = 2; if (b === 0xe0) min = 0xa0; if (b === 0xed) max = 0x9f; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; if (b === 0xf0) min = 0x90; if (b === 0xf4) max = 0x8f; }
    else return i;
    if (i + need >= bytes.length) return i; // truncated sequence at the end
    if (bytes[i + 1] < min || bytes[i + 1] > max) return i;
    for (let k = 2; k <= need; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}

/** 1-based line and column (in UTF-16 code units, as editors count) of byte `at`. */
function positionOf(bytes: Uint8Array, at: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < at; i++) {
    const b = bytes[i];
    if (b === 0x0a) { line++; column = 1; continue; }
    if (b === 0xef && i === 0 && bytes[1] === 0xbb && bytes[2] === 0xbf) { i += 2; continue; }
    if ((b & 0xc0) === 0x80) continue; // continuation byte: counted with its lead byte
    column += b >= 0xf0 ? 2 : 1; // four-byte sequences are two UTF-16 code units
  }
  return { line, column };
}
