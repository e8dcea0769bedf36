// Sidecar reader/writer timings on a 1,000-claim file: parse, then one status change written
// back with serializeSidecar (the path taken on every rating). Prints figures with targets.
// Then bounded cost (issue 8): what the preflight adds to a parse, the worst file under the
// limits (MAX_CLAIMS claims), and the 19.9 MB file of 116,000 tiny claims refused before parsing.
// And the first write into a freshly read sidecar of 1,000 and 10,000 claims: through the whole
// yaml Document (as before src/core/yaml/lineSplice.ts) and through the changed claim's lines.
import { MAX_CLAIMS, MAX_FULL_PARSE_VALUES } from '../src/core/limits';
import type { Claim, Sidecar } from '../src/core/model';
import { parseSidecar, serializeSidecar, type ParseOptions } from '../src/core/sidecar/sidecarYaml';
import { preflight } from '../src/core/yaml/preflight';

const CLAIMS = 1000;
const TARGET_CHANGE_MS = 50;

function generate(n: number): Sidecar {
  const claims: Claim[] = [];
  for (let i = 0; i < n; i++) {
    claims.push({
      id: `c${i.toString(36).padStart(5, '0')}`,
      quote: `Claim number ${i}: the treaty was signed by ${100 + (i % 94)} countries in a single afternoon`,
      before: 'In a ceremony on Tuesday afternoon, ', after: ', a record for any accord of its kind.',
      line: i * 3 + 1, offset: i * 240, status: i % 3 ? 'accurate' : 'unverified', claimant: 'UN spokesperson',
      explanation: `Checked against the depositary list.\nSecond line for claim ${i}.\n`,
      sources: [{ url: `https://example.org/source/${i}`, title: 'UN Treaty Collection', accessed: '2026-11-20', stance: 'supports' }],
      tags: ['treaty', 'numbers'], created: '2026-11-28T12:00:00Z', updated: '2026-11-28T12:00:00Z', by: 'Jane Doe',
    });
  }
  return { factmark: 1, article: 'treaty.md', claims };
}

function time<T>(fn: () => T, runs = 5): { ms: number; value: T } {
  let value = fn(); // warm-up
  const start = performance.now();
  for (let i = 0; i < runs; i++) value = fn();
  return { ms: (performance.now() - start) / runs, value };
}

/** The first write of one status change after a fresh read (the read not timed): mean ms over `runs`. */
function firstWrite(text: string, options: ParseOptions, runs: number): { ms: number; value: string } {
  let total = 0;
  let value = '';
  for (let r = 0; r < runs; r++) {
    const parsed = parseSidecar(text, 'bench.claims.yaml', options);
    if (!parsed.ok) throw new Error('bench sidecar did not parse');
    const s = parsed.loaded.sidecar;
    const middle = s.claims.length >> 1;
    const next = { ...s, claims: s.claims.map((c, i) => (i === middle ? { ...c, status: 'misleading', updated: '2026-12-01T21:00:00Z' } : c)) };
    const start = performance.now();
    value = serializeSidecar(next, parsed.loaded);
    total += performance.now() - start;
  }
  return { ms: total / runs, value };
}

