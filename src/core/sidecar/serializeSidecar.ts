// Writes a sidecar. On top of a previous load the original text is kept and spliced: untouched
// claims keep their bytes (comments, quoting, blank lines, CRLF), a changed claim is re-rendered
// from its own parsed node edited in place, new claims go in article order (by offset hint) and
// deleted claims' lines are removed; the `dismissed:` list is spliced the same way (see
// dismissedEdits.ts). So a change touches only its claim's lines, and two
// branches that change different claims merge cleanly in git. For a file the fast reader read,
// the spans and nodes come from its lines and the changed claims alone (lineSplice.ts), so a
// write costs the claims it changes, not the file; otherwise (and when lineSplice.ts cannot
// answer) from the whole yaml Document, which is never built for a file too large for it.
import type { Sidecar } from '../model';
import { MAX_FULL_PARSE_VALUES } from '../limits';
import { LineSpliceUnsupported, documentSplice, type ItemList, type SpliceSource } from '../yaml/lineSplice';
import { renderItem, renderScalar, topLevelKeyEdit } from '../yaml/yamlDocument';
import { SIDECAR_STYLE, claimContentKey, claimToData, publishedToData, sidecarToData } from './claimData';
import { dismissedEdits, placeItems } from './dismissedEdits';
import { isParsedLayout } from './loadedSidecar';
import type { LoadedSidecar, SidecarLayout } from './loadedSidecar';
import { renderClaimsBlock, renderNewSidecar } from './renderNewSidecar';
import { applyEdits, type Edit } from './splice';
import { validateSidecarData } from './validate';

export interface SerializeOptions {
  /**
   * Claims whose place the user set since the file was read (Confirm Place, Re-attach, Accept New
   * Wording): rewritten even when only their position hints differ, for the hints are then the
   * point of the change (two copies of the same sentence in the same context differ by nothing else).
   */
  placed?: ReadonlySet<string>;
}

/**
 * The text of `next`. With `previous` (from parseSidecar of the file on disk) only what changed
 * is rewritten; a claim whose position hints (line, offset) alone moved is not, unless its id is
 * in `options.placed`. Throws if `next` is not a valid sidecar or `previous` did not come from a
 * successful parse: both are programming errors, never a user's file.
 */
export function serializeSidecar(next: Sidecar, previous?: LoadedSidecar, options: SerializeOptions = {}): string {
  const errors = validateSidecarData(sidecarToData(next)).filter((p) => p.severity === 'error');
  if (errors.length) throw new Error(`serializeSidecar: refusing to write invalid claims: ${errors.map((e) => e.message).join(' ')}`);
  if (!previous) return renderNewSidecar(next);
  if (!isParsedLayout(previous.layout)) throw new Error('serializeSidecar: `previous` must come from a successful parseSidecar');
  const layout = previous.layout;
  const lines = layout.lines;
  if (lines) {
    try {
      if (lines.items('claims')?.length !== (layout.ids.length || undefined)) throw new LineSpliceUnsupported('claims');
      return splice(next, layout, lines, options.placed);
    } catch (e) {
      if (!(e instanceof LineSpliceUnsupported)) throw e;
    }
  }
  if (layout.large) {
    // Not reached for a file the fast reader read (lineSplice.ts follows every such file); the
    // store refuses changes to one it cannot follow (layout.readOnly) before they are made.
    throw new Error(`serializeSidecar: ${layout.file ?? 'the sidecar'} holds more than ${MAX_FULL_PARSE_VALUES.toLocaleString('en')} values and its lines cannot be followed; Factmark will not build the whole YAML document (seconds) to write it`);
  }
  return splice(next, layout, documentSplice(layout.yaml, (key) => (key === 'claims' ? layout.items : key === 'dismissed' ? layout.dismissedItems : undefined)), options.placed);
}

function splice(next: Sidecar, layout: SidecarLayout, yaml: SpliceSource, placed: ReadonlySet<string> | undefined): string {
  // A sidecar written as one flow mapping cannot have a key spliced in: write it afresh.
  if (!yaml.isBlockMapping() && JSON.stringify(publishedToData(next.published)) !== JSON.stringify(publishedToData(layout.published))) return renderNewSidecar(next);
  const edits = [...headerEdits(next, layout, yaml), ...claimEdits(next, layout, yaml, placed), ...dismissedEdits(next, layout, yaml)];
  // Nothing changed: the text as read (the yaml Document, built lazily, is not needed for that).
  if (!edits.length) return yaml.source;
  return applyEdits(yaml.source, edits);
}

