// Highlights claims in the article editors: one decoration type per status (tint or underline,
// gutter mark, overview-ruler mark) and one for claims to re-check (dashed outline and a marker
// after the words). Types are built once and rebuilt only when the settings or the scale change;
// ranges are applied to visible editors only, from the store's change events (debounced while
// the user types, at once after a command), and a type is sent again only when its ranges differ
// from what the editor already shows.
import * as vscode from 'vscode';
import { timed } from './perf';
import type { StatusDef, StatusScale } from '../core/statusScale';
import type { ClaimState, StoreChange } from '../core/store/types';
import type { Claim } from '../core/model';
import { articleKey, isArticleDocument } from './articles';
import { applyChange, type TrackedRange } from '../core/anchoring/editTracker';
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
  /**
   * The Ranges given to the visible editor showing `uri`, per claim and type, as carried through
   * the edits since (a Range an edit made invalid is made again from its offsets, as the next
   * redraw would): tests check them against the document's positions of the claims.
   */
  rangesOf(uri: vscode.Uri): { id: string; start: number; end: number; range: vscode.Range }[] | undefined;
  /** How many times the decoration types have been (re)built; tests check it stays put. */
  readonly typeBuilds: number;
  /** The last redraws (at most 100), newest last: how many types each sent to the editor, and whether it was the one after typing stopped. */
  readonly redraws: readonly Redraw[];
  /** Re-applies to every visible editor at once. */
  refresh(): void;
}

/**
 * One redraw of an editor's highlights; `seq` counts redraws since activation. `claimsWalked`:
 * how many claims it looked up in the store (all of the article's for a full redraw; after typing,
 * only those the edits touched); `rangesSent`: the ranges of the types it sent.
 */
export interface Redraw {
  seq: number; typesSent: number; settle: boolean; claimsWalked: number; rangesSent: number;
  /** The redraw once typing paused, of the claims the edits touched. */
  afterTyping: boolean;
  /** It looked up only the claims named (after typing, or a change of some claims such as a status set) and kept the rest as carried. */
  partial: boolean;
}

type Style = 'background' | 'underline' | 'both' | 'none';
const TYPING_DELAY_MS = 150;
/** Quiet time after the last edit before every type is sent again (see onEdit). */
const SETTLE_MS = 1000;

/**
 * The claims of one decoration type as sent to an editor, ordered by start, their offsets (and
 * the Ranges made of them, where still valid) carried through every edit since, as VS Code
 * carries the decorations themselves. `stale`: an edit touched one of them other than strictly
 * inside its words (at or across an edge, or all of them, where VS Code's tracking and the
 * store's may part), so the type is sent again at the next redraw. An edit strictly inside a
 * claim's words is carried alike by both (the end moves by what it added or removed, the start
 * stays), so typing inside a claim sends nothing unless the claim leaves or joins a type or the
 * store places it elsewhere. `longest`: at least the longest span's length, and `ordered`: the
 * spans are in order of start (false once an edit touched several together), so that an edit
 * carries only the Ranges around it and, on its line, after it.
 */
interface SentType { ids: string[]; spans: TrackedRange[]; ranges: (vscode.Range | undefined)[]; stale: boolean; members: Set<string>; longest: number; ordered: boolean }
const sentType = (ids: string[], spans: TrackedRange[], ranges: (vscode.Range | undefined)[]): SentType => {
  let longest = 0;
  let ordered = true;
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i];
    if (s.end - s.start > longest) longest = s.end - s.start;
    if (i && s.start < spans[i - 1].start) ordered = false;
  }
  return { ids, spans, ranges, stale: false, members: new Set(ids), longest, ordered };
};
interface EditorMemo {
  sent: Map<vscode.TextEditorDecorationType, SentType>;
  /** Claims whose sent ranges an edit touched since the last redraw. */
  touched: Set<string>;
  /** The store's placementsVersion of the article when it was last drawn: while it is the same, only named claims moved. */
  placements?: number;
  /** The document's version when each type was last sent, until an edit comes after it. */
  sentAt: Map<vscode.TextEditorDecorationType, number>;
  /**
   * Types sent before an edit that came after: the editor may have applied them to the newer
   * text (the keystroke was typed in the window before they arrived), so they are sent again,
   * as carried, once typing stops. No other type can be misplaced: VS Code carries what it was
   * given through each edit as the memo carries it (ClosedClosed: an edit at an edge stays
   * outside, like the store's), and the redraw after typing sends what an edit touched.
   */
  suspect: Set<vscode.TextEditorDecorationType>;
  settle?: ReturnType<typeof setTimeout>;
}

