// The sidecar's `dismissed:` list: read, written one entry a line and sorted, spliced so that
// untouched bytes stay, merged as a set, and kept by the store across a reload.
import * as assert from 'assert';
import { mergeSidecars } from '../../src/core/merge/mergeClaims';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar/sidecarYaml';
import { ClaimStore } from '../../src/core/store/claimStore';
import { DEFAULT_SCALE } from '../../src/core/statusScale';
import { claim, copy, fixture, load } from '../fixtures/sidecars/fixtures';

const TREATY = fixture('treaty.md.claims.yaml');
const WITH_DISMISSED = `${TREATY.trimEnd()}\n\ndismissed:\n  # opinion, not a fact\n  - "Both leaders emphasized expanded cooperation."\n  - "Moscow has viewed Iran as a crucial strategic partner."\n`;

/** Lines added and removed between two texts (a plain multiset diff, enough for these checks). */
function lineDiff(a: string, b: string): { added: string[]; removed: string[] } {
  const count = (s: string) => s.split('\n').reduce((m, l) => m.set(l, (m.get(l) ?? 0) + 1), new Map<string, number>());
  const x = count(a), y = count(b);
  const added: string[] = [], removed: string[] = [];
  for (const [l, n] of y) for (let i = x.get(l) ?? 0; i < n; i++) added.push(l);
  for (const [l, n] of x) for (let i = y.get(l) ?? 0; i < n; i++) removed.push(l);
  return { added, removed };
}

describe('sidecar dismissed list', () => {
  it('reads the entries, and a file without them has none', () => {
    assert.deepStrictEqual(load(WITH_DISMISSED).sidecar.dismissed,
      ['Both leaders emphasized expanded cooperation.', 'Moscow has viewed Iran as a crucial strategic partner.']);
    assert.strictEqual(load(TREATY).sidecar.dismissed, undefined);
  });

  it('refuses entries that are not text', () => {
    const r = parseSidecar('factmark: 1\narticle: a.md\nclaims: []\ndismissed:\n  - id: x\n', 'a.md.claims.yaml');
    assert.ok(!r.ok);
    assert.ok(r.problems.some((p) => p.line === 5), JSON.stringify(r.problems));
  });

  for (const [name, source] of [
    ['with a dismissed list and a comment in it', WITH_DISMISSED],
    ['with CRLF line endings', WITH_DISMISSED.replace(/\n/g, '\r\n')],
    ['with an empty flow list', 'factmark: 1\narticle: a.md\nclaims: []\ndismissed: []\n'],
    ['unsorted, by hand', 'factmark: 1\narticle: a.md\nclaims: []\ndismissed:\n- "Zebra."\n- Apple.\n'],
  ] as const) {
    it(`gives back an untouched file byte for byte: ${name}`, () => {
      const loaded = load(source);
      assert.strictEqual(serializeSidecar(copy(loaded.sidecar), loaded), source);
    });
  }

  it('adds the key at the end, after a blank line, leaving every other line as it was', () => {
    const loaded = load(TREATY);
    const next = { ...copy(loaded.sidecar), dismissed: ['The Kremlin said so.'] };
    const out = serializeSidecar(next, loaded);
    assert.ok(out.startsWith(TREATY), 'the lines before are untouched');
    assert.strictEqual(out.slice(TREATY.length), '\ndismissed:\n  - "The Kremlin said so."\n');
    assert.deepStrictEqual(load(out).sidecar.dismissed, ['The Kremlin said so.']);
  });

  it('inserts a new entry in sorted place as one line, keeping the others and their comment', () => {
    const loaded = load(WITH_DISMISSED);
    const next = copy(loaded.sidecar);
    next.dismissed = ['Both leaders emphasized expanded cooperation.', 'Iran has supplied “Shahed” drones.', 'Moscow has viewed Iran as a crucial strategic partner.'];
    const out = serializeSidecar(next, loaded);
    assert.deepStrictEqual(lineDiff(WITH_DISMISSED, out), { added: ['  - "Iran has supplied “Shahed” drones."'], removed: [] });
    const lines = out.split('\n');
    assert.ok(lines.indexOf('  - "Iran has supplied “Shahed” drones."') === lines.indexOf('  - "Both leaders emphasized expanded cooperation."') + 1);
    assert.ok(out.includes('  # opinion, not a fact\n'));
    assert.deepStrictEqual(load(out).sidecar.dismissed, next.dismissed);
  });

  it('appends an entry that sorts last after the last line, and removes one with its line and the comment above it', () => {
    const loaded = load(WITH_DISMISSED);
    const next = copy(loaded.sidecar);
    next.dismissed = ['Moscow has viewed Iran as a crucial strategic partner.', 'Zelensky was not asked.'];
    const out = serializeSidecar(next, loaded);
    assert.deepStrictEqual(lineDiff(WITH_DISMISSED, out),
      { added: ['  - "Zelensky was not asked."'], removed: ['  # opinion, not a fact', '  - "Both leaders emphasized expanded cooperation."'] });
    assert.deepStrictEqual(load(out).sidecar.dismissed, next.dismissed);
  });

  it('writes CRLF in a CRLF file, and a flow list as a block once it has entries', () => {
    const crlf = WITH_DISMISSED.replace(/\n/g, '\r\n');
    const loaded = load(crlf);
    const out = serializeSidecar({ ...copy(loaded.sidecar), dismissed: [...loaded.sidecar.dismissed!, 'X said so.'] }, loaded);
    assert.ok(!/[^\r]\n/.test(out), 'a bare LF in a CRLF file');
    const flow = 'factmark: 1\narticle: a.md\nclaims: []\ndismissed: []\n';
    const f = load(flow);
    assert.strictEqual(serializeSidecar({ ...copy(f.sidecar), dismissed: ['A said so.', 'B said so.'] }, f),
      'factmark: 1\narticle: a.md\nclaims: []\ndismissed:\n  - "A said so."\n  - "B said so."\n');
  });

  it('a new sidecar lists them after the claims', () => {
    const out = serializeSidecar({ factmark: 1, article: 'a.md', claims: [], dismissed: ['A said so.'] });
    assert.match(out, /\nclaims: \[\]\n\ndismissed:\n {2}- "A said so."\n$/);
    assert.deepStrictEqual(load(out).sidecar.dismissed, ['A said so.']);
  });

  it('keeps the dismissed list when a claim is added, and claims when an entry is added', () => {
    const loaded = load(WITH_DISMISSED);
    const next = copy(loaded.sidecar);
    next.claims.push(claim('zz9new', { offset: 99999 }));
    next.dismissed = [...next.dismissed!, 'Z said so.'];
    const out = serializeSidecar(next, loaded);
    const back = load(out).sidecar;
    assert.deepStrictEqual(back.claims.map((c) => c.id), [...loaded.sidecar.claims.map((c) => c.id), 'zz9new']);
    assert.deepStrictEqual(back.dismissed, next.dismissed);
  });
});

