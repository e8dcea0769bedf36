// Sentence splitting for news prose: a rule-based splitter (no model, no dictionary download)
// that knows the abbreviations, initialisms, decimals and quotations of English news copy and
// never splits inside inline code, links or URLs. Offsets are UTF-16 code units into the text.

import { proseBlocks } from './blocks';

export interface Sentence { start: number; end: number; text: string }

/** Never end a sentence: titles and Latin abbreviations that are always followed by more. */
const TITLES = new Set([
  'Mr', 'Mrs', 'Ms', 'Mx', 'Dr', 'Prof', 'St', 'Gen', 'Col', 'Lt', 'Maj', 'Sgt', 'Capt', 'Cmdr', 'Adm',
  'Rep', 'Reps', 'Sen', 'Sens', 'Gov', 'Pres', 'Rev', 'Hon', 'Supt', 'Det', 'Insp', 'Messrs', 'Mme', 'Mlle', 'Mt', 'Ft',
]);
const LATIN = new Set(['e.g', 'i.e', 'cf', 'vs', 'al', 'approx', 'ca', 'viz', 'fig', 'figs', 'pp', 'vol', 'ed', 'eds']);
/** End a sentence only when the next word plainly starts one. */
const MONTHS = new Set(['Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec']);
const COMPANY_ETC = new Set(['etc', 'Inc', 'Ltd', 'Co', 'Corp', 'Jr', 'Sr', 'Bros', 'Ave', 'Blvd', 'Rd', 'Nos', 'No']);
const STARTERS = new Set([
  'The', 'A', 'An', 'This', 'That', 'These', 'Those', 'It', 'He', 'She', 'They', 'We', 'I', 'You', 'His', 'Her',
  'Their', 'Its', 'Our', 'But', 'And', 'However', 'In', 'On', 'At', 'For', 'If', 'When', 'While', 'After',
  'Before', 'As', 'Yet', 'So', 'Meanwhile', 'There', 'Some', 'Many', 'Most', 'Both', 'All', 'Each', 'Such',
]);

const CLOSERS = /["'”’»)\]*_]/;
const TERMINATOR = /[.!?…]/;
/** Longer quotations are split like any other text, so that one bad quote mark cannot swallow a paragraph. */
const MAX_PROTECTED_QUOTE = 400;

interface Span { start: number; end: number }

/** Spans (relative to the block) inside which no sentence may end. */
function protectedSpans(block: string): Span[] {
  const spans: Span[] = [];
  const add = (re: RegExp) => {
    for (let m = re.exec(block); m; m = re.exec(block)) spans.push({ start: m.index, end: m.index + m[0].length });
  };
  add(/(`+)[^`][\s\S]*?\1/g); // inline code
  add(/!?\[[^\]\n]*\]\([^)\s]*(?:\s+"[^"]*")?\)/g); // inline links and images, text included
  add(/\]\[[^\]\n]*\]/g); // reference-link labels
  add(/<[^>\s]+>/g); // autolinks and inline HTML
  add(/\b(?:https?:\/\/|www\.)[^\s<>()"“”]+[^\s<>()"“”.,;:!?'’]/g); // bare URLs
  add(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g); // e-mail addresses
  for (const re of [/“[^“”]*”/g, /(?<=^|[\s(\[{—–-])"[^"\n]*"/g]) {
    for (let m = re.exec(block); m; m = re.exec(block)) {
      if (m[0].length <= MAX_PROTECTED_QUOTE) spans.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  return spans;
}

/** The word just before the terminator at `dot`, without leading brackets or quotes. */
function wordBefore(block: string, dot: number): string {
  let s = dot;
  while (s > 0 && !/\s/.test(block[s - 1])) s--;
  return block.slice(s, dot).replace(/^[("“‘'\[*_]+/, '');
}

function nextWord(block: string, from: number): string {
  const m = /^\s*["“‘'(\[]*([\p{L}\p{N}][\p{L}\p{N}'’-]*)/u.exec(block.slice(from, from + 40));
  return m ? m[1] : '';
}

/** Whether the full stop at `dot` ends a sentence, given what comes after it. */
function fullStopEnds(block: string, dot: number, next: number): boolean {
  const word = wordBefore(block, dot);
  const after = nextWord(block, next);
  const nextIsDigit = /^\p{N}/u.test(after);
  if (TITLES.has(word) || LATIN.has(word.toLowerCase())) return false;
  if (MONTHS.has(word) || COMPANY_ETC.has(word)) return !nextIsDigit && STARTERS.has(after);
  // Initialisms (U.S., a.m.) and initials (J. Smith)
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word) || /^\p{Lu}$/u.test(word)) return STARTERS.has(after);
  return true;
}

/** Sentences of one block, relative to the block. */
function splitBlock(block: string): Span[] {
  const spans = protectedSpans(block);
  const isProtected = (pos: number) => spans.some((s) => s.start < pos && pos < s.end);
  const out: Span[] = [];
  let start = 0;
  for (let i = 0; i < block.length; i++) {
    if (!TERMINATOR.test(block[i])) continue;
    let j = i;
    while (j + 1 < block.length && TERMINATOR.test(block[j + 1])) j++;
    let q = j + 1;
    while (q < block.length && CLOSERS.test(block[q])) q++;
    const atEnd = q >= block.length;
    if (!atEnd && !/\s/.test(block[q])) { i = j; continue; } // 3.5, U.S.-led, example.com
    if (isProtected(q) || isProtected(i)) {
      // A terminator inside a quotation or link ends a sentence only if the span closes with it.
      if (!spans.some((s) => s.start < i && s.end === q)) { i = j; continue; }
    }
    if (!atEnd) {
      let k = q;
      while (k < block.length && /\s/.test(block[k])) k++;
      if (/^\p{Ll}/u.test(block.slice(k, k + 1))) { i = j; continue; } // “Why?” he asked.
      // A closing quote or bracket after the full stop settles it: “No.” is not the abbreviation No.
      if (block[j] === '.' && i === j && q === j + 1 && !fullStopEnds(block, i, q)) { i = j; continue; }
    }
    out.push({ start, end: q });
    start = q;
    i = q - 1;
  }
  if (start < block.length) out.push({ start, end: block.length });
  return out;
}

/** The sentences of an article (Markdown or plain text), in order, each trimmed. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  for (const b of proseBlocks(text)) {
    const block = text.slice(b.start, b.end);
    for (const s of splitBlock(block)) {
      let start = b.start + s.start;
      let end = b.start + s.end;
      while (start < end && /\s/.test(text[start])) start++;
      while (end > start && /\s/.test(text[end - 1])) end--;
      const sentence = text.slice(start, end);
      if (/[\p{L}\p{N}]/u.test(sentence)) sentences.push({ start, end, text: sentence });
    }
  }
  return sentences;
}
