import * as assert from 'assert';
import { walkRules, walkStep, type WalkRules } from '../../src/core/sidecarWalk';

const DIRS = ['node_modules', '.git', '.vscode-test'];
const linux = { caseInsensitive: false, nfcNames: false };
const mac = { caseInsensitive: true, nfcNames: true };
const rules = (platform = linux, filesExclude?: unknown) => {
  const r = walkRules('.claims.yaml', DIRS, platform, filesExclude);
  assert.ok(!('why' in r), JSON.stringify(r));
  return r as WalkRules;
};
const why = (filesExclude: unknown) => {
  const r = walkRules('.claims.yaml', DIRS, linux, filesExclude);
  return 'why' in r ? r.why : undefined;
};

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
    assert.deepStrictEqual(walkStep('node_modules.claims.yaml', 'file', rules()), { take: 'sidecar' });
  });

  it('skips what files.exclude names as **/<name> (files and folders) or **/<name>/** (folders), and ignores entries switched off', () => {
    const r = rules(linux, { '**/.hg': true, '**/drafts/**': true, '**/old.md.claims.yaml': true, '**/.svn': false, '**/CVS': null });
    assert.deepStrictEqual(walkStep('.hg', 'directory', r), { take: 'skip' });
    assert.deepStrictEqual(walkStep('old.md.claims.yaml', 'file', r), { take: 'skip' });
    assert.deepStrictEqual(walkStep('drafts', 'directory', r), { take: 'skip' });
    assert.deepStrictEqual(walkStep('drafts', 'file', r), { take: 'skip' }); // (not a sidecar either way)
    assert.deepStrictEqual(walkStep('drafts.claims.yaml', 'file', r), { take: 'sidecar' });
    assert.deepStrictEqual(walkStep('.svn', 'directory', r), { take: 'descend' });
    assert.deepStrictEqual(walkStep('CVS', 'directory', r), { take: 'descend' });
  });

  it('skips what files.exclude names as **/*<ending> (code-server has **/*.crswap), files and folders, or as **/*<ending>/** (folders)', () => {
    const r = rules(linux, { '**/*.crswap': true, '**/*.old.md.claims.yaml': true, '**/*.tmp/**': true });
    assert.deepStrictEqual(walkStep('a.md.crswap', 'file', r), { take: 'skip' });
    assert.deepStrictEqual(walkStep('.crswap', 'file', r), { take: 'skip' }); // (* matches nothing too)
    assert.deepStrictEqual(walkStep('x.old.md.claims.yaml', 'file', r), { take: 'skip' });
    assert.deepStrictEqual(walkStep('x.md.claims.yaml', 'file', r), { take: 'sidecar' });
    assert.deepStrictEqual(walkStep('build.tmp', 'directory', r), { take: 'skip' });
    assert.deepStrictEqual(walkStep('build.tmp.claims.yaml', 'file', r), { take: 'sidecar' });
    assert.strictEqual(walkStep('X.OLD.MD.CLAIMS.YAML', 'file', rules(mac, { '**/*.old.md.claims.yaml': true })).take, 'giveUp');
  });

  it('gives up on any other files.exclude pattern, and on a condition', () => {
    assert.match(why({ '**/draft-*.claims.yaml': true }) ?? '', /files\.exclude has the pattern "\*\*\/draft-\*\.claims\.yaml"/);
    assert.match(why({ '**/*.{bak,old}': true }) ?? '', /pattern/);
    assert.match(why({ '**/a?c': true }) ?? '', /pattern/);
    assert.match(why({ 'dist': true }) ?? '', /pattern "dist"/);
    assert.match(why({ 'a/**/b': true }) ?? '', /pattern/);
    assert.match(why({ '**/{a,b}': true }) ?? '', /pattern/);
    assert.match(why({ '**/*.js': { when: '$(basename).ts' } }) ?? '', /condition/);
    assert.match(why(['**/x']) ?? '', /not a map/);
    assert.strictEqual(why({ '**/*.js': false }), undefined);
    assert.strictEqual(why(undefined), undefined);
  });

  it('gives up on links, special files, names not valid UTF-8 and names with a line break, wherever they are', () => {
    assert.strictEqual(walkStep('a.md.claims.yaml', 'link', rules()).take, 'giveUp');
    assert.strictEqual(walkStep('anything', 'link', rules()).take, 'giveUp');
    assert.strictEqual(walkStep('pipe', 'other', rules()).take, 'giveUp');
    assert.strictEqual(walkStep('bad\uFFFDname.txt', 'file', rules()).take, 'giveUp');
    assert.strictEqual(walkStep('bad\uFFFD', 'directory', rules()).take, 'giveUp');
    assert.strictEqual(walkStep('two\nlines.md.claims.yaml', 'file', rules()).take, 'giveUp');
    assert.strictEqual(walkStep('cr\r', 'directory', rules()).take, 'giveUp');
  });

  it('on a case-insensitive file system, gives up on names that match only ignoring case', () => {
    assert.strictEqual(walkStep('A.MD.CLAIMS.YAML', 'file', rules(mac)).take, 'giveUp');
    assert.strictEqual(walkStep('Node_Modules', 'directory', rules(mac)).take, 'giveUp');
    assert.strictEqual(walkStep('.HG', 'directory', rules(mac, { '**/.hg': true })).take, 'giveUp');
    assert.deepStrictEqual(walkStep('node_modules', 'directory', rules(mac)), { take: 'skip' });
    assert.deepStrictEqual(walkStep('a.md.claims.yaml', 'file', rules(mac)), { take: 'sidecar' });
    assert.deepStrictEqual(walkStep('Sub', 'directory', rules(mac)), { take: 'descend' });
  });

  it('on macOS, gives up on a name not in NFC (VS Code gives names in NFC there); elsewhere a name is as stored', () => {
    const nfd = 'Cafe\u0301.md.claims.yaml';
    assert.strictEqual(walkStep(nfd, 'file', rules(mac)).take, 'giveUp');
    assert.deepStrictEqual(walkStep(nfd.normalize('NFC'), 'file', rules(mac)), { take: 'sidecar' });
    assert.deepStrictEqual(walkStep(nfd, 'file', rules()), { take: 'sidecar' });
  });

  it('refuses suffixes and folder names that are not plain (they would be globs to the file search)', () => {
    assert.ok('why' in walkRules('*.yaml', [], linux));
    assert.ok('why' in walkRules('.claims.{yaml,yml}', [], linux));
    assert.ok('why' in walkRules('.claims.yaml', ['node_*'], linux));
    assert.ok(!('why' in walkRules('.claims.yaml', ['node_modules'], linux)));
  });
});
