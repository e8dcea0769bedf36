// Finding the sidecars of a workspace by listing its folders ourselves (the desktop's start-up
// scan), as VS Code's `workspace.findFiles('**/*<suffix>', '{**/<dir>/**,…}')` would, and giving up
// wherever the two could differ. findFiles with an exclude of its own applies no files.exclude,
// no search.exclude and no .gitignore, lists hidden files and follows links (ripgrep --follow);
// a listing that meets only folders and regular files, with names compared exactly, finds the
// same files. Anything else (a link, a FIFO, a socket, a name that is not valid UTF-8, a name that
// only a case-insensitive file system would match) and the caller asks VS Code instead: the
// listing is only ever a faster way to the same answer. Which of the two ran, and why, is logged.

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
  /** Whether the file system may be case-insensitive (macOS, Windows): names that match only ignoring case give up. */
  readonly caseInsensitive: boolean;
}

const SUFFIX = /^\.[A-Za-z0-9._-]+$/;

/** The rules, or why the listing cannot stand in for findFiles with them. */
export function walkRules(suffix: string, excludedDirs: readonly string[], caseInsensitive: boolean): WalkRules | { readonly why: string } {
  if (!SUFFIX.test(suffix)) return { why: `the suffix ${JSON.stringify(suffix)} is not plain` };
  for (const d of excludedDirs) if (!/^[A-Za-z0-9._-]+$/.test(d)) return { why: `the excluded folder ${JSON.stringify(d)} is not plain` };
  return { suffix, excludedDirs, caseInsensitive };
}

/** One entry of a folder: a sidecar, a folder to list, nothing to do, or give up (say why). */
export function walkStep(name: string, kind: EntryKind, rules: WalkRules): WalkStep {
  // (U+FFFD: a name that is not UTF-8 was decoded lossily; its path would not be the file's)
  if (name.includes('\uFFFD')) return { take: 'giveUp', why: 'a file name is not valid UTF-8' };
  if (kind === 'link') return { take: 'giveUp', why: 'the workspace has a symbolic link' };
  if (kind === 'other') return { take: 'giveUp', why: 'the workspace has a file that is neither a folder nor a regular file' };
  if (kind === 'directory') {
    if (rules.excludedDirs.includes(name)) return { take: 'skip' };
    if (rules.caseInsensitive) {
      const lower = name.toLowerCase();
      if (rules.excludedDirs.some((d) => d.toLowerCase() === lower)) return { take: 'giveUp', why: `the folder name ${JSON.stringify(name)} differs from an excluded one only in case` };
    }
    return { take: 'descend' };
  }
  if (name.endsWith(rules.suffix)) return { take: 'sidecar' };
  if (rules.caseInsensitive && name.toLowerCase().endsWith(rules.suffix.toLowerCase())) return { take: 'giveUp', why: `the file name ${JSON.stringify(name)} differs from a sidecar's only in case` };
  return { take: 'skip' };
}
