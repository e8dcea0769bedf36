// The Desk: one editor tab showing every article's progress across the workspace — claims per
// status as bars in the status colours, what awaits my review and anyone's, disputes, sign-offs,
// what needs re-checking and what is orphaned — each figure a link to the claims behind it. The
// figures are the core's (core/present/deskSummary.ts); the page (media/desk.js) draws them
// with theme colours, inserts every string with textContent and runs under a strict CSP. What
// the page sends back names a figure and an article key, both checked against the store.
import * as vscode from 'vscode';
import { oneLine, uiText } from '../core/present/displayText';
import { claimsInFigure, deskSummary, FIGURE_LABELS, isDeskFigure, type DeskArticle, type DeskFigure, type DeskSummary } from '../core/present/deskSummary';
import type { ClaimFilter } from '../core/present/claimFilter';
import { findStatus } from '../core/statusScale';
import type { DeskContext } from '../core/workflow/deskState';
import { articleUri, baseName } from './articles';
import type { ScanStatus } from './workspaceScan';
import type { ClaimRef, Services } from './services';
import * as notify from './notify';
import { webviewPage } from './webviewPage';
import { hasThemeColor, statusColorId } from './statusColors';

/** What the page sends. */
export type DeskMessage =
  | { type: 'ready' }
  /** A figure was clicked: of one article, or (no article) of the whole workspace. */
  | { type: 'open'; figure: DeskFigure; article?: string }
  /** An article's name was clicked. */
  | { type: 'openArticle'; article: string };

/** What the page is sent. */
export interface DeskViewState extends DeskSummary {
  type: 'desk';
  /** CSS colour of each status (a theme variable where the status has one), aligned with `statuses`. */
  colors: string[];
  labels: typeof FIGURE_LABELS;
  me?: string;
  requireSources: boolean;
  /** While the workspace is still being read. */
  loading?: { done: number; total: number };
}

export interface DeskHandle {
  /** Opens the Desk (or brings it to the front). */
  show(): Promise<void>;
  /** Whether the Desk is open. */
  readonly isOpen: boolean;
  /** The last state sent (or that would be sent) to the page. */
  lastState(): DeskViewState;
  /** The claims a figure's link lists, in the order it lists them. */
  claimsBehind(figure: DeskFigure, article?: string): ClaimRef[];
  /** Handles a message as if the page had sent it (for tests); resolves to the claim it revealed, if any. */
  receive(message: DeskMessage): Promise<ClaimRef | undefined>;
}

const REDRAW_DELAY_MS = 150;
const FALLBACK_COLOR = '#8a8a8a';

export function registerDeskView(context: vscode.ExtensionContext, services: Services, scan?: ScanStatus): DeskHandle {
  const { store } = services;
  const media = vscode.Uri.joinPath(services.extensionUri, 'media');
  let panel: vscode.WebviewPanel | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: DeskViewState | undefined;

  const ctx = (): DeskContext => ({ scale: store.scale, requireReviews: store.policy.requireReviews, me: store.me() });
  const articles = (): DeskArticle[] => store.articles().map((article) => ({
    article,
    // The folder's name only where there are several folders to tell apart.
    path: vscode.workspace.asRelativePath(articleUri(article), (vscode.workspace.workspaceFolders?.length ?? 0) > 1),
    snapshot: store.get(article),
  }));

  const stateNow = (): DeskViewState => {
    const c = ctx();
    const summary = deskSummary(articles(), c);
    const progress = scan?.current();
    return {
      type: 'desk',
      ...summary,
      colors: summary.statuses.map((s) => cssColor(s.key, s.color)),
      labels: FIGURE_LABELS,
      me: c.me,
      requireSources: store.policy.requireSources,
      ...(progress ? { loading: progress } : {}),
    };
  };

  const post = () => {
    if (timer) { clearTimeout(timer); timer = undefined; }
    last = stateNow();
    if (panel) void panel.webview.postMessage(last);
  };
  const later = () => {
    if (!panel) { last = undefined; return; }
    timer ??= setTimeout(post, REDRAW_DELAY_MS);
  };

  const claimsBehind = (figure: DeskFigure, article?: string): ClaimRef[] =>
    claimsInFigure(articles(), figure, ctx(), article).map((x) => ({ article: x.article, id: x.entry.claim.id }));

  const receive = async (m: DeskMessage): Promise<ClaimRef | undefined> => {
    if (!m || typeof m !== 'object') return undefined;
    if (m.type === 'ready') { post(); return undefined; }
    if (m.type === 'openArticle') {
      if (typeof m.article !== 'string' || !store.get(m.article)) return undefined;
      await vscode.window.showTextDocument(articleUri(m.article), { preview: false, viewColumn: vscode.ViewColumn.One });
      return undefined;
    }
    if (m.type !== 'open' || !isDeskFigure(m.figure)) return undefined;
    const article = typeof m.article === 'string' ? m.article : undefined;
    if (article !== undefined && !store.get(article)) return undefined;
    return openFigure(services, m.figure, article, claimsBehind(m.figure, article));
  };

  const show = async () => {
    if (panel) { panel.reveal(undefined, false); post(); return; }
    panel = vscode.window.createWebviewPanel('factmark.desk', 'Factmark Desk', { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [media],
    });
    panel.iconPath = vscode.Uri.joinPath(media, 'factmark.svg');
    panel.webview.html = webviewPage(panel.webview, media, { css: 'desk.css', js: 'desk.js', title: 'Factmark Desk' });
    const p = panel;
    p.webview.onDidReceiveMessage((m: DeskMessage) => { void receive(m).catch((e) => void notify.error(`Factmark: ${e instanceof Error ? e.message : String(e)}`)); });
    p.onDidChangeViewState(() => { if (p.visible) post(); });
    p.onDidDispose(() => { if (panel === p) panel = undefined; if (timer) { clearTimeout(timer); timer = undefined; } });
    post();
  };

  context.subscriptions.push(
    store.onDidChange((e) => { if (e.kind !== 'saved') later(); }),
    { dispose: () => { if (timer) clearTimeout(timer); panel?.dispose(); } },
  );
  if (scan) context.subscriptions.push(scan.onDidChange(() => later()));

  return {
    show,
    get isOpen() { return !!panel; },
    lastState: () => (last ??= stateNow()),
    claimsBehind,
    receive,
  };
}

