// Checks made on the raw text before any YAML parsing: a size limit, git conflict markers
// (which would otherwise surface as a confusing YAML syntax error somewhere in the middle of
// the file), a nesting-depth limit (deeper input would overflow the recursive parser's stack),
// and limits on claims and values per file (what parsing and anchoring cost grows with).
import { MAX_CLAIMS, MAX_NESTING, MAX_NODES, MAX_TEXT_LENGTH } from '../limits';
import type { Problem } from '../model';

export { MAX_TEXT_LENGTH, MAX_NESTING, MAX_CLAIMS, MAX_NODES } from '../limits';
export { MAX_ARTICLE_BYTES, MAX_CONFIG_BYTES } from '../limits';

const CONFLICT_MARKER = /^(<{7}|\|{7}|={7}|>{7})(?:[ \t].*)?\r?$/;

export interface PreflightLimits {
  /** Characters (default MAX_TEXT_LENGTH). */
  maxLength?: number;
  maxClaims?: number;
  maxNodes?: number;
}

/**
 * Problems that stop a file from being parsed at all: too large, git conflict markers, nested
 * too deeply, too many claims, too many values. Every reader (the full YAML parser and any
 * faster one) calls this first, so that no file under the limits costs more than a bounded
 * amount of time and memory to read. Linear in the text, one pass, no allocation per line.
 */
export function preflight(source: string, file: string | undefined, limits: number | PreflightLimits = {}, counted?: { values: number }): Problem[] {
  const l = typeof limits === 'number' ? { maxLength: limits } : limits;
  const head = preflightHead(source, file, l.maxLength);
  if (head.length) return head;
  return preflightScan(source, file, l, counted);
}

/**
 * preflight's first two checks, the cheap ones (two native searches): the size and git conflict
 * markers. parseSidecar makes them before its one pass (see fastYamlReadOnce), and preflightScan
 * after it only when the one pass cannot tell that the scan finds nothing.
 */
export function preflightHead(source: string, file: string | undefined, maxLength: number = MAX_TEXT_LENGTH): Problem[] {
  if (source.length > maxLength) {
    const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
    return [{ severity: 'error', code: 'too-large', file, line: 1, column: 1,
      message: `The file is ${mb(source.length)} MB; Factmark does not read files over ${mb(maxLength)} MB.` }];
  }
  return conflictMarkers(source, file);
}

/** The rest of preflight, after preflightHead found nothing: nesting, claims and values counted. */
export function preflightScan(source: string, file: string | undefined, limits: PreflightLimits = {}, counted?: { values: number }): Problem[] {
  return scan(source, file, limits.maxClaims ?? MAX_CLAIMS, limits.maxNodes ?? MAX_NODES, counted);
}

/**
 * One pass that estimates, without parsing: how deeply lists and mappings nest (block structure
 * by indentation, each `- ` on a line one more level; flow collections by their brackets), how
 * many values the file holds (each line's first value, each `- `, `key: ` and flow item: what a
 * parser builds a node for, so what parsing costs), and how many claims (items of the top-level
 * `claims:` list, block or flow). Quoted scalars, comments and block scalars (`|`, `>`) are
 * skipped, so brackets and indentation inside text never count. Only the place where a limit is
 * crossed is reported.
 */
