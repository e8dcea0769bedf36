// Validation of sidecar data against schemas/claims.schema.json (the same file VS Code's YAML
// extension uses for hovers), plus the checks a schema cannot express: duplicate ids, statuses
// missing from the configured scale and a friendly message for a newer format version.
// The schema's validator is generated from it at development time (Ajv's standalone code, in
// claimsSchemaValidator.generated.ts, held to the schema by test/unit/schemaValidator.test.ts):
// nothing is compiled at run time, so no `new Function` and no compile at the first sidecar.
import type { ErrorObject } from 'ajv';
import generatedValidator from './claimsSchemaValidator.generated';
import { FORMAT_VERSION } from '../model';
import type { Problem } from '../model';
import { findStatus } from '../statusScale';
import type { StatusScale } from '../statusScale';
import { sidecarToData } from './claimData';
import { didYouMean } from './didYouMean';
import type { LoadedSidecar } from './loadedSidecar';

export type SidecarPath = readonly (string | number)[];
/** Maps a path in the data to a 1-based line/column in the file (from the parsed YAML). */
export type Locator = (path: SidecarPath, part?: 'key' | 'value') => { line: number; column: number };

export interface ValidateOptions {
  file?: string;
  /**
   * When given, a status that is not one of its keys is an error (`unknown-status`: a typo or a
   * status removed from the scale must fail CI). It is an error of that claim, not of the file:
   * the file still loads (see CLAIM_ERRORS), and the claim's status can be set again.
   */
  scale?: StatusScale;
  locate?: Locator;
}

/** Ajv's validator of schemas/claims.schema.json: true when valid, else its `errors` say why. */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}
const validate = generatedValidator as SchemaValidator;

export function validateSidecarData(data: unknown, options: ValidateOptions = {}): Problem[] {
  const at = (path: SidecarPath, part?: 'key' | 'value') => options.locate?.(path, part) ?? {};
  const problem = (severity: Problem['severity'], code: string, message: string, path: SidecarPath, part?: 'key' | 'value'): Problem =>
    ({ severity, code, message, file: options.file, ...at(path, part) });

  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const what = Array.isArray(data) ? 'a list' : data === null || data === undefined ? 'empty' : `a ${typeof data}`;
    return [problem('error', 'not-a-mapping', `A sidecar must be a mapping with \`factmark\`, \`article\` and \`claims\`; this file is ${what}.`, [])];
  }
  const version = (data as Record<string, unknown>).factmark;
  if (typeof version === 'number' && version > FORMAT_VERSION) {
    return [problem('error', 'unsupported-version',
      `This file uses sidecar format version ${version}; this Factmark reads version ${FORMAT_VERSION}. Update Factmark to read it.`, ['factmark'])];
  }

  const problems: Problem[] = [];
  if (!validate(data)) {
    for (const e of validate.errors ?? []) {
      const path = toPath(data, e.instancePath);
      problems.push(schemaProblem(e, path, data, problem));
    }
  }
  problems.push(...duplicateIds(data, problem));
  if (options.scale) problems.push(...unknownStatuses(data, options.scale, problem));
  return problems;
}

type MakeProblem = (severity: Problem['severity'], code: string, message: string, path: SidecarPath, part?: 'key' | 'value') => Problem;

function schemaProblem(e: ErrorObject, path: SidecarPath, data: unknown, problem: MakeProblem): Problem {
  const where = describe(path, data);
  switch (e.keyword) {
    case 'additionalProperties': {
      const field = String(e.params.additionalProperty);
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const hint = didYouMean(field, known);
      return problem('error', 'unknown-field',
        `Unknown field "${field}" in ${where}.${hint ? ` Did you mean "${hint}"?` : ` Known fields: ${known.join(', ')}.`}`, [...path, field], 'key');
    }
    case 'required':
      return problem('error', 'missing-field', `${capitalise(where)} is missing the required field "${String(e.params.missingProperty)}".`, path);
    case 'type':
      return problem('error', 'wrong-type', `${capitalise(where)} must be ${article(String(e.params.type))}, not ${typeName(e.data)}.`, path);
    default:
      return problem('error', 'invalid-value', `${capitalise(where)} ${explain(e)}.`, path);
  }
}

