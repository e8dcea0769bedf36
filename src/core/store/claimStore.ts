// The single source of truth for the claims of every article in a workspace. Views (tree,
// decorations, status bar, details) and persistence subscribe to `onDidChange`; nothing polls.
// Loading many articles at once (the workspace scan, a checkout) goes through `batch`, which
// reports them in one event, so that listeners do their work once per batch, not per article.
import { Emitter, type Event } from '../events';
import type { TextChange } from '../anchoring/editTracker';
import { newClaimId } from '../ids';
import type { ClaimConflict } from '../merge/mergeClaims';
import { normalizeForCompare } from '../anchoring/normalize';
import type { Claim, Problem, Published, ReviewVerdict } from '../model';
import type { StatusScale } from '../statusScale';
import { findStatus } from '../statusScale';
import { appendLog } from '../workflow/log';
import { cleanName } from '../workflow/people';
import { DEFAULT_POLICY, type RepoPolicy } from '../workflow/repoPolicy';
import { mayReview } from '../workflow/reviews';
import { statusPatch } from '../workflow/statusChange';
import { ArticleModel, type ArticleTextOptions, type ModelCounters } from './articleModel';
import { afterStateMoves, ProgressCount, type Progress } from './progress';
import type { CachedState, LetGoState } from './startupCache';
import { StoreError, type ArticleSnapshot, type ArticleState, type ClaimEntry, type ClaimState, type SidecarLoad, type StoreChange, type StoreChangeKind } from './types';

export interface StoreOptions {
  scale: StatusScale;
  /** The repository's review and sources rules (`.factmark.yaml`). */
  policy?: RepoPolicy;
  /** ISO timestamp; injectable so that tests are deterministic. */
  now?: () => string;
  /** Who is editing (git user.name), written as `by`. */
  author?: () => string | undefined;
  /** How a file (an article or sidecar key) is named in messages; default the key itself. */
  displayName?: (file: string) => string;
  /**
   * false: a parse's strings may stay cut from the file's text (see detachedSidecar), for a store
   * thrown away once what it loaded is taken out as text (a scan worker's: src/node/scanDigest.ts).
   */
  detachParses?: boolean;
}

interface Removed { article: string; claim: Claim; index: number }

/** Changes collected for one event per kind: the kinds of change per article, in order. */
type Pending = Map<string, { kinds: Set<StoreChangeKind>; ids?: Set<string> }>;

/**
 * A batch that stays open across turns of the event loop (see ClaimStore.deferredBatch): what is
 * changed inside `run` is announced at `flush`, in one event per kind of change.
 */
export interface DeferredBatch {
  run<T>(fn: () => T): T;
  /** Articles changed inside `run` and not announced yet. */
  readonly size: number;
  /** Announces what changed inside `run` since the last flush (nothing when nothing did). */
  flush(): void;
}

/** What the store has done since it was made, for tests that check work stays proportional. */
export interface StoreStats {
  /** Snapshots built (a snapshot is reused until its article changes). */
  readonly snapshots: number;
  /** Change events fired, and the articles they named in all. */
  readonly events: number;
  readonly eventArticles: number;
  /** Sidecar texts parsed into an article's claims (a text the same as the last one read is not parsed again). */
  readonly sidecarLoads: number;
  /** Articles anchored afresh from their whole text (opening, a reload from disk), as opposed to edits carried through. */
  readonly reanchors: number;
  /** Article texts let go once anchored (dropArticleText), and read again (restoreArticleText). */
  readonly textsDropped: number;
  readonly textsRestored: number;
  /** Articles whose text is held now (not let go, and read). */
  readonly textsHeld: number;
  /** Sidecar texts and parses let go (dropArticleSidecar), read again unchanged (restoreArticleSidecar), and held now. */
  readonly sidecarsDropped: number;
  readonly sidecarsRestored: number;
  readonly sidecarsHeld: number;
  /** Articles restored from the start-up cache (restoreLetGo), not read. */
  readonly restoredFromCache: number;
  /** Of those, articles whose claims were needed and parsed from their entry since; and entries whose claims could not be (no claim then until the sidecar is read again: ArticleModel.bringIn). */
  readonly cachedClaimsParsed: number;
  readonly cachedClaimsLost: number;
}

