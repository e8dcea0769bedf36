// The shim git runs as Factmark's merge driver when only the VS Code extension is installed: a
// POSIX sh script (git runs drivers through sh, Git for Windows too) that runs the extension's
// command line with `node` when a recent one is on PATH, else with VS Code's own runtime as Node
// (ELECTRON_RUN_AS_NODE=1). The paths are written in, quoted; the extension rewrites the script
// when it or VS Code moves, so the path git has in .git/config stays the same.

/** The oldest Node the bundled CLI runs on (esbuild's target in scripts/bundles.mjs). */
export const MIN_NODE_MAJOR = 20;

/** `value` as one sh word, whatever it holds. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A `case` pattern matching `node --version` output of MIN_NODE_MAJOR (10–99) or later. */
function recentNodePattern(min: number): string {
  const tens = Math.floor(min / 10), ones = min % 10;
  const patterns = [`v${tens}[${ones}-9].*`];
  if (tens < 9) patterns.push(`v[${tens + 1}-9][0-9].*`);
  patterns.push('v[1-9][0-9][0-9]*.*');
  return patterns.join('|');
}

export interface ShimOptions {
  /** The CLI bundle to run (absolute). */
  cli: string;
  /** VS Code's runtime (process.execPath in the extension host): Electron, or Node in a server. */
  runtime: string;
  /** Who wrote it, for a person reading the file. */
  writtenBy: string;
}

export function driverShim(o: ShimOptions): string {
  return [
    '#!/bin/sh',
    `# Factmark's command line for git (the sidecar merge driver), written by ${o.writtenBy.replace(/[\r\n]/g, ' ')}.`,
    '# The extension rewrites this file when it or VS Code is updated; edits here are lost.',
    `cli=${shellQuote(o.cli)}`,
    'case "$(node --version 2>/dev/null)" in',
    `  ${recentNodePattern(MIN_NODE_MAJOR)}) exec node "$cli" "$@" ;;`,
    'esac',
    `ELECTRON_RUN_AS_NODE=1 exec ${shellQuote(o.runtime)} "$cli" "$@"`,
    '',
  ].join('\n');
}
