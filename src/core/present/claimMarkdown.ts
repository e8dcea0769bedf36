// The Markdown shown in a claim's hover and tree tooltip. Pure, so that escaping is unit-tested:
// every string from the sidecar goes through displayText's escaping; the only links produced are
// http(s) source links and `command:` links to the ids the caller names.
import type { Source, Stance } from '../model';
import { findStatus, type StatusScale } from '../statusScale';
import type { ClaimEntry } from '../store/types';
import { stateNotice, type StateAction } from './claimState';
import { commandLink, mdBlock, mdInline, safeHttpUrl } from './displayText';

export interface ClaimMarkdownOptions {
  /** Argument our command links pass (the claim's ref); no command links when absent. */
  ref?: { article: string; id: string };
  /** The claim's article file is missing (its claims are orphaned beside the sidecar). */
  articleMissing?: boolean;
  /** Sources listed at most (the rest counted). */
  maxSources?: number;
}

const STANCE: Record<Stance, string> = { supports: '✓ supports', refutes: '✗ refutes', context: '◦ context' };

/** Ids of the commands this Markdown may link to; a hover trusts exactly these. */
export const CLAIM_LINK_COMMANDS = [
  'factmark.setStatus', 'factmark.addSource', 'factmark.showDetails', 'factmark.acceptWording',
  'factmark.confirmPlace', 'factmark.reattach', 'factmark.openInSidecar', 'factmark.revealClaim', 'factmark.deleteClaim',
] as const;

/** The link each state action becomes (see claimState.ts). */
const ACTION_LINKS: Record<StateAction, { label: string; command: (typeof CLAIM_LINK_COMMANDS)[number] }> = {
  acceptWording: { label: 'Accept new wording', command: 'factmark.acceptWording' },
  confirmPlace: { label: 'Confirm place', command: 'factmark.confirmPlace' },
  reattach: { label: 'Re-attach to selection', command: 'factmark.reattach' },
  delete: { label: 'Delete claim', command: 'factmark.deleteClaim' },
};

export function claimMarkdown(entry: ClaimEntry, scale: StatusScale, options: ClaimMarkdownOptions = {}): string {
  const c = entry.claim;
  const status = findStatus(scale, c.status);
  const out: string[] = [];

  const label = status ? mdInline(status.label, 60) : `${mdInline(c.status, 60)} (not a status of this scale)`;
  out.push(`**${label}**${status?.definition ? ` — ${mdInline(status.definition, 300)}` : ''}`);

  const notice = stateNotice(entry, { articleMissing: options.articleMissing });
  if (notice) {
    const detail = notice.detail ? ` ${mdInline(notice.detail, 300)}` : '';
    out.push(`*${mdInline(notice.title, 200)}*${detail}\\\n${mdInline(notice.next, 300)}`);
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
    const link = (label: string, command: string) => `[${label}](${commandLink(command, a)})`;
    // The state's own next steps first (an orphan's re-attach and delete), then the usual ones.
    const links = (notice?.actions ?? []).map((x) => link(ACTION_LINKS[x].label, ACTION_LINKS[x].command));
    links.push(link('Set status', 'factmark.setStatus'), link('Add source', 'factmark.addSource'), link('Details', 'factmark.showDetails'), link('Sidecar', 'factmark.openInSidecar'));
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
