// Settling sidecar conflicts: a store conflict (the file changed on disk and here in the same
// claims), or git's conflict markers in the file. Markers are resolved claim by claim: for each
// conflicting claim the user sees both versions and keeps ours, theirs or both; the file is
// written once, after the last choice, and not at all when the user cancels.
import * as vscode from 'vscode';
import { oneLine, short, uiText } from '../../core/present/displayText';
import { statusLabel } from '../../core/statusScale';
import { hasConflictMarkers } from '../../core/merge/splitConflicts';
import { listClaimConflicts, resolveConflictedSidecar, type ClaimChoice, type ConflictingClaim } from '../../core/merge/resolveClaimConflicts';
import type { Claim } from '../../core/model';
import { articleKey, articleUri, articleUriForSidecar, baseName, displayPath } from '../articles';
import { problemText } from '../notify';
import { readTextFile, writeTextFile } from '../fileText';
import { isClaimRef, UserError, type CommandDeps, type Handler } from './shared';
import * as notify from '../notify';

/** What a caller (a test, a script) may decide up front: one choice for all, or one per claim id. */
type Given = ClaimChoice | { choices: Readonly<Record<string, ClaimChoice>> } | undefined;

const CHOICES = new Set<string>(['ours', 'theirs', 'both']);

function givenChoices(arg: unknown, second: unknown): { all?: ClaimChoice; each: Readonly<Record<string, ClaimChoice>> } {
  const from = (g: unknown): { all?: ClaimChoice; each: Record<string, ClaimChoice> } | undefined => {
    if (typeof g === 'string' && CHOICES.has(g)) return { all: g as ClaimChoice, each: {} };
    const choices = g && typeof g === 'object' ? (g as { choices?: unknown }).choices : undefined;
    if (!choices || typeof choices !== 'object') return undefined;
    const each: Record<string, ClaimChoice> = {};
    for (const [id, c] of Object.entries(choices)) if (typeof c === 'string' && CHOICES.has(c)) each[id] = c as ClaimChoice;
    return { each };
  };
  return from(second as Given) ?? from(arg) ?? { each: {} };
}

