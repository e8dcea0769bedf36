// Where an edited claim begins and ends. The character matcher finds roughly where a quote's
// edited words are, but it aligns characters, not words: at an edit near an edge it may drop
// intact words or stop inside one ("s composition fixed…", "…they can part"). Here the place is
// re-read word by word:
// - the quote's words are aligned with the words around the match, within one block of text
//   (a blank line the quote does not have is never bridged);
// - surviving words the alignment left out at either edge are taken back, within the sentence
//   ("Funders, whether your employer or a grantmaking foundation, are frequently…");
// - words between the claim's recorded context and its surviving words are its own, edited
//   ("**We store and process the information…" after the heading it followed);
// - the range never starts or ends inside a word, takes in the rest of a link or markup the
//   quote ended in, and never takes in the text its recorded context says lies around it.
import type { Candidate, Query } from './candidates';
import { fuzzySearch } from './fuzzy';
import { alignAfter, alignBefore, editDistance } from './similarity';
import { alignWords, commonWords, insideWord, sameWord, wordsIn, type WordAlignment, type Words } from './words';

/** Context found this well beside the surviving words shows where a claim with lost edge words begins or ends. */
const EDGE_CONTEXT = 0.75;
/** Context found this well a few words away, with nothing of the quote lost there, shows words inserted at its edge. */
const EDGE_CONTEXT_SURE = 0.9;
/** Context found inside a range this well (share of its characters) means the range runs past the claim. */
const CONTAINED = 0.8;
/** Above this many characters squared, the character similarity is estimated from the words. */
const MAX_EDIT_CELLS = 250_000;
/** Words inserted at an edge of a claim that are still taken in as its own (beyond the words it lost there). */
const EDGE_INSERT = 10;
/** A link or markup the quote ended in is completed up to this many characters. */
const MAX_TOKEN_TAIL = 96;

/** Words of recent quotes (read-only: callers slice, never change them). */
const quoteWords = new Map<string, Words>();
const MAX_QUOTE_WORDS = 1024;

/**
 * The quote's words, computed once per quote: anchorAll builds a new Query for the same claim
 * at each stage (window, whole text, retry, the order rules), so they are kept by quote.
 */
export function wordsOfQuote(q: Query): Words {
  let w = quoteWords.get(q.quote);
  if (!w) {
    if (quoteWords.size >= MAX_QUOTE_WORDS) quoteWords.clear();
    quoteWords.set(q.quote, (w = wordsIn(q.quote)));
  }
  return w;
}

const BLANK_LINE = /\n[ \t]*\n/;

/**
 * Whether text[from, to) holds a blank line (BLANK_LINE.test of that slice, without the slice and
 * the regular expression: alignInBlock asks it of the gap after every word of its window).
 */
export function blankLineBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (text.charCodeAt(i) !== 10) continue;
    let j = i + 1;
    while (j < to && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
    if (j < to && text.charCodeAt(j) === 10) return true;
    i = j - 1;
  }
  return false;
}
/** What ends a sentence or a line item between two words: . ! ? ; then space, or a line break. */
const SENTENCE_END = /[.!?;][\s*_"'\u201d\u2019)\]]|\n/;

/** Whether the text between words k and k + 1 ends a sentence (or a line). */
function boundaryAfter(text: string, tw: Words, k: number): boolean {
  return SENTENCE_END.test(text.slice(tw.ends[k], tw.starts[k + 1]) + ' ');
}

/** Whether the text between words k and k + 1 ends a clause: a sentence end, a comma, a bracket, a dash. */
function clauseAfter(text: string, tw: Words, k: number): boolean {
  return boundaryAfter(text, tw, k) || /[,:()\[\]\u2013\u2014]/.test(text.slice(tw.ends[k], tw.starts[k + 1]));
}

/** Characters that may sit between two words of one phrase: spacing, hyphens, quote marks, markup. */
function isSoft(c: string): boolean {
  return c === ' ' || c === '\t' || c === '-' || c === '*' || c === '_' || c === '`' || c === '"' || c === "'" || c === '\u201c' || c === '\u201d' || c === '\u2018' || c === '\u2019';
}

function onlySoft(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSoft(text[i])) return false;
  return true;
}

