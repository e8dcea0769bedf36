// The training of the check-worthiness model that ships in models/checkworthiness.json (the
// command is train-checkworthiness.ts beside this file): an L2-regularised
// logistic regression over the features of src/core/suggest/features.ts (the same code the
// scorer runs), fitted by L-BFGS on CLEF CheckThat! 2024 Task 1 English `ct24-en-train` plus
// the two development sets (`claimbuster-groundtruth`, `ct24-en-devtest`, the latter weighted
// up: it is the only split from the 2020 debates). Every setting was chosen before that refit,
// on held-out data (`--search`): cross-validation on train, the development sets scored by a
// model trained without them. The threshold is chosen on held-out predictions of the same
// recipe: each development set (ct24-en-devtest in two halves) scored by a model fitted on all
// the rest. `ct24-en-test` is never read here.
//
// Deterministic: no randomness (folds are by position), a fixed iteration budget, sorted
// features, weights rounded to 4 decimals — the same inputs give the same bytes.
import * as fs from 'fs';
import * as path from 'path';
import { findCues } from '../src/core/suggest/cues';
import { type FeatureSettings, visitFeatures } from '../src/core/suggest/features';
import { MODEL_FORMAT, MODEL_PATH, MODEL_VERSION, type ModelFile } from '../src/core/suggest/model';

export const CORPUS = path.join(__dirname, '..', '..', 'shared', 'corpus', 'checkworthy');
export const SHIPPED = path.join(__dirname, '..', MODEL_PATH);

/** The settings the shipped model is trained with, chosen by `--search` (see the README, "How good are the suggestions"). */
export const CHOSEN: TrainSettings = {
  features: { words: true, bigrams: true, chars: [], cues: true, length: true },
  minCount: 3,
  lambda: 1e-4,
  positiveWeight: 2,
  devWeights: { 'claimbuster-groundtruth': 1, 'ct24-en-devtest': 10 },
};

export interface TrainSettings {
  features: FeatureSettings;
  /** Features seen in fewer training sentences than this are left out. */
  minCount: number;
  /** L2 penalty on the mean log-loss. */
  lambda: number;
  /** Weight of a check-worthy sentence in the loss (the classes are 24 % / 76 %). */
  positiveWeight: number;
  /** Weight in the loss of each development set's sentences when the shipped model is refitted on them (0: left out). */
  devWeights: Readonly<Record<DevSet, number>>;
}

const ITERATIONS = 300;
/** Weights are rounded to this many decimals, and those that round to less than PRUNE are left out. */
const DECIMALS = 4;
const PRUNE = 0.002;

export interface Row { text: string; y: 0 | 1 }

export function loadSet(name: string, corpus = CORPUS): Row[] {
  const file = path.join(corpus, name, 'data.jsonl');
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l, i) => {
    const r = JSON.parse(l) as { text?: unknown; label?: unknown };
    if (typeof r.text !== 'string' || (r.label !== 'Yes' && r.label !== 'No')) throw new Error(`${file}:${i + 1}: expected {"text", "label": "Yes"|"No"}`);
    return { text: r.text, y: r.label === 'Yes' ? 1 : 0 };
  });
}

type Features = Array<Map<string, number>>;

function featurise(rows: readonly Row[], settings: FeatureSettings): Features {
  return rows.map((r) => {
    const m = new Map<string, number>();
    visitFeatures(r.text, findCues(r.text), settings, (name, value) => m.set(name, value));
    return m;
  });
}