describe('merging dismissed lists', () => {
  const side = (dismissed?: string[]) => ({ factmark: 1, article: 'a.md', claims: [], ...(dismissed ? { dismissed } : {}) });

  it('keeps what either side dismissed, sorted and once', () => {
    const m = mergeSidecars(side(['B.']), side(['B.', 'D.']), side(['A.', 'B.', 'C.']));
    assert.deepStrictEqual(m.merged.dismissed, ['A.', 'B.', 'C.', 'D.']);
    assert.deepStrictEqual(m.conflicts, []);
  });

  it('drops an entry one side removed and the other left alone; no list when neither has one', () => {
    assert.deepStrictEqual(mergeSidecars(side(['A.', 'B.']), side(['A.']), side(['A.', 'B.'])).merged.dismissed, ['A.']);
    assert.ok(!('dismissed' in mergeSidecars(side(), side(), side()).merged));
    assert.deepStrictEqual(mergeSidecars(undefined, side(), side(['A.'])).merged.dismissed, ['A.']);
  });
});

describe('ClaimStore.dismissSentence', () => {
  const KEY = 'file:///a.md';
  const open = (source?: string) => {
    const store = new ClaimStore({ scale: DEFAULT_SCALE, now: () => '2026-11-28T12:00:00Z' });
    store.open(KEY, KEY + '.claims.yaml', 'a.md');
    store.loadSidecar(KEY, source);
    store.setArticleText(KEY, 'The council said so. Fares rose 6 per cent in 2025.');
    return store;
  };

  it('remembers the sentence with whitespace collapsed, once, fires `dismissed` and writes it', () => {
    const store = open();
    const kinds: string[] = [];
    store.onDidChange((e) => kinds.push(e.kind));
    store.dismissSentence(KEY, 'Fares rose 6 per cent\n  in 2025.');
    store.dismissSentence(KEY, 'Fares rose 6 per cent in 2025.');
    assert.deepStrictEqual(kinds, ['dismissed']);
    assert.deepStrictEqual(store.get(KEY)?.dismissed, ['Fares rose 6 per cent in 2025.']);
    assert.ok(store.get(KEY)?.dirty);
    const text = store.serialize(KEY);
    assert.match(text, /\ndismissed:\n {2}- "Fares rose 6 per cent in 2025\."\n$/);
    store.markSaved(KEY, text);
    // Read back from disk (another window): still dismissed.
    const again = open(text);
    assert.deepStrictEqual(again.get(KEY)?.dismissed, ['Fares rose 6 per cent in 2025.']);
  });

  it('merges dismissals made on disk with unsaved ones', () => {
    const base = 'factmark: 1\narticle: a.md\nclaims: []\n';
    const store = open(base);
    store.dismissSentence(KEY, 'The council said so.');
    store.loadSidecar(KEY, base + '\ndismissed:\n  - "Fares rose 6 per cent in 2025."\n');
    assert.deepStrictEqual(store.get(KEY)?.dismissed, ['Fares rose 6 per cent in 2025.', 'The council said so.']);
  });
});
