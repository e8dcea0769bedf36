// Reads annotation files from other tools into plain candidates for claims: W3C Web Annotations
// (one Annotation, a list, an AnnotationPage or an AnnotationCollection with embedded pages —
// Factmark's own export among them) and Hypothesis exports (its API's search response
// `{ total, rows }`, its "export annotations" file `{ annotations }`, or a list of rows). Nothing
// is fetched: pages that are only referenced by address are reported, not followed. Every value
// is checked for its type; what cannot be used is said, with the annotation it came from.
import { MAX_TEXT_LENGTH } from '../yaml/preflight';
import { jsonErrorOffset } from './jsonErrorAt';
import type { Claim, Source } from '../model';

export type AnnotationFormat = 'w3c' | 'hypothesis';

export interface AnnotationCandidate {
  /** Where it came from, for messages: `annotation 3` or its id. */
  label: string;
  /** The annotated words and the text around them (TextQuoteSelector). */
  exact: string;
  prefix: string;
  suffix: string;
  /** A TextPositionSelector, in code points (W3C); Hypothesis positions are not used (they count the rendered page). */
  position?: { start: number; end: number };
  /** Claim fields the annotation carries (status as a key of the scale or a label to match). */
  fields: Partial<Claim>;
  /** A verdict given by name (a W3C `assessing` body, a Hypothesis tag) to match against the scale. */
  verdict?: string;
  /** Tags that may name a status (Hypothesis): the first that does sets it and is not kept as a tag. */
  statusTags?: boolean;
}

export interface ReadNote { message: string; label?: string }

export type ReadResult =
  | { ok: true; format: AnnotationFormat; candidates: AnnotationCandidate[]; skipped: ReadNote[]; notes: ReadNote[] }
  | { ok: false; message: string; line?: number; column?: number };

type Json = Record<string, unknown>;

export function readAnnotations(text: string): ReadResult {
  if (text.length > MAX_TEXT_LENGTH) return { ok: false, message: `The file is over ${MAX_TEXT_LENGTH / 1024 / 1024} MB; Factmark does not read files that large.` };
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, message: `Not valid JSON: ${e instanceof Error ? e.message : String(e)}`, ...jsonErrorPlace(text.replace(/^\uFEFF/, '')) };
  }
  const hypothesisRows = Array.isArray(data) && data.length && data.every(isHypothesisRow) ? data
    : isObject(data) && Array.isArray(data.rows) ? data.rows
      : isObject(data) && Array.isArray(data.annotations) && !isW3c(data) ? data.annotations : undefined;
  if (hypothesisRows) return readHypothesis(hypothesisRows);
  const found = w3cAnnotations(data);
  if (!found) return { ok: false, message: 'This is neither W3C Web Annotations (an Annotation, AnnotationPage or AnnotationCollection) nor a Hypothesis export (`rows` or `annotations`).' };
  const candidates: AnnotationCandidate[] = [];
  const skipped: ReadNote[] = [];
  found.items.forEach((a, i) => {
    const r = fromW3c(a, i + 1);
    if ('skip' in r) skipped.push(r.skip); else candidates.push(r);
  });
  return { ok: true, format: 'w3c', candidates, skipped, notes: found.notes };
}

// ---- W3C ----------------------------------------------------------------------------------

function isW3c(d: Json): boolean {
  return hasType(d, 'Annotation') || hasType(d, 'AnnotationCollection') || hasType(d, 'AnnotationPage');
}

function w3cAnnotations(data: unknown): { items: Json[]; notes: ReadNote[] } | undefined {
  const notes: ReadNote[] = [];
  if (Array.isArray(data)) {
    const items = data.filter(isObject);
    return items.some((x) => hasType(x, 'Annotation')) ? { items, notes } : undefined;
  }
  if (!isObject(data)) return undefined;
  if (hasType(data, 'Annotation')) return { items: [data], notes };
  const pageItems = (page: unknown): Json[] => {
    if (!isObject(page)) {
      if (typeof page === 'string') notes.push({ message: `The page ${page} is only referenced by its address; Factmark does not fetch it. Export the collection with its pages embedded.` });
      return [];
    }
    return (Array.isArray(page.items) ? page.items : []).filter(isObject);
  };
  if (hasType(data, 'AnnotationPage')) return { items: pageItems(data), notes };
  if (hasType(data, 'AnnotationCollection')) {
    const items: Json[] = [];
    let page: unknown = data.first;
    const seen = new Set<unknown>();
    while (page !== undefined && !seen.has(page)) {
      seen.add(page);
      items.push(...pageItems(page));
      page = isObject(page) ? page.next : undefined;
    }
    const total = typeof data.total === 'number' ? data.total : undefined;
    if (total !== undefined && total > items.length) notes.push({ message: `The collection says it has ${total} annotations but the file holds ${items.length}; the others are on pages that are not in the file.` });
    return { items, notes };
  }
  return undefined;
}

