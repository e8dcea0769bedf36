// The claim at an offset (asked on every cursor move) is found by binary search over the claims
// ordered by start, which edits keep but where one edit touches several claims: whatever the
// claims (nested, equal, adjacent) and the edits, it must be what a walk over every claim finds,
// and it must look at the claims around the offset only.
import * as assert from 'assert';
import { ArticleModel, type ModelCounters } from '../../src/core/store/articleModel';
import type { ClaimEntry } from '../../src/core/store/types';
import { seededRandom } from '../../bench/seededRandom';

const WORDS = ['treaty', 'signed', 'Moscow', 'Friday', 'budget', 'million', 'fares', 'frozen', 'April', 'grew', 'per', 'cent'];

/** What claimAt must answer: the innermost placed claim holding the offset (ends included), the first in claim order of equal ones. */
function reference(m: ArticleModel, offset: number): string | undefined {
  let best: ClaimEntry | undefined;
  for (const e of m.snapshot().claims) {
    if (e.start === undefined || e.end === undefined || offset < e.start || offset > e.end) continue;
    if (!best || e.end - e.start < (best.end as number) - (best.start as number)) best = e;
  }
  return best?.claim.id;
}

function article(rand: () => number, sentences: number): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) {
    const n = 4 + Math.floor(rand() * 8);
    out.push(Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ') + '.');
  }
  return out.join(rand() < 0.5 ? ' ' : '\n');
}

const sidecar = (claims: { id: string; quote: string; offset: number }[]) => [
  'factmark: 1',
  'article: a.md',
  'claims:',
  ...claims.flatMap((c) => [`  - id: ${c.id}`, `    quote: ${JSON.stringify(c.quote)}`, '    before: ""', '    after: ""', `    offset: ${c.offset}`, '    status: unverified', '    created: 2026-12-02T00:00:00Z']),
  '',
].join('\n');

describe('ArticleModel.claimAt', () => {
  it('finds what a walk over every claim finds, through edits that touch one claim, several or none', function () {
    this.timeout(60_000);
    const rand = seededRandom(1302);
    let lookups = 0;
    for (let run = 0; run < 30; run++) {
      let text = article(rand, 30);
      // Claims on random stretches: some nested in others, some equal, some adjacent.
      const claims: { id: string; quote: string; offset: number }[] = [];
      for (let i = 0; i < 25; i++) {
        const start = Math.floor(rand() * (text.length - 40));
        const end = start + 3 + Math.floor(rand() * (rand() < 0.2 ? 120 : 30));
        claims.push({ id: `c${String(i).padStart(4, '0')}`, quote: text.slice(start, end), offset: start });
      }
      const counters: ModelCounters = { snapshots: 0 };
      const m = new ArticleModel('file:///a.md', 'file:///a.md.claims.yaml', 'a.md', counters);
      m.setText(text);
      m.loadSidecar(sidecar(claims));
      for (let step = 0; step < 40; step++) {
        // Lookups at random offsets and at claims' edges.
        const placed = m.snapshot().claims.filter((e) => e.start !== undefined);
        const offsets = [Math.floor(rand() * (text.length + 1)), 0, text.length];
        for (const e of placed.slice(0, 6)) offsets.push(e.start as number, e.end as number, (e.end as number) + 1, (e.start as number) - 1);
        for (const o of offsets) {
          if (o < 0) continue;
          assert.strictEqual(m.claimAt(o)?.claim.id, reference(m, o), `run ${run}, step ${step}: the claim at ${o}`);
          lookups++;
        }
        // An edit: typing, a deletion across claims (touching several), a replacement, a line break.
        const at = Math.floor(rand() * text.length);
        const kind = rand();
        const removed = kind < 0.4 ? 0 : Math.min(text.length - at, Math.floor(rand() * (kind < 0.7 ? 5 : 80)));
        const inserted = kind < 0.85 ? (rand() < 0.5 ? 'x' : 'new words ') : '\n';
        text = text.slice(0, at) + inserted + text.slice(at + removed);
        m.applyEdits([{ offset: at, removed, inserted }], text);
      }
    }
    assert.ok(lookups > 10_000, `${lookups} lookups`);
  });

  it('looks at the claims near the offset, not at every claim of the article', () => {
    const rand = seededRandom(7);
    let text = article(rand, 4000);
    const claims: { id: string; quote: string; offset: number }[] = [];
    for (let at = text.indexOf('.'), i = 0; at >= 0 && claims.length < 2000; at = text.indexOf('.', at + 40), i++) {
      claims.push({ id: `c${String(i).padStart(5, '0')}`, quote: text.slice(Math.max(0, at - 20), at + 1), offset: Math.max(0, at - 20) });
    }
    const counters: ModelCounters = { snapshots: 0 };
    const m = new ArticleModel('file:///a.md', 'file:///a.md.claims.yaml', 'a.md', counters);
    m.setText(text);
    m.loadSidecar(sidecar(claims));
    const placed = m.snapshot().claims.filter((e) => e.start !== undefined).length;
    assert.ok(placed > 1500, `${placed} claims placed`);
    // A cursor moving through the article as a user types between claims.
    let offset = Math.floor(text.length / 2);
    m.claimAt(offset);
    const scanned = counters.claimAtScanned ?? 0;
    const orders = counters.claimOrders ?? 0;
    for (let i = 0; i < 200; i++) {
      text = text.slice(0, offset) + 'x' + text.slice(offset);
      m.applyEdits([{ offset, removed: 0, inserted: 'x' }], text);
      offset++;
      m.claimAt(offset);
    }
    // And at the words of claims all over the article (each lookup looks at that claim at least).
    const entries = m.snapshot().claims.filter((e) => e.start !== undefined);
    for (let i = 0; i < 200; i++) {
      const e = entries[Math.floor((i * entries.length) / 200)];
      assert.strictEqual(m.claimAt((e.start as number) + 1)?.claim.id, e.claim.id);
    }
    const perLookup = ((counters.claimAtScanned ?? 0) - scanned) / 400;
    assert.ok(perLookup >= 0.5 && perLookup < 20, `claims looked at per lookup: ${perLookup} of ${placed}`);
    assert.strictEqual(counters.claimOrders, orders, 'the claims were ordered again for keystrokes that touched one claim at most');
  });
});