export class ClaimStore {
  private readonly models = new Map<string, ArticleModel>();
  private readonly removed: Removed[] = [];
  private readonly changed = new Emitter<StoreChange>();
  readonly onDidChange: Event<StoreChange> = this.changed.event;
  scale: StatusScale;
  policy: RepoPolicy;
  private readonly counters: ModelCounters = { snapshots: 0, sidecarLoads: 0, reanchors: 0 };
  /** The last number sidecarRead gave out (one sequence for every article: each compares its own reads). */
  private sidecarReads = 0;
  private events = 0;
  private eventArticles = 0;
  /** Open batches, and what they collected: the kinds of change per article, in order. */
  private batchDepth = 0;
  private pending: Pending = new Map();
  /** While a deferred batch's `run` is on the stack, where its changes go. */
  private collector?: Pending;
  /** By article key, with the model it was counted for: after a rename another model may have the key, its versions counted from 0 too. */
  private readonly progressCache = new Map<string, { model: ArticleModel; version: number; scale: StatusScale; progress: Progress }>();

  constructor(private readonly options: StoreOptions) {
    this.scale = options.scale;
    this.policy = options.policy ?? DEFAULT_POLICY;
  }

  /** Who is editing (written as `by`, `rater`, a review's `by`), when known. */
  me(): string | undefined {
    return cleanName(this.options.author?.());
  }

  articles(): string[] {
    return [...this.models.keys()];
  }

  has(article: string): boolean {
    return this.models.has(article);
  }

  /** The article with every claim's entry; the same object until the article changes. */
  get(article: string): ArticleSnapshot | undefined {
    return this.models.get(article)?.snapshot(this.scale);
  }

  /** The article's sidecar state, problems and flags, without building its claims' entries. */
  state(article: string): ArticleState | undefined {
    const m = this.models.get(article);
    if (!m) return undefined;
    return { article: m.article, sidecar: m.sidecar, sidecarState: m.sidecarState, problems: m.problemsWith(this.scale), dirty: m.dirty, articleMissing: m.articleMissing, claimCount: m.claimCount() };
  }

  /** The claim whose words contain the offset (innermost when claims nest). */
  /** Each claim of the article with its state and range (as a snapshot's entries have them), without building a snapshot. */
  forEachPlacement(article: string, fn: (claim: Claim, state: ClaimState, start: number | undefined, end: number | undefined) => void): void {
    this.models.get(article)?.forEachPlacement(fn);
  }

  claimAt(article: string, offset: number): ClaimEntry | undefined {
    return this.models.get(article)?.claimAt(offset);
  }

  /**
   * Equal while the article's claims, their fields and anchor states and the file's problems are
   * unchanged (typing that only moves claims keeps it); undefined when the article is not open.
   * Never repeated by another article model (it is paired with the placements version).
   */
  stateVersion(article: string): string | undefined {
    const m = this.models.get(article);
    return m && `${m.placementsVersion}:${m.stateVersion}`;
  }

  /**
   * While the article's claims are still a start-up cache entry's, not parsed (see
   * ArticleModel.restoreLetGo): its state and progress, which need no claim, and how many claims
   * still need work (every cached claim is anchored: the unsettled ones). Undefined otherwise, or
   * when the article is not known: what a view shows of it then needs its claims (get).
   */
  pendingSummary(article: string): { state: ArticleState; progress: Progress; open: number } | undefined {
    const m = this.models.get(article);
    if (!m?.claimsPending) return undefined;
    const progress = this.progress(article) as Progress;
    return { state: this.state(article) as ArticleState, progress, open: progress.open };
  }

  /** The article's start-up cache entry did not hold its claims (ArticleModel.bringIn): it has none until its sidecar is read again. */
  claimsLost(article: string): boolean {
    return this.models.get(article)?.claimsLost ?? false;
  }

  /** The article's progress figures, recomputed only when a status or an anchor state changed. */
  progress(article: string): Progress | undefined {
    const m = this.models.get(article);
    if (!m) return undefined;
    const got = this.progressCache.get(article);
    const cached = got?.model === m && got.scale === this.scale ? got : undefined;
    if (cached && cached.version === m.stateVersion) return cached.progress;
    // Typing into a claim's words (or back to them) moved some claims' states and changed nothing
    // else: the figures follow those moves, without counting 10,000 claims again at that keystroke.
    const moves = cached && m.stateMovesSince(cached.version);
    if (moves) {
      const progress = afterStateMoves((cached as NonNullable<typeof cached>).progress, moves);
      this.progressCache.set(article, { model: m, version: m.stateVersion, scale: this.scale, progress });
      return progress;
    }
    // From the placements, not a snapshot: the first keystroke inside a claim changes its state, and this runs then.
    const count = new ProgressCount();
    m.forEachStatus((status, state) => count.add(status, state));
    const progress = count.progress(this.scale);
    this.progressCache.set(article, { model: m, version: m.stateVersion, scale: this.scale, progress });
    return progress;
  }

