// Highlights claims in the article editors: one decoration type per status (tint or underline,
// gutter mark, overview-ruler mark) and one for claims to re-check (dashed outline and a marker
// after the words). Types are built once and rebuilt only when the settings or the scale change;
// ranges are applied to visible editors only, from the store's change events (debounced while
// the user types, at once after a command), and a type is sent again only when its ranges differ
// from what the editor already shows.
import * as vscode from 'vscode';
import { timed } from './perf';
import type { StatusDef, StatusScale } from '../core/statusScale';
import type { StoreChange } from '../core/store/types';
import { articleKey, isArticleDocument } from './articles';
import { applyChanges, type TrackedRange } from '../core/anchoring/editTracker';
import { toRange, toTextChanges } from './convert';
import type { Services } from './services';
import { gutterIcons, needsRecheckColor, statusBackground, statusColor } from './statusColors';

/** Offsets of the decorated words (UTF-16, like the store's). */
export interface DecoratedRange { start: number; end: number; id: string }

export interface EditorDecorations {
  /** Per status key. */
  byStatus: Record<string, DecoratedRange[]>;
  /** Claims whose words changed since rated, or whose place is unsure. */
  needsRecheck: DecoratedRange[];
  /** Claims placed on new words (accepted or re-attached) whose verdict is not re-confirmed. */
  verdictToConfirm: DecoratedRange[];
}

export interface DecorationsHandle {
  /** What is applied now to the visible editor showing `uri` (undefined when none shows it). */
  applied(uri: vscode.Uri): EditorDecorations | undefined;
  /** The same for every visible editor showing `uri` (a split view shows one document twice). */
  appliedAll(uri: vscode.Uri): EditorDecorations[];
  /** How many times the decoration types have been (re)built; tests check it stays put. */
  readonly typeBuilds: number;
  /** The last redraws (at most 100), newest last: how many types each sent to the editor, and whether it was the one after typing stopped. */
  readonly redraws: readonly Redraw[];
  /** Re-applies to every visible editor at once. */
  refresh(): void;
}

/** One redraw of an editor's highlights; `seq` counts redraws since activation. */
export interface Redraw { seq: number; typesSent: number; settle: boolean }

type Style = 'background' | 'underline' | 'both' | 'none';
const TYPING_DELAY_MS = 150;
/** Quiet time after the last edit before every type is sent again (see onEdit). */
const SETTLE_MS = 1000;

/** Claims given to one decoration type, in claim order. */
interface Group { ids: string[]; starts: number[]; ends: number[] }
const NONE: Group = { ids: [], starts: [], ends: [] };
/** What was last sent for a type, its offsets carried through the edits since; `stale`: an edit touched one. */
interface SentType { ids: string[]; spans: TrackedRange[]; stale: boolean }
interface EditorMemo {
  version: number;
  ranges: Map<string, { start: number; end: number; range: vscode.Range }>;
  sent: Map<vscode.TextEditorDecorationType, SentType>;
  groups: Map<vscode.TextEditorDecorationType, Group>;
  settle?: ReturnType<typeof setTimeout>;
}

function sameSpans(sent: SentType, g: Group): boolean {
  if (sent.ids.length !== g.ids.length) return false;
  for (let i = 0; i < g.ids.length; i++) {
    const s = sent.spans[i];
    if (sent.ids[i] !== g.ids[i] || s.start !== g.starts[i] || s.end !== g.ends[i]) return false;
  }
  return true;
}

interface Types {
  scale: StatusScale;
  byStatus: Map<string, vscode.TextEditorDecorationType>;
  changed: vscode.TextEditorDecorationType;
  ambiguous: vscode.TextEditorDecorationType;
  /** Placed claims whose verdict is not re-confirmed for their new words (`recheck`). */
  verdict: vscode.TextEditorDecorationType;
}

