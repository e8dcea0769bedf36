// The sidecar fields of publication and the newsroom workflow: `published` in the header; per
// claim `rater`/`rated`, `recheck`, `assignee`, `reviews` and the corrections `log`.
import * as assert from 'assert';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar/sidecarYaml';
import { changedLines, copy, load } from '../fixtures/sidecars/fixtures';

const SOURCE = `factmark: 1
article: treaty.md
published:
  url: https://factcheck.example.org/treaty
  headline: "What the treaty says, checked"
  date: 2026-11-30
claims:
  - id: k3xq7d
    quote: "the agreement will remain effective for 20 years"
    before: "Ambassador Kazem Jalali, "
    after: "."
    status: accurate
    rater: Jane Doe
    rated: 2026-11-29T10:00:00Z
    recheck: true
    assignee: Sam Roe
    claimant: Ambassador Kazem Jalali
    appearances:
      - url: https://un.example.org/speeches/2026-11-27
        date: 2026-11-27
      - url: https://social.example/@envoy/42
    reviews:
      - by: Ann Lee # second checker
        date: 2026-11-29T11:00:00Z
        verdict: approve
        status: accurate
      - by: Bo Kim
        date: 2026-11-29T12:00:00Z
        verdict: dispute
        status: accurate
        note: Article 25 says twenty years, renewable.
    log:
      - date: 2026-11-29T09:00:00Z
        by: Jane Doe
        change: status
        from: inaccurate
        to: accurate
        reason: Misread the renewal clause.
      - date: 2026-11-29T09:30:00Z
        change: wording
        from: "the agreement will last 20 years"
        to: "the agreement will remain effective for 20 years"
    created: 2026-11-28T11:02:00Z
`;

describe('sidecar workflow fields', () => {
  it('reads the published header, the rater, recheck, assignee, reviews and log', () => {
    const { sidecar, warnings } = load(SOURCE);
    assert.deepStrictEqual(warnings, []);
    assert.deepStrictEqual(sidecar.published, { url: 'https://factcheck.example.org/treaty', headline: 'What the treaty says, checked', date: '2026-11-30' });
    const [c] = sidecar.claims;
    assert.strictEqual(c.rater, 'Jane Doe');
    assert.strictEqual(c.rated, '2026-11-29T10:00:00Z');
    assert.strictEqual(c.recheck, true);
    assert.strictEqual(c.assignee, 'Sam Roe');
    assert.deepStrictEqual(c.appearances, [{ url: 'https://un.example.org/speeches/2026-11-27', date: '2026-11-27' }, { url: 'https://social.example/@envoy/42' }]);
    assert.deepStrictEqual(c.reviews?.map((r) => [r.by, r.verdict, r.status, r.note]), [
      ['Ann Lee', 'approve', 'accurate', undefined],
      ['Bo Kim', 'dispute', 'accurate', 'Article 25 says twenty years, renewable.'],
    ]);
    assert.deepStrictEqual(c.log?.map((l) => [l.change, l.from, l.to, l.by]), [
      ['status', 'inaccurate', 'accurate', 'Jane Doe'],
      ['wording', 'the agreement will last 20 years', 'the agreement will remain effective for 20 years', undefined],
    ]);
  });

  it('gives back the untouched file byte for byte, comments inside a review included', () => {
    const loaded = load(SOURCE);
    assert.strictEqual(serializeSidecar(copy(loaded.sidecar), loaded), SOURCE);
  });

  it('appending a review rewrites only that claim and keeps the other reviews as they were', () => {
    const loaded = load(SOURCE);
    const next = copy(loaded.sidecar);
    next.claims[0].reviews!.push({ by: 'Cy Doe', date: '2026-11-30T08:00:00Z', verdict: 'approve', status: 'accurate' });
    const out = serializeSidecar(next, loaded);
    assert.ok(out.startsWith(SOURCE.slice(0, SOURCE.indexOf('    log:'))), 'everything before the new review is unchanged, the comment too');
    const again = load(out);
    assert.deepStrictEqual(again.sidecar.claims[0].reviews?.map((r) => r.by), ['Ann Lee', 'Bo Kim', 'Cy Doe']);
    assert.deepStrictEqual(again.sidecar.claims[0].log, loaded.sidecar.claims[0].log);
  });

  it('drops recheck when it is cleared, and nothing else', () => {
    const loaded = load(SOURCE);
    const next = copy(loaded.sidecar);
    delete next.claims[0].recheck;
    const out = serializeSidecar(next, loaded);
    assert.ok(!/recheck/.test(out));
    assert.deepStrictEqual(load(out).sidecar.claims[0].reviews, loaded.sidecar.claims[0].reviews);
    next.claims[0].recheck = false;
    assert.ok(!/recheck/.test(serializeSidecar(next, loaded)), 'false is not written either: absent means confirmed');
  });

  it('writes new claims with the workflow fields in the documented key order', () => {
    const { sidecar } = load(SOURCE);
    const out = serializeSidecar(sidecar);
    const keys = out.split('\n').filter((l) => /^ {2}(- | {2})[a-z]+:/.test(l)).map((l) => l.slice(4).split(':')[0]);
    assert.deepStrictEqual(keys, ['id', 'quote', 'before', 'after', 'status', 'rater', 'rated', 'recheck', 'assignee', 'claimant', 'appearances', 'reviews', 'log', 'created']);
    assert.ok(out.includes('published:\n  url: https://factcheck.example.org/treaty\n'), out);
    assert.ok(out.includes('from: "the agreement will last 20 years"'), 'old words are double-quoted like the quote');
  });

  const bad: [string, string, RegExp, number][] = [
    ['a review verdict off the list', SOURCE.replace('verdict: approve', 'verdict: ok'), /must be one of "approve", "dispute"/, 25],
    ['a review without its status', SOURCE.replace('        status: accurate\n      - by: Bo Kim', '      - by: Bo Kim'), /missing the required field "status"/, 23],
    ['a log entry of an unknown kind', SOURCE.replace('change: wording', 'change: quote'), /must be one of "status", "wording"/, 40],
    ['an appearance that is not a web address', SOURCE.replace('https://social.example/@envoy/42', 'javascript:alert(1)'), /appearances/, 21],
    ['an appearance with a date that is not one', SOURCE.replace('date: 2026-11-27\n', 'date: last week\n'), /appearances/, 20],
    ['an unknown field in the published header', SOURCE.replace('  headline:', '  headlin:'), /Unknown field "headlin".*Did you mean "headline"/, 5],
  ];
  for (const [name, source, message, line] of bad) {
    it(`reports ${name} at its line`, () => {
      const r = parseSidecar(source, 'treaty.md.claims.yaml');
      assert.ok(!r.ok, 'must not load');
      const p = r.problems.find((x) => message.test(x.message));
      assert.ok(p, JSON.stringify(r.problems));
      assert.strictEqual(p.line, line);
    });
  }
});
