// Re-anchoring on real revisions: claims marked in ../shared/corpus/revisions/<case>/original.txt,
// looked for in revised.txt, scored claim by claim against hand-checked labels
// (bench/revisions/labels.json: offsets and a short hash of each quote and of where it must land,
// never the texts themselves). Factmark is run as `factmark check` sees it — a sidecar written
// against original.txt, the article replaced by revised.txt, no git history — and the Hypothesis
// method on the same claims, side by side.
//   npm run bench -- revisions           the section alone
//   node -r ./test/register.js bench/revisionBench.ts --show [case]   the labels with their words
//   BENCH_VERBOSE=1                      every claim Factmark did not get right, with the reason
import * as fs from 'fs';
import * as path from 'path';
import { captureSelectors } from '../src/core/anchoring/anchor';
import type { AnchorState } from '../src/core/anchoring/types';
import { checkArticle } from '../src/core/check/checkArticle';
import type { Claim } from '../src/core/model';
import { renderNewSidecar } from '../src/core/sidecar/renderNewSidecar';
import { DEFAULT_SCALE } from '../src/core/statusScale';
import { hypothesisAnchor } from './hypothesis';

const ROOT = path.resolve(__dirname, '..');
const CORPUS = path.join(ROOT, '..', 'shared', 'corpus', 'revisions');
const LABELS = path.join(ROOT, 'bench', 'revisions', 'labels.json');

/** [start, end, hash] in original.txt (quote) or revised.txt (target); target null = the words are gone. */
export interface Label {
  id: string;
  kind: string;
  quote: [number, number, string];
  target: [number, number, string] | null;
  /** The words the placed range must cover (default: all of target); the range may not go beyond target. */
  core?: [number, number];
  /** Why the label is as it is, where that is not obvious. */
  note?: string;
}

export interface Case { name: string; original: string; revised: string; labels: Label[] }

export type Verdict = 'correct' | 'flagged' | 'wrong';
export interface Judged { verdict: Verdict; why: string }

/** FNV-1a over UTF-16 units: enough to notice that a text is not the one labelled. */
export function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return h.toString(16).padStart(8, '0');
}

/** The cases whose texts are present and match their labels; `skipped` says why the others are not scored. */
export function loadCases(): { cases: Case[]; skipped: string[] } {
  const all = JSON.parse(fs.readFileSync(LABELS, 'utf8')) as { cases: Record<string, { claims: Label[] }> };
  const cases: Case[] = [];
  const skipped: string[] = [];
  for (const [name, { claims }] of Object.entries(all.cases)) {
    const dir = path.join(CORPUS, name);
    let original: string, revised: string;
    try {
      original = fs.readFileSync(path.join(dir, 'original.txt'), 'utf8');
      revised = fs.readFileSync(path.join(dir, 'revised.txt'), 'utf8');
    } catch {
      skipped.push(`${name}: ${path.relative(ROOT, dir)} not found`);
      continue;
    }
    const bad = claims.filter((c) => shortHash(original.slice(c.quote[0], c.quote[1])) !== c.quote[2] || (c.target && shortHash(revised.slice(c.target[0], c.target[1])) !== c.target[2]));
    if (bad.length) { skipped.push(`${name}: the texts differ from the labelled ones (${bad.map((b) => b.id).join(', ')})`); continue; }
    cases.push({ name, original, revised, labels: claims });
  }
  return { cases, skipped };
}

// ---- scoring -----------------------------------------------------------------------------------

