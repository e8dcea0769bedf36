// The training of the check-worthiness model that ships in models/checkworthiness.json (the
// command is train-checkworthiness.ts beside this file): an L2-regularised
// logistic regression over the features of src/core/suggest/features.ts (the same code the
// scorer runs), fitted by L-BFGS on CLEF CheckThat! 2024 Task 1 English `ct24-en-train`.
// The threshold is chosen on the two development sets (`claimbuster-groundtruth`,
// `ct24-en-devtest`); `ct24-en-test` is never read here.
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
  lambda: 1e-5,
  positiveWeight: 2,
};

export interface TrainSettings {
  features: FeatureSettings;
  /** Features seen in fewer training sentences than this are left out. */
  minCount: number;
  /** L2 penalty on the mean log-loss. */
  lambda: number;
  /** Weight of a check-worthy sentence in the loss (the classes are 24 % / 76 %). */
  positiveWeight: number;
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

interface Matrix { idx: Int32Array[]; val: Float64Array[]; y: Float64Array }

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
      const c = y ? s.positiveWeight : 1;
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

const DEV_SETS = ['claimbuster-groundtruth', 'ct24-en-devtest'] as const;

/** Trains with `settings` and returns the model file's text (what ships). */
export function trainModel(settings: TrainSettings = CHOSEN, corpus = CORPUS): { text: string; model: ModelFile } {
  const train = loadSet('ct24-en-train', corpus);
  const feats = featurise(train, settings.features);
  const names = vocabulary(feats, settings.minCount);
  const columns = new Map(names.map((k, j) => [k, j]));
  const fitted = fit(matrix(feats, train, columns), names.length, settings);

  const weights: Record<string, number> = {};
  names.forEach((k, j) => {
    const w = round(fitted.w[j]);
    if (Math.abs(w) >= PRUNE) weights[k] = w;
  });
  const bias = round(fitted.b);
  // The threshold is chosen for the model as shipped (rounded and pruned), on the dev sets.
  const shipped: Linear = { w: Float64Array.from(names, (k) => weights[k] ?? 0), b: bias };
  const dev = DEV_SETS.map((name) => {
    const rows = loadSet(name, corpus);
    const d = matrix(featurise(rows, settings.features), rows, columns);
    return { p: predict(d, shipped), y: d.y };
  });
  const { threshold } = chooseThreshold(dev);

  const model: ModelFile = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    source: 'Trained by scripts/train-checkworthiness.ts on CLEF CheckThat! 2024 Task 1 English ct24-en-train (22,500 sentences of US political debates and speeches; labels from the isyufeng/FactFinders copy, MIT), threshold chosen on claimbuster-groundtruth and ct24-en-devtest. See models/SOURCE.md.',
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
  return { text, model };
}

function round(x: number): number {
  const r = Math.round(x * 10 ** DECIMALS) / 10 ** DECIMALS;
  return Object.is(r, -0) ? 0 : r;
}

/** `--search`: every setting of the grid, scored by 3-fold CV on train and by the two dev sets at one shared threshold. */
export function search(log: (line: string) => void): void {
  const train = loadSet('ct24-en-train');
  const dev = DEV_SETS.map((name) => ({ name, rows: loadSet(name) }));
  const featureSets: Array<[string, FeatureSettings]> = [
    ['words+pairs', { words: true, bigrams: true, chars: [], cues: false, length: false }],
    ['words+pairs+cues+length', { words: true, bigrams: true, chars: [], cues: true, length: true }],
  ];
  if (process.argv.includes('--chars')) featureSets.push(['words+pairs+letters3-5+cues+length', { words: true, bigrams: true, chars: [3, 5], cues: true, length: true }]);
  const FOLDS = 3;
  log('features | min count | λ | positive weight | CV F1 | claimbuster F1 | devtest F1 | mean | threshold');
  for (const [label, features] of featureSets) {
    const feats = featurise(train, features);
    const devFeats = dev.map((d) => featurise(d.rows, features));
    for (const minCount of [3]) {
      const names = vocabulary(feats, minCount);
      const columns = new Map(names.map((k, j) => [k, j]));
      const all = matrix(feats, train, columns);
      const devM = dev.map((d, i) => matrix(devFeats[i], d.rows, columns));
      for (const lambda of [1e-5, 3e-5, 1e-4]) {
        for (const positiveWeight of [2, 3]) {
          const s: TrainSettings = { features, minCount, lambda, positiveWeight };
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
}

