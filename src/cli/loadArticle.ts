// An article and its sidecar read into a ClaimStore, the way `add`, `export` and `import` need
// them: the repository's scale and publisher, the article's text, the claims anchored in it.
import * as fs from 'fs';
import * as path from 'path';
import type { Problem, Publisher } from '../core/model';
import { ClaimStore } from '../core/store/claimStore';
import type { StatusScale } from '../core/statusScale';
import { readArticle, scaleFor } from './files';
import { gitUserName } from './gitAuthor';

export interface LoadedArticle {
  store: ClaimStore;
  /** The store's key for the article (its path as given). */
  key: string;
  /** The article's text, or the problem that kept it from being read. */
  text: string | Problem;
  /** The sidecar's text on disk (undefined: no file), to write over only that. */
  sidecarText: string | undefined;
  scale: StatusScale;
  publisher?: Publisher;
  configProblems: Problem[];
}

export function loadArticle(article: string, sidecar: string, now?: () => string): LoadedArticle {
  const { scale, publisher, problems } = scaleFor(article);
  const sidecarText = fs.existsSync(sidecar) ? fs.readFileSync(sidecar, 'utf8') : undefined;
  const store = new ClaimStore({ scale, now, author: () => gitUserName(path.dirname(path.resolve(article))) });
  store.open(article, sidecar, path.basename(article));
  store.loadSidecar(article, sidecarText);
  const text = readArticle(article);
  if (typeof text === 'string') store.setArticleText(article, text);
  else store.setArticleText(article, '', { missing: true });
  return { store, key: article, text, sidecarText, scale, publisher, configProblems: problems };
}