  /** How often one article's claims were anchored afresh from its text (`stats.reanchors` counts every article's). */
  reanchorsOf(article: string): number | undefined {
    return this.models.get(article)?.reanchors;
  }

  get stats(): StoreStats {
    let textsHeld = 0;
    let sidecarsHeld = 0;
    for (const m of this.models.values()) {
      if (m.hasText()) textsHeld++;
      if (m.holdsSidecar) sidecarsHeld++;
    }
    return {
      snapshots: this.counters.snapshots, events: this.events, eventArticles: this.eventArticles, sidecarLoads: this.counters.sidecarLoads ?? 0, reanchors: this.counters.reanchors ?? 0,
      textsDropped: this.counters.textsDropped ?? 0, textsRestored: this.counters.textsRestored ?? 0, textsHeld,
      sidecarsDropped: this.counters.sidecarsDropped ?? 0, sidecarsRestored: this.counters.sidecarsRestored ?? 0, sidecarsHeld,
      restoredFromCache: this.counters.restoredFromCache ?? 0, cachedClaimsParsed: this.counters.cachedClaimsParsed ?? 0, cachedClaimsLost: this.counters.cachedClaimsLost ?? 0,
    };
  }

  /**
   * Runs `fn` and reports what it changed in one event per kind of change (loads and re-anchors
   * of the same article count as one load), instead of one event per article and step.
   */
  batch<T>(fn: () => T): T {
    this.batchDepth++;
    try {
      return fn();
    } finally {
      if (--this.batchDepth === 0) this.flushBatch();
    }
  }

  /**
   * A batch that spans many turns of the event loop: a load that takes articles in a few
   * milliseconds at a time (so the host stays responsive) calls `run` for each slice and
   * `flush` every so many articles, so the number of events (and of the views' updates) does
   * not grow with the number of slices, which depends on how fast the machine is. Changes made
   * outside `run` meanwhile (the user's) are announced at once, as always.
   */
  deferredBatch(): DeferredBatch {
    let pending: Pending = new Map();
    return {
      run: <T>(fn: () => T): T => {
        const outer = this.collector;
        this.collector = pending;
        try {
          return fn();
        } finally {
          this.collector = outer;
        }
      },
      get size() { return pending.size; },
      flush: () => {
        const p = pending;
        pending = new Map();
        this.emitPending(p);
      },
    };
  }

  /** The article's ArticleModel.placementsVersion (undefined when it is not open). */
  placementsVersion(article: string): number | undefined {
    return this.models.get(article)?.placementsVersion;
  }

  claim(article: string, id: string): ClaimEntry | undefined {
    const m = this.models.get(article);
    const c = m?.find(id);
    return m && c ? m.entry(c) : undefined;
  }

  /** Whether the article's claim of that id is this very object in this state, as claim() would give it (nothing is built). */
  holds(article: string, claim: Claim, state: ClaimState): boolean {
    return this.models.get(article)?.holds(claim, state) ?? false;
  }

  /** Registers an article (idempotent). `articleName` is what the sidecar's `article:` says. */
  open(article: string, sidecar: string, articleName: string): ArticleModel {
    let m = this.models.get(article);
    if (!m) {
      m = new ArticleModel(article, sidecar, articleName, this.counters, this.options.detachParses !== false);
      this.models.set(article, m);
    }
    return m;
  }

  /**
   * Numbers a read of a sidecar as it starts (before the file is read): given with what it found
   * (loadSidecar, sidecarUnreadable, restoreArticleSidecar), it is not taken in when a read of the
   * same sidecar that started later, or our write, was taken in first (see sidecarReadOvertaken).
   * Without a number, what is given counts as read now.
   */
  sidecarRead(): number {
    return ++this.sidecarReads;
  }

