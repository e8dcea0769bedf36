// Making text from a sidecar safe to show. Sidecars are edited by hand and arrive through git, so
// every string in them is treated as hostile: bidi controls could reorder what a reviewer reads
// (Trojan Source), Markdown could smuggle links or commands into a trusted hover, and a megabyte
// explanation must not freeze the UI.

/** Bidi embedding/override/isolate controls and the invisible direction marks. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function stripBidi(text: string): string {
  return text.replace(BIDI, '');
}

/** Cuts `text` to at most `max` UTF-16 units (ellipsis included), never inside a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - 1);
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return text.slice(0, cut) + '…';
}

/** One line for labels, status bars and quick picks: no controls, whitespace collapsed, short. */
export function oneLine(text: string, max = 80): string {
  return truncate(stripBidi(text).replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim(), max);
}

/** Text for a quick pick, which renders `$(name)` as an icon: shown as it is instead. */
export function withoutIcons(text: string): string {
  return text.replace(/\$\(/g, '$\u200b(');
}

/** Words of a claim or sentence for a message: on one line, short, in quotation marks. */
export function short(text: string, max = 60): string {
  return `“${oneLine(text, max)}”`;
}

/**
 * Text for VS Code's plain-text UI: notifications and error messages, quick picks, the status bar,
 * progress titles. VS Code still reads two things in such text: `[label](command:…)` (also
 * `https:` and `file:`) becomes a link in a notification, which runs the command with the
 * arguments in the text; `$(name)` becomes an icon in quick picks, the status bar and progress.
 * Both are broken with a zero-width space after `]` and after `$`, so the text reads the same but
 * never becomes live; controls and bidi controls go as in oneLine. `max` cuts very long text.
 */
export function uiText(text: string, max = 1000): string {
  return oneLine(text, max).replace(/\](?=\()/g, ']\u200b').replace(/\$(?=\()/g, '$\u200b');
}

/** uiText for a modal dialog's `detail`, which keeps its line breaks. */
export function uiDetail(text: string, max = 4000): string {
  return truncate(text, max).split(/\r\n?|\n/).map((l) => uiText(l, max)).join('\n');
}

/**
 * Escapes text for a Markdown document. CommonMark lets any ASCII punctuation be escaped with a
 * backslash, so escaping all of it is the one rule that cannot miss a construct: no emphasis,
 * links, autolinks (`:`), HTML (`<`), entities (`&`), tables (`|`) or theme icons (`$(`).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** A single-line Markdown fragment from untrusted text. */
export function mdInline(text: string, max = 200): string {
  return escapeMarkdown(oneLine(text, max));
}

/**
 * Untrusted multi-line text as Markdown paragraphs. Leading spaces are dropped so that no line
 * becomes a code block; line breaks inside a paragraph are kept as hard breaks.
 */
export function mdBlock(text: string, max = 2000): string {
  const clean = truncate(stripBidi(text).replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' '), max);
  return clean
    .split(/\n\s*\n/)
    .map((para) => para.split('\n').map((l) => escapeMarkdown(l.trim().replace(/\s+/g, ' '))).filter(Boolean).join('\\\n'))
    .filter(Boolean)
    .join('\n\n');
}

/** The URL if it is an http(s) address, normalised and safe inside a Markdown link, else undefined. */
export function safeHttpUrl(text: string | undefined): string | undefined {
  if (!text) return undefined;
  let url: URL;
  try { url = new URL(text.trim()); } catch { return undefined; }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (!url.hostname) return undefined;
  // `href` is already percent-encoded except for characters that end a Markdown link target.
  return url.href.replace(/[()<>\s"'\\]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

/** `command:` link to one of our commands with JSON arguments. */
export function commandLink(command: string, args: readonly unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/**
 * Text from a file inside a notification: one line, and no `[text](target)` (the workbench turns
 * that into a link, command links included).
 */
export function notificationText(text: string, max = 300): string {
  return oneLine(text, max).replace(/\]\s*\(/g, ']\u200b(');
}
