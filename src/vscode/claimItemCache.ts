// The claims' rows of the Claims panel, kept once built. VS Code asks for every item under an
// expanded node again whenever the whole tree is redrawn (the re-check group appearing at the
// root as typing changes a claim, a filter, the policy), and an article of 10,000 claims was
// 10,000 rows built afresh for one group's sake. A row is a pure function of its node id and of
// what is kept beside it here: the claim (Claim objects are replaced, never changed in place, when
// anything of a claim changes), its anchor state, the scale, the review policy and the current
// user, and whether it sits under a status group. When all of those are the same, the row kept is
// the row a fresh build would give, and it is returned as is. The node the id stands for is kept
// too (an id always stands for the same node), so that a whole redraw of 10,000 kept rows parses
// no id and builds no claim entry: the store is only asked whether it still holds that very claim
// object in that state.
//
// A row handed out is never changed afterwards: the tooltip VS Code resolves on hover goes on a
// copy (see claimsTree.ts), so a row kept never shows a tooltip of its claim as it once was.
import type * as vscode from 'vscode';
import type { Claim } from '../core/model';
import type { StatusScale } from '../core/statusScale';
import type { ClaimEntry, ClaimState } from '../core/store/types';
import type { DeskContext } from '../core/workflow/deskState';
import type { OutlineNode } from '../core/present/outlineIds';

export type ClaimNode = Extract<OutlineNode, { kind: 'claim' }>;

/** What a claim's row shows besides its node id. */
interface Inputs {
  readonly claim: Claim;
  readonly state: ClaimState;
  readonly scale: StatusScale;
  readonly requireReviews: number;
  readonly me: string | undefined;
  readonly statusAbove: boolean;
}

export interface KeptRow extends Inputs {
  /** The node its id stands for. */
  readonly node: ClaimNode;
  readonly item: vscode.TreeItem;
  /** The generation it was last asked for in. */
  seen: number;
}

/** Whether the store's claim of that id in the article is this very object, in this state. */
export type Holds = (article: string, claim: Claim, state: ClaimState) => boolean;

/**
 * Rows by node id. A whole redraw starts a new generation (age()), and rows not asked for in the
 * last two are let go, so what is kept is bounded by what VS Code asked for lately (it holds
 * those rows itself while their nodes are shown).
 */
export class ClaimItemCache {
  private readonly kept = new Map<string, KeptRow>();
  private generation = 0;

  /** The row kept for the node id, whatever it was built from (it counts as asked for). */
  peek(id: string): KeptRow | undefined {
    const k = this.kept.get(id);
    if (k) k.seen = this.generation;
    return k;
  }

  /**
   * Whether the row kept is the row a build would give now: built for this scale, policy, user
   * and grouping, from the claim object and state that `holds` says the store has for it still.
   */
  fresh(k: KeptRow, scale: StatusScale, desk: DeskContext, statusAbove: boolean, holds: Holds): boolean {
    return k.scale === scale && k.requireReviews === desk.requireReviews && k.me === desk.me && k.statusAbove === statusAbove
      && holds(k.node.article, k.claim, k.state);
  }

  set(id: string, node: ClaimNode, e: ClaimEntry, scale: StatusScale, desk: DeskContext, statusAbove: boolean, item: vscode.TreeItem): void {
    this.kept.set(id, { node, claim: e.claim, state: e.state, scale, requireReviews: desk.requireReviews, me: desk.me, statusAbove, item, seen: this.generation });
  }

  /** A whole redraw: rows asked for neither since the last one nor in the one before are let go. */
  age(): void {
    this.generation++;
    for (const [id, k] of this.kept) if (k.seen < this.generation - 1) this.kept.delete(id);
  }

  clear(): void {
    this.kept.clear();
  }

  /** Rows kept. */
  get size(): number {
    return this.kept.size;
  }
}
