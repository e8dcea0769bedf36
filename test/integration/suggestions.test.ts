// Suggest Claims in the real VS Code, on a copy of the sample (treaty) article: the check-worthy
// sentences are listed in the Claims panel and underlined, accepting one makes it a claim,
// dismissing one writes it to the sidecar's `dismissed:` list so that it does not come back.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { api } from './helpers';
import { fileUri, readFile, sidecarOf, sidecarYaml, waitFor, writeFile, type ClaimRef } from './claimFiles';

type Api = Awaited<ReturnType<typeof api>>;
type Node = Parameters<Api['views']['tree']['provider']['getTreeItem']>[0];
interface Suggestion { start: number; end: number; text: string; score: number; reasons: string[]; features: Array<{ feature: string; weight: number }> }

/** The default of factmark.suggestions.threshold (the shipped model's threshold). */
const THRESHOLD = vscode.extensions.getExtension('factmark.factmark')?.packageJSON.contributes.configuration.properties['factmark.suggestions.threshold'].default as number;

let counter = 0;
/** A fresh copy of the sample article (the fixture is left as it is for the other suites). */
async function openTreatyCopy(): Promise<vscode.TextEditor> {
  const text = await readFile(fileUri('treaty.article.md'));
  assert.ok(text, 'test/fixtures/workspace/treaty.article.md is missing');
  const uri = fileUri(`treaty-${Date.now().toString(36)}-${counter++}.article.md`);
  await writeFile(uri, text);
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
}

async function suggest(editor: vscode.TextEditor): Promise<Suggestion[]> {
  await vscode.window.showTextDocument(editor.document);
  return (await vscode.commands.executeCommand<Suggestion[]>('factmark.suggestClaims')) ?? [];
}

async function children(factmark: Api, n?: Node): Promise<Node[]> {
  return (await factmark.views.tree.provider.getChildren(n)) ?? [];
}

