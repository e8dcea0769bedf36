// Shared by the store's let-go tests (claimStoreDropSidecar, startupCache): a store with a
// ticking clock, a claim's id in a sidecar's text, and the sidecar Factmark wrote as people and
// other tools leave it (comments, CRLF, a published header and a dismissed flow list).
import { ClaimStore } from '../../src/core/store/claimStore';
import { DEFAULT_SCALE, type StatusScale } from '../../src/core/statusScale';

/** A store whose clock ticks a second a call, the author Bo. */
export function tickingStore(scale: StatusScale = DEFAULT_SCALE): ClaimStore {
  let t = 0;
  return new ClaimStore({ scale, now: () => `2026-12-02T13:00:${String(t++).padStart(2, '0')}Z`, author: () => 'Bo' });
}

/** The id of the n-th claim in a sidecar's text. */
export const claimIdIn = (source: string, n: number): string => [...source.matchAll(/id: (\w+)/g)][n][1];

/** Sidecars as people and other tools leave them, from one Factmark wrote (of the article treaty.md): each one loads, and changes splice into it. */
export function sidecarVariants(written: string): Record<string, string> {
  return {
    'as Factmark writes it': written,
    'with comments': written
      .replace('claims:\n', '# checked by the desk on Monday\nclaims:\n  # the first one is disputed\n')
      .replace(/status: unverified\n/, 'status: unverified # ask the ministry\n'),
    'with CRLF line ends': written.replace(/\n/g, '\r\n'),
    'with a dismissed flow list and a published header': written
      .replace('article: treaty.md\n', 'article: treaty.md\npublished:\n  url: https://example.org/fact-check\n')
      + 'dismissed: [the ministry said, according to the ambassador]\n',
  };
}

/** The treaty article the let-go tests mark claims in (curly quotes, an emoji flag: not one byte a character). */
export const TREATY_TEXT = [
  'The treaty was signed in Moscow on Friday, the minister’s office said.',
  'According to the ambassador, it will remain effective for 20 years.',
  'Trade between the two countries grew by 15% last year, the ministry said. 🇷🇺',
].join('\n');

/** Where `words` are in `text`, as [start, end). */
export const wordsAt = (words: string, text = TREATY_TEXT) => [text.indexOf(words), text.indexOf(words) + words.length] as const;

/** The sidecar Factmark writes for TREATY_TEXT with three claims (tags and a source, an explanation, statuses), article and sidecar named as given. */
export function treatySidecar(article: string, sidecar: string): string {
  const s = new ClaimStore({ scale: DEFAULT_SCALE, now: () => '2026-12-02T12:00:00Z', author: () => 'Ana' });
  s.open(article, sidecar, 'treaty.md');
  s.loadSidecar(article, undefined);
  s.setArticleText(article, TREATY_TEXT);
  s.addClaim(article, ...wordsAt('signed in Moscow'), { tags: ['treaty', 'russia'], sources: [{ url: 'https://example.org/communique', title: 'The ministry’s communiqué' }] });
  s.addClaim(article, ...wordsAt('remain effective for 20 years'), { status: 'accurate', explanation: 'Article 25.\nRenewed for five years.' });
  s.addClaim(article, ...wordsAt('grew by 15% last year'), { status: 'unproven' });
  return s.serialize(article);
}
