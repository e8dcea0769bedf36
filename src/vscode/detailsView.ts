// The Claim Details panel: a form for the claim the user is looking at (status, explanation,
// claimant, tags, sources) and its place in the desk's workflow (rater, assignee, reviews with
// Approve / Dispute, the corrections log, a reason box when a verdict changes). The webview (media/details.js) posts edits; they go to the store, and
// the store's change events send the claim back. Every string reaches the page as data and is
// inserted with textContent; the page runs under a strict CSP with a nonce.
import * as vscode from 'vscode';
import { REVIEW_VERDICTS, STANCES, type ReviewVerdict, type Source, type Stance } from '../core/model';
import { stateNotice, type StateNotice } from '../core/present/claimState';
import { claimWorkflow, type ClaimWorkflow } from '../core/present/claimWorkflow';
import { buildSource, parseTags } from '../core/sourceInput';
import { StoreError } from '../core/store/types';
import type { StatusScale } from '../core/statusScale';
import { reasonFor } from '../core/workflow/statusChange';
import { askReason } from './commands/workflow';
import { articleUri, baseName, displayPath } from './articles';
import { hasThemeColor, statusColorId } from './statusColors';
import type { ClaimRef, Services } from './services';
import * as notify from './notify';
import { webviewPage } from './webviewPage';
import { timed } from './perf';
import { Throttle } from '../core/throttle';

/** What the page sends. */
export type DetailsMessage =
  | { type: 'ready' }
  /** `reason`: why a verdict changes (the page's reason box); asked for when needed and missing. */
  | { type: 'update'; ref: ClaimRef; field: 'status' | 'explanation' | 'claimant' | 'tags'; value: string; reason?: string }
  /** Approve or dispute the current status; a dispute without a note asks for one. */
  | { type: 'review'; ref: ClaimRef; verdict: ReviewVerdict; note?: string }
  | { type: 'addSource'; ref: ClaimRef; source: { url: string; title?: string; stance?: string; excerpt?: string; archive?: string } }
  | { type: 'setStance'; ref: ClaimRef; index: number; stance: string }
  | { type: 'removeSource'; ref: ClaimRef; index: number }
  | { type: 'command'; command: DetailsCommand; ref: ClaimRef };

/** The commands the page's buttons run (on the claim shown). */
export type DetailsCommand = 'factmark.revealClaim' | 'factmark.openInSidecar' | 'factmark.acceptWording' | 'factmark.confirmPlace' | 'factmark.assignClaim' | 'factmark.reattach' | 'factmark.deleteClaim';

/** What the page is sent. */
export type DetailsState =
  | { type: 'empty' }
  | {
    type: 'claim';
    ref: ClaimRef;
    article: string;
    quote: string;
    currentText?: string;
    state: string;
    reason: string;
    /** What the state means and what to do (changed, ambiguous, orphaned); see claimState.ts. */
    notice?: StateNotice;
    status: string;
    explanation: string;
    claimant: string;
    tags: string;
    sources: Source[];
    /** `colorVar`: the theme colour's CSS variable, for the statuses that have one. */
    statuses: { key: string; label: string; definition: string; color: string; settled: boolean; colorVar?: string }[];
    workflow: ClaimWorkflow;
    stances: readonly string[];
    readOnly?: string;
  };

export interface DetailsHandle {
  /** The claim shown (undefined: the empty state). */
  current(): ClaimRef | undefined;
  /** The last state sent (or that would be sent) to the page. */
  lastState(): DetailsState;
  /** Handles a message as if the page had sent it (for tests); resolves when done. */
  receive(message: DetailsMessage): Promise<void>;
  /** Whether the page has been resolved (the panel was shown). */
  readonly resolved: boolean;
  /** How many states were worked out for the page (each is sent when it is resolved). */
  readonly posts: number;
}

const COMMANDS = new Set<string>(['factmark.revealClaim', 'factmark.openInSidecar', 'factmark.acceptWording', 'factmark.confirmPlace', 'factmark.assignClaim', 'factmark.reattach', 'factmark.deleteClaim'] satisfies DetailsCommand[]);
/** Typing inside the claim shown: at most how often the form is sent its words as they are (ms; a quarter of a second still reads as live in a side panel). */
export const TYPED_POST_MS = 250;

/**
 * `readText`: reads the article's text again when it was let go (before a change of one of its
 * claims); `work`: runs the handling of one message from the form as work that holds its claim's
 * article, so that what readText read is not let go again before the change is made
 * (WorkspaceSync.whileWorking).
 */
