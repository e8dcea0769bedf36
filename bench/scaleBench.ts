// Issue 13, a newsroom's whole archive: figures on generated workspaces of 100 / 1,000 / 5,000
// articles (5–20 KB of prose, 10–30 claims each, valid sidecars; bench/generateWorkspace.ts,
// cached in the temp folder), each next to its goal. Median of 3 runs. This section is Node only
// (core, store, outline, CLI); the extension's figures in real code-server are measured apart.
// Nothing is asserted: timings only.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { ClaimsOutline } from '../src/core/present/claimsOutline';
import { parseSidecar } from '../src/core/sidecar/sidecarYaml';
import { fastYamlValue } from '../src/core/yaml/fastYaml';
import { preflight } from '../src/core/yaml/preflight';
import { MAX_CLAIMS } from '../src/core/limits';
import { DEFAULT_SCALE } from '../src/core/statusScale';
import { ClaimStore } from '../src/core/store/claimStore';
import { cachedWorkspace, generateBigArticle, type Generated } from './generateWorkspace';

const SIZES = (process.env.FACTMARK_BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);
const RUNS = 3;
const CLI = path.resolve(__dirname, '..', 'dist', 'cli.js');

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeRuns(fn: () => void, runs = RUNS): number {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

export function load(): string {
  return os.loadavg().map((l) => l.toFixed(1)).join(' ');
}

const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`);
const row = (label: string, cells: string[], goal = '') => `  ${label.padEnd(44)}${cells.map((c) => c.padStart(12)).join('')}${goal ? `   ${goal}` : ''}`;

interface Files { sidecars: string[]; articles: string[]; sources: string[]; texts: string[] }

function readAll(g: Generated): Files {
  const articles = g.articles.map((a) => path.join(g.dir, a));
  const sidecars = articles.map((a) => a + '.claims.yaml');
  return { articles, sidecars, sources: sidecars.map((f) => fs.readFileSync(f, 'utf8')), texts: articles.map((f) => fs.readFileSync(f, 'utf8')) };
}

export async function run(log: (line: string) => void): Promise<void> {
  log(`machine: ${os.cpus().length} cores, load average ${load()} (1, 5, 15 min) before the section; other sessions' tests make timings noisy`);
  const archives = SIZES.map((n) => cachedWorkspace({ articles: n, seed: 1 }));
  log(row('generated workspace (articles)', SIZES.map((n) => n.toLocaleString('en'))));
  log(row('claims', archives.map((g) => g.claims.toLocaleString('en'))));
  log(row('prose', archives.map((g) => `${(g.bytes / 1e6).toFixed(1)} MB`)));
  const files = archives.map(readAll);

  log('');
  log('Sidecar reading, all sidecars of the workspace (parseSidecar: checks, YAML, schema, model)');
  log(row('reading the files from disk (floor)', archives.map((g) => fmtMs(timeRuns(() => { for (const a of g.articles) { fs.readFileSync(path.join(g.dir, a)); fs.readFileSync(path.join(g.dir, a) + '.claims.yaml'); } })))));
  const full = files.map((f) => timeRuns(() => { for (const s of f.sources) parseSidecar(s, 'x', { fullParser: true }); }));
  // Alternating the one pass (what parseSidecar does) with the two passes before it, run by run, so that both see the same load.
  const twoPasses: number[] = [];
  const fast = files.map((f) => {
    const one: number[] = [];
    const two: number[] = [];
    for (let r = 0; r < RUNS + 1; r++) {
      for (const [o, into] of [[{}, one], [{ twoPasses: true }, two]] as const) {
        const t = performance.now();
        for (const s of f.sources) parseSidecar(s, 'x', o);
        if (r > 0) into.push(performance.now() - t); // (the first round warms up)
      }
    }
    twoPasses.push(median(two));
    return median(one);
  });
  log(row('yaml parseDocument + toJS alone', files.map((f) => fmtMs(timeRuns(() => { for (const s of f.sources) parseDocument(s, { version: '1.2' }).toJS(); }, 1))), '(1 run; what parseSidecar did before)'));
  log(row('full yaml parser (before)', full.map(fmtMs)));
  log(row('fast reader, Document built on write only', fast.map(fmtMs), '(one pass: preflight\'s scan skipped where it would find nothing)'));
  log(row('… in two passes (preflight, then the fast reader)', twoPasses.map(fmtMs), '(before the one pass; alternated with the row above)'));
  log(row('speed-up', full.map((f, i) => `${(f / fast[i]).toFixed(1)}×`), `goal ≥ 5×: ${full.every((f, i) => f / fast[i] >= 5) ? 'met' : 'NOT MET'}`));
  const fellBack = files.map((f) => f.sources.filter((s) => !fastYamlValue(s)).length);
  log(row('sidecars left to the full parser', fellBack.map(String)));

  log('');
  log('Store and Claims outline, taking in the whole workspace in batches of 16 (one event each), as the extension does');
  const storeRuns = files.map((f, i) => loadStore(archives[i], f));
  log(row('parse, anchor, snapshot, outline rows', storeRuns.map((r) => fmtMs(r.ms))));
  log(row('per article', storeRuns.map((r, i) => `${(r.ms / SIZES[i]).toFixed(2)} ms`), 'goal: flat (linear in articles)'));
  log(row('snapshots built per article', storeRuns.map((r, i) => (r.snapshots / SIZES[i]).toFixed(2)), 'goal: ≤ 1'));
  log(row('store events', storeRuns.map((r) => String(r.events)), 'goal: one per batch'));
  log(row('heap after (claims, texts, outline)', storeRuns.map((r) => `${Math.round(r.heapMb)} MB`)));

  log('');
  log('factmark check, whole tree, a fresh process each run (dist/cli.js; --quiet)');
  const cores = os.cpus().length;
  const checks = archives.map((g) => checkRuns(g.dir, ['--jobs', String(cores)]));
  const at5000 = (c: { ms: number }[]) => (c[SIZES.indexOf(5000)] ? (c[SIZES.indexOf(5000)].ms <= 3000 ? 'met' : 'NOT MET') : 'not run');
  log(row(`--jobs ${cores} (every core; the default)`, checks.map((c) => fmtMs(c.ms)), `goal ≤ 3 s at 5,000: ${at5000(checks)}`));
  log(row('… CPU, every thread', checks.map((c) => fmtMs(c.cpuMs)), '(what the run cost whatever the load)'));
  log(row('peak memory', checks.map((c) => `${c.mb} MB`)));
  const serial = archives.map((g) => checkRuns(g.dir, ['--jobs', '1']));
  log(row('--jobs 1 (in one thread)', serial.map((c) => fmtMs(c.ms)), `goal ≤ 3 s at 5,000: ${at5000(serial)}`));
  log(row('… CPU, every thread', serial.map((c) => fmtMs(c.cpuMs))));
  log(row('peak memory', serial.map((c) => `${c.mb} MB`)));
  const largest = SIZES[SIZES.length - 1];
  const repo = cachedWorkspace({ articles: largest, seed: 1, git: true });
  const changed = changedRun(repo);
  log(row(`--changed HEAD, 3 of ${largest.toLocaleString('en')} articles edited (git repo)`, [fmtMs(changed.ms)], 'goal: seconds, whatever the archive size'));
  log(row(`--shard 1/4 of ${largest.toLocaleString('en')}`, [fmtMs(checkRuns(repo.dir, ['--shard', '1/4']).ms)]));

  log('');
  log('One article with 10,000 claims (core only; the extension\'s whole keystroke is in the code-server section)');
  const big = bigArticle();
  log(row('a keystroke away from claims (store.applyEdits)', [fmtMs(big.away)], 'part of the ≤ 2 ms goal'));
  log(row('a keystroke inside a claim', [fmtMs(big.inside)]));
  log(row('claim at the cursor (store.claimAt)', [fmtMs(big.claimAt)]));
  log(row('snapshot after a status change (for re-decorating)', [fmtMs(big.snapshot)], 'part of the ≤ 15 ms goal'));
  log(row('load (parse + anchor 10,000 claims)', [fmtMs(big.load)]));
  log('');
  log(`Bounded cost (issue 8): its sidecar is at the preflight limit (${MAX_CLAIMS.toLocaleString('en')} claims, ${(big.sidecarBytes / 1e6).toFixed(1)} MB, block style as Factmark writes it)`);
  log(row('preflight passes (size, claims, nodes, nesting)', [big.preflight]));
  log(row('read by the extension\'s reader (parseSidecar)', [fmtMs(big.read)], big.fastReader ? '(the fast reader took it)' : '(the fast reader fell back to the full parser)'));
  log(row('read by the full yaml parser', [fmtMs(big.readFull)]));
  log(`load average after the section: ${load()}`);
}