/** A word that does not turn up by chance a few words away: four letters or more, or a figure. */
function significant(key: string): boolean {
  return key.length >= 4 || /\d/.test(key);
}

/**
 * A candidate for the claim at the character match [start, end), re-read word by word; undefined
 * when the quote has words and none of them is there (other words), or when what is there is the
 * text that lay before or after the claim.
 */
export function refine(text: string, q: Query, start: number, end: number): Candidate | undefined {
  // The same character match is re-read by several callers (the wide and narrow windows, the
  // runners-up, the search for rivals): once per query and text is enough.
  let memo = refined.get(q);
  if (!memo || memo.text !== text) refined.set(q, (memo = { text, at: new Map() }));
  const key = start * 0x1000000 + (end - start);
  if (memo.at.has(key)) return memo.at.get(key);
  const c = reread(text, q, start, end);
  memo.at.set(key, c);
  return c;
}

/** Candidates already re-read, per query (its text, and start and length of the character match). */
const refined = new WeakMap<Query, { text: string; at: Map<number, Candidate | undefined> }>();

function reread(text: string, q: Query, start: number, end: number): Candidate | undefined {
  const qw = wordsOfQuote(q);
  const L = q.quote.length;
  if (qw.keys.length === 0) return measure(text, q, start, end);
  const m = qw.keys.length;
  // A narrow window first; a wide one when words are missing at an edge (a sentence inserted
  // inside the claim can push its first words beyond the narrow one).
  let tw = wordsAround(text, start, end, Math.max(24, Math.min(160, L >> 1)));
  let al = alignAround(text, q, qw, tw, start, end);
  if (!al || al.firstQuote > 0 || al.lastQuote < m - 1) {
    const wide = wordsAround(text, start, end, Math.max(64, Math.min(320, 2 * L)));
    const alw = alignAround(text, q, qw, wide, start, end);
    if (alw && (!al || alw.matched >= al.matched)) { tw = wide; al = alw; }
  }
  if (!al) return qw.keys.length * tw.keys.length > 400_000 ? measure(text, q, start, end) : undefined;
  let first = al.firstText;
  let last = al.lastText;
  // 1. Surviving edge words the local alignment did not reach (an inserted clause costs more than one word gains).
  let lead = al.firstQuote;
  let tail = m - 1 - al.lastQuote;
  if (lead > 0) {
    let lo = first;
    while (lo > 0 && first - lo < lead + EDGE_INSERT && !boundaryAfter(text, tw, lo - 1)) lo--;
    const hit = earliestMatch(qw.keys.slice(0, lead), tw.keys.slice(lo, first));
    if (hit) { first = lo + hit.t; lead = hit.q; }
  }
  if (tail > 0) {
    let hi = last;
    while (hi < tw.keys.length - 1 && hi - last < tail + EDGE_INSERT && !boundaryAfter(text, tw, hi)) hi++;
    const hit = earliestMatch(qw.keys.slice(m - tail).reverse(), tw.keys.slice(last + 1, hi + 1).reverse());
    if (hit) { last = hi - hit.t; tail = hit.q; }
  }
  // 2. Words between the recorded context and the surviving words: replaced or inserted at the
  // edge. Without the context there, as many words as were lost, joined to the claim's by spacing
  // only ("28 television stations" → "29 television stations", "email account" → "email address").
  const lc = leadFromContext(text, q, tw, first, lead);
  if (lc !== undefined) first = lc;
  else {
    const own = lead > 0 ? q.quote.slice(qw.ends[lead - 1], qw.starts[lead]) : '';
    for (let k = 0; k < lead && first > 0 && joinable(text.slice(tw.ends[first - 1], tw.starts[first]), own); k++) first--;
  }
  const tc = tailFromContext(text, q, tw, last, tail);
  if (tc !== undefined) last = tc;
  else {
    const own = tail > 0 ? q.quote.slice(qw.ends[m - tail - 1], qw.starts[m - tail]) : '';
    for (let k = 0; k < tail && last < tw.keys.length - 1 && joinable(text.slice(tw.ends[last], tw.starts[last + 1]), own); k++) last++;
  }
  let s = tw.starts[first];
  let e = tw.ends[last];
  // 3. The quote's own punctuation at its edges ("(owner of … stations)", "**bold**"), when it is there.
  if (lead === 0 || first < al.firstText) {
    const lp = q.quote.slice(0, qw.starts[0]);
    for (let k = lp.length - 1; k >= 0 && s > 0 && text[s - 1] === lp[k]; k--) s--;
  }
  if (tail === 0 || last > al.lastText) {
    const tp = q.quote.slice(qw.ends[m - 1]);
    for (let k = 0; k < tp.length && e < text.length && text[e] === tp[k]; k++) e++;
  }
  e = completeToken(text, q, s, e);
  ({ s, e } = balanceMarkup(text, s, e));
  const cut = cutAtContext(text, q, s, e);
  if (!cut) return undefined;
  return measure(text, q, cut.start, cut.end);
}

