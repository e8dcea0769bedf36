// Setting a claim's status: who set it and when (`rater`, `rated`) go with it, replaced words
// wait no more for confirmation (`recheck` is cleared), and a settled claim keeps the change in
// its corrections log instead of being overwritten silently. A new verdict needs a reason; a
// verdict taken back to an open status may have one.
import type { Claim } from '../model';
import { findStatus, isSettled, type StatusScale } from '../statusScale';
import { appendLog } from './log';
import { cleanName } from './people';

/** Whether changing the claim's status to `to` asks for a reason: `required` for a changed verdict, `optional` when a verdict goes back to an open status. */
export function reasonFor(claim: Claim, to: string, scale: StatusScale): 'required' | 'optional' | 'none' {
  if (to === claim.status || !isSettled(scale, claim.status)) return 'none';
  return isSettled(scale, to) ? 'required' : 'optional';
}

export interface StatusChange {
  scale: StatusScale;
  /** ISO 8601 date and time of the change. */
  now: string;
  /** Who sets the status (written as `rater`; the rater is left out when unknown). */
  by?: string;
  /** Why: goes into the corrections log when the claim was settled. */
  reason?: string;
}

export type StatusPatch = { ok: true; patch: Partial<Claim> | undefined } | { ok: false; message: string };

/**
 * The fields to change for setting the claim's status to `to`; `patch` undefined when nothing
 * changes (the same status again, its verdict not waiting for confirmation).
 */
export function statusPatch(claim: Claim, to: string, change: StatusChange): StatusPatch {
  const target = findStatus(change.scale, to);
  if (!target) return { ok: false, message: `"${to}" is not a status of this repository's scale.` };
  if (to === claim.status && !claim.recheck) return { ok: true, patch: undefined };
  const need = reasonFor(claim, to, change.scale);
  const reason = change.reason?.trim();
  if (need === 'required' && !reason) {
    const from = findStatus(change.scale, claim.status)?.label ?? claim.status;
    return { ok: false, message: `Changing the verdict “${from}” to “${target.label}” needs a reason: it goes into the claim's corrections log.` };
  }
  const by = cleanName(change.by);
  const patch: Partial<Claim> = { status: to, rater: by, rated: change.now, recheck: undefined };
  if (need !== 'none') patch.log = appendLog(claim.log, { change: 'status', from: claim.status, to, date: change.now, by, reason });
  return { ok: true, patch };
}
