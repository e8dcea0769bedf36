import * as assert from 'assert';
import { walkRules, walkStep, type WalkRules } from '../../src/core/sidecarWalk';

const rules = (caseInsensitive = false) => walkRules('.claims.yaml', ['node_modules', '.git', '.vscode-test'], caseInsensitive) as WalkRules;

describe('sidecarWalk: what the desktop listing does with each entry', () => {
  it('takes files that end with the suffix, skips the others', () => {
    assert.deepStrictEqual(walkStep('a.md.claims.yaml', 'file', rules()), { take: 'sidecar' });
    assert.deepStrictEqual(walkStep('.claims.yaml', 'file', rules()), { take: 'sidecar' });
    assert.deepStrictEqual(walkStep('a.md.claims.yml', 'file', rules()), { take: 'skip' });
    assert.deepStrictEqual(walkStep('a.md.claims.yaml~', 'file', rules()), { take: 'skip' });
    // Case-sensitive file systems: a name in capitals is another name, as for the file search there.
    assert.deepStrictEqual(walkStep('A.MD.CLAIMS.YAML', 'file', rules()), { take: 'skip' });
  });

  it('lists folders, skips the excluded ones by exact name, and lists a folder named like a sidecar', () => {
    assert.deepStrictEqual(walkStep('sub', 'directory', rules()), { take: 'descend' });
    assert.deepStrictEqual(walkStep('node_modules', 'directory', rules()), { take: 'skip' });
    assert.deepStrictEqual(walkStep('.git', 'directory', rules()), { take: 'skip' });
    assert.deepStrictEqual(walkStep('.vscode-test', 'directory', rules()), { take: 'skip' });
    assert.deepStrictEqual(walkStep('.gitx', 'directory', rules()), { take: 'descend' });
    assert.deepStrictEqual(walkStep('x.claims.yaml', 'directory', rules()), { take: 'descend' });
    // A file named like an excluded folder is a file.
    assert.deepStrictEqual(walkStep('.git', 'file', rules()), { take: 'skip' });
  });

  it('gives up on links, special files and names not valid UTF-8, wherever they are', () => {
    assert.strictEqual(walkStep('a.md.claims.yaml', 'link', rules()).take, 'giveUp');
    assert.strictEqual(walkStep('anything', 'link', rules()).take, 'giveUp');
    assert.strictEqual(walkStep('pipe', 'other', rules()).take, 'giveUp');
    assert.strictEqual(walkStep('bad\uFFFDname.txt', 'file', rules()).take, 'giveUp');
    assert.strictEqual(walkStep('bad\uFFFD', 'directory', rules()).take, 'giveUp');
  });

  it('on a case-insensitive file system, gives up on names that match only ignoring case', () => {
    assert.strictEqual(walkStep('A.MD.CLAIMS.YAML', 'file', rules(true)).take, 'giveUp');
    assert.strictEqual(walkStep('Node_Modules', 'directory', rules(true)).take, 'giveUp');
    assert.deepStrictEqual(walkStep('node_modules', 'directory', rules(true)), { take: 'skip' });
    assert.deepStrictEqual(walkStep('a.md.claims.yaml', 'file', rules(true)), { take: 'sidecar' });
    assert.deepStrictEqual(walkStep('Sub', 'directory', rules(true)), { take: 'descend' });
  });

  it('refuses suffixes and folder names that are not plain (they would be globs to the file search)', () => {
    assert.ok('why' in walkRules('*.yaml', [], false));
    assert.ok('why' in walkRules('.claims.{yaml,yml}', [], false));
    assert.ok('why' in walkRules('.claims.yaml', ['node_*'], false));
    assert.ok(!('why' in walkRules('.claims.yaml', ['node_modules'], false)));
  });
});
