// Shared helpers for the sidecar tests (not a test file itself).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Claim, Sidecar } from '../../src/core/model';
import { parseSidecar } from '../../src/core/sidecar/sidecarYaml';
import type { LoadedSidecar } from '../../src/core/sidecar/sidecarYaml';

export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'sidecars');

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

export function load(source: string, file = 'treaty.md.claims.yaml'): LoadedSidecar {
  const result = parseSidecar(source, file);
  if (!result.ok) assert.fail(`expected ${file} to parse: ${JSON.stringify(result.problems, null, 2)}`);
  return result.loaded;
}

export function copy(sidecar: Sidecar): Sidecar {
  return structuredClone(sidecar);
}

export function claim(id: string, extra: Partial<Claim> = {}): Claim {
  return { id, quote: `quote of ${id}`, before: 'before ', after: ' after', status: 'unverified', sources: [], ...extra };
}

/** Lines that differ between two texts of the same line count, as 1-based numbers. */
export function changedLines(a: string, b: string): number[] {
  const x = a.split('\n');
  const y = b.split('\n');
  assert.strictEqual(y.length, x.length, 'expected the same number of lines');
  return x.flatMap((line, i) => (line === y[i] ? [] : [i + 1]));
}
