// Offsets (UTF-16 code units, what the core uses) ↔ VS Code positions and ranges.
import * as vscode from 'vscode';
import type { TextChange } from '../core/anchoring/editTracker';

export function toRange(document: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(document.positionAt(start), document.positionAt(end));
}

/** A document change event's edits in the core's terms (offsets into the text before the edit). */
export function toTextChanges(changes: readonly vscode.TextDocumentContentChangeEvent[]): TextChange[] {
  // VS Code reports the changes of one event against the text before the event, ordered from the
  // end of the document backwards, so each can be applied in turn without shifting the next.
  return changes.map((c) => ({ offset: c.rangeOffset, removed: c.rangeLength, inserted: c.text }));
}
