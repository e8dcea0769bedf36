// Bench for Suggest Claims: precision, recall and F1 of the check-worthy class on every labelled
// set of ../shared/corpus/checkworthy that is present (CLEF CheckThat! 2024 Task 1 English) and
// on the hand-labelled news article, next to the published figures; the time to score sentences
// and whole articles; and whether the training script still reproduces the shipped model.
// Run with `npm run bench` (or `npm run bench -- suggestions`). Nothing here is asserted.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { HEURISTIC_SCORER, loadScorer, MODEL_PATH, type Scorer, scoreSentences, suggestClaims } from '../src/core/suggest';
import { CORPUS, f1, loadSet, trainModel } from '../scripts/checkworthinessTraining';

interface Labels { article: string; sentences: Array<{ start: string; checkworthy: boolean }> }

const ROOT = join(__dirname, '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'suggest');

/** The figures (issue 14) and the published ones (each set's SOURCE.md). */
const SETS: ReadonlyArray<{ name: string; use: string; before: number; allYes: number; published: string }> = [
  { name: 'ct24-en-test', use: 'official test: report only, never tuned on', before: 0.425, allYes: 0.410, published: 'fine-tuned RoBERTa-large 0.753, fine-tuned GPT-3.5 0.705, best ≈ 0.80; target ≥ 0.70' },
  { name: 'ct24-en-devtest', use: 'dev-test: threshold and settings', before: 0.522, allYes: 0.507, published: "organisers' baselines: random 0.462, n-gram 0.599; fine-tuned GPT-3.5 0.862" },
  { name: 'claimbuster-groundtruth', use: 'dev: threshold and settings', before: 0.710, allYes: 0.375, published: '—' },
  { name: 'ct24-en-train', use: 'training data (fit, so optimistic)', before: NaN, allYes: NaN, published: '—' },
];

interface Prf { p: number; r: number; f: number }

function prf(scores: number[], ys: number[], threshold: number): Prf {
  let tp = 0, fp = 0, fn = 0;
  scores.forEach((s, i) => {
    if (s >= threshold && ys[i]) tp++;
    else if (s >= threshold) fp++;
    else if (ys[i]) fn++;
  });
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  return { p, r, f: f1(scores, ys, threshold) };
}

const fmt = (x: Prf) => `P ${x.p.toFixed(3)}  R ${x.r.toFixed(3)}  F1 ${x.f.toFixed(3)}`;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

export async function run(log: (line: string) => void): Promise<void> {
  const file = join(ROOT, MODEL_PATH);
  const t0 = performance.now();
  const loaded = await loadScorer(async () => readFileSync(file, 'utf8'), `(${file})`);
  const loadMs = performance.now() - t0;
  if (loaded.problem) log(`suggest: WARNING ${loaded.problem}`);
  const model: Scorer = loaded.scorer;
  log(`suggest: scorer: ${model.description}; threshold ${model.threshold}; model file read and parsed in ${loadMs.toFixed(0)} ms`);
  log(`suggest: machine load (1/5/15 min) ${load()} — timings are noisy under load`);

  // Labelled sets, one sentence a line (as `factmark suggest --each-line`).
  if (!existsSync(CORPUS)) {
    log(`suggest: the check-worthiness corpus is not at ${CORPUS} (../shared/corpus/checkworthy): labelled-set figures skipped`);
  } else {
    log('');
    log('| set | sentences | model (default threshold) | cue heuristic, cues fixed | Factmark before (issue 14) | all "Yes" | published |');
    log('|---|---|---|---|---|---|---|');
    for (const set of SETS) {
      if (!existsSync(join(CORPUS, set.name, 'data.jsonl'))) { log(`| ${set.name} | absent | | | | | |`); continue; }
      const rows = loadSet(set.name);
      const ys = rows.map((r) => r.y);
      const m = prf(rows.map((r) => model.score(r.text).score), ys, model.threshold);
      const h = prf(rows.map((r) => HEURISTIC_SCORER.score(r.text).score), ys, HEURISTIC_SCORER.threshold);
      const num = (x: number) => (Number.isNaN(x) ? '—' : x.toFixed(3));
      log(`| ${set.name} (${set.use}) | ${rows.length} | **${fmt(m)}** | F1 ${h.f.toFixed(3)} | F1 ${num(set.before)} | F1 ${num(set.allYes)} | ${set.published} |`);
    }
  }

  // The news check: the hand-labelled treaty article, split by the editor's splitter.
  const labels = JSON.parse(readFileSync(join(FIXTURES, 'treaty-article.labels.json'), 'utf8')) as Labels;
  const text = readFileSync(join(FIXTURES, labels.article), 'utf8');
  log('');
  for (const scorer of [model, HEURISTIC_SCORER]) {
    const scored = scoreSentences(text, scorer);
    const pairs = labels.sentences.map((l) => ({ l, s: scored.find((x) => x.text.startsWith(l.start)) }));
    const matched = pairs.filter((x) => x.s);
    const r = prf(matched.map((x) => x.s!.score), matched.map((x) => (x.l.checkworthy ? 1 : 0)), scorer.threshold);
    log(`suggest: news check, hand-labelled treaty article (${labels.sentences.length} sentences, ${labels.sentences.length - matched.length} unmatched), ${scorer.kind}: ${fmt(r)}`);
    for (const { l, s } of matched) {
      const suggested = s!.score >= scorer.threshold;
      if (suggested !== l.checkworthy) log(`    ${suggested ? 'false alarm' : 'missed'} (${s!.score}): ${l.start}…`);
    }
  }

  // Speed: scoring sentences, and whole articles as Suggest Claims does (split + score).
  log('');
  const sample = existsSync(join(CORPUS, 'ct24-en-test', 'data.jsonl')) ? loadSet('ct24-en-test').map((r) => r.text) : scoreSentences(text).map((s) => s.text);
  const hundred = Array.from({ length: 100 }, (_, i) => sample[i % sample.length]);
  for (const scorer of [model, HEURISTIC_SCORER]) {
    for (const s of hundred) scorer.score(s); // warm up
    const times: number[] = [];
    for (let round = 0; round < 50; round++) {
      const t = performance.now();
      for (const s of hundred) scorer.score(s);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    log(`suggest: ${scorer.kind}: ${times[times.length >> 1].toFixed(2)} ms per 100 sentences (median of 50; fastest ${times[0].toFixed(2)}, slowest ${times[times.length - 1].toFixed(2)}; target ≤ 5 ms)`);
  }
  const rounds = 100;
  let t = performance.now();
  for (let i = 0; i < rounds; i++) suggestClaims(text, { scorer: model });
  const perArticle = (performance.now() - t) / rounds;
  log(`suggest: Suggest Claims on the treaty article (${text.length.toLocaleString('en')} chars, ${scoreSentences(text).length} sentences): ${perArticle.toFixed(2)} ms (mean of ${rounds})`);
  const long = Array.from({ length: 100 }, () => text).join('\n\n');
  t = performance.now();
  const n = suggestClaims(long, { scorer: model, threshold: 0 }).length;
  log(`suggest: Suggest Claims on 100 copies (${long.length.toLocaleString('en')} chars, ${n} sentences): ${(performance.now() - t).toFixed(1)} ms`);

  // The shipped weights are what the training script writes.
  if (existsSync(join(CORPUS, 'ct24-en-train', 'data.jsonl'))) {
    t = performance.now();
    const same = trainModel().text === readFileSync(file, 'utf8');
    log(`suggest: training script ${same ? 'reproduces' : 'does NOT reproduce'} ${MODEL_PATH} byte for byte (retrained in ${((performance.now() - t) / 1000).toFixed(1)} s)`);
  }
}
