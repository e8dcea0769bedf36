// The single source of truth for the claims of every article in a workspace. Views (tree,
// decorations, status bar, details) and persistence subscribe to `onDidChange`; nothing polls.
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
import { ArticleModel, type ArticleTextOptions } from './articleModel';
import { StoreError, type ArticleSnapshot, type ClaimEntry, type SidecarLoad, type StoreChange } from './types';

export interface StoreOptions {
  scale: StatusScale;
  /** The repository's review and sources rules (`.factmark.yaml`). */
  policy?: RepoPolicy;
  /** ISO timestamp; injectable so that tests are deterministic. */
  now?: () => string;
  /** Who is editing (git user.name), written as `by`. */
  author?: () => string | undefined;
}

interface Removed { article: string; claim: Claim; index: number }

export class ClaimStore {
  private readonly models = new Map<string, ArticleModel>();
  private readonly removed: Removed[] = [];
  private readonly changed = new Emitter<StoreChange>();
  readonly onDidChange: Event<StoreChange> = this.changed.event;
  scale: StatusScale;
  policy: RepoPolicy;

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

  get(article: string): ArticleSnapshot | undefined {
    return this.models.get(article)?.snapshot(this.scale);
  }

  claim(article: string, id: string): ClaimEntry | undefined {
    const m = this.models.get(article);
    const c = m?.find(id);
    return m && c ? m.entry(c) : undefined;
  }

  /** Registers an article (idempotent). `articleName` is what the sidecar's `article:` says. */
  open(article: string, sidecar: string, articleName: string): ArticleModel {
    let m = this.models.get(article);
    if (!m) {
      m = new ArticleModel(article, sidecar, articleName);
      this.models.set(article, m);
    }
    return m;
  }

  /** Reads the sidecar's text (`undefined`: no file) into the article's claims; see SidecarLoad. */
  loadSidecar(article: string, source: string | undefined): SidecarLoad {
    const result = this.model(article).loadSidecar(source);
    if (result.changed) this.fire(article, 'loaded');
    return result;
  }

  /** The sidecar is there but was refused (see ArticleModel.setUnreadable): `broken`, with why. */
  sidecarUnreadable(article: string, problems: Problem[]): void {
    this.model(article).setUnreadable(problems);
    this.fire(article, 'loaded');
  }

  /** `options.previous`: the article as the sidecar last matched it, for history-aware anchoring. */
  setArticleText(article: string, text: string, options?: ArticleTextOptions): void {
    this.model(article).setText(text, options);
    this.fire(article, 'anchors');
  }

  /** Whether the article's text has been read (and, given `text`, is exactly that). */
  hasArticleText(article: string, text?: string): boolean {
    const m = this.models.get(article);
    if (!m || !m.hasText()) return false;
    return text === undefined || m.textIs(text);
  }

  /** `text`: the article after the edits, or a function that reads it (called only if needed). */
  applyEdits(article: string, changes: readonly TextChange[], text: string | (() => string)): void {
    const m = this.models.get(article);
    if (!m || !m.hasText()) return;
    const ids = m.applyEdits(changes, text);
    this.fire(article, 'anchors', ids);
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

  /** Brings back the most recently deleted claim; undefined when there is none. */
  undoRemove(): { article: string; claim: Claim } | undefined {
    const r = this.removed.pop();
    if (!r) return undefined;
    this.writable(r.article).restore(r.claim, r.index);
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
    if (m.sidecarState === 'broken') throw new StoreError(`${m.sidecar} has errors; fix them first — it will not be written over.`);
    if (m.sidecarState === 'conflict') throw new StoreError(`${m.sidecar} changed on disk in the same claims; choose which version to keep first.`);
    return m.serialize();
  }

  markSaved(article: string, written: string): void {
    this.model(article).markSaved(written);
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
    if (this.models.delete(article)) this.fire(article, 'removed');
  }

  setScale(scale: StatusScale): void {
    this.scale = scale;
    for (const a of this.models.keys()) this.fire(a, 'claims');
  }

  /** The repository's policy changed: views that show it follow the 'policy' event. */
  setPolicy(policy: RepoPolicy): void {
    this.policy = policy;
    for (const a of this.models.keys()) this.fire(a, 'policy');
  }

  /** Who the current user is changed (the author setting): what awaits "my" review follows the 'policy' event. */
  userChanged(): void {
    for (const a of this.models.keys()) this.fire(a, 'policy');
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
    if (m.sidecarState === 'broken') {
      const p = m.problems[0];
      throw new StoreError(`${m.sidecar} has errors${p ? ` (line ${p.line ?? '?'}: ${p.message})` : ''}; fix the file first — Factmark will not write over it.`);
    }
    if (m.readOnly && m.sidecarState === 'ok') throw new StoreError(`${m.sidecar}: ${m.readOnly}`);
    if (!m.hasText()) throw new StoreError(`The article ${m.article} has not been read yet.`);
    return m;
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

  private fire(article: string, kind: StoreChange['kind'], ids?: readonly string[]): void {
    this.changed.fire({ article, kind, ids });
  }
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
