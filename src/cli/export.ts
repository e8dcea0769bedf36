// `factmark export <article|folder>… --format F [--out PATH]`: the fact-check as ClaimReview,
// W3C annotations, a Markdown or HTML report, or CSV — the same functions as the VS Code
// Export… command. Nothing is written when a sidecar is broken or a format's required data
// is missing (each said, with the file); the output never replaces an article or a sidecar.
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import type { ExportArticle } from '../core/export/exportInput';
import { FORMATS, findFormat } from '../core/export/formats';
import type { Publisher } from '../core/model';
import type { StatusScale } from '../core/statusScale';
import { readConfined, writeConfined } from '../node/safeFiles';
import { findPairs, isProblem } from './files';
import { EXIT, UsageError, type Io } from './io';
import { loadArticle } from './loadArticle';
import { formatProblem, terminalSafe } from './output';

export const EXPORT_HELP = `Usage: factmark export <article|folder>… --format F [--out PATH]

Writes the fact-check of the articles (all sidecars under a folder) in one format:
${FORMATS.map((f) => `  ${f.id.padEnd(12)} ${f.detail}`).join('\n')}

Options:
  --format F      one of ${FORMATS.map((f) => f.id).join(', ')} (required)
  --out PATH      write to PATH (default: standard output)
  -h, --help      this help

What was exported and what was left out is printed on standard error. The publisher comes from
\`publisher:\` in .factmark.yaml; each article's published address, headline and date from the
\`published:\` header of its sidecar.
Exit codes: 0 written, 1 nothing written (a broken sidecar, a required field missing), 2 usage error.`;

export async function runExport(argv: string[], io: Io, now: () => string = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { format: { type: 'string', short: 'f' }, out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) { io.out(EXPORT_HELP); return EXIT.ok; }
  if (!values.format) throw new UsageError(`--format is required: ${FORMATS.map((f) => f.id).join(', ')}`);
  const format = findFormat(values.format);
  if (!format) throw new UsageError(`--format: "${values.format}" is not a format; use one of ${FORMATS.map((f) => f.id).join(', ')}`);
  if (!positionals.length) throw new UsageError('give the articles (or folders) to export');

  const { pairs, problems } = findPairs(positionals);
  let failed = false;
  for (const p of problems) { io.err(formatProblem(p)); if (p.severity === 'error') failed = true; }
  if (!pairs.length) { io.err('factmark export: no article with claims found; nothing was written'); return EXIT.problems; }
  const articles: ExportArticle[] = [];
  let scale: StatusScale | undefined;
  let publisher: Publisher | undefined;
  for (const pair of pairs) {
    const loaded = await loadArticle(pair.article, pair.sidecar);
    if (isProblem(loaded)) { io.err(formatProblem(loaded)); failed = true; continue; }
    for (const p of loaded.configProblems) if (p.severity === 'error') io.err(formatProblem(p));
    const snap = loaded.store.get(loaded.key)!;
    if (snap.sidecarState === 'broken') {
      for (const p of snap.problems) io.err(formatProblem(p));
      failed = true;
      continue;
    }
    if (typeof loaded.text !== 'string') io.err(`${formatProblem(loaded.text)} (its claims are exported without their place in the article)`);
    scale ??= loaded.scale;
    publisher ??= loaded.publisher;
    articles.push({ name: rel(pair.article), text: typeof loaded.text === 'string' ? loaded.text : undefined, published: snap.published, entries: snap.claims });
  }
  if (failed || !scale) { io.err('factmark export: nothing was written'); return EXIT.problems; }

  const result = format.render({ articles, scale, publisher, generated: now() });
  const errors = result.notes.filter((n) => n.severity === 'error');
  for (const n of result.notes) io.err(`${n.severity === 'info' ? 'note' : n.severity}: ${terminalSafe(n.message)}`);
  if (errors.length) { io.err('factmark export: nothing was written'); return EXIT.problems; }

  if (values.out) {
    const out = path.resolve(values.out);
    const guarded = pairs.flatMap((p) => [path.resolve(p.article), path.resolve(p.sidecar)]).flatMap((p) => { try { return [p, fs.realpathSync(p)]; } catch { return [p]; } });
    if (guarded.includes(out)) throw new UsageError(`--out ${values.out} is an article or a sidecar; choose another file`);
    // Confined to the folder named: a planted link (report.html -> ~/.bashrc) is refused, not written through.
    const root = path.dirname(out);
    const before = await readConfined(out, { root, maxBytes: Number.MAX_SAFE_INTEGER, what: 'output file' });
    if (!before.ok && !before.missing) throw new UsageError(`--out ${values.out}: ${before.problem.message}`);
    if (before.ok && guarded.includes(before.real)) throw new UsageError(`--out ${values.out} links to an article or a sidecar; choose another file`);
    await writeConfined(out, new TextEncoder().encode(result.text), { root, expected: before.ok ? before.bytes : undefined, what: 'output file' });
    io.err(`${result.summary} → ${terminalSafe(values.out)}`);
  } else {
    io.out(result.text.replace(/\n$/, ''));
    io.err(result.summary);
  }
  return EXIT.ok;
}

function rel(p: string): string {
  const r = path.relative(process.cwd(), path.resolve(p));
  return (r && !r.startsWith('..') ? r : p).split(path.sep).join('/');
}
