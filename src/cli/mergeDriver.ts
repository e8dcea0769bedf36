// `factmark merge-driver %O %A %B [%P]`: git's custom merge driver for sidecars (see
// `factmark install-git`). Merges claim by claim, then the files' formatting and comments line
// by line (see conflictText.ts), so that it keeps everything git's own line merge would have
// kept and more; conflicts are marked around the conflicting claims only. Whenever it cannot
// keep both sides' claims and lines, or a version cannot be read as a sidecar, it does what git
// would have done without the driver (a line merge with markers), so neither side is ever lost.
import { execFileSync } from 'child_process';
import * as path from 'path';
import { decodeSidecar } from '../core/articleText';
import { mergeSidecarTexts, type MergedText } from '../core/merge/conflictText';
import { parseSidecar } from '../core/sidecar/sidecarYaml';
import { MAX_TEXT_LENGTH } from '../core/limits';
import { readConfined, writeConfined } from '../node/safeFiles';
import { EXIT, UsageError, type Io } from './io';
import { formatProblem, terminalSafe } from './output';

export const MERGE_DRIVER_HELP = `Usage: factmark merge-driver <base> <ours> <theirs> [<path>]

Git merge driver for sidecars (*.claims.yaml): git runs it as
  factmark merge-driver %O %A %B %P
once "factmark install-git" has set it up. It merges the three versions claim by claim
(by claim id), then their comments and formatting line by line, as git would, and writes
the result over <ours>: claims added on both sides, and fields changed on one side only,
merge cleanly; a comment or hand formatting that only one side changed is kept. Claims
changed differently on both sides are written between git conflict markers
(<<<<<<< ours … ======= … >>>>>>> theirs), those claims only; the rest is merged. When
both sides changed the same lines otherwise, or a version is not a valid UTF-8 sidecar,
it falls back to git's own line merge (git merge-file), with markers.

Exit codes: 0 merged cleanly, 1 conflicts left for you to resolve (git reports a conflict),
2 usage error.`;

export async function runMergeDriver(argv: string[], io: Io): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) { io.out(MERGE_DRIVER_HELP); return EXIT.ok; }
  if (argv.length < 3 || argv.length > 4) throw new UsageError('give <base> <ours> <theirs> and optionally <path> (git passes %O %A %B %P)');
  const [baseFile, oursFile, theirsFile] = argv;
  // %P is the path in the repository: text from the repository, shown only escaped.
  const name = terminalSafe(argv[3] ?? oursFile);
  // git writes the three versions as temporary files in the work tree, and runs us from its top.
  const root = path.dirname(path.resolve(oursFile));
  const texts: string[] = [];
  let oursBytes: Uint8Array | undefined;
  for (const [file, side] of [[baseFile, 'base'], [oursFile, 'ours'], [theirsFile, 'theirs']] as const) {
    const read = await readConfined(file, { root: path.dirname(path.resolve(file)), maxBytes: MAX_TEXT_LENGTH, what: `${side} version` });
    if (!read.ok) {
      if (!read.missing) io.err(formatProblem(read.problem));
      return lineMerge(name, baseFile, oursFile, theirsFile, io, `the ${side} version cannot be read`);
    }
    const decoded = decodeSidecar(read.bytes, `${name} (${side})`);
    if (!decoded.ok) {
      io.err(formatProblem(decoded.problem));
      return lineMerge(name, baseFile, oursFile, theirsFile, io, `the ${side} version is not UTF-8 text`);
    }
    texts.push(decoded.text);
    if (side === 'ours') oursBytes = read.bytes;
  }
  const [baseText, oursText, theirsText] = texts;

  const ours = parseSidecar(oursText, `${name} (ours)`);
  const theirs = parseSidecar(theirsText, `${name} (theirs)`);
  // An empty base is what git passes when both sides added the file.
  const base = baseText.trim() === '' ? undefined : parseSidecar(baseText, `${name} (base)`);
  const broken = [ours, theirs, base].flatMap((r) => (r && !r.ok ? r.problems : []));
  if (broken.length || !ours.ok || !theirs.ok || (base && !base.ok)) {
    for (const p of broken.slice(0, 5)) io.err(formatProblem(p));
    return lineMerge(name, baseFile, oursFile, theirsFile, io, 'a version is not a valid sidecar');
  }

  let merged: MergedText;
  try {
    merged = mergeSidecarTexts(base?.ok ? base.loaded : undefined, ours.loaded, theirs.loaded, { diff3: usesDiff3() });
  } catch (e) {
    return lineMerge(name, baseFile, oursFile, theirsFile, io, terminalSafe((e as Error).message));
  }
  if (!merged.ok) return lineMerge(name, baseFile, oursFile, theirsFile, io, `the claims merge, but ${merged.reason}`);
  await writeConfined(oursFile, new TextEncoder().encode(merged.text), { root, expected: oursBytes, what: 'merged sidecar' });
  if (merged.conflicts.length === 0 && merged.lineConflicts === 0) return EXIT.ok;
  if (merged.conflicts.length === 0) {
    const fields = merged.fieldConflicts.length ? ` (${merged.fieldConflicts.join(', ')} changed on both sides)` : '';
    io.err(`factmark: ${name}: the claims are merged; ${merged.lineConflicts} place${merged.lineConflicts === 1 ? '' : 's'} outside them${fields} changed differently on both sides, between conflict markers.`);
    return EXIT.problems;
  }
  const what = merged.conflicts.map((c) => terminalSafe(c.fields.length ? `${c.id} (${c.fields.join(', ')})` : `${c.id} (${c.ours ? 'deleted on theirs' : c.theirs ? 'deleted on ours' : 'added on both'})`));
  io.err(`factmark: ${name}: ${merged.conflicts.length} claim${merged.conflicts.length === 1 ? '' : 's'} changed on both sides: ${what.join('; ')}. The rest is merged; resolve the marked claims (or use "Factmark: Resolve Sidecar Conflicts").`);
  return EXIT.problems;
}

/** git's own three-way line merge into `ours`; always reported as a conflict so a person looks. */
function lineMerge(name: string, base: string, ours: string, theirs: string, io: Io, why: string): number {
  io.err(`factmark: ${name}: ${why}; merging it line by line instead (git merge-file).`);
  const args = ['merge-file', '-L', 'ours', '-L', 'base', '-L', 'theirs'];
  if (usesDiff3()) args.push('--diff3');
  try {
    execFileSync('git', [...args, '--', ours, base, theirs], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
  } catch (e) {
    const status = (e as { status?: number | null }).status;
    // A positive status is the number of conflicts: the markers are in `ours`.
    if (typeof status !== 'number' || status < 0 || status > 127) {
      io.err(`factmark: git merge-file failed (${terminalSafe((e as Error).message)}); ${name} is left as ours`);
    }
  }
  return EXIT.problems;
}

/** Whether the repository asks for diff3-style conflicts (with the base version). */
function usesDiff3(): boolean {
  try {
    const style = execFileSync('git', ['config', 'merge.conflictStyle'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
    return style === 'diff3' || style === 'zdiff3';
  } catch {
    return false;
  }
}