function loadStore(g: Generated, f: Files): { ms: number; snapshots: number; events: number; heapMb: number } {
  const times: number[] = [];
  let last = { snapshots: 0, events: 0, heapMb: 0 };
  for (let r = 0; r < RUNS; r++) {
    const store = new ClaimStore({ scale: DEFAULT_SCALE, author: () => 'Bench' });
    const outline = new ClaimsOutline({ scale: DEFAULT_SCALE, snapshot: (a) => store.get(a), suggestions: () => undefined, sortKey: (a) => a });
    store.onDidChange((e) => outline.update(e.articles));
    const keys = g.articles.map((a) => `file://${path.join(g.dir, a)}`);
    const t = performance.now();
    for (let i = 0; i < keys.length; i += 16) {
      store.batch(() => {
        for (let j = i; j < Math.min(keys.length, i + 16); j++) {
          store.open(keys[j], keys[j] + '.claims.yaml', path.basename(g.articles[j]));
          store.loadSidecar(keys[j], f.sources[j]);
          store.setArticleText(keys[j], f.texts[j]);
        }
      });
    }
    outline.roots();
    times.push(performance.now() - t);
    last = { snapshots: store.stats.snapshots, events: store.stats.events, heapMb: process.memoryUsage().heapUsed / 1e6 };
  }
  return { ms: median(times), ...last };
}

