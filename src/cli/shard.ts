// `factmark check --shard K/N`: a stable partition of the files by path, so that N CI runners
// (a GitHub Actions matrix, GitLab `parallel`) each check one part and together check each file
// exactly once. A file's shard depends on its path relative to the repository root only (not
// on the runner, the order of the walk or the other files), so it stays put as the archive grows.
import { UsageError } from './io';

export interface Shard { index: number; count: number }

/** `K/N` with 1 ≤ K ≤ N. */
export function parseShard(text: string): Shard {
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard: "${text}" is not K/N with 1 ≤ K ≤ N (e.g. --shard 2/4 for the second of four runners)`);
  }
  return { index, count };
}

/** Whether the file at `key` (a path relative to the repository root, with `/`) is in the shard. */
export function inShard(key: string, shard: Shard): boolean {
  return shard.count === 1 || shardOf(key, shard.count) === shard.index;
}

/** 1-based shard of a path: FNV-1a over its UTF-16 code units, which spreads similar paths evenly. */
export function shardOf(key: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return ((h >>> 0) % count) + 1;
}
