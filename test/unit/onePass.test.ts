// parseSidecar reads a sidecar in one pass (the fast reader, counting what bounds preflight's
// scan) and skips preflight's scan of every character when the pass can tell that it would find
// nothing (fastYamlReadOnce). Here: the texts where preflight's scan guesses wrong about plain
// text (a `?`, a `#` in a flow list, a `''`), each built so that it then finds a problem the
// fast reader's structure does not have; the limits the pass gives up at (values, depth, list
// items); and the generated archive, read in one pass, certain. On every text, parseSidecar in
// one pass gives exactly what it gives in two (problems with line and column, model, layout).
// The fuzzed texts of the fast reader's and preflight's tests are checked the same way
// (onePassHolds and sameAsTwoPasses in test/fixtures/fastYamlCompare.ts).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateWorkspace } from '../../bench/generateWorkspace';
import { seededRandom } from '../../bench/seededRandom';
import { MAX_CLAIMS, MAX_FULL_PARSE_VALUES, MAX_NESTING } from '../../src/core/limits';
import { parseSidecar } from '../../src/core/sidecar/sidecarYaml';
import { fastYamlReadOnce, fastYamlValue, ONE_PASS_MAX_DEPTH } from '../../src/core/yaml/fastYaml';
import { preflight } from '../../src/core/yaml/preflight';
import { onePassHolds, sameAsTwoPasses } from '../fixtures/fastYamlCompare';

/** Brackets in plain text, which preflight's scan counts as nesting once it thinks it is inside a flow list. */
const BRACKETS = `b: x${'['.repeat(MAX_NESTING + 5)}\n`;

const HEADER = 'factmark: 1\narticle: a.md\n';

/**
 * Random texts in the fast reader's subset (block mappings and lists, indented or not, literal
 * blocks, comments), whose scalars — plain, quoted, flow items, with comments — hold the
 * characters preflight's scan looks at, some followed by a line of brackets in plain text.
 */
function shapedTexts(seed: number, count: number): string[] {
  const rand = seededRandom(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)];
  const CHARS = ['a', 'b', ' ', '?', '#', '"', "'", '[', ']', '{', '}', '|', '>', ',', ':', '-', '\u00a0', '\u3000', '\\', 'x', '1', '.', '!', '&', '*', '%', '@'];
  const word = () => { let w = pick(['a', 'b', 'x', '1', 'é']); for (let n = Math.floor(rand() * 12); n > 0; n--) w += pick(CHARS); return w; };
  const single = () => `'${word().replace(/'/g, "''")}'`;
  const scalar = (): string => {
    const k = rand();
    if (k < 0.4) return word();
    if (k < 0.55) return JSON.stringify(word());
    if (k < 0.7) return single();
    if (k < 0.85) return `[${Array.from({ length: Math.floor(rand() * 4) }, () => pick([word(), JSON.stringify(word()), single()])).join(', ')}]`;
    return `${word()} # ${word()}`;
  };
  const block = (indent: number, depth: number, out: string[]): void => {
    const pad = ' '.repeat(indent);
    for (let i = 0, n = 1 + Math.floor(rand() * 4); i < n; i++) {
      const key = pick(['id', 'quote', 'claims', 'tags', 'note']) + (i || '');
      const k = rand();
      if (depth < 4 && k < 0.2) { out.push(`${pad}${key}:`); block(indent + 2, depth + 1, out); } else if (depth < 4 && k < 0.4) {
        out.push(`${pad}${key}:`);
        const dash = ' '.repeat(rand() < 0.5 ? indent : indent + 2);
        for (let j = 0, m = 1 + Math.floor(rand() * 3); j < m; j++) {
          if (rand() < 0.5) out.push(`${dash}- ${scalar()}`);
          else {
            out.push(`${dash}- a${j}: ${scalar()}`);
            if (rand() < 0.5) out.push(`${dash}  b: |`, `${dash}    ${word()}`);
          }
        }
      } else if (k < 0.5) out.push(`${pad}${key}: |${pick(['', '-', '+'])}`, `${pad}  ${word()}`, `${pad}  ${word()}`);
      else out.push(`${pad}${key}: ${scalar()}`);
      if (rand() < 0.1) out.push(`${pad}# ${word()}`);
    }
  };
  return Array.from({ length: count }, () => {
    const out: string[] = [];
    block(0, 0, out);
    return out.join('\n') + '\n' + (rand() < 0.3 ? BRACKETS : '');
  });
}

