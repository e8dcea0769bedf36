// The claims of one article: the sidecar as last read, the claims as edited since, and where
// each claim sits in the article's current text. Pure; the store wraps it with events.
import { anchorAll, captureSelector } from '../anchoring/anchor';
import { yieldToPlaced } from '../anchoring/collisions';
import { applyChanges, type TextChange, type TrackedRange } from '../anchoring/editTracker';
import { normalizeForCompare } from '../anchoring/normalize';
import type { AnchorResult } from '../anchoring/types';
import { anchorWithHistory, type ArticleVersion } from '../history/anchorWithHistory';
import { mergeSidecars, type ClaimConflict } from '../merge/mergeClaims';
import { FORMAT_VERSION, type Claim, type Problem, type Published, type Sidecar } from '../model';
import { dismissedEntry, sidecarToData, sortDismissed } from '../sidecar/claimData';
import { parseSidecar, serializeSidecar, validateStatuses, type LoadedSidecar } from '../sidecar/sidecarYaml';
import { findStatus, type StatusScale } from '../statusScale';
import { detachedSidecar, shareStatuses, textMark, type HeldSidecar } from './heldSidecar';
import type { CachedPlacement, CachedState, LazyClaims, LetGoState } from './startupCache';
import type { ArticleSnapshot, ClaimEntry, ClaimState, SidecarLoad, SidecarState } from './types';

/** How the article's text came: its version the sidecar last matched, or that the file is gone. */
export interface ArticleTextOptions {
  /**
   * The article as it was when the sidecar last matched it (the extension: at the sidecar's
   * last commit). Claims not at their recorded place are carried through the edits since.
   */
  previous?: ArticleVersion;
  /** The article file does not exist (renamed or deleted outside the editor): claims are orphaned, not dropped. */
  missing?: boolean;
}

/** Placements on words found for sure (as anchoring accepts them), not a best guess. */
const SETTLED: ReadonlySet<ClaimState> = new Set<ClaimState>(['anchored', 'moved', 'changed']);

interface Placement {
  state: ClaimState;
  range?: TrackedRange;
  currentText?: string;
  reason: string;
  confidence: number;
}

/** Counts shared by the models of one store (for tests that check work stays proportional). */
/** Work counted over all articles: snapshots built, sidecar texts parsed into claims. */
/** `claimAtScanned`: claims claimAt looked at (those starting up to the longest claim's length before the offset); `claimOrders`: times it ordered the claims by start. */
/** `textsDropped` / `textsRestored`: article texts let go once anchored (dropText), and read again (restoreText). */
/** `sidecarsDropped` / `sidecarsRestored`: sidecar texts and parses let go (dropSidecar), and read again unchanged (restoreSidecar). */
/** `restoredFromCache`: articles given their let-go state from the start-up cache (restoreLetGo), not read; `cachedClaimsParsed` / `cachedClaimsLost`: of those, the ones whose claims were needed and parsed from it, and the ones whose entry's claims could not be (no claim then until the sidecar is read again: bringIn). */
export interface ModelCounters { snapshots: number; sidecarLoads?: number; reanchors?: number; claimAtScanned?: number; claimOrders?: number; textsDropped?: number; textsRestored?: number; sidecarsDropped?: number; sidecarsRestored?: number; restoredFromCache?: number; cachedClaimsParsed?: number; cachedClaimsLost?: number }

/** The last placementsVersion given out, by any model. */
let placementsVersions = 0;

export class ArticleModel {
  private sidecarState_: SidecarState = 'missing';
  private problems_: Problem[] = [];
  private dirty_ = false;
  /**
   * Claims whose place the user set (Confirm Place, Re-attach, Accept New Wording) and whose new
   * position hints the file does not hold yet: written even if nothing else about them changed.
   */
  private readonly placed = new Set<string>();
  private conflicts_: ClaimConflict[] = [];
  private articleMissing_ = false;
  /** Bumped by every change; the snapshot is rebuilt only when it moved. */
  private revision = 0;
  /** Bumped by changes to what claims there are, their fields or their anchor states (not by ranges that only shift). */
  private stateRevision = 0;
  /** The states applyEdits moved claims between, at its last change of stateRevision (see stateMovesSince). */
  private lastStateMoves?: { from: number; to: number; moves: (readonly [ClaimState, ClaimState])[] };
  private cached?: { revision: number; entries: number; scale?: StatusScale; snapshot: ArticleSnapshot };
  /**
   * Bumped by what changes a claim's entry (the claims, their objects, their placements and
   * ranges), not by the flags around them (dirty, a write's new base, the file's problems): the
   * snapshot after our own write reuses every entry.
   */
  private entriesRevision = 0;
  /** Moved when claims are placed anew together (a re-anchor, the claims read again); see placementsVersion. Unique across models: an article forgotten and opened again does not repeat one. */
  private placementsRevision = ++placementsVersions;
  /**
   * Claims changed by update() alone since the cached snapshot (`since`: its entries revision;
   * `at`: the entries revision after the last such update). While nothing else changed, the next snapshot copies
   * the cached entries and rebuilds only these (a status change in an article of 10,000 claims).
   */
  private edited?: { since: number; at: number; ids: Set<string> };
  private index?: Map<string, Claim>;
  private ranges?: { ids: string[]; ranges: TrackedRange[] };
  /**
   * For claimAt: the placed claims' indexes in rangeList() ordered by start, and the longest
   * claim (at least), so that the claims around an offset are found by binary search. Edits keep
   * the order (ranges after an edit move together), except among claims one edit touched
   * together (`unordered`: built again at the next lookup); built again when rangeList() is.
   */
  private byStart?: { of: TrackedRange[]; order: number[]; longest: number; unordered: boolean };
  private lastClaimAt?: { revision: number; offset: number; entry: ClaimEntry | undefined };
  /** The last successfully parsed file: the base for splice-writing and three-way merges. */
  private loaded?: LoadedSidecar;
  /** Raw text of the sidecar as last read or written, to tell our own writes from others'. */
  private lastDiskText?: string;
  /**
   * Set while the sidecar's text and parse are let go (dropSidecar; `loaded` and `lastDiskText`
   * are undefined then): its mark and what is asked for meanwhile. Only while nothing is to be
   * written and the claims are exactly those parsed, so that they are the merge base as it was.
   */
  private held?: HeldSidecar;
  /** The file was refused (setUnreadable): whatever is read next is news. */
  private unreadable = false;
  /**
   * The number of the last read of the file taken in, or of our last write (ClaimStore.sidecarRead
   * numbers them as they start): a read that started before it and ends after it found the file as
   * it was before, and is not taken in (two reads of one sidecar overlapping, the older one last).
   * A method given no number takes what it is given as read at that number (unordered).
   */
  private lastRead = 0;
  /** The file was read as gone (loadSidecar(undefined)), and nothing was read or written since: its absence read again is no news. */
  private readGone = false;
  private claims_: Claim[] = [];
  /**
   * Restored from the start-up cache, the claims and placements not parsed yet (restoreLetGo):
   * anything that reads the claims brings them in first (the claims and placements getters), while
   * the views count what the statuses say (claimCount, forEachStatus).
   */
  private lazy?: LazyClaims;
  /** Sentences not to suggest again (the sidecar's `dismissed:`); undefined while the file has no such key. */
  private dismissed?: string[];
  /** The sidecar's `published:` header (where the fact-check was published). */
  private published?: Published;
  private readonly placements_ = new Map<string, Placement>();
  private text?: string;
  /** After edits, the article's text is read only when something needs it (not per keystroke). */
  private readText?: () => string;
  /** Kept while the sidecar is the one it was given for, so that a re-anchor still uses it. */
  private previous?: ArticleVersion;
  private renamed = false;
  /**
   * The text was let go (dropText: the article is not open in an editor) while the placements
   * are still those anchored from it; whatever needs the text has it read again first
   * (restoreText), which anchors the claims afresh in what was read.
   */
  private textDropped = false;
  /** The placements are exactly what the last re-anchor gave (no edit carried, no claim placed since): only then may the text go. */
  private anchoredFresh = false;
  /** Moved by every text given (setText, restoreText, edits); not by dropText. */
  private textRevision = 0;

