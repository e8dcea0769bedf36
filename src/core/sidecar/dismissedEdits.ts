// The `dismissed:` list of a sidecar, spliced like the claims: entries that stay keep their
// bytes (and any comment above them), a new entry goes in before the first entry that sorts
// after it, a removed entry takes its line with it. One entry a line, sorted, so two branches
// that dismiss different sentences merge cleanly in git.
import type { Sidecar } from '../model';
import type { ItemList, SpliceSource } from '../yaml/lineSplice';
import type { SidecarLayout } from './loadedSidecar';
import { ITEM_INDENT, renderDismissedBlock, renderDismissedItem, renderDismissedKey } from './renderNewSidecar';
import type { Edit } from './splice';

export function dismissedEdits(next: Sidecar, layout: SidecarLayout, yaml: SpliceSource): Edit[] {
  const wanted = next.dismissed ?? [];
  const had = layout.dismissed;
  if (sameList(had ?? [], wanted)) return [];
  const { eol } = layout;
  const source = yaml.source;
  if (had === undefined) {
    // No key yet: it goes at the end of the file, after a blank line.
    const lead = source.length === 0 || /\n$/.test(source) ? '' : eol;
    return [{ start: source.length, end: source.length, text: lead + renderDismissedKey(wanted, eol) }];
  }
  const span = yaml.pairValueSpan(['dismissed']);
  if (!span) return [];
  const items = yaml.items('dismissed');
  const keep = new Set(wanted);
  const survivors = items && items.length === had.length ? had.flatMap((d, i) => (keep.has(d) ? [i] : [])) : [];
  if (!items || survivors.length === 0) {
    return [{ ...span, text: renderDismissedBlock(wanted, items?.length ? items.span(0).indent : ITEM_INDENT, eol) }];
  }
  const edits: Edit[] = [];
  had.forEach((d, i) => {
    if (keep.has(d)) return;
    const end = items.span(i).lineEnd;
    const breakLength = source.startsWith('\r\n', end) ? 2 : source[end] === '\n' ? 1 : 0;
    edits.push(breakLength || i === 0
      ? { start: items.span(i).extendedStart, end: end + breakLength, text: '' }
      : { start: items.span(i - 1).lineEnd, end, text: '' });
  });
  const present = new Set(had);
  const indent = items.span(survivors[0]).indent;
  const byPlace = new Map<number, string[]>(); // survivor index (or -1: after the last) → new lines
  for (const d of wanted) {
    if (present.has(d)) continue;
    const place = survivors.find((i) => had[i] > d) ?? -1;
    byPlace.set(place, [...(byPlace.get(place) ?? []), renderDismissedItem(d, indent, eol)]);
  }
  edits.push(...placeItems(byPlace, items, survivors, eol));
  return edits;
}

/**
 * Edits that insert rendered items, grouped by the surviving item they go before (-1: after the
 * last survivor), each separated from its neighbour by `separator`. Shared by claims and the
 * dismissed list.
 */
export function placeItems(byPlace: ReadonlyMap<number, readonly string[]>, items: ItemList,
  survivors: readonly number[], separator: string): Edit[] {
  const edits: Edit[] = [];
  for (const [place, texts] of byPlace) {
    if (place === -1) {
      const at = items.span(survivors[survivors.length - 1]).lineEnd;
      edits.push({ start: at, end: at, text: texts.map((t) => separator + t).join('') });
    } else {
      const at = items.span(place).extendedStart;
      edits.push({ start: at, end: at, text: texts.map((t) => t + separator).join('') });
    }
  }
  return edits;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
