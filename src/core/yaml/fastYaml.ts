// A fast reader for the YAML that sidecars are made of: block mappings and sequences (indented or
// not), plain, single-quoted, double-quoted (one line) and literal (`|`, `|-`, `|+`) scalars, flow
// lists of scalars on one line, comments and blank lines. It gives the same plain value as the
// full `yaml` parser (core schema, YAML 1.2) or, on anything else — flow mappings, folded or
// multi-line scalars, anchors, tags, directives, tabs, control characters, duplicate keys, numbers
// other than plain non-negative integers, and every syntax error — it gives up (undefined) and the
// caller uses the full parser, which also gives the messages with line and column. It never
// decides that a file is wrong: it only reads files that are right, ten to twenty times faster.
// Checked against the full parser by test/unit/fastYaml.test.ts (generated sidecars, the fuzz
// mutations of the adversarial suite).

import { MAX_CLAIMS, MAX_FULL_PARSE_VALUES, MAX_NESTING, MAX_NODES } from '../limits';

/** Thrown to give up; caught in fastYamlValue. */
const GIVE_UP = Symbol('give up');

/**
 * Where the first character is that makes us give up wherever it is (controls, BOM, lone
 * surrogates, NEL/LS/PS, tabs, a bare CR), else -1: what
 * `/[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]|\r(?!\n)/u` finds. The
 * characters that are always fine are skipped by a regular expression without lookarounds or /u
 * (compiled to a native loop: twice as fast as one in JavaScript, six times the /u search), and
 * each one it stops at (a CR, a surrogate, a control…) is looked at here.
 */
export function firstUnsupported(s: string): number {
  const n = s.length;
  const notPlain = NOT_PLAIN;
  notPlain.lastIndex = 0;
  while (notPlain.test(s)) {
    const i = notPlain.lastIndex - 1;
    const c = s.charCodeAt(i);
    if (c === 13) { if (s.charCodeAt(i + 1) === 10) continue; return i; }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { notPlain.lastIndex = i + 2; continue; } // a pair: one character outside the BMP
    }
    return i; // C0 and C1 controls, DEL, NEL, LS, PS, BOM, a lone surrogate
  }
  return -1;
}

/** Characters other than those firstUnsupported always accepts: printable ASCII, LF, U+00A0 up to a surrogate except LS, PS and BOM. */
const NOT_PLAIN = /[^\x20-\x7e\n\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\uffff]/g;

/** The core schema's non-string plain scalars (yaml's own tests, copied as regular expressions). */
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const NUMBER_LIKE = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;
/** The one kind of number we read ourselves: 0 or a decimal without leading zeros, exact in a double. */
const PLAIN_INT = /^(?:0|[1-9][0-9]{0,14})$/;

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\',
};

const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const QUESTION = 63;

/** The plain value of `source`, or undefined when it is not in the subset this reader knows. */
export function fastYamlValue(source: string): { value: unknown } | undefined {
  const read = fastYamlRead(source);
  return 'value' in read ? read : undefined;
}

/**
 * The plain value of `source`, or where the reader gave up: the offset of the first unsupported
 * character, else the start of the line it was reading (the text is not in the subset there, or
 * something before it made that line unexpected).
 */
export function fastYamlRead(source: string): { value: unknown } | { gaveUpAt: number } {
  const bad = firstUnsupported(source);
  if (bad !== -1) return { gaveUpAt: bad };
  const reader = new Reader(source);
  try {
    return { value: reader.document() };
  } catch (e) {
    if (e === GIVE_UP) return { gaveUpAt: reader.where() };
    throw e;
  }
}

