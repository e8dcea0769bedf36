// The worker threads of the cold start-up scan (see src/node/scanDigest.ts): each is sent small
// batches of articles and answers each with what it made of them; whichever is free gets the next
// batch. They are started for one scan and ended with it (their heaps go with them). Should one
// fail to start or die, the articles it had, and any not handed out, are simply not digested:
// the host reads them itself.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { Worker } from 'worker_threads';
import type { StatusScale } from '../../core/statusScale';
import type { Digested } from '../../core/store/startupCache';
import { fromWire, type DigestJob, type WireDigested } from '../../node/scanDigest';
import type { DigestArticle, ScanDigester } from '../platform';
import { realRootOf, rootOf } from './localFiles';

/** Articles handed to a worker at a time (small enough to keep every worker busy to the end), and batches a worker is kept ahead by. */
const BATCH = 16;
const AHEAD = 2;
/** At most this many workers, however many cores. */
const MAX_WORKERS = 3;
/** A worker that answers nothing for this long is taken for stuck. */
const STUCK_MS = 30_000;

export function scanWorkers(extensionPath: string, log: vscode.LogOutputChannel): ScanDigester | undefined {
  const script = path.join(extensionPath, 'dist', 'scanWorker.js');
  if (!fs.existsSync(script)) return undefined;
  return { digest: (articles, scale, signal, onResults) => digestIn(script, articles, scale, signal, onResults, log) };
}

function digestIn(script: string, articles: readonly DigestArticle[], scale: StatusScale, signal: AbortSignal, onResults: (results: readonly Digested[]) => void, log: vscode.LogOutputChannel): Promise<number> {
  const local = articles.filter((a) => a.article.scheme === 'file' && a.sidecar.scheme === 'file');
  const batches: DigestArticle[][] = [];
  for (let i = 0; i < local.length; i += BATCH) batches.push(local.slice(i, i + BATCH));
  // (a batch's paths and folder are worked out as it is handed out: for 5,000 articles at once, 130 ms in one piece)
  const jobsOf = (batch: readonly DigestArticle[]): DigestJob[] => batch.map((a) => {
    const root = rootOf(a.article);
    return { key: a.key, sidecarUri: a.sidecar.toString(), articleName: a.articleName, articlePath: a.article.fsPath, sidecarPath: a.sidecar.fsPath, root, realRoot: realRootOf(root) };
  });
  // (niced on Linux only, see scanWorker.ts: elsewhere a core is left to the host)
  const cores = os.availableParallelism() - (process.platform === 'linux' ? 0 : 1);
  const count = Math.min(MAX_WORKERS, Math.max(1, cores), batches.length);
  if (!count || signal.aborted) return Promise.resolve(0);
  return new Promise<number>((resolve) => {
    let next = 0;
    let live = 0;
    let resolved = false;
    const workers: Worker[] = [];
    /** Each worker's watch on itself, cleared when all are ended at once (the extension ends): no warning then, no timer left. */
    const unwatch: (() => void)[] = [];
    const end = (now = false) => {
      if ((live > 0 && !now) || resolved) return;
      resolved = true;
      signal.removeEventListener('abort', abort);
      for (const u of unwatch) u();
      for (const w of workers) void w.terminate();
      resolve(workers.length);
    };
    const abort = () => end(true);
    signal.addEventListener('abort', abort);
    const give = (w: Worker) => {
      if (next >= batches.length) return false;
      try {
        w.postMessage(jobsOf(batches[next++]));
        return true;
      } catch (e) {
        log.warn(`start-up scan: a batch could not be handed to a worker thread (${String(e)}); its articles are read here`);
        return false;
      }
    };
    for (let i = 0; i < count; i++) {
      let outstanding = 0;
      let w: Worker;
      try {
        w = new Worker(script, { workerData: { scale } });
      } catch (e) {
        log.warn(`start-up scan: a worker thread could not start (${String(e)}); its articles are read here`);
        continue;
      }
      workers.push(w);
      live++;
      let gone = false;
      let stuck: ReturnType<typeof setTimeout> | undefined;
      unwatch.push(() => { gone = true; if (stuck) clearTimeout(stuck); });
      const stop = (why?: string) => {
        if (gone) return;
        gone = true;
        if (stuck) clearTimeout(stuck);
        if (why) { log.warn(`start-up scan: a worker thread ended (${why}); its articles are read here`); void w.terminate(); }
        live--;
        end();
      };
      // A worker that answers nothing for this long (a read hung on a network mount) is ended; its articles are read here.
      const watch = () => {
        if (stuck) clearTimeout(stuck);
        stuck = setTimeout(() => stop(`no answer in ${STUCK_MS / 1000} s`), STUCK_MS);
      };
      w.on('message', (results: WireDigested[]) => {
        if (gone) return;
        outstanding--;
        try { onResults(results.map(fromWire)); } catch (e) { log.error(`start-up scan: ${String(e)}`); }
        if (give(w)) { outstanding++; watch(); }
        else if (outstanding === 0) stop();
        else watch();
      });
      w.on('error', (e) => stop(String(e)));
      w.on('messageerror', (e) => stop(`a message it sent could not be read: ${String(e)}`));
      w.on('exit', (code) => stop(code === 0 ? undefined : `exit code ${code}`));
      for (let k = 0; k < AHEAD; k++) if (give(w)) outstanding++;
      if (outstanding === 0) stop();
      else watch();
    }
    end();
  });
}
