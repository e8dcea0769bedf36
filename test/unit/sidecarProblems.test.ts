import * as assert from 'assert';
import type { Problem } from '../../src/core/model';
import { parseSidecar, validateSidecarData, validateStatuses } from '../../src/core/sidecar/sidecarYaml';
import { parseYamlValue } from '../../src/core/yaml/parseYamlValue';
import { DEFAULT_SCALE } from '../../src/core/statusScale';
import { fixture, load } from '../fixtures/sidecars/fixtures';

const FILE = 'treaty.md.claims.yaml';
const TREATY = fixture('treaty.md.claims.yaml');
const HEAD = 'factmark: 1\narticle: treaty.md\nclaims:\n';
const CLAIM = '  - id: k3xq7d\n    quote: "q"\n    before: ""\n    after: ""\n    status: accurate\n';

function problemsOf(source: string): Problem[] {
  let result: ReturnType<typeof parseSidecar> | undefined;
  assert.doesNotThrow(() => { result = parseSidecar(source, FILE); });
  if (result!.ok) assert.fail('expected problems');
  for (const p of result!.problems) {
    assert.strictEqual(p.file, FILE);
    assert.ok(Number.isInteger(p.line) && p.line! >= 1 && Number.isInteger(p.column) && p.column! >= 1, `line/column on ${JSON.stringify(p)}`);
  }
  return result!.problems;
}

function only(source: string, code: string): Problem {
  const problems = problemsOf(source);
  const found = problems.filter((p) => p.code === code);
  assert.strictEqual(found.length, 1, `expected one ${code} in ${JSON.stringify(problems)}`);
  return found[0];
}