export function registerDecorations(context: vscode.ExtensionContext, services: Services): DecorationsHandle {
  const { store } = services;
  let types: Types | undefined;
  let builds = 0;
  // Per editor: the Range of each claim as last computed (valid while the document's version is
  // the same), and per decoration type the claims last given to it with their offsets, carried
  // through every edit since as VS Code carries the decorations themselves. A type is sent again
  // only when its claims or their offsets differ from that, or an edit touched one of its ranges
  // (where VS Code's tracking and the store's may part): a status change in an article of 10,000
  // claims sends two types, a keystroke between claims sends none.
  const memos = new Map<vscode.TextEditor, EditorMemo>();
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const disposeTypes = () => {
    if (!types) return;
    for (const t of types.byStatus.values()) t.dispose();
    types.changed.dispose();
    types.ambiguous.dispose();
    types.verdict.dispose();
    types = undefined;
    for (const m of memos.values()) clearTimeout(m.settle);
    memos.clear();
  };

  const ensureTypes = (): Types => {
    if (types && types.scale === store.scale) return types;
    disposeTypes();
    builds++;
    const cfg = vscode.workspace.getConfiguration('factmark.decorations');
    const style = cfg.get<Style>('style', 'background');
    const gutter = cfg.get<boolean>('gutter', true);
    const ruler = cfg.get<boolean>('overviewRuler', true);
    const byStatus = new Map<string, vscode.TextEditorDecorationType>();
    for (const s of store.scale.statuses) byStatus.set(s.key, statusType(s, style, gutter, ruler));
    // Markers after the words are one glyph: text after a wrapped line's last word is not wrapped
    // with it and would run past the editor's edge. The hover says what each means.
    types = { scale: store.scale, byStatus, changed: recheckType('⟲'), ambiguous: recheckType('?'), verdict: recheckType('⟲', false) };
    return types;
  };

  const redraws: Redraw[] = [];
  let redrawCount = 0;
  const apply = (editor: vscode.TextEditor, settle = false) => timed('decorate', () => {
    const t = ensureTypes();
    const doc = editor.document;
    const article = isArticleDocument(doc) ? articleKey(doc.uri) : undefined;
    // The document's length without copying its text.
    const length = doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
    let memo = memos.get(editor);
    if (!memo) { memo = { version: doc.version, ranges: new Map(), sent: new Map(), groups: new Map() }; memos.set(editor, memo); }
    if (memo.version !== doc.version) { memo.version = doc.version; memo.ranges = new Map(); }
    const groups = new Map<vscode.TextEditorDecorationType, Group>();
    const add = (type: vscode.TextEditorDecorationType, id: string, start: number, end: number) => {
      const g = groups.get(type);
      if (g) { g.ids.push(id); g.starts.push(start); g.ends.push(end); } else groups.set(type, { ids: [id], starts: [start], ends: [end] });
    };
    if (article) {
      store.forEachPlacement(article, (claim, state, start, end) => {
        if (start === undefined || end === undefined || end > length) return;
        // A status that is not on the scale (hand-edited sidecar) is shown like the initial one.
        const type = t.byStatus.get(claim.status) ?? t.byStatus.get(store.scale.initial);
        if (type) add(type, claim.id, start, end);
        if (state === 'changed' || state === 'ambiguous') add(state === 'changed' ? t.changed : t.ambiguous, claim.id, start, end);
        else if (claim.recheck && state !== 'orphaned') add(t.verdict, claim.id, start, end);
      });
    }
    const known = memo.ranges;
    const rangeOf = (id: string, start: number, end: number): vscode.Range => {
      const k = known.get(id);
      if (k && k.start === start && k.end === end) return k.range;
      const range = toRange(doc, start, end);
      known.set(id, { start, end, range });
      return range;
    };
    const sent = memo.sent;
    let typesSent = 0;
    const send = (type: vscode.TextEditorDecorationType, options: boolean) => {
      const g = groups.get(type) ?? NONE;
      const before = sent.get(type);
      // Nothing shown and nothing to show (nothing can be misplaced), or the same as shown.
      if (!g.ids.length && !before?.ids.length) {
        if (!before) sent.set(type, { ids: [], spans: [], stale: false });
        return;
      }
      if (before && !before.stale && sameSpans(before, g)) return;
      const ranges = g.ids.map((id, i) => rangeOf(id, g.starts[i], g.ends[i]));
      editor.setDecorations(type, options ? ranges.map((range) => ({ range })) : ranges);
      typesSent++;
      sent.set(type, { ids: g.ids, spans: g.starts.map((start, i) => ({ start, end: g.ends[i], touched: false })), stale: false });
    };
    for (const type of t.byStatus.values()) send(type, false);
    send(t.changed, true);
    send(t.ambiguous, true);
    send(t.verdict, true);
    memo.groups = groups;
    redraws.push({ seq: ++redrawCount, typesSent, settle });
    if (redraws.length > 100) redraws.splice(0, redraws.length - 100);
  });

  // What the editor shows, for tests and the API: built on demand from the last redraw's groups.
  const shown = (editor: vscode.TextEditor): EditorDecorations | undefined => {
    const memo = memos.get(editor);
    if (!memo || !types) return undefined;
    const list = (type: vscode.TextEditorDecorationType): DecoratedRange[] => {
      const g = memo.groups.get(type) ?? NONE;
      return g.ids.map((id, i) => ({ start: g.starts[i], end: g.ends[i], id }));
    };
    const byStatus: Record<string, DecoratedRange[]> = {};
    for (const [key, type] of types.byStatus) { const l = list(type); if (l.length) byStatus[key] = l; }
    const needsRecheck = [...list(types.changed), ...list(types.ambiguous)].sort((a, b) => a.start - b.start || a.end - b.end);
    return { byStatus, needsRecheck, verdictToConfirm: list(types.verdict) };
  };

  // Edits move what was sent as VS Code moves the decorations; once the typing stops, every type
  // is sent again, so that a redraw that crossed a keystroke on its way to the editor (drawn on
  // a newer text than it was computed for) is put right.
  const onEdit = (e: vscode.TextDocumentChangeEvent) => {
    if (!e.contentChanges.length) return;
    const changes = toTextChanges(e.contentChanges);
    for (const [editor, memo] of memos) {
      if (editor.document !== e.document) continue;
      for (const st of memo.sent.values()) {
        const touched: number[] = [];
        applyChanges(st.spans, changes, touched);
        if (touched.length) st.stale = true;
      }
      clearTimeout(memo.settle);
      memo.settle = setTimeout(() => {
        memo.settle = undefined;
        if (memos.get(editor) !== memo || !vscode.window.visibleTextEditors.includes(editor)) return;
        for (const st of memo.sent.values()) st.stale = true;
        apply(editor, true);
      }, SETTLE_MS);
    }
  };

  const applyArticle = (article: string | undefined) => {
    for (const editor of vscode.window.visibleTextEditors) {
      if (article === undefined || articleKey(editor.document.uri) === article) apply(editor);
    }
  };

  const flush = () => {
    timer = undefined;
    const articles = [...pending];
    pending.clear();
    for (const a of articles) applyArticle(a);
  };

  const onStore = (e: StoreChange) => {
    const concerned = new Set(e.articles);
    const shown = vscode.window.visibleTextEditors.map((ed) => articleKey(ed.document.uri)).filter((a) => concerned.has(a));
    if (!shown.length) return;
    if (e.kind === 'anchors') {
      // Typing: VS Code moves the existing decorations itself; redraw once the user pauses.
      for (const a of shown) pending.add(a);
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, TYPING_DELAY_MS);
      return;
    }
    for (const a of new Set(shown)) { pending.delete(a); applyArticle(a); }
  };

  const rebuild = () => {
    disposeTypes();
    applyArticle(undefined);
  };

  context.subscriptions.push(
    store.onDidChange(onStore),
    vscode.workspace.onDidChangeTextDocument(onEdit),
    vscode.window.onDidChangeVisibleTextEditors((editors) => {
      for (const [ed, memo] of [...memos]) if (!editors.includes(ed)) { clearTimeout(memo.settle); memos.delete(ed); }
      for (const ed of editors) apply(ed);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('factmark.decorations')) rebuild();
    }),
    { dispose: () => { if (timer) clearTimeout(timer); disposeTypes(); } },
  );
  applyArticle(undefined);

  return {
    applied(uri) {
      const key = uri.toString();
      for (const editor of memos.keys()) if (editor.document.uri.toString() === key && vscode.window.visibleTextEditors.includes(editor)) return shown(editor);
      return undefined;
    },
    appliedAll(uri) {
      const key = uri.toString();
      return vscode.window.visibleTextEditors.filter((e) => e.document.uri.toString() === key).map((e) => shown(e)).filter((d): d is EditorDecorations => !!d);
    },
    get typeBuilds() { return builds; },
    get redraws() { return redraws; },
    refresh: () => applyArticle(undefined),
  };
}

