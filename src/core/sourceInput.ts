// Citing a source from what a person typed or a script passed: the checks, and the one way a
// Source is built from them (input boxes, the details view and `factmark add` all use it).
import { STANCES, type Source, type Stance } from './model';

/** An error message for the input box, or undefined when the URL is acceptable. */
export function validateSourceUrl(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Enter the address of the source (https://…).';
  let url: URL;
  try { url = new URL(v); } catch { return 'That is not a web address. It should start with https:// or http://.'; }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `Only http and https addresses can be cited (this one is ${url.protocol.replace(/:$/, '')}).`;
  if (!url.hostname) return 'The address has no host name.';
  return undefined;
}

/** The text if it is a usable source URL (e.g. what is on the clipboard), else undefined. */
export function asSourceUrl(text: string | undefined): string | undefined {
  const v = text?.trim();
  return v && !/\s/.test(v) && validateSourceUrl(v) === undefined ? v : undefined;
}

/** `YYYY-MM-DD` of the local date. */
export function isoDate(d: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function validateIsoDate(value: string): string | undefined {
  const v = value.trim();
  if (!v) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return 'Write the date as YYYY-MM-DD.';
  const d = new Date(`${v}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v ? 'That date does not exist.' : undefined;
}

/** Tags typed as "budget, housing  transport" → ["budget", "housing", "transport"], without repeats. */
export function parseTags(value: string): string[] {
  const out: string[] = [];
  for (const t of value.split(/[,\s]+/)) {
    const tag = t.trim();
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

/** What is given for a source, as typed: any field may be missing, empty or padded with spaces. */
export interface SourceFields {
  url?: string;
  title?: string;
  excerpt?: string;
  stance?: string;
  /** `YYYY-MM-DD`; not given: today; empty: no date. */
  accessed?: string;
  archive?: string;
}

/**
 * A source from its fields: the address and archive link must be http(s), the date a real
 * `YYYY-MM-DD`, the stance one of STANCES; text is trimmed and empty fields are left out (the
 * sidecar never holds `title: ""`). `today` is the local date the source was accessed when no
 * date is given. Returns the first problem as a message fit to show.
 */
export function buildSource(fields: SourceFields, today: string = isoDate()): { ok: true; source: Source } | { ok: false; message: string } {
  const text = (v: string | undefined) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const url = text(fields.url) ?? '';
  const urlError = validateSourceUrl(url);
  if (urlError) return { ok: false, message: urlError };
  const archive = text(fields.archive);
  const archiveError = archive === undefined ? undefined : validateSourceUrl(archive);
  if (archiveError) return { ok: false, message: `Archive link: ${archiveError}` };
  const accessed = fields.accessed === undefined ? today : text(fields.accessed);
  const dateError = accessed === undefined ? undefined : validateIsoDate(accessed);
  if (dateError) return { ok: false, message: `Accessed: ${dateError}` };
  const stance = text(fields.stance);
  if (stance !== undefined && !STANCES.includes(stance as Stance)) return { ok: false, message: `Stance must be one of ${STANCES.join(', ')}.` };
  const source: Source = { url };
  const title = text(fields.title), excerpt = text(fields.excerpt);
  if (title !== undefined) source.title = title;
  if (accessed !== undefined) source.accessed = accessed;
  if (archive !== undefined) source.archive = archive;
  if (excerpt !== undefined) source.excerpt = excerpt;
  if (stance !== undefined) source.stance = stance as Stance;
  return { ok: true, source };
}
