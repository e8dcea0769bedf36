// Writes a sidecar. On top of a previous load the original text is kept and spliced: untouched
// claims keep their bytes (comments, quoting, blank lines, CRLF), a changed claim is re-rendered
// from its own parsed node edited in place, new claims go in article order (by offset hint) and
// deleted claims' lines are removed; the `dismissed:` list is spliced the same way (see
// dismissedEdits.ts). So a change touches only its claim's lines, and two
// branches that change different claims merge cleanly in git.
import type { Sidecar } from '../model';
import { renderItem, renderScalar, topLevelKeyEdit } from '../yaml/yamlDocument';
import { SIDECAR_STYLE, claimContentKey, claimToData, publishedToData, sidecarToData } from './claimData';
import { dismissedEdits, placeItems } from './dismissedEdits';
import { isParsedLayout } from './loadedSidecar';
import type { LoadedSidecar, SidecarLayout } from './loadedSidecar';
import { renderClaimsBlock, renderNewSidecar } from './renderNewSidecar';
import { applyEdits, type Edit } from './splice';
import { validateSidecarData } from './validate';

/**
 * The text of `next`. With `previous` (from parseSidecar of the file on disk) only what changed
 * is rewritten. Throws if `next` is not a valid sidecar or `previous` did not come from a
 * successful parse: both are programming errors, never a user's file.
 */
export function serializeSidecar(next: Sidecar, previous?: LoadedSidecar): string {
  const errors = validateSidecarData(sidecarToData(next)).filter((p) => p.severity === 'error');
  if (errors.length) throw new Error(`serializeSidecar: refusing to write invalid claims: ${errors.map((e) => e.message).join(' ')}`);
  if (!previous) return renderNewSidecar(next);
  if (!isParsedLayout(previous.layout)) throw new Error('serializeSidecar: `previous` must come from a successful parseSidecar');
  const layout = previous.layout;
  // A sidecar written as one flow mapping cannot have a key spliced in: write it afresh.
  if (!layout.yaml.isBlockMapping() && JSON.stringify(publishedToData(next.published)) !== JSON.stringify(publishedToData(layout.published))) return renderNewSidecar(next);
  const edits = [...headerEdits(next, layout), ...claimEdits(next, layout), ...dismissedEdits(next, layout)];
  // Nothing changed: the text as read (the yaml Document, built lazily, is not needed for that).
  if (!edits.length) return previous.source;
  return applyEdits(layout.yaml.source, edits);
}

function headerEdits(next: Sidecar, layout: SidecarLayout): Edit[] {
  const edits: Edit[] = [];
  const replace = (key: 'factmark' | 'article', value: string | number) => {
    const span = layout.yaml.pairValueSpan([key]);
    if (span) edits.push({ ...span, text: ' ' + renderScalar(value) });
  };
  if (next.factmark !== layout.factmark) replace('factmark', next.factmark);
  if (next.article !== layout.article) replace('article', next.article);
  // `published:` is re-rendered whole when it changed (it goes after `article:` when new).
  const published = publishedToData(next.published);
  if (JSON.stringify(published) !== JSON.stringify(publishedToData(layout.published))) {
    const edit = topLevelKeyEdit(layout.yaml, 'published', published, SIDECAR_STYLE, layout.eol, 'article');
    if (edit) edits.push(edit);
  }
  return edits;
}

function claimEdits(next: Sidecar, layout: SidecarLayout): Edit[] {
  const nextIndex = new Map(next.claims.map((c, i) => [c.id, i]));
  const nextKeys = next.claims.map(claimContentKey);
  const prevIds = new Set(layout.ids);
  const unchanged = layout.ids.length === next.claims.length
    && layout.ids.every((id, i) => nextIndex.has(id) && nextKeys[nextIndex.get(id)!] === layout.contentKeys[i]);
  if (unchanged) return [];

  const items = layout.items;
  const survivors = layout.ids.flatMap((id, i) => (nextIndex.has(id) ? [i] : []));
  if (!items || survivors.length === 0) return replaceAllClaims(next, layout);

  const { yaml, eol } = layout;
  const edits: Edit[] = [];
  for (const i of survivors) {
    const j = nextIndex.get(layout.ids[i])!;
    if (nextKeys[j] === layout.contentKeys[i]) continue;
    edits.push({ start: items[i].lineStart, end: items[i].lineEnd,
      text: yaml.renderEditedItem(['claims'], i, claimToData(next.claims[j]), SIDECAR_STYLE, items[i].indent, eol) });
  }
  edits.push(...deletionEdits(layout, items, nextIndex));
  edits.push(...insertionEdits(next, layout, items, survivors, nextIndex, prevIds));
  return edits;
}

/** Each run of deleted claims goes with the gap after it (or before it, at the end of the list). */
function deletionEdits(layout: SidecarLayout, items: SidecarLayout['items'] & object, nextIndex: Map<string, number>): Edit[] {
  const edits: Edit[] = [];
  const last = items.length - 1;
  for (let a = 0; a <= last; a++) {
    if (nextIndex.has(layout.ids[a])) continue;
    let b = a;
    while (b < last && !nextIndex.has(layout.ids[b + 1])) b++;
    edits.push(b < last
      ? { start: items[a].extendedStart, end: items[b + 1].extendedStart, text: '' }
      : { start: items[a - 1].lineEnd, end: items[b].lineEnd, text: '' });
    a = b;
  }
  return edits;
}

/** New claims go before the first surviving claim that comes later in the article. */
function insertionEdits(next: Sidecar, layout: SidecarLayout, items: SidecarLayout['items'] & object, survivors: number[],
  nextIndex: Map<string, number>, prevIds: Set<string>): Edit[] {
  const added = next.claims.filter((c) => !prevIds.has(c.id));
  if (!added.length) return [];
  const { eol } = layout;
  const indent = items[survivors[0]].indent;
  const gap = eol + (blankLineBetweenClaims(layout, items) ? eol : '');
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

function blankLineBetweenClaims(layout: SidecarLayout, items: SidecarLayout['items'] & object): boolean {
  if (items.length < 2) return true;
  return /\n[ \t]*\r?\n/.test(layout.yaml.source.slice(items[0].lineEnd, items[1].extendedStart));
}

/** When the list cannot be spliced (flow style, or every claim replaced): rewrite its value. */
function replaceAllClaims(next: Sidecar, layout: SidecarLayout): Edit[] {
  const span = layout.yaml.pairValueSpan(['claims']);
  if (!span) throw new Error('serializeSidecar: the loaded file has no `claims` key');
  const indent = layout.items?.[0]?.indent ?? 2;
  return [{ ...span, text: renderClaimsBlock(next, indent, layout.eol) }];
}
