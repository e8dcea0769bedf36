// Counted phrases shown in several places (status bar, Claims panel, messages), worded once.

/** "1 claim", "3 claims". */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/**
 * The coverage gap after Suggest Claims: check-worthy sentences that no claim covers. Said so
 * that it cannot be read as a count of claims ("7 unchecked sentences" was).
 */
export function suggestedSentences(n: number): string {
  return `${count(n, 'suggested sentence')} without a claim`;
}
