// Progress figures for an article (status bar, tree descriptions, CLI summary).
import type { StatusScale } from '../statusScale';
import { isSettled } from '../statusScale';
import type { ClaimEntry, ClaimState } from './types';

export interface Progress {
  total: number;
  /** Claims with a verdict (a settled status). */
  settled: number;
  /** Not settled yet: what still needs work. */
  open: number;
  /** Words changed since rated, or an unsure anchor. */
  needsRecheck: number;
  /** Of those, the claims whose words changed (Accept New Wording applies). */
  wordsChanged: number;
  orphaned: number;
  byStatus: Map<string, number>;
}

export function progressOf(claims: readonly ClaimEntry[], scale: StatusScale): Progress {
  const count = new ProgressCount();
  for (const c of claims) count.add(c.claim.status, c.state);
  return count.progress(scale);
}

/** Whether a claim in that state counts as needing re-check (its words changed, or its place is unsure). */
function needsRecheckIn(state: ClaimState): number {
  return state === 'changed' || state === 'ambiguous' ? 1 : 0;
}

/**
 * The progress once some claims moved from one anchor state to another, their statuses as they
 * were (typing into a claim's words, or back to them): what counting every claim again gives.
 * `moves` holds each move's state before and after. The counts by status are shared with `p`.
 */
export function afterStateMoves(p: Progress, moves: readonly (readonly [was: ClaimState, now: ClaimState])[]): Progress {
  let { needsRecheck, wordsChanged, orphaned } = p;
  for (const [was, now] of moves) {
    needsRecheck += needsRecheckIn(now) - needsRecheckIn(was);
    wordsChanged += (now === 'changed' ? 1 : 0) - (was === 'changed' ? 1 : 0);
    orphaned += (now === 'orphaned' ? 1 : 0) - (was === 'orphaned' ? 1 : 0);
  }
  return { ...p, needsRecheck, wordsChanged, orphaned };
}

/**
 * Counts the progress figures claim by claim, from each claim's status and state (progressOf
 * from entries; the store from its placements, without building every claim's entry).
 */
export class ProgressCount {
  // An article may have 10,000 claims and a scale a dozen statuses: the statuses seen are counted
  // in a short list (a Map lookup per claim costs more than a few string compares), and whether
  // a status is settled is asked once per status, not once per claim.
  private readonly keys: string[] = [];
  private readonly counts: number[] = [];
  private total = 0;
  private needsRecheck = 0;
  private wordsChanged = 0;
  private orphaned = 0;

  add(status: string, state: ClaimState): void {
    this.total++;
    const keys = this.keys;
    let k = 0;
    while (k < keys.length && keys[k] !== status) k++;
    if (k === keys.length) { keys.push(status); this.counts.push(1); } else this.counts[k]++;
    this.needsRecheck += needsRecheckIn(state);
    this.wordsChanged += state === 'changed' ? 1 : 0;
    this.orphaned += state === 'orphaned' ? 1 : 0;
  }

  progress(scale: StatusScale): Progress {
    const byStatus = new Map<string, number>();
    let settled = 0;
    this.keys.forEach((status, k) => {
      byStatus.set(status, this.counts[k]);
      if (isSettled(scale, status)) settled += this.counts[k];
    });
    const { total, needsRecheck, wordsChanged, orphaned } = this;
    return { total, settled, open: total - settled, needsRecheck, wordsChanged, orphaned, byStatus };
  }
}

/** "7/12 checked · 1 false · 1 needs re-check" */
export function progressLabel(p: Progress, scale: StatusScale): string {
  const parts = [`${p.settled}/${p.total} checked`];
  for (const s of scale.statuses) {
    const n = p.byStatus.get(s.key) ?? 0;
    if (n && s.settled && s.rating !== undefined && s.rating <= 2) parts.push(`${n} ${s.label.toLowerCase()}`);
  }
  if (p.needsRecheck) parts.push(`${p.needsRecheck} needs re-check`);
  if (p.orphaned) parts.push(`${p.orphaned} orphaned`);
  return parts.join(' · ');
}

/** "6/8 checked · 3 to re-check": what fits in the status bar; the rest goes in its tooltip. */
export function shortProgressLabel(p: Progress): string {
  const recheck = p.needsRecheck + p.orphaned;
  return `${p.settled}/${p.total} checked${recheck ? ` · ${recheck} to re-check` : ''}`;
}

/** The lines of the full account, e.g. ["6 of 8 claims checked, 2 still open", "1 misleading · 1 mostly false", …]. */
export function progressLines(p: Progress, scale: StatusScale): string[] {
  const lines = [`${p.settled} of ${p.total} claim${p.total === 1 ? '' : 's'} checked, ${p.open} still open`];
  const verdicts = scale.statuses
    .filter((s) => (p.byStatus.get(s.key) ?? 0) > 0)
    .map((s) => `${p.byStatus.get(s.key)} ${s.label.toLowerCase()}`);
  if (verdicts.length) lines.push(verdicts.join(' · '));
  const recheck: string[] = [];
  if (p.needsRecheck) recheck.push(`${p.needsRecheck} need${p.needsRecheck === 1 ? 's' : ''} re-check`);
  if (p.orphaned) recheck.push(`${p.orphaned} orphaned (words not found)`);
  if (recheck.length) lines.push(recheck.join(' · '));
  return lines;
}
