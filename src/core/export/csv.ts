// CSV for newsroom spreadsheets: one row per claim, RFC 4180 (CRLF, double quotes doubled),
// with a byte-order mark so that Excel reads it as UTF-8. A cell that a spreadsheet would take
// for a formula (=, +, -, @, a tab or a carriage return first) is prefixed with an apostrophe,
// so that text from a sidecar never runs as a formula.
import type { ExportInput, ExportResult } from './exportInput';
import { plural } from './exportInput';
import { buildReport, dateOnly, type ReportClaim } from './reportModel';

const COLUMNS: [string, (c: ReportClaim, article: string) => string | number | undefined][] = [
  ['article', (_c, a) => a],
  ['id', (c) => c.id],
  ['line', (c) => c.line],
  ['quote', (c) => c.quote],
  ['words now', (c) => c.wordsNow],
  ['status', (c) => c.status.key],
  ['verdict', (c) => c.status.label],
  ['rating', (c) => c.status.rating],
  ['settled', (c) => (c.status.settled ? 'yes' : 'no')],
  ['caution', (c) => c.caution],
  ['claimant', (c) => c.claimant],
  ['appearances', (c) => c.appearances.map((a) => (a.date ? `${a.url} (${dateOnly(a.date)})` : a.url)).join('\n')],
  ['summary', (c) => c.summary],
  ['explanation', (c) => c.explanation],
  ['sources', (c) => c.sources.map((s) => s.url).join('\n')],
  ['source titles', (c) => c.sources.map((s) => s.title ?? '').join('\n')],
  ['stances', (c) => c.sources.map((s) => s.stance ?? '').join('\n')],
  ['archives', (c) => c.sources.map((s) => s.archive ?? '').join('\n')],
  ['tags', (c) => c.tags.join(', ')],
  ['rater', (c) => c.rater],
  ['rated', (c) => c.rated],
  ['reviews', (c) => c.reviews.map((r) => `${r.verdict === 'approve' ? 'approved' : 'disputed'} by ${r.by} on ${dateOnly(r.date)}${r.current ? '' : ` (of ${r.statusLabel})`}${r.note ? `: ${r.note}` : ''}`).join('\n')],
  ['assignee', (c) => c.assignee],
  ['corrections', (c) => c.log.length || undefined],
];

export function renderCsv(input: ExportInput): ExportResult {
  const report = buildReport(input);
  const rows = [COLUMNS.map(([name]) => name)];
  for (const a of report.articles) for (const c of a.claims) rows.push(COLUMNS.map(([, get]) => String(get(c, a.name) ?? '')));
  const text = '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
  return { text, notes: [], summary: `CSV of ${plural(report.total, 'claim')} in ${plural(report.articles.length, 'article')}` };
}

function cell(value: string): string {
  const v = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}
