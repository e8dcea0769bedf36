// Public entry points: find claims in the current text of an article, one at a time or all at
// once, and capture a selector for a new claim.
import { CONTEXT_LENGTH } from '../model';
import { Candidate, Query, exactStarts, fuzzyAround, fuzzyCandidates, makeCandidate, score } from './candidates';
import { flagOutOfOrder, resolveCollisions } from './collisions';
import { lineNumberAt, lineStarts, lineOf } from './lines';
import { acceptable, locate, NEAR } from './locate';
import { nominate } from './nominate';
import { NormalizedText, normalizeForCompare, normalizeText, rawEnd, rawStart, toNormalized } from './normalize';
import { refine } from './refine';
import { AnchorResult, AnchorSelector } from './types';
import { fuzzySearch } from './fuzzy';
import { alignAfter, alignBefore, editDistance } from './similarity';
import { commonWords, insideWord, isWordAt, wordsIn } from './words';

/** anchorAll's first search window reaches this far either side of the predicted position. */
const WINDOW = 1024;
/** Context found this well on a side of a place is the claim's own recorded context there. */
const OWN_CONTEXT = 0.8;
/** Context found this well on a side is intact there but for a character or two. */
const INTACT = 0.97;
/** Share of its words a place must hold to be offered as a guess for a claim not found otherwise. */
const OFFER = 2 / 3;
const TWO_THIRDS = 2 / 3;
/** The stretch between a claim's neighbours is searched whole for its edited words up to this size. */
const MAX_GAP = 16_384;

function isAccepted(r: AnchorResult): boolean {
  return r.state === 'anchored' || r.state === 'moved' || r.state === 'changed';
}

type Compared = Pick<Query, 'quote' | 'before' | 'after'>;

function compared(sel: AnchorSelector): Compared {
  return { quote: normalizeForCompare(sel.quote), before: normalizeForCompare(sel.before), after: normalizeForCompare(sel.after) };
}

function query(n: NormalizedText, sel: AnchorSelector, starts: () => Int32Array, drift = 0, norm: Compared = compared(sel)): Query {
  const q: Query = { quote: norm.quote, before: norm.before, after: norm.after };
  if (sel.offset !== undefined) {
    q.hint = toNormalized(n, sel.offset);
    q.expected = toNormalized(n, sel.offset + drift);
  } else if (sel.line !== undefined) {
    // A line is a weak hint: good enough to prefer the nearer of two equal places, never "anchored".
    const ls = starts();
    q.expected = ls[Math.max(0, Math.min(ls.length - 1, sel.line - 1))];
  }
  return q;
}

function lazyLineStarts(n: NormalizedText): () => Int32Array {
  let cached: Int32Array | undefined;
  return () => (cached ??= lineStarts(n.text));
}

/** Finds one claim in `text` (position → exact → fuzzy; see AnchorState). */
export function anchor(text: string, sel: AnchorSelector): AnchorResult {
  const n = normalizeText(text);
  return locate(n, query(n, sel, lazyLineStarts(n)));
}

/**
 * Finds many claims at once. Claims sit in article order and an edit shifts all later claims by
 * the same amount, so each claim is first looked for in a window around its hint plus the drift
 * measured on the previous claim; only claims not found there get a whole-text search.
 * Results are in the order of `sels` and mean the same as anchor()'s.
 */
