// Citing sources: add, edit and remove, with URL checks, the clipboard's URL offered first and
// today as the access date.
import * as vscode from 'vscode';
import { short, uiText } from '../../core/present/displayText';
import { STANCES, type Source, type Stance } from '../../core/model';
import { asSourceUrl, buildSource, isoDate, validateIsoDate, validateSourceUrl, type SourceFields } from '../../core/sourceInput';
import { resolveClaim, UserError, type CommandDeps, type Handler } from './shared';
import * as notify from '../notify';

const STANCE_LABELS: Record<Stance, string> = { supports: 'Supports the claim', refutes: 'Refutes the claim', context: 'Gives context' };

function checkSource(fields: SourceFields): Source {
  const built = buildSource(fields);
  if (!built.ok) throw new UserError(built.message);
  return built.source;
}

/** Asks for each field in turn, prefilled from `initial`; undefined when the user cancels. */
async function askSource(initial: Partial<Source>, title: string): Promise<Source | undefined> {
  const steps = 6;
  const input = (step: number, label: string, value: string | undefined, options: Partial<vscode.InputBoxOptions> = {}) =>
    vscode.window.showInputBox({ title: `${title} (${step}/${steps}): ${label}`, value: value ?? '', ignoreFocusOut: true, ...options });

  const url = await input(1, 'Address', initial.url, { prompt: 'https://…', validateInput: validateSourceUrl });
  if (url === undefined) return undefined;
  const titleText = await input(2, 'Title (optional)', initial.title, { prompt: 'The page or document title' });
  if (titleText === undefined) return undefined;
  const excerpt = await input(3, 'Passage (optional)', initial.excerpt, { prompt: 'The words in the source that bear on the claim' });
  if (excerpt === undefined) return undefined;
  const stanceItems = [
    ...STANCES.map((s) => ({ label: STANCE_LABELS[s], description: s, stance: s as Stance | undefined, picked: s === initial.stance })),
    { label: 'No stance', description: '', stance: undefined as Stance | undefined, picked: initial.stance === undefined },
  ];
  const stance = await vscode.window.showQuickPick(stanceItems, { title: `${title} (4/${steps}): How does it bear on the claim?`, ignoreFocusOut: true });
  if (!stance) return undefined;
  const accessed = await input(5, 'Accessed', initial.accessed ?? isoDate(), { prompt: 'YYYY-MM-DD', validateInput: validateIsoDate });
  if (accessed === undefined) return undefined;
  const archive = await input(6, 'Archived copy (optional)', initial.archive, {
    prompt: 'e.g. a web.archive.org link',
    validateInput: (v) => (v.trim() ? validateSourceUrl(v) : undefined),
  });
  if (archive === undefined) return undefined;
  return checkSource({ url, title: titleText, excerpt, stance: stance.stance, accessed, archive });
}

async function pickSource(sources: readonly Source[], placeHolder: string): Promise<number | undefined> {
  if (sources.length === 1) return 0;
  const picked = await vscode.window.showQuickPick(
    sources.map((s, index) => ({ label: uiText(s.title || s.url, 200), description: s.stance && uiText(s.stance), detail: uiText((s.title ? s.url : s.excerpt) ?? '', 400), index })),
    { placeHolder: uiText(placeHolder) },
  );
  return picked?.index;
}

export function sourceCommands(deps: CommandDeps): Record<string, Handler> {
  const { store } = deps;
  return {
    'factmark.addSource': async (arg?: unknown, given?: Partial<Source>) => {
      const found = await resolveClaim(deps, arg);
      if (!found) return undefined;
      let source: Source | undefined;
      if (given) {
        source = checkSource(given);
      } else {
        const clipboard = asSourceUrl(await readClipboard());
        source = await askSource({ url: clipboard }, `Add a source to ${short(found.entry.claim.quote, 48)}`);
      }
      if (!source) return undefined;
      const current = store.claim(found.ref.article, found.ref.id)?.claim ?? found.entry.claim;
      if (current.sources.some((s) => s.url === source.url)) {
        void notify.info('This claim already cites that address; use Edit Source to change it.');
        return found.ref;
      }
      store.updateClaim(found.ref.article, found.ref.id, { sources: [...current.sources, source] });
      deps.services.firstSteps.did('source');
      return found.ref;
    },

    'factmark.editSource': async (arg?: unknown, index?: number, patch?: Partial<Source>) => {
      const found = await resolveClaim(deps, arg);
      if (!found) return undefined;
      const sources = found.entry.claim.sources;
      if (!sources.length) throw new UserError('This claim has no sources yet; add one first.');
      const i = index ?? (await pickSource(sources, 'Which source?'));
      if (i === undefined) return undefined;
      if (!sources[i]) throw new UserError(`This claim has no source number ${i + 1}.`);
      // An edit keeps the source's date as it is (none stays none).
      const next = patch ? checkSource({ ...sources[i], accessed: sources[i].accessed ?? '', ...patch }) : await askSource(sources[i], 'Edit the source');
      if (!next) return undefined;
      const list = sources.slice();
      list[i] = next;
      store.updateClaim(found.ref.article, found.ref.id, { sources: list });
      return found.ref;
    },

    'factmark.removeSource': async (arg?: unknown, index?: number) => {
      const found = await resolveClaim(deps, arg);
      if (!found) return undefined;
      const sources = found.entry.claim.sources;
      if (!sources.length) throw new UserError('This claim has no sources.');
      const i = index ?? (await pickSource(sources, 'Remove which source?'));
      if (i === undefined) return undefined;
      if (!sources[i]) throw new UserError(`This claim has no source number ${i + 1}.`);
      const removed = sources[i];
      store.updateClaim(found.ref.article, found.ref.id, { sources: sources.filter((_, k) => k !== i) });
      void notify.info(`Removed the source ${removed.title || removed.url}.`, 'Undo').then((choice) => {
        const now = store.claim(found.ref.article, found.ref.id)?.claim;
        if (choice !== 'Undo' || !now) return;
        const list = now.sources.slice();
        list.splice(Math.min(i, list.length), 0, removed);
        store.updateClaim(found.ref.article, found.ref.id, { sources: list });
      });
      return found.ref;
    },
  };
}

/** The clipboard's text, or nothing where it cannot be read (a browser without the permission). */
async function readClipboard(): Promise<string> {
  try {
    return await vscode.env.clipboard.readText();
  } catch {
    return '';
  }
}