function fromW3c(a: Json, n: number): AnnotationCandidate | { skip: ReadNote } {
  const label = typeof a.id === 'string' ? a.id : `annotation ${n}`;
  const selectors = targets(a.target).flatMap((t) => selectorList(t));
  const quote = selectors.find((s) => s.type === 'TextQuoteSelector' && typeof s.exact === 'string' && s.exact.trim());
  if (!quote) return { skip: { label, message: `${label} has no quoted words (TextQuoteSelector), so there is nothing to place it on.` } };
  const pos = selectors.find((s) => s.type === 'TextPositionSelector' && isCount(s.start) && isCount(s.end) && (s.end as number) > (s.start as number));
  const fields: Partial<Claim> = {};
  let verdict: string | undefined;
  const explanation: string[] = [];
  const tags: string[] = [];
  const sources: Source[] = [];
  const bodies = Array.isArray(a.body) ? a.body : a.body === undefined ? [] : [a.body];
  if (typeof a.bodyValue === 'string' && a.bodyValue.trim()) explanation.push(a.bodyValue);
  for (const b of bodies) {
    if (typeof b === 'string') { if (isHttp(b)) sources.push({ url: b }); continue; }
    if (!isObject(b)) continue;
    const purposes = list(b.purpose).filter((p): p is string => typeof p === 'string');
    const value = typeof b.value === 'string' ? b.value : undefined;
    if (value !== undefined) {
      if (purposes.includes('assessing') && verdict === undefined) verdict = value.trim();
      else if (purposes.includes('tagging') || purposes.includes('classifying')) { if (value.trim()) tags.push(value.trim()); }
      else if (value.trim()) explanation.push(value);
      continue;
    }
    const source = sourceOf(b);
    if (source) sources.push(source);
  }
  if (explanation.length) fields.explanation = explanation.join('\n\n');
  if (tags.length) fields.tags = [...new Set(tags)];
  if (sources.length) fields.sources = sources;
  if (isIso(a.created)) fields.created = a.created as string;
  if (isIso(a.modified)) fields.updated = a.modified as string;
  const creator = agentName(Array.isArray(a.creator) ? a.creator[0] : a.creator);
  if (creator) fields.by = creator;
  // The annotated page is where the quoted words appear (for ClaimReview's `appearance`).
  const pages = targets(a.target).map((t) => t.source).concat(list(a.target).filter((t) => typeof t === 'string'))
    .filter((u): u is string => typeof u === 'string' && isHttp(u));
  if (pages.length) fields.appearances = [...new Set(pages)].map((url) => ({ url }));
  // Factmark's own record of the claim, when the file is a Factmark export: it wins over the bodies.
  const record = a['factmark:claim'] ?? a[`https://github.com/factmark/factmark/ns#claim`];
  const own = isObject(record) ? record : undefined;
  return {
    label,
    exact: quote.exact as string,
    prefix: typeof quote.prefix === 'string' ? quote.prefix : '',
    suffix: typeof quote.suffix === 'string' ? quote.suffix : '',
    position: pos ? { start: pos.start as number, end: pos.end as number } : undefined,
    // In Factmark's own export the target is the published fact-check, not where the claim was made.
    fields: own ? { ...fields, appearances: undefined, ...(own as Partial<Claim>) } : fields,
    verdict: own && typeof own.status === 'string' ? undefined : verdict,
  };
}

function targets(t: unknown): Json[] {
  return list(t).filter(isObject);
}

function selectorList(t: Json): Json[] {
  const out: Json[] = [];
  const add = (s: unknown) => {
    for (const x of list(s)) {
      if (!isObject(x)) continue;
      out.push(x);
      if (x.refinedBy !== undefined && out.length < 100) add(x.refinedBy);
    }
  };
  add(t.selector);
  return out;
}

