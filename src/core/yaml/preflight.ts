// Checks made on the raw text before any YAML parsing: a size limit (parsing a huge file would
// freeze the editor), git conflict markers (which would otherwise surface as a confusing
// YAML syntax error somewhere in the middle of the file) and a nesting-depth limit (deeper
// input would overflow the recursive parser's stack).
import type { Problem } from '../model';

/** Sidecars and config files above this many characters are refused without parsing. */
export const MAX_TEXT_LENGTH = 20 * 1024 * 1024;

const CONFLICT_MARKER = /^(<{7}|\|{7}|={7}|>{7})(?:[ \t].*)?\r?$/;

export function preflight(source: string, file: string | undefined, maxLength = MAX_TEXT_LENGTH): Problem[] {
  if (source.length > maxLength) {
    const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
    return [{ severity: 'error', code: 'too-large', file, line: 1, column: 1,
      message: `The file is ${mb(source.length)} MB; Factmark does not read files over ${mb(maxLength)} MB.` }];
  }
  const markers = conflictMarkers(source, file);
  return markers.length ? markers : tooDeep(source, file);
}

/**
 * Deeper than this is refused before parsing. A sidecar needs six levels; the YAML parser and
 * everything after it recurse once per level, so 10,000 nested `[` would overflow the stack
 * (the parser reports that as a syntax error deep in the file, after a long time).
 */
export const MAX_NESTING = 64;

/**
 * An upper estimate of how deeply lists and mappings nest, in one pass without recursion:
 * block structure by indentation (each `- ` on a line one more level), flow collections by
 * their brackets. Quoted scalars, comments and block scalars (`|`, `>`) are skipped, so brackets
 * and indentation inside text never count. Only the place where the limit is crossed is reported.
 */
function tooDeep(source: string, file: string | undefined): Problem[] {
  const lines = source.split('\n');
  const indents: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | undefined;
  let blockScalarParent = -1; // indent of the line that opened a block scalar, or -1
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    let i = 0;
    while (line.charCodeAt(i) === 32) i++;
    const blank = i >= line.length || /^[\s]*$/.test(line.slice(i));
    if (blockScalarParent >= 0) {
      if (blank || i > blockScalarParent) continue;
      blockScalarParent = -1;
    }
    if (!quote && flow === 0) {
      if (blank || line[i] === '#') continue;
      while (indents.length && indents[indents.length - 1] >= i) indents.pop();
      indents.push(i);
    }
    let depth = flow === 0 && !quote ? indents.length : 0;
    let prev = ''; // last significant character on this line, '' at its start
    for (; i < line.length; i++) {
      const c = line[i];
      if (quote === '"') {
        if (c === '\\') i++;
        else if (c === '"') { quote = undefined; prev = 'x'; }
        continue;
      }
      if (quote === "'") {
        if (c === "'") { quote = undefined; prev = 'x'; }
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\r') continue;
      const valueStart = prev === '' || prev === '-' || prev === ':' || prev === '?' || (flow > 0 && (prev === ',' || prev === '[' || prev === '{'));
      if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) break;
      if ((c === '"' || c === "'") && valueStart) { quote = c; continue; }
      if ((c === '|' || c === '>') && valueStart && flow === 0) { blockScalarParent = indents[indents.length - 1] ?? 0; break; }
      if ((c === '[' || c === '{') && (valueStart || flow > 0)) flow++;
      else if ((c === ']' || c === '}') && flow > 0) flow--;
      else if (c === '-' && (prev === '' || prev === '-') && flow === 0 && (i + 1 >= line.length || /\s/.test(line[i + 1]))) { depth++; prev = '-'; continue; }
      if (depth + flow > MAX_NESTING) {
        return [{ severity: 'error', code: 'too-deep', file, line: n + 1, column: i + 1,
          message: `Lists and mappings nest more than ${MAX_NESTING} levels deep here (a sidecar needs 6); Factmark does not read such files.` }];
      }
      // A `- ` directly after another starts a nested list on the same line; anything else ends the run of indicators.
      prev = c === ':' && !(i + 1 >= line.length || /\s/.test(line[i + 1])) ? 'x' : c === '-' ? 'x' : c;
    }
    if (depth > MAX_NESTING) {
      return [{ severity: 'error', code: 'too-deep', file, line: n + 1, column: 1,
        message: `Lists and mappings nest more than ${MAX_NESTING} levels deep here (a sidecar needs 6); Factmark does not read such files.` }];
    }
  }
  return [];
}

/** One problem per conflict (`<<<<<<<` line), or per stray `>>>>>>>` if there is no opening marker. */
function conflictMarkers(source: string, file: string | undefined): Problem[] {
  if (!/^(<{7}|>{7})/m.test(source)) return []; // fast path; `=======` alone can be a Markdown heading rule
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
