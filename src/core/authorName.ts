// The name written as `by` (and, by issue 12, `rater`): one short line of plain text.

/** An error message for the input box, or undefined when `value` is fit to be written as `by`. */
export function validateAuthorName(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Type the name to write as `by`.';
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(v)) return 'A name is one line of plain text, without control or direction characters.';
  if (v.length > 100) return 'At most 100 characters.';
  return undefined;
}
