// Every place where the exact words occur, for commands that mark a claim by its text.
import { LineIndex } from './lineIndex';

export interface Occurrence { start: number; end: number; line: number }

export function findOccurrences(text: string, words: string): Occurrence[] {
  if (!words) return [];
  const lines = new LineIndex(text);
  const out: Occurrence[] = [];
  for (let i = text.indexOf(words); i >= 0; i = text.indexOf(words, i + 1)) {
    out.push({ start: i, end: i + words.length, line: lines.position(i).line });
  }
  return out;
}