function wordsAround(text: string, start: number, end: number, margin: number): Words {
  return wordsIn(text, Math.max(0, start - margin), Math.min(text.length, end + margin));
}

function alignAround(text: string, q: Query, qw: Words, tw: Words, start: number, end: number): WordAlignment | undefined {
  const found = alignInBlock(text, q, qw, tw, start, end);
  return found && trimStray(qw, tw, found);
}

/**
 * Quote words found again among a few text words beside the alignment, both listed outwards from
 * it: their longest common subsequence over significant words, then the earliest pair of it
 * (the farthest out), extended by the words right outside it that repeat the quote's
 * ("the company" before "company"). `q` and `t` count the words left outside on each side.
 */
function earliestMatch(quote: readonly string[], text: readonly string[]): { q: number; t: number } | undefined {
  const a = quote.length, b = text.length;
  if (a === 0 || b === 0) return undefined;
  const match = (i: number, j: number) => sameWord(quote[i], text[j]) && significant(text[j]);
  const dp: Int32Array[] = [];
  for (let i = 0; i <= a; i++) dp.push(new Int32Array(b + 1));
  for (let i = 1; i <= a; i++) {
    for (let j = 1; j <= b; j++) dp[i][j] = match(i - 1, j - 1) ? dp[i - 1][j - 1] + 1 : Math.max(dp[i - 1][j], dp[i][j - 1]);
  }
  if (dp[a][b] === 0) return undefined;
  let i = a, j = b, qi = -1, ti = -1;
  while (i > 0 && j > 0) {
    if (match(i - 1, j - 1) && dp[i][j] === dp[i - 1][j - 1] + 1) { qi = i - 1; ti = j - 1; i--; j--; }
    else if (dp[i - 1][j] >= dp[i][j - 1]) i--;
    else j--;
  }
  while (qi > 0 && ti > 0 && sameWord(quote[qi - 1], text[ti - 1])) { qi--; ti--; }
  return { q: qi, t: ti };
}

/**
 * A common word at an edge of the alignment, reached over inserted words, is not the claim's
 * ("…per day, and in" for "…per day in 1999"): the alignment is run again without it.
 */
function trimStray(qw: Words, tw: Words, al: WordAlignment): WordAlignment {
  for (let k = 0; k < 4 && al.lastText > al.firstText; k++) {
    const lastStray = !significant(tw.keys[al.lastText]) && !(al.lastQuote > 0 && sameWord(tw.keys[al.lastText - 1], qw.keys[al.lastQuote - 1]));
    const firstStray = !significant(tw.keys[al.firstText]) && !(al.firstQuote < qw.keys.length - 1 && sameWord(tw.keys[al.firstText + 1], qw.keys[al.firstQuote + 1]));
    if (!lastStray && !firstStray) break;
    const next = alignWords(qw, tw, al.firstText + (firstStray ? 1 : 0), al.lastText + (lastStray ? 0 : 1));
    if (!next) break;
    al = next;
  }
  return al;
}

/** Whether a replacement word may join the claim's surviving words: over spacing, or over what separated the words it replaced. */
function joinable(sep: string, own: string): boolean {
  return onlySoft(sep, 0, sep.length) || (own.length > 0 && sep === own);
}

/**
 * The quote's words aligned with the text's, block by block: when the quote has no blank line,
 * each blank-line-separated block of the window is aligned on its own and the one holding most
 * of the quote wins (nearest the character match on a tie), so that a link text in the
 * paragraph before ("…contributing-to-open-source/) for employees") is not joined to the claim.
 * A claim split in two by a new paragraph break is still one claim: the alignment runs on into
 * the next (or previous) block when the rest of the quote continues right at the break.
 */
