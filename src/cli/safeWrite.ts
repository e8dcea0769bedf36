// Crash-safe writes: the new content goes to a temporary file beside the target, which is then
// renamed over it, so the target is always either the old or the new version. Before the
// rename the target is compared with what was read, so a change made meanwhile is not lost.
import * as fs from 'fs';
import * as path from 'path';

export class ChangedOnDiskError extends Error {}

export function writeFileSafely(file: string, content: string, expected: string | undefined): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  fs.writeFileSync(tmp, content, { flag: 'wx' });
  try {
    const now = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    if (now !== expected) throw new ChangedOnDiskError(`${file} changed on disk while Factmark was working on it; nothing was written, run the command again`);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