  /** How often this article's claims were anchored afresh (all of them, from the text). */
  private reanchorCount = 0;

  constructor(readonly article: string, public sidecar: string, private articleName: string, private readonly counters: ModelCounters = { snapshots: 0 }, private readonly detachParses = true) {}

  private get claims(): Claim[] {
    if (this.lazy) this.bringIn();
    return this.claims_;
  }

  private set claims(claims: Claim[]) {
    this.lazy = undefined;
    this.claims_ = claims;
  }

  private get placements(): Map<string, Placement> {
    if (this.lazy) this.bringIn();
    return this.placements_;
  }

  /** Called (once) when the claims of a start-up cache's entry could not be parsed (see bringIn): from inside whatever read them, so it must only schedule. */
  onClaimsLost?: () => void;

  /** A start-up cache entry's claims could not be parsed (bringIn), and the sidecar has not been read again since. */
  get claimsLost(): boolean {
    return this.held?.lost === true;
  }

  /** The claims are still those of a start-up cache's entry, not parsed yet (see restoreLetGo). */
  get claimsPending(): boolean {
    return this.lazy !== undefined;
  }

  /**
   * The claims of the cache's entry parsed and placed as it says (what restoreLetGo of the whole
   * state would have done), changing nothing else: not a change of the article. Should the entry
   * not hold what its head said (a bug: the host checked its checksum), the article has no claims
   * and a sidecar mark that matches no file, so that the sidecar is taken as changed on disk when
   * it is next read (before any change, write or export) and its claims come from the file;
   * meanwhile nothing of it is cached again (letGoState), and onClaimsLost says so (the store tells
   * the views, which showed the entry's counts).
   */
  private bringIn(): void {
    const lazy = this.lazy as LazyClaims;
    this.lazy = undefined;
    const body = lazy.load();
    if (!body) {
      this.takeCached([], []);
      if (this.held) this.held = { ...this.held, mark: 'lost: the start-up cache did not hold its claims', lost: true };
      this.counters.cachedClaimsLost = (this.counters.cachedClaimsLost ?? 0) + 1;
      this.claimsChanged();
      this.onClaimsLost?.();
      return;
    }
    this.takeCached(body.claims, body.placements);
    this.counters.cachedClaimsParsed = (this.counters.cachedClaimsParsed ?? 0) + 1;
  }

  /** Claims (fresh objects, this model's own) and their placements as the start-up cache holds them. */
  private takeCached(claims: Claim[], placements: readonly CachedPlacement[]): void {
    shareStatuses(claims);
    this.claims_ = claims;
    this.placements_.clear();
    claims.forEach((c, i) => {
      const [state, start, end, reason, confidence] = placements[i];
      this.placements_.set(c.id, { state, range: { start, end, touched: false }, currentText: undefined, reason, confidence });
    });
  }

  /** Moved by every change (see touch); not by letting the text or the sidecar go. */
  get version(): number {
    return this.revision;
  }

  get reanchors(): number {
    return this.reanchorCount;
  }

  get sidecarState(): SidecarState { return this.sidecarState_; }
  set sidecarState(v: SidecarState) { if (v !== this.sidecarState_) { this.sidecarState_ = v; this.touch(); } }
  get problems(): Problem[] { return this.problems_; }
  set problems(v: Problem[]) { if (v !== this.problems_) { this.problems_ = v; this.touch(); } }
  get dirty(): boolean { return this.dirty_; }
  set dirty(v: boolean) { if (v !== this.dirty_) { this.dirty_ = v; this.touch(false); } }
  get conflicts(): ClaimConflict[] { return this.conflicts_; }
  set conflicts(v: ClaimConflict[]) { if (v !== this.conflicts_) { this.conflicts_ = v; this.touch(); } }
  get articleMissing(): boolean { return this.articleMissing_; }
  set articleMissing(v: boolean) { if (v !== this.articleMissing_) { this.articleMissing_ = v; this.touch(); } }

  /** Says the model changed; `states` false: only ranges shifted or a flag that progress does not show. */
  private touch(states = true): void {
    this.revision++;
    if (states) this.stateRevision++;
  }

  /** Changes to the list of claims (or their objects): also drops the id index. */
  private claimsChanged(): void {
    this.index = undefined;
    this.ranges = undefined;
    this.touch();
    this.entriesChanged();
  }

  /** Some claims' entries changed in a way update() does not track: the next snapshot builds them all. */
  private entriesChanged(): void {
    this.entriesRevision++;
    this.edited = undefined;
  }

  /**
   * Equal while every claim keeps its place but for the claims a change names: edits carry the
   * ranges (applyEdits, whose touched claims it returns) and a change of one claim (update, add,
   * remove, rebase, confirm) places that claim alone; a re-anchor or the claims read again place
   * them all and move it. A view that follows edits and named claims redraws only those while
   * it is unchanged.
   */
  get placementsVersion(): number {
    return this.placementsRevision;
  }

