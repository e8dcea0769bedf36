// Exit codes and output channels of the CLI (injectable, so commands are testable in-process).
export const EXIT = { ok: 0, problems: 1, usage: 2, internal: 3 } as const;

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export const processIo: Io = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

/** Wrong flags or arguments: printed with a hint to --help, exit code 2. */
export class UsageError extends Error {}