function checkRuns(dir: string, extra: string[]): { ms: number; mb: number; cpuMs: number } {
  const ms: number[] = [];
  const cpu: number[] = [];
  let mb = 0;
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    const p = spawnSync(process.execPath, [CLI, 'check', '--quiet', ...extra], { cwd: dir, encoding: 'utf8', env: { ...process.env, FACTMARK_CHECK_STATS: '1' }, maxBuffer: 256 * 1024 * 1024 });
    ms.push(performance.now() - t);
    if (p.status !== 0) throw new Error(`factmark check failed in ${dir}: ${p.stderr.slice(0, 500)}`);
    mb = Math.max(mb, Number(/peak memory (\d+) MB/.exec(p.stderr)?.[1] ?? 0));
    cpu.push(Number(/CPU (\d+) ms/.exec(p.stderr)?.[1] ?? NaN));
  }
  return { ms: median(ms), mb, cpuMs: median(cpu) };
}

/** Edits three articles of the cached repository, times --changed, and puts the files back. */
function changedRun(repo: Generated): { ms: number } {
  const edited = [1, Math.floor(repo.articles.length / 2), repo.articles.length - 1].map((i) => path.join(repo.dir, repo.articles[i]));
  try {
    for (const f of edited) fs.appendFileSync(f, '\nA late paragraph with nothing in it to check.\n');
    const r = checkRuns(repo.dir, ['--changed', 'HEAD']);
    return r;
  } finally {
    execFileSync('git', ['checkout', '-q', '--', '.'], { cwd: repo.dir });
  }
}

function bigArticle(): { away: number; inside: number; claimAt: number; snapshot: number; load: number; read: number; readFull: number; sidecarBytes: number; fastReader: boolean; preflight: string } {
  const dir = path.join(os.tmpdir(), 'factmark-bench-big');
  const file = fs.existsSync(path.join(dir, 'big-article.md.claims.yaml')) ? path.join(dir, 'big-article.md') : generateBigArticle(dir, 10_000);
  let text = fs.readFileSync(file, 'utf8');
  const source = fs.readFileSync(file + '.claims.yaml', 'utf8');
  const read = timeRuns(() => { if (!parseSidecar(source, 'big-article.md.claims.yaml').ok) throw new Error('the big sidecar does not parse'); });
  const readFull = timeRuns(() => { parseSidecar(source, 'big-article.md.claims.yaml', { fullParser: true }); });
  const checked = preflight(source, 'big-article.md.claims.yaml');
  const store = new ClaimStore({ scale: DEFAULT_SCALE, author: () => 'Bench' });
  const key = 'file:///big-article.md';
  const load = timeRuns(() => {
    store.forget(key);
    store.open(key, key + '.claims.yaml', 'big-article.md');
    store.loadSidecar(key, source);
    store.setArticleText(key, text);
  });
  const claims = store.get(key)!.claims;
  // Between two claims, in prose: where most typing happens.
  const gapAt = claims[5000].end! + 1;
  const keystrokes = 500;
  const type = (at: number) => {
    const t = performance.now();
    for (let i = 0; i < keystrokes; i++) {
      const offset = at + i;
      text = text.slice(0, offset) + 'x' + text.slice(offset);
      const now = text;
      store.applyEdits(key, [{ offset, removed: 0, inserted: 'x' }], () => now);
    }
    return (performance.now() - t) / keystrokes;
  };
  const away = type(gapAt);
  const inside = type(store.get(key)!.claims[7000].start! + 3);
  const t = performance.now();
  for (let i = 0; i < 1000; i++) store.claimAt(key, (i * 997) % text.length);
  const claimAt = (performance.now() - t) / 1000;
  const ids = store.get(key)!.claims.map((e) => e.claim.id);
  const snapshot = timeRuns(() => {
    store.updateClaim(key, ids[123], { status: store.get(key)!.claims[123].claim.status === 'accurate' ? 'mixed' : 'accurate' }, { reason: 'bench: a changed verdict' });
    store.get(key);
  }, 5);
  return {
    away, inside, claimAt, snapshot, load, read, readFull,
    sidecarBytes: Buffer.byteLength(source), fastReader: fastYamlValue(source) !== undefined,
    preflight: checked.length ? `no: ${checked[0].code}` : 'yes',
  };
}
