// Bench for "Suggest claims": precision, recall and F1 against the hand-labelled sample article,
// and the time to suggest over it. Run with `npm run bench`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_THRESHOLD, scoreSentences } from '../src/core/suggest';

interface Labels { article: string; sentences: Array<{ start: string; checkworthy: boolean }> }

const FIXTURES = join(__dirname, '..', 'test', 'fixtures', 'suggest');

export async function run(log: (line: string) => void): Promise<void> {
  const labels = JSON.parse(readFileSync(join(FIXTURES, 'treaty-article.labels.json'), 'utf8')) as Labels;
  const text = readFileSync(join(FIXTURES, labels.article), 'utf8');
  const scored = scoreSentences(text);
  let tp = 0, fp = 0, fn = 0, tn = 0, unmatched = 0;
  for (const label of labels.sentences) {
    const s = scored.find((x) => x.text.startsWith(label.start));
    if (!s) { unmatched++; continue; }
    const suggested = s.score >= DEFAULT_THRESHOLD;
    if (suggested && label.checkworthy) tp++;
    else if (suggested) { fp++; log(`  false positive (${s.score}): ${label.start}…`); }
    else if (label.checkworthy) { fn++; log(`  missed (${s.score}): ${label.start}…`); }
    else tn++;
  }
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  const f1 = (2 * precision * recall) / (precision + recall);
  log(`suggest: ${labels.sentences.length} labelled sentences (${scored.length} split, ${unmatched} labels unmatched), threshold ${DEFAULT_THRESHOLD}`);
  log(`suggest: TP ${tp}  FP ${fp}  FN ${fn}  TN ${tn}`);
  log(`suggest: precision ${precision.toFixed(3)}  recall ${recall.toFixed(3)}  F1 ${f1.toFixed(3)}`);

  const rounds = 200;
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) scoreSentences(text);
  const perRun = (performance.now() - t0) / rounds;
  log(`suggest: ${perRun.toFixed(3)} ms per run over the sample (${text.length} chars, mean of ${rounds})`);
  const big = Array.from({ length: 100 }, () => text).join('\n\n');
  const t1 = performance.now();
  scoreSentences(big);
  log(`suggest: ${(performance.now() - t1).toFixed(1)} ms over 100 copies (${big.length} chars)`);
}
