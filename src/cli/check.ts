// `factmark check [paths…]`: validate sidecars, re-anchor claims, apply the CI policy.
import * as path from 'path';
import { parseArgs } from 'util';
import { checkArticle, type ArticleReport } from '../core/check/checkArticle';
import { DEFAULT_FAIL_ON, parseFailOn } from '../core/check/policy';
import { MAX_REVIEWS } from '../core/workflow/repoPolicy';
import type { Problem } from '../core/model';
import { findPairs, isProblem, readArticle, readSidecar, scaleFor } from './files';
import { articleAtSidecarCommit } from '../node/gitHistory';
import { formatProblem, formatReport, inertJson, reportJson } from './output';
import { EXIT, UsageError, type Io } from './io';

export const CHECK_HELP = `Usage: factmark check [paths…] [options]

Finds article/sidecar pairs under the paths (default: the current folder), validates each
sidecar, re-anchors every claim against the article's current text and reports its status
and anchor state (anchored, moved, changed, ambiguous, orphaned).

Options:
  --json                 machine-readable report on stdout
  --require-sources      settled claims need an explanation, verdicts also a source
                         (default: requireSources in .factmark.yaml)
  --require-reviews N    every settled claim needs N approvals of its current status by
                         people other than its rater; a changed verdict needs them again,
                         a dispute fails it (default: requireReviews in .factmark.yaml, or 0)
  --fail-on LIST         comma-separated anchor states and/or status keys that fail the
                         check; also "needs-recheck" (changed,ambiguous), "open" (every
                         unsettled status) and "none". Default: ${DEFAULT_FAIL_ON.join(',')}
  --no-history           do not ask git for the article as it was when the sidecar was last
                         committed (by default, in a git repository, claims are first carried
                         through the article's edits since then, then searched for)
  -q, --quiet            print only claims and files with problems
  -h, --help             this help

Exit codes: 0 all good, 1 problems or policy violations found, 2 usage error.`;

export async function runCheck(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      'require-sources': { type: 'boolean' },
      'require-reviews': { type: 'string' },
      'fail-on': { type: 'string' },
      'no-history': { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) { io.out(CHECK_HELP); return EXIT.ok; }

  const requireReviews = parseRequireReviews(values['require-reviews']);
  const failOnText = values['fail-on'] ?? DEFAULT_FAIL_ON.join(',');
  const failOnHere = parseFailOn(failOnText, (await scaleFor(process.cwd())).scale);
  if (failOnHere.errors.length) throw new UsageError(failOnHere.errors.join('\n'));
  const { pairs, problems } = findPairs(positionals);
  const reports: ArticleReport[] = [];
  for (const pair of pairs) {
    const { scale, policy, problems: configProblems } = await scaleFor(pair.sidecar);
    problems.push(...configProblems);
    const failOn = parseFailOn(failOnText, scale);
    if (failOn.errors.length) throw new UsageError(failOn.errors.join('\n'));
    const sidecar = await readSidecar(pair.sidecar);
    if (sidecar === undefined || isProblem(sidecar)) {
      problems.push(sidecar ?? { severity: 'error', code: 'sidecar-unreadable', file: pair.sidecar, message: `${pair.sidecar} disappeared while Factmark was reading` });
      continue;
    }
    reports.push(checkArticle({
      article: rel(pair.article),
      sidecar: rel(pair.sidecar),
      articleText: await readArticle(pair.article),
      sidecarSource: sidecar.text,
      previousArticle: values['no-history'] ? undefined : () => articleAtSidecarCommit(pair.article, pair.sidecar),
    }, scale, {
      requireSources: values['require-sources'] === true || policy.requireSources,
      requireReviews: requireReviews ?? policy.requireReviews,
      failOn: failOn.failOn,
    }));
  }

  const ok = problems.every((p) => p.severity !== 'error') && reports.every((r) => r.ok);
  if (values.json) {
    io.out(inertJson(reportJson(reports, problems)));
  } else {
    for (const p of problems) io.err(formatProblem(p));
    for (const r of reports) {
      if (values.quiet && r.ok) continue;
      io.out(formatReport(values.quiet ? { ...r, claims: r.claims.filter((c) => c.violations.length) } : r));
    }
    io.out(summary(reports, problems, ok));
  }
  return ok ? EXIT.ok : EXIT.problems;
}

function parseRequireReviews(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > MAX_REVIEWS) throw new UsageError(`--require-reviews must be a whole number from 0 to ${MAX_REVIEWS}`);
  return n;
}

function summary(reports: ArticleReport[], problems: Problem[], ok: boolean): string {
  const claims = reports.reduce((n, r) => n + r.claims.length, 0);
  const failing = reports.reduce((n, r) => n + r.claims.filter((c) => c.violations.length).length, 0);
  const fileProblems = problems.filter((p) => p.severity === 'error').length + reports.reduce((n, r) => n + r.problems.filter((p) => p.severity === 'error').length, 0);
  return `${ok ? 'OK' : 'FAILED'}: ${reports.length} article${reports.length === 1 ? '' : 's'}, ${claims} claims, ${failing} failing the policy, ${fileProblems} file problem${fileProblems === 1 ? '' : 's'}`;
}

function rel(p: string): string {
  const r = path.relative(process.cwd(), p);
  return r && !r.startsWith('..') ? r : p;
}