export async function run(log: (line: string) => void): Promise<void> {
  const text = serializeSidecar(generate(CLAIMS));
  log(`sidecar: ${CLAIMS} claims, ${(text.length / 1024).toFixed(0)} KB`);
  const parse = time(() => parseSidecar(text, 'bench.claims.yaml'));
  if (!parse.value.ok) throw new Error('bench sidecar did not parse');
  const loaded = parse.value.loaded;
  log(`  parse + validate:              ${parse.ms.toFixed(1)} ms`);
  const change = time(() => {
    const next = { ...loaded.sidecar, claims: loaded.sidecar.claims.map((c, i) => (i === 500 ? { ...c, status: 'mixed', updated: '2026-11-29T09:00:00Z' } : c)) };
    return serializeSidecar(next, loaded);
  });
  const verdict = change.ms <= TARGET_CHANGE_MS ? 'ok' : 'OVER TARGET';
  log(`  one status change + serialize: ${change.ms.toFixed(1)} ms (target ≤ ${TARGET_CHANGE_MS} ms: ${verdict})`);
  const untouched = time(() => serializeSidecar(loaded.sidecar, loaded));
  log(`  untouched re-save:             ${untouched.ms.toFixed(1)} ms`);
  log(`  fresh render of all claims:    ${time(() => serializeSidecar(loaded.sidecar)).ms.toFixed(1)} ms`);

  // Bounded cost. The preflight is part of "parse + validate" above; its own share:
  const pre = time(() => preflight(text, 'bench.claims.yaml'), 20);
  log(`  of which preflight (limits):   ${pre.ms.toFixed(1)} ms (${((100 * pre.ms) / parse.ms).toFixed(1)}% of the parse; target: the parse ≤ 10% slower than without it)`);
  const worst = serializeSidecar(generate(MAX_CLAIMS));
  const atLimit = time(() => parseSidecar(worst, 'worst.claims.yaml'), 1);
  if (!atLimit.value.ok) throw new Error(`a sidecar of ${MAX_CLAIMS} claims was refused`);
  log(`  ${MAX_CLAIMS.toLocaleString('en')} claims (${(worst.length / 1024 / 1024).toFixed(1)} MB, the most a sidecar may hold): parsed in ${atLimit.ms.toFixed(0)} ms`);
  // Past MAX_FULL_PARSE_VALUES only the fast reader reads a sidecar: one tab in the worst file
  // makes it leave Factmark's layout, and it is refused instead of parsed by the full parser.
  const tabbed = worst.replace('    status: accurate\n', '    status: accurate\t# a tab\n');
  const refusedTab = time(() => parseSidecar(tabbed, 'tabbed.claims.yaml'), 3);
  if (refusedTab.value.ok) throw new Error('the tabbed sidecar at the limit was parsed');
  const fullTab = time(() => parseSidecar(tabbed, 'tabbed.claims.yaml', { fullParser: true }), 1);
  log(`  the same with one tab (not Factmark's layout; over ${MAX_FULL_PARSE_VALUES.toLocaleString('en')} values the full parser is not run): refused in ${refusedTab.ms.toFixed(0)} ms at line ${refusedTab.value.problems[0].line} (${refusedTab.value.problems[0].code}); the full parser would take ${fullTab.ms.toFixed(0)} ms`);
  const lines = ['factmark: 1', 'article: a.md', 'claims:'];
  for (let i = 0; i < 116_000; i++) lines.push(`  - {id: c${i.toString(36)}, quote: q, before: "", after: "", status: unverified} #`.padEnd(178, ' pad'));
  const hostile = lines.join('\n') + '\n';
  const refused = time(() => parseSidecar(hostile, 'hostile.claims.yaml'), 3);
  if (refused.value.ok) throw new Error('the 116,000-claim sidecar was parsed');
  log(`  116,000 tiny claims (${(hostile.length / 1024 / 1024).toFixed(1)} MB; 27 s and 3.7 GB before the limits): refused in ${refused.ms.toFixed(1)} ms (${refused.value.problems[0].code})`);

  // The first write after a read: the whole Document was built for it, now only the changed claim's lines are parsed.
  for (const [claims, sample, runs] of [[CLAIMS, text, 5], [MAX_CLAIMS, worst, 2]] as const) {
    const before = firstWrite(sample, { wholeDocumentWrites: true }, runs);
    const after = firstWrite(sample, {}, runs * 4);
    if (before.value !== after.value) throw new Error('the two writers disagree');
    const verdict = after.ms <= TARGET_CHANGE_MS ? 'ok' : 'OVER TARGET';
    log(`  first write after a read, ${claims.toLocaleString('en')} claims: ${after.ms.toFixed(1)} ms by the changed claim's lines, ${before.ms.toFixed(0)} ms through the whole yaml Document (target ≤ ${TARGET_CHANGE_MS} ms: ${verdict})`);
  }
}