describe('suggest claims', () => {
  let factmark: Api;
  before(async () => {
    factmark = await api();
    await factmark.ready;
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('factmark.clearSuggestions');
    await vscode.commands.executeCommand('factmark.groupByArticle');
  });

  it('opens a .article.md file in the "Fact-check article" language', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri('treaty.article.md'));
    assert.strictEqual(doc.languageId, 'factmark-article');
  });

  it('from the Claims panel\'s article menu (its element is a node id) suggests in that article, not the active editor\'s', async () => {
    const editor = await openTreatyCopy();
    const other = await vscode.workspace.openTextDocument({ language: 'json', content: '{}' });
    await vscode.window.showTextDocument(other);
    const list = (await vscode.commands.executeCommand<Suggestion[]>('factmark.suggestClaims', `article:${editor.document.uri.toString()}`)) ?? [];
    assert.ok(list.length >= 5, `only ${list.length} suggestions`);
    const text = editor.document.getText();
    for (const s of list) assert.strictEqual(text.slice(s.start, s.end), s.text);
  });

  it('lists the check-worthy sentences of the sample article in the panel, status bar and underline', async () => {
    const editor = await openTreatyCopy();
    const uri = editor.document.uri;
    const list = await suggest(editor);
    const text = editor.document.getText();
    assert.ok(list.length >= 5, `only ${list.length} suggestions`);
    for (const s of list) assert.strictEqual(text.slice(s.start, s.end), s.text);
    // A sentence a fact-checker would pick (an attributed figure) is there.
    assert.ok(list.some((s) => s.text.startsWith('According to Iranian Ambassador Kazem Jalali, the agreement will remain effective for 20 years')), list.map((s) => s.text).join('\n'));
    assert.ok(list.every((s) => s.reasons.length > 0 && s.score >= THRESHOLD && s.score <= 1), list.map((s) => s.score).join(', '));
    // Scored by the trained model, read from the extension's own folder: it names its features.
    assert.ok(list.every((s) => s.features.length > 0 && s.reasons.some((r) => r.startsWith('feature: '))), 'suggestions without model features: the model did not load');
    assert.strictEqual(factmark.suggestions.uncheckedCount(uri), list.length);

    const key = uri.toString();
    const nodeOf = (n: Node) => factmark.views.tree.node(n);
    const article = (await children(factmark)).find((n) => { const x = nodeOf(n); return x?.kind === 'article' && x.article === key; });
    assert.ok(article, 'the article is not in the Claims panel');
    const articleItem = await factmark.views.tree.provider.getTreeItem(article);
    assert.match(String(articleItem.description), new RegExp(`${list.length} suggested sentences without a claim`));
    const group = (await children(factmark, article)).find((n) => nodeOf(n)?.kind === 'suggestions');
    assert.ok(group, 'no Suggestions group under the article');
    assert.strictEqual((await factmark.views.tree.provider.getTreeItem(group)).label, `Suggestions (${list.length})`);
    const nodes = await children(factmark, group);
    assert.strictEqual(nodes.length, list.length);
    const first = await factmark.views.tree.provider.getTreeItem(nodes[0]);
    assert.strictEqual(first.contextValue, 'suggestion');
    assert.strictEqual(first.description, `score ${list[0].score}`);
    assert.strictEqual(first.tooltip, undefined, 'the tooltip is built before it is hovered');
    const tip = (await factmark.views.tree.provider.resolveTreeItem?.(first, nodes[0], new vscode.CancellationTokenSource().token))?.tooltip as vscode.MarkdownString;
    // Why, in two lines: the cues, then the words the model weighed most, as the CLI prints them
    // (escaped: ASCII punctuation gets a backslash, so that article text cannot become markup).
    const escaped = (t: string) => t.replace(/[!-/:-@[-`{-~]/g, '\\$&');
    const cues = list[0].reasons.filter((r) => !r.startsWith('feature: '));
    const weighed = list[0].reasons.filter((r) => r.startsWith('feature: ')).map((r) => r.slice('feature: '.length));
    assert.ok(weighed.length > 0 && weighed.length === list[0].features.length, `model features: ${list[0].reasons.join('; ')}`);
    assert.match(tip.value, /\*\*Cues:\*\* .*\n\n\*\*The model weighed most:\*\* /);
    for (const r of [...cues, ...weighed]) assert.ok(tip.value.includes(escaped(r.slice(0, 70))), // long quotations are cut at 80
      `reason "${r}" not in the tooltip:\n${tip.value}`);
    assert.strictEqual(factmark.views.tree.provider.getParent?.(nodes[0]), group);

    await waitFor('the underline', () => factmark.suggestions.decorated(uri)?.length === list.length);
    assert.deepStrictEqual(factmark.suggestions.decorated(uri), list.map((s) => ({ start: s.start, end: s.end })));
    const bar = factmark.views.statusBar.state();
    assert.ok(bar.visible);
    assert.match(bar.text, new RegExp(`${list.length} suggested sentences without a claim`));

    await vscode.commands.executeCommand('factmark.clearSuggestions');
    assert.strictEqual(factmark.suggestions.of(uri), undefined);
    await waitFor('the underline to go', () => !factmark.suggestions.decorated(uri)?.length);
  });

  it('follows factmark.suggestions.threshold, and ignores a value off the 0–1 scale', async () => {
    const config = vscode.workspace.getConfiguration('factmark');
    const editor = await openTreatyCopy();
    const normal = await suggest(editor);
    try {
      await config.update('suggestions.threshold', 0.9, vscode.ConfigurationTarget.Workspace);
      const strict = await waitFor('a recompute at 0.9', () => {
        const now = factmark.suggestions.of(editor.document.uri);
        return now && now.length < normal.length ? now : undefined;
      });
      assert.ok(strict.every((s) => s.score >= 0.9));
      await config.update('suggestions.threshold', 2, vscode.ConfigurationTarget.Workspace); // the old cue-point scale
      assert.deepStrictEqual((await suggest(editor)).map((s) => s.start), normal.map((s) => s.start));
    } finally {
      await config.update('suggestions.threshold', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('accepting a suggestion makes it a claim and takes it out of the suggestions', async () => {
    const editor = await openTreatyCopy();
    const uri = editor.document.uri;
    const list = await suggest(editor);
    const target = list[1];
    const ref = await vscode.commands.executeCommand<ClaimRef>('factmark.acceptSuggestion', { article: uri.toString(), start: target.start, end: target.end });
    assert.ok(ref?.id, 'Accept returned no claim');
    const entry = factmark.store.claim(ref.article, ref.id);
    assert.strictEqual(entry?.claim.quote, target.text);
    const after = await waitFor('the suggestion to go', () => {
      const now = factmark.suggestions.of(uri);
      return now && now.length === list.length - 1 ? now : undefined;
    });
    assert.ok(!after.some((s) => s.start === target.start), 'the accepted sentence is still suggested');
    const yaml = await sidecarYaml(uri);
    assert.deepStrictEqual(yaml.claims.map((c) => c.quote), [target.text]);
  });

  it('accepts and dismisses the suggestion under the cursor', async () => {
    const editor = await openTreatyCopy();
    const list = await suggest(editor);
    const pos = editor.document.positionAt(list[0].start + 3);
    editor.selection = new vscode.Selection(pos, pos);
    const ref = await vscode.commands.executeCommand<ClaimRef>('factmark.acceptSuggestion');
    assert.strictEqual(factmark.store.claim(ref.article, ref.id)?.claim.quote, list[0].text);
    const pos2 = editor.document.positionAt(list[2].start + 3);
    editor.selection = new vscode.Selection(pos2, pos2);
    await vscode.commands.executeCommand('factmark.dismissSuggestion');
    await waitFor('both to go', () => factmark.suggestions.of(editor.document.uri)?.length === list.length - 2);
  });

  it('dismissing writes `dismissed:` to the sidecar, and the sentence does not come back after a reload', async () => {
    const editor = await openTreatyCopy();
    const uri = editor.document.uri;
    const list = await suggest(editor);
    const target = list.find((s) => /[“”]/.test(s.text)) ?? list[0];
    await vscode.commands.executeCommand('factmark.dismissSuggestion', { article: uri.toString(), start: target.start, end: target.end });
    await waitFor('the suggestion to go', () => factmark.suggestions.of(uri)?.length === list.length - 1);
    await factmark.flush();
    const text = await readFile(sidecarOf(uri));
    assert.ok(text, 'no sidecar was written');
    assert.deepStrictEqual(parse(text).dismissed, [target.text.replace(/\s+/g, ' ')]);
    assert.match(text, /\ndismissed:\n {2}- ".+"\n$/);

    // Reload: forget everything in memory, read the files again, suggest again.
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.commands.executeCommand('factmark.clearSuggestions');
    factmark.store.forget(uri.toString());
    await vscode.commands.executeCommand('factmark.refresh');
    const reopened = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const again = await suggest(reopened);
    assert.strictEqual(again.length, list.length - 1);
    assert.ok(!again.some((s) => s.text === target.text), 'the dismissed sentence came back');
  });

  it('leaves out sentences dismissed in a sidecar written by someone else', async () => {
    const editor = await openTreatyCopy();
    const uri = editor.document.uri;
    const list = await suggest(editor);
    await vscode.commands.executeCommand('factmark.clearSuggestions');
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    await writeFile(sidecarOf(uri), `factmark: 1\narticle: ${name}\nclaims: []\ndismissed:\n  - ${JSON.stringify(list[0].text)}\n  - ${JSON.stringify(list[3].text)}\n`);
    await waitFor('the sidecar to load', () => factmark.articleOf(uri)?.dismissed.length === 2);
    const again = await suggest(editor);
    assert.deepStrictEqual(again.map((s) => s.start), list.filter((_, i) => i !== 0 && i !== 3).map((s) => s.start));
  });

  it('recomputes after an edit, and lists suggestions at the top when grouped by status', async () => {
    const editor = await openTreatyCopy();
    const uri = editor.document.uri;
    const list = await suggest(editor);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'The ministry said 4,000 troops arrived on 3 March 2025.\n\n'));
    const after = await waitFor('a recompute', () => {
      const now = factmark.suggestions.of(uri);
      return now && now.length === list.length + 1 ? now : undefined;
    });
    assert.strictEqual(after[0].start, 0);
    await vscode.commands.executeCommand('factmark.groupByStatus');
    const top = (await children(factmark)).find((n) => factmark.views.tree.node(n)?.kind === 'suggestions');
    assert.ok(top, 'no Suggestions group at the top');
    assert.ok((await children(factmark, top)).length >= after.length);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});

describe('the check-worthiness model, as the extension reads it', () => {
  let factmark: Api;
  let root: vscode.Uri;
  before(async () => {
    factmark = await api();
    root = vscode.Uri.file(fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-model-')));
  });
  after(() => fs.rmSync(root.fsPath, { recursive: true, force: true }));

  /** A folder whose models/checkworthiness.json holds `bytes` (or nothing). */
  async function folderWith(bytes: Uint8Array | undefined): Promise<vscode.Uri> {
    const dir = vscode.Uri.joinPath(root, `case-${counter++}`);
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(dir, 'models'));
    if (bytes) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'models', 'checkworthiness.json'), bytes);
    return dir;
  }

  it('is the shipped model that Suggest Claims uses, read from the extension folder', async () => {
    const inUse = await factmark.suggestions.scorer();
    assert.strictEqual(inUse.kind, 'model');
    assert.strictEqual(inUse.threshold, THRESHOLD);
    const own = await factmark.suggestions.readModel(vscode.Uri.file(vscode.extensions.getExtension('factmark.factmark')!.extensionPath));
    assert.strictEqual(own.problem, undefined);
    assert.strictEqual(own.scorer.description, inUse.description);
  });

  it('falls back to the cue heuristic with a message naming the file when it is missing, not UTF-8, truncated or damaged', async () => {
    const shipped = await vscode.workspace.fs.readFile(vscode.Uri.file(path.join(vscode.extensions.getExtension('factmark.factmark')!.extensionPath, 'models', 'checkworthiness.json')));
    assert.ok(new TextDecoder().decode(shipped).includes('"version": 1,'), 'the shipped file is not version 1');
    const cases: Array<[string, Uint8Array | undefined, RegExp]> = [
      ['missing', undefined, /could not be read/],
      ['not UTF-8', Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d]), /could not be read/],
      ['truncated', shipped.slice(0, 5000), /is damaged: it is not valid JSON/],
      ['another version', new TextEncoder().encode(new TextDecoder().decode(shipped).replace('"version": 1', '"version": 99')), /is damaged: it is version 99/],
    ];
    for (const [what, bytes, message] of cases) {
      const dir = await folderWith(bytes);
      const { scorer, problem } = await factmark.suggestions.readModel(dir);
      assert.strictEqual(scorer.kind, 'heuristic', what);
      assert.match(problem ?? '', message, what);
      assert.ok(problem?.includes('models/checkworthiness.json') && problem.includes('plain cue heuristic'), `${what}: ${problem}`);
      // The fallback still suggests a plain factual claim, with its cues and no model features.
      const s = scorer.score('We have lost 750,000 manufacturing jobs since 2008.');
      assert.ok(s.score >= scorer.threshold && s.features.length === 0 && s.reasons.includes('figure: 750,000'), `${what}: ${JSON.stringify(s)}`);
    }
  });
});
