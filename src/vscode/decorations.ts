// Highlights claims in the article editors: one decoration type per status (tint or underline,
// gutter mark, overview-ruler mark) and one for claims to re-check (dashed outline and a marker
// after the words). Types are built once and rebuilt only when the settings or the scale change;
// ranges are applied to visible editors only, from the store's change events (debounced while
// the user types, at once after a command).
import * as vscode from 'vscode';
import { timed } from './perf';
import type { StatusDef, StatusScale } from '../core/statusScale';
import type { StoreChange } from '../core/store/types';
import { articleKey, isArticleDocument } from './articles';
import { toRange } from './convert';
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
  /** Re-applies to every visible editor at once. */
  refresh(): void;
}

type Style = 'background' | 'underline' | 'both' | 'none';
const TYPING_DELAY_MS = 150;

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
  const applied = new Map<vscode.TextEditor, EditorDecorations>();
  // Per editor: the Range of each claim as last computed (valid while the document's version is
  // the same) and the ranges last given to each decoration type. A status change in an article of
  // 10,000 claims then costs no position lookups, and only the types whose ranges changed are sent.
  const sent = new Map<vscode.TextEditor, { version: number; ranges: Map<string, { start: number; end: number; range: vscode.Range }>; byType: Map<vscode.TextEditorDecorationType, readonly vscode.Range[]> }>();
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const disposeTypes = () => {
    if (!types) return;
    for (const t of types.byStatus.values()) t.dispose();
    types.changed.dispose();
    types.ambiguous.dispose();
    types.verdict.dispose();
    types = undefined;
    applied.clear();
    sent.clear();
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

  const apply = (editor: vscode.TextEditor) => timed('decorate', () => {
    const t = ensureTypes();
    const doc = editor.document;
    const snap = isArticleDocument(doc) ? store.get(articleKey(doc.uri)) : undefined;
    const now: EditorDecorations = { byStatus: {}, needsRecheck: [], verdictToConfirm: [] };
    const ranges = new Map<vscode.TextEditorDecorationType, vscode.Range[]>();
    const changed: vscode.DecorationOptions[] = [];
    const ambiguous: vscode.DecorationOptions[] = [];
    const verdict: vscode.DecorationOptions[] = [];
    // The document's length without copying its text.
    const length = doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
    let memo = sent.get(editor);
    if (!memo || memo.version !== doc.version) {
      memo = { version: doc.version, ranges: new Map(), byType: memo?.byType ?? new Map() };
      sent.set(editor, memo);
    }
    const known = memo.ranges;
    const rangeOf = (id: string, start: number, end: number): vscode.Range => {
      const k = known.get(id);
      if (k && k.start === start && k.end === end) return k.range;
      const range = toRange(doc, start, end);
      known.set(id, { start, end, range });
      return range;
    };
    for (const e of snap?.claims ?? []) {
      if (e.start === undefined || e.end === undefined || e.end > length) continue;
      const range = rangeOf(e.claim.id, e.start, e.end);
      const r = { start: e.start, end: e.end, id: e.claim.id };
      // A status that is not on the scale (hand-edited sidecar) is shown like the initial one.
      const key = t.byStatus.has(e.claim.status) ? e.claim.status : store.scale.initial;
      const type = t.byStatus.get(key);
      if (type) {
        const list = ranges.get(type);
        if (list) list.push(range); else ranges.set(type, [range]);
        (now.byStatus[key] ??= []).push(r);
      }
      if (e.state === 'changed' || e.state === 'ambiguous') {
        (e.state === 'changed' ? changed : ambiguous).push({ range });
        now.needsRecheck.push(r);
      } else if (e.claim.recheck && e.state !== 'orphaned') {
        verdict.push({ range });
        now.verdictToConfirm.push(r);
      }
    }
    const byType = memo.byType;
    // The same Range objects as last time (the document unchanged): nothing to send for the type.
    const send = (type: vscode.TextEditorDecorationType, value: vscode.Range[] | vscode.DecorationOptions[]) => {
      const list = value.map((v) => ('range' in v ? v.range : v));
      const before = byType.get(type);
      if (before && before.length === list.length && before.every((r, i) => r === list[i])) return;
      editor.setDecorations(type, value);
      byType.set(type, list);
    };
    for (const type of t.byStatus.values()) send(type, ranges.get(type) ?? []);
    send(t.changed, changed);
    send(t.ambiguous, ambiguous);
    send(t.verdict, verdict);
    applied.set(editor, now);
  });

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
    vscode.window.onDidChangeVisibleTextEditors((editors) => {
      for (const ed of [...applied.keys()]) if (!editors.includes(ed)) applied.delete(ed);
      for (const ed of [...sent.keys()]) if (!editors.includes(ed)) sent.delete(ed);
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
      for (const [editor, d] of applied) if (editor.document.uri.toString() === key && vscode.window.visibleTextEditors.includes(editor)) return d;
      return undefined;
    },
    appliedAll(uri) {
      const key = uri.toString();
      return vscode.window.visibleTextEditors.filter((e) => e.document.uri.toString() === key).map((e) => applied.get(e)).filter((d): d is EditorDecorations => !!d);
    },
    get typeBuilds() { return builds; },
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
