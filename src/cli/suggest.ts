// `factmark suggest <file…>`: every sentence of an article with its check-worthiness score,
// whether it would be suggested, and why — the same splitter and scorer as Suggest Claims in
// the editor, with the model file that ships beside dist/cli.js.
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { LineIndex } from '../core/lineIndex';
import { type Sentence, splitSentences } from '../core/suggest/sentences';
import { loadScorer, MODEL_PATH } from '../core/suggest/model';
import type { Scorer, SentenceScore } from '../core/suggest/scorer';
import { readArticle } from './files';
import { EXIT, UsageError, type Io } from './io';
import { formatProblem, terminalSafe } from './output';

export const SUGGEST_HELP = `Usage: factmark suggest <file…> [options]

Scores every sentence of each article (Markdown or plain text) for check-worthiness, 0 to 1,
and prints the score, whether the sentence is suggested (✚) and why: its cues (figures, dates,
quotations, attributions, comparisons, names; opinion, hedging and questions count against)
and the model's strongest features. The same scorer as Suggest Claims in VS Code.

Options:
  --threshold T     suggest from score T (0–1; default: the model's, as the editor's
                    factmark.suggestions.threshold)
  --each-line       every non-blank line is one sentence (for labelled data, one sentence a line)
  --suggested       print only the suggested sentences
  --json            machine-readable output on stdout
  -h, --help        this help

The model is read from ${MODEL_PATH} in the Factmark package (FACTMARK_MODEL overrides the
path); if it is missing or damaged, a warning says so and the plain cue heuristic is used.
Exit codes: 0 done, 1 a file could not be read, 2 usage error.`;

/** The model file: FACTMARK_MODEL, else the package's models/ beside dist/ (or beside src/ when run from sources). */
export function modelFile(): string {
  if (process.env.FACTMARK_MODEL) return process.env.FACTMARK_MODEL;
  const candidates = [path.join(__dirname, '..', MODEL_PATH), path.join(__dirname, '..', '..', MODEL_PATH)];
  return candidates.find((c) => fs.existsSync(c)) ?? candidates[0];
}

/** The scorer the CLI uses, and the warning to print when it is the fallback. */
export async function cliScorer(): Promise<{ scorer: Scorer; problem?: string }> {
  const file = modelFile();
  return loadScorer(async () => fs.readFileSync(file, 'utf8'), `(${file})`);
}

interface Scored extends Sentence, SentenceScore { line: number; column: number; suggested: boolean }

/** Sentences of a text: split as in the editor, or one a line. */
function sentencesOf(text: string, eachLine: boolean): Sentence[] {
  if (!eachLine) return splitSentences(text);
  const out: Sentence[] = [];
  const re = /[^\r\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lead = m[0].length - m[0].trimStart().length;
    const t = m[0].trim();
    if (t) out.push({ start: m.index + lead, end: m.index + lead + t.length, text: t });
  }
  return out;
}

export async function runSuggest(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      threshold: { type: 'string' },
      'each-line': { type: 'boolean' },
      suggested: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) { io.out(SUGGEST_HELP); return EXIT.ok; }
  if (!positionals.length) throw new UsageError('name at least one article');
  let threshold: number | undefined;
  if (values.threshold !== undefined) {
    threshold = Number(values.threshold);
    if (values.threshold.trim() === '' || !Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
      throw new UsageError(`--threshold takes a number from 0 to 1, not "${terminalSafe(values.threshold)}"`);
    }
  }

  const { scorer, problem } = await cliScorer();
  if (problem) io.err(`factmark suggest: warning: ${terminalSafe(problem)}`);
  const cut = threshold ?? scorer.threshold;

  let failed = false;
  const files: Array<{ file: string; all: number; sentences: Scored[] }> = [];
  for (const file of positionals) {
    const text = await readArticle(file);
    if (typeof text !== 'string') { io.err(formatProblem(text)); failed = true; continue; }
    const lines = new LineIndex(text);
    const sentences = sentencesOf(text, values['each-line'] === true).map((s) => {
      const scored = scorer.score(s.text);
      return { ...s, ...scored, ...lines.position(s.start), suggested: scored.score >= cut };
    });
    files.push({ file, all: sentences.length, sentences: values.suggested ? sentences.filter((s) => s.suggested) : sentences });
  }

  if (values.json) {
    io.out(JSON.stringify({
      scorer: scorer.kind,
      ...(problem ? { warning: problem } : {}),
      threshold: cut,
      files: files.map((f) => ({
        file: f.file,
        sentenceCount: f.all,
        sentences: f.sentences.map((s) => ({
          line: s.line, column: s.column, start: s.start, end: s.end, text: s.text, score: s.score, suggested: s.suggested,
          reasons: s.reasons,
          cues: s.cues.map((c) => ({ kind: c.kind, text: c.text })),
          features: s.features,
        })),
      })),
    }, null, 2));
  } else {
    for (const f of files) {
      const all = f.all;
      const n = f.sentences.filter((s) => s.suggested).length;
      io.out(`${terminalSafe(f.file)}  (${all} sentence${all === 1 ? '' : 's'}, ${n} suggested at ≥ ${cut}, ${scorer.kind === 'model' ? 'trained model' : 'cue heuristic'})`);
      for (const s of f.sentences) {
        io.out(`  ${s.suggested ? '✚' : '·'} ${s.score.toFixed(2)}  L${String(s.line).padEnd(5)} ${excerpt(s.text)}`);
        if (s.reasons.length) io.out(`      ${terminalSafe(s.reasons.join(' · '))}`);
      }
    }
  }
  return failed ? EXIT.problems : EXIT.ok;
}

function excerpt(s: string, max = 90): string {
  const one = s.replace(/\s+/g, ' ');
  return `"${terminalSafe(one.length > max ? one.slice(0, max - 1) + '…' : one)}"`;
}
