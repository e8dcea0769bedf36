// The fixed fallback order for one claim: position → exact → fuzzy, with the rule that a place
// is accepted only when it is clearly better than every other place we know of. Works inside
// a window (anchorAll's fast path) or over the whole text (anchor, and anchorAll's fallback).
import { NormalizedText, rawEnd, rawStart } from './normalize';
import { Candidate, Query, exactCandidates, exactStarts, exactStartsEverywhere, fuzzyAround, nearestExactStartsEverywhere, fuzzyCandidates, makeCandidate, maxErrorsFor, runnersUp, score, seededFuzzyCandidates, splitCandidate, wordCandidate } from './candidates';
import { refine, wordsOfQuote } from './refine';
import { AnchorResult, AnchorState } from './types';

/** Context scores closer than this are "equally good". */
const CTX_TIE = 0.1;
/** At or above this the context is the claim's own, give or take a word. */
const CTX_SURE = 0.9;
/** Context this good at the expected place outweighs a far exact copy. */
const CTX_CLEAR = 0.75;
/** Below this the surrounding text is not the claim's recorded context. */
const CTX_GOOD = 0.5;
/** Combined scores closer than this are "equally good" fuzzy matches. */
const SCORE_TIE = 0.05;
/** How far a prediction may be off: drift from edits between a claim and its neighbour. */
const SLACK = 16;
/** A match this close to the expected position is "where we expected it". */
export const NEAR = 64;
/** Shares of a quote's words found at a place (see acceptable()). */
const HALF = 0.5;
const TWO_THIRDS = 2 / 3;
const MOST = 0.75;
const NEARLY_ALL = 0.85;
/** A quote of this many words is long: most of them in order somewhere else is no coincidence. */
const LONG = 12;
/** Below this share of its words a place is not even worth offering as ambiguous. */
const WEAK = 0.4;
/** Context this good on one side of a place shows where the claim begins or ends. */
const EDGE_SURE = 0.8;
/** Word similarity (see wordSim) used by rivals(). */
const FUZZY_SIM = 0.75;
const FUZZY_WEAK = 0.5;
/** Edit distance of replacing, inserting or deleting one ordinary word. */
const ONE_WORD = 12;
/** How far from the expected position the whole-text mode looks for an edited quote. */
const FUZZY_RADIUS = 2048;
const FUZZY_RADIUS_WINDOWED = 320;
/** How far makeCandidate may move a match's start to where its context says the claim begins, and then some. */
const MAKE_CANDIDATE_SHIFT = 16;
/** The stretch between a claim's neighbours is searched for its edited words only up to this size. */
const MAX_GAP_SEARCH = 16_384;

export interface Scope { from: number; to: number }

export interface LocateOptions {
  /** Whole-text mode: look for the quote's edited words around exact hits of pieces of it (default true). */
  seeded?: boolean;
  /** More places to run the fuzzy matcher, found by the caller (anchorAll's word index). */
  regions?: readonly Scope[];
}

function result(n: NormalizedText, state: AnchorState, method: AnchorResult['method'], best: Candidate | undefined, confidence: number, reason: string, others?: Candidate[]): AnchorResult {
  if (!best) return { state, method, confidence, reason };
  const start = rawStart(n, best.start);
  const end = rawEnd(n, best.start, best.end);
  const r: AnchorResult = { state, method, start, end, text: n.raw.slice(start, end), confidence: round(confidence), reason };
  if (others) {
    r.candidates = others.map((c) => ({ start: rawStart(n, c.start), end: rawEnd(n, c.start, c.end), score: round(score(c)) }));
  }
  return r;
}

function round(x: number): number {
  return Math.round(Math.max(0, Math.min(1, x)) * 1000) / 1000;
}

/** With equal context, the nearest place wins only if the next one is much farther away. */
function clearlyNearer(a: Candidate, b: Candidate): boolean {
  return a.dist !== Infinity && b.dist >= 3 * a.dist + 2 * SLACK;
}

