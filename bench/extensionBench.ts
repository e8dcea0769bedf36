// Issue 13, the extension's figures: generated archives of 100 / 1,000 / 5,000 articles opened in
// a real code-server (VS Code 1.100) driven by Debian's Chromium, the Claims panel shown as soon
// as the probe runs (bench/extensionProbe.ts, loaded as the extension tests entry point). Per
// size: a cold window (a freshly started code-server and extension host; the files are in the
// OS cache, since the generator just wrote or read them) and a warm one (a second window on the
// same server). Then one article of 10,000 claims: the work per keystroke and per re-decoration.
// Nothing is asserted; run under the heavy lock (npm run bench), and mind the machine's load.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { launchBrowser, type Browser } from '../test/harness/browser';
import { ensureCodeServer, repoRoot, startCodeServer, type CodeServer } from '../test/harness/codeServer';
import { cachedWorkspace, generateBigArticle } from './generateWorkspace';

// FACTMARK_BENCH_SIZES=none: only the article of 10,000 claims.
const SIZES = (process.env.FACTMARK_BENCH_SIZES ?? '100,1000,5000').split(',').filter((s) => s && s !== 'none').map(Number);
// FACTMARK_BENCH_SUFFIX=.article.md: the archive's articles are named *.article.md, so they open in
// Factmark's own language and VS Code asks no Markdown hover of them (the default is .md).
const SUFFIX = process.env.FACTMARK_BENCH_SUFFIX || '.md';
const PROBE = path.join(repoRoot, 'dist', 'bench', 'extensionProbe.js');
const CODE_SERVER = path.join(repoRoot, '.vscode-test', 'code-server');
/** The longest one window may take (5,000 articles on a loaded machine included). */
const WINDOW_TIMEOUT_MS = 20 * 60_000;

type Result = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
const fmtMs = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? '—' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`);
const row = (label: string, cells: string[], goal = '') => `  ${label.padEnd(44)}${cells.map((c) => c.padStart(12)).join('')}${goal ? `   ${goal}` : ''}`;
const verdict = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'met' : 'NOT MET');

/** code-server's folder when it is installed (never installs it: that is npm test's and npm start's job). */
function codeServerDir(): string | undefined {
  const installed = fs.existsSync(CODE_SERVER) && fs.readdirSync(CODE_SERVER).some((f) => f.startsWith('.installed-'));
  return installed ? ensureCodeServer() : undefined;
}

/** Opens one window on `folder` with the probe as tests entry point and returns what it printed. */
async function window(server: CodeServer, browser: Browser, folder: string): Promise<Result> {
  const page = await browser.context.newPage();
  try {
    let resolve!: (r: Result) => void;
    const printed = new Promise<Result>((r) => (resolve = r));
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      const text = (Array.isArray(args) ? args : [args]).map(String).join(' ');
      const m = /FACTMARK_BENCH (\{.*\})/.exec(text);
      if (m) resolve(JSON.parse(m[1]) as Result);
    });
    await page.exposeFunction('codeAutomationExit', () => {});
    await page.goto(server.workbenchUrl({ folder, extensionDevelopmentPath: repoRoot, extensionTestsPath: PROBE }));
    // unref: a window that answered must not keep the bench running for the rest of the 20 minutes.
    const r = await Promise.race([printed, new Promise<Result>((r) => setTimeout(() => r({ error: 'timed out' }), WINDOW_TIMEOUT_MS).unref())]);
    if (r.error) throw new Error(`the probe failed in ${folder}: ${r.error}`);
    return r;
  } finally {
    await page.close().catch(() => {});
  }
}

/** A fresh copy of `source` (the extension may write sidecars; the cached archive stays as generated). */
function copy(source: string): { dir: string; dispose(): void } {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-bench-ws-'));
  const dir = path.join(parent, 'archive');
  fs.cpSync(source, dir, { recursive: true, filter: (f) => !f.endsWith('.factmark-generated.json') });
  return { dir, dispose: () => fs.rmSync(parent, { recursive: true, force: true }) };
}

async function session<T>(dir: string, env: NodeJS.ProcessEnv, fn: (server: CodeServer, browser: Browser) => Promise<T>): Promise<T> {
  const server = await startCodeServer({ codeServerDir: dir, env });
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    return await fn(server, browser);
  } finally {
    await browser?.close();
    await server.stop();
  }
}

export async function run(log: (line: string) => void): Promise<void> {
  const server = codeServerDir();
  if (!server) { log('skipped: code-server is not installed in .vscode-test/ (npm test or npm start installs it)'); return; }
  if (!fs.existsSync(PROBE)) { log(`skipped: ${path.relative(repoRoot, PROBE)} is missing (npm run build)`); return; }
  log(`machine: ${os.cpus().length} cores, load average ${load()} (1, 5, 15 min) before the section; other sessions' tests make timings noisy`);
  if (SIZES.length) await archive(server, log);
  if (process.env.FACTMARK_BENCH_BIG === '0') { log('(the article of 10,000 claims skipped: FACTMARK_BENCH_BIG=0)'); return; }
  log('');
  log('One article of 10,000 claims in the editor (the extension\'s own work, from its timers)');
  logBig(await bigArticle(server), log);
}

