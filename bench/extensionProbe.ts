// Runs inside the extension host of a real code-server (bench/extensionBench.ts loads it as the
// workbench's extension tests entry point) and measures what a user of a big archive feels: how
// long until the claims are ready, how fast the Claims panel appears, how long a command and a
// hover take while the scan runs, the extension host's memory, and the work per keystroke in an
// article of 10,000 claims. It prints one line, `FACTMARK_BENCH {json}`, and asserts nothing.
// Like the integration tests it reaches the extension only through its API and commands.
import * as v8 from 'v8';
import * as vm from 'vm';
import * as vscode from 'vscode';
import type { FactmarkApi, FactmarkPerf } from '../src/vscode/api';

const EXTENSION_ID = 'factmark.factmark';
/** Between two probes of a command's latency while the scan runs. */
const PROBE_GAP_MS = 50;

export async function run(): Promise<void> {
  let result: Record<string, unknown>;
  try {
    const ext = vscode.extensions.getExtension<FactmarkApi>(EXTENSION_ID);
    if (!ext) throw new Error(`${EXTENSION_ID} is not loaded`);
    const api = await ext.activate();
    result = process.env.FACTMARK_BENCH_MODE === 'big' ? await bigArticle(api) : await archive(api);
  } catch (e) {
    result = { error: String((e as Error)?.stack ?? e) };
  }
  console.log(`FACTMARK_BENCH ${JSON.stringify(result)}`);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function timed<T>(fn: () => Thenable<T> | Promise<T>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function until(what: string, ok: () => boolean, timeoutMs = 600_000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!ok()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

function summary(ms: number[]): { n: number; median: number; max: number } | undefined {
  if (!ms.length) return undefined;
  const s = [...ms].sort((a, b) => a - b);
  return { n: s.length, median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
}

/** The archive opened in the window: readiness, the panel, commands and hovers during the scan. */
async function archive(api: FactmarkApi): Promise<Record<string, unknown>> {
  const probeStart = performance.now();
  const profiling = await startProfile();
  const scanning = () => api.perf().readyAt === undefined;
  const scanningAtProbe = scanning();
  // The panel, shown as a user would while the archive loads.
  const panelStart = performance.now();
  await vscode.commands.executeCommand('factmark.focusPanel');
  await until('the Claims panel', () => api.views.tree.view.visible);
  const panelMs = performance.now() - panelStart;
  const panelDuringScan = scanning();
  const panelMessage = api.views.tree.view.message;

  // An article of the archive in the editor, and then Next Claim and a hover over and over while the scan runs.
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const relative = process.env.FACTMARK_BENCH_ARTICLE;
  if (!folder || !relative) throw new Error('no workspace folder or FACTMARK_BENCH_ARTICLE');
  const uri = vscode.Uri.joinPath(folder, relative);
  const openStart = performance.now();
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const openMs = performance.now() - openStart;
  const duringCommand: number[] = [];
  const duringHover: number[] = [];
  const ownHoverBefore = api.perf().timings.hover;
  const hoverParts: { beforeMs: number; ownMs: number; afterMs: number }[] = [];
  let messages = 0;
  let lastMessage = panelMessage;
  while (scanning()) {
    duringCommand.push(await timed(() => vscode.commands.executeCommand('factmark.nextClaim')));
    const at = editor.selection.active;
    const asked = performance.now();
    duringHover.push(await timed(() => vscode.commands.executeCommand('vscode.executeHoverProvider', uri, at)));
    const answered = performance.now();
    // Where the probe's hover went: until VS Code asked Factmark's provider, in it, and after it answered (the other extensions' hovers, the way back).
    const h = api.perf().timings.hover;
    if (h.lastStartedAt >= asked) hoverParts.push({ beforeMs: h.lastStartedAt - asked, ownMs: h.lastEndedAt - h.lastStartedAt, afterMs: answered - h.lastEndedAt });
    const m = api.views.tree.view.message;
    if (m !== lastMessage) { messages++; lastMessage = m; }
    await sleep(PROBE_GAP_MS);
  }
  const ownHoverDuring = api.perf().timings.hover;
  await api.ready;
  await api.flush();
  await profiling?.stop();
  const perf = api.perf();
  // The same commands once everything is loaded, for comparison.
  const idleCommand: number[] = [];
  const idleHover: number[] = [];
  for (let i = 0; i < 20; i++) {
    idleCommand.push(await timed(() => vscode.commands.executeCommand('factmark.nextClaim')));
    idleHover.push(await timed(() => vscode.commands.executeCommand('vscode.executeHoverProvider', uri, editor.selection.active)));
  }
  const ownHoverIdle = api.perf().timings.hover;
  // Factmark's own hover provider, from VS Code asking it until it answered (the probe above waits for every extension's hover).
  const own = (a: { count: number; totalMs: number; maxMs: number }, b: { count: number; totalMs: number; maxMs: number }) => ({ n: b.count - a.count, meanMs: (b.totalMs - a.totalMs) / Math.max(1, b.count - a.count), maxSinceStartMs: b.maxMs });
  const result = {
    readyMs: perf.readyAt === undefined ? undefined : perf.readyAt - perf.activatedAt,
    readyCpuMs: perf.readyCpuMs,
    probeStartedAfterActivationMs: probeStart - perf.activatedAt,
    probeStartedAt: probeStart,
    scanningAtProbe,
    lastLoad: perf.lastLoad,
    scan: perf.scan,
    rssMb: perf.rss === undefined ? undefined : perf.rss / 1e6,
    heapMb: process.memoryUsage().heapUsed / 1e6,
    afterGc: afterFullGc(),
    articles: api.store.articles().length,
    claims: api.store.articles().reduce((n, a) => n + (api.store.state(a)?.claimCount ?? 0), 0),
    panelMs, panelDuringScan, panelMessage, panelMessagesDuringScan: messages,
    openMs,
    commandDuringScan: summary(duringCommand),
    hoverDuringScan: summary(duringHover),
    commandIdle: summary(idleCommand),
    hoverIdle: summary(idleHover),
    ownHoverDuringScan: own(ownHoverBefore, ownHoverDuring),
    hoverPartsDuringScan: hoverParts,
    ownHoverIdle: own(ownHoverDuring, ownHoverIdle),
    store: perf.store,
    tree: perf.tree,
  };
  // The host left idle after that (the forced GCs above included): V8 gives back the pages the
  // scan's garbage grew the heap to only after a while. RSS every 5 s for 20 s.
  const rssIdleMb: number[] = [];
  for (let i = 0; i < 4; i++) { await sleep(5000); rssIdleMb.push(process.memoryUsage().rss / 1e6); }
  // Refresh (Reload Claims from Disk) with nothing changed on disk, after the memory figures
  // above: every article's sidecar and text read again (those let go are re-read and compared),
  // and the host's CPU meanwhile.
  const cpu0 = process.cpuUsage();
  const refreshMs = await timed(async () => { await vscode.commands.executeCommand('factmark.refresh'); await api.flush(); });
  const cpu = process.cpuUsage(cpu0);
  const after = api.perf().store;
  // The start-up cache is written half a second after the scan (and again after the Refresh);
  // made sure of before the window closes, after every figure above, so that the next window
  // finds it as a restart would.
  await api.startupCache?.write();
  return {
    ...result,
    startupCache: api.perf().startupCache,
    sidecarSearch: api.perf().sidecarSearch,
    rssIdleMb,
    refreshMs,
    refreshCpuMs: (cpu.user + cpu.system) / 1000,
    refreshSidecarLoads: after.sidecarLoads - perf.store.sidecarLoads,
    refreshSidecarsRestored: after.sidecarsRestored - perf.store.sidecarsRestored,
    refreshReanchors: after.reanchors - perf.store.reanchors,
  };
}

/**
 * With FACTMARK_BENCH_PROFILE (a folder), a CPU profile of the extension host from here until
 * ready, written as cold-N.cpuprofile (or warm-N when that exists), or as NAME.cpuprofile when
 * named, to find what runs long.
 */
async function startProfile(name?: string): Promise<{ stop(): Promise<void> } | undefined> {
  const dir = process.env.FACTMARK_BENCH_PROFILE;
  if (!dir) return undefined;
  const inspector = await import('inspector');
  const fs = await import('fs');
  const path = await import('path');
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) => new Promise<any>((resolve, reject) => session.post(method, params ?? {}, (e, r) => (e ? reject(e) : resolve(r)))); // eslint-disable-line @typescript-eslint/no-explicit-any
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 1000 });
  await post('Profiler.start');
  return {
    async stop() {
      const { profile } = await post('Profiler.stop');
      session.disconnect();
      fs.mkdirSync(dir, { recursive: true });
      if (name) { fs.writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile)); return; }
      const n = process.env.FACTMARK_BENCH_SIZE ?? 'n';
      const cold = path.join(dir, `cold-${n}.cpuprofile`);
      fs.writeFileSync(fs.existsSync(cold) ? path.join(dir, `warm-${n}.cpuprofile`) : cold, JSON.stringify(profile));
    },
  };
}

