// mergeLines, the line merge under the merge driver's formatting merge, side by side with
// `git merge-file` (what git would have done without the driver) on seeded random edits of the
// same base: the same clean result where git merges cleanly, a conflict where git conflicts.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { mergeLines } from '../../src/core/merge/lineMerge';
import { assertSeeded } from '../fixtures/adversarial/seeded';

function gitMergeFile(base: string, ours: string, theirs: string): { text: string; conflicts: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-linemerge-'));
  try {
    const f = (n: string, t: string) => { fs.writeFileSync(path.join(dir, n), t); return path.join(dir, n); };
    const o = f('o', ours), b = f('b', base), t = f('t', theirs);
    let conflicts = 0;
    try {
      execFileSync('git', ['merge-file', '-L', 'ours', '-L', 'base', '-L', 'theirs', o, b, t], { stdio: 'ignore' });
    } catch (e) {
      conflicts = (e as { status: number }).status;
    }
    return { text: fs.readFileSync(o, 'utf8'), conflicts };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const BASE = Array.from({ length: 24 }, (_, i) => `line ${i}`);

/** One side's edits of BASE: a few lines replaced, removed or inserted, each far from the others or not. */
const side = fc.array(fc.record({ at: fc.nat({ max: BASE.length - 1 }), kind: fc.constantFrom('replace', 'delete', 'insert'), text: fc.constantFrom('x', 'y', 'comment', '# note') }), { maxLength: 4 });

function apply(edits: { at: number; kind: string; text: string }[], tag: string): string {
  const lines = [...BASE];
  for (const e of [...edits].sort((a, b) => b.at - a.at)) {
    if (e.at >= lines.length) continue;
    if (e.kind === 'replace') lines[e.at] = `${e.text} ${tag}`;
    else if (e.kind === 'delete') lines.splice(e.at, 1);
    else lines.splice(e.at, 0, `${e.text} ${tag}`);
  }
  return lines.join('\n') + '\n';
}

describe('mergeLines', () => {
  it('takes one side\'s change, merges changes apart, and marks overlapping ones', () => {
    const base = 'a\nb\nc\nd\ne\n';
    assert.deepStrictEqual(mergeLines(base, 'a\nB\nc\nd\ne\n', 'a\nb\nc\nd\nE\n'), { text: 'a\nB\nc\nd\nE\n', conflicts: 0 });
    assert.deepStrictEqual(mergeLines(base, 'a\nB\nc\nd\ne\n', 'a\nB\nc\nd\ne\n'), { text: 'a\nB\nc\nd\ne\n', conflicts: 0 }, 'the same change on both sides is no conflict');
    const m = mergeLines(base, 'a\nB1\nc\nd\ne\n', 'a\nB2\nc\nd\ne\n', { diff3: true });
    assert.strictEqual(m.conflicts, 1);
    assert.strictEqual(m.text, 'a\n<<<<<<< ours\nB1\n||||||| base\nb\n=======\nB2\n>>>>>>> theirs\nc\nd\ne\n');
  });

  it('agrees with git merge-file on seeded random edits (clean results byte for byte, conflicts as conflicts)', function () {
    this.timeout(120_000);
    let clean = 0, conflicted = 0;
    assertSeeded('mergeLines vs git merge-file', fc.property(side, side, (a, b) => {
      const base = BASE.join('\n') + '\n', ours = apply(a, 'ours'), theirs = apply(b, 'theirs');
      const mine = mergeLines(base, ours, theirs);
      const git = gitMergeFile(base, ours, theirs);
      assert.strictEqual(mine.conflicts > 0, git.conflicts > 0, `git ${git.conflicts} conflicts, ours ${mine.conflicts}\n--- git\n${git.text}\n--- mergeLines\n${mine.text}`);
      if (git.conflicts === 0) { assert.strictEqual(mine.text, git.text); clean++; } else conflicted++;
    }), 808, 150);
    assert.ok(clean > 30 && conflicted > 10, `the edits exercise both outcomes (${clean} clean, ${conflicted} conflicts)`);
  });
});
