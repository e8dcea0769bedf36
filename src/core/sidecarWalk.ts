// Finding the sidecars of a workspace by listing its folders ourselves (the desktop's start-up
// scan), as VS Code's `workspace.findFiles('**/*<suffix>', '{**/<dir>/**,…}')` would, and giving up
// wherever the two could differ. findFiles with an exclude of its own also applies the folder's
// `files.exclude` (not search.exclude, not .gitignore), lists hidden files and follows links
// (ripgrep --follow); a listing that meets only folders and regular files, compares names exactly
// and skips what those excludes name finds the same files. Anything else (a link, a FIFO, a
// socket, a name that is not valid UTF-8 or has a line break in it, a name that only a
// case-insensitive file system would match, one that macOS would give in another Unicode form, a
// files.exclude pattern other than `**/<name>` or `**/*<ending>`) and the caller asks VS Code instead: the listing is
// only ever a faster way to the same answer. Which of the two ran, and why, is logged.

/** What the listing does with one entry of a folder. */
export type WalkStep =
  | { readonly take: 'sidecar' }
  | { readonly take: 'descend' }
  | { readonly take: 'skip' }
  | { readonly take: 'giveUp'; readonly why: string };

export type EntryKind = 'file' | 'directory' | 'link' | 'other';

export interface WalkRules {
  /** The sidecars' suffix (validated by settings: a dot, letters, digits, `._-`). */
  readonly suffix: string;
  /** Folder names excluded at any depth (`**\/<name>/**`). */
  readonly excludedDirs: readonly string[];
  /** Names excluded at any depth, files and folders alike (files.exclude's `**\/<name>`). */
  readonly excludedNames: readonly string[];
  /** Endings of names excluded at any depth, files and folders alike (files.exclude's `**\/*<ending>`, such as code-server's `**\/*.crswap`). */
  readonly excludedEndings: readonly string[];
  /** Endings of folder names excluded at any depth (`**\/*<ending>/**`). */
  readonly excludedDirEndings: readonly string[];
  /** Whether the file system may be case-insensitive (macOS, Windows): names that match only ignoring case give up. */
  readonly caseInsensitive: boolean;
  /** macOS: VS Code's file search gives names in NFC; a name stored otherwise gives up. */
  readonly nfcNames: boolean;
}

const PLAIN = /^[A-Za-z0-9._-]+$/;

/**
 * The rules, or why the listing cannot stand in for findFiles with them. `filesExclude`: the
 * workspace folder's `files.exclude` setting as VS Code gives it (entries set to false or null
 * are switched off; any other value excludes, a `{ when }` clause included).
 */
export function walkRules(suffix: string, excludedDirs: readonly string[], platform: { caseInsensitive: boolean; nfcNames: boolean }, filesExclude?: unknown): WalkRules | { readonly why: string } {
  if (!PLAIN.test(suffix)) return { why: `the suffix ${JSON.stringify(suffix)} is not plain` };
  for (const d of excludedDirs) if (!PLAIN.test(d)) return { why: `the excluded folder ${JSON.stringify(d)} is not plain` };
  const dirs = [...excludedDirs];
  const names: string[] = [];
  const endings: string[] = [];
  const dirEndings: string[] = [];
  if (filesExclude !== undefined && filesExclude !== null) {
    if (typeof filesExclude !== 'object' || Array.isArray(filesExclude)) return { why: 'files.exclude is not a map of patterns' };
    for (const [pattern, on] of Object.entries(filesExclude as Record<string, unknown>)) {
      if (on === false || on === null || on === undefined) continue;
      if (on !== true) return { why: `files.exclude has a condition on ${JSON.stringify(pattern)}, which only VS Code's search applies` };
      // `**/<name>`, `**/*<ending>`, either with `/**` (what is in such folders); any other glob is VS Code's to match.
      const m = /^\*\*\/(\*?)([^/]+?)(\/\*\*)?$/.exec(pattern);
      if (!m || !PLAIN.test(m[2])) return { why: `files.exclude has the pattern ${JSON.stringify(pattern)}, which only VS Code's search applies` };
      (m[1] ? (m[3] ? dirEndings : endings) : (m[3] ? dirs : names)).push(m[2]);
    }
  }
  return { suffix, excludedDirs: dirs, excludedNames: names, excludedEndings: endings, excludedDirEndings: dirEndings, caseInsensitive: platform.caseInsensitive, nfcNames: platform.nfcNames };
}

/** One entry of a folder: a sidecar, a folder to list, nothing to do, or give up (say why). */
export function walkStep(name: string, kind: EntryKind, rules: WalkRules): WalkStep {
  // (U+FFFD: a name that is not UTF-8 was decoded lossily; its path would not be the file's)
  if (name.includes('\uFFFD')) return { take: 'giveUp', why: 'a file name is not valid UTF-8' };
  // (the file search reads ripgrep's output a line a path)
  if (/[\n\r]/.test(name)) return { take: 'giveUp', why: 'a file name has a line break in it' };
  if (rules.nfcNames && name !== name.normalize('NFC')) return { take: 'giveUp', why: 'a file name is not in the Unicode form VS Code gives it' };
  if (kind === 'link') return { take: 'giveUp', why: 'the workspace has a symbolic link' };
  if (kind === 'other') return { take: 'giveUp', why: 'the workspace has a file that is neither a folder nor a regular file' };
  if (rules.excludedNames.includes(name) || rules.excludedEndings.some((e) => name.endsWith(e))) return { take: 'skip' };
  const lower = rules.caseInsensitive ? name.toLowerCase() : '';
  if (rules.caseInsensitive && (rules.excludedNames.some((d) => d.toLowerCase() === lower) || rules.excludedEndings.some((e) => lower.endsWith(e.toLowerCase())))) return { take: 'giveUp', why: `the name ${JSON.stringify(name)} differs from an excluded one only in case` };
  if (kind === 'directory') {
    if (rules.excludedDirs.includes(name) || rules.excludedDirEndings.some((e) => name.endsWith(e))) return { take: 'skip' };
    if (rules.caseInsensitive && (rules.excludedDirs.some((d) => d.toLowerCase() === lower) || rules.excludedDirEndings.some((e) => lower.endsWith(e.toLowerCase())))) return { take: 'giveUp', why: `the folder name ${JSON.stringify(name)} differs from an excluded one only in case` };
    return { take: 'descend' };
  }
  if (name.endsWith(rules.suffix)) return { take: 'sidecar' };
  if (rules.caseInsensitive && lower.endsWith(rules.suffix.toLowerCase())) return { take: 'giveUp', why: `the file name ${JSON.stringify(name)} differs from a sidecar's only in case` };
  return { take: 'skip' };
}