  /** Whether a read numbered `read` was overtaken: a read of the article's sidecar that started later (or our write) was taken in first. */
  sidecarReadOvertaken(article: string, read: number): boolean {
    return this.models.get(article)?.readOvertaken(read) ?? false;
  }

  /**
   * Reads the sidecar's text (`undefined`: no file) into the article's claims; see SidecarLoad.
   * `read`: its number (sidecarRead); an overtaken read changes nothing.
   */
  loadSidecar(article: string, source: string | undefined, read = this.sidecarRead()): SidecarLoad {
    const result = this.model(article).loadSidecar(source, read);
    if (result.changed) this.fire(article, 'loaded');
    return result;
  }

  /** The sidecar is there but was refused (see ArticleModel.setUnreadable): `broken`, with why (unless the read was overtaken). */
  sidecarUnreadable(article: string, problems: Problem[], read = this.sidecarRead()): void {
    if (this.model(article).setUnreadable(problems, read)) this.fire(article, 'loaded');
  }

  /** `options.previous`: the article as the sidecar last matched it, for history-aware anchoring. */
  setArticleText(article: string, text: string, options?: ArticleTextOptions): void {
    this.model(article).setText(text, options);
    this.fire(article, 'anchors');
  }

  /** Anchors afresh only the claims an edit left without words (see ArticleModel.reanchorLost); returns their ids. */
  reanchorLost(article: string): string[] {
    const m = this.models.get(article);
    if (!m || !m.hasText()) return [];
    const ids = m.reanchorLost();
    if (ids.length) this.fire(article, 'anchors', ids);
    return ids;
  }

  /** Whether some claim of the article has no words in its text (orphaned, or on an empty range). */
  hasLostClaims(article: string): boolean {
    return this.models.get(article)?.hasLostClaims() ?? false;
  }

  /**
   * Lets the article's text go (it is not open in an editor), keeping its claims' placements;
   * false when they are not exactly what anchoring the text gave (see ArticleModel.dropText). Until
   * it is read again (restoreArticleText), hasArticleText is false and the claims cannot be changed.
   */
  dropArticleText(article: string): boolean {
    return this.models.get(article)?.dropText() ?? false;
  }

  /** Whether the article's text was read, anchored and let go (to be given again with restoreArticleText). */
  articleTextDropped(article: string): boolean {
    return this.models.get(article)?.isTextDropped ?? false;
  }

  /** Identifies the text given last (see ArticleModel.textVersion): a text that came since, or none. */
  articleTextVersion(article: string): number | undefined {
    return this.models.get(article)?.textVersion;
  }

  /**
   * The text of an article whose text was let go, read again: its claims are anchored afresh in
   * it (with the git history this sidecar was given, if any), so a text that changed meanwhile is
   * never used with the old placements.
   */
  restoreArticleText(article: string, text: string): void {
    this.model(article).restoreText(text);
    this.fire(article, 'anchors');
  }

  /**
   * Lets the article's sidecar text and parse go (it is not open in an editor), keeping its
   * claims; false when something is to be written or the claims are not exactly those read (see
   * ArticleModel.dropSidecar). Until it is read again (restoreArticleSidecar, or loadSidecar when
   * it changed), the claims cannot be changed and nothing is written.
   */
  dropArticleSidecar(article: string): boolean {
    return this.models.get(article)?.dropSidecar(this.scale) ?? false;
  }

  articleSidecarDropped(article: string): boolean {
    return this.models.get(article)?.isSidecarDropped ?? false;
  }

  /** Whether the article's text or its sidecar's was let go: what changes a claim reads them again first. */
  articleLetGo(article: string): boolean {
    const m = this.models.get(article);
    return !!m && (m.isTextDropped || m.isSidecarDropped);
  }

  /**
   * The sidecar read again after dropArticleSidecar: true when it is the text let go (its parse
   * is the base again; nothing the views show changes); false when it is not, and nothing was
   * done: the caller takes it in as changed on disk (loadSidecar). True when it was not let go.
   * Refused since it was let go, and now read as it was: no longer `broken`. `read`: as for
   * loadSidecar (an overtaken read: false, nothing done; see sidecarReadOvertaken).
   */
  restoreArticleSidecar(article: string, source: string, read = this.sidecarRead()): boolean {
    const m = this.models.get(article);
    if (!m?.isSidecarDropped) return true;
    const state = m.stateVersion;
    const problems = m.problemsWith(this.scale);
    if (!m.restoreSidecar(source, read)) return false;
    // The views hear of it only when what they show changed: no longer `broken`, or the
    // unknown-status errors placed from the parse again (a status off a scale changed since).
    // Otherwise the parse is the base again and that is all (opening an article the scan had
    // just let go read it as a second load of the article).
    if (m.stateVersion !== state || m.problemsWith(this.scale) !== problems) this.fire(article, 'loaded');
    return true;
  }

