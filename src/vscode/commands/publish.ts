// Publishing: Preview Fact-check Report, Export… (any format, through a save dialog), Import
// Annotations…, and editing the metadata the exports need — the article's publication details
// (its sidecar's `published:`), the publisher (`.factmark.yaml`, comments kept, never written
// over a broken file) and a claim's ClaimReview summary.
import * as vscode from 'vscode';
import { CONFIG_FILE, isHttpUrl, setPublisher } from '../../core/config';
import { FORMATS, exportFileName, type ExportFormat } from '../../core/export/formats';
import { planImport } from '../../core/import/planImport';
import { short } from '../../core/present/displayText';
import type { Published } from '../../core/model';
import { articleUri, baseName, isArticleDocument, sidecarUriFor } from '../articles';
import { articleText, exportInput, publisherFor } from '../exportInputs';
import { readTextFile, writeTextFile } from '../fileText';
import * as notify from '../notify';
import { previewArticleKey, type ReportPreviewHandle } from '../reportPreview';
import { resolveClaim, UserError, type CommandDeps, type Handler } from './shared';

const EDIT_PUBLISHED = 'Edit Publication Details…';
const EDIT_PUBLISHER = 'Edit Publisher…';

/** Articles read again before an export without a progress notification (a few are quick). */
const READ_AGAIN_QUIETLY = 20;

