// The corrections log of a claim (`log:` in the sidecar): what changed after a verdict was
// reached, oldest first. One function appends to it, whatever is logged — a changed status
// (workflow/statusChange.ts) or replaced words (Accept New Wording) — so that every entry has
// the same shape and key order and no empty field is written.
import type { LogChange, LogEntry } from '../model';
import { cleanName } from './people';

export interface NewLogEntry {
  change: LogChange;
  from: string;
  to: string;
  /** ISO 8601 date and time. */
  date: string;
  by?: string;
  reason?: string;
}

/** The claim's log with `entry` appended (a new array; the old one is not touched). */
export function appendLog(log: readonly LogEntry[] | undefined, entry: NewLogEntry): LogEntry[] {
  const out: LogEntry = { date: entry.date, change: entry.change, from: entry.from, to: entry.to };
  const by = cleanName(entry.by);
  if (by) out.by = by;
  const reason = entry.reason?.trim();
  if (reason) out.reason = reason;
  return [...(log ?? []), out];
}
