// The `factmark` command line: the same core as the extension, for scripts, hooks and CI.
import { ChangedOnDiskError } from '../core/changedOnDisk';
import { ADD_HELP, runAdd } from './add';
import { ASSIGN_HELP, runAssign } from './assign';
import { CHECK_HELP, runCheck } from './check';
import { isCheckWorker, serveChecks } from './checkPool';
import { INSTALL_GIT_HELP, runInstallGit } from './installGit';
import { EXPORT_HELP, runExport } from './export';
import { IMPORT_HELP, runImport } from './import';
import { EXIT, processIo, UsageError, type Io } from './io';
import { MERGE_DRIVER_HELP, runMergeDriver } from './mergeDriver';
import { REVIEW_HELP, runReview } from './review';
import { STATUS_HELP, runStatus } from './status';
import { runSuggest, SUGGEST_HELP } from './suggest';
import { FileRefusedError } from '../node/safeFiles';
import { inertOutput, terminalSafe } from './output';

const HELP = `Usage: factmark <command> [options]

Commands:
  check [paths…]     validate sidecars and re-anchor claims (for CI and pre-commit hooks)
  add <article>      mark a claim from a script and print its id
  suggest <file…>    score each sentence for check-worthiness, with the reasons
  status <article> <id> <status>
                     set a claim's status (a changed verdict is logged with --reason)
  review <article> <id> --approve|--dispute
                     sign off or dispute a claim's verdict as a second checker
  assign <article> <id> <name>
                     set who is to check a claim
  export <paths…>    ClaimReview, W3C annotations, Markdown/HTML report or CSV (--format)
  import <article> <file>  W3C or Hypothesis annotations as claims of the article
  install-git        make git merge sidecars claim by claim (.gitattributes + git config)
  merge-driver       the git merge driver install-git sets up (git runs it, not you)

Run "factmark <command> --help" for a command's options.
Exit codes: 0 ok, 1 problems found, 2 usage error, 3 internal error.`;

type Command = { run: (argv: string[], io: Io) => number | Promise<number>; help: string };

export const COMMANDS: Record<string, Command> = {
  check: { run: runCheck, help: CHECK_HELP },
  add: { run: runAdd, help: ADD_HELP },
  suggest: { run: runSuggest, help: SUGGEST_HELP },
  status: { run: runStatus, help: STATUS_HELP },
  review: { run: runReview, help: REVIEW_HELP },
  assign: { run: runAssign, help: ASSIGN_HELP },
  export: { run: (argv, io) => runExport(argv, io), help: EXPORT_HELP },
  import: { run: (argv, io) => runImport(argv, io), help: IMPORT_HELP },
  'install-git': { run: runInstallGit, help: INSTALL_GIT_HELP },
  'merge-driver': { run: runMergeDriver, help: MERGE_DRIVER_HELP },
};

export async function main(argv: string[], raw: Io = processIo): Promise<number> {
  // The one place all output passes: nothing from a file or a path reaches a terminal raw.
  const io: Io = { out: (line) => raw.out(inertOutput(line)), err: (line) => raw.err(inertOutput(line)) };
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') { io.out(HELP); return name ? EXIT.ok : EXIT.usage; }
  if (name === '--version' || name === '-v') { io.out(VERSION); return EXIT.ok; }
  const command = COMMANDS[name];
  if (!command) { io.err(`factmark: unknown command "${terminalSafe(name)}"\n\n${HELP}`); return EXIT.usage; }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`factmark ${name}: ${terminalSafe((e as Error).message)}\nRun "factmark ${name} --help" for usage.`);
      return EXIT.usage;
    }
    io.err(`factmark ${name}: ${terminalSafe((e as Error).message)}`);
    return e instanceof ChangedOnDiskError || e instanceof FileRefusedError ? EXIT.problems : EXIT.internal;
  }
}

declare const FACTMARK_VERSION: string | undefined;
const VERSION = typeof FACTMARK_VERSION === 'string' ? FACTMARK_VERSION : 'dev';

if (isCheckWorker()) {
  // A thread of a parallel `factmark check` (checkPool.ts starts this file again as a worker).
  serveChecks();
} else if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