export function anchorAll(text: string, sels: readonly AnchorSelector[]): AnchorResult[] {
  const n = normalizeText(text);
  const starts = lazyLineStarts(n);
  const results: AnchorResult[] = new Array(sels.length);
  // Each claim's quote and context, normalised once (every stage below builds its own Query).
  const norms: Compared[] = new Array(sels.length);
  const queryAt = (i: number, drift?: number) => query(n, sels[i], starts, drift, (norms[i] ??= compared(sels[i])));
  const order = sels.map((_, i) => i).filter((i) => sels[i].offset !== undefined);
  order.sort((a, b) => sels[a].offset! - sels[b].offset! || a - b);
  const expected: (number | undefined)[] = new Array(sels.length);
  const confirmed: boolean[] = new Array(sels.length).fill(false);
  // `drift` is trusted: confirmed by a claim found close to its prediction. A claim found far
  // from it only proposes a new drift, trusted once the next claim is found close to that;
  // otherwise one wrongly placed claim would send every later window astray.
  let drift = 0;
  let proposed: number | undefined;
  const inWindow = (q: Query) => locate(n, q, { from: q.expected! - WINDOW, to: q.expected! + q.quote.length + WINDOW });
  const close = (r: AnchorResult, at: number) => isAccepted(r) && Math.abs(r.start! - at) <= NEAR;
  for (const i of order) {
    const sel = sels[i];
    let q = queryAt(i, drift);
    expected[i] = sel.offset! + drift;
    let r = inWindow(q);
    if (!isAccepted(r) && proposed !== undefined) {
      const alt = queryAt(i, proposed);
      const ra = inWindow(alt);
      if (close(ra, sel.offset! + proposed)) { r = ra; q = alt; expected[i] = sel.offset! + proposed; }
    }
    // Whole-text fallback: exact words anywhere, edited words near the prediction. (A quote both
    // moved far and edited is left to anchor(), whose seeded search costs ~10 ms per claim.)
    if (!isAccepted(r)) r = locate(n, q, undefined, { seeded: false });
    if (close(r, expected[i]!) || (proposed !== undefined && close(r, sel.offset! + proposed))) {
      confirmed[i] = true;
      drift = r.start! - sel.offset!;
      proposed = undefined;
    } else if (isAccepted(r)) {
      proposed = r.start! - sel.offset!;
    }
    results[i] = r;
  }
  retry(n, order, sels, results, (i) => queryAt(i, expected[i]! - sels[i].offset!));
  secondOpinion(order, sels, results, confirmed, (i, d) => inWindow(queryAt(i, d)));
  for (let i = 0; i < sels.length; i++) {
    if (sels[i].offset === undefined) results[i] = locate(n, queryAt(i));
  }
  resolveCollisions(sels, results, expected);
  ownWordsBetween(n, order, results, confirmed, (i) => queryAt(i, expected[i]! - sels[i].offset!));
  // Out of order, yet the only place in the whole text that resembles the claim: a moved paragraph.
  flagOutOfOrder(order, results, confirmed, (i) => {
    const q = queryAt(i, expected[i]! - sels[i].offset!);
    const r = locate(n, q, undefined, { seeded: false });
    return r.alone === true && r.start === results[i].start && r.end === results[i].end && !contextBetween(n, order, results, i, q);
  });
  orderDecides(n, order, sels, results, confirmed, (i, at) => queryAt(i, at - sels[i].offset!));
  ownWordsBeside(n, order, results, confirmed, (i) => queryAt(i, expected[i]! - sels[i].offset!));
  return results;
}

/**
 * A claim placed away from where the claim before it predicted, between its neighbours, while
 * beside it in that stretch are words like its own with one side of its recorded context intact:
 * those are likely its own words, edited in place, and the place found a copy of them pasted
 * after (or before) them, so it is flagged, not placed.
 */
function ownWordsBeside(n: NormalizedText, order: readonly number[], results: AnchorResult[], confirmed: readonly boolean[], queryOf: (i: number) => Query): void {
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const r = results[i];
    if (!isAccepted(r) || confirmed[i] || r.method !== 'exact') continue;
    let from = 0, to = n.text.length;
    for (let j = k - 1; j >= 0; j--) if (isAccepted(results[order[j]])) { from = toNormalized(n, results[order[j]].end!); break; }
    for (let j = k + 1; j < order.length; j++) if (isAccepted(results[order[j]])) { to = toNormalized(n, results[order[j]].start!); break; }
    if (from >= to || to - from > MAX_GAP) continue;
    const s = toNormalized(n, r.start!), e = toNormalized(n, r.end!);
    const q = queryOf(i);
    const here = makeCandidate(n.text, q, s, e, 0);
    const own = fuzzyCandidates(n.text, q, from, to, [here], true).find((c) => !overlapping(c, here) && (c.matchSim ?? c.charSim) >= TWO_THIRDS && Math.max(c.cb, c.ca) >= INTACT);
    if (!own) continue;
    results[i] = {
      state: 'ambiguous', method: r.method, start: r.start, end: r.end, text: r.text, confidence: Math.round(r.confidence * 500) / 1000,
      reason: `${r.reason}; but beside it are words like its own with its recorded context on a side`,
      candidates: [{ start: r.start!, end: r.end!, score: r.confidence }, { start: rawStart(n, own.start), end: rawEnd(n, own.start, own.end), score: Math.round(score(own) * 1000) / 1000 }],
    };
  }
}

