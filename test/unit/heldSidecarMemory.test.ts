// A sidecar let go (ArticleModel.dropSidecar) frees the file's text: the claims kept hold no
// string cut from it (V8 keeps a cut of 13 characters or more as a view of the whole text, and a
// cut of a text with one curly quote in it takes two bytes a character). Measured, not assumed:
// sidecars whose texts are large (a long comment, two bytes a character) and whose claims hold
// long strings of every kind the fast reader reads (plain, double-quoted with and without
// escapes, single-quoted, literal blocks, flow list items), loaded, anchored and let go; the
// heap after a full garbage collection must not keep the texts.
import * as assert from 'assert';
import * as v8 from 'v8';
import * as vm from 'vm';
import { ClaimStore } from '../../src/core/store/claimStore';
import { DEFAULT_SCALE } from '../../src/core/statusScale';

const ARTICLES = 48;
const TEXT = 'The treaty was signed in Moscow on Friday, the minister’s office said. It will remain effective for twenty years.';

/** A sidecar of two claims with long strings of each kind, after a comment of `pad` characters unique to `n`. */
function sidecarText(n: number, pad: number): string {
  const comment = `# ${n} the desk’s notes ${'x'.repeat(pad)}\n`;
  return `${comment}factmark: 1
article: a${n}.md
claims:
  - id: k${String(n).padStart(3, '0')}xq
    quote: "signed in Moscow on Friday"
    before: "The treaty was "
    after: ", the minister’s office said. It"
    status: accurate
    claimant: The office of the foreign minister ${n}
    explanation: |-
      Checked against the ministry's own communiqué ${n}.
      A second line of reasons.
    tags: [a long tag for article ${n}, "a quoted tag for article ${n}", 'a single-quoted tag ${n}']
    sources:
      - url: https://example.org/a-long-address/for/article/${n}
        title: 'The ministry''s communiqué ${n}'
        excerpt: "An excerpt with an escape\\tinside it, for ${n}"
  - id: m${String(n).padStart(3, '0')}zq
    quote: "remain effective for twenty years"
    before: "office said. It will "
    after: "."
    status: unverified
`;
}

describe('a sidecar let go frees its text', () => {
  it(`${ARTICLES} sidecars of 512 KB each, let go: the heap after a full GC does not keep their texts`, () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const store = new ClaimStore({ scale: DEFAULT_SCALE, author: () => 'Bo' });
    const pad = 256 * 1024;
    gc(); gc();
    const before = process.memoryUsage().heapUsed;
    let bytes = 0;
    for (let n = 0; n < ARTICLES; n++) {
      const key = `file:///ws/a${n}.md`;
      const text = sidecarText(n, pad);
      bytes += 2 * text.length;
      store.open(key, key + '.claims.yaml', `a${n}.md`);
      store.loadSidecar(key, text);
      store.setArticleText(key, TEXT);
      assert.strictEqual(store.get(key)?.claims.length, 2, 'the sidecar loads');
      assert.strictEqual(store.dropArticleSidecar(key), true, 'the sidecar is let go');
    }
    gc(); gc();
    const kept = process.memoryUsage().heapUsed - before;
    // The claims themselves are a few KB an article; a text kept is 512 KB.
    assert.ok(kept < bytes / 8, `${(kept / 1e6).toFixed(1)} MB kept after letting go of ${(bytes / 1e6).toFixed(1)} MB of sidecar text`);
    // (the store and its claims are alive until here)
    assert.strictEqual(store.get(`file:///ws/a${ARTICLES - 1}.md`)?.claims[0].claim.claimant, `The office of the foreign minister ${ARTICLES - 1}`);
  });
});