function ambiguous(n: NormalizedText, method: AnchorResult['method'], cands: Candidate[], reason: string): AnchorResult {
  const sorted = [...cands].sort((a, b) => score(b) - score(a) || a.dist - b.dist);
  return result(n, 'ambiguous', method, sorted[0], 0.5 * score(sorted[0]), reason, sorted);
}

function overlaps(a: Candidate, b: Candidate): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Locates one claim. `scope` bounds every search (a window around the expected position);
 * without it the whole text is searched, with the fuzzy matcher still run only on bounded windows
 * (around the expected position and, unless `seeded` is false, around exact hits of pieces of the quote).
 */
export function locate(n: NormalizedText, q: Query, scope?: Scope, opts: LocateOptions = {}): AnchorResult {
  const text = n.text;
  const L = q.quote.length;
  if (L === 0) return { state: 'orphaned', method: 'none', confidence: 0, reason: 'the claim has no quote' };

  // 1. Position: the quote is still where it was recorded, with its context around it.
  if (q.hint !== undefined && text.startsWith(q.quote, q.hint)) {
    const c = makeCandidate(text, q, q.hint, q.hint + L, 0);
    // Only with its context nearly intact: a pasted copy can sit exactly where the claim was.
    if (c.ctx >= CTX_SURE) return result(n, 'anchored', 'position', c, 0.8 + 0.2 * c.ctx, 'at its recorded position');
  }

  // 2. Exact words, told apart by context and then by distance from the expected position.
  const from = scope ? scope.from : 0;
  const to = scope ? scope.to : text.length;
  const fast = exactWhereExpected(text, q);
  if (fast) return decideExact(n, q, fast, fast.length, from, to, scope !== undefined);
  const { all, candidates: exact } = scope ? exactCandidates(text, q, from, to) : exactCandidates(text, q, from, to, exactStartsEverywhere(n, text, q.quote), (at) => nearestExactStartsEverywhere(n, text, q.quote, at));
  if (exact.length > 0) return decideExact(n, q, exact, all, from, to, scope !== undefined);

  // 3. Fuzzy: the words were edited.
  const near = nearWindow(q, L, scope);
  let fuzzy = near ? fuzzyAround(text, q, near.from, near.to) : [];
  if (!scope && opts.seeded !== false && !fuzzy.some((c) => acceptable(c, q))) fuzzy = fuzzy.concat(seededFuzzyCandidates(text, q));
  if (opts.regions) for (const r of opts.regions) fuzzy = fuzzy.concat(fuzzyCandidates(text, q, r.from, r.to));
  if (!scope && !fuzzy.some((c) => acceptable(c, q))) {
    for (const r of near ? [near, ...(opts.regions ?? [])] : opts.regions ?? []) {
      const c = wordCandidate(text, q, r.from, r.to);
      if (c) fuzzy.push(c);
    }
  }
  return decideFuzzy(n, q, dedupe(fuzzy), near, scope !== undefined);
}

/**
 * Where to run the fuzzy matcher: around the expected position, never over the whole text.
 * Inside anchorAll's window the prediction is precise, so a narrower radius suffices there.
 */
function nearWindow(q: Query, L: number, scope?: Scope): Scope | undefined {
  if (q.expected === undefined) return scope;
  const r = scope ? FUZZY_RADIUS_WINDOWED : FUZZY_RADIUS;
  const from = q.expected - r;
  const to = q.expected + L + r;
  return scope ? { from: Math.max(from, scope.from), to: Math.min(to, scope.to) } : { from, to };
}

/** Whether the candidate sits where the claims around it say this claim is. */
function inPlace(c: Candidate, q: Query): boolean {
  return c.dist <= NEAR || (q.gap !== undefined && c.start >= q.gap.from && c.end <= q.gap.to);
}

/**
 * Whether edited words are credible as the claim's own, on their own merits (rivals aside):
 * - half its words or more, where the claims around it say it is, with its context on one side;
 * - two thirds of its words, not swamped by others, where the claims around it say it is (its
 *   context may have changed with them: a reordered passage);
 * - most of its words and few others, with its context more or less intact;
 * - nearly all its words and few others, anywhere (a moved and edited paragraph), or most of
 *   them when the quote is long enough that so many words in order are no coincidence.
 */
