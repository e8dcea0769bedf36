import * as assert from 'assert';
import { CONFIG_FILE, loadConfig } from '../../src/core/config';
import { DEFAULT_SCALE } from '../../src/core/statusScale';
import { DEFAULT_POLICY } from '../../src/core/workflow/repoPolicy';

describe('repo config (.factmark.yaml)', () => {
  it('no file, an empty file or no scale settings give the default scale', () => {
    assert.deepStrictEqual(loadConfig(), { scale: DEFAULT_SCALE, policy: DEFAULT_POLICY, problems: [] });
    assert.deepStrictEqual(loadConfig(''), { scale: DEFAULT_SCALE, policy: DEFAULT_POLICY, problems: [] });
    assert.deepStrictEqual(loadConfig('# nothing\n'), { scale: DEFAULT_SCALE, policy: DEFAULT_POLICY, problems: [] });
  });

  it('reads a custom scale and its initial status', () => {
    const { scale, problems } = loadConfig([
      'statuses:',
      '  - key: open',
      '    label: Open',
      '  - key: true-claim',
      '    label: "True"',
      '    rating: 5',
      '    color: "#00aa00"',
      'initial: open',
    ].join('\n'));
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(scale.statuses.map((s) => [s.key, s.label, s.settled]), [['open', 'Open', false], ['true-claim', 'True', true]]);
    assert.strictEqual(scale.initial, 'open');
  });

  it('`initial` alone changes the default scale\'s initial status', () => {
    const { scale } = loadConfig('initial: in-progress\n');
    assert.strictEqual(scale.initial, 'in-progress');
    assert.deepStrictEqual(scale.statuses, DEFAULT_SCALE.statuses);
    const wrong = loadConfig('initial: nope\n');
    assert.strictEqual(wrong.scale, DEFAULT_SCALE);
    assert.deepStrictEqual(wrong.problems.map((p) => [p.code, p.line, p.column]), [['config-invalid', 1, 10]]);
  });

  it('an invalid scale falls back to the default, naming the entry with its line and column', () => {
    const { scale, problems } = loadConfig('statuses:\n  - key: ok\n  - key: Bad Key\n', 'repo/.factmark.yaml');
    assert.strictEqual(scale, DEFAULT_SCALE);
    assert.strictEqual(problems.length, 1);
    assert.deepStrictEqual([problems[0].code, problems[0].file, problems[0].line, problems[0].column], ['config-invalid', 'repo/.factmark.yaml', 3, 10]);
    assert.match(problems[0].message, /statuses\[1\]\.key .*default scale/);
  });

  it('unknown settings are warnings with a suggestion', () => {
    const { scale, problems } = loadConfig('initail: unverified\n');
    assert.strictEqual(scale, DEFAULT_SCALE);
    assert.deepStrictEqual(problems.map((p) => [p.severity, p.code, p.line, p.column, p.file]), [['warning', 'unknown-field', 1, 1, CONFIG_FILE]]);
    assert.match(problems[0].message, /Did you mean "initial"/);
  });

  it('broken YAML, conflicts and a list are reported, never thrown', () => {
    for (const [source, code] of [['statuses: [a\n', 'yaml-syntax'], ['<<<<<<< HEAD\ninitial: a\n=======\ninitial: b\n>>>>>>> x\n', 'git-conflict'], ['- a\n', 'config-invalid']]) {
      const { scale, problems } = loadConfig(source);
      assert.strictEqual(scale, DEFAULT_SCALE);
      assert.strictEqual(problems[0].code, code, source);
      assert.ok(problems[0].line! >= 1 && problems[0].column! >= 1);
    }
  });
});