/** Feature name → column, sorted by name, for features in at least `minCount` sentences. */
function vocabulary(feats: Features, minCount: number): string[] {
  const df = new Map<string, number>();
  for (const f of feats) for (const k of f.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  return [...df].filter(([, n]) => n >= minCount).map(([k]) => k).sort();
}

/** Sparse rows, their labels, and (when not all 1) each row's weight in the loss. */
interface Matrix { idx: Int32Array[]; val: Float64Array[]; y: Float64Array; c?: Float64Array }

function matrix(feats: Features, rows: readonly Row[], columns: Map<string, number>): Matrix {
  const idx: Int32Array[] = [];
  const val: Float64Array[] = [];
  for (const f of feats) {
    const is: number[] = [];
    const vs: number[] = [];
    for (const [k, x] of f) {
      const j = columns.get(k);
      if (j !== undefined) { is.push(j); vs.push(x); }
    }
    idx.push(Int32Array.from(is));
    val.push(Float64Array.from(vs));
  }
  return { idx, val, y: Float64Array.from(rows.map((r) => r.y)) };
}

function subset(m: Matrix, keep: (i: number) => boolean): Matrix {
  const out: Matrix = { idx: [], val: [], y: new Float64Array(0) };
  const ys: number[] = [];
  for (let i = 0; i < m.y.length; i++) if (keep(i)) { out.idx.push(m.idx[i]); out.val.push(m.val[i]); ys.push(m.y[i]); }
  out.y = Float64Array.from(ys);
  return out;
}

/** One labelled part of a training set: its rows, their features, and their weight in the loss. */
interface Part { rows: readonly Row[]; feats: Features; weight: number }

/** The parts' rows, one after the other, as one weighted matrix. */
function stack(parts: readonly Part[], columns: Map<string, number>): Matrix {
  const ms = parts.map((p) => matrix(p.feats, p.rows, columns));
  const c = Float64Array.from(parts.flatMap((p) => p.rows.map(() => p.weight)));
  return {
    idx: ms.flatMap((m) => m.idx),
    val: ms.flatMap((m) => m.val),
    y: Float64Array.from(ms.flatMap((m) => [...m.y])),
    c: c.every((x) => x === 1) ? undefined : c,
  };
}

interface Linear { w: Float64Array; b: number }

/** Minimises the class-weighted mean log-loss + λ/2·|w|² (the bias is not penalised). */
function fit(d: Matrix, dim: number, s: TrainSettings): Linear {
  const n = d.y.length;
  const objective = (x: Float64Array, g: Float64Array): number => {
    g.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const ix = d.idx[i];
      const vx = d.val[i];
      let z = x[dim];
      for (let k = 0; k < ix.length; k++) z += x[ix[k]] * vx[k];
      const y = d.y[i];
      const c = (y ? s.positiveWeight : 1) * (d.c ? d.c[i] : 1);
      const margin = y ? z : -z;
      loss += c * (margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin)));
      const r = (c * (1 / (1 + Math.exp(-z)) - y)) / n;
      for (let k = 0; k < ix.length; k++) g[ix[k]] += r * vx[k];
      g[dim] += r;
    }
    loss /= n;
    for (let j = 0; j < dim; j++) {
      loss += 0.5 * s.lambda * x[j] * x[j];
      g[j] += s.lambda * x[j];
    }
    return loss;
  };
  const x = new Float64Array(dim + 1);
  lbfgs(objective, x, ITERATIONS);
  return { w: x.subarray(0, dim), b: x[dim] };
}