export function resolveConflictCommands(deps: CommandDeps): Record<string, Handler> {
  const { store } = deps;

  /** The article a conflict command is about: argument, active editor (article or sidecar), or a pick. */
  const conflictArticle = async (arg: unknown): Promise<string | undefined> => {
    if (isClaimRef(arg) || (arg && typeof (arg as { article?: unknown }).article === 'string')) return (arg as { article: string }).article;
    if (typeof arg === 'string') return arg;
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    if (uri) {
      const key = articleKey(articleUriForSidecar(uri) ?? uri);
      if (store.has(key)) return key;
    }
    const troubled = store.articles().filter((a) => {
      const s = store.state(a)?.sidecarState;
      return s === 'conflict' || s === 'broken';
    });
    if (troubled.length === 1) return troubled[0];
    if (!troubled.length) {
      void notify.info('No sidecar has conflicts.');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(troubled.map((a) => ({ label: uiText(baseName(articleUri(a))), description: store.state(a)?.sidecarState, a })), { placeHolder: 'Which article?' });
    return picked?.a;
  };

  /** One side of a conflicting claim, for a quick pick item: status and words, then the fields that differ. */
  const side = (claim: Claim | undefined, fields: readonly string[]): { description: string; detail: string } => {
    if (!claim) return { description: 'deleted on this side', detail: 'The claim is not in this version.' };
    const values = fields.filter((f) => f !== 'status' && f !== 'quote').map((f) => `${f}: ${valueText((claim as unknown as Record<string, unknown>)[f])}`);
    return {
      description: uiText(`${statusLabel(deps.store.scale, claim.status)} · ${short(claim.quote, 60)}`),
      detail: uiText(fields.length ? `Changed: ${fields.join(', ')}${values.length ? ` — ${values.join('; ')}` : ''}` : 'Only on this side'),
    };
  };

  /** Asks for each conflict in turn; undefined when the user cancels one. */
  const ask = async (conflicts: readonly ConflictingClaim[], file: string): Promise<Record<string, ClaimChoice> | undefined> => {
    const out: Record<string, ClaimChoice> = {};
    for (const [i, c] of conflicts.entries()) {
      const words = c.ours?.quote ?? c.theirs?.quote ?? '';
      const both = c.ours && c.theirs ? 'Both versions; theirs under a new id' : 'Keep the claim';
      const picked = await vscode.window.showQuickPick([
        { label: 'Keep ours', ...side(c.ours, c.fields), value: 'ours' as const },
        { label: 'Keep theirs', ...side(c.theirs, c.fields), value: 'theirs' as const },
        { label: 'Keep both', description: both, detail: 'Nothing of either side is dropped', value: 'both' as const },
      ], {
        title: uiText(`${file}: conflicting claim ${i + 1} of ${conflicts.length}`),
        placeHolder: uiText(`${c.id} ${short(words, 60)} — ours is this branch, theirs the incoming one`),
        ignoreFocusOut: true,
        matchOnDescription: true,
        matchOnDetail: true,
      });
      if (!picked) return undefined;
      out[c.id] = picked.value;
    }
    return out;
  };

  return {
    'factmark.resolveConflicts': async (arg?: unknown, choice?: unknown) => {
      const article = await conflictArticle(arg);
      if (!article) return undefined;
      const snap = store.get(article);
      if (!snap) throw new UserError('That article has no claims.');
      const sidecar = vscode.Uri.parse(snap.sidecar, true);
      const given = givenChoices(arg, choice);

      if (snap.sidecarState === 'conflict') {
        const conflicts = store.conflicts(article);
        const ids = conflicts.map((c) => c.id + (c.fields.length ? ` (${c.fields.join(', ')})` : ''));
        const decided = given.all ?? uniform(conflicts.map((c) => given.each[c.id]));
        const pick = decided ?? (await vscode.window.showQuickPick([
          { label: 'Keep mine', detail: uiText(`Keep the claims as edited here: ${ids.join('; ')}`), value: 'ours' as const },
          { label: 'Take the disk version', detail: uiText(`Use the file's version of: ${ids.join('; ')}`), value: 'theirs' as const },
        ], { placeHolder: uiText(`${baseName(sidecar)} changed on disk and here in the same claims`) }))?.value;
        if (!pick || pick === 'both') return undefined;
        // Taking the disk's claims places them again: in the article's text, read again if it was let go.
        if (store.articleLetGo(article)) await deps.sync.ensureArticle(articleUri(article), false);
        store.resolveConflicts(article, pick);
        await deps.sync.flush();
        return article;
      }

      const text = await readTextFile(sidecar);
      if (text === undefined || !hasConflictMarkers(text)) {
        if (snap.sidecarState === 'broken') {
          await vscode.window.showTextDocument(sidecar);
          throw new UserError(`${baseName(sidecar)} has errors but no git conflict markers; fix the errors shown in the Problems panel.`);
        }
        void notify.info(`${baseName(sidecar)} has no conflicts.`);
        return undefined;
      }
      const read = listClaimConflicts(text, sidecar.path);
      if (!read.ok) {
        await vscode.window.showTextDocument(sidecar);
        throw new UserError(`${displayPath(sidecar)}: ${read.message}${read.problems?.[0] ? ` (${problemText(read.problems[0])})` : ''}`);
      }
      const { conflicts } = read.value;
      const preset: Record<string, ClaimChoice> = {};
      for (const c of conflicts) { const g = given.each[c.id] ?? given.all; if (g) preset[c.id] = g; }
      const open = conflicts.filter((c) => !preset[c.id]);
      const asked = open.length ? await ask(open, baseName(sidecar)) : {};
      if (!asked) {
        void notify.info(`Nothing was written: ${baseName(sidecar)} still has its conflict markers.`);
        return undefined;
      }
      const result = resolveConflictedSidecar(text, { ...preset, ...asked }, sidecar.path);
      if (!result.ok) throw new UserError(`${displayPath(sidecar)}: ${result.message}${result.problems?.[0] ? ` (${problemText(result.problems[0])})` : ''}`);
      // Written only if nobody touched the file while the user was choosing.
      if ((await readTextFile(sidecar)) !== text) throw new UserError(`${baseName(sidecar)} changed while you were choosing; nothing was written. Run the command again.`);
      await writeTextFile(sidecar, result.text, { expected: text });
      deps.sync.loadSidecarText(article, result.text);
      const copies = Object.entries(result.renamed).map(([from, to]) => `${from} → ${to}`);
      const note = copies.length ? ` Kept both of ${copies.length} claim${copies.length === 1 ? '' : 's'} (theirs under a new id: ${copies.join(', ')}); re-check them.` : '';
      void notify.info(`Resolved ${baseName(sidecar)}: ${conflicts.length} conflicting claim${conflicts.length === 1 ? '' : 's'}, ${result.sidecar.claims.length} claims in all.${note}`);
      return article;
    },
  };
}

function uniform(choices: (ClaimChoice | undefined)[]): 'ours' | 'theirs' | undefined {
  const first = choices[0];
  return (first === 'ours' || first === 'theirs') && choices.every((c) => c === first) ? first : undefined;
}

function valueText(v: unknown): string {
  if (v === undefined) return '(none)';
  return oneLine(typeof v === 'string' ? v : JSON.stringify(v), 60);
}