function statusType(s: StatusDef, style: Style, gutter: boolean, ruler: boolean): vscode.TextEditorDecorationType {
  const o: vscode.DecorationRenderOptions = { rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed };
  if (style === 'background' || style === 'both') {
    o.backgroundColor = statusBackground(s, s.key);
    o.borderRadius = '2px';
  }
  if (style === 'underline' || style === 'both') {
    o.borderStyle = 'none none solid none';
    o.borderWidth = '0 0 2px 0';
    o.borderColor = statusColor(s, s.key);
  }
  if (gutter) {
    const icons = gutterIcons(s);
    o.light = { gutterIconPath: icons.light, gutterIconSize: 'contain' };
    o.dark = { gutterIconPath: icons.dark, gutterIconSize: 'contain' };
  }
  if (ruler) {
    o.overviewRulerColor = statusColor(s, s.key);
    o.overviewRulerLane = vscode.OverviewRulerLane.Center;
  }
  return vscode.window.createTextEditorDecorationType(o);
}

/** A dashed outline (unless `outline` is false: the words are right, only the verdict waits) and a one-glyph marker. */
function recheckType(marker: string, outline = true): vscode.TextEditorDecorationType {
  const color = needsRecheckColor();
  return vscode.window.createTextEditorDecorationType({
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    ...(outline ? { border: '1px dashed', borderColor: color, borderRadius: '2px' } : {}),
    after: { contentText: marker, color, margin: '0 0 0 0.15em' },
    overviewRulerColor: color,
    overviewRulerLane: vscode.OverviewRulerLane.Right,
  });
}
