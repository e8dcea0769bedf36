// The Markdown shown in a claim's hover and tree tooltip. Pure, so that escaping is unit-tested:
// every string from the sidecar goes through displayText's escaping; the only links produced are
// http(s) source links and `command:` links to the ids the caller names.
import type { Source, Stance } from '../model';
import { findStatus, type StatusScale } from '../statusScale';
import type { ClaimEntry } from '../store/types';
import { commandLink, mdBlock, mdInline, safeHttpUrl } from './displayText';

export interface ClaimMarkdownOptions {
  /** Argument our command links pass (the claim's ref); no command links when absent. */
  ref?: { article: string; id: string };
  /** Sources listed at most (the rest counted). */
  maxSources?: number;
}

const STANCE: Record<Stance, string> = { supports: '✓ supports', refutes: '✗ refutes', context: '◦ context' };

/** Ids of the commands this Markdown may link to; a hover trusts exactly these. */
export const CLAIM_LINK_COMMANDS = [
  'factmark.setStatus', 'factmark.addSource', 'factmark.showDetails', 'factmark.acceptWording',
  'factmark.reattach', 'factmark.openInSidecar', 'factmark.revealClaim',
] as const;

export function stateText(entry: ClaimEntry): string | undefined {
  switch (entry.state) {
    case 'changed': return '⟲ The words changed since the claim was rated: re-check it.';
    case 'ambiguous': return '⟲ Unsure where this claim is now: check the highlighted words.';
    case 'orphaned': return '⚠ The words of this claim were not found in the article.';
    case 'moved': return undefined;
    case 'unresolved': return 'The article has not been read yet.';
    default: return undefined;
  }
}

export function claimMarkdown(entry: ClaimEntry, scale: StatusScale, options: ClaimMarkdownOptions = {}): string {
  const c = entry.claim;
  const status = findStatus(scale, c.status);
  const out: string[] = [];

  const label = status ? mdInline(status.label, 60) : `${mdInline(c.status, 60)} (not a status of this scale)`;
  out.push(`**${label}**${status?.definition ? ` — ${mdInline(status.definition, 300)}` : ''}`);

  const state = stateText(entry);
  if (state) {
    const reason = entry.reason && entry.state !== 'unresolved' ? ` ${mdInline(entry.reason, 300)}` : '';
    out.push(`*${mdInline(state, 200)}*${reason}`);
  }
  if (entry.state === 'changed' && entry.currentText !== undefined && entry.currentText !== c.quote) {
    out.push(`Rated words: “${mdInline(c.quote, 300)}”\\\nNow: “${mdInline(entry.currentText, 300)}”`);
  }

  if (c.explanation?.trim()) out.push(mdBlock(c.explanation, 2000));

  const sources = c.sources ?? [];
  if (sources.length) {
    const max = options.maxSources ?? 8;
    const lines = sources.slice(0, max).map((s) => `- ${sourceLine(s)}`);
    if (sources.length > max) lines.push(`- … and ${sources.length - max} more`);
    out.push(`**Sources**\n\n${lines.join('\n')}`);
  } else if (status && !status.settled) {
    out.push('*No sources yet.*');
  }

  const meta: string[] = [];
  if (c.claimant?.trim()) meta.push(`Claimant: ${mdInline(c.claimant, 120)}`);
  if (c.tags?.length) meta.push(`Tags: ${c.tags.slice(0, 20).map((t) => mdInline(String(t), 40)).join(', ')}`);
  if (c.by?.trim()) meta.push(`By ${mdInline(c.by, 80)}${c.updated ? ` · ${mdInline(c.updated.slice(0, 10), 10)}` : ''}`);
  if (meta.length) out.push(meta.join(' · '));

  if (options.ref) {
    const a = [options.ref];
    const links = [`[Set status](${commandLink('factmark.setStatus', a)})`, `[Add source](${commandLink('factmark.addSource', a)})`, `[Details](${commandLink('factmark.showDetails', a)})`];
    if (entry.state === 'changed') links.unshift(`[Accept new wording](${commandLink('factmark.acceptWording', a)})`);
    links.push(`[Sidecar](${commandLink('factmark.openInSidecar', a)})`);
    out.push(links.join(' · '));
  }
  return out.join('\n\n');
}

function sourceLine(s: Source): string {
  const stance = s.stance && STANCE[s.stance] ? `${STANCE[s.stance]}: ` : '';
  const text = mdInline(s.title?.trim() || s.url || '(no address)', 120);
  const href = safeHttpUrl(s.url);
  let line = stance + (href ? `[${text}](${href})` : `${text}${s.title ? ` (${mdInline(s.url ?? '', 120)})` : ''}`);
  const archive = safeHttpUrl(s.archive);
  if (archive) line += ` · [archive](${archive})`;
  if (s.accessed) line += ` · accessed ${mdInline(s.accessed, 10)}`;
  if (s.excerpt?.trim()) line += `\\\n  “${mdInline(s.excerpt, 300)}”`;
  return line;
}
