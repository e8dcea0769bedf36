// W3C Web Annotation Data Model (JSON-LD): one Annotation per claim, motivation `assessing`, in
// one AnnotationCollection with its items on an embedded first page. The target is the article
// with a TextQuoteSelector (exact, prefix, suffix) and, when the claim's words are where they
// were rated, a TextPositionSelector whose start and end count Unicode code points, as the
// model requires. Bodies: the verdict (purpose `assessing`), the explanation (`commenting`),
// each tag (`tagging`) and each source (`linking`: the source, the passage as a quote selector
// on it, the archived copy as a TimeState). Other tools read those; Factmark also writes the
// whole claim record as a JSON literal (`factmark:claim`), so that importing its own export
// gives back exactly the claims it wrote.
import { captureSelector } from '../anchoring/anchor';
import type { Claim, Source } from '../model';
import { claimToData } from '../sidecar/claimData';
import { toCodePoints } from './codePoints';
import type { ExportArticle, ExportEntry, ExportInput, ExportResult } from './exportInput';
import { plural } from './exportInput';
import { statusOf } from './reportModel';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const FACTMARK_NS = 'https://github.com/factmark/factmark/ns#';
/** The extension context: the `factmark:` prefix and the claim record as a JSON literal. */
export const FACTMARK_CONTEXT = { factmark: FACTMARK_NS, 'factmark:claim': { '@id': `${FACTMARK_NS}claim`, '@type': '@json' } } as const;
export const GENERATOR = { id: 'https://github.com/factmark/factmark', type: 'Software', name: 'Factmark' } as const;

/** Fields of the claim record that the selectors carry instead. */
const IN_SELECTORS = ['quote', 'before', 'after', 'line', 'offset'] as const;

export interface TextQuoteSelector { type: 'TextQuoteSelector'; exact: string; prefix?: string; suffix?: string }
export interface TextPositionSelector { type: 'TextPositionSelector'; start: number; end: number }
export type Body =
  | { type: 'TextualBody'; purpose: 'assessing' | 'commenting' | 'tagging'; value: string; format: 'text/plain' }
  | { type: 'SpecificResource'; purpose: 'linking'; source: string; selector?: TextQuoteSelector; state?: { type: 'TimeState'; cached?: string; sourceDate?: string } };

export interface WebAnnotation {
  id: string;
  type: 'Annotation';
  motivation: 'assessing';
  created?: string;
  modified?: string;
  creator?: { type: 'Person'; name: string };
  generator: typeof GENERATOR;
  body: Body[];
  target: { source: string; selector: (TextQuoteSelector | TextPositionSelector)[] };
  'factmark:claim': Record<string, unknown>;
}

export interface AnnotationCollection {
  '@context': [typeof ANNO_CONTEXT, typeof FACTMARK_CONTEXT];
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  generator: typeof GENERATOR;
  generated: string;
  first: { id: string; type: 'AnnotationPage'; startIndex: 0; items: WebAnnotation[] };
  last: string;
}

export function renderWebAnnotations(input: ExportInput): ExportResult {
  const collection = annotationCollection(input);
  return {
    text: JSON.stringify(collection, null, 2) + '\n',
    notes: [],
    summary: `W3C AnnotationCollection of ${plural(collection.total, 'annotation')} (${plural(input.articles.length, 'article')})`,
  };
}

export function annotationCollection(input: ExportInput): AnnotationCollection {
  const items = input.articles.flatMap((a) => a.entries.map((e) => annotation(a, e, input)));
  const id = input.articles.length === 1 ? `${articleIri(input.articles[0])}#factmark-claims` : `urn:factmark:export:${encodeURIComponent(input.generated)}`;
  const page = `${id}-page-1`;
  return {
    '@context': [ANNO_CONTEXT, FACTMARK_CONTEXT],
    id,
    type: 'AnnotationCollection',
    label: `Factmark claims: ${input.articles.map((a) => a.name).join(', ')}`,
    total: items.length,
    generator: GENERATOR,
    generated: input.generated,
    first: { id: page, type: 'AnnotationPage', startIndex: 0, items },
    last: page,
  };
}

/** The article as an IRI: its published address when known, else a Factmark URN of its name. */
export function articleIri(a: ExportArticle): string {
  return a.published?.url ?? `urn:factmark:article:${encodeURIComponent(a.name)}`;
}

function annotation(a: ExportArticle, e: ExportEntry, input: ExportInput): WebAnnotation {
  const c = e.claim;
  const out: WebAnnotation = {
    id: `${articleIri(a)}#claim-${encodeURIComponent(c.id)}`,
    type: 'Annotation',
    motivation: 'assessing',
    ...(c.created ? { created: c.created } : {}),
    ...(c.updated ? { modified: c.updated } : {}),
    ...(c.by ? { creator: { type: 'Person' as const, name: c.by } } : {}),
    generator: GENERATOR,
    body: bodies(c, statusOf(input, c.status).label),
    target: { source: articleIri(a), selector: selectors(a, e) },
    'factmark:claim': claimRecord(c),
  };
  return out;
}

/**
 * Where the claim is: its words with the text around them; and their code-point position when
 * the words are in the article as rated (anchored or moved). For edited, unsure or lost words
 * only the quote is given, with the context it was rated in: a position would point elsewhere.
 */
function selectors(a: ExportArticle, e: ExportEntry): (TextQuoteSelector | TextPositionSelector)[] {
  const c = e.claim;
  if (a.text !== undefined && e.start !== undefined && e.end !== undefined && (e.state === 'anchored' || e.state === 'moved')) {
    const sel = captureSelector(a.text, e.start, e.end);
    return [
      { type: 'TextQuoteSelector', exact: c.quote, prefix: sel.before, suffix: sel.after },
      { type: 'TextPositionSelector', start: toCodePoints(a.text, e.start), end: toCodePoints(a.text, e.end) },
    ];
  }
  return [{ type: 'TextQuoteSelector', exact: c.quote, prefix: c.before, suffix: c.after }];
}

function bodies(c: Claim, label: string): Body[] {
  const out: Body[] = [{ type: 'TextualBody', purpose: 'assessing', value: label, format: 'text/plain' }];
  if (c.explanation) out.push({ type: 'TextualBody', purpose: 'commenting', value: c.explanation, format: 'text/plain' });
  for (const t of c.tags ?? []) out.push({ type: 'TextualBody', purpose: 'tagging', value: t, format: 'text/plain' });
  for (const s of c.sources ?? []) out.push(sourceBody(s));
  return out;
}

function sourceBody(s: Source): Body {
  const state = s.archive || s.accessed
    ? { type: 'TimeState' as const, ...(s.archive ? { cached: s.archive } : {}), ...(s.accessed ? { sourceDate: `${s.accessed}T00:00:00Z` } : {}) }
    : undefined;
  return {
    type: 'SpecificResource',
    purpose: 'linking',
    source: s.url,
    ...(s.excerpt ? { selector: { type: 'TextQuoteSelector' as const, exact: s.excerpt } } : {}),
    ...(state ? { state } : {}),
  };
}

/** The claim as the sidecar stores it, less what the selectors say. */
function claimRecord(c: Claim): Record<string, unknown> {
  const data = claimToData(c);
  for (const k of IN_SELECTORS) delete data[k];
  return data;
}