function alignInBlock(text: string, q: Query, qw: Words, tw: Words, start: number, end: number): WordAlignment | undefined {
  const n = tw.keys.length;
  if (BLANK_LINE.test(q.quote) || n < 2) return alignWords(qw, tw);
  const blocks: [number, number][] = [];
  let a = 0;
  for (let k = 0; k < n; k++) {
    if (k < n - 1 && !blankLineBetween(text, tw.ends[k], tw.starts[k + 1])) continue;
    blocks.push([a, k + 1]);
    a = k + 1;
  }
  if (blocks.length === 1) return alignWords(qw, tw);
  let best: WordAlignment | undefined;
  let bestBlock = -1;
  let bestOverlap = -1;
  blocks.forEach(([from, to], b) => {
    const al = alignWords(qw, tw, from, to);
    if (!al) return;
    const overlap = Math.min(end, tw.ends[al.lastText]) - Math.max(start, tw.starts[al.firstText]);
    if (!best || al.matched > best.matched || (al.matched === best.matched && overlap > bestOverlap)) { best = al; bestBlock = b; bestOverlap = overlap; }
  });
  if (!best) return undefined;
  const m = qw.keys.length;
  let al: WordAlignment = best;
  for (let b = bestBlock; b + 1 < blocks.length && al.lastQuote < m - 1 && al.lastText === blocks[b][1] - 1; b++) {
    const next = alignWords(sliceWords(qw, al.lastQuote + 1, m), tw, blocks[b + 1][0], blocks[b + 1][1]);
    if (!next || next.firstText !== blocks[b + 1][0]) break;
    al = { ...al, matched: al.matched + next.matched, lastText: next.lastText, lastQuote: al.lastQuote + 1 + next.lastQuote };
  }
  for (let b = bestBlock; b > 0 && al.firstQuote > 0 && al.firstText === blocks[b][0]; b--) {
    const prev = alignWords(sliceWords(qw, 0, al.firstQuote), tw, blocks[b - 1][0], blocks[b - 1][1]);
    if (!prev || prev.lastText !== blocks[b - 1][1] - 1) break;
    al = { ...al, matched: al.matched + prev.matched, firstText: prev.firstText, firstQuote: prev.firstQuote };
  }
  return al;
}

function sliceWords(w: Words, from: number, to: number): Words {
  return { starts: w.starts.slice(from, to), ends: w.ends.slice(from, to), keys: w.keys.slice(from, to) };
}

/**
 * Where the claim begins, given its first surviving word `first` (`lead` quote words lost before
 * it), when its recorded `before` context says so: found right there, the claim begins at
 * `first`; found a few words earlier in the same clause, the words in between are the claim's
 * (replaced or inserted at its start). Undefined when the context is not found.
 */
function leadFromContext(text: string, q: Query, tw: Words, first: number, lead: number): number | undefined {
  const before = q.before;
  if (before.trim().length < 8) return undefined;
  const at = tw.starts[first];
  const here = alignBefore(text, at, before);
  if (here.score >= (lead > 0 ? EDGE_CONTEXT : EDGE_CONTEXT_SURE)) {
    let f = first;
    while (f > 0 && tw.starts[f - 1] >= here.at) f--;
    return f;
  }
  let lo = first;
  while (lo > 0 && first - lo < lead + EDGE_INSERT && !clauseAfter(text, tw, lo - 1)) lo--;
  if (lo === first) return undefined;
  const k = Math.floor(before.length * (1 - (lead > 0 ? EDGE_CONTEXT : EDGE_CONTEXT_SURE)));
  // The context ends before the claim's first word: at the latest right before `first`.
  const hits = fuzzySearch(text, before, k, Math.max(0, tw.starts[lo] - before.length - k), at);
  for (let h = hits.length - 1; h >= 0; h--) {
    const end = hits[h].end;
    if (end > at || insideWord(text, end)) continue;
    let f = first;
    while (f > lo && tw.starts[f - 1] >= end) f--;
    return f;
  }
  return undefined;
}

