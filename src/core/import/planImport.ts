// Reading an annotation file and placing its annotations in an article, as one step that the
// CLI and the Import command share; the caller adds the claims to its store and shows the summary.
import { plural } from '../export/exportInput';
import { importCandidates, type ImportedClaim, type ImportOptions } from './importClaims';
import { readAnnotations, type AnnotationFormat, type ReadNote } from './readAnnotations';

export interface ImportPlan {
  format: AnnotationFormat;
  imported: ImportedClaim[];
  duplicates: ReadNote[];
  /** Annotations that are not claims (page notes, replies): said, not imported. */
  skipped: ReadNote[];
  notes: ReadNote[];
  counts: { onWords: number; changed: number; unsure: number; orphaned: number };
  summary: string;
}

export type PlanResult = { ok: true; plan: ImportPlan } | { ok: false; message: string; line?: number; column?: number };

export const FORMAT_NAMES: Record<AnnotationFormat, string> = { w3c: 'W3C Web Annotations', hypothesis: 'Hypothesis' };

export function planImport(articleText: string, fileText: string, options: ImportOptions): PlanResult {
  const read = readAnnotations(fileText);
  if (!read.ok) return read;
  const outcome = importCandidates(articleText, read.candidates, options);
  const by = (states: string[]) => outcome.imported.filter((i) => states.includes(i.state)).length;
  const counts = { onWords: by(['anchored', 'moved']), changed: by(['changed']), unsure: by(['ambiguous']), orphaned: by(['orphaned']) };
  const parts = [`${counts.onWords} on their words`];
  if (counts.changed) parts.push(`${counts.changed} on edited words (needs re-check)`);
  if (counts.unsure) parts.push(`${counts.unsure} unsure of their place`);
  parts.push(`${counts.orphaned} orphaned (words not found, kept)`);
  let summary = `${plural(outcome.imported.length, 'claim')} imported from ${FORMAT_NAMES[read.format]}: ${parts.join(', ')}`;
  if (outcome.duplicates.length) summary += `; ${outcome.duplicates.length} already in the sidecar`;
  if (read.skipped.length) summary += `; ${plural(read.skipped.length, 'annotation')} not imported (no quoted words, or replies)`;
  return { ok: true, plan: { format: read.format, imported: outcome.imported, duplicates: outcome.duplicates, skipped: read.skipped, notes: [...read.notes, ...outcome.notes], counts, summary: summary + '.' } };
}
