// Turns annotation candidates into claims of one article, each placed by Factmark's anchoring
// (its words, their context, a code-point position as a hint). One that cannot be placed is
// kept, orphaned, with the words it quoted — never dropped. The same annotation imported twice
// (same claim id, or same words and note) is not added again. Every field is checked against
// the sidecar schema before it becomes part of a claim.
import { anchor, captureSelector } from '../anchoring/anchor';
import type { AnchorState } from '../anchoring/types';
import { fromCodePoints } from '../export/codePoints';
import { newClaimId } from '../ids';
import { CONTEXT_LENGTH, STANCES, FORMAT_VERSION, type Appearance, type Claim, type Source, type Stance } from '../model';
import { claimToData } from '../sidecar/claimData';
import { validateSidecarData } from '../sidecar/validate';
import { findStatus, type StatusDef, type StatusScale } from '../statusScale';
import type { AnnotationCandidate, ReadNote } from './readAnnotations';

export interface ExistingClaim { claim: Claim; start?: number; end?: number }

export interface ImportOptions {
  scale: StatusScale;
  /** ISO 8601, for claims the file gives no creation time. */
  now: string;
  /** The article's claims already there (to keep ids unique and not import twice). */
  existing: readonly ExistingClaim[];
}

export interface ImportedClaim {
  claim: Claim;
  /** How anchoring placed it: anchored/moved on its words, changed (edited words), ambiguous, orphaned. */
  state: AnchorState;
  label: string;
}

export interface ImportOutcome {
  imported: ImportedClaim[];
  /** Already in the sidecar (imported before). */
  duplicates: ReadNote[];
  notes: ReadNote[];
}

export function importCandidates(text: string, candidates: readonly AnnotationCandidate[], options: ImportOptions): ImportOutcome {
  const taken = new Set(options.existing.map((e) => e.claim.id));
  const placedBefore = options.existing.map((e) => ({ id: e.claim.id, quote: e.claim.quote, explanation: e.claim.explanation, start: e.start, end: e.end }));
  const imported: ImportedClaim[] = [];
  const duplicates: ReadNote[] = [];
  const notes: ReadNote[] = [];
  for (const cand of candidates) {
    const quote = storedForm(cand.exact);
    const hint = cand.position ? fromCodePoints(text, cand.position.start) : undefined;
    const r = anchor(text, { quote, before: storedForm(cand.prefix), after: storedForm(cand.suffix), offset: hint });
    const onWords = (r.state === 'anchored' || r.state === 'moved') && r.start !== undefined && r.end !== undefined;
    const { claim: fields, notes: fieldNotes } = sanitize(cand, options.scale);
    notes.push(...fieldNotes);
    const explanation = fields.explanation;
    const same = placedBefore.find((p) => (fields.id !== undefined && p.id === fields.id && p.quote === quote)
      || (p.quote === quote && p.explanation === explanation && (r.start === undefined || (p.start === r.start && p.end === r.end))));
    if (same) {
      duplicates.push({ label: cand.label, message: `${cand.label} is already claim ${same.id}; not added again.` });
      continue;
    }
    const id = fields.id && !taken.has(fields.id) ? fields.id : newClaimId(taken);
    if (fields.id && fields.id !== id) notes.push({ label: cand.label, message: `${cand.label}: the id ${fields.id} is taken in this article; the claim is ${id}.` });
    taken.add(id);
    const where = onWords
      ? captureSelector(text, r.start!, r.end!)
      : {
        quote,
        before: lastChars(storedForm(cand.prefix)),
        after: firstChars(storedForm(cand.suffix)),
        // An unsure place keeps the file's own position as its hint, not anchoring's best guess.
        ...(r.state === 'ambiguous' && hint !== undefined ? captureHints(text, hint, hint + quote.length)
          : r.start !== undefined && r.state !== 'orphaned' ? captureHints(text, r.start, r.end ?? r.start) : {}),
      };
    const claim: Claim = {
      ...fields,
      id,
      quote: onWords ? where.quote : quote,
      before: where.before,
      after: where.after,
      ...(where.line !== undefined ? { line: where.line } : {}),
      ...(where.offset !== undefined ? { offset: where.offset } : {}),
      status: fields.status ?? options.scale.initial,
      sources: fields.sources ?? [],
      created: fields.created ?? options.now,
    };
    const checked = guard(claim, cand.label, notes);
    imported.push({ claim: checked, state: r.state, label: cand.label });
    placedBefore.push({ id, quote: checked.quote, explanation: checked.explanation, start: r.start, end: r.end });
  }
  return { imported, duplicates, notes };
}