function sourceOf(b: Json): Source | undefined {
  const url = typeof b.source === 'string' ? b.source : typeof b.id === 'string' ? b.id : undefined;
  if (!url || !isHttp(url)) return undefined;
  const s: Source = { url };
  const quote = selectorList(b).find((x) => x.type === 'TextQuoteSelector' && typeof x.exact === 'string');
  if (quote) s.excerpt = quote.exact as string;
  const state = list(b.state).find((x): x is Json => isObject(x) && x.type === 'TimeState');
  if (state) {
    const cached = list(state.cached).find((x): x is string => typeof x === 'string' && isHttp(x));
    if (cached) s.archive = cached;
    if (typeof state.sourceDate === 'string' && /^\d{4}-\d{2}-\d{2}/.test(state.sourceDate)) s.accessed = state.sourceDate.slice(0, 10);
  }
  return s;
}

function agentName(c: unknown): string | undefined {
  if (typeof c === 'string') return undefined; // an IRI, not a name
  if (!isObject(c)) return undefined;
  const name = list(c.name).find((x): x is string => typeof x === 'string') ?? (typeof c.nickname === 'string' ? c.nickname : undefined);
  return name?.trim() || undefined;
}

// ---- Hypothesis ---------------------------------------------------------------------------

function isHypothesisRow(r: unknown): boolean {
  return isObject(r) && Array.isArray(r.target) && (typeof r.uri === 'string' || typeof r.user === 'string');
}

function readHypothesis(rows: unknown[]): ReadResult {
  const candidates: AnnotationCandidate[] = [];
  const skipped: ReadNote[] = [];
  const notes: ReadNote[] = [];
  const pages = new Set<string>();
  rows.forEach((r, i) => {
    const label = isObject(r) && typeof r.id === 'string' ? `Hypothesis annotation ${r.id}` : `row ${i + 1}`;
    if (!isObject(r)) { skipped.push({ label, message: `${label} is not an annotation.` }); return; }
    if (typeof r.uri === 'string') pages.add(r.uri);
    if (Array.isArray(r.references) && r.references.length) { skipped.push({ label, message: `${label} is a reply to another annotation, not a claim.` }); return; }
    const selectors = targets(r.target).flatMap(selectorList);
    const quote = selectors.find((s) => s.type === 'TextQuoteSelector' && typeof s.exact === 'string' && s.exact.trim());
    if (!quote) { skipped.push({ label, message: `${label} is a page note (it quotes no words), so there is nothing to place it on.` }); return; }
    const fields: Partial<Claim> = {};
    if (typeof r.text === 'string' && r.text.trim()) fields.explanation = r.text;
    const tags = list(r.tags).filter((t): t is string => typeof t === 'string' && !!t.trim()).map((t) => t.trim());
    if (tags.length) fields.tags = [...new Set(tags)];
    if (isIso(r.created)) fields.created = r.created as string;
    if (isIso(r.updated)) fields.updated = r.updated as string;
    const info = isObject(r.user_info) ? r.user_info : undefined;
    const display = typeof info?.display_name === 'string' && info.display_name.trim() ? info.display_name.trim() : undefined;
    const user = typeof r.user === 'string' ? /^acct:([^@]+)@/.exec(r.user)?.[1] ?? r.user : undefined;
    if (display || user) fields.by = display ?? user;
    // The annotated page is where the quoted words appear (for ClaimReview's `appearance`).
    if (typeof r.uri === 'string' && isHttp(r.uri)) fields.appearances = [{ url: r.uri }];
    candidates.push({
      label,
      exact: quote.exact as string,
      prefix: typeof quote.prefix === 'string' ? quote.prefix : '',
      suffix: typeof quote.suffix === 'string' ? quote.suffix : '',
      fields,
      statusTags: true,
    });
  });
  if (pages.size > 1) notes.push({ message: `The annotations are of ${pages.size} different pages; all were placed in this one article.` });
  return { ok: true, format: 'hypothesis', candidates, skipped, notes };
}

// ---- helpers ------------------------------------------------------------------------------

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

function hasType(d: Json, type: string): boolean {
  return list(d.type).includes(type) || list(d['@type']).includes(type);
}

function isCount(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function isHttp(s: string): boolean {
  return /^https?:\/\/\S+$/i.test(s);
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
function isIso(v: unknown): boolean {
  return typeof v === 'string' && ISO.test(v);
}

/** Line and column of the first JSON error. */
function jsonErrorPlace(text: string): { line?: number; column?: number } {
  const at = jsonErrorOffset(text);
  if (at < 0) return {};
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}
