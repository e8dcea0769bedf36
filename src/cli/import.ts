// `factmark import <article> <file>`: W3C Web Annotations (Factmark's own export among them) or
// a Hypothesis export become claims of the article, placed by Factmark's anchoring; what cannot
// be placed is kept as orphaned. The sidecar is created or spliced like any other write, and a
// broken sidecar is never written over.
import { parseArgs } from 'util';
import { planImport } from '../core/import/planImport';
import { sidecarPathFor } from '../core/model';
import { EXIT, UsageError, type Io } from './io';
import { readNamedFile, repositoryRoot, writeConfined } from '../node/safeFiles';
import { decodeText } from '../core/articleText';
import { MAX_TEXT_LENGTH } from '../core/limits';
import { isProblem } from './files';
import { loadArticle } from './loadArticle';
import { formatProblem, terminalSafe } from './output';

export const IMPORT_HELP = `Usage: factmark import <article> <file> [--dry-run]

Adds the annotations in <file> to the article's claims (<article>.claims.yaml):
  W3C Web Annotations   an Annotation, a list, an AnnotationPage or AnnotationCollection
                        (factmark export --format w3c writes one; it imports back unchanged)
  Hypothesis            its API's search result ({"rows": […]}) or its annotation export
Each annotation is placed on its quoted words (TextQuoteSelector, with a TextPositionSelector
as a hint); one whose words are not found is kept as an orphaned claim. Annotations already
imported are not added twice; page notes and replies (no quoted words) are listed, not imported.

Options:
  --dry-run      say what would be imported; write nothing
  -h, --help     this help

Exit codes: 0 imported, 1 nothing written (unreadable file, broken sidecar), 2 usage error.`;

export async function runImport(argv: string[], io: Io, now: () => string = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) { io.out(IMPORT_HELP); return EXIT.ok; }
  if (positionals.length !== 2) throw new UsageError('give the article and the annotation file');
  const [article, file] = positionals;
  const read = await readNamedFile(file, { maxBytes: MAX_TEXT_LENGTH, what: 'annotations file' });
  if (!read.ok) {
    io.err(read.missing ? `${terminalSafe(file)}: error: no such file; nothing was written` : formatProblem(read.problem));
    return EXIT.problems;
  }
  const decoded = decodeText(read.bytes, file, 'annotations file');
  if (!decoded.ok) { io.err(formatProblem(decoded.problem)); io.err('nothing was written'); return EXIT.problems; }
  const fileText = decoded.text;
  const sidecar = sidecarPathFor(article);
  const loaded = await loadArticle(article, sidecar, now);
  if (isProblem(loaded)) { io.err(formatProblem(loaded)); io.err(`${terminalSafe(sidecar)} cannot be read; nothing was written`); return EXIT.problems; }
  if (typeof loaded.text !== 'string') { io.err(formatProblem(loaded.text)); return EXIT.problems; }
  const snap = loaded.store.get(loaded.key)!;
  if (snap.sidecarState === 'broken') {
    for (const p of snap.problems) io.err(formatProblem(p));
    io.err(`${terminalSafe(sidecar)} has errors; nothing was written`);
    return EXIT.problems;
  }
  const r = planImport(loaded.text, fileText, { scale: loaded.scale, now: now(), existing: snap.claims });
  if (!r.ok) {
    io.err(`${terminalSafe([file, r.line, r.column].filter((x) => x !== undefined).join(':'))}: error: ${terminalSafe(r.message)}`);
    return EXIT.problems;
  }
  const { plan } = r;
  for (const n of [...plan.notes, ...plan.skipped, ...plan.duplicates]) io.out(`  ${terminalSafe(n.message)}`);
  for (const i of plan.imported) {
    if (i.state === 'anchored' || i.state === 'moved') continue;
    const what = i.state === 'orphaned' ? 'orphaned, words not found' : i.state === 'changed' ? 'on edited words, needs re-check' : 'unsure place';
    io.out(`  ${terminalSafe(i.claim.id)} ${what}: "${terminalSafe(i.claim.quote.replace(/\s+/g, ' ').slice(0, 60))}"`);
  }
  if (values['dry-run']) { io.out(`${plan.summary} (dry run: nothing was written)`); return EXIT.ok; }
  if (plan.imported.length) {
    loaded.store.addClaims(loaded.key, plan.imported.map((i) => i.claim));
    await writeConfined(sidecar, new TextEncoder().encode(loaded.store.serialize(loaded.key)), { root: repositoryRoot(article), expected: loaded.sidecarBytes, what: 'sidecar' });
  }
  io.out(`${plan.summary}${plan.imported.length ? ` Written to ${terminalSafe(sidecar)}.` : ''}`);
  return EXIT.ok;
}
