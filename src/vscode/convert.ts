// Offsets (UTF-16 code units, what the core uses) ↔ VS Code positions and ranges.
import * as vscode from 'vscode';
import type { ClaimEntry } from '../core/store/types';
import type { TextChange } from '../core/anchoring/editTracker';

export interface OffsetRange { start: number; end: number }

export function toRange(document: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(document.positionAt(start), document.positionAt(end));
}

export function toOffsets(document: vscode.TextDocument, range: vscode.Range): OffsetRange {
  return { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
}

/** The claim's current range in the document, if it is placed on any words. */
export function claimRange(document: vscode.TextDocument, entry: ClaimEntry): vscode.Range | undefined {
  if (entry.start === undefined || entry.end === undefined) return undefined;
  return toRange(document, entry.start, entry.end);
}

/** A document change event's edits in the core's terms (offsets into the text before the edit). */
export function toTextChanges(changes: readonly vscode.TextDocumentContentChangeEvent[]): TextChange[] {
  // VS Code reports the changes of one event against the text before the event, ordered from the
  // end of the document backwards, so each can be applied in turn without shifting the next.
  return changes.map((c) => ({ offset: c.rangeOffset, removed: c.rangeLength, inserted: c.text }));
}
