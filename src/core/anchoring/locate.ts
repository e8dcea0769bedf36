// The fixed fallback order for one claim: position → exact → fuzzy, with the rule that a place
// is accepted only when it is clearly better than every other place we know of. Works inside
// a window (anchorAll's fast path) or over the whole text (anchor, and anchorAll's fallback).
import { NormalizedText, rawEnd, rawStart } from './normalize';
import { Candidate, Query, exactCandidates, exactStarts, fuzzyAround, makeCandidate, runnersUp, score, seededFuzzyCandidates, splitCandidate } from './candidates';
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
const NEAR = 64;
/** A fuzzy match is accepted as `changed` only with this much of the quote and context intact. */
const FUZZY_SIM = 0.75;
const FUZZY_CTX = 0.6;
/** Below this quote similarity a fuzzy match is not even worth reporting as ambiguous. */
const FUZZY_WEAK = 0.5;
/** Edit distance of replacing, inserting or deleting one ordinary word. */
const ONE_WORD = 12;
/** How far from the expected position the whole-text mode looks for an edited quote. */
const FUZZY_RADIUS = 2048;
const FUZZY_RADIUS_WINDOWED = 320;

export interface Scope { from: number; to: number }

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
export function locate(n: NormalizedText, q: Query, scope?: Scope, opts: { seeded?: boolean } = {}): AnchorResult {
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
  const { all, candidates: exact } = exactCandidates(text, q, from, to);
  if (exact.length > 0) return decideExact(n, q, exact, all, from, to, scope !== undefined);

  // 3. Fuzzy: the words were edited.
  const near = nearWindow(q, L, scope);
  let fuzzy = near ? fuzzyAround(text, q, near.from, near.to) : [];
  if (!scope && opts.seeded !== false && !fuzzy.some(acceptable)) fuzzy = fuzzy.concat(seededFuzzyCandidates(text, q));
  return decideFuzzy(n, q, dedupe(fuzzy), near);
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

function acceptable(c: Candidate): boolean {
  // One edited word in its intact context is accepted even when it is most of a short quote.
  return (c.sim >= FUZZY_SIM && c.ctx >= FUZZY_CTX) || (c.errors <= ONE_WORD && c.sim >= FUZZY_WEAK && c.ctx >= CTX_SURE);
}

/** Whether an edited match `alt` is as credible a place for the claim as the exact copy `exact`. */
function rivals(alt: Candidate, exact: Candidate): boolean {
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
  if (alt.ctx < FUZZY_CTX) return false;
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
  if (chosen.ctx < CTX_GOOD) {
    return ambiguous(n, 'exact', [chosen], `${times}, but not in its recorded context`);
  }
  // Unless the words sit where we expected them, in their own context, they may be a copy and
  // the claim's own words may have been edited: look for an edited version at the expected place.
  if (q.expected !== undefined && (chosen.dist > SLACK || chosen.ctx < CTX_SURE)) {
    const near = nearWindow(q, q.quote.length, windowed ? { from, to } : undefined)!;
    const alt = fuzzyAround(n.text, q, near.from, near.to, exact).filter((c) => rivals(c, chosen));
    // Its own words may be there, split by a pasted block: then the exact words are a copy.
    const split = splitCandidate(n.text, q, NEAR);
    if (split && split.sim >= FUZZY_WEAK && split.ctx >= CTX_CLEAR) {
      return ambiguous(n, 'exact', [chosen, split], `${times}, but its own words may be where expected, split by inserted text`);
    }
    // An edited version exactly where the claim should be, in its own context, beats a far copy.
    // Only when its context is clearly better: intact words elsewhere otherwise win or tie.
    const here = alt.find((c) => c.dist <= SLACK && acceptable(c) && c.ctx >= CTX_CLEAR && c.ctx >= chosen.ctx + CTX_TIE && chosen.dist > NEAR);
    if (here) {
      return result(n, 'changed', 'fuzzy', here, 0.5 * here.sim + 0.4 * here.ctx, `edited where expected (${Math.round(here.sim * 100)}% of the quote unchanged); an exact copy ${chosen.dist} characters away has clearly worse context`);
    }
    if (alt.length > 0) {
      return ambiguous(n, 'exact', [chosen, ...alt], `${times}, but an edited version nearer its expected place fits its context as well`);
    }
  }
  const state = chosen.start === q.hint ? 'anchored' : 'moved';
  const reason = state === 'anchored' ? `${times}, at its recorded position` : tied.length > 1 ? `${times}; the nearest with matching context` : `${times} with matching context`;
  return result(n, state, 'exact', chosen, 0.6 + 0.4 * chosen.ctx, reason);
}

function editedHere(n: NormalizedText, q: Query, tied: Candidate[], from: number, to: number, windowed: boolean): AnchorResult | undefined {
  if (q.expected === undefined || tied[0].dist <= 4 * NEAR) return undefined;
  const near = nearWindow(q, q.quote.length, windowed ? { from, to } : undefined)!;
  const c = fuzzyAround(n.text, q, near.from, near.to, tied).filter((f) => f.dist <= SLACK && f.ctx >= CTX_SURE && acceptable(f) && f.sim >= FUZZY_SIM).sort((a, b) => score(b) - score(a))[0];
  if (!c || tied.some((t) => t.ctx > c.ctx)) return undefined;
  return result(n, 'changed', 'fuzzy', c, 0.5 * c.sim + 0.4 * c.ctx, `edited where expected (${Math.round(c.sim * 100)}% of the quote unchanged); ${tied.length} exact copies far away tie with each other`);
}

function decideFuzzy(n: NormalizedText, q: Query, fuzzy: Candidate[], near?: Scope): AnchorResult {
  const plausible = fuzzy.filter((c) => c.sim >= FUZZY_WEAK).sort((a, b) => score(b) - score(a) || a.dist - b.dist);
  if (plausible.length === 0) return { state: 'orphaned', method: 'none', confidence: 0, reason: 'not found, not even approximately' };
  let best = plausible[0];
  if (!acceptable(best)) {
    const pct = Math.round(best.sim * 100);
    return ambiguous(n, 'fuzzy', plausible.slice(0, 5), `best match keeps ${pct}% of the quote${best.ctx < FUZZY_CTX ? ' and its context differs' : ''}: too weak to accept`);
  }
  // The matcher reports only the lowest-error matches; look on both sides for a close second.
  const second = near ? runnersUp(n.text, q, near.from, near.to, best) : [];
  const tied = dedupe(plausible.concat(second)).filter((c) => score(c) >= score(best) - SCORE_TIE).sort((a, b) => a.dist - b.dist || score(b) - score(a));
  if (tied.length > 1) {
    if (!clearlyNearer(tied[0], tied[1])) {
      return ambiguous(n, 'fuzzy', tied, `edited; ${tied.length} places match about equally well`);
    }
    best = tied[0];
    if (!acceptable(best)) return ambiguous(n, 'fuzzy', tied, 'edited; the nearest match is too weak to accept');
  }
  // A better match far from where neighbours say the claim must be, and a plausible one right
  // there: in repetitive text the far one is usually a sibling sentence. Prefer the near one if
  // it is nearly as good, otherwise let a person decide.
  if (best.dist > NEAR) {
    const near = dedupe(plausible.concat(second)).filter((c) => c.dist <= NEAR && c.ctx >= CTX_GOOD).sort((a, b) => score(b) - score(a))[0];
    if (near) {
      if (!acceptable(near) || score(near) < score(best) - 2 * SCORE_TIE) {
        return ambiguous(n, 'fuzzy', [best, near], 'edited; the best match is far from its expected place, a weaker one is right there');
      }
      best = near;
    }
  }
  const pct = Math.round(best.sim * 100);
  return result(n, 'changed', 'fuzzy', best, 0.5 * best.sim + 0.4 * best.ctx, `words edited since they were rated (${pct}% alike)`);
}
