// `factmark export` and `factmark import` on a folder on disk, run in-process.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseSidecar } from '../../src/core/sidecar/sidecarYaml';
import { ARTICLE, SIDECAR } from '../fixtures/export/factCheck';
import { runCli } from '../fixtures/runCli';

const HYPOTHESIS = path.join(__dirname, '..', 'fixtures', 'import', 'hypothesis-search.json');

describe('factmark export / import', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-export-'));
    fs.writeFileSync(path.join(dir, 'budget.md'), ARTICLE);
    fs.writeFileSync(path.join(dir, 'budget.md.claims.yaml'), SIDECAR);
    fs.writeFileSync(path.join(dir, '.factmark.yaml'), '# desk settings\npublisher:\n  name: The Example Times\n  url: https://news.example.org/\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

  it('prints each format to standard output, with the summary on standard error', async () => {
    const cr = await runCli(dir, 'export', 'budget.md', '--format', 'claimreview');
    assert.strictEqual(cr.code, 0, cr.err);
    const reviews = JSON.parse(cr.out);
    assert.strictEqual(reviews.length, 4);
    assert.strictEqual(reviews[0].author.name, 'The Example Times', 'the publisher from .factmark.yaml');
    assert.match(cr.err, /4 ClaimReviews for the settled claims; 1 open claim left out/);
    for (const [format, start] of [['html', '<!DOCTYPE html>'], ['markdown', '# Fact-check: City budget'], ['csv', '\uFEFFarticle,id'], ['w3c', '{\n  "@context"']]) {
      const r = await runCli(dir, 'export', '.', '--format', format);
      assert.strictEqual(r.code, 0, `${format}: ${r.err}`);
      assert.ok(r.out.startsWith(start), `${format}: ${r.out.slice(0, 40)}`);
    }
  });

  it('writes --out, and never over an article or a sidecar', async () => {
    const r = await runCli(dir, 'export', 'budget.md', '--format', 'html', '--out', 'report.html');
    assert.strictEqual(r.code, 0, r.err);
    assert.match(read('report.html'), /<title>Fact-check: City budget: the claims checked<\/title>/);
    assert.match(r.err, /→ report\.html/);
    const bad = await runCli(dir, 'export', 'budget.md', '--format', 'csv', '--out', 'budget.md.claims.yaml');
    assert.strictEqual(bad.code, 2);
    assert.strictEqual(read('budget.md.claims.yaml'), SIDECAR);
    assert.strictEqual((await runCli(dir, 'export', 'budget.md', '--format', 'pdf')).code, 2);
  });

  it('writes no ClaimReview without the published address, and says where to set it', async () => {
    fs.writeFileSync(path.join(dir, 'budget.md.claims.yaml'), SIDECAR.replace('  url: https://news.example.org/checks/city-budget\n', ''));
    const r = await runCli(dir, 'export', 'budget.md', '--format', 'claimreview', '--out', 'cr.json');
    assert.strictEqual(r.code, 1);
    assert.match(r.err, /error: budget\.md: the published fact-check's address is not set/);
    assert.match(r.err, /nothing was written/);
    assert.ok(!fs.existsSync(path.join(dir, 'cr.json')));
  });

  it('exports nothing from a broken sidecar', async () => {
    fs.writeFileSync(path.join(dir, 'budget.md.claims.yaml'), SIDECAR.replace('claims:', 'claims: ['));
    const r = await runCli(dir, 'export', 'budget.md', '--format', 'html');
    assert.strictEqual(r.code, 1);
    assert.strictEqual(r.out, '');
    assert.match(r.err, /budget\.md\.claims\.yaml:\d+:\d+: error/);
  });

  it('export → delete the sidecar → import gives back the same claims', async () => {
    assert.strictEqual((await runCli(dir, 'export', 'budget.md', '--format', 'w3c', '--out', 'claims.json')).code, 0);
    const before = parseSidecar(SIDECAR);
    fs.rmSync(path.join(dir, 'budget.md.claims.yaml'));
    const r = await runCli(dir, 'import', 'budget.md', 'claims.json');
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.out, /5 claims imported from W3C Web Annotations: 3 on their words, 1 on edited words \(needs re-check\), 1 orphaned/);
    const after = parseSidecar(read('budget.md.claims.yaml'));
    assert.ok(before.ok && after.ok);
    const strip = (c: object) => { const { before: _b, after: _a, line: _l, offset: _o, ...rest } = c as Record<string, unknown>; return rest; };
    assert.deepStrictEqual(after.loaded.sidecar.claims.map(strip), before.loaded.sidecar.claims.map(strip));
    const again = await runCli(dir, 'import', 'budget.md', 'claims.json');
    assert.match(again.out, /0 claims imported .*5 already in the sidecar/);
  });

  it('imports a Hypothesis export into the existing sidecar, splicing it', async () => {
    const r = await runCli(dir, 'import', 'budget.md', HYPOTHESIS, '--dry-run');
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.out, /dry run: nothing was written/);
    assert.strictEqual(read('budget.md.claims.yaml'), SIDECAR);
    const w = await runCli(dir, 'import', 'budget.md', HYPOTHESIS);
    assert.strictEqual(w.code, 0, w.err);
    assert.match(w.out, /orphaned, words not found: "The new ring road will be finished by 2028"/);
    assert.match(w.out, /page note/);
    const text = read('budget.md.claims.yaml');
    assert.ok(text.startsWith(SIDECAR.slice(0, SIDECAR.indexOf('  - id: h7k2qm'))), 'the claims before keep their bytes');
    const loaded = parseSidecar(text);
    assert.ok(loaded.ok);
    // Annotations on words that already have a claim carry other notes: they are added, not merged away.
    assert.strictEqual(loaded.loaded.sidecar.claims.length, 5 + 4);
  });

  it('refuses a broken sidecar or an unreadable file, writing nothing', async () => {
    const broken = SIDECAR.replace('claims:', 'claims: [');
    fs.writeFileSync(path.join(dir, 'budget.md.claims.yaml'), broken);
    const r = await runCli(dir, 'import', 'budget.md', HYPOTHESIS);
    assert.strictEqual(r.code, 1);
    assert.strictEqual(read('budget.md.claims.yaml'), broken);
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"rows": [}');
    fs.writeFileSync(path.join(dir, 'budget.md.claims.yaml'), SIDECAR);
    const j = await runCli(dir, 'import', 'budget.md', 'bad.json');
    assert.strictEqual(j.code, 1);
    assert.match(j.err, /^bad\.json:1:11: error: Not valid JSON/);
    assert.strictEqual(read('budget.md.claims.yaml'), SIDECAR);
  });
});
