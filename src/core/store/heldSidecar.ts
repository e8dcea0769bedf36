// What an article model keeps of its sidecar once the file's text and parse are let go (issue 13:
// the memory of a 5,000-article workspace): a mark of the text, to tell the same file read again
// from a changed one, and the few values of the parse that are asked for while it is gone.
import type { Claim, Sidecar } from '../model';

/** The parse's values that are still needed while it is let go. */
export interface HeldSidecar {
  /** textMark of the text let go. */
  readonly mark: string;
  /** The file's `factmark:` and `article:` as read (what a rename compares with, what is written back). */
  readonly factmark: number;
  readonly article: string;
  /** Why the file's claims cannot be changed (LoadedSidecar layout.readOnly), as it was. */
  readonly readOnly: string | undefined;
  /** Restored from a start-up cache entry whose claims could not be parsed: the mark matches no file, and nothing of it is cached again. */
  readonly lost?: true;
}

/**
 * Length and two independent 32-bit hashes of the UTF-16 code units: equal for the same text,
 * different for another one but by chance (about 2^-64). A match is never trusted alone: the
 * text read again is parsed and compared with the claims held (see ArticleModel.restoreSidecar).
 */
export function textMark(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return `${text.length}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}

/**
 * A copy of the sidecar whose strings are not cut from the file's text. V8 keeps a long string
 * cut from another (a slice of 13 characters or more) as a view of it, so a claim's quote read
 * from the file would keep the whole file's text alive after the parse is let go; and a slice of
 * a text with one curly quote in it takes two bytes a character. JSON.parse makes fresh strings,
 * one byte a character where they can be (cheaper than copying string by string, measured).
 * The sidecar's values are plain data (what the file held). Statuses stay one string per
 * distinct value (as dataToSidecar shares them: they are compared per claim).
 */
export function detachedSidecar(sidecar: Sidecar): Sidecar {
  const out = JSON.parse(JSON.stringify(sidecar)) as Sidecar;
  shareStatuses(out.claims);
  return out;
}

/** Makes the claims' equal statuses one string each (the claims are fresh objects of one's own). */
export function shareStatuses(claims: readonly Claim[]): void {
  const statuses = new Map<string, string>();
  for (const c of claims) {
    const shared = statuses.get(c.status);
    if (shared === undefined) statuses.set(c.status, c.status); else c.status = shared;
  }
}
