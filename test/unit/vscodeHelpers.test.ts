// Pure helpers behind the VS Code commands: claim navigation, source input checks, git conflict
// markers and resolving a sidecar that has them.
import * as assert from 'assert';
import { claimAt, isOpenClaim, stepClaim } from '../../src/core/navigation';
import { asSourceUrl, buildSource, isoDate, parseTags, validateIsoDate, validateSourceUrl } from '../../src/core/sourceInput';
import { hasConflictMarkers, splitConflicts } from '../../src/core/merge/splitConflicts';
import { resolveConflictedSidecar } from '../../src/core/merge/resolveClaimConflicts';
import { DEFAULT_SCALE } from '../../src/core/statusScale';
import type { ClaimEntry } from '../../src/core/store/types';
import { parseSidecar } from '../../src/core/sidecar/sidecarYaml';

function entry(id: string, start: number | undefined, end: number | undefined, status = 'unverified', state: ClaimEntry['state'] = 'anchored'): ClaimEntry {
  return { claim: { id, quote: id, before: '', after: '', status, sources: [] }, state, start, end, reason: '', confidence: 1 };
}

describe('claim navigation', () => {
  const claims = [entry('c', 50, 60), entry('a', 10, 20), entry('orphan', undefined, undefined, 'unverified', 'orphaned'), entry('b', 30, 40, 'accurate')];

  it('goes to the next claim in article order and wraps after the last', () => {
    const order: string[] = [];
    let cursor = 0;
    for (let i = 0; i < 4; i++) {
      const r = stepClaim(claims, cursor, 1);
      assert.ok(r);
      order.push(r.entry.claim.id + (r.wrapped ? '*' : ''));
      cursor = r.entry.start as number;
    }
    assert.deepStrictEqual(order, ['a', 'b', 'c', 'a*']);
  });

  it('goes backwards and wraps before the first', () => {
    const r1 = stepClaim(claims, 30, -1);
    const r2 = stepClaim(claims, 10, -1);
    assert.strictEqual(r1?.entry.claim.id, 'a');
    assert.deepStrictEqual([r2?.entry.claim.id, r2?.wrapped], ['c', true]);
  });

  it('skips orphaned claims and counts only placed ones', () => {
    const r = stepClaim(claims, 0, 1);
    assert.strictEqual(r?.total, 3);
  });

  it('next open claim skips settled claims unless their words changed', () => {
    const open = (e: ClaimEntry) => isOpenClaim(e, DEFAULT_SCALE);
    assert.strictEqual(stepClaim(claims, 10, 1, open)?.entry.claim.id, 'c');
    const changed = claims.map((e) => (e.claim.id === 'b' ? { ...e, state: 'changed' as const } : e));
    assert.strictEqual(stepClaim(changed, 10, 1, open)?.entry.claim.id, 'b');
  });

  it('returns nothing when no claim is placed', () => {
    assert.strictEqual(stepClaim([entry('x', undefined, undefined)], 0, 1), undefined);
  });

  it('finds the innermost claim at an offset', () => {
    const nested = [entry('outer', 0, 100), entry('inner', 40, 50)];
    assert.strictEqual(claimAt(nested, 45)?.claim.id, 'inner');
    assert.strictEqual(claimAt(nested, 10)?.claim.id, 'outer');
    assert.strictEqual(claimAt(nested, 101), undefined);
  });
});