describe('sidecars read in one pass: preflight\'s scan is skipped only where it would find nothing', () => {
  for (const [name, text] of [
    ['a `?` then a flow bracket in a plain scalar', `a: why? [\n${BRACKETS}`],
    ['a `?` then a flow brace in a plain scalar', `a: why? {\n${BRACKETS}`],
    ['a `#` after a no-break space in a flow list\'s item', `a: [x\u00a0#y]\n${BRACKETS}`],
    ['a `\'\'` in a single-quoted scalar', `a: 'x'': [ y'\n${BRACKETS}`],
  ] as const) {
    it(`${name}: read by the fast reader, refused by preflight (too deep), and refused so in one pass too`, () => {
      assert.ok(fastYamlValue(text), 'the fast reader reads it');
      assert.strictEqual(preflight(text, 'f.yaml')[0]?.code, 'too-deep');
      const once = fastYamlReadOnce(text);
      assert.ok(once && !once.certain, 'the one pass is not certain');
      const r = parseSidecar(text, 'f.yaml');
      assert.ok(!r.ok && r.problems[0].code === 'too-deep', JSON.stringify(r));
      sameAsTwoPasses(text);
    });
  }

  it(`gives up past ${ONE_PASS_MAX_DEPTH} levels: nested ${MAX_NESTING + 1} deep, the file is refused as preflight refuses it`, () => {
    let text = '';
    for (let i = 0; i <= MAX_NESTING; i++) text += `${' '.repeat(i)}k${i}:\n`;
    text += `${' '.repeat(MAX_NESTING + 1)}v: 1\n`;
    assert.ok(fastYamlValue(text), 'the fast reader reads it');
    assert.strictEqual(fastYamlReadOnce(text), undefined);
    const r = parseSidecar(text, 'f.yaml');
    assert.ok(!r.ok && r.problems[0].code === 'too-deep', JSON.stringify(r).slice(0, 300));
    sameAsTwoPasses(text);
    // Not too deep: read in two passes, as before.
    const ok = `${HEADER}x:\n${Array.from({ length: ONE_PASS_MAX_DEPTH + 2 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')}\n${' '.repeat(ONE_PASS_MAX_DEPTH + 3)}v: 1\n`;
    assert.strictEqual(fastYamlReadOnce(ok), undefined);
    sameAsTwoPasses(ok);
  });

  it(`gives up past ${MAX_CLAIMS.toLocaleString('en')} list items: ${(MAX_CLAIMS + 1).toLocaleString('en')} claims are refused as preflight refuses them`, () => {
    const text = `${HEADER}claims:\n${'- x\n'.repeat(MAX_CLAIMS + 1)}`;
    assert.ok(fastYamlValue(text), 'the fast reader reads it');
    assert.strictEqual(fastYamlReadOnce(text), undefined);
    const r = parseSidecar(text, 'f.yaml');
    assert.ok(!r.ok && r.problems[0].code === 'too-many-claims', JSON.stringify(r).slice(0, 300));
    sameAsTwoPasses(text);
  });

  it(`gives up past ${MAX_FULL_PARSE_VALUES.toLocaleString('en')} values: a large file is read in two passes, as large (its problems placed by lines)`, () => {
    const claim = (i: number) => `  - id: c${i.toString(36).padStart(5, '0')}\n    quote: q\n    before: ""\n    after: ""\n    status: ${i === 7 ? 'nonsense' : 'accurate'}\n    sources: []\n`;
    const text = `${HEADER}claims:\n${Array.from({ length: 2600 }, (_, i) => claim(i)).join('')}`;
    const counted = { values: 0 };
    assert.deepStrictEqual(preflight(text, 'f.yaml', {}, counted), []);
    assert.ok(counted.values > MAX_FULL_PARSE_VALUES, String(counted.values));
    assert.strictEqual(fastYamlReadOnce(text), undefined);
    const r = parseSidecar(text, 'f.yaml');
    assert.ok(r.ok && r.loaded.layout.large, 'read as large');
    sameAsTwoPasses(text);
  });

  it('texts preflight refuses or counts in other ways than the structure: the same result in one pass and in two', () => {
    const cases = [
      // A literal block as the first key of a list item: the scan skips the item's other keys.
      `${HEADER}claims:\n  - explanation: |\n      x\n    id: abcdef\n    quote: q\n    before: ""\n    after: ""\n    status: accurate\n`,
      `${HEADER}claims: [a, b]\n`, `\ufeff${HEADER}claims:\n- x\n`, `${HEADER}a: x\u00a0#y [\n${BRACKETS}`, `${HEADER}a: "x?" # [\n${BRACKETS}`,
      `${HEADER}a: 'it''s'\n`, `${HEADER}a: what? x\n`, `${HEADER}a: [x#y]\n`, '<<<<<<< HEAD\na: 1\n=======\na: 2\n>>>>>>> b\n', '', '# only a comment\n',
      `${HEADER}a: x ? y\n`, `${HEADER}a: x?"y"\n`, `${HEADER}a: [x?, 'y''z']\n`, `a: why? "not closed\n${BRACKETS}`, `a: why? |\n${BRACKETS}`,
    ];
    for (const c of cases) sameAsTwoPasses(c);
    // The hazards make it unsure, nothing else here does.
    assert.ok(!fastYamlReadOnce(`${HEADER}a: what? x\n`)?.certain);
    assert.ok(fastYamlReadOnce(`${HEADER}a: "what? [x"\n`)?.certain);
  });

  it('random texts of the fast reader\'s shapes holding the characters preflight\'s scan looks at: certain only where the scan finds nothing; the same result in one pass and in two', () => {
    let read = 0;
    let certain = 0;
    shapedTexts(13, 3000).forEach((text, i) => {
      if (fastYamlReadOnce(text)) read++;
      if (onePassHolds(text)) certain++;
      if (i % 3 === 0) sameAsTwoPasses(text);
    });
    // Not vacuous: most are read in one pass, and many of those certain.
    assert.ok(read > 1500 && certain > 1000, `read ${read}, certain ${certain} of 3000`);
  });

  it('reads every sidecar of the generated archive in one pass, certain: preflight\'s scan is not run for them', function () {
    this.timeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-onepass-'));
    try {
      const g = generateWorkspace(dir, { articles: 12, seed: 5 });
      for (const a of g.articles) {
        const source = fs.readFileSync(path.join(dir, a) + '.claims.yaml', 'utf8');
        assert.ok(onePassHolds(source), `not certain on ${a}`);
        assert.ok(onePassHolds(source.replace(/\n/g, '\r\n')), `not certain on ${a} with CRLF`);
        sameAsTwoPasses(source);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
