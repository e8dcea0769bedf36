// The object activate() returns: what integration tests (and other extensions) use.
import type * as vscode from 'vscode';
import type { ClaimStore } from '../core/store/claimStore';
import type { ClaimEntry, ArticleSnapshot } from '../core/store/types';
import type { Event } from '../core/events';
import type { Suggestion } from '../core/suggest/suggestClaims';
import type { OffsetRange } from '../core/suggest/openSuggestions';
import type { LoadedScorer } from '../core/suggest/model';
import type { Scorer } from '../core/suggest/scorer';
import type { ClaimsTreeHandle, ClaimsTreeStats } from './claimsTree';
import type { StoreStats } from '../core/store/claimStore';
import type { Timing, TimingName } from './perf';
import type { LoadCounters } from './workspaceScan';
import type { StartupCacheStats } from './startupCache';
import type { SidecarSearchStats } from './workspaceSync';
import type { DecorationsHandle } from './decorations';
import type { DeskHandle } from './deskView';
import type { DetailsHandle } from './detailsView';
import type { HoverHandle } from './hover';
import type { PolicyDiagnosticsHandle } from './policyDiagnostics';
import type { ClaimRef, Services } from './services';
import type { ReportPreviewHandle } from './reportPreview';
import type { StatusBarHandle } from './statusBar';

export interface FactmarkViews {
  readonly tree: ClaimsTreeHandle;
  readonly decorations: DecorationsHandle;
  readonly hover: HoverHandle;
  readonly statusBar: StatusBarHandle;
  readonly details: DetailsHandle;
  readonly report: ReportPreviewHandle;
  /** The policy breaches shown in the Problems panel on each article. */
  readonly policy: PolicyDiagnosticsHandle;
  /** The Desk: every article's progress. */
  readonly desk: DeskHandle;
}

/** The suggested check-worthy sentences (what Suggest Claims shows). */
export interface SuggestionsApi {
  /** The article's open suggestions in article order; undefined when not computed or cleared. */
  of(uri: vscode.Uri): readonly Suggestion[] | undefined;
  /** Check-worthy sentences without a claim (the coverage gap); undefined when not computed. */
  uncheckedCount(uri: vscode.Uri): number | undefined;
  /** The ranges underlined in the visible editor showing `uri`. */
  decorated(uri: vscode.Uri): OffsetRange[] | undefined;
  /** The hover's Markdown for the suggestion at `offset` of an open article. */
  hoverAt(uri: vscode.Uri, offset: number): vscode.MarkdownString | undefined;
  /** Fires with the article's key when its suggestions change. */
  readonly onDidChange: Event<{ readonly article: string }>;
  /** What scores sentences: the shipped model, or the cue heuristic when it could not be read. */
  scorer(): Promise<Scorer>;
  /** Reads `root`/models/checkworthiness.json exactly as the extension reads its own (for tests and tools). */
  readModel(root: vscode.Uri): Promise<LoadedScorer>;
}

/** What the extension has done, for tests that count work and for the bench. */
export interface FactmarkPerf {
  /** `performance.now()` of the extension host when activate() ran, and when `ready` resolved. */
  readonly activatedAt: number;
  readonly readyAt: number | undefined;
  /**
   * CPU time of the extension host's process (every thread: Factmark, the host, other extensions)
   * from activate() until `ready`; undefined on the web. On a loaded machine the wall time to
   * ready says how long a core was waited for; this says how much work was done.
   */
  readonly readyCpuMs: number | undefined;
  readonly store: StoreStats;
  readonly tree: ClaimsTreeStats;
  /** Time spent per keystroke (typing), cursor move, re-decoration and status bar update. */
  readonly timings: Record<TimingName, Timing>;
  /** The last batch load of articles (start-up scan, checkout, Refresh). */
  readonly lastLoad: { readonly articles: number; readonly ms: number; readonly longestStallMs: number; readonly longestStallEndedAt: number; readonly stallsOver100Ms: number; readonly reload: boolean } | undefined;
  /** What batch loads did since activation: slices of parsing and anchoring, the articles they took in, and the announcements of them. */
  readonly scan: Readonly<LoadCounters>;
  /** The extension host's resident memory in bytes (undefined where there is no process, on the web). */
  readonly rss: number | undefined;
  /** What the start-up cache did (undefined without one: the web, no workspace storage). */
  readonly startupCache: StartupCacheStats | undefined;
  /** How the start-up scan found the sidecars (listed on the local disk or VS Code's file search), how many, how long. */
  readonly sidecarSearch: SidecarSearchStats | undefined;
}

/** The start-up cache, for tests: written now, or a restart simulated in this window. */
export interface StartupCacheApi {
  /** The cache file's path. */
  readonly where: string;
  write(): Promise<void>;
  /**
   * Writes the cache, forgets every article, runs `whileClosed` (nothing watches the files
   * meanwhile, as while the window is closed; `unwatched` gives the watchers' reports dropped so
   * far), and runs the start-up scan again with the cache, as a second session would; what the
   * cache did then.
   */
  restart(whileClosed?: (unwatched: () => string[]) => Promise<void>): Promise<StartupCacheStats>;
}

export interface FactmarkApi {
  readonly version: string;
  /** Which entry point is running: `node` (package.json `main`) or `web` (`browser`, no git). */
  readonly platform: 'node' | 'web';
  readonly store: ClaimStore;
  readonly services: Services;
  /** Resolves when the sidecars found at start-up are loaded. */
  readonly ready: Promise<void>;
  perf(): FactmarkPerf;
  /** Waits until every pending sidecar write (and load) has finished. */
  flush(): Promise<void>;
  /** For tests: the time budget of a batch load's slices, in ms (undefined: the default). */
  /** The start-up cache (undefined without one: the web, no workspace storage). */
  readonly startupCache: StartupCacheApi | undefined;
  setLoadSliceBudget(ms: number | undefined): void;
  /** For tests: makes every read of an article's file take `ms` longer once its bytes are read (a slow disk); 0: as fast as it is. */
  setArticleReadDelay(ms: number): void;
  /** For tests: the next read of the file `uri` (a sidecar) takes `ms` longer once its bytes are read; resolves when they are read. */
  holdNextSidecarRead(uri: vscode.Uri, ms: number): Promise<void>;
  /** For tests: the sidecars under `root` as the desktop's own listing finds them (or why it gives up; undefined on the web) and as VS Code's file search does (URIs, sorted). */
  searchSidecarsBothWays(root: vscode.Uri): Promise<{ listed: string[] | { why: string } | undefined; found: string[] }>;
  /** Whether the article is being loaded (alone, or waiting in a batch load such as the start-up scan). */
  isLoading(uri: vscode.Uri): boolean;
  /** The claims of an article, in article order (empty when it has none). */
  claimsOf(uri: vscode.Uri): readonly ClaimEntry[];
  /** The article's snapshot (sidecar state, problems, claims), if it has a sidecar or claims. */
  articleOf(uri: vscode.Uri): ArticleSnapshot | undefined;
  /** The claim under the cursor, else the one picked in the tree or details. */
  currentClaim(): ClaimRef | undefined;
  readonly suggestions: SuggestionsApi;
  /** What the view parts returned from their register functions (for their own tests). */
  readonly views: FactmarkViews;
  /** The value Factmark last gave a `when`-clause context key of contextKeyNames.ts (for tests). */
  contextKey(key: string): unknown;
}