async function archive(server: string, log: (line: string) => void): Promise<void> {
  const cold: Result[] = [];
  const warm: Result[] = [];
  for (const n of SIZES) {
    const g = cachedWorkspace({ articles: n, seed: 1, suffix: SUFFIX });
    const ws = copy(g.dir);
    try {
      // FACTMARK_BENCH_PROFILE=DIR: the probe writes a CPU profile of the extension host's scan there (cold-N.cpuprofile, warm-N…).
      const profile = process.env.FACTMARK_BENCH_PROFILE ? { FACTMARK_BENCH_PROFILE: path.resolve(process.env.FACTMARK_BENCH_PROFILE), FACTMARK_BENCH_SIZE: String(n) } : {};
      await session(server, { FACTMARK_BENCH_ARTICLE: g.articles[Math.floor(g.articles.length / 3)], ...profile }, async (server, browser) => {
        cold.push(await window(server, browser, ws.dir));
        warm.push(await window(server, browser, ws.dir));
      });
    } finally {
      ws.dispose();
    }
    log(`  … ${n.toLocaleString('en')} articles measured (load average ${load()})`);
  }
  const at5000 = SIZES.indexOf(5000);
  const goal = (label: string, pick: (r: Result) => number | undefined, limit: number, of = cold) => {
    const v = at5000 < 0 ? undefined : pick(of[at5000]);
    return `${label} ${verdict(v === undefined ? undefined : v <= limit)}`;
  };
  log('');
  if (SUFFIX !== '.md') log(`  (articles named *${SUFFIX}, not *.md: FACTMARK_BENCH_SUFFIX)`);
  log(row('articles in the window', SIZES.map((n) => n.toLocaleString('en'))));
  log(row('claims loaded', cold.map((r) => Number(r.claims).toLocaleString('en'))));
  log(row('activation → api.ready, cold', cold.map((r) => fmtMs(r.readyMs)), `goal ≤ 5 s at 5,000: ${goal('', (r) => r.readyMs, 5000)}`));
  log(row('… extension host CPU until ready, cold', cold.map((r) => fmtMs(r.readyCpuMs)), '(every thread of the host; less noisy than the wall time under load)'));
  log(row('activation → api.ready, warm (second window)', warm.map((r) => fmtMs(r.readyMs)), `goal ≤ 1 s at 5,000: ${goal('', (r) => r.readyMs, 1000, warm)}`));
  const cache = (r: Result) => r.startupCache as { ignored?: string; restored: number; read: number; readMs?: number; readOn?: string; restoreMs?: number; findMs?: number; restoreLongestStallMs?: number; written?: { entries: number; bytes: number; ms: number }; digest?: { articles: number; restored: number; declined: number; workers: number; ms: number; longestStallMs: number; longestStallEndedAt: number; stallsOver100Ms: number } } | undefined;
  log(row('… cold: on worker threads: articles / declined / workers / time', cold.map((r) => { const d = cache(r)?.digest; return d ? `${d.restored}/${d.declined}/${d.workers}/${fmtMs(d.ms)}` : '—'; }), '(read, parsed and anchored off the host\'s thread; declined ones read by the host)'));
  log(row('… warm: articles restored from the cache / read', warm.map((r) => { const c = cache(r); return c ? `${c.restored}/${c.read}` : '—'; }), '(the start-up cache: unchanged articles are not read)'));
  log(row('… warm: sidecars searched / cache read after / restore', warm.map((r) => { const c = cache(r); return c ? `${fmtMs(c.findMs)}/${fmtMs(c.readMs)}/${fmtMs(c.restoreMs)}` : '—'; }), '(the wait for the cache once the folders are listed: a worker thread reads it from activation on, beside the listing)'));
  log(row('… warm: the cache file read on', warm.map((r) => cache(r)?.readOn ?? '—'), '(worker: read, hashed and indexed off the host\'s thread; host: no worker, or it failed)'));
  const search = (r: Result) => r.sidecarSearch as { how: string; why?: string; ms: number } | undefined;
  log(row('sidecars found by (cold / warm)', cold.map((r, i) => [r, warm[i]].map((x) => { const s = x && search(x); return s ? `${s.how === 'listed' ? 'listing' : 'findFiles'} ${fmtMs(s.ms)}` : '—'; }).join(' / ')), '(the desktop lists the folders itself; VS Code\'s findFiles where that could differ)'));
  for (const r of [...cold, ...warm]) if (search(r)?.why) { log(`  (findFiles was asked: ${search(r)?.why})`); break; }
  log(row('… warm: restored articles whose claims were parsed', warm.map((r) => (r.store.restoredFromCache === undefined ? '—' : `${Number(r.store.cachedClaimsParsed ?? 0).toLocaleString('en')} of ${Number(r.store.restoredFromCache).toLocaleString('en')}`)), '(by ready and the probes with the panel visible: the others are shown from their entry\'s head)'));
  log(row('… warm: longest stall in the restore', warm.map((r) => fmtMs(cache(r)?.restoreLongestStallMs))));
  log(row('… cold: cache written (articles, MB, time)', cold.map((r) => { const w = cache(r)?.written; return w ? `${w.entries}, ${(w.bytes / 1e6).toFixed(1)}, ${fmtMs(w.ms)}` : '—'; })));
  for (const [i, r] of warm.entries()) if (cache(r)?.ignored) log(`  (warm window at ${SIZES[i]}: the start-up cache was not used: ${cache(r)?.ignored})`);
  log(row('extension host RSS after ready, cold', cold.map((r) => `${Math.round(r.rssMb)} MB`), `goal ≤ 400 MB at 5,000: ${goal('', (r) => r.rssMb, 400)}`));
  log(row('… warm', warm.map((r) => `${Math.round(r.rssMb)} MB`)));
  log(row('… of which JS heap', cold.map((r) => `${Math.round(r.heapMb)} MB`)));
  log(row('… after a forced full GC: RSS / JS heap', cold.map((r) => (r.afterGc ? `${Math.round(r.afterGc.rssMb)}/${Math.round(r.afterGc.heapMb)} MB` : '—')), '(what is held, not the scan\'s garbage)'));
  log(row('… then idle 5 / 10 / 15 / 20 s (cold)', cold.map((r) => (Array.isArray(r.rssIdleMb) ? r.rssIdleMb.map((m: number) => Math.round(m)).join(' / ') : '—')), 'MB (V8 gives back the scan\'s pages later)'));
  log(row('… article texts held after ready (cold)', cold.map((r) => (r.store.textsHeld === undefined ? '—' : Number(r.store.textsHeld).toLocaleString('en'))), '(texts of articles not open are let go once anchored)'));
  log(row('… sidecars held after ready (cold)', cold.map((r) => (r.store.sidecarsHeld === undefined ? '—' : Number(r.store.sidecarsHeld).toLocaleString('en'))), '(their text and parse too, for articles not open with nothing to write)'));
  // The scan's stalls: the worker threads' part (its articles restored here) and the host's own reads.
  const stalls = (r: Result): { longestStallMs: number; longestStallEndedAt: number; stallsOver100Ms: number } | undefined => {
    const d = cache(r)?.digest;
    const l = r.lastLoad as { longestStallMs: number; longestStallEndedAt: number; stallsOver100Ms: number } | undefined;
    if (!d || !l) return d ?? l;
    const longest = d.longestStallMs >= l.longestStallMs ? d : l;
    return { longestStallMs: longest.longestStallMs, longestStallEndedAt: longest.longestStallEndedAt, stallsOver100Ms: d.stallsOver100Ms + l.stallsOver100Ms };
  };
  log(row('longest extension-host stall in the scan', cold.map((r) => fmtMs(stalls(r)?.longestStallMs)), `goal ≤ 100 ms: ${goal('', (r) => stalls(r)?.longestStallMs, 100)}`));
  log(row('… stalls over 100 ms in the scan (cold)', cold.map((r) => String(stalls(r)?.stallsOver100Ms ?? '—'))));
  log(row('… longest one ended, s into the CPU profile', cold.map((r) => { const e = stalls(r)?.longestStallEndedAt; return e ? ((e - r.probeStartedAt) / 1000).toFixed(2) : '—'; })));
  log(row('… warm', warm.map((r) => fmtMs(r.lastLoad?.longestStallMs))));
  log(row('… slices of the scan / articles per slice (cold)', cold.map((r) => (r.scan ? `${r.scan.slices} / ${(r.scan.sliced / Math.max(1, r.scan.slices)).toFixed(1)}` : '—'))));
  log(row('… files read ahead of the slices, most at once (cold)', cold.map((r) => (r.scan?.peakReadAhead === undefined ? '—' : String(r.scan.peakReadAhead))), '(bounded: texts read ahead are heap)'));
  log(row('Refresh, nothing changed: wall / CPU', cold.map((r) => (r.refreshMs === undefined ? '—' : `${fmtMs(r.refreshMs)} / ${fmtMs(r.refreshCpuMs)}`)), '(no goal in the issue; every file read again)'));
  log(row('… sidecars parsed / restored / re-anchored', cold.map((r) => (r.refreshMs === undefined ? '—' : `${r.refreshSidecarLoads} / ${r.refreshSidecarsRestored} / ${r.refreshReanchors}`))));
  log(row('Claims panel visible after Focus', cold.map((r) => fmtMs(r.panelMs)), `goal ≤ 1 s: ${goal('', (r) => r.panelMs, 1000)}`));
  log(row('… while the scan ran / progress shown', cold.map((r) => `${r.panelDuringScan ? 'yes' : 'no'} / ${r.panelMessage ? 'yes' : 'no'}`)));
  log(row('Next Claim during the scan, median', cold.map((r) => fmtMs(r.commandDuringScan?.median))));
  log(row('Next Claim during the scan, slowest', cold.map((r) => fmtMs(r.commandDuringScan?.max)), `goal ≤ 100 ms: ${goal('', (r) => r.commandDuringScan?.max, 100)}`));
  log(row('hover during the scan, median', cold.map((r) => fmtMs(r.hoverDuringScan?.median))));
  log(row('hover during the scan, slowest', cold.map((r) => fmtMs(r.hoverDuringScan?.max)), `goal ≤ 100 ms: ${goal('', (r) => r.hoverDuringScan?.max, 100)}`));
  log(row('… Factmark\'s own hover provider in it (mean / slowest)', cold.map((r) => (r.ownHoverDuringScan?.n ? `${fmtMs(r.ownHoverDuringScan.meanMs)}/${fmtMs(r.ownHoverDuringScan.maxSinceStartMs)}` : '—'))));
  const parts = (r: Result) => {
    const ps = (r.hoverPartsDuringScan ?? []) as { beforeMs: number; ownMs: number; afterMs: number }[];
    if (!ps.length) return '—';
    const slowest = ps.reduce((a, b) => (b.beforeMs + b.ownMs + b.afterMs > a.beforeMs + a.ownMs + a.afterMs ? b : a));
    return `${fmtMs(slowest.beforeMs)}/${fmtMs(slowest.ownMs)}/${fmtMs(slowest.afterMs)}`;
  };
  log(row('… slowest: until Factmark asked / in it / after', cold.map(parts), '(after: the other extensions\' hovers, e.g. Markdown\'s language server)'));
  log(row('… probes during the scan (command + hover)', cold.map((r) => String(r.commandDuringScan?.n ?? 0))));
  log(row('Next Claim / hover once loaded, median', cold.map((r) => `${fmtMs(r.commandIdle?.median)}/${fmtMs(r.hoverIdle?.median)}`)));
  log(row('… Factmark\'s own hover once loaded, mean', cold.map((r) => fmtMs(r.ownHoverIdle?.meanMs))));
  log(row('snapshots built per article (cold)', cold.map((r, i) => (r.store.snapshots / SIZES[i]).toFixed(2)), 'goal: ≤ a small constant'));
  log(row('store events / whole-panel redraws (cold)', cold.map((r) => `${r.store.events}/${r.tree.firedAll}`), 'goal: one event per batch'));
  log(row('tree items asked / built / tooltips (cold)', cold.map((r) => `${r.tree.itemsAsked ?? '—'}/${r.tree.itemsBuilt}/${r.tree.tooltipsResolved}`)));
}

