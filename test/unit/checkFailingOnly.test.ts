// `factmark check --quiet` builds the reports of failing claims only (checkArticleCounted with
// failingOnly): what it keeps must be exactly the failing part of the full report, with the same
// claim count and verdict, on articles edited so that some claims pass and others fail.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateWorkspace } from '../../bench/generateWorkspace';
import { checkArticle, checkArticleCounted } from '../../src/core/check/checkArticle';
import { DEFAULT_SCALE } from '../../src/core/statusScale';

describe('check: failing claims only (--quiet)', () => {
  it('keeps exactly the failing claims of the full report, counts every claim, gives the same verdict', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-failing-only-'));
    try {
      const g = generateWorkspace(dir, { articles: 24, seed: 5, claims: [4, 8], bytes: [1500, 3000] });
      const policies = [
        { requireSources: false, failOn: new Set(['orphaned']) },
        { requireSources: true, failOn: new Set(['moved', 'changed', 'ambiguous', 'orphaned']), requireReviews: 1 },
      ];
      let mixed = 0;
      let failing = 0;
      g.articles.forEach((article, i) => {
        const file = path.join(dir, article);
        let text = fs.readFileSync(file, 'utf8');
        // Edits that move, change and remove some claims' words and leave others in place.
        if (i % 4 === 1) text = 'A paragraph added at the top.\n\n' + text;
        if (i % 4 === 2) text = text.slice(0, text.length >> 1) + text.slice((text.length >> 1) + 200);
        if (i % 4 === 3) text = text.replace(/ the /g, ' a ');
        const sidecarSource = fs.readFileSync(file + '.claims.yaml', 'utf8');
        for (const policy of policies) {
          const input = { article: article, sidecar: article + '.claims.yaml', articleText: text, sidecarSource };
          const full = checkArticle(input, DEFAULT_SCALE, policy);
          const all = checkArticleCounted(input, DEFAULT_SCALE, policy, false);
          const only = checkArticleCounted(input, DEFAULT_SCALE, policy, true);
          assert.deepStrictEqual(all.report, full);
          assert.strictEqual(all.claims, full.claims.length);
          assert.strictEqual(only.claims, full.claims.length, article);
          assert.strictEqual(only.report.ok, full.ok, article);
          assert.deepStrictEqual(only.report.problems, full.problems, article);
          assert.deepStrictEqual(only.report.claims, full.claims.filter((c) => c.violations.length), article);
          const broken = full.claims.filter((c) => c.violations.length).length;
          failing += broken;
          if (broken > 0 && broken < full.claims.length) mixed++;
        }
      });
      // The comparison means something only if articles hold both passing and failing claims.
      assert.ok(mixed >= 5, `only ${mixed} article checks had both passing and failing claims`);
      assert.ok(failing > 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unreadable article or sidecar: no claims counted, the problem reported', () => {
    const policy = { requireSources: false, failOn: new Set(['orphaned']) };
    const bad = checkArticleCounted({ article: 'a.md', sidecar: 'a.md.claims.yaml', articleText: 'x', sidecarSource: 'factmark: [' }, DEFAULT_SCALE, policy, true);
    assert.strictEqual(bad.claims, 0);
    assert.strictEqual(bad.report.ok, false);
    assert.ok(bad.report.problems.length > 0);
    const source = 'factmark: 1\narticle: a.md\nclaims:\n  - id: k3xq7d\n    quote: q\n    before: ""\n    after: ""\n    status: unverified\n';
    const missing = checkArticleCounted({ article: 'a.md', sidecar: 'a.md.claims.yaml', articleText: { severity: 'error', code: 'article-missing', file: 'a.md', message: 'gone' }, sidecarSource: source }, DEFAULT_SCALE, policy, true);
    assert.strictEqual(missing.claims, 0);
    assert.strictEqual(missing.report.ok, false);
    assert.deepStrictEqual(missing.report.problems.map((p) => p.code), ['article-missing']);
  });
});