export function registerDetailsView(context: vscode.ExtensionContext, services: Services, readText: (article: string) => Promise<void> = async () => undefined, work: <T>(fn: () => Promise<T>) => Promise<T> = (fn) => fn()): DetailsHandle {
  const { store } = services;
  const media = vscode.Uri.joinPath(services.extensionUri, 'media');
  let view: vscode.WebviewView | undefined;
  let shown: ClaimRef | undefined;
  let last: DetailsState = { type: 'empty' };

  /** The scale's statuses as the form lists them: worked out once per scale, not on every keystroke in the claim shown. */
  let statuses: { scale: StatusScale; list: Extract<DetailsState, { type: 'claim' }>['statuses'] } | undefined;
  const statusesOf = (scale: StatusScale) => {
    if (statuses?.scale !== scale) {
      statuses = {
        scale,
        list: scale.statuses.map((s) => ({
          key: s.key, label: s.label, definition: s.definition, color: s.color, settled: s.settled,
          // A webview names a theme colour's variable with the id's first dot made a dash, the
          // others kept: `factmark.status.accurate` is `--vscode-factmark-status.accurate`.
          colorVar: hasThemeColor(s.key) ? `--vscode-${statusColorId(s.key).replace('.', '-')}` : undefined,
        })),
      };
    }
    return statuses.list;
  };

  const stateOf = (ref: ClaimRef | undefined): DetailsState => {
    const e = ref ? store.claim(ref.article, ref.id) : undefined;
    // The article's state, not a snapshot of its claims: this runs on every keystroke in the claim shown.
    const snap = ref ? store.state(ref.article) : undefined;
    if (!ref || !e || !snap) return { type: 'empty' };
    const c = e.claim;
    return {
      type: 'claim',
      ref,
      article: baseName(articleUri(ref.article)),
      quote: c.quote,
      currentText: e.state === 'changed' ? e.currentText : undefined,
      state: e.state,
      reason: e.reason,
      notice: stateNotice(e, { articleMissing: snap.articleMissing }),
      status: c.status,
      explanation: c.explanation ?? '',
      claimant: c.claimant ?? '',
      tags: (c.tags ?? []).join(', '),
      sources: c.sources ?? [],
      statuses: statusesOf(store.scale),
      workflow: claimWorkflow(c, { scale: store.scale, requireReviews: store.policy.requireReviews, me: store.me(), wordsChanged: e.state !== 'anchored' && e.state !== 'moved' }),
      stances: STANCES,
      readOnly: snap.sidecarState === 'broken' ? `${displayPath(snap.sidecar)} has errors; fix it before editing.` : undefined,
    };
  };

  let posts = 0;
  const post = () => {
    posts++;
    typed.reset(); // (sent as it is now: whatever typing asked for is sent)
    last = stateOf(shown);
    if (view) void view.webview.postMessage(last);
  };

  /**
   * Whether what an edit changed of the claim shown is its words alone: the form was sent this
   * claim in the same state, for the same reason. A claim that went from anchored to changed,
   * was orphaned by the edit or lost all its words is sent at once.
   */
  const onlyWordsChanged = (ref: ClaimRef): boolean => {
    if (last.type !== 'claim' || last.ref.article !== ref.article || last.ref.id !== ref.id) return false;
    const e = store.claim(ref.article, ref.id);
    return !!e && e.state === last.state && e.reason === last.reason;
  };

  // Typing inside the claim shown changes its words at every keystroke: the form is sent the
  // first keystroke's at once and then, at most every TYPED_POST_MS, the last ones (building and
  // sending the whole form was a fifth of a keystroke's work in a claim of a 10,000-claim article).
  // A post for anything else (another claim shown, a field changed) is sent at once, and the next
  // keystroke's too. The later posts run on a timer of their own: timed as `details`.
  const typed = new Throttle(() => timed('details', post), TYPED_POST_MS, { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) });

  const show = (ref: ClaimRef | undefined) => {
    shown = ref;
    post();
  };

  const receive = (m: DetailsMessage): Promise<void> => work(() => receiveNow(m));
  const receiveNow = async (m: DetailsMessage): Promise<void> => {
    try {
      if (!m || typeof m !== 'object') return;
      if (m.type === 'ready') { post(); return; }
      const ref = m.ref;
      if (!ref || typeof ref.article !== 'string' || typeof ref.id !== 'string' || !store.claim(ref.article, ref.id)) return;
      await readText(ref.article);
      const entry = store.claim(ref.article, ref.id);
      const sources = [...(entry?.claim.sources ?? [])];
      switch (m.type) {
        case 'update': {
          const v = String(m.value ?? '');
          if (m.field === 'status') {
            const claim = (entry as NonNullable<typeof entry>).claim;
            let reason = typeof m.reason === 'string' ? m.reason.trim() : '';
            if (!reason && reasonFor(claim, v, store.scale) === 'required') {
              const asked = await askReason(store, claim, v);
              if (asked === undefined) { post(); return; } // cancelled: the form shows the old status again
              reason = asked;
            }
            store.setStatus(ref.article, ref.id, v, { reason: reason || undefined });
            services.firstSteps.did('status');
          }
          else if (m.field === 'explanation') store.updateClaim(ref.article, ref.id, { explanation: v.trim() ? v : undefined });
          else if (m.field === 'claimant') store.updateClaim(ref.article, ref.id, { claimant: v.trim() || undefined });
          else if (m.field === 'tags') { const tags = parseTags(v); store.updateClaim(ref.article, ref.id, { tags: tags.length ? tags : undefined }); }
          break;
        }
        case 'addSource': {
          const given = m.source && typeof m.source === 'object' ? m.source : { url: '' };
          const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
          const built = buildSource({ url: text(given.url) ?? '', title: text(given.title), excerpt: text(given.excerpt), stance: text(given.stance), archive: text(given.archive) });
          if (!built.ok) {
            void view?.webview.postMessage({ type: 'sourceError', message: built.message, field: built.message.startsWith('Archive link') ? 'archive' : 'url' });
            return;
          }
          store.updateClaim(ref.article, ref.id, { sources: [...sources, built.source] });
          services.firstSteps.did('source');
          void view?.webview.postMessage({ type: 'sourceAdded' });
          break;
        }
        case 'setStance': {
          const s = sources[m.index];
          if (!s) return;
          const next: Source = { ...s };
          if (STANCES.includes(m.stance as Stance)) next.stance = m.stance as Stance;
          else delete next.stance;
          sources[m.index] = next;
          store.updateClaim(ref.article, ref.id, { sources });
          break;
        }
        case 'removeSource':
          if (!sources[m.index]) return;
          sources.splice(m.index, 1);
          store.updateClaim(ref.article, ref.id, { sources });
          break;
        case 'review': {
          if (!REVIEW_VERDICTS.includes(m.verdict)) return;
          const note = typeof m.note === 'string' && m.note.trim() ? m.note : undefined;
          // The commands ask what they need (a dispute's note) and report refusals.
          const done = await vscode.commands.executeCommand(m.verdict === 'approve' ? 'factmark.approveClaim' : 'factmark.disputeClaim', { article: ref.article, id: ref.id }, note);
          if (done) void view?.webview.postMessage({ type: 'reviewed' });
          break;
        }
        case 'command':
          if (COMMANDS.has(m.command)) await vscode.commands.executeCommand(m.command, { article: ref.article, id: ref.id });
          break;
      }
    } catch (e) {
      if (e instanceof StoreError && e.location) void notify.fileProblem(e.message, e.location);
      else void notify.error(e instanceof StoreError ? e.message : `Factmark: ${e instanceof Error ? e.message : String(e)}`);
      post(); // put the form back to what the store holds
    }
  };

  const provider: vscode.WebviewViewProvider = {
    resolveWebviewView(v) {
      view = v;
      v.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [media] };
      v.webview.html = webviewPage(v.webview, media, { css: 'details.css', js: 'details.js', title: 'Claim Details' });
      v.webview.onDidReceiveMessage((m: DetailsMessage) => { void receive(m); });
      v.onDidDispose(() => { if (view === v) view = undefined; });
      v.onDidChangeVisibility(() => { if (v.visible) post(); });
    },
  };

  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider('factmark.details', provider),
    services.onDidChangeCurrentClaim((ref) => {
      // Keep showing the last claim when the cursor leaves it: the form may be half-filled.
      if (ref) show(ref);
      else if (shown && !store.claim(shown.article, shown.id)) show(undefined);
    }),
    store.onDidChange((e) => {
      if (!shown || !e.articles.includes(shown.article)) return;
      if (e.kind === 'removed' || e.kind === 'loaded' || e.kind === 'claims' || !e.ids || e.ids.includes(shown.id)) {
        if (!store.claim(shown.article, shown.id)) { shown = undefined; post(); }
        else if (e.kind === 'anchors' && e.ids && onlyWordsChanged(shown)) typed.ask();
        else post();
      }
    }),
    { dispose: () => typed.dispose() },
  );
  shown = services.currentClaim();
  last = stateOf(shown);

  return {
    current: () => shown,
    lastState: () => last,
    receive,
    get resolved() { return !!view; },
    get posts() { return posts; },
  };
}