describe('source input checks', () => {
  it('accepts http and https addresses only', () => {
    assert.strictEqual(validateSourceUrl('https://example.org/report.pdf'), undefined);
    assert.strictEqual(validateSourceUrl('http://example.org'), undefined);
    assert.match(validateSourceUrl('ftp://example.org') ?? '', /http/);
    assert.match(validateSourceUrl('example.org') ?? '', /web address/);
    assert.match(validateSourceUrl('  ') ?? '', /address/);
  });

  it('offers the clipboard only when it holds one URL', () => {
    assert.strictEqual(asSourceUrl(' https://example.org/a \n'), 'https://example.org/a');
    assert.strictEqual(asSourceUrl('see https://example.org/a'), undefined);
    assert.strictEqual(asSourceUrl(undefined), undefined);
  });

  it('writes dates as YYYY-MM-DD and refuses impossible ones', () => {
    assert.strictEqual(isoDate(new Date(2026, 0, 5)), '2026-01-05');
    assert.strictEqual(validateIsoDate('2026-02-28'), undefined);
    assert.ok(validateIsoDate('2026-02-30'));
    assert.ok(validateIsoDate('28/02/2026'));
    assert.strictEqual(validateIsoDate(''), undefined);
  });

  it('builds a source the one way: checked, trimmed, empty fields dropped, dated today unless told otherwise', () => {
    const full = buildSource({ url: ' https://example.org/a ', title: '  Report ', excerpt: '', stance: 'refutes', archive: ' https://web.archive.org/web/2026/https://example.org/a' }, '2026-03-04');
    assert.deepStrictEqual(full, { ok: true, source: { url: 'https://example.org/a', title: 'Report', accessed: '2026-03-04', archive: 'https://web.archive.org/web/2026/https://example.org/a', stance: 'refutes' } });
    assert.deepStrictEqual(buildSource({ url: 'https://example.org/a', accessed: '' }, '2026-03-04'), { ok: true, source: { url: 'https://example.org/a' } }, 'an emptied date stays empty');
    assert.deepStrictEqual(buildSource({ url: 'https://example.org/a', accessed: '2025-12-31', stance: ' ' }), { ok: true, source: { url: 'https://example.org/a', accessed: '2025-12-31' } });
    assert.deepStrictEqual(buildSource({ url: 'https://example.org/a' }), { ok: true, source: { url: 'https://example.org/a', accessed: isoDate() } }, 'by default: the local date today');
    const refused = (f: Parameters<typeof buildSource>[0]) => { const r = buildSource(f, '2026-03-04'); return r.ok ? 'accepted' : r.message; };
    assert.match(refused({ url: 'javascript:alert(1)' }), /http/);
    assert.match(refused({}), /address/);
    assert.match(refused({ url: 'https://example.org', archive: 'file:///etc/passwd' }), /^Archive link: .*http/);
    assert.match(refused({ url: 'https://example.org', accessed: '2026-02-30' }), /^Accessed: /);
    assert.match(refused({ url: 'https://example.org', stance: 'agrees' }), /supports, refutes, context/);
  });

  it('splits tags on commas and spaces without repeats', () => {
    assert.deepStrictEqual(parseTags('budget, housing  transport,budget'), ['budget', 'housing', 'transport']);
    assert.deepStrictEqual(parseTags(' , '), []);
  });
});

const side = (claims: string) => `factmark: 1\narticle: a.md\nclaims:\n${claims}`;
const claim = (id: string, status: string) => `  - id: ${id}\n    quote: "words ${id}"\n    before: ""\n    after: ""\n    status: ${status}\n`;

describe('git conflict markers in a sidecar', () => {
  const conflicted = side(claim('aaa111', 'accurate') + '<<<<<<< HEAD\n' + claim('bbb222', 'mixed') + '=======\n' + claim('bbb222', 'inaccurate') + claim('ccc333', 'unverified') + '>>>>>>> feature\n');

  it('splits the file into the two versions', () => {
    assert.ok(hasConflictMarkers(conflicted));
    const s = splitConflicts(conflicted);
    assert.ok(s);
    assert.strictEqual(s.hunks, 1);
    assert.ok(s.ours.includes('status: mixed') && !s.ours.includes('ccc333'));
    assert.ok(s.theirs.includes('status: inaccurate') && s.theirs.includes('ccc333'));
    assert.ok(s.ours.includes('aaa111') && s.theirs.includes('aaa111'));
  });

  it('refuses markers that are not well nested', () => {
    assert.strictEqual(splitConflicts('a\n<<<<<<< HEAD\nb\n'), undefined);
    assert.strictEqual(splitConflicts('no markers\n'), undefined);
    assert.strictEqual(hasConflictMarkers('a ======= b'), false);
  });

  it('keeps every claim of both sides; a claim kept from both sides gets a new id for theirs', () => {
    const r = resolveConflictedSidecar(conflicted, { bbb222: 'both', ccc333: 'both' }, undefined, () => 'zzz999');
    assert.ok(r.ok);
    const parsed = parseSidecar(r.text);
    assert.ok(parsed.ok);
    const ids = parsed.loaded.sidecar.claims.map((c) => `${c.id}:${c.status}`);
    assert.deepStrictEqual(ids.sort(), ['aaa111:accurate', 'bbb222:mixed', 'ccc333:unverified', 'zzz999:inaccurate']);
    assert.deepStrictEqual(r.renamed, { bbb222: 'zzz999' });
    assert.ok(!hasConflictMarkers(r.text));
  });

  it('takes one side per claim', () => {
    const theirs = resolveConflictedSidecar(conflicted, { bbb222: 'theirs', ccc333: 'theirs' });
    assert.ok(theirs.ok);
    assert.ok(theirs.text.includes('status: inaccurate') && !theirs.text.includes('<<<<<<<'));
    const ours = resolveConflictedSidecar(conflicted, { bbb222: 'ours', ccc333: 'ours' });
    assert.ok(ours.ok && ours.sidecar.claims.length === 2);
  });

  it('says so when a side is not a valid sidecar', () => {
    const bad = side(claim('aaa111', 'accurate')) + '<<<<<<< HEAD\n  - id: [\n=======\n' + claim('ddd444', 'mixed') + '>>>>>>> x\n';
    const r = resolveConflictedSidecar(bad, { ddd444: 'both' });
    assert.strictEqual(r.ok, false);
  });
});