function explain(e: ErrorObject): string {
  const description = (e.parentSchema as { description?: string } | undefined)?.description;
  switch (e.keyword) {
    case 'enum': return `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(e.data)}`;
    case 'minLength': return 'must not be empty';
    case 'minimum': return `must be at least ${String(e.params.limit)}`;
    case 'pattern': return `has an invalid value ${JSON.stringify(e.data)}${description ? ` (${description})` : ''}`;
    default: return e.message ?? 'is invalid';
  }
}

function duplicateIds(data: object, problem: MakeProblem): Problem[] {
  const claims = (data as { claims?: unknown }).claims;
  if (!Array.isArray(claims)) return [];
  const firstIndex = new Map<string, number>();
  const problems: Problem[] = [];
  claims.forEach((c, i) => {
    const id = (c as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return;
    const first = firstIndex.get(id);
    if (first === undefined) { firstIndex.set(id, i); return; }
    problems.push(problem('error', 'duplicate-id', `Claim id "${id}" is used twice (claims[${first}] and claims[${i}]); ids must be unique.`, ['claims', i, 'id']));
  });
  return problems;
}

function unknownStatuses(data: object, scale: StatusScale, problem: MakeProblem): Problem[] {
  const claims = (data as { claims?: unknown }).claims;
  if (!Array.isArray(claims)) return [];
  const problems: Problem[] = [];
  claims.forEach((c, i) => {
    const status = (c as { status?: unknown } | null)?.status;
    if (typeof status !== 'string' || findStatus(scale, status)) return;
    const hint = didYouMean(status, scale.statuses.map((s) => s.key));
    problems.push(problem('error', 'unknown-status',
      `Status "${status}" of ${describe(['claims', i], data)} is not on the status scale.${hint ? ` Did you mean "${hint}"?` : ` Known statuses: ${scale.statuses.map((s) => s.key).join(', ')}.`}`,
      ['claims', i, 'status']));
  });
  return problems;
}

/** JSON pointer → path, with array indices as numbers. */
function toPath(data: unknown, pointer: string): SidecarPath {
  if (!pointer) return [];
  const path: (string | number)[] = [];
  let node: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const key = Array.isArray(node) ? Number(seg) : seg;
    path.push(key);
    node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined;
  }
  return path;
}

/** "claim k3xq7d", "source 1 of claim k3xq7d", "field status of claim k3xq7d", "the file". */
function describe(path: SidecarPath, data: unknown): string {
  if (path.length === 0) return 'the file';
  if (path[0] !== 'claims') return `field "${path.join('.')}"`;
  if (path.length === 1) return 'field "claims"';
  const claim = (data as { claims: unknown[] }).claims[path[1] as number] as { id?: unknown } | null;
  const name = typeof claim?.id === 'string' ? `claim ${claim.id}` : `claims[${String(path[1])}]`;
  const rest = path.slice(2);
  if (rest.length === 0) return name;
  if (rest[0] === 'sources' && typeof rest[1] === 'number') {
    const src = `source ${rest[1] + 1} of ${name}`;
    return rest.length === 2 ? src : `field "${rest.slice(2).join('.')}" of ${src}`;
  }
  return `field "${rest.map((s) => (typeof s === 'number' ? `[${s}]` : s)).join('.').replace(/\.\[/g, '[')}" of ${name}`;
}

function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'number') return Number.isInteger(v) ? `the number ${v}` : `the number ${v}`;
  return typeof v === 'string' ? `the text ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}` : `${typeof v} ${String(v)}`;
}

function article(type: string): string {
  const names: Record<string, string> = { string: 'text', integer: 'a whole number', number: 'a number', array: 'a list', object: 'a mapping', boolean: 'true or false' };
  return names[type] ?? type;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Error codes that concern one claim's value, not the file: a file with them still loads and is written. */
export const CLAIM_ERRORS: ReadonlySet<string> = new Set(['unknown-status']);

/** Statuses of a loaded sidecar that are not on `scale`, as errors with their line/column. */
export function validateStatuses(loaded: LoadedSidecar, scale: StatusScale): Problem[] {
  return validateSidecarData(sidecarToData(loaded.sidecar), { scale, locate: loaded.layout.locate, file: loaded.layout.file })
    .filter((p) => p.code === 'unknown-status');
}