  /**
   * The article as a fresh load left it once let go, for the start-up cache (see
   * ArticleModel.letGoState); undefined when it is not exactly that.
   */
  letGoState(article: string): LetGoState | undefined {
    return this.models.get(article)?.letGoState();
  }

  /**
   * Opens an article the store does not have with a let-go state from the start-up cache, as if
   * its files had been read, anchored and let go (see ArticleModel.restoreLetGo): one `loaded`
   * event, as a fresh load gives. False, nothing done, when the store has the article already or
   * the state does not fit the scale.
   */
  restoreLetGo(article: string, sidecar: string, articleName: string, state: LetGoState | CachedState): boolean {
    if (this.models.has(article)) return false;
    const m = new ArticleModel(article, sidecar, articleName, this.counters, this.options.detachParses !== false);
    if (!m.restoreLetGo(state, this.scale)) return false;
    // The entry's claims did not parse when first needed: the views, which showed its counts, hear that it has none (after whatever read them).
    m.onClaimsLost = () => queueMicrotask(() => { if (this.models.get(article) === m) this.fire(article, 'claims'); });
    this.models.set(article, m);
    this.fire(article, 'loaded');
    return true;
  }

  /**
   * Identifies the article's state as a whole (any change moves it; letting its text or sidecar
   * go does not): what the start-up cache checks before it writes an entry it stamped earlier.
   */
  revision(article: string): number | undefined {
    return this.models.get(article)?.version;
  }

  /** Whether the sidecar was let go while a claim's status is off the scale: its errors need the file's lines (read it again). */
  sidecarNeededForProblems(article: string): boolean {
    const m = this.models.get(article);
    if (!m?.isSidecarDropped) return false;
    let off = false;
    m.forEachStatus((status) => { if (!off && !findStatus(this.scale, status)) off = true; });
    return off;
  }

  /** Whether the article's text has been read (and, given `text`, is exactly that). */
  hasArticleText(article: string, text?: string): boolean {
    const m = this.models.get(article);
    if (!m || !m.hasText()) return false;
    return text === undefined || m.textIs(text);
  }

  /**
   * `text`: the article after the edits, or a function that reads it (called only if needed);
   * `words`: reads [start, end) of it (the words of a claim an edit touched) without the whole
   * text. Returns the ids of the claims whose words the edits touched.
   */
  applyEdits(article: string, changes: readonly TextChange[], text: string | (() => string), words?: (start: number, end: number) => string): string[] {
    const m = this.models.get(article);
    if (!m || !m.hasText()) return [];
    const ids = m.applyEdits(changes, text, words);
    this.fire(article, 'anchors', ids);
    return ids;
  }

  addClaim(article: string, start: number, end: number, init: Partial<Claim> = {}): Claim {
    const m = this.writable(article);
    if (start >= end) throw new StoreError('Select the words of the claim first.');
    const now = this.now();
    if (init.status !== undefined && !findStatus(this.scale, init.status)) throw new StoreError(`"${init.status}" is not a status of this repository's scale.`);
    // A status given at once was set by whoever marks the claim.
    const rated = init.status !== undefined ? withoutUndefined({ rater: this.me(), rated: now }) : {};
    const claim: Claim = {
      id: newClaimId(m.ids()),
      quote: '', before: '', after: '',
      status: init.status ?? this.scale.initial,
      ...rated,
      ...withoutUndefined(init),
      sources: init.sources ?? [],
      created: now,
      updated: now,
      ...this.by(),
    };
    m.add(claim, start, end);
    const added = m.find(claim.id) as Claim;
    this.fire(article, 'claims', [added.id]);
    return added;
  }

