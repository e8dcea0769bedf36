// What `factmark check` holds claims to, and the editor's Problems panel too (with no
// `failOn`). Pure: the CLI parses flags and `.factmark.yaml` into a Policy.
import type { Claim } from '../model';
import type { StatusScale } from '../statusScale';
import { findStatus } from '../statusScale';
import { oneLine } from '../present/displayText';
import { approvalsNeeded, summarizeReviews } from '../workflow/reviews';

export interface Policy {
  /** Settled claims need an explanation, and verdicts (statuses with a rating) a source too. */
  requireSources: boolean;
  /** Anchor states (orphaned, changed, ambiguous, moved) and status keys that fail the check. */
  failOn: ReadonlySet<string>;
  /** Approvals of its current status by people other than its rater each settled claim needs. */
  requireReviews?: number;
}

/** One way a claim breaks the policy. */
export interface Breach {
  code: 'anchor-state' | 'status' | 'no-explanation' | 'no-source' | 'recheck' | 'disputed' | 'sign-off';
  message: string;
}

export const ANCHOR_STATES = ['anchored', 'moved', 'changed', 'ambiguous', 'orphaned'] as const;
export const DEFAULT_FAIL_ON = ['orphaned'];

/** Parses `--fail-on orphaned,changed,unverified` ("none" for nothing); unknown words are errors. */
export function parseFailOn(value: string, scale: StatusScale): { failOn: Set<string>; errors: string[] } {
  const failOn = new Set<string>();
  const errors: string[] = [];
  for (const word of value.split(',').map((w) => w.trim()).filter(Boolean)) {
    if (word === 'none') continue;
    if (word === 'needs-recheck') { failOn.add('changed'); failOn.add('ambiguous'); continue; }
    if (word === 'open') { for (const s of scale.statuses) if (!s.settled) failOn.add(s.key); continue; }
    if ((ANCHOR_STATES as readonly string[]).includes(word) || findStatus(scale, word)) failOn.add(word);
    else errors.push(`--fail-on: "${word}" is neither an anchor state (${ANCHOR_STATES.join(', ')}), "needs-recheck", "open", nor a status (${scale.statuses.map((s) => s.key).join(', ')})`);
  }
  return { failOn, errors };
}

/** The reasons a claim breaks the policy (empty when it does not). */
export function violations(claim: Claim, state: string, policy: Policy, scale: StatusScale): string[] {
  return breaches(claim, state, policy, scale).map((b) => b.message);
}

export function breaches(claim: Claim, state: string, policy: Policy, scale: StatusScale): Breach[] {
  const out: Breach[] = [];
  if (policy.failOn.has(state)) out.push({ code: 'anchor-state', message: `anchor is ${state}` });
  if (policy.failOn.has(claim.status)) out.push({ code: 'status', message: `status is ${claim.status}` });
  const status = findStatus(scale, claim.status);
  if (policy.requireSources && status?.settled) {
    if (!claim.explanation?.trim()) out.push({ code: 'no-explanation', message: 'settled without an explanation' });
    if (status.rating !== undefined && claim.sources.length === 0) out.push({ code: 'no-source', message: 'verdict without a source' });
  }
  const required = policy.requireReviews ?? 0;
  if (required > 0 && status?.settled) out.push(...signOffBreaches(claim, required, status.label));
  return out;
}

function signOffBreaches(claim: Claim, required: number, label: string): Breach[] {
  if (claim.recheck) {
    return [{ code: 'recheck', message: `its words were replaced after it was rated “${label}”: the verdict has to be confirmed (set the status again), then signed off again` }];
  }
  const s = summarizeReviews(claim, required);
  const out: Breach[] = [];
  for (const d of s.disputes) {
    out.push({ code: 'disputed', message: `“${label}” is disputed by ${oneLine(d.by, 60)}${d.note?.trim() ? `: ${oneLine(d.note, 200)}` : ''}` });
  }
  const need = approvalsNeeded(required);
  if (s.approvedBy.length < need) {
    const has = s.approvedBy.length ? `${s.approvedBy.length} (${s.approvedBy.map((n) => oneLine(n, 60)).join(', ')})` : 'none';
    const self = s.selfReviews.length ? '; its rater’s own review does not count' : '';
    out.push({ code: 'sign-off', message: `needs ${need} sign-off${need === 1 ? '' : 's'} of “${label}” by someone other than its rater, has ${has}${self}` });
  }
  return out;
}
