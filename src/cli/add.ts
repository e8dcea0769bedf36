// `factmark add <article> --quote TEXT …`: mark a claim from a script and print its id.
import * as path from 'path';
import { parseArgs } from 'util';
import { findOccurrences } from '../core/occurrences';
import { STANCES, sidecarPathFor, type Source, type Stance } from '../core/model';
import { ClaimStore } from '../core/store/claimStore';
import { buildSource } from '../core/sourceInput';
import { findStatus } from '../core/statusScale';
import { ChangedOnDiskError } from '../core/changedOnDisk';
import { StoreError } from '../core/store/types';
import { FileBusyError, repositoryRoot, writeConfined } from '../node/safeFiles';
import { isProblem, readArticle, readSidecar, scaleFor } from './files';
import { cleanName } from '../core/workflow/people';
import { whoIs } from './claimEdit';
import { EXIT, UsageError, type Io } from './io';
import { formatProblem, terminalSafe } from './output';

export const ADD_HELP = `Usage: factmark add <article> --quote TEXT [options]

Marks the words TEXT of the article as a claim, writes it to the article's sidecar
(<article>.claims.yaml, created when missing) and prints the new claim's id.

Options:
  --quote TEXT           the exact words of the claim (required)
  --occurrence N         which occurrence, when TEXT appears more than once (1-based)
  --status KEY           a status of the scale (default: the scale's initial status)
  --source URL           a source (repeatable)
  --stance S             stance of the sources given: supports, refutes or context
  --explanation TEXT     the rationale
  --claimant NAME        who made the claim
  --tag TAG              a tag (repeatable)
  --assignee NAME        who is to check it
  --by NAME              who marks it (default: git's user.name); also its rater with --status
  -h, --help             this help

Exit codes: 0 added, 1 the claim could not be added (quote not found, ambiguous, bad sidecar), 2 usage error.`;

export async function runAdd(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      quote: { type: 'string' },
      occurrence: { type: 'string' },
      status: { type: 'string' },
      source: { type: 'string', multiple: true },
      stance: { type: 'string' },
      explanation: { type: 'string' },
      claimant: { type: 'string' },
      tag: { type: 'string', multiple: true },
      assignee: { type: 'string' },
      by: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) { io.out(ADD_HELP); return EXIT.ok; }
  if (positionals.length !== 1) throw new UsageError('give exactly one article');
  const quote = values.quote;
  if (!quote) throw new UsageError('--quote TEXT is required');
  const article = positionals[0];
  const { scale } = await scaleFor(article);
  if (values.status && !findStatus(scale, values.status)) {
    throw new UsageError(`--status: "${values.status}" is not a status; use one of ${scale.statuses.map((s) => s.key).join(', ')}`);
  }
  if (values.stance && !STANCES.includes(values.stance as Stance)) throw new UsageError(`--stance must be one of ${STANCES.join(', ')}`);
  const sources: Source[] = [];
  for (const url of values.source ?? []) {
    const built = buildSource({ url, stance: values.stance });
    if (!built.ok) throw new UsageError(`--source "${url}": ${built.message}`);
    sources.push(built.source);
  }

  const text = await readArticle(article);
  if (typeof text !== 'string') { io.err(formatProblem(text)); return EXIT.problems; }
  const found = findOccurrences(text, quote);
  let pick = found[0];
  if (found.length === 0) {
    io.err(`${terminalSafe(article)}: the quote is not in the article: "${terminalSafe(quote)}"`);
    return EXIT.problems;
  }
  if (values.occurrence !== undefined) {
    const n = Number(values.occurrence);
    if (!Number.isInteger(n) || n < 1 || n > found.length) throw new UsageError(`--occurrence must be from 1 to ${found.length}`);
    pick = found[n - 1];
  } else if (found.length > 1) {
    io.err(`${terminalSafe(article)}: the quote appears ${found.length} times (lines ${found.map((f) => f.line).join(', ')}); choose one with --occurrence N`);
    return EXIT.problems;
  }

  const sidecar = sidecarPathFor(article);
  const root = repositoryRoot(article);
  const author = whoIs(values.by, article);
  // Read, add, write; when another writer got there between our read and our write (a second
  // `factmark add`, the extension, a hand edit), nothing was written: read again and add again.
  for (let attempt = 1; ; attempt++) {
    const before = await readSidecar(sidecar);
    if (isProblem(before)) {
      io.err(formatProblem(before));
      io.err(`${terminalSafe(sidecar)} cannot be read; nothing was written`);
      return EXIT.problems;
    }
    const store = new ClaimStore({ scale, author: () => author });
    store.open(article, sidecar, path.basename(article));
    store.loadSidecar(article, before?.text);
    const snapshot = store.get(article);
    if (snapshot?.sidecarState === 'broken') {
      for (const p of snapshot.problems) io.err(formatProblem(p));
      io.err(`${terminalSafe(sidecar)} has errors; nothing was written`);
      return EXIT.problems;
    }
    store.setArticleText(article, text);
    let out: string;
    let id: string;
    try {
      id = store.addClaim(article, pick.start, pick.end, {
        status: values.status,
        sources,
        explanation: values.explanation,
        claimant: values.claimant,
        tags: values.tag,
        assignee: cleanName(values.assignee),
      }).id;
      out = store.serialize(article);
    } catch (e) {
      if (!(e instanceof StoreError)) throw e;
      io.err(`${terminalSafe(sidecar)}: ${terminalSafe(e.message)}; nothing was written`);
      return EXIT.problems;
    }
    try {
      await writeConfined(sidecar, new TextEncoder().encode(out), { root, expected: before?.bytes, what: 'sidecar' });
    } catch (e) {
      if (e instanceof ChangedOnDiskError && !(e instanceof FileBusyError) && attempt < 10) continue;
      throw e;
    }
    io.out(id);
    return EXIT.ok;
  }
}