export function acceptable(c: Candidate, q: Query): boolean {
  const words = wordsOfQuote(q).keys.length;
  if (c.recall >= HALF && inPlace(c, q) && Math.max(c.cb, c.ca) >= EDGE_SURE) return true;
  if (c.recall >= TWO_THIRDS && c.precision >= HALF && inPlace(c, q) && words >= 6) return true;
  if (c.recall >= MOST && c.precision >= HALF && c.ctx >= CTX_GOOD) return true;
  if (c.recall >= NEARLY_ALL && c.precision >= MOST - 0.15) return true;
  if (c.recall >= MOST && c.precision >= MOST - 0.15 && words >= LONG) return true;
  return acceptableByChars(c);
}

/**
 * By characters (an edit inside a word): most of the quote in most of its context, or one
 * edited word in its intact context even when that is most of a short quote.
 */
function acceptableByChars(c: Candidate): boolean {
  return (c.charSim >= FUZZY_SIM && c.ctx >= 0.6) || (c.errors <= ONE_WORD && c.charSim >= FUZZY_WEAK && c.ctx >= CTX_SURE);
}

/** Whether an edited match `alt` is as credible a place for the claim as the exact copy `exact`. */
function rivals(found: Candidate, exact: Candidate): boolean {
  // Judged by the more generous of the two similarities: here a rival protects the claim from a copy.
  const alt = { ...found, sim: Math.max(found.sim, found.charSim) };
  if (alt.dist >= exact.dist + NEAR) return false;
  // Words that keep less than half the quote are other words, unless they sit in the claim's
  // own context and differ by one word (for a short quote one inserted word is most of it).
  if (alt.sim < FUZZY_WEAK && !(alt.errors <= ONE_WORD && alt.ctx >= CTX_SURE)) return false;
  // Most of the quote right where neighbours say the claim is: its own words, edited (their
  // context may be cut by the edit), unless the exact copy is there too.
  if (alt.dist <= SLACK && exact.dist > SLACK && alt.sim >= FUZZY_SIM) return true;
  // Most of the quote, in context about as good as that of an exact copy that is not in its own.
  if (alt.sim >= FUZZY_SIM && exact.ctx < CTX_SURE && alt.ctx >= exact.ctx - 2 * CTX_TIE) return true;
  if (alt.ctx < CTX_GOOD) return false;
  // A far copy against a plausible edited version right at the expected place: too close to call.
  if (exact.dist > NEAR && alt.dist <= NEAR && alt.ctx >= exact.ctx - 2 * CTX_TIE) return true;
  if (alt.ctx < 0.6) return false;
  return alt.ctx > exact.ctx || (alt.sim >= FUZZY_SIM && alt.ctx >= exact.ctx - CTX_TIE);
}

function dedupe(cands: Candidate[]): Candidate[] {
  const sorted = [...cands].sort((a, b) => score(b) - score(a));
  const out: Candidate[] = [];
  for (const c of sorted) if (!out.some((o) => overlaps(o, c))) out.push(c);
  return out;
}

/**
 * The common case, cheaply: the exact words within SLACK of the prediction, in their context
 * (score >= CTX_SURE). Occurrences farther than 3·d + 2·SLACK can then neither beat it by more
 * than CTX_TIE, tie with it (it is clearly nearer) nor rival it (rivals must be nearer), so only
 * the closer ones are looked for and scored — in repetitive text a quote can occur dozens of
 * times in a window. Returns undefined when the general path must decide.
 */
function exactWhereExpected(text: string, q: Query): Candidate[] | undefined {
  if (q.expected === undefined) return undefined;
  const L = q.quote.length;
  const reach = 5 * SLACK;
  const starts = exactStarts(text, q.quote, q.expected - reach, q.expected + L + reach);
  let p0 = -1;
  for (const p of starts) if (p0 < 0 || Math.abs(p - q.expected) < Math.abs(p0 - q.expected)) p0 = p;
  if (p0 < 0 || Math.abs(p0 - q.expected) > SLACK) return undefined;
  const c0 = makeCandidate(text, q, p0, p0 + L, 0);
  if (c0.ctx < CTX_SURE) return undefined;
  const radius = 3 * c0.dist + 2 * SLACK;
  return starts.filter((p) => p !== p0 && Math.abs(p - q.expected!) < radius).map((p) => makeCandidate(text, q, p, p + L, 0)).concat([c0]);
}

