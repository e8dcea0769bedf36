// Adversarial sidecars: whatever arrives through git or a careless edit, reading it never throws,
// every problem has a 1-based line and column, and a file that does not read is never written
// over — through the ClaimStore, as the extension uses it.
import * as assert from 'assert';
import fc from 'fast-check';
import type { Problem } from '../../src/core/model';
import { parseSidecar } from '../../src/core/sidecar/sidecarYaml';
import { DEFAULT_SCALE } from '../../src/core/statusScale';
import { ClaimStore } from '../../src/core/store/claimStore';
import { StoreError } from '../../src/core/store/types';
import { MAX_NESTING } from '../../src/core/yaml/preflight';
import { mutationsArb } from '../fixtures/adversarial/sidecarMutations';
import { assertSeeded } from '../fixtures/adversarial/seeded';
import { fixture } from '../fixtures/sidecars/fixtures';

const RUNS = 10_000;
const ARTICLE = 'file:///ws/treaty.md';
const TEXT = 'In a ceremony on Tuesday, The treaty was signed by 194 countries, a record for any accord. It is the largest treaty "ever" signed.';
const TREATY = fixture('treaty.md.claims.yaml');

function generated(): string {
  const s = new ClaimStore({ scale: DEFAULT_SCALE, now: () => '2026-11-28T12:00:00Z' });
  s.open(ARTICLE, ARTICLE + '.claims.yaml', 'treaty.md');
  s.loadSidecar(ARTICLE, undefined);
  s.setArticleText(ARTICLE, TEXT);
  s.addClaim(ARTICLE, TEXT.indexOf('The treaty'), TEXT.indexOf(', a record'), { explanation: 'Two lines\nof reasons.', tags: ['treaty'], sources: [{ url: 'https://example.org/a', title: 'UN', stance: 'supports' }] });
  s.addClaim(ARTICLE, TEXT.indexOf('largest'), TEXT.indexOf(' signed.'));
  return s.serialize(ARTICLE);
}
const BASES = [TREATY, TREATY.replace(/\n/g, '\r\n'), generated()];

function assertLocated(problems: readonly Problem[], what: string): void {
  assert.ok(problems.length > 0, `${what}: no problem reported`);
  for (const p of problems) {
    assert.ok(typeof p.code === 'string' && p.code.length > 0, `${what}: no code on ${JSON.stringify(p)}`);
    assert.ok(Number.isInteger(p.line) && p.line! >= 1, `${what}: no 1-based line on ${JSON.stringify(p)}`);
    assert.ok(Number.isInteger(p.column) && p.column! >= 1, `${what}: no 1-based column on ${JSON.stringify(p)}`);
    assert.ok(!/call stack/i.test(p.message), `${what}: a stack overflow reported as a problem: ${p.message}`);
  }
}

/** Reads `source` as the extension does and tries to save; returns what the "disk" holds afterwards. */
function throughStore(source: string): { disk: string; state: string } {
  const s = new ClaimStore({ scale: DEFAULT_SCALE, now: () => '2026-11-28T12:00:00Z' });
  s.open(ARTICLE, ARTICLE + '.claims.yaml', 'treaty.md');
  s.loadSidecar(ARTICLE, source);
  const snap = s.get(ARTICLE)!;
  let disk = source;
  if (snap.sidecarState === 'broken') {
    assertLocated(snap.problems, 'store');
    s.setArticleText(ARTICLE, TEXT);
    assert.throws(() => s.addClaim(ARTICLE, 0, 4), StoreError, 'a broken file accepted a new claim');
    assert.throws(() => { disk = s.serialize(ARTICLE); }, StoreError, 'a broken file was serialized');
    assert.strictEqual(disk, source);
  } else {
    // Read and saved untouched: byte for byte what was read.
    disk = s.serialize(ARTICLE);
    assert.strictEqual(disk, source, 'an untouched sidecar changed on save');
  }
  return { disk, state: snap.sidecarState };
}

function check(source: string): boolean {
  let result: ReturnType<typeof parseSidecar> | undefined;
  assert.doesNotThrow(() => { result = parseSidecar(source, 'f.claims.yaml'); });
  if (!result!.ok) assertLocated(result!.problems, 'parseSidecar');
  const { state } = throughStore(source);
  assert.strictEqual(state === 'broken', !result!.ok, 'the store and the parser disagree');
  return result!.ok;
}

