// Where a value is, found from the lines alone, for a text the fast reader (fastYaml.ts) has read:
// block mappings and sequences by indentation, every scalar on one line or a `|` block indented
// under its key. It answers what YamlText.locate answers (the start of the key, or of the value:
// a sequence at its first `-`, a mapping at its first key) without building the yaml Document,
// whose cost on a sidecar at the claim limit is seconds; it is used only for such large files.
// Checked against YamlText.locate by test/unit/lineLocate.test.ts.
import type { YamlPath, YamlPosition } from './yamlDocument';

const SPACE = 32;
const HASH = 35;
const DASH = 45;

/** A locator over `source`; the line index is built on the first call, once. */
export function lineLocator(source: string): (path: YamlPath, part?: 'key' | 'value') => YamlPosition {
  let index: LineIndex | undefined;
  return (path, part = 'value') => (index ??= new LineIndex(source)).locate(path, part);
}

class LineIndex {
  /** Offset where each line starts. */
  private readonly starts: number[] = [];
  /** Offset of each line's first character that is not a space, or -1 for a blank or comment line. */
  private readonly contents: number[] = [];

  constructor(private readonly s: string) {
    // A BOM is not indentation: the first line starts after it (columns still count it, as yaml's do).
    for (let start = s.charCodeAt(0) === 0xfeff ? 1 : 0; start <= s.length;) {
      let end = s.indexOf('\n', start);
      if (end === -1) end = s.length;
      let i = start;
      while (i < end && s.charCodeAt(i) === SPACE) i++;
      const blank = i >= end || s.charCodeAt(i) === 13 || s.charCodeAt(i) === HASH;
      this.starts.push(start);
      this.contents.push(blank ? -1 : i);
      start = end + 1;
    }
  }

  locate(path: YamlPath, part: 'key' | 'value'): YamlPosition {
    // The node in hand: a range of lines and, inside it, where its own text starts.
    let from = 0;
    let to = this.starts.length;
    let at = this.firstContent(from, to);
    if (at === undefined) return this.position(0);
    let nodeAt = this.contents[at]; // offset of the node's text: a mapping's first key, a sequence's first `-`
    for (let k = 0; k < path.length; k++) {
      const seg = path[k];
      const line = this.lineOf(nodeAt, from);
      if (typeof seg === 'number') {
        if (this.s.charCodeAt(nodeAt) === 91 /* [ */) {
          const item = this.flowItem(nodeAt, seg);
          if (item === undefined) break;
          nodeAt = item;
          break; // a flow list holds scalars only: nothing is below its items
        }
        if (!this.isDash(nodeAt)) break;
        const column = nodeAt - this.starts[line];
        const items = this.items(line, to, column);
        if (seg < 0 || seg >= items.length) break;
        const item = items[seg];
        from = item;
        to = items[seg + 1] ?? this.endOfBlock(item, to, column, true);
        nodeAt = this.afterDash(this.contents[item]);
        continue;
      }
      const column = nodeAt - this.starts[line];
      const keyLine = this.findKey(line, to, column, nodeAt, String(seg));
      if (keyLine === undefined) break;
      const keyAt = keyLine === line ? nodeAt : this.contents[keyLine];
      if (k === path.length - 1 && part === 'key') { nodeAt = keyAt; break; }
      const valueTo = this.endOfBlock(keyLine, to, column, false);
      const afterColon = this.valueOnLine(keyAt + String(seg).length + 1, keyLine);
      if (afterColon !== undefined) { nodeAt = afterColon; from = keyLine; to = valueTo; continue; }
      const first = this.firstContent(keyLine + 1, valueTo);
      if (first === undefined) { nodeAt = keyAt; break; }
      from = first;
      to = valueTo;
      nodeAt = this.contents[first];
    }
    return this.position(nodeAt);
  }

  private position(offset: number): YamlPosition {
    const line = this.lineOf(offset, 0);
    return { line: line + 1, column: offset - (line === 0 ? 0 : this.starts[line]) + 1 };
  }