/**
 * Order decides between the places of a flagged claim, never against the only one. Its
 * neighbours found where predicted (`confirmed`) bound where its own words can be: between them.
 * Places outside that stretch are out of order; inside it, a place is the claim's only when its
 * recorded context is there on both sides, where one of the neighbours predicts it, and no other
 * place in the stretch has the claim's context on either side. So a sibling sentence of the same
 * template (other words around it) loses to the claim's own words, while the claim's own words
 * edited in place (their context still on a side) and a pasted copy of them keep it flagged.
 */
function orderDecides(n: NormalizedText, order: readonly number[], sels: readonly AnchorSelector[], results: AnchorResult[], confirmed: readonly boolean[], queryOf: (i: number, expectedRaw: number) => Query): void {
  const sure = (k: number) => confirmed[order[k]] && isAccepted(results[order[k]]);
  let prev = -1;
  const prevSure: number[] = order.map((_, k) => { const p = prev; if (sure(k)) prev = k; return p; });
  let next = -1;
  const nextSure: number[] = new Array(order.length);
  for (let k = order.length - 1; k >= 0; k--) { nextSure[k] = next; if (sure(k)) next = k; }
  const held = new HeldWords(order, sels, results);
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const r = results[i];
    if (r.state !== 'ambiguous' || prevSure[k] < 0 || nextSure[k] < 0) continue;
    const p = order[prevSure[k]], s = order[nextSure[k]];
    const from = toNormalized(n, results[p].end!), to = toNormalized(n, results[s].start!);
    if (from >= to || to - from > MAX_GAP) continue;
    const predicted = [sels[i].offset! + results[p].start! - sels[p].offset!, sels[i].offset! + results[s].start! - sels[s].offset!];
    const qs = predicted.map((at) => queryOf(i, at));
    const q = qs[0];
    // Every place in the stretch that resembles the claim: its exact words, the best edited
    // matches (around both predictions: the matcher reports only the lowest-error ones), and
    // the places the first decision weighed.
    const found: Candidate[] = exactStarts(n.text, q.quote, from, to).map((e) => makeCandidate(n.text, q, e, e + q.quote.length, 0));
    for (const qe of qs) found.push(...fuzzyAround(n.text, qe, from, to, found, true));
    for (const c of r.candidates ?? []) {
      const cs = toNormalized(n, c.start), ce = toNormalized(n, c.end);
      if (cs >= from && ce <= to) found.push(makeCandidate(n.text, q, cs, ce, editDistance(q.quote, n.text.slice(cs, ce))));
    }
    const own = found.filter((c) => c.cb >= OWN_CONTEXT && c.ca >= OWN_CONTEXT);
    if (own.length === 0 || own.some((c) => !overlapping(c, own[0]))) continue;
    const at = own.find((c) => c.errors === 0) ?? own[0];
    const expected = qs.map((qe) => qe.expected!);
    const predictedHere = (c: Candidate) => expected.some((e) => Math.abs(c.start - e) <= NEAR);
    if (!predictedHere(at)) continue;
    // The claim's words edited in place keep its context on a side, and sit where a neighbour
    // predicts them or keep that side intact: such a place could be the claim, the other a copy.
    // (A sibling sentence shares some of the context by its template, not all of it.)
    if (found.some((c) => !overlapping(c, own[0]) && Math.max(c.cb, c.ca) >= OWN_CONTEXT && (predictedHere(c) || Math.max(c.cb, c.ca) >= INTACT))) continue;
    const c = at.errors === 0 ? at : refine(n.text, q, at.start, at.end);
    if (!c || (c.errors > 0 && !acceptable({ ...c, dist: Math.min(...expected.map((e) => Math.abs(c.start - e))) }, { ...q, gap: { from, to } }))) continue;
    const start = rawStart(n, c.start), end = rawEnd(n, c.start, c.end);
    // Never onto words another claim holds.
    if (held.taken(i, start, end)) continue;
    held.add(i);
    const exact = c.errors === 0;
    const why = 'the only place between the claims on either side with its recorded context on both sides';
    results[i] = {
      state: exact ? (start === sels[i].offset ? 'anchored' : 'moved') : 'changed',
      method: exact ? 'exact' : 'fuzzy', start, end, text: n.raw.slice(start, end),
      confidence: Math.round((exact ? 0.6 + 0.4 * c.ctx : 0.5 * c.sim + 0.4 * c.ctx) * 1000) / 1000,
      reason: exact ? `found ${why}` : `words edited since they were rated, ${why}`,
    };
  }
}

