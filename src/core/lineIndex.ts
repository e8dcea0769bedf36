// Offsets ↔ 1-based line/column for reports, on the same line table anchoring uses (so that a
// report's line is the line a claim's `line` hint was written with).
import { lineOf, lineStarts } from './anchoring/lines';

export class LineIndex {
  private readonly starts: Int32Array;

  constructor(text: string) {
    this.starts = lineStarts(text);
  }

  /** 1-based line and column (UTF-16 code units) of an offset. */
  position(offset: number): { line: number; column: number } {
    const line = lineOf(this.starts, offset);
    return { line, column: offset - this.starts[line - 1] + 1 };
  }
}

