// The extension's wiring, the same on the desktop and in the browser: build the store and the
// services, start the file and document sync, register the commands and the views (see the
// files beside it). The two entry points (extension.ts for Node, web.ts for the browser) differ
// only in the Platform they pass. Nothing runs at import time.
import * as vscode from 'vscode';
import { DEFAULT_SCALE } from '../core/statusScale';
import { ClaimStore } from '../core/store/claimStore';
import { MODEL_PATH } from '../core/suggest/model';
import { SuggestionStore } from '../core/suggest/suggestionStore';
import type { FactmarkApi } from './api';
import { articleKey, articleUri, displayPath, trackSidecarSuffix } from './articles';
import { registerClaimsTree, viewCommands } from './claimsTree';
import { registerCommands } from './commands';
import { gitSetupCommands } from './commands/gitSetup';
import { publishCommands } from './commands/publish';
import { ContextKeySetter } from './contextKeys';
import { registerDecorations } from './decorations';
import { registerDetailsView } from './detailsView';
import { registerDeskView } from './deskView';
import { registerDocumentSync } from './documentSync';
import { holdNextRead, setArticleReadDelay } from './fileText';
import { watchWalkthrough } from './firstSteps';
import { AuthorName } from './author';
import { registerHover } from './hover';
import { timings } from './perf';
import type { Platform } from './platform';
import { watchScale } from './repoConfig';
import { registerPolicyDiagnostics } from './policyDiagnostics';
import { registerReportPreview } from './reportPreview';
import { createServices } from './services';
import { registerStatusBar } from './statusBar';
import { suggestionCommands } from './commands/suggestions';
import { registerSuggestionActions } from './suggestionActions';
import { registerSuggestionDecorations } from './suggestionDecorations';
import { registerSuggestions } from './suggestions';
import { checkworthinessModel, readCheckworthinessModel } from './checkworthinessModel';
import { WorkspaceSync } from './workspaceSync';
import type { StartupCache } from './startupCache';
import { loadCounters, setSliceBudget } from './workspaceScan';

let sync: WorkspaceSync | undefined;

