// The desk's rules in `.factmark.yaml`, applied alike by the editor (Problems panel, details,
// desk view) and by `factmark check` in CI:
//   requireReviews: 2     # every verdict needs two sign-offs by people other than its rater
//   requireSources: true  # verdicts need a source, settled claims an explanation
import type { Problem } from '../model';

export interface RepoPolicy {
  /** Approvals of its current status each settled claim needs (0: none). */
  requireReviews: number;
  /** Settled claims need an explanation, verdicts (statuses with a rating) a source too. */
  requireSources: boolean;
}

export const DEFAULT_POLICY: RepoPolicy = { requireReviews: 0, requireSources: false };
export const POLICY_KEYS = ['requireReviews', 'requireSources'] as const;
export const MAX_REVIEWS = 10;

type At = (path: (string | number)[]) => { file?: string; line?: number; column?: number };

/** Reads the policy keys of a parsed config mapping; a bad value is an error and keeps its default. */
export function readPolicy(raw: Record<string, unknown>, at: At, file: string): { policy: RepoPolicy; problems: Problem[] } {
  const policy: RepoPolicy = { ...DEFAULT_POLICY };
  const problems: Problem[] = [];
  const r = raw.requireReviews;
  if (r !== undefined && r !== null) {
    if (typeof r === 'number' && Number.isInteger(r) && r >= 0 && r <= MAX_REVIEWS) policy.requireReviews = r;
    else problems.push({ severity: 'error', code: 'config-invalid', ...at(['requireReviews']),
      message: `\`requireReviews\` must be a whole number from 0 to ${MAX_REVIEWS} (in ${file}); no sign-off is required meanwhile.` });
  }
  const s = raw.requireSources;
  if (s !== undefined && s !== null) {
    if (typeof s === 'boolean') policy.requireSources = s;
    else problems.push({ severity: 'error', code: 'config-invalid', ...at(['requireSources']),
      message: `\`requireSources\` must be true or false (in ${file}); sources are not required meanwhile.` });
  }
  return { policy, problems };
}
