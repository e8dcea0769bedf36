// What the sidecar writer needs from a file it splices — the spans of top-level pairs and of the
// items of a top-level block list, and an item re-rendered edited in place — answered for a
// text the fast reader (fastYaml.ts) has read without building the yaml Document of the whole
// file, whose cost is about 0.5 s per 1,000 claims. The file's lines are scanned once (top-level
// keys at column 0, each list item's `-` line); each span or rendering then comes from a small
// document of just the lines concerned: `claims:` and one item's lines up to the next item's
// `-` line (its trailing comments and blank lines included), in which the parser gives that
// item the same ranges and comments as in the whole file (a stand-in for what follows, tried,
// changed no answer in the tests). A write that changes k claims thus parses k claims, not the
// file; the one pass over the lines is linear but no parse. Anything this
// does not handle throws LineSpliceUnsupported, and the writer falls back to the whole Document
// (or, for a file too large for it, refuses). Checked against YamlText by
// test/unit/lineSplice.test.ts, byte for byte on random sidecars and edits.
import { YamlText, commentsAbove } from './yamlDocument';
import type { ItemSpan, RenderStyle, YamlPath } from './yamlDocument';

export interface Span { start: number; end: number }

/** The items of a block list, each span worked out when asked for. */
export interface ItemList {
  readonly length: number;
  span(index: number): ItemSpan;
}

/** A parsed text as the writer splices it (YamlText's answers, or LineSplice's for the same text). */
export interface SpliceSource {
  readonly source: string;
  isBlockMapping(): boolean;
  /** See YamlText.pairValueSpan; paths into a top-level key only. */
  pairValueSpan(path: YamlPath): Span | undefined;
  topLevelPairSpan(key: string): Span | undefined;
  /** The items of the top-level block list `key`; undefined when it is not one. */
  items(key: string): ItemList | undefined;
  renderEditedItem(path: YamlPath, index: number, next: unknown, style: RenderStyle, indent: number, eol: string): string;
}

/** Something LineSplice does not answer: the caller uses the whole yaml Document instead. */
export class LineSpliceUnsupported extends Error {}

/** The whole Document's answers, with `items` from already computed spans. */
export function documentSplice(yaml: YamlText, itemsOf: (key: string) => readonly ItemSpan[] | undefined): SpliceSource {
  return {
    source: yaml.source,
    isBlockMapping: () => yaml.isBlockMapping(),
    pairValueSpan: (path) => yaml.pairValueSpan(path),
    topLevelPairSpan: (key) => yaml.topLevelPairSpan(key),
    items: (key) => {
      const spans = itemsOf(key);
      return spans && { length: spans.length, span: (i) => spans[i] };
    },
    renderEditedItem: (path, index, next, style, indent, eol) => yaml.renderEditedItem(path, index, next, style, indent, eol),
  };
}

interface TopKey {
  name: string;
  /** Start of the key's line (and of its region: up to the next key's line). */
  lineStart: number;
  /** Offset of the key itself (after a BOM on the first line). */
  at: number;
  /** Starts of the lines of its list items (their `-` at `column`), when its value is a block list. */
  dashes: number[];
  column: number;
  /** What the value's lines look like: a block list, something else, or lines this does not follow. */
  kind: 'list' | 'other' | 'unknown';
}

