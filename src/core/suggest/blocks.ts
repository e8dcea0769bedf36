// Splits an article into prose blocks (paragraphs, headings, list items, table cells) so that
// sentences never run across Markdown structure, and code, front matter and comments are
// never read as prose. Plain-text articles are Markdown without markup, so one pass serves both.
// Offsets are UTF-16 code units into the original text; nothing is copied or normalised.

export interface Block { start: number; end: number }

interface Line { start: number; end: number; text: string }

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    lines.push({ start, end: m.index, text: text.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  lines.push({ start, end: text.length, text: text.slice(start) });
  return lines;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const BLANK = /^\s*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const TABLE_DELIMITER = /^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$/;
const ATX_HEADING = /^( {0,3}#{1,6})(?:[ \t]+|$)/;
const LIST_ITEM = /^([ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)/;
const BLOCKQUOTE = /^((?: {0,3}>[ \t]?)+)/;
const INDENTED_CODE = /^(?: {4}|\t)/;

/** Prose blocks of `text`, in order, each trimmed of surrounding whitespace and markers. */
export function proseBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let open: Block | undefined; // the paragraph being extended line by line
  let openIsQuote = false;
  const flush = () => {
    if (open) push(open.start, open.end);
    open = undefined;
  };
  const push = (start: number, end: number) => {
    while (start < end && /\s|\uFEFF/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end > start) blocks.push({ start, end });
  };

  const lines = linesOf(text);
  let i = 0;
  // YAML front matter: only at the very top of the file.
  if (/^\uFEFF?---[ \t]*$/.test(lines[0]?.text ?? '')) {
    const close = lines.findIndex((l, k) => k > 0 && /^(?:---|\.\.\.)[ \t]*$/.test(l.text));
    if (close > 0) i = close + 1;
  }
  let fence: string | undefined;
  let inComment = false;
  for (; i < lines.length; i++) {
    const line = lines[i];
    const t = line.text;
    if (fence !== undefined) {
      const m = FENCE.exec(t);
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && BLANK.test(t.slice(m[0].length))) fence = undefined;
      continue;
    }
    if (inComment) {
      if (t.includes('-->')) inComment = false;
      continue;
    }
    const fenceOpen = FENCE.exec(t);
    if (fenceOpen) { flush(); fence = fenceOpen[1]; continue; }
    if (/^ {0,3}<!--/.test(t)) { flush(); inComment = !t.includes('-->'); continue; }
    if (BLANK.test(t)) { flush(); continue; }
    if (!open && INDENTED_CODE.test(t) && !LIST_ITEM.test(t)) continue;
    if (THEMATIC_BREAK.test(t) && !(open && /^ {0,3}-+[ \t]*$/.test(t))) { flush(); continue; }
    if (open && SETEXT_UNDERLINE.test(t)) { flush(); continue; }
    if (TABLE_DELIMITER.test(t) && t.includes('-')) { flush(); continue; }

    const heading = ATX_HEADING.exec(t);
    if (heading) {
      flush();
      const content = t.slice(heading[0].length).replace(/[ \t]+#+[ \t]*$/, '');
      push(line.start + heading[0].length, line.start + heading[0].length + content.length);
      continue;
    }
    if (/^[ \t]*\|/.test(t)) { // a table row: each cell is its own block
      flush();
      const cell = /[^|]+/g;
      for (let m = cell.exec(t); m; m = cell.exec(t)) push(line.start + m.index, line.start + m.index + m[0].length);
      continue;
    }
    const quote = BLOCKQUOTE.exec(t);
    const list = LIST_ITEM.exec(quote ? t.slice(quote[0].length) : t);
    const markerLength = (quote ? quote[0].length : 0) + (list ? list[0].length : 0);
    if (list || (quote && !openIsQuote)) {
      flush();
      open = { start: line.start + markerLength, end: line.end };
      openIsQuote = !!quote;
      continue;
    }
    if (open) open.end = line.end;
    else {
      open = { start: line.start + markerLength, end: line.end };
      openIsQuote = !!quote;
    }
  }
  flush();
  return blocks;
}