/**
 * The words placed claims hold, for asking whether a place overlaps another claim's without
 * going through every claim (orderDecides asks once per claim it could place). Claims are only
 * ever added: orderDecides places flagged claims and never unplaces one.
 */
class HeldWords {
  /** Accepted claims when created, by start. */
  private readonly byStart: number[];
  private readonly longest: number;
  private readonly added: number[] = [];

  constructor(order: readonly number[], private readonly sels: readonly AnchorSelector[], private readonly results: readonly AnchorResult[]) {
    this.byStart = order.filter((j) => isAccepted(results[j])).sort((a, b) => results[a].start! - results[b].start!);
    let longest = 0;
    for (const j of this.byStart) longest = Math.max(longest, results[j].end! - results[j].start!);
    this.longest = longest;
  }

  /** Claim i is placed now (its result already says where, or is about to). */
  add(i: number): void {
    this.added.push(i);
  }

  /** Whether a claim other than i (and not marked on the same words at the same place) holds words of [start, end). */
  taken(i: number, start: number, end: number): boolean {
    const { results, sels, byStart } = this;
    const other = (j: number) => j !== i && isAccepted(results[j]) && results[j].start! < end && start < results[j].end! && !(sels[j].offset === sels[i].offset && sels[j].quote === sels[i].quote);
    // The last claim starting before `end`, then back while one could still reach `start`.
    let lo = 0, hi = byStart.length;
    while (lo < hi) { const mid = (lo + hi) >>> 1; if (results[byStart[mid]].start! < end) lo = mid + 1; else hi = mid; }
    for (let k = lo - 1; k >= 0 && results[byStart[k]].start! > start - this.longest - 1; k--) if (other(byStart[k])) return true;
    return this.added.some(other);
  }
}

function overlapping(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Claims the forward pass could not place are looked for again with what it learnt: the
 * stretch between the places of the claims recorded just before and after each (its place, if
 * its words are there at all), and regions anywhere in the text where its words line up (one
 * pass over the text for all of them), so that a paragraph that moved and was edited is found.
 */
function retry(n: NormalizedText, order: readonly number[], sels: readonly AnchorSelector[], results: AnchorResult[], queryOf: (i: number) => Query): void {
  const pending = order.filter((i) => !isAccepted(results[i]) && sels[i].quote.length > 0);
  if (pending.length === 0) return;
  const pos = new Map(order.map((i, k) => [i, k]));
  const queries = pending.map((i) => {
    const q = queryOf(i);
    const k = pos.get(i)!;
    let from = 0, to = n.text.length;
    for (let j = k - 1; j >= 0; j--) if (isAccepted(results[order[j]])) { from = toNormalized(n, results[order[j]].end!); break; }
    for (let j = k + 1; j < order.length; j++) if (isAccepted(results[order[j]])) { to = toNormalized(n, results[order[j]].start!); break; }
    if (from <= to) q.gap = { from, to };
    return q;
  });
  // Only claims whose exact words were not found need their edited words looked for everywhere.
  const wanted = pending.map((i) => results[i].method !== 'exact' && results[i].method !== 'position');
  const nominated = nominate(n.text, queries.filter((_, k) => wanted[k]));
  let next = 0;
  const regions = wanted.map((w) => (w ? nominated[next++] : []));
  pending.forEach((i, k) => {
    const q = queries[k];
    // The stretch between its neighbours is where it must be if it is anywhere near: searched whole when small.
    const where = q.gap && q.gap.to - q.gap.from <= MAX_GAP ? [...regions[k], q.gap] : regions[k];
    const r = locate(n, q, undefined, { seeded: false, regions: where });
    // A weak look-alike found only this way is not worth offering as a guess: the claim stays orphaned.
    if (isAccepted(r) || (results[i].state === 'orphaned' && r.state === 'ambiguous' && wordShare(q.quote, r.text ?? '') >= OFFER)) results[i] = r;
  });
}

/**
 * A claim placed away from where the claim before it predicted and outside the stretch between
 * the places of its neighbours, while that stretch holds words like its own (half its words, or
 * two thirds of its characters): either could be the claim — typically its own words edited in
 * place, and a copy of them, with their context, pasted elsewhere — so it is flagged, not placed.
 */
function ownWordsBetween(n: NormalizedText, order: readonly number[], results: AnchorResult[], confirmed: readonly boolean[], queryOf: (i: number) => Query): void {
  const placed = order.map((i) => isAccepted(results[i]));
  const at = order.map((i) => results[i]);
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const r = at[k];
    if (!placed[k] || confirmed[i]) continue;
    let from = 0, to = n.text.length;
    for (let j = k - 1; j >= 0; j--) if (placed[j]) { from = toNormalized(n, at[j].end!); break; }
    for (let j = k + 1; j < order.length; j++) if (placed[j]) { to = toNormalized(n, at[j].start!); break; }
    const s = toNormalized(n, r.start!), e = toNormalized(n, r.end!);
    if (from >= to || (s >= from && e <= to) || to - from > MAX_GAP) continue;
    const q = queryOf(i);
    const own = fuzzyCandidates(n.text, q, from, to, [], true).find((c) => (c.matchSim ?? c.charSim) >= TWO_THIRDS || (refine(n.text, q, c.start, c.end)?.recall ?? 0) >= 0.5);
    if (!own) continue;
    results[i] = {
      state: 'ambiguous', method: r.method, start: r.start, end: r.end, text: r.text, confidence: Math.round(r.confidence * 500) / 1000,
      reason: `${r.reason}; but words like its own are where the claims on either side put it`,
      candidates: [{ start: r.start!, end: r.end!, score: r.confidence }, { start: rawStart(n, own.start), end: rawEnd(n, own.start, own.end), score: Math.round(score(own) * 1000) / 1000 }],
    };
  }
}

