// The verification scale: an ordered list of statuses. A repository can replace the default
// with its own in `.factmark.yaml` at its root (see config.ts); both the extension and the CLI
// read it from there.
//
// Keys are chosen so that they are never YAML special values: `true`/`false` would be read as
// booleans by anyone editing the sidecar by hand, so the keys are `accurate`/`inaccurate` while
// the labels people see are "True"/"False".

export interface StatusDef {
  /** The value written in sidecars: lower-case, `a-z0-9-`. */
  key: string;
  label: string;
  /** One line that says when to use this status. */
  definition: string;
  /**
   * `#rrggbb`. The default statuses' colours differ per kind of theme and are themable
   * (core/present/statusLook.ts); this is their colour on a light background.
   */
  color: string;
  /** A codicon id for the status's shape (a repository's scale may name one; see statusLook.ts). */
  icon?: string;
  /** ClaimReview `reviewRating.ratingValue` (1 = worst … 5 = best); absent for non-verdicts. */
  rating?: number;
  /** A verdict has been reached (counts as checked in progress figures). */
  settled: boolean;
  /** Single key that picks this status in the quick pick. */
  shortcut?: string;
}

export interface StatusScale {
  statuses: readonly StatusDef[];
  /** Status given to a newly marked claim. */
  initial: string;
}

export const DEFAULT_SCALE: StatusScale = {
  initial: 'unverified',
  statuses: [
    { key: 'unverified', label: 'Unverified', definition: 'Marked for checking; no work done yet.', color: '#717274', settled: false, shortcut: 'u' },
    { key: 'in-progress', label: 'In progress', definition: 'Being checked; sources are being gathered.', color: '#4881f5', settled: false, shortcut: 'p' },
    { key: 'accurate', label: 'True', definition: 'Accurate, with nothing significant missing.', color: '#015f3e', rating: 5, settled: true, shortcut: 't' },
    { key: 'mostly-accurate', label: 'Mostly true', definition: 'Accurate but needs clarification or additional information.', color: '#5d8442', rating: 4, settled: true, shortcut: 'y' },
    { key: 'mixed', label: 'Mixed', definition: 'Partly accurate and partly not.', color: '#b48205', rating: 3, settled: true, shortcut: 'x' },
    { key: 'misleading', label: 'Misleading', definition: 'Contains accurate facts but gives a false impression.', color: '#ab5c04', rating: 2, settled: true, shortcut: 'm' },
    { key: 'mostly-inaccurate', label: 'Mostly false', definition: 'Contains an element of truth but ignores critical facts.', color: '#992a10', rating: 2, settled: true, shortcut: 'n' },
    { key: 'inaccurate', label: 'False', definition: 'Not accurate.', color: '#e05454', rating: 1, settled: true, shortcut: 'f' },
    { key: 'unproven', label: 'Unproven', definition: 'The available evidence neither confirms nor refutes it.', color: '#96588f', settled: true, shortcut: 'v' },
    { key: 'not-checkable', label: 'Not checkable', definition: 'Opinion, prediction or otherwise not a verifiable statement of fact.', color: '#2e3a3b', settled: true, shortcut: 'c' },
  ],
};

export function findStatus(scale: StatusScale, key: string): StatusDef | undefined {
  return scale.statuses.find((s) => s.key === key);
}

/** The status' label for people (`accurate` → "True"); a key the scale does not know is shown as it is. */
export function statusLabel(scale: StatusScale, key: string): string {
  return findStatus(scale, key)?.label ?? key;
}

export function isSettled(scale: StatusScale, key: string): boolean {
  return findStatus(scale, key)?.settled ?? false;
}

/**
 * Checks a scale read from a config file (already parsed into plain data) and returns either
 * the scale or the list of what is wrong with it, each naming the offending entry.
 */
export function parseScale(raw: unknown): { scale: StatusScale; errors: [] } | { scale?: undefined; errors: string[] } {
  const errors: string[] = [];
  if (!raw || typeof raw !== 'object') return { errors: ['`statuses` must be a list'] };
  const obj = raw as Record<string, unknown>;
  const list = obj.statuses;
  if (!Array.isArray(list) || list.length === 0) return { errors: ['`statuses` must be a non-empty list'] };
  const statuses: StatusDef[] = [];
  const seen = new Set<string>();
  const shortcuts = new Set<string>();
  list.forEach((item, i) => {
    const where = `statuses[${i}]`;
    if (!item || typeof item !== 'object') { errors.push(`${where} must be a mapping`); return; }
    const s = item as Record<string, unknown>;
    const key = s.key;
    if (typeof key !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(key)) { errors.push(`${where}.key must be lower-case letters, digits and dashes`); return; }
    if (seen.has(key)) errors.push(`${where}.key "${key}" is used twice`);
    seen.add(key);
    const color = s.color ?? '#8a8a8a';
    if (typeof color !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(color)) errors.push(`${where}.color must be #rrggbb`);
    const rating = s.rating;
    if (rating !== undefined && (typeof rating !== 'number' || rating < 1 || rating > 5)) errors.push(`${where}.rating must be a number from 1 to 5`);
    const icon = s.icon;
    if (icon !== undefined && (typeof icon !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(icon))) errors.push(`${where}.icon must be a codicon name such as pass-filled`);
    const shortcut = s.shortcut;
    if (shortcut !== undefined && (typeof shortcut !== 'string' || shortcut.length !== 1)) errors.push(`${where}.shortcut must be a single character`);
    else if (typeof shortcut === 'string') {
      if (shortcuts.has(shortcut)) errors.push(`${where}.shortcut "${shortcut}" is used twice`);
      shortcuts.add(shortcut);
    }
    statuses.push({
      key,
      label: typeof s.label === 'string' ? s.label : key,
      definition: typeof s.definition === 'string' ? s.definition : '',
      color: typeof color === 'string' ? color : '#8a8a8a',
      rating: typeof rating === 'number' ? rating : undefined,
      settled: s.settled === undefined ? rating !== undefined : s.settled === true,
      shortcut: typeof shortcut === 'string' ? shortcut : undefined,
      icon: typeof icon === 'string' && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(icon) ? icon : undefined,
    });
  });
  const initial = obj.initial ?? statuses[0]?.key;
  if (typeof initial !== 'string' || !seen.has(initial)) errors.push('`initial` must be one of the status keys');
  if (errors.length) return { errors };
  return { scale: { statuses, initial: initial as string }, errors: [] };
}
