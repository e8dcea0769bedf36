// Conflict text written by the merge driver, and reading it back: splitConflicts (also for
// git's own line-merge markers, with and without a diff3 base), listing the conflicting claims
// and resolving them claim by claim.
import * as assert from 'assert';
import type { Claim, Sidecar } from '../../src/core/model';
import { mergeSidecarTexts } from '../../src/core/merge/conflictText';
import { listClaimConflicts, resolveConflictedSidecar } from '../../src/core/merge/resolveClaimConflicts';
import { splitConflicts } from '../../src/core/merge/splitConflicts';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar/sidecarYaml';
import { claim, load } from '../fixtures/sidecars/fixtures';

const T0 = '2026-11-28T12:00:00Z';
const base: Sidecar = {
  factmark: 1, article: 'treaty.md',
  claims: ['aaaaaa', 'bbbbbb', 'cccccc'].map((id, i) => claim(id, { offset: (i + 1) * 100, line: i + 1, created: T0, updated: T0, by: 'Jane' })),
};
const baseText = serializeSidecar(base);

function edit(f: (s: Sidecar) => void, from = baseText): string {
  const loaded = load(from);
  const next = structuredClone(loaded.sidecar);
  f(next);
  return serializeSidecar(next, loaded);
}
const find = (s: Sidecar, id: string) => s.claims.find((c) => c.id === id) as Claim;
const parsed = (text: string) => { const r = parseSidecar(text); assert.ok(r.ok, `expected a valid sidecar:\n${text}`); return r.loaded.sidecar; };
/** The merge driver's text; fails the test when the merge fell back. */
const merge = (...args: Parameters<typeof mergeSidecarTexts>) => { const m = mergeSidecarTexts(...args); assert.ok(m.ok, !m.ok ? m.reason : ''); return m; };
const markerLines = (text: string) => text.split('\n').filter((l) => /^(<{7}|={7}|>{7}|\|{7})/.test(l));

// Ours rates aaaaaa accurate and rewords a comment-free claim cccccc; theirs rates aaaaaa
// inaccurate and tags bbbbbb.
const oursText = edit((s) => { Object.assign(find(s, 'aaaaaa'), { status: 'accurate', updated: '2026-11-29T10:00:00Z', by: 'Ana' }); find(s, 'cccccc').explanation = 'ours'; });
const theirsText = edit((s) => { Object.assign(find(s, 'aaaaaa'), { status: 'inaccurate', updated: '2026-11-29T11:00:00Z', by: 'Ben' }); find(s, 'bbbbbb').tags = ['budget']; });

