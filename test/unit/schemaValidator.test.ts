// The sidecar validator is generated from schemas/claims.schema.json by Ajv's standalone code
// (scripts/generateValidator.ts) and checked in: these tests hold the file to the schema (so the
// two cannot drift) and to what Ajv's run-time compile of the schema reports, error for error.
import * as assert from 'assert';
import Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import fc from 'fast-check';
import * as fs from 'fs';
import { parse } from 'yaml';
import generated from '../../src/core/sidecar/claimsSchemaValidator.generated';
import { validateSidecarData } from '../../src/core/sidecar/validate';
import { AJV_OPTIONS, GENERATED_FILE, SCHEMA_FILE, validatorSource } from '../../scripts/generateValidator';
import { sidecarToData } from '../../src/core/sidecar/claimData';
import { sidecarArb } from '../fixtures/sidecarArbitraries';
import { fixture } from '../fixtures/sidecars/fixtures';

const SEED = 20261202;
type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
const standalone = generated as Validator;
const compiled = new Ajv(AJV_OPTIONS).compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'))) as Validator;

/** What a validator says about `data`: valid, or its errors (a copy: the next call replaces them). */
function verdict(v: Validator, data: unknown): { valid: boolean; errors: ErrorObject[] } {
  const valid = v(data);
  return { valid, errors: structuredClone(v.errors ?? []) };
}

/** Values that break the schema in each way it can be broken (wrong type, empty, bad pattern, out of range, not in an enum). */
const oddValue = fc.oneof(
  fc.constantFrom<unknown>(null, '', ' ', 0, -1, 1.5, 2, true, [], {}, ['x'], { url: 'x' }, 'x', 'http://', 'https://a.org/b c', '2026-13-01', '2026-11-28T10:00', 'accurate', 'approve', 'wording', 'k', 'a b', '-abc'),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Every path into a JSON value (objects' keys and arrays' indices), the root first. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}

type Edit = { pick: number; kind: 'set' | 'delete' | 'add'; key: string; value: unknown };
const editArb: fc.Arbitrary<Edit> = fc.record({
  pick: fc.nat(),
  kind: fc.constantFrom<Edit['kind']>('set', 'set', 'delete', 'add'),
  key: fc.constantFrom('id', 'quote', 'status', 'sources', 'url', 'stance', 'verdict', 'extra', 'Status', 'tag', 'published', 'claims', 'factmark'),
  value: oddValue,
});

/** `data` with one edit made at one of its paths (picked by `pick`): set a value, delete a key or add one. */
function edited(data: unknown, edit: Edit): unknown {
  const copy = structuredClone(data);
  const all = paths(copy);
  const path = all[edit.pick % all.length];
  if (path.length === 0) return edit.kind === 'set' ? edit.value : copy;
  let parent = copy as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (edit.kind === 'set') parent[last] = edit.value;
  else if (edit.kind === 'delete' && !Array.isArray(parent)) delete parent[last];
  else {
    const target = parent[last];
    if (target && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>)[edit.key] = edit.value;
    else if (Array.isArray(target)) target.push(edit.value);
  }
  return copy;
}

describe('the generated sidecar validator', () => {
  it('is what scripts/generateValidator.ts generates from schemas/claims.schema.json today (regenerate it after changing the schema)', () => {
    assert.strictEqual(fs.readFileSync(GENERATED_FILE, 'utf8'), validatorSource(),
      'src/core/sidecar/claimsSchemaValidator.generated.ts differs from the schema: run `node -r ./test/register.js scripts/generateValidator.ts`');
  });

  it('the comparison above sees a change to the schema (so it can fail)', () => {
    const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'));
    schema.definitions.claim.properties.status.minLength = 2;
    assert.notStrictEqual(validatorSource(JSON.stringify(schema)), fs.readFileSync(GENERATED_FILE, 'utf8'));
  });

  it('compiles nothing at run time: no `new Function`, no `eval`, no Ajv compiler, only its runtime helpers', () => {
    const text = fs.readFileSync(GENERATED_FILE, 'utf8');
    assert.doesNotMatch(text, /\bnew Function\b|\beval\(|\brequire\(/);
    const imports = [...text.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    assert.ok(imports.length > 0 && imports.every((spec) => spec.startsWith('ajv/dist/runtime/')), `imports: ${imports.join(', ')}`);
  });

  it('reports exactly what Ajv\'s run-time compile of the schema reports, error for error, on edited sidecars (seeded)', () => {
    const treaty = parse(fixture('treaty.md.claims.yaml')) as unknown;
    let invalid = 0;
    let errors = 0;
    const keywords = new Set<string>();
    fc.assert(fc.property(fc.oneof(fc.constant(treaty), sidecarArb.map(sidecarToData)), fc.array(editArb, { maxLength: 3 }), (base, edits) => {
      const data = edits.reduce(edited, base);
      const want = verdict(compiled, data);
      assert.deepStrictEqual(verdict(standalone, data), want);
      // validateSidecarData's problems are built from these errors: the same errors, the same messages.
      if (!want.valid) { invalid++; errors += want.errors.length; for (const e of want.errors) keywords.add(e.keyword); }
    }), { seed: SEED, numRuns: 600 });
    // The property is not vacuous: most runs break the schema, in every way it can be broken.
    assert.ok(invalid > 300 && errors > invalid, `${invalid} invalid of 600, ${errors} errors`);
    for (const k of ['type', 'required', 'additionalProperties', 'enum', 'minLength', 'pattern', 'minimum']) assert.ok(keywords.has(k), `no ${k} error among ${[...keywords].join(', ')}`);
  });

  it('gives validateSidecarData its messages and paths as before', () => {
    const data = parse(fixture('treaty.md.claims.yaml')) as { claims: Record<string, unknown>[] };
    data.claims[0].stauts = 'accurate';
    data.claims[1].status = 3;
    delete data.claims[2].quote;
    (data.claims[0].sources as Record<string, unknown>[]).push({ url: 'https://a.org', stance: 'maybe' });
    const problems = validateSidecarData(data).map((p) => `${p.code}: ${p.message}`);
    const id = (i: number) => String(data.claims[i].id);
    assert.deepStrictEqual(problems.sort(), [
      `invalid-value: Field "stance" of source ${(data.claims[0].sources as unknown[]).length} of claim ${id(0)} must be one of "supports", "refutes", "context", not "maybe".`,
      `missing-field: Claim ${id(2)} is missing the required field "quote".`,
      `unknown-field: Unknown field "stauts" in claim ${id(0)}. Did you mean "status"?`,
      `wrong-type: Field "status" of claim ${id(1)} must be text, not the number 3.`,
    ].sort());
  });
});