function decideExact(n: NormalizedText, q: Query, exact: Candidate[], all: number, from: number, to: number, windowed: boolean): AnchorResult {
  const times = all === 1 ? 'found once' : `found ${all} times`;
  exact.sort((a, b) => b.ctx - a.ctx || a.dist - b.dist);
  const tied = exact.filter((c) => c.ctx >= exact[0].ctx - CTX_TIE).sort((a, b) => a.dist - b.dist);
  let chosen = tied[0];
  if (tied.length > 1 && !clearlyNearer(tied[0], tied[1])) {
    // Copies that tie with each other, all far from where neighbours put the claim, against its
    // edited words right there in its full context: template sentences, the claim is the edited one.
    const here = editedHere(n, q, tied, from, to, windowed);
    if (here) return here;
    const why = tied[0].dist === Infinity ? 'and there is no position hint' : 'and none is clearly nearest its expected place';
    return ambiguous(n, 'exact', tied, `${times}; context matches ${tied.length} equally ${why}`);
  }
  // Context prefers one place but another, with plausible context too, is nearer where we
  // expect the claim: the evidence conflicts, so let a person decide.
  // (Right at the expected place, the exact words count as evidence even with their context gone.)
  const nearer = exact.find((c) => c !== chosen && (c.ctx >= CTX_GOOD || c.dist <= NEAR) && c.dist + SLACK < chosen.dist);
  if (nearer) {
    return ambiguous(n, 'exact', [chosen, nearer], `${times}; its context fits one place best, but another is much nearer its expected place`);
  }
  // Exact words in a rewritten context are still the claim's when they occur nowhere else and
  // are long enough not to occur by chance — unless its edited words are found where expected
  // (below). Short or repeated words out of context are left to a person.
  // (distinctive() splits the quote into words: asked only when the context is not the claim's.)
  if (chosen.ctx < CTX_GOOD && !(all === 1 && distinctive(q))) {
    return ambiguous(n, 'exact', [chosen], `${times}, but not in its recorded context`);
  }
  // Unless the words sit where we expected them, in their own context, they may be a copy and
  // the claim's own words may have been edited: look for an edited version at the expected place.
  // No other place resembles the words (checked below when it matters).
  let lonely = true;
  if (q.expected !== undefined && (chosen.dist > SLACK || chosen.ctx < CTX_SURE)) {
    const near = nearWindow(q, q.quote.length, windowed ? { from, to } : undefined)!;
    // In anchorAll's window, words in their context can only be doubted by a rival, nearer the
    // expected place than the words plus NEAR (see rivals()), or by edited words within NEAR of
    // it (editedHere): only that stretch is searched. (A smaller stretch may show a weaker match
    // that a farther, better one hid: one more place to weigh, never one fewer.)
    const reach = chosen.dist + NEAR + MAKE_CANDIDATE_SHIFT;
    const rivalsOnly = windowed && chosen.ctx >= CTX_GOOD;
    const where = rivalsOnly ? { from: Math.max(near.from, q.expected - reach), to: Math.min(near.to, q.expected + reach + q.quote.length + maxErrorsFor(q.quote)) } : near;
    let alt = fuzzyAround(n.text, q, where.from, where.to, exact, true);
    if (!windowed && q.gap && q.gap.to - q.gap.from <= MAX_GAP_SEARCH && (q.gap.from < near.from || q.gap.to > near.to)) alt = alt.concat(fuzzyCandidates(n.text, q, q.gap.from, q.gap.to, exact, true));
    // An edited version exactly where the claim should be, in its own context, beats a far copy.
    // Only when its context is clearly better: intact words elsewhere otherwise win or tie.
    const editedHere = (cands: readonly Candidate[]) => {
      if (chosen.dist <= NEAR) return undefined;
      for (const c of cands) {
        // Right where expected, in its own context. Elsewhere between its neighbours, only with
        // context much better than the copy's, and credible word by word.
        const r = c.dist <= SLACK ? (c.ctx >= CTX_CLEAR && c.ctx >= chosen.ctx + CTX_TIE && acceptableByChars(c) ? refine(n.text, q, c.start, c.end) : undefined)
          : inPlace(c, q) && c.ctx >= chosen.ctx + 3 * CTX_TIE ? refine(n.text, q, c.start, c.end) : undefined;
        if (r && (c.dist <= SLACK || acceptable(r, q))) return r;
      }
      return undefined;
    };
    const changedHere = (c: Candidate) => result(n, 'changed', 'fuzzy', c, 0.5 * c.sim + 0.4 * c.ctx, `edited where expected (${wordsKept(c, q)}); an exact copy ${chosen.dist} characters away has clearly worse context`);
    // Words out of their context are the claim's only when nothing else near is like them:
    // half the quote, or less in context about as good. (A summary repeating the sentence
    // elsewhere does not take the claim from its own, edited or reformatted, words.)
    if (chosen.ctx < CTX_GOOD && alt.some((c) => Math.max(c.sim, c.charSim) >= FUZZY_WEAK || (c.charSim >= WEAK && c.ctx >= chosen.ctx - CTX_TIE / 2))) {
      const here = editedHere(alt);
      if (here) return changedHere(here);
      return ambiguous(n, 'exact', [chosen, ...alt.filter((c) => Math.max(c.sim, c.charSim) >= WEAK)], `${times}, but not in its recorded context, and an edited version fits it as well`);
    }
    // Alone: nothing near holds half its words, re-read word by word, or two thirds of its
    // characters (a word typed into another). Half its characters, as a common name shared with
    // other sentences has, is not enough.
    // Its own words may be there, split by a pasted block: then the exact words are a copy.
    const split = splitCandidate(n.text, q, NEAR);
    // (Only the whole-text search can find a place alone; in a window the re-reading is skipped.)
    lonely = !(split && split.sim >= FUZZY_WEAK) && (windowed || all !== 1 || !alt.some((c) => (c.matchSim ?? c.charSim) >= TWO_THIRDS || (refine(n.text, q, c.start, c.end)?.recall ?? 0) >= HALF));
    alt = alt.filter((c) => rivals(c, chosen));
    if (split && split.sim >= FUZZY_WEAK && split.ctx >= CTX_CLEAR) {
      return ambiguous(n, 'exact', [chosen, split], `${times}, but its own words may be where expected, split by inserted text`);
    }
    const here = editedHere(alt);
    if (here) return changedHere(here);
    if (alt.length > 0) {
      return ambiguous(n, 'exact', [chosen, ...alt], `${times}, but an edited version nearer its expected place fits its context as well`);
    }
  }
  const state = chosen.start === q.hint ? 'anchored' : 'moved';
  const alone = !windowed && all === 1 && lonely;
  const reason = chosen.ctx < CTX_GOOD ? `${times}, in rewritten context` : state === 'anchored' ? `${times}, at its recorded position` : tied.length > 1 ? `${times}; the nearest with matching context` : `${times} with matching context`;
  const r = result(n, state, 'exact', chosen, 0.6 + 0.4 * chosen.ctx, reason);
  if (alone) r.alone = true;
  return r;
}

