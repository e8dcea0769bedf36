// `factmark review <article> <id> --approve|--dispute`: a second checker's sign-off or dispute
// of a claim's current status, written to the sidecar.
import { parseArgs } from 'util';
import { findStatus } from '../core/statusScale';
import { approvalsNeeded, summarizeReviews } from '../core/workflow/reviews';
import { editClaim, whoIs } from './claimEdit';
import { EXIT, UsageError, type Io } from './io';

export const REVIEW_HELP = `Usage: factmark review <article> <id> --approve|--dispute [options]

Signs off (--approve) or disputes (--dispute) the current status of the claim <id> as a second
checker, and writes the review to the article's sidecar. A review counts only for the status it
reviewed, and only when it is by someone other than whoever set that status: the rater cannot
review their own verdict. Each person counts once (their latest review).

Options:
  --approve              sign off the claim's current status
  --dispute              dispute it (say why with --note)
  --note TEXT            why, in a few words
  --by NAME              who reviews (default: git's user.name)
  -h, --help             this help

Exit codes: 0 recorded; 1 refused (not a verdict, your own verdict, already signed off, words
changed since it was rated) or the sidecar cannot be read; 2 usage error.`;

export async function runReview(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      approve: { type: 'boolean' },
      dispute: { type: 'boolean' },
      note: { type: 'string' },
      by: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) { io.out(REVIEW_HELP); return EXIT.ok; }
  if (positionals.length !== 2) throw new UsageError('give the article and the claim id');
  if (values.approve === values.dispute) throw new UsageError('give either --approve or --dispute');
  const verdict = values.approve ? 'approve' : 'dispute';
  const [article, id] = positionals;
  const by = whoIs(values.by, article);
  return editClaim(article, id, by, io, ({ store, article: key, entry }) => {
    const claim = store.review(key, entry.claim.id, verdict, { note: values.note });
    const label = findStatus(store.scale, claim.status)?.label ?? claim.status;
    const s = summarizeReviews(claim, store.policy.requireReviews);
    const need = approvalsNeeded(store.policy.requireReviews);
    if (verdict === 'dispute') return `${id}: “${label}” disputed by ${by}`;
    return `${id}: “${label}” approved by ${by} — ${s.approvedBy.length} of ${need} sign-off${need === 1 ? '' : 's'}${s.approvedBy.length >= need && !s.disputes.length ? ', signed off' : ''}`;
  });
}
