// The word-vector table the training script's embedding search measures with
// (scripts/wordVectors.ts): its base64, its byte quantization and the sentence mean it gives.
import * as assert from 'assert';
import fc from 'fast-check';
import {
  decodeBase64, decodeTable, embeddingFeature, encodeBase64, encodeTable, type EmbeddingFile, EmbeddingError, visitEmbedding,
} from '../../scripts/wordVectors';
import { featureWords } from '../../src/core/suggest';

const WORDS = ['rose', 'climbed', 'fell', 'thank', 'you'];
/** Two dimensions: the first "a change in amount", the second "politeness". */
const ROWS = [[0.9, -0.1], [0.8, 0], [0.7, 0.1], [-0.5, 0.9], [-0.2, 0.6]];
const TABLE: EmbeddingFile = encodeTable(WORDS, ROWS, 2, 'test');

describe('the word-vector table', () => {
  it('writes and reads base64 as Node does, for every length', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
      const text = encodeBase64(bytes);
      assert.strictEqual(text, Buffer.from(bytes).toString('base64'));
      assert.deepStrictEqual([...decodeBase64(text)], [...bytes]);
    }), { numRuns: 300, seed: 14 });
  });

  it('rejects what is not strict base64, and a table whose parts do not agree', () => {
    assert.throws(() => decodeTable({ ...TABLE, vectors: TABLE.vectors.slice(0, 8) }), /has 6 numbers for 5 words of 2/);
    assert.throws(() => decodeTable({ ...TABLE, scale: [1] }), /"scale" is not 2 positive numbers/);
    assert.throws(() => decodeTable({ ...TABLE, words: 'rose rose fell thank you' }), /repeated word at 2/);
    for (const bad of ['abc', 'ab!d', 'a=bc', '====']) assert.throws(() => decodeBase64(bad), EmbeddingError, bad);
  });

  it('keeps every number within half a step of its quantization (scale / 254)', () => {
    const t = decodeTable(TABLE);
    assert.strictEqual(t.dims, 2);
    ROWS.forEach((r, i) => r.forEach((x, d) => {
      assert.ok(Math.abs(t.values[i * 2 + d] - x) <= TABLE.scale[d] / 254 + 1e-12, `${WORDS[i]}[${d}]: ${t.values[i * 2 + d]} for ${x}`);
    }));
    assert.strictEqual(t.index.get('climbed'), 1);
  });

  it('gives a sentence the mean vector of its distinct known words, and nothing when it knows none', () => {
    const t = decodeTable(TABLE);
    const seen: Record<string, number> = {};
    visitEmbedding(featureWords('Prices rose, rose and fell.'), t, (name, value) => { seen[name] = value; });
    assert.deepStrictEqual(Object.keys(seen), [embeddingFeature(0), embeddingFeature(1)]);
    assert.ok(Math.abs(seen['e:0'] - (t.values[0] + t.values[4]) / 2) < 1e-12);
    assert.ok(Math.abs(seen['e:1'] - (t.values[1] + t.values[5]) / 2) < 1e-12);
    let calls = 0;
    visitEmbedding(featureWords('Nobody knows.'), t, () => calls++);
    assert.strictEqual(calls, 0);
  });
});
