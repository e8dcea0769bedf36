// The one module that imports `yaml`. Everything else sees plain values, offsets and text:
// a parsed file (`YamlText`) that can locate nodes, list the spans of a block sequence's items
// and re-render one item edited in place (so its inner comments and key order survive), and
// `renderYaml` for fresh text. Printing options are fixed here so output is deterministic.
import { Document, LineCounter, Scalar, YAMLMap, YAMLSeq, isAlias, isMap, isNode, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { Node, ToStringOptions } from 'yaml';

export type YamlPath = readonly (string | number)[];
export interface YamlPosition { line: number; column: number }
export interface YamlIssue { severity: 'error' | 'warning'; message: string; code: string; line: number; column: number }

/** Per-key printing choices, by key name. */
export interface RenderStyle {
  /** Keys whose string values are always double-quoted. */
  doubleQuoted: ReadonlySet<string>;
  /** Keys whose multi-line string values are `|` block scalars. */
  literal: ReadonlySet<string>;
  /** Keys whose lists are printed in flow style (`[a, b]`). */
  flow: ReadonlySet<string>;
}

/** An item of a block sequence, as offsets into the source. */
export interface ItemSpan {
  /** Start of the line holding the item's `-`. */
  lineStart: number;
  /** Start of the comment lines directly above the item (no blank line between), else `lineStart`. */
  extendedStart: number;
  /** End of the item's last content line, before its line break. */
  lineEnd: number;
  /** Column (0-based) of the `-`. */
  indent: number;
}

const PRINT: ToStringOptions = {
  lineWidth: 0, // never fold long quotes
  minContentWidth: 0,
  indent: 2,
  indentSeq: true,
  flowCollectionPadding: false,
  doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER,
};
const MAX_ALIAS_COUNT = 100;

export class YamlText {
  private constructor(readonly source: string, private readonly doc: Document.Parsed, private readonly lines: LineCounter) {}

  /** How many texts the full parser has read (its cost is what the fast reader avoids): for tests and the bench. */
  static parses = 0;
  /** And how many characters in all (a write into a large sidecar parses only its changed claims' lines). */
  static parsedChars = 0;

  static parse(source: string): { ok: true; yaml: YamlText; warnings: YamlIssue[] } | { ok: false; issues: YamlIssue[] } {
    YamlText.parses++;
    YamlText.parsedChars += source.length;
    const lines = new LineCounter();
    // logLevel 'error': the library would otherwise print odd input (a mapping used as a key,
    // stringified by toJS) to stderr via process.emitWarning; problems reach callers as issues.
    const doc = parseDocument(source, { lineCounter: lines, version: '1.2', schema: 'core', uniqueKeys: true, prettyErrors: true, merge: false, logLevel: 'error' });
    const issue = (severity: 'error' | 'warning') => (e: { message: string; code: string; pos: [number, number] }): YamlIssue => {
      const p = lines.linePos(e.pos[0]);
      return { severity, message: firstLine(e.message), code: e.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax', line: p.line, column: p.col };
    };
    if (doc.errors.length) return { ok: false, issues: doc.errors.map(issue('error')) };
    return { ok: true, yaml: new YamlText(source, doc, lines), warnings: doc.warnings.map(issue('warning')) };
  }

  position(offset: number): YamlPosition {
    const p = this.lines.linePos(offset);
    return { line: p.line, column: p.col };
  }

  /** Where the first anchor or alias is, if any. */
  firstAlias(): YamlPosition | undefined {
    let at: number | undefined;
    visit(this.doc, (_key, node) => {
      if (isAlias(node) || (isNode(node) && (node as { anchor?: string }).anchor)) { at = node.range?.[0] ?? 0; return visit.BREAK; }
      return undefined;
    });
    return at === undefined ? undefined : this.position(at);
  }

  /** The plain value; aliases are expanded at most MAX_ALIAS_COUNT times. */
  toValue(): { ok: true; value: unknown } | { ok: false; message: string } {
    try {
      return { ok: true, value: this.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
    } catch (e) {
      return { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
  }

  /** Position of the node at `path` (or its key), or of the nearest ancestor that exists. */
  locate(path: YamlPath, part: 'key' | 'value' = 'value'): YamlPosition {
    let node: unknown = this.doc.contents;
    let at = (this.doc.contents?.range?.[0]) ?? 0;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg);
        if (!pair) break;
        const keyNode = pair.key as Node;
        if (i === path.length - 1 && part === 'key') { at = keyNode.range?.[0] ?? at; break; }
        node = pair.value;
        at = (node as Node | null)?.range?.[0] ?? keyNode.range?.[0] ?? at;
      } else if (isSeq(node) && typeof seg === 'number' && node.items[seg]) {
        node = node.items[seg];
        at = (node as Node).range?.[0] ?? at;
      } else break;
    }
    return this.position(at);
  }

  /** Offsets of a scalar value, for replacing it in the text. */
  valueSpan(path: YamlPath): { start: number; end: number } | undefined {
    const node = this.doc.getIn(path, true);
    if (!isNode(node) || !node.range) return undefined;
    if (isScalar(node) || (isSeq(node) && node.flow) || (isMap(node) && node.flow)) return { start: node.range[0], end: node.range[1] };
    return undefined;
  }

  /**
   * The text after `key:` up to the end of the value's last line (line break excluded), for
   * replacing a whole value; undefined if the key is missing.
   */
  pairValueSpan(path: YamlPath): { start: number; end: number } | undefined {
    const parent = path.length > 1 ? this.doc.getIn(path.slice(0, -1), true) : this.doc.contents;
    if (!isMap(parent)) return undefined;
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path[path.length - 1]);
    const keyEnd = (pair?.key as Node | undefined)?.range?.[1];
    if (!pair || keyEnd === undefined) return undefined;
    const colon = this.source.indexOf(':', keyEnd);
    let end = Math.max(colon + 1, (pair.value as Node | null)?.range?.[1] ?? 0);
    if (this.source[end - 1] === '\n') end--; // block values end after their line break
    if (this.source[end - 1] === '\r') end--;
    return { start: colon + 1, end };
  }

  /**
   * The whole of a top-level `key: value` pair: from the start of the key's line to the end of
   * the value's last line (a comment there included, the line break not); undefined if the key
   * is missing.
   */
  topLevelPairSpan(key: string): { start: number; end: number } | undefined {
    const contents = this.doc.contents;
    if (!isMap(contents)) return undefined;
    const pair = contents.items.find((p) => isScalar(p.key) && p.key.value === key);
    const keyStart = (pair?.key as Node | undefined)?.range?.[0];
    const value = this.pairValueSpan([key]);
    if (keyStart === undefined || !value) return undefined;
    let end = this.lineEndAt(value.end);
    if (end > value.end && this.source[end - 1] === '\r') end--;
    return { start: this.source.lastIndexOf('\n', keyStart - 1) + 1, end: Math.max(end, value.end) };
  }

  /** Whether the document's top level is a block mapping (so that keys can be spliced in by line). */
  isBlockMapping(): boolean {
    const contents = this.doc.contents;
    return contents === null || (isMap(contents) && !contents.flow);
  }

  /** The item spans of the block sequence at `path`; undefined if it is not one we can splice. */
  blockItems(path: YamlPath): ItemSpan[] | undefined {
    const seq = this.doc.getIn(path, true);
    if (!isSeq(seq) || seq.flow) return undefined;
    const spans: ItemSpan[] = [];
    for (const item of seq.items) {
      const range = (item as Node | null)?.range;
      if (!range) return undefined;
      const dash = this.dashBefore(range[0]);
      if (dash === undefined) return undefined;
      const lineStart = this.source.lastIndexOf('\n', dash - 1) + 1;
      if (this.source.slice(lineStart, dash).trim() !== '') return undefined;
      // An item that ends with comments (after a nested list, say) has a range that runs on into
      // the indentation of the next line (the next item's `-` line): it ends before that line.
      const nextLineStart = this.source.lastIndexOf('\n', range[1] - 1) + 1;
      const end = nextLineStart > range[0] && /^[ ]+$/.test(this.source.slice(nextLineStart, range[1])) ? nextLineStart : range[1];
      const lastChar = Math.max(range[0], end - 1);
      let lineEnd = this.lineEndAt(lastChar); // a block scalar's range ends after its line break
      if (lineEnd > 0 && this.source[lineEnd - 1] === '\r') lineEnd--;
      spans.push({ lineStart, extendedStart: commentsAbove(this.source, lineStart), lineEnd, indent: dash - lineStart });
    }
    for (let i = 1; i < spans.length; i++) {
      const prevEnd = spans[i - 1].lineEnd;
      if (spans[i].extendedStart <= prevEnd) spans[i].extendedStart = spans[i].lineStart;
      if (spans[i].lineStart <= prevEnd) return undefined; // two items on one line
    }
    return spans;
  }

  /**
   * Where the first comment inside the collection at `path` is (attached to anything in it; a
   * comment before or after the collection itself does not count), if any.
   */
  firstCommentIn(path: YamlPath): YamlPosition | undefined {
    const node = this.doc.getIn(path, true);
    if (!isNode(node)) return undefined;
    let at: number | undefined;
    visit(node as Node, (_key, n) => {
      if (n === node || !isNode(n) || !(n.comment || n.commentBefore)) return undefined;
      at = n.range?.[0] ?? 0;
      return visit.BREAK;
    });
    return at === undefined ? undefined : this.position(at);
  }

  /** Re-renders item `index` of the sequence at `path`, edited in place to equal `next`. */
  renderEditedItem(path: YamlPath, index: number, next: unknown, style: RenderStyle, indent: number, eol: string): string {
    const seq = this.doc.getIn(path, true) as YAMLSeq;
    const item = (seq.items[index] as Node).clone() as Node;
    clearOuterSpacing(item);
    const scratch = new Document(null);
    const edited = applyValue(scratch, item, next, style, String(path[path.length - 1] ?? ''));
    return printItem(scratch, edited, indent, eol);
  }

  private dashBefore(offset: number): number | undefined {
    for (let i = offset - 1; i >= 0; i--) {
      const c = this.source[i];
      if (c === '-') return i;
      if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') return undefined;
    }
    return undefined;
  }

  private lineEndAt(offset: number): number {
    const nl = this.source.indexOf('\n', offset);
    return nl === -1 ? this.source.length : nl;
  }

}

/** Start of the comment lines directly above the line that starts at `lineStart` (no blank line between), else `lineStart`. */
export function commentsAbove(source: string, lineStart: number): number {
  let start = lineStart;
  while (start > 0) {
    const prevStart = source.lastIndexOf('\n', start - 2) + 1;
    if (!source.slice(prevStart, start).trimStart().startsWith('#')) break;
    start = prevStart;
  }
  return start;
}

/** Fresh text for one sequence item, `indent` spaces in, without a trailing line break. */
export function renderItem(value: unknown, style: RenderStyle, itemKey: string, indent: number, eol: string): string {
  const doc = new Document(null);
  return printItem(doc, freshNode(doc, value, style, itemKey), indent, eol);
}

/** Fresh text for a mapping at the top of a file, ending with a line break. */
export function renderMapping(value: Record<string, unknown>, style: RenderStyle, eol: string): string {
  const doc = new Document(null);
  doc.contents = freshNode(doc, value, style, '');
  return withEol(doc.toString(PRINT), eol);
}

/**
 * The edit that sets the top-level `key` of `yaml` to `value` (rendered fresh, block style), or
 * removes it when `value` is undefined; undefined when there is nothing to do. A new key goes
 * after the pair of `after` when there is one, else at the end. Every other byte stays. The
 * caller must have parsed the text without errors.
 */
export function topLevelKeyEdit(yaml: TopLevelPairs, key: string, value: unknown, style: RenderStyle, eol: string, after?: string): { start: number; end: number; text: string } | undefined {
  const source = yaml.source;
  if (!yaml.isBlockMapping()) throw new Error('topLevelKeyEdit: the top level is not a block mapping');
  const span = yaml.topLevelPairSpan(key);
  if (value === undefined) {
    if (!span) return undefined;
    const breakLength = source.startsWith('\r\n', span.end) ? 2 : source[span.end] === '\n' ? 1 : 0;
    return { start: span.start, end: span.end + breakLength, text: '' };
  }
  const rendered = renderMapping({ [key]: value }, style, eol).replace(/\r?\n$/, '');
  if (span) return { ...span, text: rendered };
  const anchor = after === undefined ? undefined : yaml.topLevelPairSpan(after);
  if (anchor) return { start: anchor.end, end: anchor.end, text: eol + rendered };
  const lead = source.length === 0 || /\n$/.test(source) ? '' : eol;
  return { start: source.length, end: source.length, text: lead + rendered + eol };
}

/** What topLevelKeyEdit needs of a parsed text (YamlText, or lineSplice.ts's answers for it). */
export interface TopLevelPairs {
  readonly source: string;
  isBlockMapping(): boolean;
  topLevelPairSpan(key: string): { start: number; end: number } | undefined;
}

/** `yaml`'s text with topLevelKeyEdit applied. */
export function setTopLevelKey(yaml: YamlText, key: string, value: unknown, style: RenderStyle, eol: string, after?: string): string {
  const e = topLevelKeyEdit(yaml, key, value, style, eol, after);
  return e ? yaml.source.slice(0, e.start) + e.text + yaml.source.slice(e.end) : yaml.source;
}

/** A scalar rendered to sit after `key: `. */
export function renderScalar(value: string | number | boolean): string {
  const doc = new Document(value);
  return doc.toString(PRINT).replace(/\n$/, '');
}

function printItem(doc: Document, node: Node, indent: number, eol: string): string {
  const seq = new YAMLSeq();
  seq.items.push(node);
  doc.contents = seq;
  const pad = ' '.repeat(indent);
  const text = doc.toString(PRINT).replace(/\n$/, '');
  return withEol(text.split('\n').map((l) => (l ? pad + l : l)).join('\n'), eol);
}

function withEol(text: string, eol: string): string {
  return eol === '\n' ? text : text.replace(/\n/g, eol);
}

function clearOuterSpacing(node: Node): void {
  node.commentBefore = undefined;
  node.comment = undefined;
  node.spaceBefore = false;
  if (isMap(node) && node.items[0] && isNode(node.items[0].key)) {
    (node.items[0].key as Node).spaceBefore = false;
    (node.items[0].key as Node).commentBefore = undefined;
  }
}

function sameValue(doc: Document, node: unknown, value: unknown): boolean {
  const plain = isNode(node) ? node.toJS(doc) : node;
  return JSON.stringify(plain) === JSON.stringify(value);
}

/** Edits `node` to hold `next`, keeping the nodes (and their comments) of unchanged parts. */
function applyValue(doc: Document, node: unknown, next: unknown, style: RenderStyle, key: string): Node {
  if (isNode(node) && sameValue(doc, node, next)) return node;
  if (isMap(node) && isPlainObject(next)) {
    const wanted = Object.keys(next).filter((k) => next[k] !== undefined);
    node.items = node.items.filter((p) => wanted.includes(String(isScalar(p.key) ? p.key.value : p.key)));
    const keyOf = (p: (typeof node.items)[number]) => String(isScalar(p.key) ? p.key.value : p.key);
    for (const k of wanted) {
      const i = node.items.findIndex((p) => keyOf(p) === k);
      if (i >= 0) { node.items[i].value = applyValue(doc, node.items[i].value, next[k], style, k); continue; }
      const before = wanted.slice(0, wanted.indexOf(k));
      let at = 0;
      node.items.forEach((p, j) => { if (before.includes(keyOf(p))) at = j + 1; });
      node.items.splice(at, 0, doc.createPair(k, freshNode(doc, next[k], style, k)));
    }
    return node;
  }
  if (isSeq(node) && Array.isArray(next)) {
    node.items = next.map((v, i) => (i < node.items.length ? applyValue(doc, node.items[i], v, style, key) : freshNode(doc, v, style, key)));
    return node;
  }
  if (isScalar(node) && typeof next === typeof node.value && typeof next !== 'object') {
    node.value = next;
    if (typeof next === 'string' && next.includes('\n') && style.literal.has(key)) node.type = Scalar.BLOCK_LITERAL;
    else if (typeof next === 'string' && node.type === Scalar.BLOCK_LITERAL && !next.includes('\n')) node.type = undefined;
    return node;
  }
  const fresh = freshNode(doc, next, style, key);
  if (isNode(node)) fresh.comment = node.comment;
  return fresh;
}

function freshNode(doc: Document, value: unknown, style: RenderStyle, key: string): Node {
  if (isPlainObject(value)) {
    const map = new YAMLMap();
    for (const [k, v] of Object.entries(value)) if (v !== undefined) map.items.push(doc.createPair(k, freshNode(doc, v, style, k)));
    return map;
  }
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    seq.flow = style.flow.has(key);
    seq.items = value.map((v) => freshNode(doc, v, style, key));
    return seq;
  }
  const scalar = new Scalar(value);
  if (typeof value === 'string') {
    if (value.includes('\n') && style.literal.has(key)) scalar.type = Scalar.BLOCK_LITERAL;
    else if (style.doubleQuoted.has(key)) scalar.type = Scalar.QUOTE_DOUBLE;
  }
  return scalar;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The library's message without its own " at line 5, column 1:" tail: every problem carries its
 * line and column apart, and callers put them in front ("line 5, column 1: Missing closing quote").
 */
function firstLine(message: string): string {
  return message.split('\n')[0].replace(/\s+at line \d+, column \d+:?\s*$/, '').trim();
}
