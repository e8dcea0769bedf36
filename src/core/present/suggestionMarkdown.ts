// The Markdown of a suggested sentence's hover: that it is a suggestion, why it was suggested (the
// same explanation as the Claims panel's tooltip, core/suggest/explain.ts), and links to accept
// or dismiss it. Pure; every string from the article is escaped.
import { suggestionMarkdown } from '../suggest/explain';
import type { Suggestion } from '../suggest/suggestClaims';
import { commandLink, mdInline } from './displayText';

/** The commands a suggestion's hover links to; the hover trusts exactly these. */
export const SUGGESTION_LINK_COMMANDS = ['factmark.acceptSuggestion', 'factmark.dismissSuggestion'] as const;

export interface SuggestionHoverOptions {
  /** Argument the links pass (the suggestion's ref); no links when absent. */
  ref?: { article: string; start: number; end: number };
  /** Key hints after the links, e.g. "Ctrl+Alt+A / Ctrl+Alt+D". */
  keys?: string;
}

export function suggestionHoverMarkdown(s: Pick<Suggestion, 'text' | 'score' | 'reasons' | 'features'>, options: SuggestionHoverOptions = {}): string {
  const out = ['**Suggested claim**: no claim covers this sentence yet.', suggestionMarkdown(s)];
  if (options.ref) {
    const a = [options.ref];
    const links = `[Accept as claim](${commandLink('factmark.acceptSuggestion', a)}) · [Dismiss](${commandLink('factmark.dismissSuggestion', a)})`;
    out.push(options.keys ? `${links} (${mdInline(options.keys, 40)})` : links);
  }
  out.push('*Accept* marks it as a claim; *Dismiss* never suggests it again (remembered in the sidecar).');
  return out.join('\n\n');
}