type Timings = FactmarkPerf['timings'];

function since(a: Timings, b: Timings): Record<string, { count: number; totalMs: number; maxMs: number }> {
  const out: Record<string, { count: number; totalMs: number; maxMs: number }> = {};
  for (const k of Object.keys(b) as (keyof Timings)[]) {
    // maxMs is the longest since the window opened: only meaningful when the earlier part had none larger.
    out[k] = { count: b[k].count - a[k].count, totalMs: b[k].totalMs - a[k].totalMs, maxMs: b[k].maxMs };
  }
  return out;
}

/** An article of 10,000 claims in the editor: the extension's work per keystroke and per re-decoration. */
async function bigArticle(api: FactmarkApi): Promise<Record<string, unknown>> {
  await api.ready;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('no workspace folder');
  const uri = vscode.Uri.joinPath(folder, 'big-article.md');
  const openStart = performance.now();
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  await until('the 10,000 claims', () => api.claimsOf(uri).length >= 10_000 && api.claimsOf(uri).every((c) => c.start !== undefined || c.state === 'orphaned'));
  await api.flush();
  // FACTMARK_BENCH_PANEL=1: the Claims panel shown beside the article while typing (VS Code then asks for the items it refreshes).
  if (process.env.FACTMARK_BENCH_PANEL === '1') {
    await vscode.commands.executeCommand('factmark.focusPanel');
    await until('the Claims panel', () => api.views.tree.view.visible);
    await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
  }
  await sleep(1000); // the first decoration and the panel settle
  const openMs = performance.now() - openStart;
  const claims = api.claimsOf(uri);
  const claimCount = claims.length;

  // Typing in prose between two claims, then inside a claim: one character per edit, as a user types.
  const type = async (offset: number, n: number) => {
    const before = api.perf().timings;
    const stats = api.perf().store;
    const redrawsBefore = api.views.decorations.redraws.at(-1)?.seq ?? 0;
    const treeBefore = api.views.tree.stats();
    const t = performance.now();
    let pos = editor.document.positionAt(offset);
    for (let i = 0; i < n; i++) {
      await editor.edit((b) => b.insert(pos, 'x'), { undoStopBefore: false, undoStopAfter: false });
      pos = pos.translate(0, 1);
      editor.selection = new vscode.Selection(pos, pos);
    }
    const wallPerKey = (performance.now() - t) / n;
    await sleep(1600); // debounced work after the last keystroke (decorations, panel, the full redraw a second after typing stops) runs too
    const after = api.perf().store;
    // Counted, not timed: snapshots of an article built and articles anchored afresh while typing.
    // The redraws in the phase (of the last 100 kept): claims looked up and ranges sent, the one after typing stopped apart.
    const redraws = api.views.decorations.redraws.filter((r) => r.seq > redrawsBefore);
    const sum = (rs: typeof redraws, k: 'claimsWalked' | 'rangesSent' | 'typesSent') => rs.reduce((n, r) => n + r[k], 0);
    const typing = redraws.filter((r) => !r.settle);
    const redrawn = { redraws: typing.length, claimsWalked: sum(typing, 'claimsWalked'), rangesSent: sum(typing, 'rangesSent'), typesSent: sum(typing, 'typesSent'), settleRangesSent: sum(redraws.filter((r) => r.settle), 'rangesSent') };
    // The Claims panel in the phase: its refreshes (of the whole tree, or of nodes named) and the items VS Code asked for again, built afresh or kept.
    const treeAfter = api.views.tree.stats();
    const tree = { fired: treeAfter.fired - treeBefore.fired, firedAll: treeAfter.firedAll - treeBefore.firedAll, nodesRefreshed: treeAfter.nodesRefreshed - treeBefore.nodesRefreshed, itemsAsked: treeAfter.itemsAsked - treeBefore.itemsAsked, itemsBuilt: treeAfter.itemsBuilt - treeBefore.itemsBuilt, itemsReused: treeAfter.itemsReused - treeBefore.itemsReused, visible: api.views.tree.view.visible };
    return { wallPerKeyMs: wallPerKey, work: since(before, api.perf().timings), snapshots: after.snapshots - stats.snapshots, reanchors: after.reanchors - stats.reanchors, redrawn, tree };
  };
  const mid = claims[Math.floor(claims.length / 2)];
  const profile = await startProfile('typing');
  const away = await type((mid.end as number) + 1, 200);
  await profile?.stop();
  const inClaim = claims[Math.floor(claims.length * 0.7)];
  const insideProfile = await startProfile('typing-inside');
  const inside = await type((api.claimsOf(uri).find((c) => c.claim.id === inClaim.claim.id)?.start as number) + 2, 50);
  await insideProfile?.stop();

  // Re-decorating after a status change (the Set Status path, through the store).
  const key = api.store.articles().find((a) => a.endsWith('/big-article.md')) as string;
  const decorate: number[] = [];
  const statusRedrawsBefore = api.views.decorations.redraws.at(-1)?.seq ?? 0;
  const statusProfile = await startProfile('status');
  for (let i = 0; i < 5; i++) {
    const entry = api.claimsOf(uri)[100 + i * 997];
    const before = api.perf().timings.decorate;
    api.store.updateClaim(key, entry.claim.id, { status: entry.claim.status === 'accurate' ? 'mixed' : 'accurate' }, { reason: 'bench: re-decorate after a status change' });
    await until('the re-decoration', () => api.perf().timings.decorate.count > before.count, 10_000);
    const after = api.perf().timings.decorate;
    decorate.push((after.totalMs - before.totalMs) / (after.count - before.count));
    await sleep(300);
  }
  await statusProfile?.stop();
  // Counted: the redraws after the five status changes, the claims they looked up and the types and ranges they sent.
  const statusRedraws = api.views.decorations.redraws.filter((r) => r.seq > statusRedrawsBefore && !r.settle);
  const decorateCounted = {
    redraws: statusRedraws.length,
    claimsWalked: statusRedraws.reduce((n, r) => n + r.claimsWalked, 0),
    typesSent: statusRedraws.reduce((n, r) => n + r.typesSent, 0),
    rangesSent: statusRedraws.reduce((n, r) => n + r.rangesSent, 0),
  };
  await api.flush();
  return { claims: claimCount, openMs, away, inside, decorateMs: summary(decorate), decorateCounted, rssMb: (api.perf().rss ?? 0) / 1e6 };
}

/**
 * RSS and JS heap after two full garbage collections (what is still held, not the garbage the
 * scan left, which the figures at ready count as the collector happened to run): V8's gc
 * exposed at run time in the extension host. Undefined where that is refused.
 */
function afterFullGc(): { rssMb: number; heapMb: number } | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
    gc();
    const m = process.memoryUsage();
    return { rssMb: m.rss / 1e6, heapMb: m.heapUsed / 1e6 };
  } catch {
    return undefined;
  }
}
