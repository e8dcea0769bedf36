// The Markdown of a suggested sentence's hover and its Claims-panel tooltip: why it was suggested,
// and links to accept or dismiss it. Pure; every string from the article is escaped.
import type { Suggestion } from '../suggest/suggestClaims';
import { commandLink, mdInline } from './displayText';

/** The commands a suggestion's Markdown links to; a hover trusts exactly these. */
export const SUGGESTION_LINK_COMMANDS = ['factmark.acceptSuggestion', 'factmark.dismissSuggestion'] as const;

export interface SuggestionMarkdownOptions {
  /** Argument the links pass (the suggestion's ref); no links when absent. */
  ref?: { article: string; start: number; end: number };
  /** Quote the sentence first (the tooltip of a panel row, which does not show it whole). */
  quote?: boolean;
  /** Key hints after the links, e.g. "Ctrl+Alt+A / Ctrl+Alt+D". */
  keys?: string;
}

export function suggestionMarkdown(s: Suggestion, options: SuggestionMarkdownOptions = {}): string {
  const out: string[] = [];
  if (options.quote) out.push(`“${mdInline(s.text, 300)}”`);
  out.push(`**Suggested claim** — no claim covers this sentence yet. Check-worthiness ${mdInline(String(s.score), 12)}, because of:`);
  if (s.reasons.length) out.push(s.reasons.slice(0, 12).map((r) => `- ${mdInline(r, 80)}`).join('\n'));
  if (options.ref) {
    const a = [options.ref];
    const links = `[Accept as claim](${commandLink('factmark.acceptSuggestion', a)}) · [Dismiss](${commandLink('factmark.dismissSuggestion', a)})`;
    out.push(options.keys ? `${links} (${mdInline(options.keys, 40)})` : links);
  }
  out.push('*Accept* marks it as a claim; *Dismiss* never suggests it again (remembered in the sidecar).');
  return out.join('\n\n');
}