/** Where the claim ends, given its last surviving word (mirror of leadFromContext, with `after`). */
function tailFromContext(text: string, q: Query, tw: Words, last: number, tail: number): number | undefined {
  const after = q.after;
  if (after.trim().length < 8) return undefined;
  const at = tw.ends[last];
  const here = alignAfter(text, at, after);
  if (here.score >= (tail > 0 ? EDGE_CONTEXT : EDGE_CONTEXT_SURE)) {
    let l = last;
    while (l < tw.keys.length - 1 && tw.ends[l + 1] <= here.at) l++;
    return l;
  }
  let hi = last;
  while (hi < tw.keys.length - 1 && hi - last < tail + EDGE_INSERT && !clauseAfter(text, tw, hi)) hi++;
  if (hi === last) return undefined;
  const k = Math.floor(after.length * (1 - (tail > 0 ? EDGE_CONTEXT : EDGE_CONTEXT_SURE)));
  const hits = fuzzySearch(text, after, k, at, Math.min(text.length, tw.ends[hi] + after.length + k));
  for (const h of hits) {
    const start = h.start;
    if (start < at || insideWord(text, start)) continue;
    let l = last;
    while (l < hi && tw.ends[l + 1] <= start) l++;
    return l;
  }
  return undefined;
}

/** Clause punctuation: where a quote that ended in front of it ended a token. */
const CLAUSE = /[\s,;:!?.\u2026"'\u201d\u2019)\]]/;

/**
 * When the quote ended where a token ended (its `after` context starts with space or clause
 * punctuation) but the range ends inside a token — a link or markup whose words were edited
 * ("…creativecommons.org" of "(https://creativecommons.org/publicdomain/zero/1.0/)") — the
 * range runs on to the token's end: over anything but space and clause punctuation, over a dot
 * or colon inside the token, and over a closing bracket that the range opened.
 */
function completeToken(text: string, q: Query, s: number, e: number): number {
  if (q.after.length > 0 && !CLAUSE.test(q.after[0])) return e;
  if (e >= text.length || /\s/.test(text[e]) || e === s) return e;
  // Followed by what followed the quote: it already ends where the quote ended ("2043.david").
  const next = q.after.slice(0, 3);
  if (next.length > 0 && text.startsWith(next, e)) return e;
  let open = 0, square = 0;
  for (let i = s; i < e; i++) {
    const c = text[i];
    if (c === '(') open++; else if (c === ')') open = Math.max(0, open - 1);
    else if (c === '[') square++; else if (c === ']') square = Math.max(0, square - 1);
  }
  let i = e;
  while (i < text.length && i - e < MAX_TOKEN_TAIL) {
    if (next.length > 0 && text.startsWith(next, i)) break;
    const c = text[i];
    if (/\s/.test(c)) break;
    if (c === ')') { if (open === 0) break; open--; i++; continue; }
    if (c === ']') { if (square === 0) break; square--; i++; continue; }
    if (c === '.' || c === ':') { if (i + 1 >= text.length || /\s/.test(text[i + 1]) || CLAUSE.test(text[i + 1])) break; i++; continue; }
    if (c === ',' || c === ';' || c === '!' || c === '?' || c === '\u2026' || c === '"' || c === '\u201d') break;
    if (c === '(') open++;
    if (c === '[') square++;
    i++;
  }
  if (i - e >= MAX_TOKEN_TAIL) return e;
  // A token never ends on an opening bracket or inside a word.
  while (i > e && (text[i - 1] === '(' || text[i - 1] === '[' || text[i - 1] === '<')) i--;
  return insideWord(text, i) ? e : i;
}

/**
 * Emphasis, inline HTML and brackets opened inside the range and closed right after it (or the
 * other way round) are taken in whole: "<em>Second … Plan</em>", "**do not**", "(new york)".
 */
function balanceMarkup(text: string, s: number, e: number): { s: number; e: number } {
  const inside = text.slice(s, e);
  for (const mark of ['**', '__', '`']) {
    if (inside.split(mark).length % 2 === 0) {
      if (text.startsWith(mark, e)) e += mark.length;
      else if (text.startsWith(mark, s - mark.length)) s -= mark.length;
    }
  }
  // A bracket left open closes a few words on, in the same line: "advertiser south (new york)".
  let depth = 0;
  for (let i = s; i < e; i++) if (text[i] === '(') depth++; else if (text[i] === ')' && depth > 0) depth--;
  if (depth === 1) {
    const close = /^[^()\n.!?;]{0,40}\)/.exec(text.slice(e, e + 42));
    if (close) e += close[0].length;
  }
  const tags = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?>/g;
  const open: string[] = [];
  let unopened: string | undefined;
  for (let m = tags.exec(inside); m; m = tags.exec(inside)) {
    const name = m[2].toLowerCase();
    if (!m[1]) open.push(name);
    else if (open[open.length - 1] === name) open.pop();
    else if (open.length === 0 && unopened === undefined) unopened = name;
  }
  if (open.length === 1) {
    const close = `</${open[0]}>`;
    if (text.slice(e, e + close.length).toLowerCase() === close) e += close.length;
  }
  if (unopened !== undefined) {
    const before = text.slice(Math.max(0, s - 64), s);
    const m = new RegExp(`<${unopened}(?:\\s[^<>]*)?>$`, 'i').exec(before);
    if (m) s -= m[0].length;
  }
  return { s, e };
}