/** Context shorter than this (without spacing) says nothing about where a claim is. */
const MIN_CONTEXT = 12;
/** Characters of the recorded context looked for, and the share of them that may differ. */
const CONTEXT_PROBE = 24;
const CONTEXT_ERRORS = 0.15;

/**
 * Whether the claim's recorded context, on a side where it is not found at the claim's new
 * place, is still found between the places of the claims on either side: then the claim has a
 * place there too (its words edited beyond recognition, between its own surroundings), and a copy
 * of its words out of order is not the only place it could be.
 */
function contextBetween(n: NormalizedText, order: readonly number[], results: readonly AnchorResult[], i: number, q: Query): boolean {
  const k = order.indexOf(i);
  let from = 0, to = n.text.length;
  for (let j = k - 1; j >= 0; j--) if (isAccepted(results[order[j]])) { from = toNormalized(n, results[order[j]].end!); break; }
  for (let j = k + 1; j < order.length; j++) if (isAccepted(results[order[j]])) { to = toNormalized(n, results[order[j]].start!); break; }
  if (from >= to || to - from > MAX_GAP) return false;
  const s = toNormalized(n, results[i].start!), e = toNormalized(n, results[i].end!);
  const sides: [string, number][] = [[q.before.slice(-CONTEXT_PROBE), alignBefore(n.text, s, q.before).score], [q.after.slice(0, CONTEXT_PROBE), alignAfter(n.text, e, q.after).score]];
  return sides.some(([probe, here]) => {
    if (probe.replace(/\s+/g, '').length < MIN_CONTEXT || here >= 1 - CONTEXT_ERRORS) return false;
    return fuzzySearch(n.text, probe, Math.floor(probe.length * CONTEXT_ERRORS), from, to).some((m) => m.end <= s || m.start >= e);
  });
}

/** Share of the quote's words found, in order, in `text`. */
function wordShare(quote: string, text: string): number {
  const qw = wordsIn(quote);
  return qw.keys.length === 0 ? 0 : commonWords(qw, wordsIn(normalizeForCompare(text))) / qw.keys.length;
}

/**
 * The forward pass predicts each claim from the claim before it. When the claim after it says
 * the text shifted by a different amount in between, the place found is trusted only if a search
 * around the place the next claim predicts finds the claim there too; if it finds it elsewhere,
 * the claim could be either (typically: a pasted copy of its words on one side, its own edited
 * or moved words on the other), so it is flagged instead of placed.
 */