  /** The line holding `offset` (binary search, at or after line `from`). */
  private lineOf(offset: number, from: number): number {
    let lo = from;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  private firstContent(from: number, to: number): number | undefined {
    for (let i = from; i < to; i++) if (this.contents[i] >= 0) return i;
    return undefined;
  }

  private isDash(at: number): boolean {
    const next = this.s.charCodeAt(at + 1);
    return this.s.charCodeAt(at) === DASH && (Number.isNaN(next) || next === SPACE || next === 10 || next === 13);
  }

  private afterDash(at: number): number {
    let i = at + 1;
    while (this.s.charCodeAt(i) === SPACE) i++;
    return i;
  }

  private indentOf(line: number): number {
    return this.contents[line] - this.starts[line];
  }

  /** The lines of the items of a sequence whose dashes are at `column`, the first on `line`. */
  private items(line: number, to: number, column: number): number[] {
    const out: number[] = [];
    for (let i = line; i < to; i++) {
      if (this.contents[i] < 0) continue;
      const indent = this.indentOf(i);
      if (indent < column) break;
      if (indent === column) {
        if (!this.isDash(this.contents[i])) break;
        out.push(i);
      }
    }
    return out;
  }

  /**
   * The line after the block that starts on `line` with something at `column`: the first later
   * line of content indented no deeper (an entry of an indentless sequence, `- ` at the same
   * column as its key, belongs to the key's block).
   */
  private endOfBlock(line: number, to: number, column: number, isItem: boolean): number {
    for (let i = line + 1; i < to; i++) {
      if (this.contents[i] < 0) continue;
      const indent = this.indentOf(i);
      if (indent > column) continue;
      if (!isItem && indent === column && this.isDash(this.contents[i])) continue;
      return i;
    }
    return to;
  }

  /** The line of `key:` among the keys of the mapping whose keys are at `column`, the first at `firstAt`. */
  private findKey(line: number, to: number, column: number, firstAt: number, key: string): number | undefined {
    for (let i = line; i < to; i++) {
      const at = i === line ? firstAt : this.contents[i];
      if (at < 0) continue;
      const indent = at - this.starts[i];
      if (indent < column) return undefined;
      if (indent > column || this.isDash(at)) continue;
      if (this.s.startsWith(key, at) && this.s.charCodeAt(at + key.length) === 58 /* : */) return i;
    }
    return undefined;
  }

  /**
   * Where item `index` of the one-line flow list at `open` (`[`) starts: items are plain or
   * quoted scalars separated by commas (a `''` in single quotes and a `\"` in double quotes do
   * not end them); undefined when the list has fewer items.
   */
  private flowItem(open: number, index: number): number | undefined {
    const s = this.s;
    let i = open + 1;
    for (let k = 0; ; k++) {
      while (s.charCodeAt(i) === SPACE) i++;
      const c = s.charCodeAt(i);
      if (c === 93 /* ] */ || Number.isNaN(c) || c === 10) return undefined;
      if (k === index) return i;
      if (c === 34 || c === 39) {
        for (i++; i < s.length; i++) {
          const d = s.charCodeAt(i);
          if (c === 34 && d === 92 /* \ */) { i++; continue; }
          if (d === c) {
            if (c === 39 && s.charCodeAt(i + 1) === 39) { i++; continue; }
            break;
          }
        }
        i++;
      }
      while (i < s.length && s.charCodeAt(i) !== 44 /* , */ && s.charCodeAt(i) !== 93 && s.charCodeAt(i) !== 10) i++;
      if (s.charCodeAt(i) !== 44) return undefined;
      i++;
    }
  }

  /** Where the value after a key starts on the key's own line, unless nothing (or a comment) follows. */
  private valueOnLine(at: number, line: number): number | undefined {
    const end = line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.s.length;
    let i = at;
    while (i < end && this.s.charCodeAt(i) === SPACE) i++;
    if (i >= end || this.s.charCodeAt(i) === 13 || this.s.charCodeAt(i) === HASH) return undefined;
    return i;
  }
}
