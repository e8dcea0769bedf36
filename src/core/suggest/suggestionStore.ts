// The suggestions shown for each article: derived state, computed on request (the Suggest
// Claims command, an article opened with suggestions on) and recomputed after edits while
// shown. Kept apart from the ClaimStore, which holds what is written to the sidecar; the
// dismissed list lives there, and this store only reads it.
import { Emitter, type Event } from '../events';
import type { ArticleSnapshot } from '../store/types';
import { openSuggestions } from './openSuggestions';
import type { Suggestion, SuggestOptions } from './suggestClaims';

export interface SuggestionChange { readonly article: string }

export class SuggestionStore {
  private readonly byArticle = new Map<string, readonly Suggestion[]>();
  private readonly changed = new Emitter<SuggestionChange>();
  readonly onDidChange: Event<SuggestionChange> = this.changed.event;

  /** Articles whose suggestions are shown. */
  articles(): string[] {
    return [...this.byArticle.keys()];
  }

  /** The open suggestions of an article, in article order; undefined when not computed (or cleared). */
  get(article: string): readonly Suggestion[] | undefined {
    return this.byArticle.get(article);
  }

  /**
   * (Re)computes an article's suggestions from its text, leaving out sentences its claims
   * cover and those it dismissed. Fires only when the list changed.
   */
  compute(article: string, text: string, snapshot: ArticleSnapshot | undefined, opts: SuggestOptions = {}): readonly Suggestion[] {
    const claims = (snapshot?.claims ?? []).flatMap((e) => (e.start !== undefined && e.end !== undefined ? [{ start: e.start, end: e.end }] : []));
    const next = openSuggestions(text, claims, snapshot?.dismissed ?? [], opts);
    const before = this.byArticle.get(article);
    this.byArticle.set(article, next);
    if (!before || !sameSuggestions(before, next)) this.changed.fire({ article });
    return next;
  }

  /** Hides an article's suggestions (all articles' without an argument). */
  clear(article?: string): void {
    const articles = article === undefined ? this.articles() : [article];
    for (const a of articles) if (this.byArticle.delete(a)) this.changed.fire({ article: a });
  }

  /** After a rename: the suggestions follow the article. */
  rename(from: string, to: string): void {
    const s = this.byArticle.get(from);
    if (!s) return;
    this.byArticle.delete(from);
    this.byArticle.set(to, s);
    this.changed.fire({ article: from });
    this.changed.fire({ article: to });
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function sameSuggestions(a: readonly Suggestion[], b: readonly Suggestion[]): boolean {
  return a.length === b.length && a.every((s, i) => s.start === b[i].start && s.end === b[i].end && s.text === b[i].text && s.score === b[i].score);
}