/** Claims given to one decoration type by a full redraw, ordered by start. */
interface Group { ids: string[]; spans: TrackedRange[] }

function sameSpans(sent: SentType, g: Group): boolean {
  if (sent.ids.length !== g.ids.length) return false;
  for (let i = 0; i < g.ids.length; i++) {
    const a = sent.spans[i];
    const b = g.spans[i];
    if (sent.ids[i] !== g.ids[i] || a.start !== b.start || a.end !== b.end) return false;
  }
  return true;
}

/** Orders a group by start (claims are mostly in article order already: then it costs one pass). */
function byStart(g: Group): Group {
  let sorted = true;
  for (let i = 1; i < g.spans.length && sorted; i++) if (g.spans[i].start < g.spans[i - 1].start) sorted = false;
  if (sorted) return g;
  const order = g.ids.map((_, i) => i).sort((a, b) => g.spans[a].start - g.spans[b].start || a - b);
  return { ids: order.map((i) => g.ids[i]), spans: order.map((i) => g.spans[i]) };
}

/** The first of spans ordered by start that starts at or after `start`. */
function firstFrom(spans: readonly TrackedRange[], start: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid].start < start) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** Whether the type holds claim `id` at exactly `span` (found by binary search when its spans are ordered). */
function holdsAt(st: SentType, id: string, span: { start: number; end: number }): boolean {
  if (!st.ordered) {
    const i = st.ids.indexOf(id);
    return i >= 0 && st.spans[i].start === span.start && st.spans[i].end === span.end;
  }
  for (let i = firstFrom(st.spans, span.start); i < st.spans.length && st.spans[i].start === span.start; i++) {
    if (st.ids[i] === id) return st.spans[i].end === span.end;
  }
  return false;
}

/** Where a span starting at `start` goes in spans ordered by start (after those that start there). */
function insertionPoint(spans: readonly TrackedRange[], start: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid].start <= start) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/**
 * Carries the Ranges of sent claims through one edit (old coordinates, with the spans not yet
 * moved by it): a Range before the edit stays, one on a later line moves by the lines the edit
 * added or removed, and one the edit touched or that shares its line is made again from its
 * offsets when next sent. With the spans in order, only those that may reach the edit are looked
 * at (from `longest` before it), and after it, when it adds or removes no line, only those up to
 * the first on a later line: a keystroke looks at a few Ranges, not every one.
 */
