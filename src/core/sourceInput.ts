// Checks for what a user types when citing a source (used by the extension's input boxes).

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