const WORD = /[\p{L}\p{N}_]/u;
const isWord = (t: string, i: number) => i >= 0 && i < t.length && (WORD.test(t[i]) || (/['’]/.test(t[i]) && WORD.test(t[i - 1] ?? '') && WORD.test(t[i + 1] ?? '')));

interface Words { starts: number[]; ends: number[] }

export function words(text: string): Words {
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < text.length;) {
    if (!isWord(text, i)) { i++; continue; }
    const s = i;
    while (isWord(text, i)) i++;
    starts.push(s);
    ends.push(i);
  }
  return { starts, ends };
}

/** Indices of the words that [start, end) touches. */
function touched(w: Words, start: number, end: number): [number, number] {
  let a = 0;
  while (a < w.ends.length && w.ends[a] <= start) a++;
  let b = a;
  while (b < w.starts.length && w.starts[b] < end) b++;
  return [a, b];
}

/** Whether a placed range starts or ends inside a word. */
export function cutsWord(text: string, start: number, end: number): boolean {
  return (isWord(text, start - 1) && isWord(text, start)) || (isWord(text, end - 1) && isWord(text, end));
}

/**
 * correct: placed on the labelled words (covering every word of `core`, none outside `target`,
 * starting and ending on word boundaries), or orphaned when the words are gone;
 * flagged: ambiguous, or orphaned while the words exist; wrong: placed otherwise, silently.
 */
export function judge(text: string, w: Words, r: { state: AnchorState; start?: number; end?: number }, label: Label): Judged {
  const placed = r.state === 'anchored' || r.state === 'moved' || r.state === 'changed';
  if (!placed) {
    if (!label.target) return r.state === 'orphaned' ? { verdict: 'correct', why: 'orphaned: its words are gone' } : { verdict: 'flagged', why: 'ambiguous, its words are gone' };
    return { verdict: 'flagged', why: `${r.state} while its words exist` };
  }
  if (!label.target) return { verdict: 'wrong', why: 'placed, but its words are gone' };
  const s = r.start!, e = r.end!;
  if (cutsWord(text, s, e)) return { verdict: 'wrong', why: 'the range cuts a word' };
  const [ps, pe] = touched(w, s, e);
  const [ts, te] = touched(w, label.target[0], label.target[1]);
  const [cs, ce] = label.core ? touched(w, label.core[0], label.core[1]) : [ts, te];
  if (ps <= cs && pe >= ce && ps >= ts && pe <= te) return { verdict: 'correct', why: '' };
  if (pe <= ts || ps >= te) return { verdict: 'wrong', why: 'on other words' };
  return { verdict: 'wrong', why: pe < ce || ps > cs ? 'misses some of its words' : 'takes in words that are not its own' };
}

/** Looser: on the right passage (at least half of the words in common), edges aside. */
export function onPassage(w: Words, r: { state: AnchorState; start?: number; end?: number }, label: Label): boolean {
  const placed = r.state === 'anchored' || r.state === 'moved' || r.state === 'changed';
  if (!placed || !label.target) return !placed && !label.target && r.state === 'orphaned';
  const [ps, pe] = touched(w, r.start!, r.end!);
  const [ts, te] = touched(w, label.target[0], label.target[1]);
  return Math.min(pe, te) - Math.max(ps, ts) >= 0.5 * Math.max(pe - ps, te - ts);
}

// ---- the two methods -----------------------------------------------------------------------------

export interface Outcome { state: AnchorState; start?: number; end?: number; reason?: string }

/** Factmark as `factmark check` sees it: the sidecar written against original.txt, the article now revised.txt, no history. */
export function factmarkCheck(c: Case): Outcome[] {
  const sels = captureSelectors(c.original, c.labels.map((l) => ({ start: l.quote[0], end: l.quote[1] })));
  const claims: Claim[] = sels.map((s, i) => ({ id: `c${String(i).padStart(3, '0')}`, ...s, status: DEFAULT_SCALE.initial, sources: [] }));
  const sidecarSource = renderNewSidecar({ factmark: 1, article: 'article.txt', claims });
  const report = checkArticle({ article: 'article.txt', sidecar: 'article.txt.claims.yaml', articleText: c.revised, sidecarSource }, DEFAULT_SCALE, { requireSources: false, failOn: new Set() });
  if (report.problems.some((p) => p.severity === 'error')) throw new Error(`${c.name}: ${report.problems.map((p) => p.message).join('; ')}`);
  return report.claims.map((r) => ({ state: r.state, start: r.range?.start, end: r.range?.end, reason: r.reason }));
}

export function hypothesis(c: Case): Outcome[] {
  const sels = captureSelectors(c.original, c.labels.map((l) => ({ start: l.quote[0], end: l.quote[1] })));
  return sels.map((s) => hypothesisAnchor(c.revised, s));
}

// ---- the run -------------------------------------------------------------------------------------

interface Tally { correct: number; flagged: number; wrong: number }
const empty = (): Tally => ({ correct: 0, flagged: 0, wrong: 0 });
const add = (t: Tally, v: Verdict) => { t[v]++; };
const cell = (t: Tally) => `${String(t.correct).padStart(4)} ${String(t.flagged).padStart(4)} ${String(t.wrong).padStart(4)}`;
const oneLine = (s: string, n = 70) => { const x = s.replace(/\s+/g, ' '); return x.length > n ? x.slice(0, n - 1) + '…' : x; };

export async function run(log: (line: string) => void): Promise<void> {
  const { cases, skipped } = loadCases();
  log(`real revision pairs from ${path.relative(ROOT, CORPUS)} (third-party texts, read in place; labels: ${path.relative(ROOT, LABELS)})`);
  for (const s of skipped) log(`  skipped ${s}`);
  if (!cases.length) { log('  no case to score: the corpus is not there (it lives beside the repository, in ../shared)'); return; }
  const totals = { fm: empty(), hyp: empty() };
  const loose = { fm: 0, hyp: 0 };
  const byKind = new Map<string, { fm: Tally; hyp: Tally; n: number }>();
  const misses: string[] = [];
  const reasons = new Map<string, number>();
  log('');
  log(`  ${'case'.padEnd(22)} claims   Factmark check     Hypothesis`);
  log(`  ${''.padEnd(22)}         ok flag wrong      ok flag wrong`);
  for (const c of cases) {
    const w = words(c.revised);
    const fm = factmarkCheck(c);
    const hyp = hypothesis(c);
    const t = { fm: empty(), hyp: empty() };
    c.labels.forEach((l, i) => {
      const a = judge(c.revised, w, fm[i], l);
      const b = judge(c.revised, w, hyp[i], l);
      add(t.fm, a.verdict); add(t.hyp, b.verdict);
      add(totals.fm, a.verdict); add(totals.hyp, b.verdict);
      if (onPassage(w, fm[i], l)) loose.fm++;
      if (onPassage(w, hyp[i], l)) loose.hyp++;
      const k = byKind.get(l.kind) ?? { fm: empty(), hyp: empty(), n: 0 };
      add(k.fm, a.verdict); add(k.hyp, b.verdict); k.n++;
      byKind.set(l.kind, k);
      if (a.verdict !== 'correct') {
        const key = `${a.verdict}: ${a.why}`;
        reasons.set(key, (reasons.get(key) ?? 0) + 1);
        const r = fm[i];
        const at = r.start !== undefined ? ` [${r.start},${r.end}) “${oneLine(c.revised.slice(r.start, r.end), 50)}”` : '';
        const want = l.target ? `“${oneLine(c.revised.slice(l.target[0], l.target[1]), 50)}”` : 'gone';
        misses.push(`  ${a.verdict.padEnd(7)} ${l.id} (${l.kind}) ${r.state}${at}: ${a.why}; want ${want}; quote “${oneLine(c.original.slice(l.quote[0], l.quote[1]), 50)}” — ${r.reason}`);
      }
    });
    log(`  ${c.name.padEnd(22)} ${String(c.labels.length).padStart(6)}  ${cell(t.fm)}     ${cell(t.hyp)}`);
  }
  const n = totals.fm.correct + totals.fm.flagged + totals.fm.wrong;
  log(`  ${'all'.padEnd(22)} ${String(n).padStart(6)}  ${cell(totals.fm)}     ${cell(totals.hyp)}`);
  log(`  ${'on the right passage'.padEnd(22)} ${''.padStart(6)}  ${String(loose.fm).padStart(4)}${''.padStart(15)}${String(loose.hyp).padStart(4)}   (at least half its words, edges aside; orphaned when gone)`);
  log(`  targets: correct >= Hypothesis' correct (${totals.hyp.correct}), wrong 0; Factmark: ${totals.fm.correct >= totals.hyp.correct ? 'met' : 'NOT met'} on correct, ${totals.fm.wrong === 0 ? 'met' : 'NOT met'} on wrong`);
  log('');
  log('  by kind of claim (Factmark | Hypothesis):');
  for (const [k, v] of [...byKind].sort((a, b) => a[0].localeCompare(b[0]))) log(`    ${k.padEnd(13)} ${String(v.n).padStart(3)}  ${cell(v.fm)}   | ${cell(v.hyp)}`);
  if (reasons.size) {
    log('  Factmark, not correct, by reason:');
    for (const [k, v] of [...reasons].sort((a, b) => b[1] - a[1])) log(`    ${String(v).padStart(3)}  ${k}`);
  }
  const shown = process.env.BENCH_VERBOSE ? misses : misses.filter((m) => m.trimStart().startsWith('wrong'));
  if (shown.length) {
    log(process.env.BENCH_VERBOSE ? '  Factmark, every claim not correct:' : '  Factmark, wrong (BENCH_VERBOSE=1 lists the flagged too):');
    for (const m of shown) log(m);
  }
}

/** `--show [case]`: every label with its words, to check by eye. */
function show(only?: string): void {
  const { cases, skipped } = loadCases();
  for (const s of skipped) console.log(`skipped ${s}`);
  for (const c of cases) {
    if (only && !c.name.includes(only)) continue;
    console.log(`\n## ${c.name}`);
    for (const l of c.labels) {
      const q = c.original.slice(l.quote[0], l.quote[1]);
      const t = l.target ? c.revised.slice(l.target[0], l.target[1]) : null;
      const core = l.core ? ` (core “${c.revised.slice(l.core[0], l.core[1])}”)` : '';
      console.log(`${l.id} ${l.kind}\n   “${q}”\n-> ${t === null ? 'gone' : t === q ? '(same words)' : `“${t}”`}${core}`);
    }
  }
}

if (require.main === module && process.argv.includes('--show')) show(process.argv[process.argv.indexOf('--show') + 1]);