  /**
   * Changes fields of a claim. A new `status` goes through setStatus's rules (rater, date,
   * corrections log), with `options.reason` as the reason; setting the same status again
   * changes nothing.
   */
  updateClaim(article: string, id: string, patch: Partial<Omit<Claim, 'id'>>, options: { reason?: string } = {}): Claim {
    const m = this.writable(article);
    const claim = this.existing(m, id);
    const now = this.now();
    let fields: Partial<Claim> = patch;
    if (patch.status !== undefined) {
      const { status, ...rest } = patch;
      const change = statusPatch(claim, status, { scale: this.scale, now, by: this.me(), reason: options.reason });
      if (!change.ok) throw new StoreError(change.message);
      fields = { ...rest, ...change.patch };
      if (Object.keys(fields).length === 0) return claim;
    }
    return this.change(article, m, id, fields, now);
  }

  /** Sets the status: rater and date with it, the change logged when the claim was settled (a changed verdict needs `reason`). */
  setStatus(article: string, id: string, status: string, options: { reason?: string } = {}): Claim {
    return this.updateClaim(article, id, { status }, options);
  }

  /** Records a sign-off or a dispute of the claim's current status by the current user (never its rater). */
  review(article: string, id: string, verdict: ReviewVerdict, options: { note?: string } = {}): Claim {
    const m = this.writable(article);
    const entry = m.entry(this.existing(m, id));
    const me = this.me();
    const wordsChanged = entry.state !== 'anchored' && entry.state !== 'moved';
    const may = mayReview(entry.claim, verdict, this.scale, me, wordsChanged);
    if (!may.ok) throw new StoreError(may.message);
    const now = this.now();
    const note = options.note?.trim();
    const review = { by: me as string, date: now, verdict, status: entry.claim.status, ...(note ? { note } : {}) };
    return this.change(article, m, id, { reviews: [...(entry.claim.reviews ?? []), review] }, now);
  }

  private change(article: string, m: ArticleModel, id: string, fields: Partial<Claim>, now: string): Claim {
    const next = m.update(id, { ...fields, ...m.refreshHints(id), updated: now, ...this.by() });
    this.fire(article, 'claims', [id]);
    return next;
  }

  /**
   * Takes the article's current words as the claim's quote. The old words go to the claim's log
   * and, unless the claim was never rated, it is marked `recheck` until its status is set again.
   */
  acceptWording(article: string, id: string): Claim {
    const m = this.writable(article);
    const entry = m.entry(this.existing(m, id));
    if (entry.start === undefined || entry.end === undefined) throw new StoreError('This claim is not attached to any words; re-attach it to a selection instead.');
    return this.rewordTo(article, m, id, entry.start, entry.end);
  }

  /**
   * Attaches a claim to the given words. When they are not the words it was rated on, that is a
   * change of wording like acceptWording (logged, and the verdict needs re-checking).
   */
  reattach(article: string, id: string, start: number, end: number): Claim {
    const m = this.writable(article);
    this.existing(m, id);
    if (start >= end) throw new StoreError('Select the words to attach the claim to first.');
    return this.rewordTo(article, m, id, start, end);
  }

  /**
   * Accepts the place an ambiguous claim was found at as its own: records the position and the
   * context there, so that it is found there from now on. Its quote is kept (when the words
   * there differ, the claim is shown as changed, for Accept New Wording).
   */
  confirmPlace(article: string, id: string): Claim {
    const m = this.writable(article);
    const entry = m.entry(this.existing(m, id));
    if (entry.start === undefined || entry.end === undefined) throw new StoreError('This claim has no place to confirm; re-attach it to a selection instead.');
    const next = m.confirm(id, entry.start, entry.end, { updated: this.now(), ...this.by() });
    this.fire(article, 'claims', [id]);
    return next;
  }

  private rewordTo(article: string, m: ArticleModel, id: string, start: number, end: number): Claim {
    const claim = this.existing(m, id);
    const words = m.wordsAt(start, end);
    const patch: Partial<Claim> = { updated: this.now(), ...this.by() };
    if (normalizeForCompare(words) !== normalizeForCompare(claim.quote)) {
      patch.log = appendLog(claim.log, { date: patch.updated!, by: this.me(), change: 'wording', from: claim.quote, to: words });
      if (claim.status !== this.scale.initial) patch.recheck = true;
    }
    const next = m.rebase(id, start, end, patch);
    this.fire(article, 'claims', [id]);
    return next;
  }

