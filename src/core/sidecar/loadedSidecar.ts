// What a successful parse hands back. The `layout` it carries is what lets the writer keep
// untouched text byte for byte; it can only come from parseSidecar (the registry below is
// filled there), so a file that failed to parse can never be written over.
import type { Problem, Published, Sidecar } from '../model';
import type { SpliceSource } from '../yaml/lineSplice';
import type { ItemSpan, YamlText } from '../yaml/yamlDocument';
import type { Locator } from './validate';

export interface SidecarLayout {
  /** The whole yaml Document, built when first asked for (seconds for a large file). */
  readonly yaml: YamlText;
  /**
   * For a file the fast reader read: the spans and item renderings the writer needs, from its
   * lines and small documents of the claims concerned (see lineSplice.ts), so that a write does
   * not build `yaml`; undefined otherwise (the writer uses `yaml`).
   */
  readonly lines: SpliceSource | undefined;
  /** More values than the full parser may read (MAX_FULL_PARSE_VALUES): `yaml` must never be built. */
  readonly large: boolean;
  /** Line break used by the file (`\r\n` or `\n`). */
  readonly eol: string;
  /** Spans of the claim items when `claims` is a block list we can splice, else undefined. */
  readonly items: readonly ItemSpan[] | undefined;
  /** Canonical content of each claim as loaded (without position hints), in file order. */
  readonly contentKeys: readonly string[];
  readonly ids: readonly string[];
  /** The `dismissed` entries as loaded (undefined: no such key), and their spans when a block list. */
  readonly dismissed: readonly string[] | undefined;
  readonly dismissedItems: readonly ItemSpan[] | undefined;
  readonly factmark: number;
  readonly article: string;
  /** The `published:` header as loaded (undefined: no such key). */
  readonly published: Published | undefined;
  readonly locate: Locator;
  readonly file?: string;
  /**
   * Why claims cannot be changed in this file without losing something (a flow-style `claims: [...]`
   * with comments inside, which a rewrite would drop); undefined when they can.
   */
  readonly readOnly?: string;
}

export interface LoadedSidecar {
  /** The claims as read; the caller may change this copy freely. */
  sidecar: Sidecar;
  /** The text that was parsed. */
  source: string;
  warnings: Problem[];
  /** Opaque: used by serializeSidecar. */
  readonly layout: SidecarLayout;
}

export type LoadResult = { ok: true; loaded: LoadedSidecar } | { ok: false; problems: Problem[] };

const fromParser = new WeakSet<SidecarLayout>();

export function registerLayout(layout: SidecarLayout): SidecarLayout {
  fromParser.add(layout);
  return layout;
}

export function isParsedLayout(layout: unknown): layout is SidecarLayout {
  return typeof layout === 'object' && layout !== null && fromParser.has(layout as SidecarLayout);
}
