// A sidecar written from scratch: header comment, fixed key order, one blank line between
// claims (so that git sees separate hunks for neighbouring claims).
import type { Sidecar } from '../model';
import { renderItem, renderMapping } from '../yaml/yamlDocument';
import { SIDECAR_STYLE, claimToData, sidecarToData } from './claimData';

export const FORMAT_URL = 'https://github.com/factmark/factmark#sidecar-format';
export const ITEM_INDENT = 2;

export function renderNewSidecar(sidecar: Sidecar, eol = '\n'): string {
  const name = sidecar.article.replace(/[\r\n]+/g, ' ');
  const header = `# Factmark claims for ${name} — ${FORMAT_URL}${eol}`;
  const { claims: _claims, dismissed: _dismissed, ...headerFields } = sidecarToData(sidecar);
  const fields = renderMapping(headerFields, SIDECAR_STYLE, eol);
  return header + fields + 'claims:' + renderClaimsBlock(sidecar, ITEM_INDENT, eol) + eol + renderDismissedKey(sidecar.dismissed, eol);
}

/** `dismissed:` after a blank line and its entries, one a line; empty when there are none. */
export function renderDismissedKey(dismissed: readonly string[] | undefined, eol: string): string {
  if (!dismissed?.length) return '';
  return eol + 'dismissed:' + renderDismissedBlock(dismissed, ITEM_INDENT, eol) + eol;
}

/** What follows `dismissed:` (no final line break): ` []`, or one entry a line. */
export function renderDismissedBlock(dismissed: readonly string[], indent: number, eol: string): string {
  if (dismissed.length === 0) return ' []';
  return eol + dismissed.map((d) => renderDismissedItem(d, indent, eol)).join(eol);
}

export function renderDismissedItem(entry: string, indent: number, eol: string): string {
  return renderItem(entry, SIDECAR_STYLE, 'dismissed', indent, eol);
}

/** What follows `claims:` (no final line break): ` []`, or the items on their own lines. */
export function renderClaimsBlock(sidecar: Sidecar, indent: number, eol: string): string {
  if (sidecar.claims.length === 0) return ' []';
  return eol + sidecar.claims.map((c) => renderItem(claimToData(c), SIDECAR_STYLE, 'claims', indent, eol)).join(eol + eol);
}
