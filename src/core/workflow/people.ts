// Telling people apart by the names written in sidecars (git's user.name, `--by`, the
// factmark.author setting). Names are typed by hand on different machines, so "Jane Doe",
// "jane doe" and "Jane  Doe " are one person; nothing cleverer (initials, e-mail) is guessed.

/** The form two names are compared in: trimmed, inner whitespace collapsed, case folded. */
export function nameKey(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('en');
}

/** Whether both names are given and name the same person. */
export function samePerson(a: string | undefined, b: string | undefined): boolean {
  if (!a?.trim() || !b?.trim()) return false;
  return nameKey(a) === nameKey(b);
}

/** A name as it is written into a sidecar: whitespace collapsed; undefined when empty. */
export function cleanName(name: string | undefined): string | undefined {
  const n = name?.replace(/\s+/g, ' ').trim();
  return n ? n : undefined;
}
