// Model ⇄ plain data in the file's key order. Objects built here have their keys in the order
// they are written, with absent fields left out, so JSON.stringify of them is a canonical form
// (used to tell which claims changed).
import type { Appearance, Claim, LogEntry, Published, Review, Sidecar, Source } from '../model';
import type { RenderStyle } from '../yaml/yamlDocument';

// `created` comes last on purpose: it never changes, so a claim appended after the last one on
// one branch and an edit of that last claim (which rewrites `updated`/`by`) on another are
// separated by an unchanged line, and git merges them without a conflict.
export const CLAIM_KEYS = ['id', 'quote', 'before', 'after', 'line', 'offset', 'status', 'rater', 'rated', 'recheck',
  'assignee', 'claimant', 'appearances', 'summary', 'explanation', 'sources', 'tags', 'reviews', 'log', 'updated', 'by', 'created'] as const;
export const SOURCE_KEYS = ['url', 'title', 'accessed', 'archive', 'excerpt', 'stance'] as const;
export const APPEARANCE_KEYS = ['url', 'date'] as const;
export const REVIEW_KEYS = ['by', 'date', 'verdict', 'status', 'note'] as const;
export const LOG_KEYS = ['date', 'by', 'change', 'from', 'to', 'reason'] as const;
export const PUBLISHED_KEYS = ['url', 'headline', 'date'] as const;

/** How values are printed when a claim is written. */
export const SIDECAR_STYLE: RenderStyle = {
  doubleQuoted: new Set(['quote', 'before', 'after', 'excerpt', 'dismissed', 'from', 'to']),
  literal: new Set(['explanation']),
  flow: new Set(['tags']),
};

export type Data = Record<string, unknown>;

export function claimToData(claim: Claim): Data {
  const out = pick(claim as unknown as Data, CLAIM_KEYS);
  // An empty source list is left out: `sources` is optional in the file.
  if (claim.sources?.length) out.sources = claim.sources.map((s) => pick(s as unknown as Data, SOURCE_KEYS));
  else delete out.sources;
  if (claim.tags) out.tags = [...claim.tags];
  if (claim.appearances?.length) out.appearances = claim.appearances.map((a) => pick(a as unknown as Data, APPEARANCE_KEYS));
  else delete out.appearances;
  if (claim.reviews?.length) out.reviews = claim.reviews.map((r) => pick(r as unknown as Data, REVIEW_KEYS));
  else delete out.reviews;
  if (claim.log?.length) out.log = claim.log.map((l) => pick(l as unknown as Data, LOG_KEYS));
  else delete out.log;
  if (!claim.recheck) delete out.recheck;
  return reorder(out, CLAIM_KEYS);
}

/** The claim without its position hints, as a string: equal strings mean nothing to write. */
export function claimContentKey(claim: Claim): string {
  const data = claimToData(claim);
  delete data.line;
  delete data.offset;
  return JSON.stringify(data);
}

/** Plain data already checked against the schema → model objects (fresh copies). */
export function dataToSidecar(data: Data): Sidecar {
  // One string object per distinct status in the file: statuses are compared and counted per
  // claim (progress, decorations, the panel), and equal strings cut from the file's text one by
  // one compare far slower than one shared string (seen at 10,000 claims).
  const statuses = new Map<string, string>();
  const claims = (data.claims as Data[]).map((c) => {
    const claim = pick(c, CLAIM_KEYS) as unknown as Claim;
    if (typeof claim.status === 'string') {
      const shared = statuses.get(claim.status);
      if (shared === undefined) statuses.set(claim.status, claim.status); else claim.status = shared;
    }
    claim.sources = ((c.sources as Data[] | undefined) ?? []).map((s) => pick(s, SOURCE_KEYS) as unknown as Source);
    if (Array.isArray(c.tags)) claim.tags = [...(c.tags as string[])];
    if (Array.isArray(c.appearances)) claim.appearances = (c.appearances as Data[]).map((a) => pick(a, APPEARANCE_KEYS) as unknown as Appearance);
    if (Array.isArray(c.reviews)) claim.reviews = (c.reviews as Data[]).map((r) => pick(r, REVIEW_KEYS) as unknown as Review);
    if (Array.isArray(c.log)) claim.log = (c.log as Data[]).map((l) => pick(l, LOG_KEYS) as unknown as LogEntry);
    return claim;
  });
  const out: Sidecar = { factmark: data.factmark as number, article: data.article as string, claims };
  if (data.published && typeof data.published === 'object') out.published = pick(data.published as Data, PUBLISHED_KEYS) as Published;
  if (Array.isArray(data.dismissed)) out.dismissed = [...(data.dismissed as string[])];
  return out;
}

/** The `published:` header in key order; undefined when it has no field. */
export function publishedToData(published: Published | undefined): Data | undefined {
  const out = published && pick(published as unknown as Data, PUBLISHED_KEYS);
  return out && Object.keys(out).length ? out : undefined;
}

export function sidecarToData(sidecar: Sidecar): Data {
  const out: Data = { factmark: sidecar.factmark, article: sidecar.article };
  const published = publishedToData(sidecar.published);
  if (published) out.published = published;
  out.claims = sidecar.claims.map(claimToData);
  if (sidecar.dismissed?.length) out.dismissed = [...sidecar.dismissed];
  return out;
}

/**
 * How a dismissed sentence is written: its words with runs of whitespace (line breaks
 * included) collapsed, so that each entry is one line and re-wrapping the paragraph keeps it.
 */
export function dismissedEntry(sentence: string): string {
  return sentence.replace(/\s+/g, ' ').trim();
}

/** The canonical dismissed list: entries deduplicated and sorted by code unit (locale-free). */
export function sortDismissed(entries: readonly string[]): string[] {
  return [...new Set(entries)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function pick(from: Data, keys: readonly string[]): Data {
  const out: Data = {};
  for (const k of keys) if (from[k] !== undefined) out[k] = from[k];
  return out;
}

function reorder(data: Data, keys: readonly string[]): Data {
  const out: Data = {};
  for (const k of keys) if (data[k] !== undefined) out[k] = data[k];
  return out;
}