/**
 * The one pass (issue 13): the fast reader counting, as it reads, what bounds what preflight's
 * scan (src/core/yaml/preflight.ts) would count on the same text, so that parseSidecar can skip
 * that second pass over every character. On a text the reader reads, preflight's scan sees the
 * structure the reader sees, line for line: each line it reads (+1 value), each `- ` (+1), each
 * `key:` (+1), each flow list and each of its items (+1); quoted scalars, comments and literal
 * blocks are skipped by both. The scan may only count less (it also skips the lines after a
 * block scalar that are more indented than the line of its `|`; it stops a line at a `#` after
 * any white space, not only a space), except where its guesses about plain text go wrong: a `?`
 * in a plain scalar (the scan takes a quote, bracket or `|` after it as the start of one and
 * may then read the following lines as inside it), a `#` in a flow list's plain item (the scan
 * may take it as a comment and leave the list open over the next lines) and a `''` in a single-
 * quoted scalar (the scan ends the quote there). On those `certain` is false and the caller runs
 * the scan. Otherwise, with at most ONE_PASS_MAX_VALUES values, ONE_PASS_MAX_DEPTH levels and
 * MAX_CLAIMS list items (it gives up past any of them, so a hostile file costs no more than
 * that before the scan that refuses it), the scan finds nothing (no limit crossed: too many
 * claims needs more `- ` items, too complex more values, too deep more levels) and counts at
 * most ONE_PASS_MAX_VALUES values: the file is not `large` (parseSidecar). Checked against
 * preflight on the texts of the fast reader's tests (test/unit/onePass.test.ts).
 * Undefined when it gives up, wherever and for whatever reason: the caller then takes the two
 * passes exactly as before (preflight, then fastYamlRead).
 */