function scan(source: string, file: string | undefined, maxClaims: number, maxNodes: number, counted?: { values: number }): Problem[] {
  const indents: number[] = [];
  let flow = 0;
  let quote = 0; // DQUOTE or SQUOTE inside a quoted scalar (which may go on over lines), else 0
  let blockScalarParent = -1; // indent of the line that opened a block scalar, or -1
  let nodes = 0;
  let claims = 0;
  // The top-level `claims:` list: -1 outside it; else the indent of its `-` items (once seen).
  let inClaims = false;
  let claimIndent = -1;
  let claimsFlowDepth = 0; // flow depth of the `[` that opened a flow-style claims list, or 0
  const at = (code: string, line: number, column: number, message: string): Problem[] =>
    [{ severity: 'error', code, file, line, column, message }];
  const tooMany = (line: number, column: number): Problem[] => at('too-many-claims', line, column,
    `The file has more than ${maxClaims.toLocaleString('en')} claims; Factmark reads at most ${maxClaims.toLocaleString('en')} per sidecar (split the article into parts).`);
  const tooComplex = (line: number, column: number): Problem[] => at('too-complex', line, column,
    `The file holds more than ${maxNodes.toLocaleString('en')} values (lists, mappings, fields); Factmark does not read such files, which cost too much to parse (a sidecar needs about 30 per claim).`);
  const tooDeep = (line: number, column: number): Problem[] => at('too-deep', line, column,
    `Lists and mappings nest more than ${MAX_NESTING} levels deep here (a sidecar needs 6); Factmark does not read such files.`);
  let n = 0;
  // Characters as UTF-16 codes (no one-character strings); `prev` is the last significant
  // character on the line, NONE at its start, X for one that ends a run of indicators.
  const NONE = -1;
  const X = 120; // 'x'
  // The limits are checked after every character that can change what they count; `pending`:
  // something changed since the last check (a new line, a `- `), so the next character checks.
  // A run of ordinary characters changes nothing and is passed over.
  let pending = true;
  // The next `"`, `\` and `'` at or after where each was last looked for (the scan only moves
  // forwards; 2³² - 1: none), so that each is searched for natively, once per stretch of text.
  let nextDquote = -1;
  let nextBackslash = -1;
  let nextSquote = -1;
  for (let lineStart = 0; lineStart <= source.length; n++) {
    let lineEnd = source.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = source.length;
    let i = lineStart;
    while (source.charCodeAt(i) === SPACE) i++;
    const indent = i - lineStart;
    const blank = isBlankFrom(source, i, lineEnd);
    const next = lineEnd + 1;
    if (blockScalarParent >= 0) {
      if (blank || indent > blockScalarParent) { lineStart = next; continue; }
      blockScalarParent = -1;
    }
    const first = source.charCodeAt(i);
    if (!quote && flow === 0) {
      if (blank || first === HASH) { lineStart = next; continue; }
      while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
      nodes++;
      if (indent === 0 && first !== DASH) {
        inClaims = isClaimsKey(source, i);
        claimIndent = -1;
      } else if (inClaims && first === DASH && isIndicatorEnd(source, i + 1, lineEnd)) {
        if (claimIndent === -1) claimIndent = indent;
        if (indent === claimIndent && ++claims > maxClaims) return tooMany(n + 1, indent + 1);
      }
    }
    let depth = flow === 0 && !quote ? indents.length : 0;
    let prev = NONE;
    pending = true;
    for (; i < lineEnd; i++) {
      if (quote === DQUOTE) {
        // To the closing quote on this line, a backslash escaping the character after it.
        for (;;) {
          if (nextDquote < i) nextDquote = source.indexOf('"', i) >>> 0;
          if (nextBackslash < i) nextBackslash = source.indexOf('\\', i) >>> 0;
          if (nextBackslash < nextDquote) { i = nextBackslash + 2; continue; }
          i = nextDquote;
          break;
        }
        if (i >= lineEnd) break;
        quote = 0; prev = X;
        continue;
      }
      if (quote === SQUOTE) {
        if (nextSquote < i) nextSquote = source.indexOf("'", i) >>> 0;
        if (nextSquote >= lineEnd) break;
        i = nextSquote;
        quote = 0; prev = X;
        continue;
      }
      const c = source.charCodeAt(i);
      if (c < 128 && ORDINARY[c] === 1 || c >= 128) {
        // No indicator, quote, bracket, comment or space: nothing but the limits to look at here.
        if (pending) {
          if (depth + flow > MAX_NESTING) return tooDeep(n + 1, i - lineStart + 1);
          if (nodes > maxNodes) return tooComplex(n + 1, i - lineStart + 1);
          pending = false;
        }
        prev = X;
        continue;
      }
      if (c === SPACE || c === TAB || c === CR) continue;
      const valueStart = prev === NONE || prev === DASH || prev === COLON || prev === QUESTION || (flow > 0 && (prev === COMMA || prev === OPEN_SQUARE || prev === OPEN_CURLY));
      if (c === HASH && (i === lineStart || /\s/.test(source[i - 1]))) break;
      if ((c === DQUOTE || c === SQUOTE) && valueStart) { quote = c; continue; }
      if ((c === PIPE || c === GREATER) && valueStart && flow === 0) { blockScalarParent = indents[indents.length - 1] ?? 0; break; }
      if ((c === OPEN_SQUARE || c === OPEN_CURLY) && (valueStart || flow > 0)) {
        flow++;
        nodes++;
        if (inClaims && claimIndent === -1 && flow === 1 && c === OPEN_SQUARE) claimsFlowDepth = 1;
        else if (claimsFlowDepth && flow === claimsFlowDepth + 1 && c === OPEN_CURLY && ++claims > maxClaims) return tooMany(n + 1, i - lineStart + 1);
      } else if ((c === CLOSE_SQUARE || c === CLOSE_CURLY) && flow > 0) {
        flow--;
        if (flow < claimsFlowDepth) { claimsFlowDepth = 0; inClaims = false; }
      } else if (c === COMMA && flow > 0) nodes++;
      else if (c === COLON && isIndicatorEnd(source, i + 1, lineEnd)) nodes++;
      else if (c === DASH && (prev === NONE || prev === DASH) && flow === 0 && isIndicatorEnd(source, i + 1, lineEnd)) {
        depth++; nodes++; prev = DASH;
        if (depth + flow > MAX_NESTING) return tooDeep(n + 1, i - lineStart + 1);
        pending = true;
        continue;
      }
      if (depth + flow > MAX_NESTING) return tooDeep(n + 1, i - lineStart + 1);
      if (nodes > maxNodes) return tooComplex(n + 1, i - lineStart + 1);
      pending = false;
      // A `- ` directly after another starts a nested list on the same line; anything else ends the run of indicators.
      prev = c === COLON && !isIndicatorEnd(source, i + 1, lineEnd) ? X : c === DASH ? X : c;
    }
    if (depth > MAX_NESTING) return tooDeep(n + 1, 1);
    if (nodes > maxNodes) return tooComplex(n + 1, 1);
    lineStart = next;
  }
  if (counted) counted.values = nodes;
  return [];
}