  /** Identifies the claims' statuses and states as they are now (equal while they are unchanged). */
  get stateVersion(): number {
    return this.stateRevision;
  }

  /**
   * How the claims' anchor states went from what they were at stateVersion `version` to what
   * they are now, when the last change of states was edits carried through (applyEdits): each
   * claim that moved, its state before and after, nothing else of any claim having changed.
   * Undefined otherwise (the caller counts again).
   */
  stateMovesSince(version: number): readonly (readonly [ClaimState, ClaimState])[] | undefined {
    const m = this.lastStateMoves;
    return m && m.from === version && m.to === this.stateRevision ? m.moves : undefined;
  }

  /**
   * The article as it is now; the same object until something changes (or another scale is asked).
   * `scale`: the repository's; a claim whose status is not on it is an error at its `status:`.
   */
  snapshot(scale?: StatusScale): ArticleSnapshot {
    if (this.cached?.revision === this.revision && this.cached.scale === scale) return this.cached.snapshot;
    this.counters.snapshots++;
    const edited = this.edited;
    let claims: readonly ClaimEntry[];
    if (this.cached && this.cached.entries === this.entriesRevision && this.cached.scale === scale) {
      // Only flags changed (dirty, our own write's new base): the entries are the same ones.
      claims = this.cached.snapshot.claims;
    } else if (edited && this.cached && edited.since === this.cached.entries && edited.at === this.entriesRevision && this.cached.scale === scale) {
      const copy = this.cached.snapshot.claims.slice();
      for (let i = 0; i < this.claims.length; i++) if (edited.ids.has(this.claims[i].id)) copy[i] = this.entry(this.claims[i]);
      claims = copy;
    } else {
      claims = this.claims.map((c) => this.entry(c));
    }
    this.edited = undefined;
    const snapshot: ArticleSnapshot = {
      article: this.article,
      sidecar: this.sidecar,
      sidecarState: this.sidecarState,
      problems: scale ? this.problemsWith(scale) : this.problems,
      dirty: this.dirty,
      articleMissing: this.articleMissing,
      claims,
      dismissed: this.dismissed ?? [],
      ...(this.published ? { published: { ...this.published } } : {}),
    };
    this.cached = { revision: this.revision, entries: this.entriesRevision, scale, snapshot };
    return snapshot;
  }

  /**
   * Each claim with its state and range now, in claim order, without building entries or a
   * snapshot (the editor's highlights are redrawn from this after typing, when every entry's
   * range has moved).
   */
  forEachPlacement(fn: (claim: Claim, state: ClaimState, start: number | undefined, end: number | undefined) => void): void {
    for (const c of this.claims) {
      const p = this.placements.get(c.id);
      if (p) fn(c, p.state, p.range?.start, p.range?.end);
      else fn(c, 'unresolved', undefined, undefined);
    }
  }

  /** How many claims there are, without building entries (or parsing a cache entry's claims). */
  claimCount(): number {
    return this.lazy ? this.lazy.statuses.length : this.claims_.length;
  }

  /**
   * Each claim's status and state, in claim order (what progress counts), without parsing a
   * cache entry's claims: every claim cached is anchored (see CachedPlacement).
   */
  forEachStatus(fn: (status: string, state: ClaimState) => void): void {
    if (this.lazy) { for (const s of this.lazy.statuses) fn(s, 'anchored'); return; }
    for (const c of this.claims_) fn(c.status, this.placements_.get(c.id)?.state ?? 'unresolved');
  }