  removeClaim(article: string, id: string): Claim {
    const m = this.writable(article);
    const r = m.remove(id);
    if (!r) throw new StoreError(`There is no claim ${id} in this article.`);
    this.removed.push({ article, ...r });
    this.fire(article, 'claims', [id]);
    return r.claim;
  }

  /** The article of the claim undoRemove would bring back (undefined: none). */
  nextUndoArticle(): string | undefined {
    return this.removed[this.removed.length - 1]?.article;
  }

  /** Brings back the most recently deleted claim; undefined when there is none. */
  undoRemove(): { article: string; claim: Claim } | undefined {
    const r = this.removed[this.removed.length - 1];
    if (!r) return undefined;
    // Refused (the file broken, or not read again yet): the deletion stays, to be undone once it
    // can be. (An article forgotten since takes it with it, as before: model() throws.)
    if (!this.models.has(r.article)) this.removed.pop();
    const m = this.writable(r.article);
    this.removed.pop();
    m.restore(r.claim, r.index);
    this.fire(r.article, 'claims', [r.claim.id]);
    return { article: r.article, claim: r.claim };
  }

  /** Remembers a suggested sentence as not worth checking, in the sidecar's `dismissed:` list. */
  dismissSentence(article: string, sentence: string): void {
    const m = this.writable(article);
    if (m.dismiss(sentence)) this.fire(article, 'dismissed');
  }

  /** Adds claims prepared elsewhere (see importCandidates), placed by re-anchoring. */
  addClaims(article: string, claims: readonly Claim[]): void {
    const m = this.writable(article);
    const ids = m.ids();
    for (const c of claims) {
      if (ids.has(c.id)) throw new StoreError(`There is already a claim ${c.id} in this article.`);
      ids.add(c.id);
    }
    if (!claims.length) return;
    m.addPrepared(claims.map((c) => ({ ...c, sources: [...(c.sources ?? [])] })));
    this.fire(article, 'claims', claims.map((c) => c.id));
  }

  /** Sets where the article's fact-check was published (the sidecar's `published:` header). */
  setPublished(article: string, published: Published | undefined): void {
    const m = this.model(article);
    if (m.sidecarState === 'broken') throw new StoreError(`${m.sidecar} has errors; fix the file first — Factmark will not write over it.`);
    if (m.isSidecarDropped) throw this.notRead(m, m.sidecar);
    if (m.setPublished(published)) this.fire(article, 'claims');
  }

  /** The claims that changed here and on disk in the same fields (sidecarState `conflict`). */
  conflicts(article: string): readonly ClaimConflict[] {
    return this.models.get(article)?.conflicts ?? [];
  }

  /** Says that the sidecar must be written again (e.g. an edit arrived while a write was on its way). */
  markDirty(article: string): void {
    const m = this.models.get(article);
    if (m) m.dirty = true;
  }

  resolveConflicts(article: string, choice: 'ours' | 'theirs'): void {
    this.model(article).resolveConflicts(choice);
    this.fire(article, 'claims');
  }

  /** The text to write to the sidecar. Throws when the file on disk must not be written over. */
  serialize(article: string): string {
    const m = this.model(article);
    if (m.sidecarState === 'broken') throw this.brokenError(m);
    if (m.sidecarState === 'conflict') throw new StoreError(`${this.name(m.sidecar)} changed on disk in the same claims; choose which version to keep first.`, { file: m.sidecar });
    if (m.isSidecarDropped) throw this.notRead(m, m.sidecar);
    return m.serialize();
  }

  /** After our write of `written`: the base; a read that started before it and ends after it is not taken in. */
  markSaved(article: string, written: string): void {
    this.model(article).markSaved(written, this.sidecarRead());
    this.fire(article, 'saved');
  }

  /** Moves an article's claims to its new key; `unsaved` when the sidecar must now name the new article. */
  rename(oldArticle: string, article: string, sidecar: string, articleName: string): SidecarLoad {
    const m = this.models.get(oldArticle);
    if (!m) return { changed: false, unsaved: false };
    this.models.delete(oldArticle);
    m.rename(article, sidecar, articleName);
    this.models.set(article, m);
    this.fire(oldArticle, 'removed');
    this.fire(article, 'loaded');
    return { changed: true, unsaved: m.dirty };
  }

  forget(article: string): void {
    this.progressCache.delete(article);
    if (this.models.delete(article)) this.fire(article, 'removed');
  }

