// The worker thread of the cold start-up scan (bundled on its own as dist/scanWorker.js; started
// by src/vscode/desktop/scanWorkers.ts): digests the batches of articles it is sent, in order,
// and answers each batch with one message.
import * as os from 'os';
import { parentPort, workerData } from 'worker_threads';
import type { StatusScale } from '../core/statusScale';
import type { Digested } from '../core/store/startupCache';
import { digestOne, toWire, type DigestJob } from './scanDigest';

const WORKER_NICE = 10;

// Below the extension host's own thread and the rest of VS Code: on a machine with few cores a
// busy worker would otherwise keep the host waiting for a core (stalls of 100–350 ms measured on
// 2). On Linux the nice value is the calling thread's own; elsewhere it is the whole process's,
// so it is left alone there.
if (process.platform === 'linux') {
  try { os.setPriority(0, WORKER_NICE); } catch { /* (not allowed: left as it is) */ }
}
const { scale } = workerData as { scale: StatusScale };
parentPort?.on('message', (jobs: DigestJob[]) => {
  const results = jobs.map((job) => {
    let d: Digested;
    try {
      d = digestOne(job, scale);
    } catch (e) {
      d = { key: job.key, declined: `failed (${e instanceof Error ? e.message : String(e)})` };
    }
    return toWire(d);
  });
  // (the entries' bytes moved, not copied)
  parentPort?.postMessage(results.map((r) => r.wire), results.flatMap((r) => (r.transfer ? [r.transfer] : [])));
});