  /** The claim whose words contain the offset (the innermost when claims nest), without building a snapshot. */
  claimAt(offset: number): ClaimEntry | undefined {
    if (this.lastClaimAt?.revision === this.revision && this.lastClaimAt.offset === offset) return this.lastClaimAt.entry;
    const { ids, ranges } = this.rangeList();
    const { order, longest } = this.startOrder(ranges);
    // The claims that start from offset - longest to offset (a claim holding offset starts there), the innermost (then the first in claim order) of those holding it.
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ranges[order[mid]].start < offset - longest) lo = mid + 1; else hi = mid;
    }
    let best = -1;
    let bestLength = Infinity;
    let scanned = 0;
    for (let k = lo; k < order.length; k++) {
      const i = order[k];
      const r = ranges[i];
      if (r.start > offset) break;
      scanned++;
      if (offset > r.end) continue;
      const length = r.end - r.start;
      if (length < bestLength || (length === bestLength && i < best)) { best = i; bestLength = length; }
    }
    this.counters.claimAtScanned = (this.counters.claimAtScanned ?? 0) + scanned;
    const claim = best < 0 ? undefined : this.find(ids[best]);
    const entry = claim && this.entry(claim);
    // Asked twice per keystroke (the edit, then the cursor move): the second time is free.
    this.lastClaimAt = { revision: this.revision, offset, entry };
    return entry;
  }

  private statusCache?: { loaded: LoadedSidecar; scale: StatusScale; key: string; base: Problem[]; problems: Problem[] };
  /** Keyed by what the problems depend on (the claims' fields, the file's problems and its last parse), not by ranges that only shift: typing does not recompute them. */
  private problemsCache?: { stateRevision: number; loaded?: LoadedSidecar; scale: StatusScale; problems: Problem[] };

  /** The problems a snapshot with `scale` has (see withStatusProblems), without building the snapshot; the same array until something changes. */
  problemsWith(scale: StatusScale): Problem[] {
    const cached = this.problemsCache;
    if (cached && cached.stateRevision === this.stateRevision && cached.loaded === this.loaded && cached.scale === scale) return cached.problems;
    const problems = this.withStatusProblems(scale);
    this.problemsCache = { stateRevision: this.stateRevision, loaded: this.loaded, scale, problems };
    return problems;
  }

  /**
   * The file's problems and an `unknown-status` error for each claim whose status, as in the file,
   * is not on `scale` (a typo, a status removed from .factmark.yaml); setting the status (or
   * adding it to the scale) clears it. The claim still loads: it is an error of the claim.
   */
  private withStatusProblems(scale: StatusScale): Problem[] {
    const loaded = this.loaded;
    if (!loaded || this.sidecarState === 'broken') return this.problems;
    const known = new Set(scale.statuses.map((x) => x.key));
    const unknown = this.claims.filter((c) => !known.has(c.status));
    if (!unknown.length) return this.problems;
    const key = unknown.map((c) => `${c.id}\u0000${c.status}`).join('\n');
    const cache = this.statusCache;
    if (cache && cache.loaded === loaded && cache.scale === scale && cache.key === key && cache.base === this.problems) return cache.problems;
    // validateStatuses reports the file's claims with an unknown status, in file order.
    const onDisk = loaded.sidecar.claims.filter((c) => typeof c.status === 'string' && !findStatus(scale, c.status));
    const current = new Map(unknown.map((c) => [c.id, c.status]));
    const found = validateStatuses(loaded, scale).filter((_, i) => onDisk[i] !== undefined && current.get(onDisk[i].id) === onDisk[i].status);
    const problems = [...this.problems, ...found];
    this.statusCache = { loaded, scale, key, base: this.problems, problems };
    return problems;
  }

  entry(claim: Claim): ClaimEntry {
    const p = this.placements.get(claim.id);
    if (!p) return { claim, state: 'unresolved', reason: 'article not read yet', confidence: 0 };
    return {
      claim,
      state: p.state,
      start: p.range?.start,
      end: p.range?.end,
      currentText: p.currentText,
      reason: p.reason,
      confidence: p.confidence,
    };
  }

  /** Why the claims in this file cannot be changed without losing something in it (see LoadedSidecar layout); undefined when they can. */
  get readOnly(): string | undefined {
    return this.held ? this.held.readOnly : this.loaded?.layout.readOnly;
  }

  /** Whether the claim of this id is this very object, in this state (what entry() gives it), without building its entry. */
  holds(claim: Claim, state: ClaimState): boolean {
    return this.find(claim.id) === claim && (this.placements.get(claim.id)?.state ?? 'unresolved') === state;
  }

  find(id: string): Claim | undefined {
    if (!this.index) this.index = new Map(this.claims.map((c) => [c.id, c]));
    return this.index.get(id);
  }

  ids(): Set<string> {
    return new Set(this.claims.map((c) => c.id));
  }

  /**
   * Takes the sidecar's text as read from disk (`undefined`: no file). `changed` is false when
   * the text is what we last read or wrote (nothing was done); `unsaved` says whether the claims
   * in memory now differ from the file (edits merged with the file's, or a deleted file's claims
   * kept), so that the caller decides whether to write them.
   */
  loadSidecar(source: string | undefined, read = this.lastRead): SidecarLoad {
    // Overtaken by a read that started later (or by our write): the file as it was before; nothing is done.
    if (read < this.lastRead) return { changed: false, unsaved: this.dirty };
    this.lastRead = read;
    const same = this.held ? source !== undefined && textMark(source) === this.held.mark : source === this.lastDiskText;
    if (same && this.sidecarState !== 'missing' && !this.unreadable) return { changed: false, unsaved: this.dirty };
    // Still gone (a watcher's late event for a file deleted since, a folder and its files both
    // reported): nothing happened, so nothing is to be written; the claims kept in memory are
    // written back only by a change to them (see FileLifecycle.sidecarDeleted).
    if (source === undefined && this.readGone && this.sidecarState === 'missing' && this.lastDiskText === undefined && !this.unreadable) return { changed: false, unsaved: this.dirty };
    this.unreadable = false;
    this.load(source);
    return { changed: true, unsaved: this.dirty };
  }

  private load(source: string | undefined): void {
    this.lastDiskText = source;
    this.readGone = source === undefined;
    this.touch();
    // Another sidecar (a checkout, a merge) may match another version of the article.
    this.previous = undefined;
    if (source === undefined) {
      // Deleted on disk: keep what we have in memory as unsaved, so nothing is lost.
      if (this.claims.length) this.dirty = true;
      this.loaded = undefined;
      this.held = undefined;
      this.sidecarState = 'missing';
      this.problems = [];
      return;
    }
    this.counters.sidecarLoads = (this.counters.sidecarLoads ?? 0) + 1;
    const result = parseSidecar(source, this.sidecar);
    if (!result.ok) {
      this.sidecarState = 'broken';
      this.problems = result.problems;
      // Let go: the claims held are still the last good file's (the merge base); the broken
      // text is known by its mark, as the good one was.
      if (this.held) { this.held = { ...this.held, mark: textMark(source) }; this.lastDiskText = undefined; }
      return;
    }
    const theirs = result.loaded;
    // The claims' strings are not cut from the file's text, so that letting the parse go frees it.
    if (this.detachParses) theirs.sidecar = detachedSidecar(theirs.sidecar);
    this.problems = theirs.warnings;
    const base = this.loaded?.sidecar ?? (this.held && this.heldSidecar());
    this.held = undefined;
    if (this.dirty && base) {
      const merge = mergeSidecars(base, this.currentSidecar(), theirs.sidecar);
      this.loaded = theirs;
      this.dismissed = merge.merged.dismissed;
      this.published = merge.merged.published;
      this.setClaims(merge.merged.claims);
      this.conflicts = merge.conflicts;
      this.sidecarState = merge.conflicts.length ? 'conflict' : 'ok';
    } else {
      this.loaded = theirs;
      this.dismissed = theirs.sidecar.dismissed;
      this.published = theirs.sidecar.published;
      this.setClaims(theirs.sidecar.claims);
      this.conflicts = [];
      this.placed.clear();
      this.dirty = false;
      this.sidecarState = 'ok';
    }
  }

  /**
   * The sidecar exists but was not read (refused: a link out of the folder, a FIFO, too large, not
   * UTF-8): like a file that does not parse, it is never written over, and the claims in memory stay.
   */
  setUnreadable(problems: Problem[], read = this.lastRead): boolean {
    if (read < this.lastRead) return false;
    this.lastRead = read;
    this.unreadable = true;
    this.previous = undefined;
    this.sidecarState = 'broken';
    this.problems = problems;
    return true;
  }

  /** Whether a read numbered `read` started before the last read taken in (or our last write): what it found is not taken in. */
  readOvertaken(read: number): boolean {
    return read < this.lastRead;
  }

  /** Resolves a `conflict` state by taking the disk version or ours, claim by claim. */
  resolveConflicts(choice: 'ours' | 'theirs'): void {
    if (choice === 'theirs') {
      for (const c of this.conflicts) {
        const i = this.claims.findIndex((x) => x.id === c.id);
        if (c.theirs && i >= 0) this.claims[i] = c.theirs;
        else if (c.theirs) this.claims.push(c.theirs);
        else if (i >= 0) this.claims.splice(i, 1);
      }
      // (the text may have been let go: then the claims are unplaced until it is read again)
      this.setClaims(this.claims);
    }
    this.conflicts = [];
    this.sidecarState = this.loaded || this.held ? 'ok' : 'missing';
    this.dirty = true;
  }

  /** Re-anchors every claim against the article's full text (on open, on reload from disk). */
  setText(text: string, options: ArticleTextOptions = {}): void {
    this.text = text;
    this.readText = undefined;
    this.textDropped = false;
    this.textRevision++;
    this.previous = options.previous;
    this.articleMissing = options.missing === true;
    this.touch();
    this.reanchor();
  }

  /** Whether the article's text is `text` (so that a late answer from git still fits it). */
  textIs(text: string): boolean {
    return this.currentText() === text;
  }

  hasText(): boolean {
    return this.text !== undefined || this.readText !== undefined;
  }

  /**
   * Lets the sidecar's text and parse go (the article is not open in an editor), keeping its mark,
   * the claims, `published`, `dismissed` and the few values asked for meanwhile (HeldSidecar).
   * Only while nothing is to be written, the file is read and whole (no conflict, no refusal, no
   * place set by hand), the claims, `published` and `dismissed` are exactly the objects parsed
   * from it (so that they are the merge base as it was), and no claim's status is off `scale`
   * (the unknown-status errors need the parse's lines); false (nothing done) otherwise. Anything
   * that needs the text or the layout (a write, a change of the claims) reads the file again
   * first (restoreSidecar, or loadSidecar when it changed).
   */
  dropSidecar(scale: StatusScale): boolean {
    const loaded = this.loaded;
    const text = this.lastDiskText;
    if (!loaded || typeof text !== 'string' || this.held || this.dirty || this.sidecarState !== 'ok' || this.conflicts.length || this.placed.size || this.unreadable) return false;
    // (a file of more than MAX_FULL_PARSE_VALUES values: its readOnly needs the lines built; kept)
    if (loaded.layout.large) return false;
    const parsed = loaded.sidecar;
    if (parsed.claims.length !== this.claims.length || parsed.claims.some((c, i) => c !== this.claims[i])) return false;
    if (parsed.published !== this.published || parsed.dismissed !== this.dismissed) return false;
    if (this.claims.some((c) => !findStatus(scale, c.status))) return false;
    this.held = { mark: textMark(text), factmark: parsed.factmark, article: parsed.article, readOnly: loaded.layout.readOnly };
    this.loaded = undefined;
    this.lastDiskText = undefined;
    // (the caches of the problems hold the parse)
    this.statusCache = undefined;
    this.problemsCache = undefined;
    this.counters.sidecarsDropped = (this.counters.sidecarsDropped ?? 0) + 1;
    return true;
  }

  /** The sidecar's text and parse were let go (dropSidecar): the file must be read again before a write or a change. */
  get isSidecarDropped(): boolean {
    return this.held !== undefined;
  }

  /** Whether the sidecar's text (or its parse) is held. */
  get holdsSidecar(): boolean {
    return this.loaded !== undefined || this.lastDiskText !== undefined;
  }

  /**
   * The sidecar read again after dropSidecar. When it is the text let go (the same mark, and
   * parsed, the same claims, header and `dismissed` as held), its parse is the base again and
   * true is returned; nothing else changes. Otherwise false and nothing is done: the caller takes
   * it as a sidecar changed on disk (loadSidecar), never writing from the parse let go. Not let
   * go (read meanwhile): true, nothing done.
   */
  restoreSidecar(source: string, read = this.lastRead): boolean {
    const held = this.held;
    if (!held) return true;
    if (read < this.lastRead || textMark(source) !== held.mark) return false;
    const result = parseSidecar(source, this.sidecar);
    if (!result.ok) return false;
    const mine = this.heldSidecar();
    if (JSON.stringify(sidecarToData(result.loaded.sidecar)) !== JSON.stringify(sidecarToData(mine))) return false;
    // The objects held are the base, as they were before they were let go.
    result.loaded.sidecar = mine;
    this.loaded = result.loaded;
    this.lastDiskText = source;
    this.held = undefined;
    this.lastRead = read;
    // Refused meanwhile (it became a link out of the folder, not UTF-8…) and now read fine: the
    // file let go again, whole, as it was when it was let go (its state was 'ok' then).
    if (this.unreadable) {
      this.unreadable = false;
      this.sidecarState = 'ok';
      this.problems = result.loaded.warnings;
    }
    this.counters.sidecarsRestored = (this.counters.sidecarsRestored ?? 0) + 1;
    return true;
  }

  /** While let go: the sidecar as parsed, rebuilt from what is held (the claims are the objects parsed; see dropSidecar). */
  private heldSidecar(): Sidecar {
    const held = this.held as HeldSidecar;
    return {
      factmark: held.factmark,
      article: held.article,
      ...(this.published ? { published: this.published } : {}),
      claims: this.claims.slice(),
      ...(this.dismissed ? { dismissed: this.dismissed } : {}),
    };
  }

  /**
   * What a fresh load left of this article once its text and sidecar were let go, for the
   * start-up cache; undefined unless it is exactly that: both let go, nothing to write, the file
   * whole, no history asked for (every claim anchored where its words are, so a fresh load would
   * not ask git, whose answer could place them otherwise), nothing placed by hand.
   */
  letGoState(): LetGoState | undefined {
    // (a cache entry's claims first: should they not parse, the held mark is the lost one)
    if (this.lazy) this.bringIn();
    const held = this.held;
    if (!held || held.lost || !this.textDropped || !this.anchoredFresh || this.dirty || this.sidecarState !== 'ok' || this.conflicts.length || this.placed.size || this.unreadable || this.articleMissing || this.previous || this.renamed) return undefined;
    const placements: [ 'anchored', number, number, string, number ][] = [];
    for (const c of this.claims) {
      const p = this.placements.get(c.id);
      if (!p?.range || p.state !== 'anchored' || p.currentText !== undefined || p.range.touched) return undefined;
      placements.push(['anchored', p.range.start, p.range.end, p.reason, p.confidence]);
    }
    return {
      mark: held.mark, factmark: held.factmark, article: held.article, ...(held.readOnly !== undefined ? { readOnly: held.readOnly } : {}),
      claims: this.claims, ...(this.published ? { published: this.published } : {}), ...(this.dismissed ? { dismissed: this.dismissed } : {}),
      problems: this.problems, placements,
    };
  }

  /**
   * A model that has loaded nothing takes a let-go state from the start-up cache (letGoState of
   * the same files in an earlier session): as after a fresh load and dropSidecar + dropText, so
   * the sidecar is read again and compared before any change or write (restoreSidecar), and the
   * text read again and anchored afresh before use (restoreText). False, nothing done, when the
   * model has loaded something, or a claim's status is off `scale` (a fresh load would keep
   * the file then, for its unknown-status errors).
   */
  restoreLetGo(state: LetGoState | CachedState, scale: StatusScale): boolean {
    if (this.held || this.loaded || this.lastDiskText !== undefined || this.claims.length || this.hasText() || this.textDropped || this.sidecarState !== 'missing' || this.readGone || this.unreadable) return false;
    const lazy = 'body' in state ? state.body : undefined;
    if (lazy) {
      if (lazy.statuses.some((s) => !findStatus(scale, s))) return false;
    } else {
      const full = state as LetGoState;
      if (full.placements.length !== full.claims.length || full.claims.some((c) => !findStatus(scale, c.status))) return false;
    }
    this.held = { mark: state.mark, factmark: state.factmark, article: state.article, readOnly: state.readOnly };
    this.dismissed = state.dismissed ? state.dismissed.slice() : undefined;
    this.published = state.published ? { ...state.published } : undefined;
    if (lazy) this.takeCached([], []);
    else this.takeCached((state as LetGoState).claims.slice(), (state as LetGoState).placements);
    this.claimsChanged();
    // (parsed when first needed: bringIn)
    this.lazy = lazy;
    this.placementsRevision = ++placementsVersions;
    this.problems = state.problems.slice();
    this.conflicts = [];
    this.dirty = false;
    this.sidecarState = 'ok';
    this.textRevision++;
    this.textDropped = true;
    this.anchoredFresh = true;
    this.counters.restoredFromCache = (this.counters.restoredFromCache ?? 0) + 1;
    return true;
  }

  /** The text was read and anchored, then let go (see dropText): it must be read again before use. */
  get isTextDropped(): boolean {
    return this.textDropped;
  }

  /** Identifies the text given last (setText, restoreText, edits): unchanged while no other text came, dropped or not. */
  get textVersion(): number {
    return this.textRevision;
  }

  /**
   * Lets the article's text go, keeping the claims' placements (the views show them as they are).
   * Only while the placements are exactly those the last re-anchor of that text gave (no edit
   * carried, no claim placed by hand since), so that anchoring the same text again gives the
   * same placements; false (nothing done) otherwise, or when there is no text held as a string
   * (an open editor's text read on demand). Nothing that needs the text works until restoreText.
   */
  dropText(): boolean {
    // (a missing article's text is empty: nothing to let go; a sidecar still to be written keeps
    // its text, so that the write refreshes the hints from the words as they are)
    if (typeof this.text !== 'string' || this.readText || !this.anchoredFresh || this.articleMissing || this.dirty) return false;
    this.text = undefined;
    this.textDropped = true;
    this.counters.textsDropped = (this.counters.textsDropped ?? 0) + 1;
    return true;
  }

  /**
   * The text read again after dropText (from disk, through the same checked read, or an editor):
   * the claims are anchored afresh in it, with the history kept for this sidecar, so that a text
   * the same as the one dropped gives the same placements, and a changed one new ones, never the
   * old placements on other words.
   */
  restoreText(text: string): void {
    this.text = text;
    this.readText = undefined;
    this.textDropped = false;
    this.textRevision++;
    this.counters.textsRestored = (this.counters.textsRestored ?? 0) + 1;
    this.articleMissing = false;
    this.touch();
    this.reanchor();
  }

  /**
   * Carries ranges through edits without re-anchoring (runs on every keystroke); `text` is the
   * article after the edits, or how to read it (read only when something needs the whole text).
   * `words`, when given, reads the text at [start, end) of the article after the edits, so that a
   * keystroke inside a claim reads that claim's words, not the whole article. Returns the ids of
   * claims whose words the edits touched.
   */
  applyEdits(changes: readonly TextChange[], text: string | (() => string), words?: (start: number, end: number) => string): string[] {
    if (typeof text === 'string') { this.text = text; this.readText = undefined; }
    else { this.text = undefined; this.readText = text; }
    this.textDropped = false;
    this.textRevision++;
    this.anchoredFresh = false;
    const { ids, ranges } = this.rangeList();
    const hit: number[] = [];
    applyChanges(ranges, changes, hit);
    // claimAt's order by start survives the edit but among claims it touched together; the longest claim may have grown.
    const b = this.byStart;
    if (b && b.of === ranges && hit.length) {
      if (hit.length > 1) b.unordered = true;
      for (const i of hit) if (ranges[i].end - ranges[i].start > b.longest) b.longest = ranges[i].end - ranges[i].start;
    }
    this.touch(false);
    this.entriesChanged();
    const touchedIds: string[] = [];
    const moves: (readonly [ClaimState, ClaimState])[] = [];
    for (const i of hit.length > 1 ? [...new Set(hit)] : hit) {
      const range = ranges[i];
      const id = ids[i];
      const p = this.placements.get(id) as Placement;
      const claim = this.find(id) as Claim;
      touchedIds.push(id);
      const was = p.state;
      const now = this.text === undefined && words ? words(range.start, range.end) : this.requireText().slice(range.start, range.end);
      if (normalizeForCompare(now) === normalizeForCompare(claim.quote)) {
        Object.assign(p, { state: 'anchored', currentText: undefined, reason: 'the words as rated', confidence: 1 });
        range.touched = false;
      } else {
        Object.assign(p, {
          state: 'changed',
          currentText: now,
          reason: now.length ? 'the words were edited since they were rated' : 'the words were deleted',
          confidence: 1,
        });
      }
      if (p.state !== was) moves.push([was, p.state]);
    }
    // The entries changed (ranges, the words now); the states that progress and problems follow
    // only when a claim went from anchored to changed or back: typing on in a changed claim
    // leaves the article's progress as it was, and it is not recomputed per keystroke.
    if (moves.length) {
      const from = this.stateRevision;
      this.touch(true);
      this.lastStateMoves = { from, to: this.stateRevision, moves };
    } else if (touchedIds.length) this.touch(false);
    return touchedIds;
  }

  /**
   * The placed claims' ranges in claim order (the range objects of the placements, which edits
   * move in place), kept until claims or placements change: a keystroke walks one array.
   */
  private startOrder(ranges: TrackedRange[]): { order: number[]; longest: number } {
    const b = this.byStart;
    if (b && b.of === ranges && !b.unordered) return b;
    const order = ranges.map((_, i) => i).sort((x, y) => ranges[x].start - ranges[y].start || x - y);
    let longest = 0;
    for (const r of ranges) if (r.end - r.start > longest) longest = r.end - r.start;
    this.counters.claimOrders = (this.counters.claimOrders ?? 0) + 1;
    this.byStart = { of: ranges, order, longest, unordered: false };
    return this.byStart;
  }

  private rangeList(): { ids: string[]; ranges: TrackedRange[] } {
    if (!this.ranges) {
      const ids: string[] = [];
      const ranges: TrackedRange[] = [];
      for (const c of this.claims) {
        const r = this.placements.get(c.id)?.range;
        if (r) { ids.push(c.id); ranges.push(r); }
      }
      this.ranges = { ids, ranges };
    }
    return this.ranges;
  }

  add(claim: Claim, start: number, end: number): void {
    const sel = captureSelector(this.requireText(), start, end);
    const full: Claim = { ...claim, quote: sel.quote, before: sel.before, after: sel.after, line: sel.line, offset: sel.offset };
    const index = this.claims.findIndex((c) => (this.placements.get(c.id)?.range?.start ?? -1) > start);
    if (index < 0) this.claims.push(full); else this.claims.splice(index, 0, full);
    this.claimsChanged();
    this.place(full.id, { state: 'anchored', range: { start, end, touched: false }, reason: 'just marked', confidence: 1 });
    this.dirty = true;
  }

  /**
   * Adds claims made elsewhere (an import), each with its own quote, context and position hint;
   * they are placed by re-anchoring, like claims read from a sidecar. Claims go in article order
   * by their hint; those without one (orphaned) after the rest.
   */
  addPrepared(claims: readonly Claim[]): void {
    const where = (c: Claim) => this.placements.get(c.id)?.range?.start ?? c.offset;
    for (const c of [...claims].sort((x, y) => (x.offset ?? Infinity) - (y.offset ?? Infinity))) {
      const index = c.offset === undefined ? -1 : this.claims.findIndex((x) => (where(x) ?? -1) > c.offset!);
      if (index < 0) this.claims.push(c); else this.claims.splice(index, 0, c);
    }
    // (the id index and the ranges' list are of the claims before: made again)
    this.claimsChanged();
    this.dirty = true;
    this.reanchor();
  }

  /** Remembers a sentence as not to be suggested again; false when it already was. */
  dismiss(sentence: string): boolean {
    const entry = dismissedEntry(sentence);
    if (!entry || this.dismissed?.includes(entry)) return false;
    this.dismissed = sortDismissed([...(this.dismissed ?? []), entry]);
    this.touch(false);
    this.dirty = true;
    return true;
  }

  /** Where the fact-check was published; false when that is what it already says. */
  setPublished(published: Published | undefined): boolean {
    const next = published && Object.values(published).some((v) => v !== undefined && v !== '') ? withoutEmpty(published) : undefined;
    if (JSON.stringify(next) === JSON.stringify(this.published)) return false;
    this.published = next;
    this.touch(false);
    this.dirty = true;
    return true;
  }

  publishedInfo(): Published | undefined {
    return this.published ? { ...this.published } : undefined;
  }

  update(id: string, patch: Partial<Claim>): Claim {
    const i = this.claims.findIndex((c) => c.id === id);
    const next = { ...this.claims[i], ...patch, id } as Claim;
    for (const k of Object.keys(next) as (keyof Claim)[]) if (next[k] === undefined) delete next[k];
    // Whether only updates changed entries since the cached snapshot (entriesChanged() forgets `edited`).
    const before = this.entriesRevision;
    const carried = this.edited?.at === before && this.edited.since === this.cached?.entries ? this.edited
      : this.cached?.entries === before ? { since: before, at: before, ids: new Set<string>() } : undefined;
    this.claims[i] = next;
    // New words or hints: anchoring the text again might place the claim otherwise than it is now.
    if ('quote' in patch || 'before' in patch || 'after' in patch || 'offset' in patch || 'line' in patch) this.anchoredFresh = false;
    // The same claims in the same order, one of them a new object: the id index is mended, not
    // rebuilt (and the ranges, kept by id, stay), so that a status change does not cost O(claims).
    if (this.index) this.index.set(id, next);
    this.touch();
    this.dirty = true;
    this.entriesRevision++;
    if (carried) { carried.ids.add(id); this.edited = { since: carried.since, at: this.entriesRevision, ids: carried.ids }; }
    return next;
  }

  /** Writes the claim's current position into its hints (only when its lines are written anyway). */
  refreshHints(id: string): Partial<Claim> {
    const p = this.placements.get(id);
    const text = this.currentText();
    if (!p?.range || !text || (p.state !== 'anchored' && p.state !== 'moved')) return {};
    const sel = captureSelector(text, p.range.start, p.range.end);
    return { offset: sel.offset, line: sel.line, before: sel.before, after: sel.after };
  }

  /** Takes the article's current words as the claim's quote (an explicit act by the user). */
  rebase(id: string, start: number, end: number, patch: Partial<Claim> = {}): Claim {
    const sel = captureSelector(this.requireText(), start, end);
    this.place(id, { state: 'anchored', range: { start, end, touched: false }, reason: 'wording accepted', confidence: 1 });
    this.placed.add(id);
    return this.update(id, { ...patch, quote: sel.quote, before: sel.before, after: sel.after, offset: sel.offset, line: sel.line });
  }

  /** Records [start, end) as the claim's place (position and context), keeping its quote. */
  confirm(id: string, start: number, end: number, patch: Partial<Claim> = {}): Claim {
    const claim = this.find(id) as Claim;
    const sel = captureSelector(this.requireText(), start, end);
    const same = normalizeForCompare(sel.quote) === normalizeForCompare(claim.quote);
    this.place(id, same
      ? { state: 'anchored', range: { start, end, touched: false }, reason: 'place confirmed', confidence: 1 }
      : { state: 'changed', range: { start, end, touched: true }, currentText: this.requireText().slice(start, end), reason: 'place confirmed; the words were edited since they were rated', confidence: 1 });
    this.placed.add(id);
    return this.update(id, { ...patch, before: sel.before, after: sel.after, offset: sel.offset, line: sel.line });
  }

  /** The article's words at [start, end) as a quote is stored (LF line ends, no BOM). */
  wordsAt(start: number, end: number): string {
    return captureSelector(this.requireText(), start, end).quote;
  }

  remove(id: string): { claim: Claim; index: number } | undefined {
    const index = this.claims.findIndex((c) => c.id === id);
    if (index < 0) return undefined;
    const [claim] = this.claims.splice(index, 1);
    this.anchoredFresh = false;
    this.placements.delete(id);
    this.placed.delete(id);
    this.ranges = undefined;
    this.claimsChanged();
    this.dirty = true;
    return { claim, index };
  }

  restore(claim: Claim, index: number): void {
    this.claims.splice(Math.min(index, this.claims.length), 0, claim);
    this.claimsChanged();
    this.dirty = true;
    if (this.hasText()) this.reanchor();
  }

  currentSidecar(): Sidecar {
    return {
      factmark: this.loaded?.sidecar.factmark ?? this.held?.factmark ?? FORMAT_VERSION,
      // After a rename the file must name the article's new name, not what it was loaded with.
      article: this.renamed ? this.articleName : (this.loaded?.sidecar.article ?? this.held?.article ?? this.articleName),
      ...(this.published ? { published: this.published } : {}),
      claims: this.claims,
      ...(this.dismissed ? { dismissed: this.dismissed } : {}),
    };
  }

  /** The text to write, or undefined when writing now would lose something. */
  serialize(): string {
    // (the caller reads the file again first: restoreSidecar, or loadSidecar as changed on disk)
    if (this.held) throw new Error(`the sidecar of ${this.article} was let go and has not been read again`);
    return serializeSidecar(this.currentSidecar(), this.loaded, { placed: this.placed });
  }

  /** After our own write succeeded: what is on disk is now the base (`read`: numbered as a read starting now). */
  markSaved(written: string, read = this.lastRead): void {
    if (read > this.lastRead) this.lastRead = read;
    const result = parseSidecar(written, this.sidecar);
    this.held = undefined;
    if (result.ok) {
      this.loaded = result.loaded;
      // A place set while the write was on its way is still to be written.
      for (const id of this.placed) {
        const mine = this.find(id);
        const onDisk = result.loaded.sidecar.claims.find((c) => c.id === id);
        if (!mine || (onDisk && onDisk.offset === mine.offset && onDisk.line === mine.line)) this.placed.delete(id);
      }
    }
    this.lastDiskText = written;
    this.sidecarState = 'ok';
    this.dirty = false;
  }

  /**
   * Anchors afresh, in the text as it is now, only the claims left without words (orphaned, or
   * on an empty range: an edit took them all); every other claim stays where its range was
   * carried, which anchoring from the sidecar's quotes could not find again (a claim whose words
   * were edited, one of two identical sentences after edits around them). For an undo or redo,
   * which may give such words back or take them again. Returns the ids of the claims placed.
   */
  reanchorLost(): string[] {
    const lost = this.claims.filter((c) => this.lost(c.id));
    if (!lost.length) return [];
    const results = anchorAll(this.requireText(), lost);
    // Anchored alone, a lost claim does not see the others: it must not take words one of them
    // is settled on (an unsure one's range is only its best guess, as in anchoring).
    const kept: { sel: Claim; start: number; end: number }[] = [];
    for (const c of this.claims) {
      const p = this.placements.get(c.id);
      if (p?.range && !this.lost(c.id) && SETTLED.has(p.state)) kept.push({ sel: c, start: p.range.start, end: p.range.end });
    }
    yieldToPlaced(lost, results, kept);
    lost.forEach((c, i) => this.place(c.id, fromAnchor(results[i])));
    this.placementsRevision = ++placementsVersions;
    return lost.map((c) => c.id);
  }

  /** Whether some claim has no words in the text (orphaned, or on an empty range): what reanchorLost would place. */
  hasLostClaims(): boolean {
    return this.claims.some((c) => this.lost(c.id));
  }

  private lost(id: string): boolean {
    const p = this.placements.get(id);
    return !p?.range || p.state === 'orphaned' || p.range.start === p.range.end;
  }

  rename(article: string, sidecar: string, articleName: string): void {
    (this as { article: string }).article = article;
    this.sidecar = sidecar;
    this.articleName = articleName;
    this.renamed = true;
    this.touch();
    if (this.loaded || this.claims.length) this.claims = this.claims.slice();
    this.dirty = this.dirty || (this.loaded?.sidecar.article ?? this.held?.article) !== articleName;
  }

  private setClaims(claims: Claim[]): void {
    this.claims = claims.slice();
    this.claimsChanged();
    if (this.hasText()) this.reanchor();
    else { this.placements.clear(); this.anchoredFresh = false; this.placementsRevision = ++placementsVersions; this.ranges = undefined; this.entriesChanged(); }
  }

  private reanchor(): void {
    const text = this.requireText();
    this.counters.reanchors = (this.counters.reanchors ?? 0) + 1;
    this.reanchorCount++;
    const previous = this.previous;
    const results = previous ? anchorWithHistory(text, this.claims, () => previous) : anchorAll(text, this.claims);
    this.placements.clear();
    this.placementsRevision = ++placementsVersions;
    this.ranges = undefined;
    this.entriesChanged();
    this.claims.forEach((c, i) => {
      const p = fromAnchor(results[i]);
      if (this.articleMissing) p.reason = 'the article file is missing (renamed or deleted outside the editor?); the claim is kept';
      this.place(c.id, p);
    });
    this.anchoredFresh = true;
  }

  private place(id: string, p: Placement): void {
    this.anchoredFresh = false;
    this.placements.set(id, p);
    this.ranges = undefined;
    this.touch();
    this.entriesChanged();
  }

  private currentText(): string | undefined {
    if (this.readText) {
      this.text = this.readText();
      this.readText = undefined;
    }
    return this.text;
  }

  private requireText(): string {
    const text = this.currentText();
    if (text === undefined) throw new Error(`the text of ${this.article} has not been read`);
    return text;
  }
}

function withoutEmpty(p: Published): Published {
  const out: Published = {};
  if (p.url) out.url = p.url;
  if (p.headline) out.headline = p.headline;
  if (p.date) out.date = p.date;
  return out;
}

function fromAnchor(r: AnchorResult): Placement {
  // An ambiguous claim keeps its best candidate's range so that it can be shown as unsure
  // there; it is never treated as settled on those words until the user confirms.
  return {
    state: r.state,
    range: r.state !== 'orphaned' && r.start !== undefined && r.end !== undefined ? { start: r.start, end: r.end, touched: r.state === 'changed' } : undefined,
    currentText: r.state === 'changed' ? r.text : undefined,
    reason: r.reason,
    confidence: r.confidence,
  };
}
