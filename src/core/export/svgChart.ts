// The chart of verdicts in the HTML report: one horizontal bar per status that has claims, in
// the scale's order, in the status colour. Inline SVG, so the report needs no image file and no
// script; every label is escaped.
import { escapeHtml } from './escape';
import type { StatusCount } from './reportModel';

const ROW = 26;
const LABEL_WIDTH = 150;
const BAR_WIDTH = 340;
const COUNT_WIDTH = 50;

export function verdictChart(counts: readonly StatusCount[], title: string): string {
  const rows = counts.filter((c) => c.count > 0);
  if (!rows.length) return '';
  const max = Math.max(...rows.map((r) => r.count));
  const width = LABEL_WIDTH + BAR_WIDTH + COUNT_WIDTH;
  const height = rows.length * ROW + 4;
  const described = rows.map((r) => `${r.status.label}: ${r.count}`).join(', ');
  const bars = rows.map((r, i) => {
    const y = i * ROW + 2;
    const w = Math.max(2, Math.round((r.count / max) * BAR_WIDTH));
    return `<g><text x="${LABEL_WIDTH - 8}" y="${y + 17}" text-anchor="end">${escapeHtml(r.status.label)}</text>`
      + `<rect x="${LABEL_WIDTH}" y="${y + 4}" width="${w}" height="${ROW - 8}" rx="3" fill="${safeColor(r.status.color)}"></rect>`
      + `<text x="${LABEL_WIDTH + w + 6}" y="${y + 17}">${r.count}</text></g>`;
  }).join('');
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(`${title}: ${described}`)}">`
    + `<title>${escapeHtml(`${title}: ${described}`)}</title>${bars}</svg>`;
}

/** A `#rrggbb` colour, or grey for anything else (a scale from a file is not trusted as CSS). */
export function safeColor(color: string): string {
  return /^#[0-9a-fA-F]{6}$/.test(color) ? color.toLowerCase() : '#8a8a8a';
}
