// Factmark's offsets are UTF-16 code units (what VS Code and JavaScript strings use); the W3C
// Web Annotation model counts TextPositionSelector start/end in Unicode code points. An emoji or
// a rare CJK character is two units but one code point, so every offset is converted.

/** The number of code points in `text` before UTF-16 offset `offset` (half a pair counts as one). */
export function toCodePoints(text: string, offset: number): number {
  let n = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** The UTF-16 offset of code point `index` in `text`, or undefined when the text is shorter. */
export function fromCodePoints(text: string, index: number): number | undefined {
  if (!Number.isInteger(index) || index < 0) return undefined;
  let i = 0;
  for (let n = 0; n < index; n++) {
    if (i >= text.length) return undefined;
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
  }
  return i;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