export function publishCommands(deps: CommandDeps, preview: ReportPreviewHandle): Record<string, Handler> {
  const { store } = deps;

  /** The article a command is about: a URI argument, else the active editor's article. */
  const targetArticle = async (arg: unknown): Promise<string> => {
    const key = previewArticleKey(arg);
    if (!key) throw new UserError('Open an article first.');
    const uri = articleUri(key);
    if (!arg) {
      const doc = vscode.window.activeTextEditor?.document;
      if (doc && !isArticleDocument(doc)) throw new UserError(`${baseName(doc.uri)} is not an article (Markdown or plain text).`);
    }
    const ensured = await deps.sync.ensureArticle(uri, true);
    if (!ensured) throw new UserError(`Could not read ${baseName(uri)}.`);
    return ensured;
  };

  const follow = async (choice: string | undefined) => {
    if (choice === EDIT_PUBLISHED) await vscode.commands.executeCommand('factmark.editPublished');
    else if (choice === EDIT_PUBLISHER) await vscode.commands.executeCommand('factmark.editPublisher');
  };

  return {
    'factmark.previewReport': async (arg?: unknown) => {
      const key = await targetArticle(arg);
      await preview.show(key);
      return key;
    },

    'factmark.export': async (arg?: unknown, options?: { format?: string; target?: vscode.Uri; scope?: 'article' | 'all' }) => {
      const key = await targetArticle(arg);
      const format = options?.format ? FORMATS.find((f) => f.id === options.format) : await pickFormat();
      if (!format) return undefined;
      const others = store.articles().filter((a) => a !== key && (store.get(a)?.claims.length ?? 0) > 0);
      let articles = [key];
      if (options?.scope === 'all') articles = [key, ...others];
      else if (!options?.scope && others.length) {
        const scope = await vscode.window.showQuickPick([
          { label: `$(file) ${baseName(articleUri(key))}`, description: 'this article', all: false },
          { label: `$(files) All ${others.length + 1} articles with claims`, description: 'one file for all', all: true },
        ], { placeHolder: `Export ${format.label} of…` });
        if (!scope) return undefined;
        if (scope.all) articles = [key, ...others];
      }
      // An article let go (restored from the start-up cache, or not open) has placements anchored
      // in a text read earlier, and claims parsed earlier: read both again and anchor afresh before
      // they are put together with the text read now (a verdict is never exported on other words).
      // Many of them (all articles of an archive) take a while: with a notification saying how far.
      const reread = articles.filter((a) => store.articleLetGo(a));
      const readAgain = async (report?: (done: number) => void) => {
        for (let i = 0; i < reread.length; i++) { await deps.sync.ensureArticle(articleUri(reread[i]), false); report?.(i + 1); }
      };
      let input: Awaited<ReturnType<typeof exportInput>>;
      try {
        if (reread.length > READ_AGAIN_QUIETLY) {
          const step = Math.max(1, Math.round(reread.length / 50));
          await notify.withProgress({ location: vscode.ProgressLocation.Notification, title: `Factmark: reading ${reread.length.toLocaleString('en')} articles again for the export` },
            (progress) => readAgain((done) => { if (done % step === 0) progress.report({ message: `${done.toLocaleString('en')} of ${reread.length.toLocaleString('en')}`, increment: (100 * step) / reread.length }); }));
        } else {
          await readAgain();
        }
        input = await exportInput(store, articles);
      } finally {
        // (let go again, as after any command: the texts of an archive are not kept for an export)
        for (const a of reread) deps.sync.releaseText(articleUri(a));
      }
      const result = format.render(input);
      const errors = result.notes.filter((n) => n.severity === 'error');
      if (errors.length) {
        const choice = await notify.error(`Nothing was exported: ${errors.map((e) => e.message).join(' ')}`,
          ...(errors.some((e) => /published/.test(e.message)) ? [EDIT_PUBLISHED] : []));
        await follow(choice);
        return undefined;
      }
      const suggested = articles.length === 1 ? vscode.Uri.joinPath(articleUri(key), '..', baseName(vscode.Uri.file(exportFileName(baseName(articleUri(key)), format))))
        : vscode.Uri.joinPath(articleUri(key), '..', `fact-check${format.extension}`);
      const target = options?.target ?? await vscode.window.showSaveDialog({ defaultUri: suggested, filters: format.filter, saveLabel: 'Export', title: `Export ${format.label}` });
      if (!target) return undefined;
      const protectedUris = articles.flatMap((a) => [articleUri(a).toString(), sidecarUriFor(articleUri(a)).toString()]);
      if (protectedUris.includes(target.toString())) throw new UserError(`${baseName(target)} is an article or a sidecar; choose another file.`);
      await writeTextFile(target, result.text, {}, 'export');
      const warnings = result.notes.filter((n) => n.severity === 'warning').map((n) => n.message);
      const message = `Exported ${result.summary} to ${baseName(target)}.${warnings.length ? ` ${warnings.join(' ')}` : ''}`;
      const actions = ['Open', ...(warnings.some((w) => /publisher/i.test(w)) ? [EDIT_PUBLISHER] : []), ...(warnings.some((w) => /publication date/.test(w)) ? [EDIT_PUBLISHED] : [])];
      void notify.info(message, ...actions).then(async (choice) => {
        if (choice === 'Open') await vscode.commands.executeCommand('vscode.open', target);
        else await follow(choice);
      });
      return { target, summary: result.summary, notes: result.notes };
    },

    'factmark.import': async (arg?: unknown, file?: vscode.Uri) => {
      const key = await targetArticle(arg);
      const uri = articleUri(key);
      const picked = file ?? (await vscode.window.showOpenDialog({
        canSelectMany: false, openLabel: 'Import', title: `Import annotations into ${baseName(uri)}`,
        filters: { 'Annotations (W3C JSON-LD, Hypothesis JSON)': ['json', 'jsonld'], 'All files': ['*'] },
      }))?.[0];
      if (!picked) return undefined;
      const snap = store.get(key);
      if (snap?.sidecarState === 'broken') throw new UserError(`${baseName(sidecarUriFor(uri))} has errors; fix it before importing — it will not be written over.`);
      const fileText = await readTextFile(picked, 'annotations file');
      if (fileText === undefined) throw new UserError(`${baseName(picked)} was not found.`);
      const text = await articleText(uri);
      if (text === undefined) throw new UserError(`Could not read ${baseName(uri)}.`);
      const r = planImport(text, fileText, { scale: store.scale, now: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), existing: store.get(key)?.claims ?? [] });
      if (!r.ok) throw new UserError(`${baseName(picked)}${r.line ? `:${r.line}:${r.column}` : ''}: ${r.message}`);
      store.addClaims(key, r.plan.imported.map((i) => i.claim));
      for (const n of [...r.plan.notes, ...r.plan.skipped, ...r.plan.duplicates]) deps.log.info(`import ${baseName(picked)}: ${n.message}`);
      const details = r.plan.notes.length + r.plan.skipped.length + r.plan.duplicates.length;
      void notify.info(r.plan.summary, ...(details ? ['Show Details'] : [])).then((c) => { if (c) deps.log.show(true); });
      return r.plan;
    },

    'factmark.editPublished': async (arg?: unknown, value?: Published) => {
      const key = await targetArticle(arg);
      const now = store.get(key)?.published ?? {};
      const next: Published | undefined = value ?? await askPublished(now, baseName(articleUri(key)));
      if (!next) return undefined;
      store.setPublished(key, next);
      return store.get(key)?.published;
    },

    'factmark.editPublisher': async (value?: { name?: string; url?: string }) => {
      const folder = (vscode.window.activeTextEditor && vscode.workspace.getWorkspaceFolder(vscode.window.activeTextEditor.document.uri)) ?? vscode.workspace.workspaceFolders?.[0];
      if (!folder) throw new UserError('Open a folder first: the publisher is kept in its .factmark.yaml.');
      const uri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
      const source = await readTextFile(uri, 'config file');
      const current = await publisherFor(uri);
      const next = value ?? await askPublisher(current ?? {});
      if (!next) return undefined;
      const edit = setPublisher(source, next, CONFIG_FILE);
      if (!edit.ok) {
        const p = edit.problems[0];
        throw new UserError(`${CONFIG_FILE}${p.line ? `:${p.line}:${p.column}` : ''}: ${p.message} It was not changed.`);
      }
      await writeTextFile(uri, edit.text, { expected: source }, 'config file');
      return next;
    },

    'factmark.editSummary': async (arg?: unknown, value?: string) => {
      const found = await resolveClaim(deps, arg);
      if (!found) return undefined;
      const text = value ?? await vscode.window.showInputBox({
        title: `ClaimReview summary — ${short(found.entry.claim.quote, 40)}`,
        value: found.entry.claim.summary ?? '',
        prompt: 'A short wording of the claim for search results (Google suggests under 75 characters). Empty: the quote is used.',
        validateInput: (v) => ([...v.trim()].length > 75 ? { message: `${[...v.trim()].length} characters; Google suggests under 75.`, severity: vscode.InputBoxValidationSeverity.Warning } : undefined),
        ignoreFocusOut: true,
      });
      if (text === undefined) return undefined;
      store.updateClaim(found.ref.article, found.ref.id, { summary: text.trim() || undefined });
      return found.ref;
    },
  };
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const picked = await vscode.window.showQuickPick(FORMATS.map((f) => ({ label: f.label, detail: f.detail, format: f })), { placeHolder: 'Export the fact-check as…', matchOnDetail: true });
  return picked?.format;
}