export function activateOn(platform: Platform, context: vscode.ExtensionContext, log: vscode.LogOutputChannel): FactmarkApi {
  const activatedAt = performance.now();
  const cpu = () => (typeof process !== 'undefined' && typeof process.cpuUsage === 'function' ? process.cpuUsage() : undefined);
  const cpuAtActivation = cpu();
  let readyCpuMs: number | undefined;
  // First, so that a new sidecar suffix is known before any other listener of the change asks.
  context.subscriptions.push(trackSidecarSuffix());
  let readyAt: number | undefined;
  const author = new AuthorName(context.globalState, () => platform.gitUserName());
  const store = new ClaimStore({ scale: DEFAULT_SCALE, author: () => author.get(), displayName: displayPath });
  const keys = new ContextKeySetter();
  const suggestions = new SuggestionStore();
  const services = createServices(context, store, keys, suggestions);
  // A start-up cache is this version's, for these workspace folders (a copied or older one is ignored).
  const cacheIdentity = () => ({ extension: String(context.extension.packageJSON.version), workspace: (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString()).join('\n') });
  sync = new WorkspaceSync(store, log, platform, cacheIdentity);
  context.subscriptions.push(log, sync, { dispose: () => store.dispose() });
  // Who "I" am decides what awaits my review and who may sign off.
  // Registered before the views' listeners, so that none of them reads the name as it was.
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration('factmark.author')) return;
    author.settingChanged();
    store.userChanged();
  }));

  const views = {
    tree: registerClaimsTree(context, services, sync.scanStatus),
    decorations: registerDecorations(context, services),
    // During a scan, a hovered article is loaded at once (ahead of the scan's queue) and the hover waits for it alone.
    hover: registerHover(context, services, (uri) => (sync && (sync.isLoading(uri) || sync.scanStatus.current()) ? sync.ensureArticle(uri, false) : undefined)),
    statusBar: registerStatusBar(context, services),
    // A claim of an article not open in an editor is changed once its text is read again (it may have been let go).
    details: registerDetailsView(context, services,
      async (article) => { sync?.holdForWork(article); if (sync && store.articleLetGo(article)) await sync.ensureArticle(articleUri(article), false); },
      (fn) => (sync ? sync.whileWorking(fn) : fn())),
    report: registerReportPreview(context, store),
    policy: registerPolicyDiagnostics(context, services),
    desk: registerDeskView(context, services, sync.scanStatus),
  };
  // The walkthrough's last step: the Claims panel seen (also when it was open from the start).
  const seen = () => { if (views.tree.view.visible) services.firstSteps.did('review'); };
  context.subscriptions.push(views.tree.view.onDidChangeVisibility(seen));
  seen();
  watchWalkthrough(context);
  const scorer = checkworthinessModel(context.extensionUri, log);
  const suggesting = registerSuggestions(context, services, keys, scorer);
  const suggestionDecorations = registerSuggestionDecorations(context, services);
  const suggestionActions = registerSuggestionActions(context, services);
  const deps = { services, store, sync, keys, log };
  registerCommands(context, deps, viewCommands(services), { 'factmark.showDesk': () => views.desk.show() }, suggestionCommands(deps, suggesting), publishCommands(deps, views.report), gitSetupCommands(deps, platform));

  // The scale first, so that sidecars are validated against the repository's statuses.
  const ready = Promise.all([author.init(), watchScale(context, store, sync.diagnostics, log)]).then(() => {
    registerDocumentSync(context, store, sync as WorkspaceSync, log);
    (sync as WorkspaceSync).start();
    void platform.gitMerging?.refresh();
    return (sync as WorkspaceSync).ready;
  }).catch((e) => log.error(`start-up: ${String(e)}`)).finally(() => {
    readyAt = performance.now();
    const used = cpuAtActivation && process.cpuUsage(cpuAtActivation);
    readyCpuMs = used && (used.user + used.system) / 1000;
  });

  const s = sync;
  return {
    version: String(context.extension.packageJSON.version),
    platform: platform.kind,
    store,
    services,
    ready,
    async flush() {
      await ready;
      await s.flush();
    },
    perf: () => ({
      activatedAt, readyAt, readyCpuMs, store: store.stats, tree: views.tree.stats(), timings: timings(), lastLoad: s.lastLoad, scan: { ...loadCounters },
      rss: typeof process !== 'undefined' && typeof process.memoryUsage === 'function' ? process.memoryUsage().rss : undefined,
      startupCache: s.startupCache && { ...s.startupCache.stats },
      sidecarSearch: s.firstSearch,
    }),
    startupCache: s.startupCache && {
      where: s.startupCache.where,
      write: () => (s.startupCache as StartupCache).write(),
      async restart(whileClosed) {
        // As a second session's start: written, everything forgotten (and nothing watched, as
        // while the window is closed), the first scan again.
        const cache = s.startupCache as StartupCache;
        await s.flush();
        s.notWatching = true;
        s.unwatched.length = 0;
        try {
          await cache.write();
          store.batch(() => { for (const a of store.articles()) store.forget(a); });
          await whileClosed?.(() => [...s.unwatched]);
          cache.rearm();
          await s.scan();
        } finally {
          s.notWatching = false;
        }
        return { ...cache.stats };
      },
    },
    setLoadSliceBudget: setSliceBudget,
    setArticleReadDelay,
    holdNextSidecarRead: holdNextRead,
    searchSidecarsBothWays: (root) => s.searchBothWays(root),
    isLoading: (uri) => s.isLoading(uri),
    claimsOf: (uri) => store.get(articleKey(uri))?.claims ?? [],
    articleOf: (uri) => store.get(articleKey(uri)),
    currentClaim: () => services.currentClaim(),
    suggestions: {
      of: (uri) => suggestions.get(articleKey(uri)),
      uncheckedCount: (uri) => suggestions.get(articleKey(uri))?.length,
      decorated: (uri) => suggestionDecorations.applied(uri),
      hoverAt: (uri, offset) => suggestionActions.markdownAt(uri, offset),
      onDidChange: suggestions.onDidChange,
      scorer,
      readModel: (root) => readCheckworthinessModel(root, `(${vscode.Uri.joinPath(root, MODEL_PATH).toString(true)})`),
    },
    views,
    contextKey: (key) => keys.get(key as never),
  };
}

export async function deactivateAll(): Promise<void> {
  // Pending writes are flushed so that closing the window never loses a change.
  await sync?.flush();
  sync = undefined;
}
