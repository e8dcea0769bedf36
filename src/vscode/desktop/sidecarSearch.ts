// The start-up scan's search for sidecars on the local disk: the workspace folders listed here
// (a few hundred readdirs, tens of milliseconds at 5,000 articles) rather than through VS Code's
// file search, which took 0.9–1.3 s of a warm start for the same list (a round trip through the
// workbench and a ripgrep process). It gives up, and the caller asks findFiles, wherever the two
// could differ (src/core/sidecarWalk.ts): so it is the same list, sooner, or no list at all.
import * as fs from 'fs';
import * as vscode from 'vscode';
import { walkRules, walkStep, type EntryKind, type WalkRules } from '../../core/sidecarWalk';
import type { SidecarSearch } from '../platform';
import { slicer } from '../perf';

/** Slices of this many ms of listing between turns of the event loop. */
const SLICE_MS = 10;

export const listSidecars: SidecarSearch = async (roots, suffix, excludedDirs) => {
  try {
    return await listAll(roots, suffix, excludedDirs);
  } catch (e) {
    // (anything unforeseen: the file search decides)
    return { ok: false, why: `the listing failed (${String(e)})` };
  }
};

const listAll: SidecarSearch = async (roots, suffix, excludedDirs) => {
  if (roots.some((r) => r.scheme !== 'file')) return { ok: false, why: 'a workspace folder is not on the local disk' };
  const platform = { caseInsensitive: process.platform === 'darwin' || process.platform === 'win32', nfcNames: process.platform === 'darwin' };
  const found = new Map<string, vscode.Uri>();
  const queue: { dir: vscode.Uri; rules: WalkRules }[] = [];
  for (const root of roots) {
    // (findFiles applies the folder's files.exclude too)
    const rules = walkRules(suffix, excludedDirs, platform, vscode.workspace.getConfiguration('files', root).get('exclude'));
    if ('why' in rules) return { ok: false, why: rules.why };
    queue.push({ dir: root, rules });
  }
  // One folder after another, in slices: a readdir answered from the page cache takes tens of
  // microseconds, and one waited for through the event loop (as fs.promises does) waits behind
  // everything else the host is doing at start-up (measured: 13 ms for 461 folders and 10,000
  // files at once, against 0.1–1.3 s through the event loop in a starting window).
  const slice = slicer(SLICE_MS);
  for (let next = 0; next < queue.length; next++) {
    const { dir, rules } = queue[next];
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir.fsPath, { withFileTypes: true });
    } catch (e) {
      return { ok: false, why: `a folder could not be listed (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
    }
    for (const entry of entries) {
      const step = walkStep(entry.name, kindOf(entry), rules);
      if (step.take === 'giveUp') return { ok: false, why: step.why };
      if (step.take === 'descend') queue.push({ dir: vscode.Uri.joinPath(dir, entry.name), rules });
      else if (step.take === 'sidecar') {
        const uri = vscode.Uri.joinPath(dir, entry.name);
        found.set(uri.toString(), uri);
      }
    }
    await slice();
  }
  return { ok: true, found: [...found.values()], folders: queue.length };
};

function kindOf(e: fs.Dirent): EntryKind {
  // (readdir gives the type without a stat; where the file system does not, Node lstats: a link is a link)
  if (e.isSymbolicLink()) return 'link';
  if (e.isDirectory()) return 'directory';
  if (e.isFile()) return 'file';
  return 'other';
}