function secondOpinion(order: readonly number[], sels: readonly AnchorSelector[], results: AnchorResult[], confirmed: readonly boolean[], around: (i: number, drift: number) => AnchorResult): void {
  let nextDrift: number | undefined;
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k];
    const r = results[i];
    if (nextDrift !== undefined && isAccepted(r)) {
      const back = sels[i].offset! + nextDrift;
      if (Math.abs(r.start! - back) > NEAR) {
        const rb = around(i, nextDrift);
        if (isAccepted(rb) && rb.start !== r.start) {
          results[i] = {
            state: 'ambiguous', method: r.method, start: r.start, end: r.end, text: r.text, confidence: Math.round(r.confidence * 500) / 1000,
            reason: `${r.reason}; but the claims on either side disagree on where it should be, and it is also found elsewhere`,
            candidates: [{ start: r.start!, end: r.end!, score: r.confidence }, { start: rb.start!, end: rb.end!, score: rb.confidence }],
          };
        }
      }
    }
    if (isAccepted(results[i])) nextDrift = results[i].start! - sels[i].offset!;
  }
}

/** LF line ends and no BOM: how quotes and context are stored, whatever the article uses. */
function storedForm(s: string): string {
  return s.replace(/\uFEFF/g, '').replace(/\r\n?/g, '\n');
}

function isHigh(c: number): boolean { return c >= 0xd800 && c <= 0xdbff; }
function isLow(c: number): boolean { return c >= 0xdc00 && c <= 0xdfff; }

/** A word cut by the context's far edge is completed when it ends within this many more characters. */
const CONTEXT_WORD = 16;

/**
 * The last CONTEXT_LENGTH characters of `s`, from a word boundary: a word cut at the far edge
 * is taken in whole ("Iranian Ambassador…", not "ranian Ambassador…"), or, when it is longer than
 * CONTEXT_WORD more characters (a link), left out. When no whole word would be left (the context
 * is one long link), it is kept as cut: it still says where the claim is.
 */
function contextBefore(s: string): string {
  const cut = s.slice(-CONTEXT_LENGTH);
  let from = s.length - cut.length;
  if (from === 0 || !insideWord(s, from)) return cut;
  let k = from;
  while (k > 0 && from - k <= CONTEXT_WORD && insideWord(s, k)) k--;
  if (!insideWord(s, k)) return s.slice(k);
  while (from < s.length && insideWord(s, from)) from++;
  const whole = s.slice(from).replace(/^[ \t]+/, '');
  return hasWord(whole) ? whole : cut;
}

/** The first CONTEXT_LENGTH characters of `s`, up to a word boundary (mirror of contextBefore). */
function contextAfter(s: string): string {
  const cut = s.slice(0, CONTEXT_LENGTH);
  let to = cut.length;
  if (to === s.length || !insideWord(s, to)) return cut;
  let k = to;
  while (k < s.length && k - to <= CONTEXT_WORD && insideWord(s, k)) k++;
  if (!insideWord(s, k)) return s.slice(0, k);
  while (to > 0 && insideWord(s, to)) to--;
  const whole = s.slice(0, to).replace(/[ \t]+$/, '');
  return hasWord(whole) ? whole : cut;
}

function hasWord(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isWordAt(s, i)) return true;
  return false;
}

function selectorAt(text: string, start: number, end: number, line: number): AnchorSelector {
  // Take a little more raw text than needed: dropped CRs would otherwise shorten the context.
  let before = contextBefore(storedForm(text.slice(Math.max(0, start - 2 * CONTEXT_LENGTH - CONTEXT_WORD), start)));
  let after = contextAfter(storedForm(text.slice(end, end + 2 * CONTEXT_LENGTH + CONTEXT_WORD)));
  // Never store half an emoji: a lone surrogate is not valid text in YAML.
  if (before.length && isLow(before.charCodeAt(0))) before = before.slice(1);
  if (after.length && isHigh(after.charCodeAt(after.length - 1))) after = after.slice(0, -1);
  return { quote: storedForm(text.slice(start, end)), before, after, offset: start, line };
}

/** Selector for a new claim at raw UTF-16 offsets [start, end) of `text`. */
export function captureSelector(text: string, start: number, end: number): AnchorSelector {
  return selectorAt(text, start, end, lineNumberAt(text, start));
}

/** Selectors for many ranges at once; computes line starts once instead of once per range. */
export function captureSelectors(text: string, ranges: readonly { start: number; end: number }[]): AnchorSelector[] {
  const ls = lineStarts(text);
  return ranges.map((r) => selectorAt(text, r.start, r.end, lineOf(ls, r.start)));
}
