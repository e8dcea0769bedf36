// Checks made on the raw text before any YAML parsing: a size limit (parsing a huge file would
// freeze the editor) and git conflict markers (which would otherwise surface as a confusing
// YAML syntax error somewhere in the middle of the file).
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
  return conflictMarkers(source, file);
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
