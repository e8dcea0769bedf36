// `factmark check [paths…]`: validate sidecars, re-anchor claims, apply the CI policy; on every
// core (checkPool.ts), for only what changed in git (--changed, changed.ts) or for one shard of a
// CI matrix (--shard, shard.ts).
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import type { ArticleReport } from '../core/check/checkArticle';
import { DEFAULT_FAIL_ON, parseFailOn } from '../core/check/policy';
import { MAX_REVIEWS } from '../core/workflow/repoPolicy';
import { CONFIG_FILE } from '../core/config';
import { SIDECAR_SUFFIX, type Problem } from '../core/model';
import { changedFiles, repositoryRoot, type ChangedFiles } from './changed';
import { defaultJobs, lastSplit, runChecks, threadsFor, type CheckJob, type CheckSettings } from './checkPool';
import { findPairs, lexists, notUtf8Name, scaleFor, type Pair } from './files';
import { formatProblem, formatReport, inertJson, reportJson } from './output';
import { inShard, parseShard, type Shard } from './shard';
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
  --changed [BASE]       only articles whose text or sidecar changed since BASE (its merge
                         base with HEAD, up to the working tree, untracked files included);
                         a changed .factmark.yaml checks every article under it. Without BASE:
                         in a git hook (pre-commit), what is staged for commit; else since
                         the merge base with the branch's upstream. Write --changed=BASE when
                         BASE is also the name of a file or folder.
  --shard K/N            check only the K-th of N parts (a stable split by path relative to
                         the repository root): N CI runners with K = 1…N check everything
                         exactly once between them. Run every shard from the same folder.
  --jobs N               threads to check with (default: one per core;
                         1 checks in this thread)
  -q, --quiet            print only claims and files with problems
  -h, --help             this help