function editedHere(n: NormalizedText, q: Query, tied: Candidate[], from: number, to: number, windowed: boolean): AnchorResult | undefined {
  if (q.expected === undefined || tied[0].dist <= 4 * NEAR) return undefined;
  const near = nearWindow(q, q.quote.length, windowed ? { from, to } : undefined)!;
  const raw = fuzzyAround(n.text, q, near.from, near.to, tied, true).filter((f) => f.dist <= SLACK && f.ctx >= CTX_SURE && acceptable(f, q) && f.sim >= FUZZY_SIM).sort((a, b) => score(b) - score(a))[0];
  if (!raw || tied.some((t) => t.ctx > raw.ctx)) return undefined;
  const c = refine(n.text, q, raw.start, raw.end);
  if (!c) return undefined;
  return result(n, 'changed', 'fuzzy', c, 0.5 * c.sim + 0.4 * c.ctx, `edited where expected (${wordsKept(c, q)}); ${tied.length} exact copies far away tie with each other`);
}

/** Words long enough not to turn up elsewhere by chance: a phrase, not a few words (those recur in any article). */
function distinctive(q: Query): boolean {
  return q.quote.length >= 32 && wordsOfQuote(q).keys.length >= 5;
}

/** Ranking of edited candidates: the words, then the context, then being where expected. */
function rank(c: Candidate, q: Query): number {
  return 0.55 * c.sim + 0.35 * c.ctx + (inPlace(c, q) ? 0.1 : 0);
}

