// The export formats, by the name `factmark export --format` and the Export… command use.
import { renderClaimReview } from './claimReview';
import { renderCsv } from './csv';
import type { ExportInput, ExportResult } from './exportInput';
import { renderHtmlReport } from './htmlReport';
import { renderMarkdownReport } from './markdownReport';
import { renderWebAnnotations } from './webAnnotation';

export type ExportFormatId = 'claimreview' | 'w3c' | 'html' | 'markdown' | 'csv';

export interface ExportFormat {
  id: ExportFormatId;
  label: string;
  /** What the format is for, in one line. */
  detail: string;
  /** File name ending, e.g. `.report.html` (`treaty.md` → `treaty.report.html`). */
  extension: string;
  /** Save-dialog filter. */
  filter: Record<string, string[]>;
  render(input: ExportInput): ExportResult;
}

export const FORMATS: readonly ExportFormat[] = [
  { id: 'html', label: 'HTML report', detail: 'One printable, self-contained page for the editor who signs off: verdicts, sources, reviews, a chart', extension: '.report.html', filter: { 'HTML report': ['html'] }, render: (i) => renderHtmlReport(i) },
  { id: 'markdown', label: 'Markdown report', detail: 'The same report as Markdown, for a wiki, a pull request or a CMS', extension: '.report.md', filter: { Markdown: ['md'] }, render: renderMarkdownReport },
  { id: 'claimreview', label: 'ClaimReview (schema.org JSON-LD)', detail: 'Structured data for search engines and fact-check aggregators; settled claims only', extension: '.claimreview.json', filter: { 'JSON-LD': ['json', 'jsonld'] }, render: renderClaimReview },
  { id: 'w3c', label: 'W3C Web Annotations (JSON-LD)', detail: 'Every claim as an annotation on its words, for annotation tools; Factmark imports it back', extension: '.annotations.json', filter: { 'JSON-LD': ['json', 'jsonld'] }, render: renderWebAnnotations },
  { id: 'csv', label: 'CSV spreadsheet', detail: 'One row per claim for newsroom spreadsheets (Excel, Google Sheets, LibreOffice)', extension: '.claims.csv', filter: { CSV: ['csv'] }, render: renderCsv },
];

export function findFormat(id: string): ExportFormat | undefined {
  return FORMATS.find((f) => f.id === id.toLowerCase());
}

/** `path/treaty.md` → `path/treaty.report.html` (the article's extension is replaced). */
export function exportFileName(article: string, format: ExportFormat): string {
  const slash = Math.max(article.lastIndexOf('/'), article.lastIndexOf('\\'));
  const dot = article.lastIndexOf('.');
  return (dot > slash + 1 ? article.slice(0, dot) : article) + format.extension;
}