async function askPublished(now: Published, article: string): Promise<Published | undefined> {
  const url = await vscode.window.showInputBox({
    title: `Publication of ${article} (1/3): address`, value: now.url ?? '', prompt: 'The address of the published fact-check (ClaimReview `url`). Empty: not published yet.',
    validateInput: (v) => (v.trim() && !isHttpUrl(v.trim()) ? 'An http:// or https:// address.' : undefined), ignoreFocusOut: true,
  });
  if (url === undefined) return undefined;
  const headline = await vscode.window.showInputBox({ title: `Publication of ${article} (2/3): headline`, value: now.headline ?? '', prompt: 'The headline it was published under.', ignoreFocusOut: true });
  if (headline === undefined) return undefined;
  const date = await vscode.window.showInputBox({
    title: `Publication of ${article} (3/3): date`, value: now.date ?? new Date().toISOString().slice(0, 10), prompt: 'YYYY-MM-DD (or an ISO 8601 date and time).',
    validateInput: (v) => (v.trim() && !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/.test(v.trim()) ? 'A date like 2026-11-30.' : undefined), ignoreFocusOut: true,
  });
  if (date === undefined) return undefined;
  return { url: url.trim() || undefined, headline: headline.trim() || undefined, date: date.trim() || undefined };
}

async function askPublisher(now: { name?: string; url?: string }): Promise<{ name?: string; url?: string } | undefined> {
  const name = await vscode.window.showInputBox({ title: 'Publisher (1/2): name', value: now.name ?? '', prompt: 'The organisation that publishes the fact-checks (ClaimReview `author`).', ignoreFocusOut: true });
  if (name === undefined) return undefined;
  const url = await vscode.window.showInputBox({
    title: 'Publisher (2/2): address', value: now.url ?? '', prompt: 'Its home page.',
    validateInput: (v) => (v.trim() && !isHttpUrl(v.trim()) ? 'An http:// or https:// address.' : undefined), ignoreFocusOut: true,
  });
  if (url === undefined) return undefined;
  return { name: name.trim() || undefined, url: url.trim() || undefined };
}

