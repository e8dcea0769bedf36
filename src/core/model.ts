// The claim model: plain data, as stored in a sidecar file (`article.md.claims.yaml`).
// Nothing here knows about VS Code, YAML or the file system.

/** How a source bears on the claim. */
export type Stance = 'supports' | 'refutes' | 'context';
export const STANCES: readonly Stance[] = ['supports', 'refutes', 'context'];

export interface Source {
  url: string;
  title?: string;
  /** Date the source was read, `YYYY-MM-DD`. */
  accessed?: string;
  /** An archived copy (e.g. a Wayback Machine URL). */
  archive?: string;
  /** The passage in the source that bears on the claim. */
  excerpt?: string;
  stance?: Stance;
}

/** Somewhere the claim was made (a speech, a post, an article): ClaimReview's `appearance`. */
export interface Appearance {
  url: string;
  /** When the claim was made there: `YYYY-MM-DD` or an ISO 8601 date and time. */
  date?: string;
}

/** A second checker's sign-off (or dispute) of one status of a claim. */
export type ReviewVerdict = 'approve' | 'dispute';
export const REVIEW_VERDICTS: readonly ReviewVerdict[] = ['approve', 'dispute'];

export interface Review {
  by: string;
  /** ISO 8601 date and time. */
  date: string;
  verdict: ReviewVerdict;
  /** The status key that was reviewed: a review counts only while the claim still has it. */
  status: string;
  note?: string;
}

/** What a log entry records: a status change of a settled claim, or the claim's words replaced. */
export type LogChange = 'status' | 'wording';
export const LOG_CHANGES: readonly LogChange[] = ['status', 'wording'];

/** One entry of a claim's corrections log, oldest first. */
export interface LogEntry {
  /** ISO 8601 date and time. */
  date: string;
  by?: string;
  change: LogChange;
  /** Status keys for `status`; the old and the new words for `wording`. */
  from: string;
  to: string;
  reason?: string;
}

/** Where the fact-check of an article was published (for ClaimReview and reports). */
export interface Published {
  url?: string;
  headline?: string;
  /** `YYYY-MM-DD` or an ISO 8601 date and time. */
  date?: string;
}

/** The organisation that publishes the fact-checks of a repository (`.factmark.yaml`). */
export interface Publisher {
  name?: string;
  url?: string;
}

export interface Claim {
  /** Short, random, stable; never derived from position and never reused. */
  id: string;
  /** The exact words that were marked and rated. */
  quote: string;
  /** About 32 characters of article text just before and after the quote. */
  before: string;
  after: string;
  /** Position hints: 1-based line and UTF-16 offset of the quote when it was last written. */
  line?: number;
  offset?: number;
  /** A key of the status scale. */
  status: string;
  /** Who set the current status, and when (ISO 8601). */
  rater?: string;
  rated?: string;
  /** The words were replaced (Accept New Wording) after the status was set: the verdict is not re-confirmed until the status is set again. */
  recheck?: boolean;
  /** Who is to check the claim. */
  assignee?: string;
  explanation?: string;
  claimant?: string;
  /** Where and when the claim was made, the first appearance first (ClaimReview `itemReviewed`). */
  appearances?: Appearance[];
  /** A short wording of the claim for ClaimReview's `claimReviewed` (default: the quote). */
  summary?: string;
  tags?: string[];
  sources: Source[];
  /** Sign-offs and disputes by other checkers, oldest first. */
  reviews?: Review[];
  /** Corrections log: status changes of a settled claim and replaced wording, oldest first. */
  log?: LogEntry[];
  /** ISO 8601 timestamps and the author (git user.name when available). */
  created?: string;
  updated?: string;
  by?: string;
}

/** The whole content of one sidecar file. */
export interface Sidecar {
  /** Format version of the file. */
  factmark: number;
  /** File name of the article, relative to the sidecar's folder. */
  article: string;
  /** The published fact-check of the article. */
  published?: Published;
  claims: Claim[];
  /**
   * Sentences suggested as check-worthy that the desk decided not to check, so that
   * "Suggest claims" does not offer them again: each the sentence's words with runs of
   * whitespace collapsed, kept sorted (one line each in the file, so that git merges them).
   */
  dismissed?: string[];
}

export const FORMAT_VERSION = 1;
export const SIDECAR_SUFFIX = '.claims.yaml';
export const CONTEXT_LENGTH = 32;

/** A problem found in a file, with a 1-based line and column where known. */
export interface Problem {
  severity: 'error' | 'warning';
  message: string;
  /** Path or name of the file the problem is in. */
  file?: string;
  line?: number;
  column?: number;
  /** Stable machine-readable code, e.g. `yaml-syntax`, `duplicate-id`. */
  code: string;
}

export function sidecarPathFor(articlePath: string, suffix = SIDECAR_SUFFIX): string {
  return articlePath + suffix;
}
