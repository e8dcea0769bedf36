// The claims of an article that break the repository's policy (`.factmark.yaml`), as the
// editor's Problems panel lists them: the same breaches `factmark check` fails on (check/policy.ts),
// placed on the claim's words, with a severity. Anchor states are not repeated here: the editor
// shows them itself (highlights, the Claims panel's re-check group).
import { breaches, type Breach } from '../check/policy';
import { oneLine } from '../present/displayText';
import type { StatusScale } from '../statusScale';
import type { ClaimEntry } from '../store/types';
import type { RepoPolicy } from './repoPolicy';

export interface PolicyProblem {
  claimId: string;
  /** Where the claim's words are now (UTF-16 offsets); absent when it is not placed. */
  start?: number;
  end?: number;
  /** The 1-based line the sidecar last placed the claim on (for a claim not placed now). */
  lineHint?: number;
  code: Breach['code'];
  /** `information`: a verdict waiting for its sign-off is work in progress, not a fault. */
  severity: 'warning' | 'information';
  message: string;
}

/** Which setting of `.factmark.yaml` asks for what a breach lacks. */
const SETTING: Record<Breach['code'], string | undefined> = {
  'anchor-state': undefined,
  status: undefined,
  'no-explanation': 'requireSources',
  'no-source': 'requireSources',
  recheck: 'requireReviews',
  disputed: 'requireReviews',
  'sign-off': 'requireReviews',
};

export function policyProblems(claims: readonly ClaimEntry[], policy: RepoPolicy, scale: StatusScale): PolicyProblem[] {
  if (!policy.requireSources && policy.requireReviews <= 0) return [];
  const out: PolicyProblem[] = [];
  const rules = { requireSources: policy.requireSources, requireReviews: policy.requireReviews, failOn: new Set<string>() };
  for (const e of claims) {
    for (const b of breaches(e.claim, e.state, rules, scale)) {
      const setting = SETTING[b.code];
      out.push({
        claimId: e.claim.id,
        ...(e.start !== undefined && e.end !== undefined ? { start: e.start, end: e.end } : {}),
        ...(e.claim.line !== undefined ? { lineHint: e.claim.line } : {}),
        code: b.code,
        severity: b.code === 'sign-off' ? 'information' : 'warning',
        message: `“${oneLine(e.claim.quote, 60)}”: ${b.message}${setting ? ` (${setting} in .factmark.yaml)` : ''}`,
      });
    }
  }
  return out;
}
