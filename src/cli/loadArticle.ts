// An article and its sidecar read into a ClaimStore, the way `add`, `export` and `import` need
// them: the repository's scale and publisher, the article's text, the claims anchored in it.
import * as path from 'path';
import type { Problem, Publisher } from '../core/model';
import { ClaimStore } from '../core/store/claimStore';
import type { StatusScale } from '../core/statusScale';
import { isProblem, readArticle, readSidecar, scaleFor } from './files';
import { gitUserName } from '../node/git';

export interface LoadedArticle {
  store: ClaimStore;
  /** The store's key for the article (its path as given). */
  key: string;
  /** The article's text, or the problem that kept it from being read. */
  text: string | Problem;
  /** The sidecar's bytes on disk (undefined: no file), to write over only that. */
  sidecarBytes: Uint8Array | undefined;
  scale: StatusScale;
  publisher?: Publisher;
  configProblems: Problem[];
}

/** The article and its sidecar, or the problem that kept the sidecar from being read (a link out of the repository, a FIFO, too big, not UTF-8). */
export async function loadArticle(article: string, sidecar: string, now?: () => string): Promise<LoadedArticle | Problem> {
  const { scale, publisher, problems } = await scaleFor(article);
  const read = await readSidecar(sidecar);
  if (isProblem(read)) return read;
  const store = new ClaimStore({ scale, now, author: () => gitUserName(path.dirname(path.resolve(article))) });
  store.open(article, sidecar, path.basename(article));
  store.loadSidecar(article, read?.text);
  const text = await readArticle(article);
  if (typeof text === 'string') store.setArticleText(article, text);
  else store.setArticleText(article, '', { missing: true });
  return { store, key: article, text, sidecarBytes: read?.bytes, scale, publisher, configProblems: problems };
}
