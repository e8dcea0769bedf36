// Text from articles and sidecars reaches reports as text only: HTML-escaped in the HTML report,
// Markdown-escaped in the Markdown report, and a link only when it is an http(s) address.
// Bidirectional overrides and other invisible controls are made visible, so that a quote
// cannot reorder what a reader sees around it.

const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

/** Controls and bidi marks as `\u{…}` so that they are seen, not obeyed. */
export function visibleControls(s: string): string {
  return s.replace(INVISIBLE, (c) => `\\u{${c.charCodeAt(0).toString(16).padStart(4, '0')}}`);
}

/** Text for HTML content and attribute values (double-quoted). */
export function escapeHtml(s: string): string {
  return visibleControls(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Text for a Markdown paragraph or table cell: every character Markdown or inline HTML could
 * read as syntax is backslash-escaped or written as an entity, and line breaks become spaces.
 */
export function escapeMarkdown(s: string): string {
  return visibleControls(s)
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\`*_\[\]|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    // What starts a heading, list or quote only counts at the start of a line.
    .replace(/^(\s*)([#+\->]|\d+(?=[.)]))/, (_m, space: string, lead: string) => `${space}${/^\d/.test(lead) ? `${lead}\\` : `\\${lead}`}`)
    // A URL written out would be turned into a link by GitHub's autolinking: break the scheme.
    .replace(/\b(https?|ftp|mailto|javascript|data|file|vbscript):/gi, (m, scheme: string) => `${scheme}&#58;`)
    .replace(/\bwww\./gi, 'www&#46;');
}

/** The address when it is a plain http(s) URL, else undefined (never a link). */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const u = url.trim();
  if (!/^https?:\/\/[^\s/?#<>"'`\\]+[^\s<>"'`\\]*$/i.test(u)) return undefined;
  return new RegExp(INVISIBLE.source).test(u) ? undefined : u;
}
