// Exit codes and output channels of the CLI (injectable, so commands are testable in-process).
export const EXIT = { ok: 0, problems: 1, usage: 2, internal: 3 } as const;

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

/**
 * stdout and stderr. When the reader goes away (`factmark check | head`), writing fails with
 * EPIPE: the rest of the output is dropped quietly (no stack trace) and the command still ends
 * with its own exit code, so `set -o pipefail` sees a failed check as failed.
 */
export const processIo: Io = {
  out: (line) => write(process.stdout, line),
  err: (line) => write(process.stderr, line),
};

const closed = new WeakSet<NodeJS.WriteStream>();
const watched = new WeakSet<NodeJS.WriteStream>();

function write(stream: NodeJS.WriteStream, line: string): void {
  if (!watched.has(stream)) {
    watched.add(stream);
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      closed.add(stream);
    });
  }
  if (closed.has(stream)) return;
  stream.write(line + '\n');
}

/** Wrong flags or arguments: printed with a hint to --help, exit code 2. */
export class UsageError extends Error {}