function headerEdits(next: Sidecar, layout: SidecarLayout, yaml: SpliceSource): Edit[] {
  const edits: Edit[] = [];
  const replace = (key: 'factmark' | 'article', value: string | number) => {
    const span = yaml.pairValueSpan([key]);
    if (span) edits.push({ ...span, text: ' ' + renderScalar(value) });
  };
  if (next.factmark !== layout.factmark) replace('factmark', next.factmark);
  if (next.article !== layout.article) replace('article', next.article);
  // `published:` is re-rendered whole when it changed (it goes after `article:` when new).
  const published = publishedToData(next.published);
  if (JSON.stringify(published) !== JSON.stringify(publishedToData(layout.published))) {
    const edit = topLevelKeyEdit(yaml, 'published', published, SIDECAR_STYLE, layout.eol, 'article');
    if (edit) edits.push(edit);
  }
  return edits;
}

function claimEdits(next: Sidecar, layout: SidecarLayout, yaml: SpliceSource, placed: ReadonlySet<string> | undefined): Edit[] {
  const nextIndex = new Map(next.claims.map((c, i) => [c.id, i]));
  const nextKeys = next.claims.map(claimContentKey);
  const prevIds = new Set(layout.ids);
  const same = (i: number) => !placed?.has(layout.ids[i]) && nextKeys[nextIndex.get(layout.ids[i])!] === layout.contentKeys[i];
  const unchanged = layout.ids.length === next.claims.length
    && layout.ids.every((id, i) => nextIndex.has(id) && same(i));
  if (unchanged) return [];

  const items = yaml.items('claims');
  const survivors = layout.ids.flatMap((id, i) => (nextIndex.has(id) ? [i] : []));
  if (!items || survivors.length === 0) return replaceAllClaims(next, layout, yaml);

  const { eol } = layout;
  const edits: Edit[] = [];
  for (const i of survivors) {
    const j = nextIndex.get(layout.ids[i])!;
    if (same(i)) continue;
    const span = items.span(i);
    edits.push({ start: span.lineStart, end: span.lineEnd,
      text: yaml.renderEditedItem(['claims'], i, claimToData(next.claims[j]), SIDECAR_STYLE, span.indent, eol) });
  }
  edits.push(...deletionEdits(layout, items, nextIndex));
  edits.push(...insertionEdits(next, layout, yaml, items, survivors, nextIndex, prevIds));
  return edits;
}

/** Each run of deleted claims goes with the gap after it (or before it, at the end of the list). */
function deletionEdits(layout: SidecarLayout, items: ItemList, nextIndex: Map<string, number>): Edit[] {
  const edits: Edit[] = [];
  const last = items.length - 1;
  for (let a = 0; a <= last; a++) {
    if (nextIndex.has(layout.ids[a])) continue;
    let b = a;
    while (b < last && !nextIndex.has(layout.ids[b + 1])) b++;
    edits.push(b < last
      ? { start: items.span(a).extendedStart, end: items.span(b + 1).extendedStart, text: '' }
      : { start: items.span(a - 1).lineEnd, end: items.span(b).lineEnd, text: '' });
    a = b;
  }
  return edits;
}

/** New claims go before the first surviving claim that comes later in the article. */
function insertionEdits(next: Sidecar, layout: SidecarLayout, yaml: SpliceSource, items: ItemList, survivors: number[],
  nextIndex: Map<string, number>, prevIds: Set<string>): Edit[] {
  const added = next.claims.filter((c) => !prevIds.has(c.id));
  if (!added.length) return [];
  const { eol } = layout;
  const indent = items.span(survivors[0]).indent;
  const gap = eol + (blankLineBetweenClaims(yaml, items) ? eol : '');
  const offsetOf = (i: number) => next.claims[nextIndex.get(layout.ids[i])!].offset;
  const byPlace = new Map<number, string[]>(); // survivor index (or -1 for the end) → rendered claims
  const sorted = added.map((c, k) => ({ c, k }))
    .sort((x, y) => (x.c.offset ?? Infinity) - (y.c.offset ?? Infinity) || x.k - y.k);
  for (const { c } of sorted) {
    const before = c.offset === undefined ? undefined : survivors.find((i) => (offsetOf(i) ?? -Infinity) > c.offset!);
    const place = before ?? -1;
    byPlace.set(place, [...(byPlace.get(place) ?? []), renderItem(claimToData(c), SIDECAR_STYLE, 'claims', indent, eol)]);
  }
  return placeItems(byPlace, items, survivors, gap);
}

function blankLineBetweenClaims(yaml: SpliceSource, items: ItemList): boolean {
  if (items.length < 2) return true;
  return /\n[ \t]*\r?\n/.test(yaml.source.slice(items.span(0).lineEnd, items.span(1).extendedStart));
}

/** When the list cannot be spliced (flow style, or every claim replaced): rewrite its value. */
function replaceAllClaims(next: Sidecar, layout: SidecarLayout, yaml: SpliceSource): Edit[] {
  const span = yaml.pairValueSpan(['claims']);
  if (!span) throw new Error('serializeSidecar: the loaded file has no `claims` key');
  const items = yaml.items('claims');
  const indent = items?.length ? items.span(0).indent : 2;
  return [{ ...span, text: renderClaimsBlock(next, indent, layout.eol) }];
}