const SPACE = 32;
const HASH = 35;
const DASH = 45;
const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export class LineSplice implements SpliceSource {
  private readonly keys: TopKey[] = [];
  private readonly byName = new Map<string, number>();
  private readonly docs = new Map<string, { yaml: YamlText; delta: number }>();
  private readonly spans = new Map<string, ItemSpan>();

  /** The splice view of `source`, which the fast reader has read; undefined when its lines are not what this expects. */
  static of(source: string): LineSplice | undefined {
    const lines = new LineSplice(source);
    return lines.scan() ? lines : undefined;
  }

  private constructor(readonly source: string) {}

  isBlockMapping(): boolean {
    return true; // the fast reader reads nothing else
  }

  pairValueSpan(path: YamlPath): Span | undefined {
    if (path.length !== 1) throw new LineSpliceUnsupported(`pairValueSpan(${JSON.stringify(path)})`);
    const k = this.key(String(path[0]));
    if (!k) return undefined;
    if (k.kind === 'unknown') throw new LineSpliceUnsupported(k.name);
    if (k.kind === 'other' || k.dashes.length === 0) return this.shifted(this.regionDoc(k), (y) => y.pairValueSpan([k.name]));
    // A block list: from after the colon to where its last item ends (as in the whole file).
    const colon = k.at + k.name.length;
    const last = this.itemDoc(k, k.dashes.length - 1);
    const end = last.yaml.pairValueSpan([k.name]);
    if (!end) throw new LineSpliceUnsupported(k.name);
    return { start: colon + 1, end: Math.max(colon + 1, end.end + last.delta) };
  }

  topLevelPairSpan(key: string): Span | undefined {
    const k = this.key(key);
    if (!k) return undefined;
    if (k.kind !== 'other') throw new LineSpliceUnsupported(`topLevelPairSpan(${key})`);
    return this.shifted(this.regionDoc(k), (y) => y.topLevelPairSpan(key));
  }

  items(key: string): ItemList | undefined {
    const k = this.key(key);
    if (!k || k.kind === 'other' || k.dashes.length === 0) return undefined;
    if (k.kind === 'unknown') throw new LineSpliceUnsupported(key);
    return { length: k.dashes.length, span: (i) => this.itemSpan(k, i) };
  }

  renderEditedItem(path: YamlPath, index: number, next: unknown, style: RenderStyle, indent: number, eol: string): string {
    const k = path.length === 1 ? this.key(String(path[0])) : undefined;
    if (!k || k.kind !== 'list' || index < 0 || index >= k.dashes.length) throw new LineSpliceUnsupported(`renderEditedItem(${JSON.stringify(path)}, ${index})`);
    return this.itemDoc(k, index).yaml.renderEditedItem([k.name], 0, next, style, indent, eol);
  }

  private key(name: string): TopKey | undefined {
    const i = this.byName.get(name);
    return i === undefined ? undefined : this.keys[i];
  }

  /**
   * One pass over the lines: the top-level keys (content at column 0 that is not a `-`) and, for
   * each whose value starts on the next lines with a `-`, the lines of its items. False when a
   * line is not what a block mapping of such values has (then nothing is answered by lines).
   */
  private scan(): boolean {
    const s = this.source;
    let current: TopKey | undefined;
    for (let start = 0; start < s.length;) {
      let end = s.indexOf('\n', start);
      const next = end === -1 ? s.length : end + 1;
      if (end === -1) end = s.length;
      if (end > start && s.charCodeAt(end - 1) === 13) end--;
      const from = start === 0 && s.charCodeAt(0) === 0xfeff ? 1 : start;
      let i = from;
      while (i < end && s.charCodeAt(i) === SPACE) i++;
      const blank = i === end || s.charCodeAt(i) === HASH;
      const dash = !blank && s.charCodeAt(i) === DASH && (i + 1 === end || s.charCodeAt(i + 1) === SPACE);
      if (!blank && i === from && !dash) {
        // A top-level key.
        const colon = s.indexOf(':', i);
        const name = colon === -1 || colon > end ? '' : s.slice(i, colon);
        if (!KEY.test(name) || this.byName.has(name)) return false;
        const rest = s.slice(colon + 1, end).trim();
        current = { name, lineStart: start, at: i, dashes: [], column: -1, kind: rest === '' || rest.startsWith('#') ? 'list' : 'other' };
        this.byName.set(name, this.keys.length);
        this.keys.push(current);
      } else if (!blank) {
        if (!current) return false;
        if (current.kind === 'list') {
          const column = i - from;
          if (current.column === -1) {
            if (dash) current.column = column;
            else current.kind = 'other'; // a block mapping (`published:`)
          }
          if (current.kind === 'list') {
            if (column === current.column) {
              if (!dash) current.kind = 'unknown';
              else current.dashes.push(start);
            } else if (column < current.column) {
              current.kind = 'unknown';
            }
          }
        } else if (dash && i === from) {
          current.kind = 'unknown'; // an indentless list under a key with a value on its line
        }
      }
      start = next;
    }
    return this.keys.length > 0;
  }

  private regionEnd(k: TopKey): number {
    const next = this.keys[this.byName.get(k.name)! + 1];
    return next ? next.lineStart : this.source.length;
  }

  /** The key's lines alone, up to the next top-level key. */
  private regionDoc(k: TopKey): { yaml: YamlText; delta: number } {
    const id = k.name;
    const cached = this.docs.get(id);
    if (cached) return cached;
    const end = this.regionEnd(k);
    const doc = this.parse(this.source.slice(k.lineStart, end), k.lineStart);
    this.docs.set(id, doc);
    return doc;
  }

  /** `key:`, then item `index`'s lines up to the next item's `-` line (or the next top-level key). */
  private itemDoc(k: TopKey, index: number): { yaml: YamlText; delta: number } {
    const id = `${k.name}\n${index}`;
    const cached = this.docs.get(id);
    if (cached) return cached;
    const start = k.dashes[index];
    const last = index === k.dashes.length - 1;
    const end = last ? this.regionEnd(k) : k.dashes[index + 1];
    const head = `${k.name}:\n`;
    const doc = this.parse(head + this.source.slice(start, end), start - head.length);
    this.docs.set(id, doc);
    return doc;
  }

  private itemSpan(k: TopKey, index: number): ItemSpan {
    const id = `${k.name}\n${index}`;
    const cached = this.spans.get(id);
    if (cached) return cached;
    const doc = this.itemDoc(k, index);
    const first = doc.yaml.blockItems([k.name])?.[0];
    if (!first || first.lineStart + doc.delta !== k.dashes[index]) throw new LineSpliceUnsupported(`${k.name}[${index}]`);
    const lineStart = k.dashes[index];
    let extendedStart = commentsAbove(this.source, lineStart);
    // As YamlText.blockItems: comment lines that end the previous item's range are not this one's.
    if (extendedStart < lineStart && index > 0 && extendedStart <= this.itemSpan(k, index - 1).lineEnd) extendedStart = lineStart;
    const span: ItemSpan = { lineStart, extendedStart, lineEnd: first.lineEnd + doc.delta, indent: first.indent };
    this.spans.set(id, span);
    return span;
  }

  private parse(text: string, delta: number): { yaml: YamlText; delta: number } {
    const parsed = YamlText.parse(text);
    if (!parsed.ok) throw new LineSpliceUnsupported(parsed.issues[0]?.message);
    return { yaml: parsed.yaml, delta };
  }

  private shifted(doc: { yaml: YamlText; delta: number }, f: (yaml: YamlText) => Span | undefined): Span | undefined {
    const span = f(doc.yaml);
    return span && { start: span.start + doc.delta, end: span.end + doc.delta };
  }
}
