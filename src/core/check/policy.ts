// What `factmark check` holds claims to. Pure: the CLI parses flags into a Policy.
import type { Claim } from '../model';
import type { StatusScale } from '../statusScale';
import { findStatus } from '../statusScale';

export interface Policy {
  /** Settled claims need an explanation, and verdicts (statuses with a rating) a source too. */
  requireSources: boolean;
  /** Anchor states (orphaned, changed, ambiguous, moved) and status keys that fail the check. */
  failOn: ReadonlySet<string>;
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
  const out: string[] = [];
  if (policy.failOn.has(state)) out.push(`anchor is ${state}`);
  if (policy.failOn.has(claim.status)) out.push(`status is ${claim.status}`);
  const status = findStatus(scale, claim.status);
  if (policy.requireSources && status?.settled) {
    if (!claim.explanation?.trim()) out.push('settled without an explanation');
    if (status.rating !== undefined && claim.sources.length === 0) out.push('verdict without a source');
  }
  return out;
}