export function fastYamlReadOnce(source: string): { value: unknown; certain: boolean } | undefined {
  if (firstUnsupported(source) !== -1) return undefined;
  const reader = new Reader(source, ONE_PASS_MAX_VALUES, ONE_PASS_MAX_DEPTH, MAX_CLAIMS);
  try {
    const value = reader.document();
    return { value, certain: !reader.unsure };
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

/** Values the one pass reads at most (then gives up): those of a file read by the full parser, well under MAX_NODES. */
export const ONE_PASS_MAX_VALUES = Math.min(MAX_FULL_PARSE_VALUES, MAX_NODES);
/**
 * Mappings and lists nested, at most, in the one pass: a sidecar needs 6. preflight's depth on a
 * line is at most one more than the reader's (the indentation levels of the lines it is nested
 * in) plus a `- ` and a flow list on the line, so far under MAX_NESTING.
 */
export const ONE_PASS_MAX_DEPTH = Math.min(16, MAX_NESTING - 3);

function giveUp(): never {
  throw GIVE_UP;
}

class Reader {
  /** Start of the current line (the next one to read). */
  private pos = 0;
  /** The current structural line: where its content starts, its indentation. */
  private lineStart = 0;
  private indent = 0;
  private content = 0;
  private end = 0; // end of the line's text (before \r\n or \n)
  private eof = false;

  /**
   * Keys already read, by length and first character (at most KEY_SLOT_SIZE each): a key met again
   * (the same two dozen in every claim) is compared in place and the string read first is used,
   * so that no string is cut from the text and none has to be made a property name again.
   */
  private readonly keys = new Map<number, string[]>();
  /** The first backslash at or after where doubleQuoted last looked for one (-1: not looked yet; 2³² - 1: none). */
  private backslash = -1;

  /** What bounds preflight's count of values (see fastYamlReadOnce), list items, and the current depth. */
  private values = 0;
  private items = 0;
  private depth = 0;
  /** Something in a plain or single-quoted scalar that preflight's scan may misread (see fastYamlReadOnce). */
  unsure = false;

  /** Past `maxValues` values, `maxDepth` levels or `maxItems` list items the reader gives up (unbounded for fastYamlRead: preflight bounded them). */
  constructor(private readonly s: string, private readonly maxValues = Infinity, private readonly maxDepth = Infinity, private readonly maxItems = Infinity) {}

  private count(): void {
    if (++this.values > this.maxValues) giveUp();
  }

  /** Where reading stopped: the current structural line's content (the end of the text at its end). */
  where(): number {
    return this.eof ? this.s.length : this.content;
  }

  document(): unknown {
    this.nextLine();
    if (this.eof || this.indent !== 0 || !this.keyAt(this.content)) giveUp();
    const value = this.map(0, this.content);
    if (!this.eof) giveUp();
    return value;
  }

  /**
   * Moves to the next line that holds something (not blank, not only a comment), from `pos`.
   * Sets eof at the end of the text.
   */
  private nextLine(): void {
    const s = this.s;
    while (this.pos < s.length) {
      const start = this.pos;
      let nl = s.indexOf('\n', start);
      if (nl < 0) nl = s.length;
      this.pos = nl + 1;
      let end = nl;
      if (end > start && s.charCodeAt(end - 1) === 13) end--;
      let i = start;
      while (i < end && s.charCodeAt(i) === SPACE) i++;
      if (i === end || s.charCodeAt(i) === HASH) continue;
      this.lineStart = start;
      this.indent = i - start;
      this.content = i;
      this.end = end;
      this.eof = false;
      this.count();
      return;
    }
    this.eof = true;
    this.indent = -1;
  }

  /** The length of a mapping key (`name:` followed by a space or the end of the line) at `at`, else 0. */
  private keyAt(at: number): number {
    const s = this.s;
    const c0 = s.charCodeAt(at);
    if (!(isLetter(c0) || c0 === 95)) return 0;
    let i = at + 1;
    while (i < this.end) {
      const c = s.charCodeAt(i);
      if (isLetter(c) || isDigit(c) || c === 95 || c === DASH) i++;
      else break;
    }
    if (s.charCodeAt(i) !== COLON) return 0;
    if (i + 1 < this.end && s.charCodeAt(i + 1) !== SPACE) return 0;
    return i - at;
  }

  /** A block mapping whose keys are at column `indent`; its first key is at `first` on the current line. */
  private map(indent: number, first: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (++this.depth > this.maxDepth) giveUp();
    let at = first;
    for (;;) {
      const length = this.keyAt(at);
      if (!length || length > 1000) giveUp();
      const key = this.key(at, length);
      if (Object.prototype.hasOwnProperty.call(out, key)) giveUp();
      this.count();
      out[key] = this.value(indent, at + length + 1);
      if (this.eof || this.indent < indent) { this.depth--; return out; }
      if (this.indent > indent) giveUp();
      at = this.content;
    }
  }

  /**
   * The key of `length` characters at `at`, one we read before if it is the same text; gives up
   * on `__proto__` and on keys the core schema reads as null or a boolean.
   */
  private key(at: number, length: number): string {
    const s = this.s;
    const slot = (length << 16) | s.charCodeAt(at);
    let seen = this.keys.get(slot);
    if (seen) {
      for (const k of seen) {
        let i = 1;
        while (i < length && s.charCodeAt(at + i) === k.charCodeAt(i)) i++;
        if (i === length) return k;
      }
    } else this.keys.set(slot, (seen = []));
    const key = s.slice(at, at + length);
    if (key === '__proto__' || (maybeNullOrBool(key) && (NULL.test(key) || BOOL.test(key)))) giveUp();
    if (seen.length < KEY_SLOT_SIZE) seen.push(key);
    return key;
  }

  /**
   * The value after a key of a mapping at column `indent`, starting at `at` on the current line;
   * leaves the reader on the next structural line after it.
   */
  private value(indent: number, at: number): unknown {
    const s = this.s;
    while (at < this.end && s.charCodeAt(at) === SPACE) at++;
    if (at >= this.end || (s.charCodeAt(at) === HASH && s.charCodeAt(at - 1) === SPACE)) {
      // A nested block on the following lines.
      this.nextLine();
      if (this.eof) giveUp(); // an empty value: null (the full parser says where)
      const dash = this.dashAt(this.content);
      if (this.indent > indent) return dash ? this.seq(this.indent) : (this.keyAt(this.content) ? this.map(this.indent, this.content) : giveUp());
      if (this.indent === indent && dash) return this.seq(indent);
      return giveUp();
    }
    const c = s.charCodeAt(at);
    if (c === 124 /* | */) return this.literal(indent, at);
    const value = this.inlineScalar(at, true);
    this.nextLine();
    return value;
  }

  /** Whether a sequence entry (`-` then a space or the end of the line) starts at `at`. */
  private dashAt(at: number): boolean {
    return this.s.charCodeAt(at) === DASH && (at + 1 >= this.end || this.s.charCodeAt(at + 1) === SPACE);
  }

  /** A block sequence whose dashes are at column `indent`, the current line being its first entry. */
  private seq(indent: number): unknown[] {
    const out: unknown[] = [];
    const s = this.s;
    if (++this.depth > this.maxDepth) giveUp();
    for (;;) {
      this.count();
      if (++this.items > this.maxItems) giveUp();
      let at = this.content + 1;
      while (at < this.end && s.charCodeAt(at) === SPACE) at++;
      if (at >= this.end || s.charCodeAt(at) === HASH || this.dashAt(at)) giveUp();
      if (this.keyAt(at)) {
        out.push(this.map(at - this.lineStart, at));
      } else {
        const c = s.charCodeAt(at);
        if (c === 124 || c === 91 /* [ */) giveUp();
        out.push(this.inlineScalar(at, false));
        this.nextLine();
      }
      if (this.eof || this.indent < indent) { this.depth--; return out; }
      if (this.indent > indent || !this.dashAt(this.content)) {
        // An indentless sequence ends at its mapping's next key; anything else is not ours.
        if (this.indent === indent && this.keyAt(this.content)) { this.depth--; return out; }
        giveUp();
      }
    }
  }

  /** A scalar (or, after a key, a flow list) that ends on this line; the rest may be a comment only. */
  private inlineScalar(at: number, flowAllowed: boolean): unknown {
    const s = this.s;
    const c = s.charCodeAt(at);
    let value: unknown;
    let next: number;
    if (c === 34 /* " */) [value, next] = this.doubleQuoted(at);
    else if (c === 39 /* ' */) [value, next] = this.singleQuoted(at);
    else if (c === 91 /* [ */ && flowAllowed) [value, next] = this.flowList(at);
    else return this.plain(at, this.end, false);
    this.restIsComment(next);
    return value;
  }

  private restIsComment(at: number): void {
    const s = this.s;
    let i = at;
    while (i < this.end && s.charCodeAt(i) === SPACE) i++;
    if (i < this.end && !(s.charCodeAt(i) === HASH && i > at)) giveUp();
  }

  /** A plain scalar from `at` to `end` (its comment cut off), resolved as the core schema does. */
  private plain(at: number, end: number, inFlow: boolean): unknown {
    const s = this.s;
    // Indicators that start something else (a `-` followed by a space is an entry; `-x` is text).
    if (INDICATORS.has(s.charCodeAt(at))) giveUp();
    if (s.charCodeAt(at) === DASH && (at + 1 >= end || s.charCodeAt(at + 1) === SPACE)) giveUp();
    let stop = end;
    for (let i = at; i < end; i++) {
      const ch = s.charCodeAt(i);
      if (ch === HASH && s.charCodeAt(i - 1) === SPACE) {
        if (inFlow) giveUp(); // the comment would swallow the rest of the list
        stop = i;
        break;
      }
      if (ch === COLON && (i + 1 >= end || s.charCodeAt(i + 1) === SPACE)) giveUp();
      if (inFlow && (ch === 44 || ch === 91 || ch === 93 || ch === 123 || ch === 125 || ch === COLON)) giveUp();
      // (what preflight's scan may misread: see fastYamlReadOnce)
      if (ch === QUESTION || (inFlow && ch === HASH)) this.unsure = true;
    }
    while (stop > at && s.charCodeAt(stop - 1) === SPACE) stop--;
    const text = s.slice(at, stop);
    if (maybeNullOrBool(text)) {
      if (NULL.test(text)) return giveUp(); // null values: left to the full parser
      if (BOOL.test(text)) return text[0] === 't' || text[0] === 'T';
    }
    if (maybeNumber(s.charCodeAt(at)) && numberAlphabet(text) && NUMBER_LIKE.test(text)) return PLAIN_INT.test(text) ? Number(text) : giveUp();
    return text;
  }

  /** `"…"` on one line, escapes decoded as yaml does; returns the value and the offset after the quote. */
  private doubleQuoted(at: number): [string, number] {
    const s = this.s;
    let out = '';
    let i = at + 1;
    for (;;) {
      // The next quote or backslash, by native searches (the backslash's kept while ahead).
      // (Both are 2³² - 1 when there is none: past the end of any text. The reader only moves
      // forwards, so a backslash found ahead is still the next one.)
      let j = s.indexOf('"', i) >>> 0;
      if (this.backslash < i) this.backslash = s.indexOf('\\', i) >>> 0;
      if (this.backslash < j) j = this.backslash;
      if (j >= this.end) giveUp(); // goes on to the next line: folded, left to the full parser
      out += s.slice(i, j);
      if (s.charCodeAt(j) === 34) return [out, j + 1];
      const e = s[j + 1];
      if (j + 1 >= this.end) giveUp();
      const simple = ESCAPES[e];
      if (simple !== undefined) { out += simple; i = j + 2; continue; }
      const length = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
      if (!length) giveUp();
      const hex = s.slice(j + 2, j + 2 + length);
      if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) giveUp();
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) giveUp();
      out += String.fromCodePoint(code);
      i = j + 2 + length;
    }
  }

  /** `'…'` on one line (`''` is a quote). */
  private singleQuoted(at: number): [string, number] {
    const s = this.s;
    let out = '';
    let i = at + 1;
    for (;;) {
      const q = s.indexOf("'", i);
      if (q < 0 || q >= this.end) giveUp();
      out += s.slice(i, q);
      if (s.charCodeAt(q + 1) === 39) { out += "'"; i = q + 2; this.unsure = true; continue; }
      return [out, q + 1];
    }
  }

  /** `[a, "b", 'c']` on one line, of scalars only. */
  private flowList(at: number): [unknown[], number] {
    const s = this.s;
    const out: unknown[] = [];
    let i = at + 1;
    const skip = () => { while (i < this.end && s.charCodeAt(i) === SPACE) i++; };
    this.count();
    skip();
    if (s.charCodeAt(i) === 93) return [out, i + 1];
    for (;;) {
      this.count();
      skip();
      if (i >= this.end) giveUp();
      const c = s.charCodeAt(i);
      if (c === 34) { const [v, n] = this.doubleQuoted(i); out.push(v); i = n; }
      else if (c === 39) { const [v, n] = this.singleQuoted(i); out.push(v); i = n; }
      else {
        let j = i;
        while (j < this.end && s.charCodeAt(j) !== 44 && s.charCodeAt(j) !== 93) j++;
        if (j >= this.end) giveUp();
        let k = j;
        while (k > i && s.charCodeAt(k - 1) === SPACE) k--;
        if (k === i) giveUp(); // an empty entry
        out.push(this.plain(i, k, true));
        i = j;
      }
      skip();
      const d = s.charCodeAt(i);
      if (d === 93) return [out, i + 1];
      if (d !== 44) giveUp();
      i++;
      skip();
      if (s.charCodeAt(i) === 93) giveUp(); // a trailing comma
    }
  }

  /**
   * A literal block scalar whose header (`|`, `|-` or `|+`) is at `at`, under a key of a mapping
   * at column `indent`. Its lines are more indented than the key; the first one sets by how much.
   */
  private literal(indent: number, at: number): string {
    const s = this.s;
    let i = at + 1;
    let chomp: 'clip' | 'strip' | 'keep' = 'clip';
    if (s[i] === '-') { chomp = 'strip'; i++; } else if (s[i] === '+') { chomp = 'keep'; i++; }
    this.restIsComment(i);
    const lines: string[] = [];
    let contentIndent = -1;
    /** Empty lines seen since the last content line (kept as line breaks if content follows). */
    let empties = 0;
    let endedWithBreak = true;
    let leadingSpaces = 0;
    for (;;) {
      if (this.pos >= s.length) break;
      const start = this.pos;
      let nl = s.indexOf('\n', start);
      const last = nl < 0;
      if (last) nl = s.length;
      let end = nl;
      if (end > start && s.charCodeAt(end - 1) === 13) end--;
      let j = start;
      while (j < end && s.charCodeAt(j) === SPACE) j++;
      if (j === end) {
        // Only spaces: an empty line, unless it has more spaces than the content (then it is
        // content, or before the first content line an error: not ours either way).
        leadingSpaces = Math.max(leadingSpaces, j - start);
        if (contentIndent >= 0 && j - start > contentIndent) giveUp();
        empties++;
        this.pos = nl + 1;
        endedWithBreak = !last;
        continue;
      }
      const lineIndent = j - start;
      if (contentIndent < 0) {
        if (lineIndent <= indent) break;
        contentIndent = lineIndent;
        if (leadingSpaces > contentIndent) giveUp();
      } else if (lineIndent < contentIndent) {
        break;
      }
      for (let k = 0; k < empties; k++) lines.push('');
      empties = 0;
      lines.push(s.slice(start + contentIndent, end));
      this.pos = nl + 1;
      endedWithBreak = !last;
    }
    if (contentIndent < 0 || !endedWithBreak) giveUp(); // empty, or at the end of a file without a line break
    let text = lines.join('\n');
    if (chomp === 'clip') text += '\n';
    else if (chomp === 'keep') text += '\n'.repeat(1 + empties);
    this.nextLine();
    // What follows the block must be less indented than its content (a key of this mapping or an outer one).
    if (!this.eof && this.indent > indent) giveUp();
    return text;
  }
}

