// The Claims panel's nodes and their ids. The view's elements are these id strings: equal ids
// are the same node (so `reveal` and expansion state just work), and an id says everything its
// item needs to be built. The article key goes last because it is the only part that may hold
// any character; claim ids, group names and offsets never hold a colon.

export type ClaimUnder = 'recheck' | 'article' | 'group';

export type OutlineNode =
  | { kind: 'recheck' }
  | { kind: 'errors' }
  | { kind: 'sidecarError'; article: string }
  | { kind: 'article'; article: string }
  /** A group of the current grouping other than by article: `by` names it, `key` is its value (a status key…). */
  | { kind: 'group'; by: string; key: string }
  | { kind: 'claim'; article: string; id: string; under: ClaimUnder }
  /** `article` undefined: every article's suggestions (when not grouped by article). */
  | { kind: 'suggestions'; article?: string }
  | { kind: 'suggestion'; article: string; start: number; end: number; under: 'article' | 'all' };

export function nodeId(n: OutlineNode): string {
  switch (n.kind) {
    case 'recheck':
    case 'errors':
      return n.kind;
    case 'sidecarError': return `sidecarError:${n.article}`;
    case 'article': return `article:${n.article}`;
    case 'group': return `group:${n.by}:${n.key}`;
    case 'claim': return `claim:${n.under}:${n.id}:${n.article}`;
    case 'suggestions': return n.article === undefined ? 'suggestions' : `suggestions:${n.article}`;
    case 'suggestion': return `suggestion:${n.under}:${n.start}-${n.end}:${n.article}`;
  }
}

/** The node an id stands for; undefined for anything nodeId cannot have made. */
export function parseNodeId(id: string): OutlineNode | undefined {
  if (id === 'recheck' || id === 'errors' || id === 'suggestions') return { kind: id };
  const colon = id.indexOf(':');
  if (colon < 0) return undefined;
  const kind = id.slice(0, colon);
  const rest = id.slice(colon + 1);
  switch (kind) {
    case 'sidecarError': return rest ? { kind, article: rest } : undefined;
    case 'article': return rest ? { kind, article: rest } : undefined;
    case 'suggestions': return rest ? { kind, article: rest } : undefined;
    case 'group': {
      const [by, key] = split(rest, 1);
      return by && key !== undefined ? { kind, by, key } : undefined;
    }
    case 'claim': {
      const [under, claim, article] = split(rest, 2);
      if ((under !== 'recheck' && under !== 'article' && under !== 'group') || !claim || !article) return undefined;
      return { kind, under, id: claim, article };
    }
    case 'suggestion': {
      const [under, span, article] = split(rest, 2);
      const m = /^(\d+)-(\d+)$/.exec(span ?? '');
      if ((under !== 'article' && under !== 'all') || !m || !article) return undefined;
      return { kind, under, start: Number(m[1]), end: Number(m[2]), article };
    }
    default:
      return undefined;
  }
}

/** `n` colon-separated parts, then the rest (which may hold colons). */
function split(text: string, n: number): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  let rest = text;
  for (let i = 0; i < n; i++) {
    const c = rest.indexOf(':');
    if (c < 0) return [...out, rest];
    out.push(rest.slice(0, c));
    rest = rest.slice(c + 1);
  }
  return [...out, rest];
}