/** The claim's fields from the candidate, each checked; what is dropped is said. */
function sanitize(cand: AnnotationCandidate, scale: StatusScale): { claim: Partial<Claim>; notes: ReadNote[] } {
  const f = cand.fields as Record<string, unknown>;
  const notes: ReadNote[] = [];
  const out: Partial<Claim> = {};
  const str = (k: 'explanation' | 'claimant' | 'summary' | 'assignee' | 'rater' | 'by') => {
    if (typeof f[k] === 'string' && (f[k] as string).trim()) out[k] = f[k] as string;
  };
  (['explanation', 'claimant', 'summary', 'assignee', 'rater', 'by'] as const).forEach(str);
  if (typeof f.id === 'string' && /^[a-zA-Z0-9][a-zA-Z0-9_-]{1,63}$/.test(f.id)) out.id = f.id;
  for (const k of ['created', 'updated', 'rated'] as const) if (typeof f[k] === 'string' && ISO.test(f[k] as string)) out[k] = f[k] as string;
  if (f.recheck === true) out.recheck = true;
  let tags = Array.isArray(f.tags) ? (f.tags as unknown[]).filter((t): t is string => typeof t === 'string' && !!t.trim()) : [];
  // The verdict: a status key (Factmark's record), a verdict by name, or a tag that names a status.
  let status: StatusDef | undefined = typeof f.status === 'string' ? findStatus(scale, f.status) : undefined;
  if (typeof f.status === 'string' && !status) notes.push({ label: cand.label, message: `${cand.label}: the status "${f.status}" is not on this repository's scale; the claim starts as ${labelOf(scale, scale.initial)}.` });
  if (!status && cand.verdict) {
    status = byName(scale, cand.verdict);
    if (!status) {
      notes.push({ label: cand.label, message: `${cand.label}: the verdict "${cand.verdict}" is not on this repository's scale; it is kept in the explanation.` });
      out.explanation = [`Verdict in the imported file: ${cand.verdict}`, out.explanation].filter(Boolean).join('\n\n');
    }
  }
  if (!status && cand.statusTags) {
    const tag = tags.find((t) => byName(scale, t));
    if (tag) { status = byName(scale, tag); tags = tags.filter((t) => t !== tag); }
  }
  if (status) out.status = status.key;
  if (tags.length) out.tags = [...new Set(tags)];
  const sources = Array.isArray(f.sources) ? (f.sources as unknown[]).map(source).filter((s): s is Source => !!s) : [];
  if (Array.isArray(f.sources) && sources.length < f.sources.length) notes.push({ label: cand.label, message: `${cand.label}: ${f.sources.length - sources.length} source(s) without a usable address were left out.` });
  if (sources.length) out.sources = sources;
  const appearances = Array.isArray(f.appearances) ? (f.appearances as unknown[]).map(appearance).filter((a): a is Appearance => !!a) : [];
  if (appearances.length) out.appearances = appearances.filter((a, i) => appearances.findIndex((b) => b.url === a.url) === i);
  if (Array.isArray(f.reviews) && f.reviews.length) out.reviews = f.reviews as Claim['reviews'];
  if (Array.isArray(f.log) && f.log.length) out.log = f.log as Claim['log'];
  return { claim: out, notes };
}

function appearance(v: unknown): Appearance | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const a = v as Record<string, unknown>;
  if (typeof a.url !== 'string' || !/^https?:\/\/\S+$/i.test(a.url)) return undefined;
  return typeof a.date === 'string' && DATE.test(a.date) ? { url: a.url, date: a.date } : { url: a.url };
}

function source(v: unknown): Source | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const s = v as Record<string, unknown>;
  if (typeof s.url !== 'string' || !URL_LIKE.test(s.url)) return undefined;
  const out: Source = { url: s.url };
  if (typeof s.title === 'string' && s.title.trim()) out.title = s.title;
  if (typeof s.accessed === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s.accessed)) out.accessed = s.accessed;
  if (typeof s.archive === 'string' && URL_LIKE.test(s.archive)) out.archive = s.archive;
  if (typeof s.excerpt === 'string' && s.excerpt.trim()) out.excerpt = s.excerpt;
  if (typeof s.stance === 'string' && STANCES.includes(s.stance as Stance)) out.stance = s.stance as Stance;
  return out;
}

/** Checks the claim against the sidecar schema; reviews and log that do not pass are dropped (and said). */
function guard(claim: Claim, label: string, notes: ReadNote[]): Claim {
  const errors = (c: Claim) => validateSidecarData({ factmark: FORMAT_VERSION, article: 'import', claims: [claimToData(c)] }).filter((p) => p.severity === 'error');
  if (!errors(claim).length) return claim;
  const lean: Claim = { ...claim };
  delete lean.reviews;
  delete lean.log;
  const left = errors(lean);
  if (!left.length) {
    notes.push({ label, message: `${label}: its reviews or corrections log are not in Factmark's format and were left out.` });
    return lean;
  }
  // Cannot happen for the fields sanitize() lets through; a claim is still never dropped.
  notes.push({ label, message: `${label}: ${left.map((p) => p.message).join(' ')} Only its words and status were kept.` });
  return { id: claim.id, quote: claim.quote, before: claim.before, after: claim.after, status: claim.status, sources: [], created: claim.created, updated: claim.updated };
}

function byName(scale: StatusScale, name: string): StatusDef | undefined {
  const n = name.trim().toLowerCase();
  return scale.statuses.find((s) => s.key === n || s.label.toLowerCase() === n);
}

function labelOf(scale: StatusScale, key: string): string {
  return findStatus(scale, key)?.label ?? key;
}

function captureHints(text: string, start: number, end: number): { offset: number; line?: number } {
  const sel = captureSelector(text, start, Math.max(start, end));
  return { offset: sel.offset!, line: sel.line };
}

function storedForm(s: string): string {
  return s.replace(/\uFEFF/g, '').replace(/\r\n?/g, '\n');
}

function lastChars(s: string): string {
  const t = s.slice(-CONTEXT_LENGTH);
  return /^[\udc00-\udfff]/.test(t) ? t.slice(1) : t;
}

function firstChars(s: string): string {
  const t = s.slice(0, CONTEXT_LENGTH);
  return /[\ud800-\udbff]$/.test(t) ? t.slice(0, -1) : t;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/;
const URL_LIKE = /^[a-zA-Z][a-zA-Z0-9+.-]*:\S/;