function wordsKept(c: Candidate, q: Query): string {
  const words = wordsOfQuote(q).keys.length;
  if (words === 0) return `${Math.round(c.sim * 100)}% alike`;
  const kept = Math.round(c.recall * words);
  return `${kept} of its ${words} words unchanged`;
}

function decideFuzzy(n: NormalizedText, q: Query, fuzzy: Candidate[], near: Scope | undefined, windowed: boolean): AnchorResult {
  const plausible = fuzzy.filter((c) => c.recall >= WEAK).sort((a, b) => rank(b, q) - rank(a, q) || a.dist - b.dist);
  if (plausible.length === 0) return { state: 'orphaned', method: 'none', confidence: 0, reason: 'not found, not even approximately' };
  let best = plausible[0];
  if (!acceptable(best, q)) {
    // A weaker place that is acceptable (typically: in place, with its context) is the claim's.
    const ok = plausible.find((c) => acceptable(c, q));
    if (!ok) {
      return ambiguous(n, 'fuzzy', plausible.slice(0, 5), `the best match keeps ${wordsKept(best, q)}${best.ctx < CTX_GOOD ? ' and its context differs' : ''}: too weak to accept`);
    }
    if (rank(ok, q) < rank(best, q) - 2 * SCORE_TIE) {
      return ambiguous(n, 'fuzzy', [best, ok], 'edited; a better match is not credible, a credible one is not clearly the best');
    }
    best = ok;
  }
  // The matcher reports only the lowest-error matches; look on both sides for a close second.
  const second = near ? runnersUp(n.text, q, near.from, near.to, best) : [];
  const tied = dedupe(plausible.concat(second)).filter((c) => c !== best && rank(c, q) >= rank(best, q) - SCORE_TIE && !overlaps(c, best));
  if (tied.length > 0) {
    const all = [best, ...tied].sort((a, b) => a.dist - b.dist || rank(b, q) - rank(a, q));
    if (!clearlyNearer(all[0], all[1])) {
      return ambiguous(n, 'fuzzy', all, `edited; ${all.length} places match about equally well`);
    }
    best = all[0];
    if (!acceptable(best, q)) return ambiguous(n, 'fuzzy', all, 'edited; the nearest match is too weak to accept');
  }
  // A better match far from where neighbours say the claim must be, and a plausible one right
  // there: in repetitive text the far one is usually a sibling sentence. Prefer the near one if
  // it is nearly as good, otherwise let a person decide.
  if (best.dist > NEAR) {
    const here = dedupe(plausible.concat(second)).filter((c) => c !== best && c.dist <= NEAR && c.ctx >= CTX_GOOD && !overlaps(c, best)).sort((a, b) => rank(b, q) - rank(a, q))[0];
    if (here) {
      if (!acceptable(here, q) || rank(here, q) < rank(best, q) - 2 * SCORE_TIE) {
        return ambiguous(n, 'fuzzy', [best, here], 'edited; the best match is far from its expected place, a weaker one is right there');
      }
      best = here;
    }
  }
  const r = result(n, 'changed', 'fuzzy', best, 0.5 * best.sim + 0.4 * best.ctx, `words edited since they were rated (${wordsKept(best, q)})`);
  if (!windowed && !dedupe(plausible.concat(second)).some((c) => c !== best && !overlaps(c, best))) r.alone = true;
  return r;
}