function logBig(big: Result, log: (line: string) => void): void {
  const perKey = (t: Result) => {
    const w = t.work;
    // All the extension's work the keystrokes caused, the debounced work after each pause included (the Claims panel's too).
    const total = ['typing', 'tracking', 'cursor', 'statusBar', 'decorate', 'diagnostics', 'panel', 'details'].reduce((s, k) => s + (w[k]?.totalMs ?? 0), 0);
    return total / Math.max(1, w.typing.count);
  };
  log(row('claims', [Number(big.claims).toLocaleString('en')]));
  log(row('open until placed and decorated', [fmtMs(big.openMs)]));
  log(row('work per keystroke, typing between claims', [fmtMs(perKey(big.away))], `goal ≤ 2 ms: ${verdict(perKey(big.away) <= 2)}`));
  log(row('… of which the change handler (mean / max)', [`${fmtMs(big.away.work.typing.totalMs / Math.max(1, big.away.work.typing.count))}/${fmtMs(big.away.work.typing.maxMs)}`]));
  log(row('… cursor tracking, status bar (totals)', [`${fmtMs(big.away.work.cursor.totalMs)}/${fmtMs(big.away.work.statusBar.totalMs)}`]));
  log(row('… highlights carried through the edits (total)', [fmtMs(big.away.work.tracking?.totalMs)]));
  log(row('… policy diagnostics after pauses (runs, total)', [`${big.away.work.diagnostics?.count ?? '—'}, ${fmtMs(big.away.work.diagnostics?.totalMs)}`]));
  log(row('… decorations (runs, total)', [`${big.away.work.decorate.count}, ${fmtMs(big.away.work.decorate.totalMs)}`]));
  // Items: asked for by VS Code / built afresh (claims' rows not built are returned as kept).
  const panel = (t: Result) => `${fmtMs(t.work.panel?.totalMs)}; ${t.tree ? `${t.tree.fired}/${t.tree.firedAll}/${t.tree.nodesRefreshed}/${t.tree.itemsAsked ?? '—'}/${t.tree.itemsBuilt}${t.tree.visible ? '' : ' (hidden)'}` : '—'}`;
  const counted = (t: Result) => `${t.snapshots}/${t.reanchors}/${t.redrawn?.redraws ?? '—'}/${t.redrawn?.claimsWalked ?? '—'}/${t.redrawn?.rangesSent ?? '—'}`;
  log(row('… snapshots/re-anchors/redraws/claims looked up/ranges sent', [counted(big.away)], 'goal: 0 / 0 / – / ~ claims touched'));
  log(row('… Claims panel after pauses (total; refreshes/of all/nodes/items asked/built)', [panel(big.away)]));
  log(row('work per keystroke, typing inside a claim', [fmtMs(perKey(big.inside))], `goal ≤ 2 ms: ${verdict(perKey(big.inside) <= 2)}`));
  log(row('… of which the change handler (mean / max)', [`${fmtMs(big.inside.work.typing.totalMs / Math.max(1, big.inside.work.typing.count))}/${fmtMs(big.inside.work.typing.maxMs)}`]));
  log(row('… cursor tracking, status bar (totals)', [`${fmtMs(big.inside.work.cursor.totalMs)}/${fmtMs(big.inside.work.statusBar.totalMs)}`]));
  log(row('… decorations (runs, total)', [`${big.inside.work.decorate.count}, ${fmtMs(big.inside.work.decorate.totalMs)}`]));
  log(row('… claim details form sent (runs, total)', [`${big.inside.work.details?.count ?? '—'}, ${fmtMs(big.inside.work.details?.totalMs)}`], '(the words typed in, at most every 250 ms)'));
  log(row('… snapshots/re-anchors/redraws/claims looked up/ranges sent', [counted(big.inside)], 'goal: 0 / 0 / – / ~ claims touched'));
  log(row('… Claims panel after pauses (total; refreshes/of all/nodes/items asked/built)', [panel(big.inside)]));
  log(row('a keystroke end to end (edit API round trip)', [fmtMs(big.away.wallPerKeyMs)], '(includes the workbench; not the extension\'s work)'));
  log(row('re-decorating after a status change, median', [fmtMs(big.decorateMs?.median)], `goal ≤ 15 ms: ${verdict(big.decorateMs ? big.decorateMs.median <= 15 : undefined)}`));
  log(row('… slowest of 5', [fmtMs(big.decorateMs?.max)]));
  const dc = big.decorateCounted;
  log(row('… redraws/claims looked up/types/ranges sent (all 5)', [dc ? `${dc.redraws}/${dc.claimsWalked}/${dc.typesSent}/${dc.rangesSent}` : '—'], 'goal: 5 / 5 / 10 / – (each looks up its claim, sends the two types it leaves and joins)'));
  log(row('extension host RSS', [`${Math.round(big.rssMb)} MB`]));
  log(`load average after the section: ${load()}`);
}

async function bigArticle(server: string): Promise<Result> {
  const dir = path.join(os.tmpdir(), 'factmark-bench-big');
  if (!fs.existsSync(path.join(dir, 'big-article.md.claims.yaml'))) generateBigArticle(dir, 10_000);
  const ws = copy(dir);
  try {
    // FACTMARK_BENCH_PROFILE=DIR: CPU profiles of the extension host while typing between claims (typing.cpuprofile) and inside one (typing-inside.cpuprofile), and over the status changes (status.cpuprofile).
    const profile = process.env.FACTMARK_BENCH_PROFILE ? { FACTMARK_BENCH_PROFILE: path.resolve(process.env.FACTMARK_BENCH_PROFILE) } : {};
    // FACTMARK_BENCH_PANEL=1: the Claims panel visible while typing.
    const panel = process.env.FACTMARK_BENCH_PANEL === '1' ? { FACTMARK_BENCH_PANEL: '1' } : {};
    return await session(server, { FACTMARK_BENCH_MODE: 'big', ...profile, ...panel }, (server, browser) => window(server, browser, ws.dir));
  } finally {
    ws.dispose();
  }
}