  setScale(scale: StatusScale): void {
    this.scale = scale;
    this.batch(() => { for (const a of this.models.keys()) this.fire(a, 'claims'); });
  }

  /** The repository's policy changed: views that show it follow the 'policy' event. */
  setPolicy(policy: RepoPolicy): void {
    this.policy = policy;
    this.batch(() => { for (const a of this.models.keys()) this.fire(a, 'policy'); });
  }

  /** Who the current user is changed (the author setting): what awaits "my" review follows the 'policy' event. */
  userChanged(): void {
    this.batch(() => { for (const a of this.models.keys()) this.fire(a, 'policy'); });
  }

  dispose(): void {
    this.changed.dispose();
  }

  private model(article: string): ArticleModel {
    const m = this.models.get(article);
    if (!m) throw new Error(`unknown article ${article}`);
    return m;
  }

  private writable(article: string): ArticleModel {
    const m = this.model(article);
    if (m.sidecarState === 'broken') throw this.brokenError(m);
    if (m.readOnly && m.sidecarState === 'ok') throw new StoreError(`${this.name(m.sidecar)}: ${m.readOnly}`, { file: m.sidecar });
    if (!m.hasText()) throw this.notRead(m, m.article);
    if (m.isSidecarDropped) throw this.notRead(m, m.sidecar);
    return m;
  }

  private notRead(m: ArticleModel, file: string): StoreError {
    return file === m.article
      ? new StoreError(`The article ${this.name(m.article)} has not been read yet.`, { file })
      : new StoreError(`The sidecar ${this.name(file)} has not been read again yet.`, { file });
  }

  /** "treaty.md.claims.yaml has errors (line 4, column 7: …). Fix the file first: …" */
  private brokenError(m: ArticleModel): StoreError {
    const p = m.problems.find((x) => x.severity === 'error') ?? m.problems[0];
    const where = p?.line ? `line ${p.line}${p.column ? `, column ${p.column}` : ''}: ` : '';
    const what = p ? ` (${where}${p.message.replace(/[.:;,\s]+$/, '')})` : '';
    return new StoreError(`${this.name(m.sidecar)} has errors${what}. Fix the file first: Factmark will not write over it.`, { file: m.sidecar, line: p?.line, column: p?.column });
  }

  private name(file: string): string {
    return this.options.displayName?.(file) ?? file;
  }

  private existing(m: ArticleModel, id: string): Claim {
    const c = m.find(id);
    if (!c) throw new StoreError(`There is no claim ${id} in this article.`);
    return c;
  }

  private now(): string {
    return this.options.now?.() ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  private by(): { by?: string } {
    const by = this.options.author?.();
    return by ? { by } : {};
  }

  private fire(article: string, kind: StoreChangeKind, ids?: readonly string[]): void {
    const pending = this.collector ?? (this.batchDepth > 0 ? this.pending : undefined);
    if (pending) {
      const p = pending.get(article);
      if (!p) pending.set(article, { kinds: new Set([kind]), ids: ids && new Set(ids) });
      else {
        p.kinds.add(kind);
        if (p.ids && ids) for (const id of ids) p.ids.add(id);
        else p.ids = undefined;
      }
      return;
    }
    this.emit({ kind, articles: [article], ids });
  }

  private flushBatch(): void {
    const pending = this.pending;
    this.pending = new Map();
    this.emitPending(pending);
  }

  private emitPending(pending: Pending): void {
    const byKind = new Map<StoreChangeKind, { articles: string[]; ids?: readonly string[] }>();
    for (const [article, p] of pending) {
      // Several kinds of change to one article: whatever it is now must be read again, as after a load.
      const kind: StoreChangeKind = !this.models.has(article) ? 'removed' : p.kinds.size === 1 ? [...p.kinds][0] : 'loaded';
      const group = byKind.get(kind);
      if (group) { group.articles.push(article); group.ids = undefined; }
      else byKind.set(kind, { articles: [article], ids: p.kinds.size === 1 && p.ids ? [...p.ids] : undefined });
    }
    for (const [kind, g] of byKind) this.emit({ kind, articles: g.articles, ids: g.ids });
  }

  private emit(e: StoreChange): void {
    this.events++;
    this.eventArticles += e.articles.length;
    this.changed.fire(e);
  }
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
