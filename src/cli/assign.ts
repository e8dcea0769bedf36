// `factmark assign <article> <id> NAME|--none`: who is to check a claim.
import { parseArgs } from 'util';
import { cleanName } from '../core/workflow/people';
import { editClaim, whoIs } from './claimEdit';
import { EXIT, UsageError, type Io } from './io';

export const ASSIGN_HELP = `Usage: factmark assign <article> <id> <name>
       factmark assign <article> <id> --none

Sets who is to check the claim <id> (its assignee), or with --none leaves it unassigned, and
writes the sidecar.

Options:
  --none                 remove the assignee
  --by NAME              who makes the change (default: git's user.name)
  -h, --help             this help

Exit codes: 0 done, 1 the claim or its sidecar cannot be found or read, 2 usage error.`;

export async function runAssign(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      none: { type: 'boolean' },
      by: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) { io.out(ASSIGN_HELP); return EXIT.ok; }
  if (positionals.length !== (values.none ? 2 : 3)) throw new UsageError(values.none ? 'give the article and the claim id' : 'give the article, the claim id and a name (or --none)');
  const [article, id, name] = positionals;
  const assignee = values.none ? undefined : cleanName(name);
  if (!values.none && !assignee) throw new UsageError('the name is empty');
  const by = whoIs(values.by, article);
  return editClaim(article, id, by, io, ({ store, article: key, entry }) => {
    if (entry.claim.assignee === assignee) return `${id}: ${assignee ? `already assigned to ${assignee}` : 'not assigned'}; nothing changed`;
    store.updateClaim(key, entry.claim.id, { assignee });
    return assignee ? `${id}: assigned to ${assignee}` : `${id}: unassigned`;
  });
}
