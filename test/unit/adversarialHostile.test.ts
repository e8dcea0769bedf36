// Hostile content at the core level: whatever a sidecar's strings hold (markup, script and
// command links, terminal escapes, bidi controls, megabyte strings) survives writing and reading
// byte for byte, and the CLI never prints it raw to a terminal.
import * as assert from 'assert';
import fc from 'fast-check';
import { formatProblem, formatReport } from '../../src/cli/output';
import { checkArticle } from '../../src/core/check/checkArticle';
import type { Claim, Sidecar } from '../../src/core/model';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar/sidecarYaml';
import { DEFAULT_SCALE } from '../../src/core/statusScale';
import { ClaimStore } from '../../src/core/store/claimStore';
import { HOSTILE, RAW_UNSAFE } from '../fixtures/adversarial/hostile';
import { assertSeeded } from '../fixtures/adversarial/seeded';
import { load } from '../fixtures/sidecars/fixtures';

const hostile = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.array(fc.constantFrom(...HOSTILE), { minLength: 2, maxLength: 4 }).map((a) => a.join(' ')));
const nonEmpty = hostile.filter((s) => s.length > 0);
const URLS = ['javascript:alert(1)', 'command:workbench.action.terminal.sendSequence?%7B%7D', 'data:text/html,<script>alert(1)</script>', 'https://example.org/\u202eevil', 'https://ex.org/?q=<b>&x="y"'];

const claimArb = fc.record({
  quote: nonEmpty, before: hostile, after: hostile, explanation: hostile, claimant: hostile, by: hostile,
  tags: fc.array(nonEmpty, { maxLength: 3 }),
  sources: fc.array(fc.record({ url: fc.constantFrom(...URLS), title: hostile, excerpt: hostile, archive: fc.constantFrom(...URLS) }), { maxLength: 2 }),
});

function sidecarOf(raw: Omit<Claim, 'id' | 'status'>[], article = 'a.md'): Sidecar {
  return { factmark: 1, article, claims: raw.map((c, i) => ({ id: `h${i}abcd`, status: 'unverified', ...c })) };
}

function assertTerminalSafe(out: string, what: string): void {
  const m = RAW_UNSAFE.exec(out);
  assert.ok(!m, `${what}: raw U+${m?.[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${m?.index} in ${JSON.stringify(out.slice(Math.max(0, (m?.index ?? 0) - 30), (m?.index ?? 0) + 30))}`);
}

describe('hostile content (seeded)', function () {
  this.timeout(600_000); // a hang guard, not a time limit: seeded runs take ~60 s of CPU and far longer on a loaded machine

  it('any hostile strings round-trip byte-exactly through serialize and parse, new and spliced', () => {
    assertSeeded('hostile round trip', fc.property(fc.array(claimArb, { minLength: 1, maxLength: 4 }), hostile, (raw, article) => {
      const sidecar = sidecarOf(raw as Omit<Claim, 'id' | 'status'>[], article || 'a.md');
      const text = serializeSidecar(sidecar);
      const loaded = load(text);
      assert.deepStrictEqual(loaded.sidecar, JSON.parse(JSON.stringify(sidecar)));
      assert.strictEqual(serializeSidecar(loaded.sidecar, loaded), text, 'an untouched re-save changed');
      // Edit one claim in place: the others keep their bytes and every value survives.
      const next = structuredClone(loaded.sidecar);
      next.claims[0].explanation = HOSTILE[7] + '\n' + HOSTILE[9];
      const again = load(serializeSidecar(next, loaded));
      assert.deepStrictEqual(again.sidecar, next);
    }), 20261203, 1000);
  });

  it('megabyte strings round-trip through the store', () => {
    const mb = HOSTILE.join(' ').repeat(Math.ceil((1 << 20) / HOSTILE.join(' ').length)).slice(0, 1 << 20);
    const A = 'file:///ws/a.md';
    const text = `Intro. ${'word '.repeat(50)}The end.`;
    const s = new ClaimStore({ scale: DEFAULT_SCALE, now: () => '2026-11-28T12:00:00Z' });
    s.open(A, A + '.claims.yaml', 'a.md');
    s.loadSidecar(A, undefined);
    s.setArticleText(A, text);
    const c = s.addClaim(A, 0, 6, { explanation: mb, claimant: mb, sources: [{ url: 'javascript:' + mb.replace(/\s/g, '_'), title: mb, excerpt: mb }] });
    const written = s.serialize(A);
    const r = parseSidecar(written, 'a.md.claims.yaml');
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems.slice(0, 2)));
    assert.deepStrictEqual(r.loaded.sidecar.claims, [s.claim(A, c.id)!.claim]);
    s.markSaved(A, written);
    s.updateClaim(A, c.id, { status: 'accurate' });
    const rewritten = s.serialize(A);
    const r2 = parseSidecar(rewritten);
    assert.ok(r2.ok);
    assert.strictEqual(r2.loaded.sidecar.claims[0].explanation, mb);
  });

  it('the CLI report prints hostile quotes, reasons, problems and paths without raw control or bidi characters', () => {
    assertSeeded('hostile CLI output', fc.property(fc.array(claimArb, { minLength: 1, maxLength: 3 }), fc.boolean(), (raw, present) => {
      const sidecar = sidecarOf(raw as Omit<Claim, 'id' | 'status'>[]);
      // Half the time the article holds the hostile quotes (anchored, changed text shown), else they are orphaned.
      const article = present ? sidecar.claims.map((c) => `${c.before}${c.quote}${c.after}`).join('\n') + '\n' + HOSTILE.join('\n') : HOSTILE.join(' ');
      const name = `dir/${HOSTILE[9]}${HOSTILE[7]}.md`;
      const report = checkArticle({ article: name, sidecar: name + '.claims.yaml', articleText: article, sidecarSource: serializeSidecar(sidecar) },
        DEFAULT_SCALE, { requireSources: true, failOn: new Set(['orphaned', 'changed', 'ambiguous', 'moved']) });
      assert.strictEqual(report.claims.length, sidecar.claims.length);
      assertTerminalSafe(formatReport(report), 'formatReport');
    }), 20261204, 500);
  });

  it('problems from a hostile sidecar (unknown fields, statuses, paths) print without raw control characters', () => {
    const bad = [
      `factmark: 1\narticle: a.md\nclaims:\n  - id: k3xq7d\n    quote: q\n    before: ""\n    after: ""\n    status: accurate\n    "\\e[2J\\e]0;pwned\\a\u202e": 1\n`,
      `factmark: 1\narticle: a.md\nclaims:\n  - id: k3xq7d\n    quote: q\n    before: ""\n    after: ""\n    status: "\u202eetaruccani"\n`,
      `factmark: "\\e[31m\u202e"\narticle: [1]\nclaims: 3\n`,
    ];
    for (const source of bad) {
      const r = parseSidecar(source, `x\u001b[2J\u202e.claims.yaml`);
      assert.ok(!r.ok);
      for (const p of r.problems) assertTerminalSafe(formatProblem(p), `formatProblem(${p.code})`);
      const report = checkArticle({ article: 'a\u001b.md', sidecar: 'a.md.claims.yaml', articleText: 'q', sidecarSource: source }, DEFAULT_SCALE, { requireSources: false, failOn: new Set() });
      assertTerminalSafe(formatReport(report), 'formatReport with problems');
    }
  });
});
