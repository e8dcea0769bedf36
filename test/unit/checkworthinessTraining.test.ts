// The training script's refit on the development splits: the scores its threshold is chosen on
// (and the bench reports for those splits) must be held out — each sentence scored by a fit
// that never saw it — while the shipped weights do learn from every split. Checked on a small
// corpus made here, so it runs without ../shared.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CHOSEN, trainModel, type TrainSettings } from '../../scripts/checkworthinessTraining';

const CLAIMS = ['The deficit rose 5 percent in 2010.', 'We cut taxes for 90 million families.', 'He voted against the bill three times.', 'Unemployment fell to 4 percent last year.', 'The plan costs $2 trillion over ten years.', 'She raised spending by 20 percent.'];
const OTHER = ['Thank you very much.', 'I want to say something.', 'Let me finish, please.', 'That is a good question.', 'We will see what happens.', 'I love this country.'];

function rows(n: number, offset: number): Array<{ text: string; label: 'Yes' | 'No' }> {
  return Array.from({ length: n }, (_, i) => {
    const k = i + offset;
    const yes = k % 2 === 0;
    const pool = yes ? CLAIMS : OTHER;
    return { text: `${pool[k % pool.length]} (${k})`, label: yes ? 'Yes' : 'No' };
  });
}

function corpus(sets: Record<string, Array<{ text: string; label: string }>>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-cw-'));
  for (const [name, rs] of Object.entries(sets)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, 'data.jsonl'), rs.map((r, i) => JSON.stringify({ id: String(i), ...r })).join('\n') + '\n');
  }
  return dir;
}

const SETTINGS: TrainSettings = { ...CHOSEN, minCount: 1 };
const flip = (l: 'Yes' | 'No'): 'Yes' | 'No' => (l === 'Yes' ? 'No' : 'Yes');

describe('the training script: refit on the development splits', function () {
  this.timeout(120_000);
  const base = { 'ct24-en-train': rows(48, 0), 'claimbuster-groundtruth': rows(12, 100), 'ct24-en-devtest': rows(12, 200) };
  const dirs: string[] = [];
  after(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });
  const train = (sets: typeof base, s = SETTINGS) => { const d = corpus(sets); dirs.push(d); return trainModel(s, d); };

  it('scores each development sentence by a fit that did not see it, and trains the shipped weights on it', () => {
    const before = train(base);
    const held = (m: typeof before, name: string) => m.heldOut.find((h) => h.name === name)!;
    for (const name of ['claimbuster-groundtruth', 'ct24-en-devtest'] as const) {
      // Flip the label of the set's first sentence (for devtest: in the first half) and retrain.
      const after = train({ ...base, [name]: base[name].map((r, i) => (i === 0 ? { ...r, label: flip(r.label) } : r)) });
      assert.strictEqual(held(before, name).p.length, 12, name);
      assert.notStrictEqual(held(after, name).y[0], held(before, name).y[0]);
      assert.strictEqual(held(after, name).p[0], held(before, name).p[0], `${name}: its own label reached the score it is judged by`);
      assert.notStrictEqual(after.text, before.text, `${name}: the refit learns from it`);
      if (name === 'ct24-en-devtest') {
        // The other half was scored by a fit that saw the first half.
        assert.notDeepStrictEqual([...held(after, name).p.slice(6)], [...held(before, name).p.slice(6)]);
      }
    }
  });

  it('with the development weights at 0, trains on ct24-en-train alone', () => {
    const off: TrainSettings = { ...SETTINGS, devWeights: { 'claimbuster-groundtruth': 0, 'ct24-en-devtest': 0 } };
    const a = train(base, off);
    const b = train({ ...base, 'ct24-en-devtest': base['ct24-en-devtest'].map((r) => ({ ...r, label: flip(r.label) })), 'claimbuster-groundtruth': rows(12, 300) }, off);
    assert.deepStrictEqual(a.model.weights, b.model.weights);
    assert.doesNotMatch(a.model.source, /development splits/);
    assert.match(train(base).model.source, /development splits claimbuster-groundtruth \(weight 1\) and ct24-en-devtest \(weight 10\)/);
  });
});