Exit codes: 0 all good, 1 problems or policy violations found, 2 usage error.`;

const SKIP_DIRS = new Set(['node_modules', '.git', '.vscode-test', 'dist', 'out']);

export async function runCheck(argv: string[], io: Io): Promise<number> {
  const { rest, changed } = takeChanged(argv);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      'require-sources': { type: 'boolean' },
      'require-reviews': { type: 'string' },
      'fail-on': { type: 'string' },
      'no-history': { type: 'boolean' },
      shard: { type: 'string' },
      jobs: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) { io.out(CHECK_HELP); return EXIT.ok; }

  const requireReviews = parseRequireReviews(values['require-reviews']);
  const failOnText = values['fail-on'] ?? DEFAULT_FAIL_ON.join(',');
  const failOnHere = parseFailOn(failOnText, (await scaleFor(process.cwd())).scale);
  if (failOnHere.errors.length) throw new UsageError(failOnHere.errors.join('\n'));
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  const jobs = values.jobs === undefined ? defaultJobs() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageError(`--jobs: "${values.jobs}" is not a number of threads from 1 to 256`);

  const here = realCwd();
  const scope: string[] = [];
  let found: { pairs: Pair[]; problems: Problem[] };
  if (changed) {
    const files = changedFiles(here, changed.base);
    found = changedPairs(files, positionals, here);
    scope.push(files.label);
  } else {
    found = findPairs(positionals);
  }
  const problems = found.problems;
  let pairs = found.pairs;
  const shardRoot = shard ? (repositoryRoot(here) ?? here) : here;
  if (shard) {
    pairs = pairs.filter((p) => inShard(shardKey(shardRoot, here, p.sidecar), shard));
    scope.push(`shard ${shard.index}/${shard.count}`);
    // Problems with the paths given are the same on every runner: reported by the first only.
    if (shard.index !== 1) problems.length = 0;
  }

  // One scale and policy per repository config, found once per folder.
  const settings: CheckSettings = { rules: [], history: !values['no-history'], failingOnly: values.quiet && !values.json };
  const rulesByConfig = new Map<string, number>();
  const rulesByDir = new Map<string, number>();
  const rulesFor = async (sidecar: string): Promise<number> => {
    const dir = path.dirname(path.resolve(sidecar));
    const known = rulesByDir.get(dir);
    if (known !== undefined) return known;
    const config = await scaleFor(dir);
    const key = config.file ?? '';
    let index = rulesByConfig.get(key);
    if (index === undefined) {
      const failOn = parseFailOn(failOnText, config.scale);
      if (failOn.errors.length) throw new UsageError(failOn.errors.join('\n'));
      index = settings.rules.length;
      settings.rules.push({ scale: config.scale, policy: {
        requireSources: values['require-sources'] === true || config.policy.requireSources,
        requireReviews: requireReviews ?? config.policy.requireReviews,
        failOn: failOn.failOn,
      } });
      rulesByConfig.set(key, index);
      // A config's own problems once, in the shard its path falls in.
      if (!shard || !config.file || inShard(shardKey(shardRoot, here, config.file), shard)) problems.push(...config.problems);
    }
    rulesByDir.set(dir, index);
    return index;
  };
  const todo: CheckJob[] = [];
  for (const p of pairs) todo.push({ article: p.article, sidecar: p.sidecar, articleName: rel(p.article, here), sidecarName: rel(p.sidecar, here), rules: await rulesFor(p.sidecar) });

  const reports: ArticleReport[] = [];
  let claims = 0;
  const threads = threadsFor(todo.length, jobs);
  // For the tests and the bench: how the work was spread.
  if (process.env.FACTMARK_CHECK_STATS) io.err(`factmark check: ${todo.length} articles on ${threads} thread${threads === 1 ? '' : 's'}`);
  for (const r of await runChecks(todo, settings, threads)) {
    if ('report' in r) { reports.push(r.report); claims += r.claims; } else problems.push(r.problem);
  }
  if (process.env.FACTMARK_CHECK_STATS) io.err(`factmark check: articles checked per thread: ${lastSplit.join(', ')} (this thread first)`);
  if (process.env.FACTMARK_CHECK_STATS) {
    const use = process.resourceUsage();
    io.err(`factmark check: peak memory ${Math.round(use.maxRSS / 1024)} MB`);
    // Of the whole process (every thread): what the check cost however loaded the machine is.
    io.err(`factmark check: CPU ${Math.round((use.userCPUTime + use.systemCPUTime) / 1000)} ms`);
  }

  const ok = problems.every((p) => p.severity !== 'error') && reports.every((r) => r.ok);
  if (values.json) {
    io.out(inertJson(reportJson(reports, problems, scope)));
  } else {
    for (const p of problems) io.err(formatProblem(p));
    for (const r of reports) {
      if (values.quiet && r.ok) continue;
      // (With --quiet the reports hold only the claims that fail: settings.failingOnly.)
      io.out(formatReport(r));
    }
    io.out(summary(reports, claims, problems, ok, scope));
  }
  return ok ? EXIT.ok : EXIT.problems;
}

function parseRequireReviews(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > MAX_REVIEWS) throw new UsageError(`--require-reviews must be a whole number from 0 to ${MAX_REVIEWS}`);
  return n;
}

/** `--changed`, `--changed BASE` or `--changed=BASE` taken out of the arguments (parseArgs has no optional values). */
function takeChanged(argv: string[]): { rest: string[]; changed?: { base?: string } } {
  const rest: string[] = [];
  let changed: { base?: string } | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { rest.push(...argv.slice(i)); break; }
    if (a.startsWith('--changed=')) {
      const base = a.slice('--changed='.length);
      if (!base) throw new UsageError('--changed=: name a base (a branch, tag or commit), or write --changed alone');
      changed = { base };
    } else if (a === '--changed') {
      const next = argv[i + 1];
      // The next argument is the base unless it is an option or a file or folder to check.
      if (next !== undefined && !next.startsWith('-') && !fs.existsSync(next)) { changed = { base: next }; i++; }
      else changed = {};
    } else rest.push(a);
  }
  return { rest, changed };
}

/** The pairs that changed files belong to, under the given paths (default: the current folder). */
function changedPairs(changed: ChangedFiles, positionals: string[], here: string): { pairs: Pair[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const scopes: string[] = [];
  for (const given of positionals.length ? positionals : ['.']) {
    const abs = path.resolve(here, given);
    if (!fs.existsSync(abs)) problems.push({ severity: 'error', code: 'not-found', file: given, message: `${given}: no such file or folder` });
    else scopes.push(fs.statSync(abs).isDirectory() ? abs : abs.endsWith(SIDECAR_SUFFIX) ? abs.slice(0, -SIDECAR_SUFFIX.length) : abs);
  }
  const under = (p: string) => scopes.some((s) => p === s || p === s + SIDECAR_SUFFIX || p.startsWith(s + path.sep));
  const skipped = (file: string) => path.relative(changed.root, file).split(path.sep).some((part) => SKIP_DIRS.has(part));
  const sidecars = new Set<string>();
  const isFile = (p: string) => { try { return fs.statSync(p).isFile(); } catch { return false; } };
  // A sidecar that is there in any form (a FIFO, a folder, a link dangling or leading out) is
  // handed to the reader, which says what is wrong with it, as for the walk: never passed over.
  for (const file of changed.paths) {
    if (skipped(file)) continue;
    if (path.basename(file) === CONFIG_FILE) {
      // New rules (statuses, policy) for everything under the config.
      if (isFile(file)) for (const p of findPairs([path.dirname(file)]).pairs) sidecars.add(path.resolve(p.sidecar));
    } else if (file.endsWith(SIDECAR_SUFFIX)) {
      if (lexists(file)) sidecars.add(file);
    } else if (lexists(file + SIDECAR_SUFFIX)) {
      sidecars.add(file + SIDECAR_SUFFIX);
    }
  }
  // Names that are not UTF-8 cannot be opened: each changed sidecar among them is an error.
  const unopenable = new Set<string>();
  for (const { path: file, bytes } of changed.notUtf8) {
    const sidecar = file.endsWith(SIDECAR_SUFFIX) ? file : file + SIDECAR_SUFFIX;
    const sidecarBytes = file.endsWith(SIDECAR_SUFFIX) ? bytes : Buffer.concat([bytes, Buffer.from(SIDECAR_SUFFIX)]);
    if (skipped(file) || !under(sidecar) || unopenable.has(sidecar) || !lexists(sidecarBytes)) continue;
    unopenable.add(sidecar);
    problems.push(notUtf8Name(rel(sidecar, here)));
  }
  const pairs = [...sidecars].filter(under).map((sidecar) => {
    const r = rel(sidecar, here);
    return { sidecar: r, article: r.slice(0, -SIDECAR_SUFFIX.length) };
  });
  pairs.sort((a, b) => a.sidecar.localeCompare(b.sidecar));
  return { pairs, problems };
}

/** A path as every runner sees it: relative to the repository root, with `/`. */
function shardKey(root: string, here: string, file: string): string {
  return path.relative(root, path.resolve(here, file)).split(path.sep).join('/');
}

/** `claims`: how many the reports' articles have (with --quiet the reports keep only those that fail). */
function summary(reports: ArticleReport[], claims: number, problems: Problem[], ok: boolean, scope: string[]): string {
  const failing = reports.reduce((n, r) => n + r.claims.filter((c) => c.violations.length).length, 0);
  const fileProblems = problems.filter((p) => p.severity === 'error').length + reports.reduce((n, r) => n + r.problems.filter((p) => p.severity === 'error').length, 0);
  const within = scope.length ? ` (${scope.join('; ')})` : '';
  return `${ok ? 'OK' : 'FAILED'}: ${reports.length} article${reports.length === 1 ? '' : 's'}${within}, ${claims} claims, ${failing} failing the policy, ${fileProblems} file problem${fileProblems === 1 ? '' : 's'}`;
}

function realCwd(): string {
  try { return fs.realpathSync(process.cwd()); } catch { return process.cwd(); }
}

function rel(p: string, here: string): string {
  for (const base of [process.cwd(), here]) {
    const r = path.relative(base, path.resolve(base, p));
    if (r && !r.startsWith('..') && !path.isAbsolute(r)) return r;
  }
  return p;
}