describe('adversarial sidecars (seeded)', function () {
  this.timeout(600_000); // a hang guard, not a time limit: seeded runs take ~60 s of CPU and far longer on a loaded machine

  it(`${RUNS} mutated sidecars: never a throw, always located problems, a broken file is never written over`, () => {
    const seen = { ok: 0, broken: 0, warnings: 0 };
    const prop = fc.property(fc.nat(BASES.length - 1), mutationsArb, (b, mutate) => {
      if (check(mutate(BASES[b]))) seen.ok++; else seen.broken++;
    });
    // The YAML library can report odd input (a mapping used as a key) with process.emitWarning,
    // which Node would print to stderr (and so into `factmark check` output); the reader turns
    // that off, and this counts any that get through.
    const emitWarning = process.emitWarning;
    process.emitWarning = (() => { seen.warnings++; }) as typeof process.emitWarning;
    try {
      assertSeeded('mutated sidecars', prop, 20261202, RUNS);
    } finally {
      process.emitWarning = emitWarning;
    }
    assert.ok(seen.ok > 0 && seen.broken > 0, JSON.stringify(seen));
    assert.strictEqual(seen.warnings, 0, 'the YAML library printed warnings to the terminal');
    if (process.env.FACTMARK_STATS) console.log(JSON.stringify(seen));
  });

  it('deep nesting (10,000 lists or maps, flow or block, alone or inside a claim) is a clear problem, found without parsing', () => {
    const n = 10_000;
    const cases = {
      'flow lists': '['.repeat(n) + ']'.repeat(n),
      'flow maps': '{a: '.repeat(n) + '}'.repeat(n),
      // Indentation makes block nesting quadratic in size: 3,000 levels are already 4.5 MB.
      'block lists': Array.from({ length: 3000 }, (_, i) => ' '.repeat(i) + '-').join('\n') + ' x',
      'block maps': Array.from({ length: 3000 }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + ' x',
      'compact lists': '- '.repeat(n) + 'x',
      'in a claim': TREATY.replace('tags: [treaty,  numbers]', 'tags: ' + '['.repeat(n) + ']'.repeat(n)),
    };
    for (const [name, source] of Object.entries(cases)) {
      const r = parseSidecar(source, 'f.claims.yaml');
      assert.ok(!r.ok, name);
      assert.deepStrictEqual(r.problems.map((p) => p.code), ['too-deep'], `${name}: ${JSON.stringify(r.problems).slice(0, 300)}`);
      assertLocated(r.problems, name);
      throughStore(source);
    }
    // Just under the limit the file is parsed (and fails validation, not the depth check).
    const under = parseSidecar(TREATY.replace('tags: [treaty,  numbers]', 'tags: ' + '['.repeat(MAX_NESTING - 4) + ']'.repeat(MAX_NESTING - 4)));
    assert.ok(!under.ok && under.problems.every((p) => p.code !== 'too-deep'), JSON.stringify(!under.ok && under.problems));
    assert.ok(parseSidecar(TREATY).ok);
  });

  it('brackets, dashes and indentation inside quotes, comments and block scalars do not count as nesting', () => {
    const deepText = '['.repeat(500) + '{'.repeat(500);
    const withText = TREATY
      .replace('quote: "The treaty was signed by 194 countries"', `quote: "The treaty was signed by 194 countries ${deepText}"`)
      .replace('# Need a historian here.', `# ${deepText}`)
      .replace('Two signatories later withdrew, which the article mentions.', Array.from({ length: 200 }, (_, i) => ' '.repeat(i) + '- [').join('\n      '));
    const r = parseSidecar(withText);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  });

  it('a file over the size cap is refused without being parsed', () => {
    const cap = 5 * 1024 * 1024;
    // Garbage that would give YAML and conflict problems if it were read at all.
    const source = '<<<<<<< HEAD\n\t: [\n' + 'x'.repeat(cap);
    const r = parseSidecar(source, 'f.claims.yaml', { maxLength: cap });
    assert.ok(!r.ok);
    assert.deepStrictEqual(r.problems.map((p) => p.code), ['too-large']);
    assertLocated(r.problems, 'over cap');
  });

  it('hostile shapes: 1 MB strings, alias bombs, duplicate keys, conflict markers, NUL and lone surrogates', () => {
    const mb = 'x'.repeat(1024 * 1024);
    const bomb = 'a0: &a0 [lol]\n' + Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`).join('\n') + '\n';
    const cases: [string, string, string | undefined][] = [
      ['1 MB quote', TREATY.replace('quote: "The treaty was signed by 194 countries"', `quote: "${mb}"`), undefined],
      ['1 MB key', `${mb}: 1\n` + TREATY, undefined],
      ['1 MB plain line', TREATY + mb, undefined],
      ['alias bomb', bomb + TREATY, undefined],
      ['alias in a claim', TREATY.replace('status: accurate', 'status: &s accurate').replace('status: in-progress', 'status: *s'), 'yaml-alias'],
      ['duplicate key', TREATY.replace('status: accurate', 'status: accurate\n    status: inaccurate'), 'duplicate-key'],
      ['conflict markers', TREATY.replace('  - id: m8vr2p', '<<<<<<< HEAD\n  - id: m8vr2p\n=======\n  - id: zzzzzz\n>>>>>>> theirs'), 'git-conflict'],
      ['NUL', TREATY.replace('UN spokesperson', 'UN\u0000spokesperson'), undefined],
      ['lone surrogates', TREATY.replace('UN spokesperson', 'UN \ud800 spokes \udfff'), undefined],
    ];
    for (const [name, source, code] of cases) {
      const ok = check(source);
      if (code) {
        const r = parseSidecar(source, 'f');
        assert.ok(!r.ok && r.problems.some((p) => p.code === code), `${name}: expected ${code}, got ${JSON.stringify(!r.ok && r.problems.map((p) => p.code))}`);
      }
      if (name === '1 MB quote') assert.ok(ok, name);
    }
  });
});
