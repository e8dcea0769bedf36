// What `factmark review`, `status` and `assign` share: one claim of an article opened for an
// edit through the same store the extension uses, and the sidecar written back safely (never
// over a file that does not parse, never over a change made meanwhile).
import * as path from 'path';
import { SIDECAR_SUFFIX, sidecarPathFor } from '../core/model';
import { didYouMean } from '../core/sidecar/didYouMean';
import { ClaimStore } from '../core/store/claimStore';
import { StoreError, type ClaimEntry } from '../core/store/types';
import { cleanName } from '../core/workflow/people';
import { repositoryRoot, writeConfined } from '../node/safeFiles';
import { isProblem, readArticle, readSidecar, scaleFor } from './files';
import { gitUserName } from '../node/git';
import { EXIT, UsageError, type Io } from './io';
import { formatProblem, terminalSafe } from './output';

/** An article given by its own path or by its sidecar's. */
export function articleAndSidecar(arg: string): { article: string; sidecar: string } {
  if (arg.endsWith(SIDECAR_SUFFIX)) return { article: arg.slice(0, -SIDECAR_SUFFIX.length), sidecar: arg };
  return { article: arg, sidecar: sidecarPathFor(arg) };
}

/** `--by NAME`, else git's user.name in the article's folder. */
export function whoIs(by: string | undefined, article: string): string | undefined {
  if (by !== undefined) {
    const name = cleanName(by);
    if (!name) throw new UsageError('--by needs a name');
    return name;
  }
  return gitUserName(path.dirname(path.resolve(article)));
}

export interface ClaimEdit {
  store: ClaimStore;
  article: string;
  entry: ClaimEntry;
}

/**
 * Loads the article and its sidecar, runs `edit` on the claim `id` and writes the sidecar when
 * something changed. `edit` returns the line to print; a StoreError it throws is printed and
 * exits 1 with nothing written.
 */
export async function editClaim(articleArg: string, id: string, by: string | undefined, io: Io, edit: (e: ClaimEdit) => string): Promise<number> {
  const { article, sidecar } = articleAndSidecar(articleArg);
  const before = await readSidecar(sidecar);
  if (before === undefined) {
    io.err(`${terminalSafe(article)} has no claims yet (no ${terminalSafe(path.basename(sidecar))})`);
    return EXIT.problems;
  }
  if (isProblem(before)) {
    io.err(formatProblem(before));
    io.err(`${terminalSafe(sidecar)} cannot be read; nothing was written`);
    return EXIT.problems;
  }
  const text = await readArticle(article);
  if (typeof text !== 'string') { io.err(formatProblem(text)); return EXIT.problems; }
  const { scale, policy, problems } = await scaleFor(article);
  for (const p of problems) io.err(formatProblem(p));
  const store = new ClaimStore({ scale, policy, author: () => by });
  store.open(article, sidecar, path.basename(article));
  store.loadSidecar(article, before.text);
  const snapshot = store.get(article);
  if (snapshot?.sidecarState !== 'ok') {
    for (const p of snapshot?.problems ?? []) io.err(formatProblem(p));
    io.err(`${terminalSafe(sidecar)} has errors; nothing was written`);
    return EXIT.problems;
  }
  store.setArticleText(article, text);
  const entry = store.claim(article, id);
  if (!entry) {
    const ids = store.get(article)?.claims.map((c) => c.claim.id) ?? [];
    const hint = didYouMean(id, ids);
    io.err(`${terminalSafe(sidecar)}: there is no claim "${terminalSafe(id)}"${hint ? `; did you mean "${hint}"?` : ids.length ? ` (its claims: ${ids.join(', ')})` : ''}`);
    return EXIT.problems;
  }
  let message: string;
  try {
    message = edit({ store, article, entry });
  } catch (e) {
    if (!(e instanceof StoreError)) throw e;
    io.err(`${terminalSafe(article)}: ${terminalSafe(id)}: ${terminalSafe(e.message)}`);
    return EXIT.problems;
  }
  if (store.get(article)?.dirty) {
    // Written only over the bytes read: a change made meanwhile (another writer, a hand edit) is
    // ChangedOnDiskError and nothing is written.
    await writeConfined(sidecar, new TextEncoder().encode(store.serialize(article)), { root: repositoryRoot(article), expected: before.bytes, what: 'sidecar' });
  }
  io.out(terminalSafe(message));
  return EXIT.ok;
}
