// What a command receives from the Claims panel. The panel's elements are node ids (see
// core/present/outlineIds.ts), and VS Code passes the element to a command run from the panel:
// the row's own for an inline button or its context menu, the focused row's for a button of the
// view's title bar. The command table turns such an id into the plain reference every command
// takes ({ article, id } for a claim, { article, start, end } for a suggestion…), so that a
// button on a row acts on that row's claim, never on the one under the editor's cursor.
import { parseNodeId, type OutlineNode } from '../core/present/outlineIds';

/** A reference made from a panel row; `treeNode` says which kind of row it came from. */
export type TreeTarget =
  | { treeNode: 'claim'; article: string; id: string }
  | { treeNode: 'suggestion'; article: string; start: number; end: number }
  | { treeNode: 'article' | 'sidecarError'; article: string }
  /** A Suggestions group: one article's (`article`), or every article's. */
  | { treeNode: 'suggestions'; article?: string }
  /** A group row (re-check, errors, a status): about no claim in particular. */
  | { treeNode: 'group' };

/** The reference a panel element stands for; anything else is returned as it is. */
export function fromTreeElement(arg: unknown): unknown {
  if (typeof arg !== 'string') return arg;
  const n = parseNodeId(arg);
  return n ? target(n) : arg;
}

function target(n: OutlineNode): TreeTarget {
  switch (n.kind) {
    case 'claim': return { treeNode: 'claim', article: n.article, id: n.id };
    case 'suggestion': return { treeNode: 'suggestion', article: n.article, start: n.start, end: n.end };
    case 'article':
    case 'sidecarError': return { treeNode: n.kind, article: n.article };
    case 'suggestions': return n.article === undefined ? { treeNode: 'suggestions' } : { treeNode: 'suggestions', article: n.article };
    default: return { treeNode: 'group' };
  }
}

/** The kind of panel row an argument came from; undefined when it did not come from the panel. */
export function treeNodeOf(arg: unknown): TreeTarget['treeNode'] | undefined {
  const t = (arg as { treeNode?: unknown } | null | undefined)?.treeNode;
  return typeof t === 'string' ? (t as TreeTarget['treeNode']) : undefined;
}