/** A status colour as CSS: the theme's where the status has a contributed colour, else its own hex (checked). */
function cssColor(key: string, hex: string | undefined): string {
  const own = hex && /^#[0-9a-fA-F]{6}$/.test(hex) ? hex : FALLBACK_COLOR;
  return hasThemeColor(key) ? `var(--vscode-${statusColorId(key).replace(/\./g, '-')}, ${own})` : own;
}

/** What the Claims panel filter shows the same claims as a figure (of every article); undefined when it has none. */
function filterOf(figure: DeskFigure): ClaimFilter | undefined {
  switch (figure.kind) {
    case 'status': return { statuses: [figure.key] };
    case 'awaiting-me': return { review: ['awaiting-me'] };
    case 'awaiting': return { review: ['awaiting-me', 'awaiting-others'] };
    case 'disputed': return { review: ['disputed'] };
    case 'signed-off': return { review: ['signed-off'] };
    default: return undefined;
  }
}

type ClaimPick = vscode.QuickPickItem & { ref?: ClaimRef; filter?: ClaimFilter };

/** One claim: shown in its article. Several: a quick pick of them (and, for a workspace figure, the Claims panel filtered to them). */
async function openFigure(services: Services, figure: DeskFigure, article: string | undefined, refs: ClaimRef[]): Promise<ClaimRef | undefined> {
  const { store } = services;
  const what = figureName(services, figure);
  if (!refs.length) {
    void notify.info(`Factmark: no claims ${article ? `of ${oneLine(baseName(articleUri(article)), 60)} ` : ''}are ${what.toLocaleLowerCase()} now.`);
    return undefined;
  }
  if (refs.length === 1) {
    await vscode.commands.executeCommand('factmark.revealClaim', refs[0]);
    return refs[0];
  }
  const filter = article === undefined ? filterOf(figure) : undefined;
  const items: ClaimPick[] = [
    ...(filter ? [{ label: '$(list-filter) Show them in the Claims panel', description: `${refs.length} claims`, filter }, { label: '', kind: vscode.QuickPickItemKind.Separator }] : []),
    ...refs.map((ref): ClaimPick => {
      const e = store.claim(ref.article, ref.id);
      const status = e ? findStatus(store.scale, e.claim.status) : undefined;
      return {
        label: uiText(e?.claim.quote ?? ref.id, 90),
        description: uiText(`${oneLine(baseName(articleUri(ref.article)), 40)} · ${oneLine(status?.label ?? e?.claim.status ?? '', 30)}`, 80),
        ref,
      };
    }),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: uiText(`${what}${article ? ` — ${oneLine(baseName(articleUri(article)), 60)}` : ''}: ${refs.length} claims`),
    placeHolder: 'The claim to show',
    matchOnDescription: true,
  });
  if (picked?.filter) {
    await vscode.commands.executeCommand('factmark.filter', picked.filter);
    await vscode.commands.executeCommand('factmark.claims.focus');
    return undefined;
  }
  if (!picked?.ref) return undefined;
  await vscode.commands.executeCommand('factmark.revealClaim', picked.ref);
  return picked.ref;
}

function figureName(services: Services, figure: DeskFigure): string {
  if (figure.kind === 'all') return 'Claims';
  if (figure.kind === 'status') return oneLine(findStatus(services.store.scale, figure.key)?.label ?? figure.key, 40);
  return FIGURE_LABELS[figure.kind];
}