describe('merge conflicts written and read claim by claim', () => {
  const merged = merge(load(baseText), load(oursText), load(theirsText));

  it('marks only the claim changed differently on both sides', () => {
    assert.deepStrictEqual(merged.conflicts.map((c) => [c.id, c.fields]), [['aaaaaa', ['status']]]);
    assert.deepStrictEqual(markerLines(merged.text), ['<<<<<<< ours', '=======', '>>>>>>> theirs']);
    const hunk = merged.text.slice(merged.text.indexOf('<<<<<<<'), merged.text.indexOf('>>>>>>>'));
    assert.ok(hunk.includes('aaaaaa') && !hunk.includes('bbbbbb') && !hunk.includes('cccccc'), hunk);
    assert.match(hunk, /status: accurate[\s\S]*=======[\s\S]*status: inaccurate/);
    // Outside the hunk both sides' other changes are merged.
    assert.ok(merged.text.includes('budget') && merged.text.includes('explanation: ours'));
  });

  it('each side of the hunk carries the non-conflicting changes, so either is a whole merge', () => {
    const sides = splitConflicts(merged.text);
    assert.ok(sides);
    const o = parsed(sides.ours), t = parsed(sides.theirs);
    assert.strictEqual(find(o, 'aaaaaa').status, 'accurate');
    assert.strictEqual(find(t, 'aaaaaa').status, 'inaccurate');
    for (const s of [o, t]) {
      assert.deepStrictEqual(find(s, 'bbbbbb').tags, ['budget']);
      assert.strictEqual(find(s, 'cccccc').explanation, 'ours');
    }
  });

  it('adds the base version between ||||||| and ======= in diff3 style, and splitConflicts recovers it', () => {
    const d3 = merge(load(baseText), load(oursText), load(theirsText), { diff3: true });
    assert.deepStrictEqual(markerLines(d3.text), ['<<<<<<< ours', '||||||| base', '=======', '>>>>>>> theirs']);
    const sides = splitConflicts(d3.text);
    assert.ok(sides?.base !== undefined);
    assert.strictEqual(find(parsed(sides.base), 'aaaaaa').status, 'unverified');
  });

  it('lists the conflicting claim with both versions, and resolves it each way', () => {
    const list = listClaimConflicts(merged.text);
    assert.ok(list.ok);
    assert.deepStrictEqual(list.value.conflicts.map((c) => [c.id, c.ours?.status, c.theirs?.status]), [['aaaaaa', 'accurate', 'inaccurate']]);
    for (const [choice, status] of [['ours', 'accurate'], ['theirs', 'inaccurate']] as const) {
      const r = resolveConflictedSidecar(merged.text, { aaaaaa: choice });
      assert.ok(r.ok);
      const s = parsed(r.text);
      assert.deepStrictEqual(s.claims.map((c) => c.id), ['aaaaaa', 'bbbbbb', 'cccccc']);
      assert.strictEqual(find(s, 'aaaaaa').status, status);
      assert.deepStrictEqual(find(s, 'bbbbbb').tags, ['budget']);
      assert.strictEqual(markerLines(r.text).length, 0);
    }
  });

  it("'both' keeps theirs as a new claim with a new id, next to ours", () => {
    const r = resolveConflictedSidecar(merged.text, { aaaaaa: 'both' }, undefined, () => 'zzzzzz');
    assert.ok(r.ok);
    assert.deepStrictEqual(r.renamed, { aaaaaa: 'zzzzzz' });
    const s = parsed(r.text);
    assert.deepStrictEqual(s.claims.map((c) => `${c.id}:${c.status}`).sort(), ['aaaaaa:accurate', 'bbbbbb:unverified', 'cccccc:unverified', 'zzzzzz:inaccurate']);
    assert.strictEqual(find(s, 'zzzzzz').quote, find(s, 'aaaaaa').quote);
  });

  it('refuses to resolve without a choice for every conflicting claim', () => {
    const r = resolveConflictedSidecar(merged.text, {});
    assert.ok(!r.ok);
    assert.deepStrictEqual(r.missing, ['aaaaaa']);
  });

  it('keeps an edited claim the other side deleted as a conflict with one empty side', () => {
    const deleted = edit((s) => { s.claims = s.claims.filter((c) => c.id !== 'bbbbbb'); });
    const edited = edit((s) => { find(s, 'bbbbbb').status = 'mixed'; });
    const m = merge(load(baseText), load(deleted), load(edited));
    assert.deepStrictEqual(m.conflicts.map((c) => c.id), ['bbbbbb']);
    const sides = splitConflicts(m.text)!;
    assert.deepStrictEqual(parsed(sides.ours).claims.map((c) => c.id), ['aaaaaa', 'cccccc']);
    assert.strictEqual(find(parsed(sides.theirs), 'bbbbbb').status, 'mixed');
    const keep = resolveConflictedSidecar(m.text, { bbbbbb: 'theirs' });
    assert.ok(keep.ok && find(keep.sidecar, 'bbbbbb').status === 'mixed');
    const drop = resolveConflictedSidecar(m.text, { bbbbbb: 'ours' });
    assert.ok(drop.ok);
    assert.deepStrictEqual(drop.sidecar.claims.map((c) => c.id), ['aaaaaa', 'cccccc']);
  });

  it("reads git's own line-merge markers (driver not installed): differences become per-claim choices", () => {
    // What git writes when both sides changed the same lines: a hunk of raw YAML lines.
    const o = oursText.split('\n'), t = theirsText.split('\n');
    let first = 0;
    while (o[first] === t[first]) first++;
    let last = 0;
    while (o[o.length - 1 - last] === t[t.length - 1 - last]) last++;
    const gitText = [...o.slice(0, first), '<<<<<<< HEAD', ...o.slice(first, o.length - last), '=======', ...t.slice(first, t.length - last), '>>>>>>> feature', ...o.slice(o.length - last)].join('\n');
    assert.ok(!parseSidecar(gitText).ok, 'a conflicted file is not a sidecar');
    const list = listClaimConflicts(gitText);
    assert.ok(list.ok);
    assert.strictEqual(list.value.hasBase, false);
    // Without a base every claim that differs is a choice: aaaaaa (both), bbbbbb and cccccc (one side each).
    assert.deepStrictEqual(list.value.conflicts.map((c) => c.id), ['aaaaaa', 'bbbbbb', 'cccccc']);
    const r = resolveConflictedSidecar(gitText, { aaaaaa: 'theirs', bbbbbb: 'theirs', cccccc: 'ours' });
    assert.ok(r.ok);
    assert.strictEqual(find(r.sidecar, 'aaaaaa').status, 'inaccurate');
    assert.deepStrictEqual(find(r.sidecar, 'bbbbbb').tags, ['budget']);
    assert.strictEqual(find(r.sidecar, 'cccccc').explanation, 'ours');
  });

  it('splitConflicts refuses markers that are not well nested and needs a base in every hunk', () => {
    assert.strictEqual(splitConflicts('a\n<<<<<<< ours\nb\n'), undefined);
    assert.strictEqual(splitConflicts('a\n=======\nb\n>>>>>>> theirs\n'), undefined);
    assert.strictEqual(splitConflicts('plain text\n'), undefined);
    const mixed = '<<<<<<< a\n1\n||||||| b\n0\n=======\n2\n>>>>>>> c\nx\n<<<<<<< a\n3\n=======\n4\n>>>>>>> c\n';
    const s = splitConflicts(mixed)!;
    assert.deepStrictEqual([s.ours, s.theirs, s.base, s.hunks], ['1\nx\n3\n', '2\nx\n4\n', undefined, 2]);
    const crlf = splitConflicts('k\r\n<<<<<<< a\r\n1\r\n=======\r\n2\r\n>>>>>>> b\r\n')!;
    assert.deepStrictEqual([crlf.ours, crlf.theirs], ['k\r\n1\r\n', 'k\r\n2\r\n']);
  });
});
