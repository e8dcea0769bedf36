// `factmark status <article> <id> <status>`: sets a claim's status from a script; who set it and
// when go with it, and a changed verdict is kept in the claim's corrections log with its reason.
import { parseArgs } from 'util';
import { findStatus } from '../core/statusScale';
import { reasonFor } from '../core/workflow/statusChange';
import { editClaim, whoIs } from './claimEdit';
import { scaleFor } from './files';
import { EXIT, UsageError, type Io } from './io';

export const STATUS_HELP = `Usage: factmark status <article> <id> <status> [options]

Sets the status of the claim <id> to <status> (a key of the scale), records who set it and
when (rater, rated) and writes the sidecar. When the claim already had a verdict, the change is
kept in its corrections log (from, to, reason, date, by) instead of overwriting it silently.

Options:
  --reason TEXT          why: required to change one verdict into another, optional when a
                         verdict goes back to an open status
  --by NAME              who sets it (default: git's user.name)
  -h, --help             this help

Exit codes: 0 set (or already so), 1 the claim or its sidecar cannot be found or read, 2 usage
error (unknown status, a changed verdict without --reason).`;

export async function runStatus(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      reason: { type: 'string' },
      by: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) { io.out(STATUS_HELP); return EXIT.ok; }
  if (positionals.length !== 3) throw new UsageError('give the article, the claim id and the status');
  const [article, id, status] = positionals;
  const { scale } = await scaleFor(article);
  const target = findStatus(scale, status);
  if (!target) throw new UsageError(`"${status}" is not a status; use one of ${scale.statuses.map((s) => s.key).join(', ')}`);
  const by = whoIs(values.by, article);
  return editClaim(article, id, by, io, ({ store, article: key, entry }) => {
    const before = entry.claim;
    const from = findStatus(store.scale, before.status)?.label ?? before.status;
    if (reasonFor(before, status, store.scale) === 'required' && !values.reason?.trim()) {
      throw new UsageError(`${id} is “${from}”: changing a verdict needs --reason TEXT (it goes into the claim's corrections log)`);
    }
    if (before.status === status && !before.recheck) return `${id}: already “${target.label}”; nothing changed`;
    const after = store.setStatus(key, before.id, status, { reason: values.reason });
    const logged = (after.log?.length ?? 0) > (before.log?.length ?? 0);
    if (before.status === status) return `${id}: “${target.label}” confirmed for its new words`;
    return `${id}: “${from}” → “${target.label}”${logged ? ' (in the corrections log)' : ''}`;
  });
}
