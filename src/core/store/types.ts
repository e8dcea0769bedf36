// What the store publishes: one snapshot per article and typed change events.
import type { AnchorState } from '../anchoring/types';
import type { Claim, Problem, Published } from '../model';

/** `unresolved`: the article's text has not been read yet, so the claim was not anchored. */
export type ClaimState = AnchorState | 'unresolved';

export interface ClaimEntry {
  readonly claim: Claim;
  readonly state: ClaimState;
  /** Current range in the article (UTF-16 offsets); absent when orphaned or unresolved. */
  readonly start?: number;
  readonly end?: number;
  /** The article's words at the range now; differs from `claim.quote` when `changed`. */
  readonly currentText?: string;
  /** Why the claim is in its state, for hovers and the tree. */
  readonly reason: string;
  readonly confidence: number;
}

export type SidecarState =
  /** No sidecar file yet (nothing to lose). */
  | 'missing'
  /** Loaded and writable. */
  | 'ok'
  /** The file on disk does not parse or validate: shown, never written over. */
  | 'broken'
  /** Changed on disk and here in the same claim fields: waits for the user's choice. */
  | 'conflict';

export interface ArticleSnapshot {
  /** The article's key (a URI string in the extension, a path in the CLI). */
  readonly article: string;
  readonly sidecar: string;
  readonly sidecarState: SidecarState;
  readonly problems: readonly Problem[];
  /** In article order. */
  readonly claims: readonly ClaimEntry[];
  /** Has changes not yet written to the sidecar. */
  readonly dirty: boolean;
  /** Sentences not to suggest again (the sidecar's `dismissed:`), sorted. */
  readonly dismissed: readonly string[];
  /** Where the fact-check was published (the sidecar's `published:` header). */
  readonly published?: Published;
  /** The article file was not found: its claims are kept, orphaned, beside the sidecar. */
  readonly articleMissing?: boolean;
}

/** An article without its claims' entries (cheap: nothing is built). */
export interface ArticleState {
  readonly article: string;
  readonly sidecar: string;
  readonly sidecarState: SidecarState;
  readonly problems: readonly Problem[];
  readonly dirty: boolean;
  readonly articleMissing: boolean;
  readonly claimCount: number;
}

/**
 * `loaded`: read from disk (or renamed to here); `claims`: claims added, edited or removed;
 * `dismissed`: a suggested sentence was dismissed (written to the sidecar like a claim change);
 * `anchors`: claims placed again in the article's text (with `ids`: typing touched those claims,
 * and an empty `ids` means it only moved them); `problems`: the sidecar's problems changed;
 * `saved`: written to disk; `removed`: forgotten;
 * `policy`: the repository's review/sources policy, or the current user, changed (nothing to write;
 *   views re-evaluate sign-off and what awaits my review).
 */
export type StoreChangeKind = 'loaded' | 'claims' | 'dismissed' | 'anchors' | 'problems' | 'saved' | 'removed' | 'policy';

export interface StoreChange {
  readonly kind: StoreChangeKind;
  /**
   * The articles concerned: usually one; many when a batch (the workspace scan, a checkout, a new
   * status scale) is reported at once. Listeners must handle every one of them.
   */
  readonly articles: readonly string[];
  /** Claims concerned, when the change is about particular claims of its one article. */
  readonly ids?: readonly string[];
}

/**
 * What reading the sidecar's text (or renaming its article) did. The store never writes: it
 * says whether the claims in memory are ahead of the file, and the caller decides whether to
 * write them (a merge with unsaved edits: yes; a sidecar deleted under an open article: not unasked).
 */
export interface SidecarLoad {
  /** The text was not what the store last read or wrote, so the claims were read again ('loaded' fired). */
  readonly changed: boolean;
  /** The claims in memory hold something the file does not (`dirty`). */
  readonly unsaved: boolean;
}

/** The file a StoreError is about, and where in it (1-based), so that the UI can open it there. */
export interface ErrorLocation {
  /** The file's key (a URI string in the extension, a path in the CLI). */
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

/** A mutation that cannot be done, with a message fit to show a user. */
export class StoreError extends Error {
  constructor(message: string, readonly location?: ErrorLocation) {
    super(message);
  }
}
