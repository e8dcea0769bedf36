// The trained check-worthiness model: a logistic regression over the features of features.ts,
// read from the JSON file that ships with the extension (models/checkworthiness.json, written
// by scripts/train-checkworthiness.ts). Reading it is injected — the extension reads through
// vscode.workspace.fs, the CLI through fs — so this module stays pure. A file that is missing
// or damaged never breaks Suggest Claims: loadScorer says what is wrong and falls back to the
// plain cue heuristic.

import { type CueKind, findCues } from './cues';
import { describeFeature, type FeatureSettings, featureWords, lengthFeature, visitFeatures } from './features';
import { type FeatureWeight, HEURISTIC_SCORER, roundScore, type Scorer, type SentenceScore, sigmoid } from './scorer';
import { type GramHits, MAX_TABLE_WORDS, WeightTable } from './weightTable';

export const MODEL_FORMAT = 'factmark-checkworthiness';
export const MODEL_VERSION = 1;
/** Where the model lives, relative to the extension's (or the CLI package's) root. */
export const MODEL_PATH = 'models/checkworthiness.json';

/** The model file, as written by the training script. */
export interface ModelFile {
  format: typeof MODEL_FORMAT;
  version: number;
  /** What it was trained on, its licence, how it was made (free text, shown nowhere but the file). */
  source: string;
  licence: string;
  features: FeatureSettings;
  /** The threshold chosen on the development sets. */
  threshold: number;
  bias: number;
  weights: Record<string, number>;
}

export class ModelError extends Error {}

/** The features an explanation names: words (w:), word pairs (b:) and letter sequences (c:). */
function explainedByWords(name: string): boolean {
  const k = name.charCodeAt(0);
  return k === 0x77 || k === 0x62 || k === 0x63;
}
/** How many strongest features an explanation names. */
const SHOWN_FEATURES = 3;

/** Parses and checks a model file; throws a ModelError that says what is wrong. */
export function parseModel(text: string): ModelFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ModelError(`it is not valid JSON (${(e as Error).message})`);
  }
  const m = data as Partial<ModelFile> | null;
  if (!m || typeof m !== 'object' || Array.isArray(m)) throw new ModelError('it is not a JSON object');
  if (m.format !== MODEL_FORMAT) throw new ModelError(`its "format" is not "${MODEL_FORMAT}"`);
  if (m.version !== MODEL_VERSION) throw new ModelError(`it is version ${JSON.stringify(m.version)}; this Factmark reads version ${MODEL_VERSION}`);
  const f = m.features as Partial<FeatureSettings> | undefined;
  if (!f || typeof f !== 'object' || !['words', 'bigrams', 'cues', 'length'].every((k) => typeof (f as Record<string, unknown>)[k] === 'boolean')
    || !Array.isArray(f.chars) || !(f.chars.length === 0 || (f.chars.length === 2 && f.chars.every((n) => Number.isInteger(n) && n >= 1 && n <= 8) && f.chars[0] <= f.chars[1]))) {
    throw new ModelError('its "features" settings are missing or malformed');
  }
  if (!isFiniteNumber(m.threshold) || m.threshold <= 0 || m.threshold >= 1) throw new ModelError('its "threshold" is not a number between 0 and 1');
  if (!isFiniteNumber(m.bias)) throw new ModelError('its "bias" is not a number');
  if (!m.weights || typeof m.weights !== 'object' || Array.isArray(m.weights)) throw new ModelError('it has no "weights" object');
  const names = Object.keys(m.weights);
  if (!names.length) throw new ModelError('its "weights" are empty');
  for (const k of names) {
    if (!isFiniteNumber(m.weights[k])) throw new ModelError(`the weight of ${JSON.stringify(k.slice(0, 40))} is not a number`);
  }
  return m as ModelFile;
}