describe('sidecar problems', () => {
  it('not YAML', () => {
    const p = problemsOf(HEAD + '  - id: k3xq7d\n    quote: a: b\n')[0];
    assert.strictEqual(p.code, 'yaml-syntax');
    assert.strictEqual(p.line, 5);
    assert.match(p.message, /^YAML syntax: /);
  });

  it('an unknown field, naming it and suggesting the close one', () => {
    const p = only(HEAD + CLAIM.replace('status:', 'statsu:'), 'unknown-field');
    assert.match(p.message, /"statsu".*Did you mean "status"\?/);
    assert.deepStrictEqual([p.line, p.column], [8, 5]);
  });

  it('an unknown field nothing like a known one lists the known fields', () => {
    const p = only(HEAD + CLAIM + '    weather: sunny\n', 'unknown-field');
    assert.match(p.message, /"weather".*Known fields: id, quote/);
  });

  it('an unknown field in a source', () => {
    const p = only(HEAD + CLAIM + '    sources:\n      - url: https://a.example\n        titel: A\n', 'unknown-field');
    assert.match(p.message, /source 1 of claim k3xq7d.*"title"/);
    assert.strictEqual(p.line, 11);
  });

  it('wrong types', () => {
    const p = only(HEAD + CLAIM + '    line: fourteen\n', 'wrong-type');
    assert.match(p.message, /"line" of claim k3xq7d must be a whole number, not the text "fourteen"/);
    assert.deepStrictEqual([p.line, p.column], [9, 11]);
    assert.match(only(HEAD + CLAIM + '    tags: treaty\n', 'wrong-type').message, /must be a list/);
    assert.match(only(HEAD + CLAIM.replace('k3xq7d', '123456'), 'wrong-type').message, /must be text, not the number 123456/);
  });

  it('missing required fields', () => {
    const p = only(HEAD + CLAIM.replace('    quote: "q"\n', ''), 'missing-field');
    assert.match(p.message, /Claim k3xq7d is missing the required field "quote"/);
    assert.strictEqual(p.line, 4);
    assert.match(only('factmark: 1\nclaims: []\n', 'missing-field').message, /"article"/);
  });

  it('invalid values: bad dates, stance, status spelling', () => {
    assert.match(only(HEAD + CLAIM + '    created: 28/11/2026\n', 'invalid-value').message, /ISO 8601/);
    assert.match(only(HEAD + CLAIM + '    sources:\n      - url: https://a.example\n        stance: agrees\n', 'invalid-value').message, /"supports", "refutes", "context"/);
    assert.strictEqual(only(HEAD + CLAIM.replace('accurate', 'Accurate'), 'invalid-value').line, 8);
  });

  it('duplicate ids, pointing at the second', () => {
    const p = only(HEAD + CLAIM + CLAIM, 'duplicate-id');
    assert.strictEqual(p.line, 9);
    assert.match(p.message, /"k3xq7d" is used twice/);
  });

  it('a duplicate key inside a claim', () => {
    assert.strictEqual(problemsOf(HEAD + CLAIM + '    status: mixed\n')[0].code, 'duplicate-key');
  });

  it('an unknown status is an error of its claim when a scale is given (the file still loads), and nothing without one', () => {
    const source = HEAD + CLAIM.replace('accurate', 'half-true');
    const withScale = parseSidecar(source, FILE, { scale: DEFAULT_SCALE });
    assert.ok(withScale.ok);
    const w = withScale.loaded.warnings.filter((p) => p.code === 'unknown-status');
    assert.strictEqual(w.length, 1);
    assert.strictEqual(w[0].severity, 'error');
    assert.strictEqual(w[0].line, 8);
    assert.deepStrictEqual(load(source).warnings, []);
    assert.deepStrictEqual(validateStatuses(load(source), DEFAULT_SCALE).map((p) => [p.code, p.line, p.file]), [['unknown-status', 8, FILE]]);
  });

  it('git conflict markers, found before parsing, with their line', () => {
    const conflicted = HEAD + '<<<<<<< HEAD\n' + CLAIM + '=======\n' + CLAIM.replace('accurate', 'mixed') + '>>>>>>> other-branch\n';
    const p = only(conflicted, 'git-conflict');
    assert.strictEqual(p.line, 4);
    assert.match(p.message, /unresolved git conflicts.*4, 10, 16/);
    const multiline = 'factmark: 1\narticle: a.md\nclaims:\n' + CLAIM.replace('status: accurate', 'status: accurate\n    explanation: |\n      Heading\n      =======\n');
    assert.ok(parseSidecar(multiline, FILE).ok, 'a ======= line inside a block scalar is not a conflict');
  });

  // Expanding this would build 9^9 nodes: the test finishing at all shows nothing was expanded
  // (no wall-time assertion here; timings belong in the bench).
  it('an alias bomb (billion laughs) is refused without expanding it', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${new Array(9).fill('*' + prev).join(',')}]`);
    }
    const bomb = lines.join('\n') + '\n';
    const p = problemsOf(bomb)[0];
    assert.strictEqual(p.code, 'yaml-alias');
    assert.strictEqual(p.line, 1);
    const generic = parseYamlValue(bomb, 'bomb.yaml');
    assert.ok(!generic.ok && /alias/i.test(generic.problems[0].message), 'the generic reader stops at maxAliasCount');
  });

  it('a file over the size limit is refused without parsing', () => {
    const huge = 'x'.repeat(100 * 1024 * 1024);
    const p = only(huge, 'too-large');
    assert.match(p.message, /100\.0 MB.*20\.0 MB/);
  });

  it('an empty file, or one with only comments', () => {
    assert.strictEqual(only('', 'empty-file').line, 1);
    only('# nothing yet\n\n', 'empty-file');
  });

  it('a top-level list instead of a mapping', () => {
    assert.match(only('- id: k3xq7d\n', 'not-a-mapping').message, /this file is a list/);
    only('just text\n', 'not-a-mapping');
  });

  it('a future format version', () => {
    const p = only('factmark: 2\narticle: a.md\nclaims: []\nnewThing: true\n', 'unsupported-version');
    assert.match(p.message, /version 2.*version 1.*Update Factmark/);
    assert.strictEqual(p.line, 1);
  });

  it('several documents in one file', () => {
    assert.ok(problemsOf(TREATY + '---\n' + TREATY).length > 0);
  });

  it('validateSidecarData works on plain data without positions', () => {
    const problems = validateSidecarData({ factmark: 1, article: 'a.md', claims: [{ id: 'k3xq7d', quote: 'q', before: '', after: '', status: 'x', extra: 1 }] });
    assert.deepStrictEqual(problems.map((p) => [p.code, p.line]), [['unknown-field', undefined]]);
    assert.deepStrictEqual(validateSidecarData(load(TREATY).sidecar), []);
  });
});