/**
 * The range without the text the claim's context says surrounds it: when the recorded `after`
 * context is found inside [s, e), the range ran into what followed the claim (a deleted line's
 * neighbour slid into its place), and likewise for `before` — unless the words there match the
 * quote at least as well as they match the context (a list of like items: "clifton park north
 * pennysaver" followed by "clifton park south pennysaver"). Undefined when nothing is left.
 */
function cutAtContext(text: string, q: Query, s: number, e: number): { start: number; end: number } | undefined {
  const probe = 24;
  const quoteHasIt = (from: number, to: number, errors: number) => fuzzySearch(q.quote, text.slice(from, to), errors).length > 0;
  if (q.after.trim().length >= 8) {
    const a = q.after.slice(0, probe);
    const k = Math.floor(a.length * (1 - CONTAINED));
    const hit = fuzzySearch(text, a, k, s + 1, e).find((m) => m.start > s && m.start < e - 2 && !quoteHasIt(m.start, m.end, m.errors));
    if (hit) {
      e = hit.start;
      while (e > s && !/[\p{L}\p{N}]/u.test(text[e - 1])) e--;
    }
  }
  if (q.before.trim().length >= 8) {
    const b = q.before.slice(-probe);
    const k = Math.floor(b.length * (1 - CONTAINED));
    const hits = fuzzySearch(text, b, k, s, e - 1).filter((m) => m.end < e && m.end > s + 2 && !quoteHasIt(m.start, m.end, m.errors));
    const hit = hits[hits.length - 1];
    if (hit) {
      s = hit.end;
      while (s < e && !/[\p{L}\p{N}]/u.test(text[s])) s++;
    }
  }
  return e > s ? { start: s, end: e } : undefined;
}

/** Scores [start, end) as a place of the claim. */
function measure(text: string, q: Query, start: number, end: number): Candidate | undefined {
  const qw = wordsOfQuote(q);
  const L = q.quote.length;
  const R = end - start;
  const errors = L * R <= MAX_EDIT_CELLS ? editDistance(q.quote, text.slice(start, end)) : Math.abs(L - R);
  let recall = Math.max(0, 1 - errors / L);
  let precision = recall;
  if (qw.keys.length > 0) {
    const inside = wordsIn(text, start, end);
    const matched = commonWords(qw, inside);
    if (matched === 0) return undefined;
    recall = matched / qw.keys.length;
    precision = matched / inside.keys.length;
  }
  const b = alignBefore(text, start, q.before);
  const a = alignAfter(text, end, q.after);
  return {
    start,
    end,
    sim: wordSim(recall, precision),
    errors,
    charSim: Math.max(0, 1 - errors / L),
    ctx: (a.score + b.score) / 2,
    cb: b.score,
    ca: a.score,
    recall,
    precision,
    dist: q.expected === undefined ? Infinity : Math.abs(start - q.expected),
  };
}

/** How much of the claim a place holds: its surviving words, discounted for words that are not its own. */
export function wordSim(recall: number, precision: number): number {
  return recall * (0.5 + 0.5 * precision);
}

/** Whether [start, end) starts or ends inside a word. */
export function cutsWord(text: string, start: number, end: number): boolean {
  return insideWord(text, start) || insideWord(text, end);
}