/** Limited-memory BFGS with a backtracking (Armijo) line search; stops on a relative change below 1e-10. */
function lbfgs(f: (x: Float64Array, g: Float64Array) => number, x: Float64Array, iterations: number, memory = 10): void {
  const P = x.length;
  const dot = (a: Float64Array, b: Float64Array) => { let t = 0; for (let i = 0; i < P; i++) t += a[i] * b[i]; return t; };
  let g = new Float64Array(P);
  let fx = f(x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  for (let it = 0; it < iterations; it++) {
    const q = Float64Array.from(g);
    const alpha: number[] = [];
    for (let k = S.length - 1; k >= 0; k--) {
      alpha[k] = rho[k] * dot(S[k], q);
      for (let i = 0; i < P; i++) q[i] -= alpha[k] * Y[k][i];
    }
    if (S.length) {
      const k = S.length - 1;
      const gamma = dot(S[k], Y[k]) / dot(Y[k], Y[k]);
      for (let i = 0; i < P; i++) q[i] *= gamma;
    }
    for (let k = 0; k < S.length; k++) {
      const beta = rho[k] * dot(Y[k], q);
      for (let i = 0; i < P; i++) q[i] += S[k][i] * (alpha[k] - beta);
    }
    const slope = -dot(g, q); // along the direction −q
    if (!(slope < 0)) { S.length = 0; Y.length = 0; rho.length = 0; if (it > 0) continue; break; }
    let step = it === 0 ? 1 / Math.sqrt(dot(g, g)) : 1;
    const xn = new Float64Array(P);
    const gn = new Float64Array(P);
    let fn = fx;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < P; i++) xn[i] = x[i] - step * q[i];
      fn = f(xn, gn);
      if (fn <= fx + 1e-4 * step * slope) break;
      step /= 2;
    }
    const s = new Float64Array(P);
    const y = new Float64Array(P);
    for (let i = 0; i < P; i++) { s[i] = xn[i] - x[i]; y[i] = gn[i] - g[i]; }
    const sy = dot(s, y);
    x.set(xn);
    g = gn;
    const converged = Math.abs(fx - fn) <= 1e-10 * Math.max(1, Math.abs(fx));
    fx = fn;
    if (sy > 1e-12) {
      S.push(s); Y.push(y); rho.push(1 / sy);
      if (S.length > memory) { S.shift(); Y.shift(); rho.shift(); }
    }
    if (converged) break;
  }
}

function predict(d: Matrix, m: Linear): Float64Array {
  const p = new Float64Array(d.y.length);
  for (let i = 0; i < p.length; i++) {
    let z = m.b;
    const ix = d.idx[i];
    const vx = d.val[i];
    for (let k = 0; k < ix.length; k++) z += m.w[ix[k]] * vx[k];
    p[i] = 1 / (1 + Math.exp(-z));
  }
  return p;
}

export function f1(p: ArrayLike<number>, y: ArrayLike<number>, threshold: number): number {
  let tp = 0, fp = 0, fn = 0;
  for (let i = 0; i < p.length; i++) {
    const suggested = p[i] >= threshold;
    if (suggested && y[i]) tp++;
    else if (suggested) fp++;
    else if (y[i]) fn++;
  }
  return tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
}

/** The threshold (0.05…0.95 by 0.01) with the best mean F1 over the sets; the lowest such on a tie. */
export function chooseThreshold(sets: ReadonlyArray<{ p: ArrayLike<number>; y: ArrayLike<number> }>): { threshold: number; meanF1: number } {
  let best = { threshold: 0.5, meanF1: -1 };
  for (let k = 5; k <= 95; k++) {
    const t = k / 100;
    const mean = sets.reduce((a, s) => a + f1(s.p, s.y, t), 0) / sets.length;
    if (mean > best.meanF1 + 1e-12) best = { threshold: t, meanF1: mean };
  }
  return best;
}

export const DEV_SETS = ['claimbuster-groundtruth', 'ct24-en-devtest'] as const;
export type DevSet = typeof DEV_SETS[number];

interface Fitted { names: string[]; columns: Map<string, number>; weights: Record<string, number>; bias: number; linear: Linear }

/** Fits the parts together, over the features seen in at least `minCount` of their sentences, and rounds and prunes the weights as they ship. */
function fitParts(parts: readonly Part[], settings: TrainSettings): Fitted {
  const names = vocabulary(parts.flatMap((p) => p.feats), settings.minCount);
  const columns = new Map(names.map((k, j) => [k, j]));
  const fitted = fit(stack(parts, columns), names.length, settings);
  const weights: Record<string, number> = {};
  names.forEach((k, j) => {
    const w = round(fitted.w[j]);
    if (Math.abs(w) >= PRUNE) weights[k] = w;
  });
  const bias = round(fitted.b);
  return { names, columns, weights, bias, linear: { w: Float64Array.from(names, (k) => weights[k] ?? 0), b: bias } };
}

/** A development set's sentences, each scored by a model that did not see it. */
export interface HeldOut { name: DevSet; p: Float64Array; y: Float64Array }