function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** A scorer over a parsed model file. */
export function modelScorer(model: ModelFile): Scorer {
  const weights = new Map(Object.entries(model.weights));
  const settings: FeatureSettings = { ...model.features, chars: [...model.features.chars] };
  // Words and pairs by number (weightTable.ts) unless the model reads letter n-grams.
  const table = settings.chars.length === 0 && (settings.words || settings.bigrams) ? new WeightTable(model.weights, settings) : undefined;
  const cueWeight = new Map<CueKind, number>();
  for (const [name, w] of weights) if (name.startsWith('q:')) cueWeight.set(name.slice(2) as CueKind, w);
  const labels = new Map<string, string>();
  const label = (name: string) => {
    let l = labels.get(name);
    if (l === undefined) { l = describeFeature(name); labels.set(name, l); }
    return l;
  };
  return {
    kind: 'model',
    threshold: model.threshold,
    description: `the trained check-worthiness model (${weights.size.toLocaleString('en')} weights)`,
    score(sentence: string): SentenceScore {
      const cues = findCues(sentence);
      let z = model.bias;
      const hits: GramHits = { names: [], shares: [] };
      const words = table ? featureWords(sentence) : undefined;
      if (table && words && words.length <= MAX_TABLE_WORDS) {
        z = table.addGrams(words, hits, z);
        // Then the cue families in order of first appearance, then the length: as visitFeatures.
        if (settings.cues) {
          let done = 0;
          for (const c of cues) {
            const bit = CUE_BITS[c.kind];
            if (done & bit) continue;
            done |= bit;
            const w = cueWeight.get(c.kind);
            if (w !== undefined) z += w * 1;
          }
        }
        if (settings.length) {
          const w = weights.get(lengthFeature(words.length));
          if (w !== undefined) z += w * 1;
        }
      } else {
        visitFeatures(sentence, cues, settings, (name, value) => {
          const w = weights.get(name);
          if (w === undefined) return;
          z += w * value;
          // Cue features are explained by the cues themselves, listed first.
          if (explainedByWords(name)) { hits.names.push(name); hits.shares.push(w * value); }
        });
      }
      const score = roundScore(sigmoid(z));
      const features = strongest(hits.names, hits.shares, score >= model.threshold, label);
      const reasons = [
        ...cues.map((c) => `${c.kind}: ${c.text}`),
        ...features.map((f) => `feature: ${f.label} ${f.weight >= 0 ? '+' : '−'}${Math.abs(f.weight).toFixed(2)}`),
      ];
      return { score, reasons, cues, features };
    },
  };
}

/** One bit per cue family, to keep the first of each without a Set per sentence. */
const CUE_BITS: Readonly<Record<CueKind, number>> = {
  figure: 1, date: 2, duration: 4, quotation: 8, attribution: 16, comparison: 32, entity: 64,
  opinion: 128, hedge: 256, question: 512, imperative: 1024,
};

/**
 * The features that did most for the verdict: for a suggested sentence those that pushed it
 * up, for another those that held it down — then the strongest the other way, if it counts.
 */
function strongest(names: readonly string[], shares: readonly number[], suggested: boolean, label: (name: string) => string): FeatureWeight[] {
  const sign = suggested ? 1 : -1;
  // Whether feature i comes before j: more for the verdict, then by name (names are distinct).
  const before = (i: number, j: number) => {
    const d = (shares[i] - shares[j]) * sign;
    return d > 0 || (d === 0 && names[i] < names[j]);
  };
  // One pass, keeping the few strongest in order: this runs for every sentence scored.
  const top: number[] = [];
  let against = -1;
  for (let i = 0; i < names.length; i++) {
    const v = shares[i] * sign;
    if (v > 0) {
      let k = top.length;
      while (k > 0 && before(i, top[k - 1])) k--;
      if (k < SHOWN_FEATURES) {
        top.splice(k, 0, i);
        if (top.length > SHOWN_FEATURES) top.pop();
      }
    } else if (v < 0 && (against < 0 || before(against, i))) against = i;
  }
  if (against >= 0 && Math.abs(shares[against]) >= 0.1) top.push(against);
  return top.map((i) => ({ feature: names[i], label: label(names[i]), weight: Math.round(shares[i] * 100) / 100 }));
}

export interface LoadedScorer {
  scorer: Scorer;
  /** Set when the model could not be used: what went wrong and that the heuristic is used instead. */
  problem?: string;
}

/**
 * Reads the model with `read` (which resolves to the file's text, or rejects) and returns its
 * scorer — or, when the file is missing or damaged, the heuristic and a message naming `where`.
 */
export async function loadScorer(read: () => Promise<string>, where: string): Promise<LoadedScorer> {
  let text: string;
  try {
    text = await read();
  } catch (e) {
    return fallback(`could not be read (${(e as Error).message || String(e)})`, where);
  }
  try {
    return { scorer: modelScorer(parseModel(text)) };
  } catch (e) {
    if (e instanceof ModelError) return fallback(`is damaged: ${e.message}`, where);
    throw e;
  }
}

function fallback(what: string, where: string): LoadedScorer {
  return {
    scorer: HEURISTIC_SCORER,
    problem: `The check-worthiness model ${where} ${what}. Suggestions use the plain cue heuristic instead, which finds fewer check-worthy sentences; reinstalling Factmark restores the model.`,
  };
}