function carryRanges(st: SentType, change: vscode.TextDocumentContentChangeEvent): void {
  const from = change.range.start;
  const to = change.range.end;
  let added = 0;
  for (let i = change.text.indexOf('\n'); i >= 0; i = change.text.indexOf('\n', i + 1)) added++;
  const lineDelta = added - (to.line - from.line);
  const ranges = st.ranges;
  // A span starting more than `longest` before the edit ends before it.
  const first = st.ordered ? firstFrom(st.spans, change.rangeOffset - st.longest) : 0;
  for (let i = first; i < ranges.length; i++) {
    const r = ranges[i];
    if (!r) continue;
    const end = r.end;
    if (end.line < from.line || (end.line === from.line && end.character <= from.character)) continue;
    if (r.start.line > to.line) {
      // In order of start, every later Range starts on this line or after: none moves when no line is added or removed.
      if (!lineDelta) { if (st.ordered) break; continue; }
      ranges[i] = new vscode.Range(r.start.line + lineDelta, r.start.character, end.line + lineDelta, end.character);
      continue;
    }
    ranges[i] = undefined;
  }
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
  // Per editor and decoration type: the claims last sent, their offsets and Ranges carried
  // through every edit since. A full redraw (a status changed, a sidecar loaded, a re-anchor)
  // walks the article's claims and sends a type only when its claims or offsets differ from
  // that, or an edit touched one of them: a status change in an article of 10,000 claims sends
  // two types. After typing, only the claims the edits touched are looked up and only their
  // types sent: a keystroke between claims walks none and sends none.
  const memos = new Map<vscode.TextEditor, EditorMemo>();
  /** Articles to redraw once typing pauses: `all`, or the claims the edits touched. */
  const pending = new Map<string, { all: boolean; ids: Set<string> }>();
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

  /** The types a placed claim belongs to: its status's (one not on the scale, from a hand-edited sidecar, shown like the initial one) and its marker. */
  const eachType = (t: Types, claim: Claim, state: ClaimState, fn: (type: vscode.TextEditorDecorationType) => void): void => {
    const type = t.byStatus.get(claim.status) ?? t.byStatus.get(store.scale.initial);
    if (type) fn(type);
    if (state === 'changed' || state === 'ambiguous') fn(state === 'changed' ? t.changed : t.ambiguous);
    else if (claim.recheck && state !== 'orphaned') fn(t.verdict);
  };

  const allTypes = (t: Types): [vscode.TextEditorDecorationType, boolean][] => [
    ...[...t.byStatus.values()].map((type): [vscode.TextEditorDecorationType, boolean] => [type, false]),
    [t.changed, true], [t.ambiguous, true], [t.verdict, true],
  ];

  const redraws: Redraw[] = [];
  let redrawCount = 0;
  /** `afterTyping`: the redraw once typing paused that looked up only the claims the edits touched (a full one otherwise). */
  const record = (r: Omit<Redraw, 'seq'>) => {
    redraws.push({ seq: ++redrawCount, ...r });
    if (redraws.length > 100) redraws.splice(0, redraws.length - 100);
  };

  /** Sends a type's claims to the editor, making the Ranges that edits left invalid from their offsets. */
  const sendType = (editor: vscode.TextEditor, memo: EditorMemo, type: vscode.TextEditorDecorationType, options: boolean, st: SentType): number => {
    const doc = editor.document;
    memo.sentAt.set(type, doc.version);
    const ranges = st.ranges;
    for (let i = 0; i < st.spans.length; i++) if (!ranges[i]) ranges[i] = toRange(doc, st.spans[i].start, st.spans[i].end);
    const list = ranges as vscode.Range[];
    editor.setDecorations(type, options ? list.map((range) => ({ range })) : list);
    return list.length;
  };

  const memoOf = (editor: vscode.TextEditor): EditorMemo => {
    let memo = memos.get(editor);
    if (!memo) { memo = { sent: new Map(), touched: new Set(), sentAt: new Map(), suspect: new Set() }; memos.set(editor, memo); }
    return memo;
  };

  /** The document's length without copying its text. */
  const lengthOf = (doc: vscode.TextDocument) => doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);

  /** Walks every claim of the article and sends the types whose claims or offsets differ from what the editor shows. */
  const apply = (editor: vscode.TextEditor) => timed('decorate', () => drawAll(editor));
  const applyTouched = (editor: vscode.TextEditor, article: string, ids: ReadonlySet<string>, afterTyping: boolean) => timed('decorate', () => drawTouched(editor, article, ids, afterTyping));

  const drawAll = (editor: vscode.TextEditor) => {
    const t = ensureTypes();
    const doc = editor.document;
    const article = isArticleDocument(doc) ? articleKey(doc.uri) : undefined;
    const length = lengthOf(doc);
    const memo = memoOf(editor);
    const groups = new Map<vscode.TextEditorDecorationType, Group>();
    let walked = 0;
    memo.placements = article ? store.placementsVersion(article) : undefined;
    if (article) {
      const add = (type: vscode.TextEditorDecorationType, id: string, start: number, end: number) => {
        const g = groups.get(type);
        const span = { start, end, touched: false };
        if (g) { g.ids.push(id); g.spans.push(span); } else groups.set(type, { ids: [id], spans: [span] });
      };
      store.forEachPlacement(article, (claim, state, start, end) => {
        walked++;
        if (start === undefined || end === undefined || end > length) return;
        eachType(t, claim, state, (type) => add(type, claim.id, start, end));
      });
    }
    // Per type: its claims now, and whether they are the ones sent, at the offsets sent.
    const plan = allTypes(t).map(([type, options]) => {
      const g = byStart(groups.get(type) ?? { ids: [], spans: [] });
      const before = memo.sent.get(type);
      return { type, options, g, before, same: !!before && sameSpans(before, g) };
    });
    // The Ranges already made (carried through the edits since), by claim, from the types whose
    // claims differ (a claim that changed type was sent with the one it leaves): a status change
    // gathers two types' Ranges, not every claim's.
    let known: Map<string, { start: number; end: number; range: vscode.Range }> | undefined;
    const knownRanges = () => {
      if (known) return known;
      known = new Map();
      for (const { before, same } of plan) {
        if (same || !before) continue;
        for (let i = 0; i < before.ids.length; i++) {
          const r = before.ranges[i];
          if (r) known.set(before.ids[i], { start: before.spans[i].start, end: before.spans[i].end, range: r });
        }
      }
      return known;
    };
    let typesSent = 0;
    let rangesSent = 0;
    for (const { type, options, g, before, same } of plan) {
      // Nothing shown and nothing to show (nothing can be misplaced), or the same as shown.
      if (!g.ids.length && !before?.ids.length) {
        if (!before) memo.sent.set(type, sentType([], [], []));
        continue;
      }
      if (before && same && !before.stale) continue;
      let ranges: (vscode.Range | undefined)[];
      if (before && same) {
        // The same claims at the same offsets, sent again after typing: their Ranges as carried.
        ranges = before.ranges.slice();
      } else {
        const k = knownRanges();
        ranges = g.ids.map((id, i) => {
          const r = k.get(id);
          return r && r.start === g.spans[i].start && r.end === g.spans[i].end ? r.range : undefined;
        });
      }
      const st = sentType(g.ids, g.spans, ranges);
      rangesSent += sendType(editor, memo, type, options, st);
      typesSent++;
      memo.sent.set(type, st);
    }
    memo.touched.clear();
    record({ typesSent, settle: false, claimsWalked: walked, rangesSent, afterTyping: false, partial: false });
  };

  /**
   * After typing or a change of some claims (a status set): looks up only the claims named (`ids`,
   * from the store's events, and those whose sent ranges an edit touched) and sends again only the
   * types they leave or join or whose ranges moved; the rest of what the editor shows was carried
   * through the edits exactly as the store carried the claims. An editor not drawn yet, or one
   * drawn before the store placed the claims anew (a re-anchor), is drawn in full.
   */
  const drawTouched = (editor: vscode.TextEditor, article: string, ids: ReadonlySet<string>, afterTyping: boolean) => {
    const t = ensureTypes();
    const memo = memos.get(editor);
    if (!memo || !memo.sent.size || memo.placements !== store.placementsVersion(article)) { drawAll(editor); return; }
    const doc = editor.document;
    const length = lengthOf(doc);
    const affected = new Set([...ids, ...memo.touched]);
    memo.touched.clear();
    // Where each affected claim belongs now.
    const want = new Map<string, { span: TrackedRange; types: Set<vscode.TextEditorDecorationType> }>();
    for (const id of affected) {
      const e = store.claim(article, id);
      if (!e || e.start === undefined || e.end === undefined || e.end > length) continue;
      const types = new Set<vscode.TextEditorDecorationType>();
      eachType(t, e.claim, e.state, (type) => types.add(type));
      want.set(id, { span: { start: e.start, end: e.end, touched: false }, types });
    }
    let typesSent = 0;
    let rangesSent = 0;
    for (const [type, options] of allTypes(t)) {
      const before = memo.sent.get(type) ?? sentType([], [], []);
      // Sent again when an edit touched one of its claims at an edge (stale), or an affected
      // claim leaves it, joins it or is now elsewhere than where the type holds it as carried
      // (a claim typed in strictly inside its words is where VS Code carried it: nothing is sent).
      let concerned = before.stale;
      for (const id of affected) {
        if (concerned) break;
        const w = want.get(id);
        const member = before.members.has(id);
        if (member !== !!w?.types.has(type)) concerned = true;
        else if (member && !holdsAt(before, id, (w as { span: TrackedRange }).span)) concerned = true;
      }
      if (!concerned) continue;
      // The type's other claims as carried, the affected ones where they are now.
      const ids: string[] = [];
      const spans: TrackedRange[] = [];
      const ranges: (vscode.Range | undefined)[] = [];
      for (let i = 0; i < before.ids.length; i++) {
        if (affected.has(before.ids[i])) continue;
        ids.push(before.ids[i]); spans.push(before.spans[i]); ranges.push(before.ranges[i]);
      }
      for (const [id, w] of want) {
        if (!w.types.has(type)) continue;
        const at = insertionPoint(spans, w.span.start);
        ids.splice(at, 0, id); spans.splice(at, 0, { ...w.span }); ranges.splice(at, 0, undefined);
      }
      const st = sentType(ids, spans, ranges);
      if (!before.ids.length && !ids.length) { memo.sent.set(type, st); continue; }
      rangesSent += sendType(editor, memo, type, options, st);
      typesSent++;
      memo.sent.set(type, st);
    }
    record({ typesSent, settle: false, claimsWalked: affected.size, rangesSent, afterTyping, partial: true });
  };

  // What the editor shows, for tests and the API: the claims last sent, with their offsets carried through the edits since.
  const shown = (editor: vscode.TextEditor): EditorDecorations | undefined => {
    const memo = memos.get(editor);
    if (!memo || !types) return undefined;
    const list = (type: vscode.TextEditorDecorationType): DecoratedRange[] => {
      const st = memo.sent.get(type);
      return st ? st.ids.map((id, i) => ({ start: st.spans[i].start, end: st.spans[i].end, id })) : [];
    };
    const byStatus: Record<string, DecoratedRange[]> = {};
    for (const [key, type] of types.byStatus) { const l = list(type); if (l.length) byStatus[key] = l; }
    const needsRecheck = [...list(types.changed), ...list(types.ambiguous)].sort((a, b) => a.start - b.start || a.end - b.end);
    return { byStatus, needsRecheck, verdictToConfirm: list(types.verdict) };
  };

  // Edits move what was sent as VS Code moves the decorations; once the typing stops, the types
  // sent before an edit that followed are sent again, as carried, so that a redraw that crossed a
  // keystroke on its way to the editor (drawn on a newer text than it was computed for) is put
  // right. Typing that sent nothing (between claims) sends nothing once it stops either.
  const onEdit = (e: vscode.TextDocumentChangeEvent) => {
    if (!e.contentChanges.length) return;
    if (memos.size) timed('tracking', () => track(e));
  };
  const track = (e: vscode.TextDocumentChangeEvent) => {
    const changes = toTextChanges(e.contentChanges);
    for (const [editor, memo] of memos) {
      if (editor.document !== e.document) continue;
      for (const st of memo.sent.values()) {
        if (!st.ids.length) continue;
        // One change at a time (each against the text the ones before it left, as VS Code applies them): the Ranges, then the offsets.
        for (let j = 0; j < changes.length; j++) {
          const c = changes[j];
          carryRanges(st, e.contentChanges[j]);
          const touched: number[] = [];
          applyChange(st.spans, c, touched);
          if (!touched.length) continue;
          if (touched.length > 1) st.ordered = false;
          for (const i of touched) {
            const r = st.spans[i];
            if (r.end - r.start > st.longest) st.longest = r.end - r.start;
            memo.touched.add(st.ids[i]);
            // Not strictly inside the claim's words (s < offset and offset + removed < e before it): sent again.
            if (!(r.start < c.offset && r.end > c.offset + c.inserted.length)) st.stale = true;
          }
        }
      }
      for (const [type, version] of memo.sentAt) if (version < e.document.version) { memo.suspect.add(type); memo.sentAt.delete(type); }
      if (!memo.suspect.size) continue;
      clearTimeout(memo.settle);
      memo.settle = setTimeout(() => {
        memo.settle = undefined;
        if (memos.get(editor) !== memo || !vscode.window.visibleTextEditors.includes(editor)) return;
        timed('decorate', () => resendSuspect(editor, memo));
      }, SETTLE_MS);
    }
  };
  /** Once typing stopped: the types that may have crossed a keystroke, sent again as carried (no claim looked up). */
  const resendSuspect = (editor: vscode.TextEditor, memo: EditorMemo) => {
    const t = ensureTypes();
    let typesSent = 0;
    let rangesSent = 0;
    for (const [type, options] of allTypes(t)) {
      const st = memo.sent.get(type);
      if (!memo.suspect.has(type) || !st) continue;
      rangesSent += sendType(editor, memo, type, options, st);
      typesSent++;
    }
    // What the settle sends is final: a keystroke after it does not make it suspect again (or every pause would send it).
    for (const type of memo.suspect) memo.sentAt.delete(type);
    memo.suspect.clear();
    record({ typesSent, settle: true, claimsWalked: 0, rangesSent, afterTyping: false, partial: true });
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
    for (const [article, p] of articles) {
      for (const editor of vscode.window.visibleTextEditors) {
        if (articleKey(editor.document.uri) !== article) continue;
        if (p.all || !isArticleDocument(editor.document)) apply(editor); else applyTouched(editor, article, p.ids, true);
      }
    }
  };

  const onStore = (e: StoreChange) => {
    // Nothing the highlights show: a write, the file's problems, a dismissed suggestion, the policy.
    if (e.kind === 'saved' || e.kind === 'problems' || e.kind === 'dismissed' || e.kind === 'policy') return;
    const concerned = new Set(e.articles);
    const shown = vscode.window.visibleTextEditors.map((ed) => articleKey(ed.document.uri)).filter((a) => concerned.has(a));
    if (!shown.length) return;
    if (e.kind === 'anchors') {
      // Typing: VS Code moves the existing decorations itself; redraw once the user pauses, and
      // then only what the edits touched (a re-anchor, which names no claims, redraws in full).
      for (const a of shown) {
        const p = pending.get(a) ?? { all: false, ids: new Set<string>() };
        if (!e.ids) p.all = true; else for (const id of e.ids) p.ids.add(id);
        pending.set(a, p);
      }
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, TYPING_DELAY_MS);
      return;
    }
    // A change of named claims (a status set, a claim marked or deleted) in one article: only
    // those claims are looked up, with any the typing before it touched.
    if (e.kind === 'claims' && e.ids?.length && e.articles.length === 1) {
      const a = e.articles[0];
      const p = pending.get(a);
      pending.delete(a);
      const ids = new Set([...(p?.ids ?? []), ...e.ids]);
      for (const editor of vscode.window.visibleTextEditors) {
        if (articleKey(editor.document.uri) !== a) continue;
        if (p?.all || !isArticleDocument(editor.document)) apply(editor); else applyTouched(editor, a, ids, false);
      }
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
    rangesOf(uri) {
      const key = uri.toString();
      const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key && memos.has(e));
      const memo = editor && memos.get(editor);
      if (!editor || !memo) return undefined;
      return [...memo.sent.values()].flatMap((st) => st.ids.map((id, i) => ({ id, start: st.spans[i].start, end: st.spans[i].end, range: st.ranges[i] ?? toRange(editor.document, st.spans[i].start, st.spans[i].end) })));
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