const used = (ps: readonly Part[]) => ps.filter((p) => p.weight > 0);

/**
 * Each development set scored by the recipe fitted on all the rest (train and the other
 * development data, at their weights); ct24-en-devtest in two halves by position (the debates
 * are contiguous), each scored by a fit that saw the other half.
 */
function heldOutScores(train: Part, dev: readonly Part[], settings: TrainSettings): HeldOut[] {
  const pieces = dev.flatMap((d, k) => {
    if (DEV_SETS[k] !== 'ct24-en-devtest') return [{ set: k, part: d }];
    const half = Math.floor(d.rows.length / 2);
    return [0, 1].map((h) => {
      const keep = (_: unknown, i: number) => (i < half) === (h === 0);
      return { set: k, part: { rows: d.rows.filter(keep), feats: d.feats.filter(keep), weight: d.weight } };
    });
  });
  const heldOut: HeldOut[] = DEV_SETS.map((name) => ({ name, p: new Float64Array(0), y: new Float64Array(0) }));
  for (const piece of pieces) {
    const rest = [train, ...dev.filter((_, k) => k !== piece.set), ...pieces.filter((q) => q.set === piece.set && q !== piece).map((q) => q.part)];
    const m = fitParts(used(rest), settings);
    const d = matrix(piece.part.feats, piece.part.rows, m.columns);
    const h = heldOut[piece.set];
    h.p = Float64Array.from([...h.p, ...predict(d, m.linear)]);
    h.y = Float64Array.from([...h.y, ...d.y]);
  }
  return heldOut;
}

/**
 * Trains with `settings` and returns the model file's text (what ships), and the held-out
 * scores its threshold was chosen on — fair figures for the development sets, which the
 * shipped model itself was fitted on.
 */
export function trainModel(settings: TrainSettings = CHOSEN, corpus = CORPUS): { text: string; model: ModelFile; heldOut: HeldOut[] } {
  const part = (rows: readonly Row[], weight: number): Part => ({ rows, feats: featurise(rows, settings.features), weight });
  const train = part(loadSet('ct24-en-train', corpus), 1);
  const dev = DEV_SETS.map((name) => part(loadSet(name, corpus), settings.devWeights[name]));
  const heldOut = heldOutScores(train, dev, settings);
  const { threshold } = chooseThreshold(heldOut);

  const { weights, bias } = fitParts(used([train, ...dev]), settings);
  const refit = DEV_SETS.filter((name) => settings.devWeights[name] > 0).map((name) => `${name} (weight ${settings.devWeights[name]})`).join(' and ');
  const model: ModelFile = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    source: `Trained by scripts/train-checkworthiness.ts on CLEF CheckThat! 2024 Task 1 English ct24-en-train (22,500 sentences of US political debates and speeches; labels from the isyufeng/FactFinders copy, MIT)${refit ? ` and the development splits ${refit}, after every setting was chosen on held-out data` : ''}; threshold chosen on held-out scores of claimbuster-groundtruth and ct24-en-devtest. ct24-en-test was never used. See models/SOURCE.md.`,
    licence: 'MIT (the training data: MIT, see models/SOURCE.md; these weights: MIT, as Factmark)',
    features: settings.features,
    threshold,
    bias,
    weights,
  };
  // One weight a line: readable diffs when the model is retrained.
  const body = Object.entries(weights).map(([k, w]) => `    ${JSON.stringify(k)}: ${w}`).join(',\n');
  const head = JSON.stringify({ ...model, weights: undefined }, null, 2).replace(/\n}$/, '');
  const text = `${head},\n  "weights": {\n${body}\n  }\n}\n`;
  return { text, model, heldOut };
}

function round(x: number): number {
  const r = Math.round(x * 10 ** DECIMALS) / 10 ** DECIMALS;
  return Object.is(r, -0) ? 0 : r;
}

/**
 * `--search`: first every setting of the grid, fitted on train alone, scored by 3-fold CV on
 * train and by the two development sets at one shared threshold; then, at the chosen penalty
 * and class weight, the weight of ct24-en-devtest in the refit, scored on held-out halves of
 * ct24-en-devtest (as trainModel chooses its threshold). ct24-en-test is not read.
 */