/** Keys kept per length and first character: enough for any sidecar, bounded for a hostile one. */
const KEY_SLOT_SIZE = 8;

/** Characters a plain scalar cannot start with. */
const INDICATORS = new Set([...'?:,[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));

/** Whether NULL or BOOL may match `text`: empty, `~`, or four or five letters starting n, t or f (either case). */
function maybeNullOrBool(text: string): boolean {
  if (text.length === 0) return true;
  const c = text.charCodeAt(0) | 0x20; // lower case, for letters
  return text.length === 1 ? text === '~' : (text.length === 4 || text.length === 5) && (c === 110 || c === 116 || c === 102);
}

/** Whether NUMBER_LIKE may match a scalar starting with `c`: a digit, a sign or a dot. */
function maybeNumber(c: number): boolean {
  return isDigit(c) || c === 43 || c === DASH || c === 46;
}

/**
 * Whether every character of `text` is one NUMBER_LIKE may match (digits, signs, a dot, the
 * letters of exponents, hex, octal, inf and nan): a date or a word has one it cannot.
 */
function numberAlphabet(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!(isDigit(c) || c === 43 || c === DASH || c === 46 || NUMBER_LETTERS.includes(c | 0x20))) return false;
  }
  return true;
}

/** The letters of NUMBER_LIKE, lower case: hex digits, x, o, and those of inf and nan. */
const NUMBER_LETTERS = [...'abcdefxoin'].map((c) => c.charCodeAt(0));

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
