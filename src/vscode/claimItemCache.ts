// The claims' rows of the Claims panel, kept once built. VS Code asks for every item under an
// expanded node again whenever the whole tree is redrawn (the re-check group appearing at the
// root as typing changes a claim, a filter, the policy), and an article of 10,000 claims was
// 10,000 rows built afresh for one group's sake. A row is a pure function of its node id and of
// what is kept beside it here: the claim (Claim objects are replaced, never changed in place, when
// anything of a claim changes), its anchor state, the scale, the review policy and the current
// user, and whether it sits under a status group. When all of those are the same, the row kept is
// the row a fresh build would give, and it is returned as is.
//
// A row handed out is never changed afterwards: the tooltip VS Code resolves on hover goes on a
// copy (see claimsTree.ts), so a row kept never shows a tooltip of its claim as it once was.
import type * as vscode from 'vscode';
import type { Claim } from '../core/model';
import type { StatusScale } from '../core/statusScale';
import type { ClaimEntry, ClaimState } from '../core/store/types';
import type { DeskContext } from '../core/workflow/deskState';

/** What a claim's row shows besides its node id. */
interface Inputs {
  readonly claim: Claim;
  readonly state: ClaimState;
  readonly scale: StatusScale;
  readonly requireReviews: number;
  readonly me: string | undefined;
  readonly statusAbove: boolean;
}

interface Kept extends Inputs {
  readonly item: vscode.TreeItem;
  /** The generation it was last asked for in. */
  seen: number;
}

function same(k: Inputs, e: ClaimEntry, scale: StatusScale, desk: DeskContext, statusAbove: boolean): boolean {
  return k.claim === e.claim && k.state === e.state && k.scale === scale && k.requireReviews === desk.requireReviews
    && k.me === desk.me && k.statusAbove === statusAbove;
}

/**
 * Rows by node id. A whole redraw starts a new generation (age()), and rows not asked for in the
 * last two are let go, so what is kept is bounded by what VS Code asked for lately (it holds
 * those rows itself while their nodes are shown).
 */
export class ClaimItemCache {
  private readonly kept = new Map<string, Kept>();
  private generation = 0;

  /** The row kept for the node, if it was built from these very inputs; undefined otherwise. */
  get(id: string, e: ClaimEntry, scale: StatusScale, desk: DeskContext, statusAbove: boolean): vscode.TreeItem | undefined {
    const k = this.kept.get(id);
    if (!k) return undefined;
    k.seen = this.generation;
    return same(k, e, scale, desk, statusAbove) ? k.item : undefined;
  }

  set(id: string, e: ClaimEntry, scale: StatusScale, desk: DeskContext, statusAbove: boolean, item: vscode.TreeItem): void {
    this.kept.set(id, { claim: e.claim, state: e.state, scale, requireReviews: desk.requireReviews, me: desk.me, statusAbove, item, seen: this.generation });
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