export function search(log: (line: string) => void): void {
  const train = loadSet('ct24-en-train');
  const dev = DEV_SETS.map((name) => ({ name, rows: loadSet(name) }));
  const featureSets: Array<[string, FeatureSettings]> = [
    ['words+pairs', { words: true, bigrams: true, chars: [], cues: false, length: false }],
    ['words+pairs+cues+length', { words: true, bigrams: true, chars: [], cues: true, length: true }],
  ];
  if (process.argv.includes('--chars')) featureSets.push(['words+pairs+letters3-5+cues+length', { words: true, bigrams: true, chars: [3, 5], cues: true, length: true }]);
  const FOLDS = 3;
  const trainOnly = { 'claimbuster-groundtruth': 0, 'ct24-en-devtest': 0 };
  log('features | min count | λ | positive weight | CV F1 | claimbuster F1 | devtest F1 | mean | threshold');
  for (const [label, features] of featureSets) {
    const feats = featurise(train, features);
    const devFeats = dev.map((d) => featurise(d.rows, features));
    for (const minCount of [3]) {
      const names = vocabulary(feats, minCount);
      const columns = new Map(names.map((k, j) => [k, j]));
      const all = matrix(feats, train, columns);
      const devM = dev.map((d, i) => matrix(devFeats[i], d.rows, columns));
      for (const lambda of [1e-5, 3e-5, 1e-4, 3e-4]) {
        for (const positiveWeight of [2, 3]) {
          const s: TrainSettings = { features, minCount, lambda, positiveWeight, devWeights: trainOnly };
          // Out-of-fold predictions (the vocabulary is the full train's: a small optimism, the same for every setting).
          const oof = new Float64Array(train.length);
          for (let k = 0; k < FOLDS; k++) {
            const m = fit(subset(all, (i) => i % FOLDS !== k), names.length, s);
            const held = subset(all, (i) => i % FOLDS === k);
            const p = predict(held, m);
            let n = 0;
            for (let i = k; i < train.length; i += FOLDS) oof[i] = p[n++];
          }
          const m = fit(all, names.length, s);
          const sets = [{ p: oof, y: all.y }, ...devM.map((d) => ({ p: predict(d, m), y: d.y }))];
          const { threshold, meanF1 } = chooseThreshold(sets);
          const [cv, cb, dt] = sets.map((x) => f1(x.p, x.y, threshold).toFixed(3));
          log(`${label} | ${minCount} | ${lambda} | ${positiveWeight} | ${cv} | ${cb} | ${dt} | ${meanF1.toFixed(3)} | ${threshold.toFixed(2)}`);
        }
      }
    }
  }
  log('');
  log(`refit on train + claimbuster-groundtruth + ct24-en-devtest at λ ${CHOSEN.lambda}, positive weight ${CHOSEN.positiveWeight}: F1 of held-out halves of ct24-en-devtest`);
  log('devtest weight | devtest F1 (own best threshold) | at the threshold chosen on both held-out sets | threshold');
  const part = (rows: readonly Row[], weight: number): Part => ({ rows, feats: featurise(rows, CHOSEN.features), weight });
  const trainPart = part(train, 1);
  for (const w of [0, 1, 3, 10, 30]) {
    const s: TrainSettings = { ...CHOSEN, devWeights: { 'claimbuster-groundtruth': 1, 'ct24-en-devtest': w } };
    const held = heldOutScores(trainPart, dev.map((d) => part(d.rows, s.devWeights[d.name])), s);
    const dt = held.find((h) => h.name === 'ct24-en-devtest')!;
    const own = chooseThreshold([dt]);
    const both = chooseThreshold(held);
    log(`${w} | ${own.meanF1.toFixed(3)} (${own.threshold.toFixed(2)}) | ${f1(dt.p, dt.y, both.threshold).toFixed(3)} | ${both.threshold.toFixed(2)}`);
  }
}