const TAB = 9;
const CR = 13;
const SPACE = 32;
const DQUOTE = 34;
const HASH = 35;
const SQUOTE = 39;
const COMMA = 44;
const DASH = 45;
const COLON = 58;
const GREATER = 62;
const QUESTION = 63;
const OPEN_SQUARE = 91;
const BACKSLASH = 92;
const CLOSE_SQUARE = 93;
const OPEN_CURLY = 123;
const PIPE = 124;
const CLOSE_CURLY = 125;

/** 1 for the ASCII characters the scan passes over: all but spaces, tabs, CR and ` # " ' | > [ ] { } , : - ? `. */
const ORDINARY = new Uint8Array(128).fill(1);
for (const c of [TAB, CR, SPACE, DQUOTE, HASH, SQUOTE, COMMA, DASH, COLON, GREATER, QUESTION, OPEN_SQUARE, CLOSE_SQUARE, OPEN_CURLY, PIPE, CLOSE_CURLY]) ORDINARY[c] = 0;

/** Whether the character at `i` ends an indicator (`-` or `:`): a space, a tab, or the end of the line. */
function isIndicatorEnd(source: string, i: number, lineEnd: number): boolean {
  if (i >= lineEnd) return true;
  const c = source.charCodeAt(i);
  return c === 32 || c === 9 || c === 13;
}

function isBlankFrom(source: string, i: number, lineEnd: number): boolean {
  for (; i < lineEnd; i++) {
    const c = source.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** A top-level key `claims` (plain or quoted), followed by its `:`. */
function isClaimsKey(source: string, i: number): boolean {
  const m = /(?:claims|"claims"|'claims')[ \t]*:/y;
  m.lastIndex = i;
  return m.test(source);
}

/**
 * Whether `marker` is at the start of the text or just after a line break (what `^` finds with
 * /m: after LF, CR, LS or PS), by native searches for it (the /m regular expression tried every line).
 */
function startsALine(source: string, marker: string): boolean {
  for (let at = source.indexOf(marker); at !== -1; at = source.indexOf(marker, at + 1)) {
    const before = at === 0 ? 10 : source.charCodeAt(at - 1);
    if (before === 10 || before === 13 || before === 0x2028 || before === 0x2029) return true;
  }
  return false;
}

/** One problem per conflict (`<<<<<<<` line), or per stray `>>>>>>>` if there is no opening marker. */
function conflictMarkers(source: string, file: string | undefined): Problem[] {
  if (!startsALine(source, '<<<<<<<') && !startsALine(source, '>>>>>>>')) return []; // fast path; `=======` alone can be a Markdown heading rule
  const found: { line: number; marker: string }[] = [];
  source.split('\n').forEach((text, i) => {
    const m = CONFLICT_MARKER.exec(text);
    if (m) found.push({ line: i + 1, marker: m[1] });
  });
  const openings = found.filter((f) => f.marker.startsWith('<'));
  const report = openings.length ? openings : found.filter((f) => f.marker.startsWith('>'));
  const lines = found.map((f) => f.line).join(', ');
  return report.map((f) => ({
    severity: 'error' as const, code: 'git-conflict', file, line: f.line, column: 1,
    message: `The file has unresolved git conflicts (markers on lines ${lines}). Resolve them and remove the markers before Factmark can read it.`,
  }));
}
