// ClaimReview (schema.org JSON-LD) for search engines and fact-check aggregators: one
// ClaimReview per settled claim, following Google's fact-check structured-data guidelines.
// Required there: `claimReviewed`, `reviewRating` (with `alternateName`, the verdict shown in
// results) and `url` (the published fact-check). Recommended: `author` (the publishing
// organisation), `datePublished`, `itemReviewed` (a Claim with its `author`, the claimant).
// The reviewed Claim's appearances come from the claim's `appearances:`. Open claims are left
// out and counted. Typed with schema-dts (types only, nothing ships).
import type { Claim as ClaimType, ClaimReview, CreativeWork, Organization, Rating, WithContext } from 'schema-dts';
import type { Appearance, Claim } from '../model';
import type { StatusScale } from '../statusScale';
import type { ExportArticle, ExportInput, ExportNote, ExportResult } from './exportInput';
import { plural } from './exportInput';
import { statusOf } from './reportModel';

/** Google shows about this many characters of `claimReviewed` before wrapping on a phone. */
export const CLAIM_REVIEWED_LENGTH = 75;

export function renderClaimReview(input: ExportInput): ExportResult {
  const { items, notes, left } = claimReviews(input);
  const summary = `${plural(items.length, 'ClaimReview')} for the settled claims`
    + (left ? `; ${plural(left, 'open claim')} left out (not settled)` : '');
  return { text: JSON.stringify(items, null, 2) + '\n', notes, summary };
}

export function claimReviews(input: ExportInput): { items: WithContext<ClaimReview>[]; notes: ExportNote[]; left: number } {
  const items: WithContext<ClaimReview>[] = [];
  const notes: ExportNote[] = [];
  let left = 0;
  const range = ratingRange(input.scale);
  const author = publisherOf(input);
  if (!author) {
    notes.push({ severity: 'warning', message: 'No publisher is set: ClaimReview `author` (recommended) is left out. Set `publisher: { name, url }` in .factmark.yaml (VS Code: Factmark: Edit Publisher…).' });
  }
  for (const a of input.articles) {
    const settled = a.entries.filter((e) => statusOf(input, e.claim.status).settled);
    left += a.entries.length - settled.length;
    if (!settled.length) continue;
    notes.push(...articleNotes(a));
    let long = 0;
    for (const e of settled) {
      const c = e.claim;
      const status = statusOf(input, c.status);
      const reviewed = (c.summary ?? c.quote).replace(/\s+/g, ' ').trim();
      if (!c.summary && [...reviewed].length > CLAIM_REVIEWED_LENGTH) long++;
      const rating: Rating = {
        '@type': 'Rating',
        alternateName: status.label,
        ...(status.rating !== undefined && range ? { ratingValue: status.rating, bestRating: range.best, worstRating: range.worst } : {}),
        ...(c.explanation ? { ratingExplanation: c.explanation } : {}),
      };
      const item: WithContext<ClaimReview> = {
        '@context': 'https://schema.org',
        '@type': 'ClaimReview',
        ...(a.published?.url ? { url: a.published.url } : {}),
        claimReviewed: reviewed,
        reviewRating: rating,
        itemReviewed: claimItem(c),
        ...(author ? { author } : {}),
        ...(a.published?.date ? { datePublished: a.published.date } : {}),
        ...(a.published?.headline ? { headline: a.published.headline } : {}),
      };
      if (!c.claimant) notes.push({ severity: 'info', article: a.name, claim: c.id, message: `${a.name}: claim ${c.id} has no claimant, so itemReviewed has no author (recommended).` });
      if (status.rating === undefined) notes.push({ severity: 'info', article: a.name, claim: c.id, message: `${a.name}: claim ${c.id} is rated "${status.label}", which has no numeric rating on the scale; only its name is given.` });
      items.push(item);
    }
    if (long) notes.push({ severity: 'info', article: a.name, message: `${a.name}: ${plural(long, 'claim')} use${long === 1 ? 's' : ''} a quote longer than ${CLAIM_REVIEWED_LENGTH} characters as claimReviewed; Google suggests a shorter summary (Factmark: Edit ClaimReview Summary…).` });
  }
  return { items, notes, left };
}

/**
 * The reviewed Claim: who made it, where it first appeared and where else (Google's markup tool
 * calls these claimFirstAppearance and claimAppearances) and when it was made. The first
 * appearance is the earliest dated one; undated ones follow in the order listed.
 */
function claimItem(c: Claim): ClaimType {
  const day = (a: Appearance) => a.date?.slice(0, 10) ?? '\uffff';
  const [first, ...others] = (c.appearances ?? []).filter((a) => isHttpAddress(a.url)).map((a, i) => ({ a, i }))
    .sort((x, y) => day(x.a).localeCompare(day(y.a)) || x.i - y.i).map((x) => x.a);
  const work = (a: Appearance): CreativeWork => ({ '@type': 'CreativeWork', url: a.url, ...(a.date ? { datePublished: a.date } : {}) });
  return {
    '@type': 'Claim',
    ...(c.claimant ? { author: { '@type': 'Person', name: c.claimant } } : {}),
    ...(first?.date ? { datePublished: first.date } : {}),
    ...(first ? { firstAppearance: work(first) } : {}),
    ...(others.length ? { appearance: others.map(work) } : {}),
  };
}

function isHttpAddress(url: string): boolean {
  return /^https?:\/\/\S+$/i.test(url);
}

function articleNotes(a: ExportArticle): ExportNote[] {
  const notes: ExportNote[] = [];
  if (!a.published?.url) {
    notes.push({ severity: 'error', article: a.name, message: `${a.name}: the published fact-check's address is not set, and ClaimReview requires \`url\`. Set \`published: { url }\` in its sidecar (VS Code: Factmark: Edit Publication Details…).` });
  }
  if (!a.published?.date) notes.push({ severity: 'warning', article: a.name, message: `${a.name}: no publication date, so \`datePublished\` (recommended) is left out.` });
  return notes;
}

function publisherOf(input: ExportInput): Organization | undefined {
  const p = input.publisher;
  if (!p?.name) return undefined;
  return { '@type': 'Organization', name: p.name, ...(p.url ? { url: p.url } : {}) };
}

/** The best and worst rating on the scale (Google asks for both when a number is given). */
export function ratingRange(scale: StatusScale): { best: number; worst: number } | undefined {
  const ratings = scale.statuses.map((s) => s.rating).filter((r): r is number => r !== undefined);
  return ratings.length ? { best: Math.max(...ratings), worst: Math.min(...ratings) } : undefined;
}
