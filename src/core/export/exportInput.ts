// What every export format is given: the articles, each with its claims where they sit now (as
// the store or `factmark check` anchored them), the status scale and the publisher. Plain data,
// so that the CLI and the VS Code commands feed the same pure functions.
import type { Claim, Published, Publisher } from '../model';
import type { StatusScale } from '../statusScale';
import type { ClaimState } from '../store/types';

export interface ExportEntry {
  readonly claim: Claim;
  readonly state: ClaimState;
  /** UTF-16 offsets of the claim's words in `text` now; absent when orphaned or unresolved. */
  readonly start?: number;
  readonly end?: number;
}

export interface ExportArticle {
  /** The article's file name or path as the reader should see it (e.g. `treaty.md`). */
  readonly name: string;
  /** The article's text now, when it could be read (positions and line numbers come from it). */
  readonly text?: string;
  readonly published?: Published;
  /** In article order. */
  readonly entries: readonly ExportEntry[];
}

export interface ExportInput {
  readonly articles: readonly ExportArticle[];
  readonly scale: StatusScale;
  readonly publisher?: Publisher;
  /** When the export was made (ISO 8601); injectable for deterministic output. */
  readonly generated: string;
}

/** Something an export could not fill in, or left out, said to the user. */
export interface ExportNote {
  severity: 'error' | 'warning' | 'info';
  message: string;
  article?: string;
  claim?: string;
}

export interface ExportResult {
  text: string;
  notes: ExportNote[];
  /** One line for the user: what was exported and what was left out. */
  summary: string;
}

/** The claim's words as the article has them now (or as rated, when they cannot be found). */
export function wordsNow(article: ExportArticle, e: ExportEntry): string {
  return article.text !== undefined && e.start !== undefined && e.end !== undefined ? article.text.slice(e.start, e.end) : e.claim.quote;
}

/** Whether the entry is placed on words of the article (not orphaned, not unresolved). */
export function isPlaced(e: ExportEntry): boolean {
  return e.start !== undefined && e.end !== undefined && e.state !== 'orphaned' && e.state !== 'unresolved';
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
