// Claim ids: short, random and stable. Random rather than positional so that two branches
// adding claims never pick the same id and an id never moves to other words.

const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz'; // no 0/o, 1/l/i: ids are read aloud in review

export type RandomBytes = (n: number) => Uint8Array;

const defaultRandom: RandomBytes = (n) => {
  const bytes = new Uint8Array(n);
  globalThis.crypto.getRandomValues(bytes);
  return bytes;
};

/** A new id of `length` characters (≈ 5 bits each) not in `taken`. */
export function newClaimId(taken: ReadonlySet<string> = new Set(), random: RandomBytes = defaultRandom, length = 6): string {
  for (;;) {
    const bytes = random(length);
    let id = '';
    for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
    if (!taken.has(id)) return id;
  }
}
