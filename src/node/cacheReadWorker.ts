// The worker thread that reads the start-up cache file at activation (bundled on its own as
// dist/cacheReadWorker.js; started by src/vscode/desktop/startupCacheFile.ts): reads it, hashes
// its body and indexes its lines (cacheFileBytes.ts), then moves the bytes to the host, not a copy.
import { parentPort, workerData } from 'worker_threads';
import { readCacheBytes } from './cacheFileBytes';

const { file, maxBytes } = workerData as { file: string; maxBytes: number };
const read = readCacheBytes(file, maxBytes);
parentPort?.postMessage(read, read.ok ? [read.bytes.buffer as ArrayBuffer, read.lines.buffer as ArrayBuffer] : []);
