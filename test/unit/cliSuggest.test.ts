// `factmark suggest`, run in-process (the same code dist/cli.js bundles) on temporary files.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MODEL_PATH, parseModel } from '../../src/core/suggest';
import { runCli as run } from '../fixtures/runCli';

const SHIPPED = parseModel(fs.readFileSync(path.join(__dirname, '..', '..', MODEL_PATH), 'utf8'));

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-suggest-'));
  fs.writeFileSync(path.join(dir, 'a.md'), '# Budget\n\nUnemployment fell to 3.5% in December 2023, the ministry said. Thank you very much.\n');
  fs.writeFileSync(path.join(dir, 'lines.txt'), 'We have lost 750,000 jobs since 2008. Thank you.\n\n  Let me finish.\n');
  fs.writeFileSync(path.join(dir, 'bad-model.json'), '{"format": "factmark-checkworthiness", "version": 1, "weights": ');
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('factmark suggest', () => {
  it('prints every sentence with its score, whether it is suggested, and why', async () => {
    const r = await run(dir, 'suggest', 'a.md');
    assert.strictEqual(r.code, 0, r.err);
    assert.strictEqual(r.err, '');
    const lines = r.out.split('\n');
    assert.match(lines[0], new RegExp(`^a\\.md  \\(3 sentences, 2 suggested at ≥ ${SHIPPED.threshold}, trained model\\)$`));
    assert.match(lines[1], /^ {2}✚ 0\.\d\d {2}L1 {4} "Budget"$/);
    const claim = lines.findIndex((l) => l.includes('"Unemployment fell'));
    assert.match(lines[claim], /^ {2}✚ (?:0\.\d\d|1\.00) {2}L3 {4} "Unemployment fell to 3\.5% in December 2023, the ministry said\."$/);
    // Then the model's strongest features for it (a word, a pair, "a number"), each with its share.
    assert.match(lines[claim + 1], /^ {6}comparison: fell · figure: 3\.5% · date: December 2023 · attribution: said · feature: (?:“[^”]+”|starts “[^”]+”|a number) \+\d\.\d\d/);
    assert.match(r.out, /\n {2}· 0\.\d\d {2}L3 {4} "Thank you very much\."/);
  });

  it('--json gives each sentence with offsets, line and column, score, verdict, cues and features', async () => {
    const r = await run(dir, 'suggest', 'a.md', '--json');
    assert.strictEqual(r.code, 0, r.err);
    const out = JSON.parse(r.out);
    assert.strictEqual(out.scorer, 'model');
    assert.strictEqual(out.threshold, SHIPPED.threshold);
    const text = fs.readFileSync(path.join(dir, 'a.md'), 'utf8');
    const [s] = out.files[0].sentences.filter((x: { text: string }) => x.text.startsWith('Unemployment'));
    assert.strictEqual(text.slice(s.start, s.end), s.text);
    assert.deepStrictEqual([s.line, s.column, s.suggested], [3, 1, true]);
    assert.deepStrictEqual(s.cues.map((c: { kind: string; text: string }) => `${c.kind}: ${c.text}`), ['comparison: fell', 'figure: 3.5%', 'date: December 2023', 'attribution: said']);
    assert.ok(s.features.length > 0 && s.features.every((f: { feature: string; label: string; weight: number }) => /^[wbc]:/.test(f.feature) && f.label && typeof f.weight === 'number'));
    assert.ok(s.reasons.some((x: string) => x.startsWith('feature: ')));
  });

  it('--threshold moves the cut; --suggested prints only what is suggested', async () => {
    const all = JSON.parse((await run(dir, 'suggest', 'a.md', '--json', '--threshold', '0')).out).files[0].sentences;
    assert.ok(all.every((s: { suggested: boolean }) => s.suggested));
    const none = JSON.parse((await run(dir, 'suggest', 'a.md', '--json', '--threshold', '1', '--suggested')).out).files[0].sentences;
    assert.deepStrictEqual(none.filter((s: { score: number }) => s.score < 1), []);
    const text = await run(dir, 'suggest', 'a.md', '--suggested');
    assert.match(text.out, /^a\.md {2}\(3 sentences, 2 suggested/);
    assert.ok(!text.out.includes('Thank you'), 'only the suggested sentences');
  });

  it('--each-line takes every non-blank line as one sentence, trimmed, with its offsets', async () => {
    const out = JSON.parse((await run(dir, 'suggest', 'lines.txt', '--each-line', '--json')).out);
    const text = fs.readFileSync(path.join(dir, 'lines.txt'), 'utf8');
    assert.deepStrictEqual(out.files[0].sentences.map((s: { text: string; line: number }) => [s.text, s.line]),
      [['We have lost 750,000 jobs since 2008. Thank you.', 1], ['Let me finish.', 3]]);
    for (const s of out.files[0].sentences) assert.strictEqual(text.slice(s.start, s.end), s.text);
  });

  it('refuses a threshold outside 0–1 or no file, with exit code 2', async () => {
    for (const args of [['a.md', '--threshold', '2'], ['a.md', '--threshold', 'x'], ['a.md', '--threshold', ''], []]) {
      const r = await run(dir, 'suggest', ...args);
      assert.strictEqual(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, /^factmark suggest: /);
    }
  });

  it('names a file it cannot read and exits 1, still scoring the others', async () => {
    const r = await run(dir, 'suggest', 'missing.md', 'a.md');
    assert.strictEqual(r.code, 1);
    assert.match(r.err, /missing\.md.*cannot be read/);
    assert.match(r.out, /^a\.md {2}\(3 sentences/);
  });

  it('warns and uses the plain cue heuristic when the model file is damaged or missing', async () => {
    for (const [model, message] of [['bad-model.json', /is damaged: it is not valid JSON/], ['nowhere.json', /could not be read \(ENOENT/]] as const) {
      process.env.FACTMARK_MODEL = path.join(dir, model);
      try {
        const r = await run(dir, 'suggest', 'a.md', '--json');
        assert.strictEqual(r.code, 0, r.err);
        assert.match(r.err, /^factmark suggest: warning: The check-worthiness model \(.*\) /);
        assert.match(r.err, message);
        assert.match(r.err, /Suggestions use the plain cue heuristic instead/);
        const out = JSON.parse(r.out);
        assert.strictEqual(out.scorer, 'heuristic');
        assert.match(out.warning, message);
        const s = out.files[0].sentences.find((x: { text: string }) => x.text.startsWith('Unemployment'));
        assert.ok(s.suggested && s.features.length === 0, 'the heuristic still suggests the figure, without model features');
      } finally {
        delete process.env.FACTMARK_MODEL;
      }
    }
  });

  it('shows hostile text from the article inert on the terminal', async () => {
    fs.writeFileSync(path.join(dir, 'hostile.txt'), 'Prices rose 40% \u001b[31min 2020\u001b[0m, officials said.\n');
    const r = await run(dir, 'suggest', 'hostile.txt');
    assert.ok(!r.out.includes('\u001b'), 'no raw escape reaches the terminal');
    assert.match(r.out, /\\u001b\[31m/);
  });
});
