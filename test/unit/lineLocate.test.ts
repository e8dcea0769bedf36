// The line locator (used for sidecars too large to build the yaml Document for a message's line
// and column) against YamlText.locate, on every path of every sidecar the fast reader reads:
// random sidecars with every field and hostile text, hand-edited (comments, blank lines, CRLF,
// indentless sequences, other quoting), and paths that do not exist.
import * as assert from 'assert';
import fc from 'fast-check';
import { serializeSidecar } from '../../src/core/sidecar/sidecarYaml';
import { handEdit, sidecarArb } from '../fixtures/sidecarArbitraries';
import { locatesAsYaml } from '../fixtures/fastYamlCompare';

describe('line locator', () => {
  it('finds every key and value where the yaml Document does, on sidecars written and hand-edited', () => {
    let checked = 0;
    fc.assert(fc.property(sidecarArb, fc.array(handEdit, { maxLength: 3 }), (sidecar, edits) => {
      let first: string | undefined;
      try { first = serializeSidecar(sidecar); } catch { /* a field the schema refuses */ }
      fc.pre(first !== undefined);
      checked += locatesAsYaml(edits.reduce((t, e) => e(t), first!));
    }), { seed: 20261201, numRuns: 300 });
    assert.ok(checked > 10_000, `only ${checked} paths were compared`);
  });

  it('on YAML shapes beyond sidecars: nested and indentless lists, block scalars, comments between keys', () => {
    const cases = [
      'a: 1\nb: 2\n', 'a:\n  - x\n  - y\n', 'a:\n- x\n- y\nb: 1\n', 'a:\n  - b: 1\n    c: 2\n  - b: 3\n', 'a:\n  b: 1\n  c: 2\n',
      'a: |\n  x\n  b: 1\nc: 2\n', 'a: |+\n  x\n\n\nb: 1\n', 'a:\n  # c\n  - x\n  # d\n  - y\n# e\n', 'a: [x, "y"]\nb: 1\n', 'a:    \n  - x\n',
      'k:\n  - a: 1\n    s:\n    - u: 2\n      v: 3\n    - u: 4\n    t: [x]\n  - a: 5\n', '# top\na: 1 # c\n\n\nb:\n  c: |-\n    x\n\n  d: 2\n', 'a: 1\r\nb:\r\n  - c: 2\r\n    d: 3\r\n',
    ];
    let n = 0;
    for (const c of cases) n += locatesAsYaml(c);
    assert.ok(n > 100, `only ${n} paths were compared`);
  });
});
