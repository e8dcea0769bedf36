// `factmark install-git`: tells git to merge sidecars with `factmark merge-driver`: a line in
// the repository's .gitattributes (committed, so it is shared) and the driver command in the
// repository's git config (local: git never runs commands from a cloned repository by itself).
// The driver command is tried first, the way git will run it: one that cannot run is never
// written, because git would then fail every merge of a sidecar (an npm 404, "not found").
import { execFileSync, spawnSync } from 'child_process';
import * as path from 'path';
import { parseArgs } from 'util';
import { decodeSidecar } from '../core/articleText';
import { MAX_CONFIG_BYTES } from '../core/limits';
import { SIDECAR_SUFFIX, type Problem } from '../core/model';
import { readConfined, writeConfined } from '../node/safeFiles';
import { EXIT, type Io } from './io';
import { formatProblem } from './output';

/** Tried in this order when no --command is given: an installed `factmark`, then the project's own. */
export const DEFAULT_DRIVER_COMMANDS = ['factmark', 'npx --no-install factmark'] as const;
export const DRIVER_NAME = 'Factmark sidecar merge (claim by claim)';
export const ATTRIBUTES_LINE = `*${SIDECAR_SUFFIX} merge=factmark`;

export const INSTALL_GIT_HELP = `Usage: factmark install-git [--command CMD]

Sets up the repository of the current folder so that git merges sidecars claim by claim:
  - adds "${ATTRIBUTES_LINE}" to .gitattributes at the repository root (commit it);
  - sets git config merge.factmark.name and merge.factmark.driver to
    "<CMD> merge-driver %O %A %B %P" in the repository's .git/config (each clone runs this once).
Before writing anything it runs "<CMD> merge-driver --help" as git would (through sh, in the
repository) and refuses a command that does not run. Running it again changes nothing that is
already set.

Options:
  --command CMD          how git should run factmark (default: the first of
                         ${DEFAULT_DRIVER_COMMANDS.map((c) => `"${c}"`).join(', ')} that runs here)
  -h, --help             this help

Without Node, the VS Code extension sets git up itself: "Factmark: Set Up Git Merging for Sidecars".

Exit codes: 0 done, 1 not in a git repository, no driver command that runs, or git failed,
2 usage error.`;

export async function runInstallGit(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { command: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) { io.out(INSTALL_GIT_HELP); return EXIT.ok; }
  const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 }).trim();
  let root: string;
  try { root = git('rev-parse', '--show-toplevel'); } catch {
    io.err('factmark install-git: not inside a git repository (run it in your repository, after git init or git clone)');
    return EXIT.problems;
  }

  // A .gitattributes that links out of the repository (or into .git) is neither read nor written.
  const attributes = path.join(root, '.gitattributes');
  const read = await readConfined(attributes, { root, maxBytes: MAX_CONFIG_BYTES, what: '.gitattributes file' });
  const decoded = read.ok ? decodeSidecar(read.bytes, attributes) : undefined;
  if ((!read.ok && !read.missing) || (decoded && !decoded.ok)) {
    io.err(formatProblem(!read.ok && !read.missing ? read.problem : (decoded as { problem: Problem }).problem));
    io.err(`factmark install-git: .gitattributes was left as it is; nothing was set up. Add this line to the repository's .gitattributes yourself, then run install-git again:\n  ${ATTRIBUTES_LINE}`);
    return EXIT.problems;
  }

  const given = values.command?.trim();
  const command = given ? (probeDriver(given, root) === undefined ? given : undefined) : DEFAULT_DRIVER_COMMANDS.find((c) => probeDriver(c, root) === undefined);
  if (command === undefined) {
    io.err(cannotRun(given, given ? probeDriver(given, root) : undefined));
    return EXIT.problems;
  }

  const before = decoded?.ok ? decoded.text : '';
  const next = withAttributesLine(before);
  if (next === before) io.out(`.gitattributes already has: ${ATTRIBUTES_LINE}`);
  else {
    await writeConfined(attributes, new TextEncoder().encode(next), { root, expected: read.ok ? read.bytes : undefined, what: '.gitattributes file' });
    io.out(`${before ? 'added to' : 'created'} .gitattributes: ${ATTRIBUTES_LINE}`);
  }

  const driver = `${command} merge-driver %O %A %B %P`;
  for (const [key, value] of [['merge.factmark.name', DRIVER_NAME], ['merge.factmark.driver', driver]]) {
    let current: string | undefined;
    try { current = git('config', '--local', '--get', key); } catch { current = undefined; }
    if (current === value) { io.out(`git config ${key} already "${value}"`); continue; }
    try { git('config', '--local', key, value); } catch (e) {
      io.err(`factmark install-git: git config ${key} failed: ${(e as Error).message}`);
      return EXIT.problems;
    }
    io.out(`git config ${key} "${value}"${current !== undefined ? ` (was "${current}")` : ''}`);
  }
  if (next !== before) io.out('Commit .gitattributes so that everyone merges sidecars the same way; each clone runs "factmark install-git" once.');
  return EXIT.ok;
}

/**
 * Runs `<command> merge-driver --help` the way git runs a driver (through sh, in the repository's
 * root) and returns why it failed, or undefined when it ran and is Factmark's merge driver.
 */
export function probeDriver(command: string, cwd: string): string | undefined {
  const line = `${command} merge-driver --help`;
  const r = process.platform === 'win32'
    ? spawnSync(line, { cwd, shell: true, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawnSync('/bin/sh', ['-c', line], { cwd, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) return r.error.message;
  if (r.status === 0 && /factmark merge-driver/.test(r.stdout)) return undefined;
  if (r.status === 0) return 'it ran but is not the factmark merge driver';
  // The line that says what went wrong ("Error: Cannot find module …", "factmark: not found").
  const lines = (r.stderr || r.stdout || '').split('\n').map((l) => l.trim()).filter(Boolean);
  const said = lines.find((l) => /error|not found|cannot|denied|missing/i.test(l)) ?? lines[0];
  return `exit ${r.status ?? r.signal}${said ? `: ${said.slice(0, 300)}` : ''}`;
}

function cannotRun(given: string | undefined, why: string | undefined): string {
  const tried = given ? `"${given}" does not run here (${why})` : `neither ${DEFAULT_DRIVER_COMMANDS.map((c) => `"${c}"`).join(' nor ')} runs here (no factmark on PATH, none in this project's node_modules)`;
  return [
    `factmark install-git: git could not run the merge driver: ${tried}. Nothing was written. Either:`,
    '  - install the factmark command line (npm install -g with the Factmark package, see its README), then run install-git again',
    '  - or, with only the VS Code extension, run "Factmark: Set Up Git Merging for Sidecars" from the Command Palette',
    '  - or say how to run factmark:   factmark install-git --command "node /path/to/factmark/dist/cli.js"',
  ].join('\n');
}

/** .gitattributes text with the driver line, unchanged when a line already gives sidecars merge=factmark. */
export function withAttributesLine(text: string): string {
  const present = text.split(/\r?\n/).some((line) => {
    const [pattern, ...attrs] = line.trim().split(/\s+/);
    return pattern === `*${SIDECAR_SUFFIX}` && attrs.includes('merge=factmark');
  });
  if (present) return text;
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const sep = text === '' || text.endsWith('\n') ? '' : eol;
  return `${text}${sep}${ATTRIBUTES_LINE}${eol}`;
}
