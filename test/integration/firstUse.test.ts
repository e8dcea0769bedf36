// What a fact-checker trips over in the first hour (issue 15), in the real VS Code: an orphan's
// next step from its hover and the details, a suggestion's hover and quick fixes, counts that
// cannot be read as claims, messages that name files by their workspace path, and the context
// keys behind the Command Palette's `when` clauses. (The Command Palette, the walkthrough and
// the notifications themselves are seen in test/e2e/firstUse.e2e.ts.)
import * as assert from 'assert';
import * as vscode from 'vscode';
import { api } from './helpers';
import { ARTICLE, entryOf, fileUri, markWords, openNewArticle, readFile, select, sidecarOf, sidecarYaml, uniqueName, waitFor, writeFile } from './claimFiles';

type Api = Awaited<ReturnType<typeof api>>;
interface Suggestion { start: number; end: number; text: string; score: number; reasons: string[] }

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');
}

/** The ids of the `command:` links in Markdown, in order. */
function commandsLinked(md: string): string[] {
  return [...md.matchAll(/\]\(command:([a-zA-Z.]+)\?/g)].map((m) => m[1]);
}

/** Replaces the first occurrence of `words` in the editor's document. */
async function replaceWords(editor: vscode.TextEditor, words: string, by: string): Promise<void> {
  const at = editor.document.getText().indexOf(words);
  assert.ok(at >= 0, `"${words}" is not in the article`);
  const range = new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + words.length));
  assert.ok(await editor.edit((e) => e.replace(range, by)));
}

async function treatyCopy(): Promise<vscode.TextEditor> {
  const text = await readFile(fileUri('treaty.article.md'));
  assert.ok(text, 'test/fixtures/workspace/treaty.article.md is missing');
  const uri = fileUri(uniqueName('treaty-first-use').replace(/\.md$/, '.article.md'));
  await writeFile(uri, text);
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
}

describe('first use: orphans, suggestions, messages, context keys', () => {
  let factmark: Api;
  before(async () => {
    factmark = await api();
    await factmark.ready;
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('factmark.clearSuggestions');
  });

  it('an orphan offers Re-attach and Delete in its hover and the details; Reveal goes to where it was; re-attaching from the details places it', async () => {
    const editor = await openNewArticle(uniqueName('orphan'), ARTICLE);
    const ref = await markWords(editor, 'Bus fares will stay frozen until at least April 2027');
    await vscode.commands.executeCommand('factmark.setStatus', ref, 'accurate');
    await sidecarYaml(editor.document.uri); // written: the claim has its position hints
    const line = editor.document.positionAt(editor.document.getText().indexOf('Bus fares')).line;
    await replaceWords(editor, 'Bus fares will stay frozen until at least April 2027, the transport chair said.', 'Tickets go up in spring.');
    await waitFor('the claim to be orphaned', async () => (await entryOf(ref))?.state === 'orphaned');

    const md = factmark.views.hover.markdownFor(ref.article, ref.id)?.value ?? '';
    assert.deepStrictEqual(commandsLinked(md).slice(0, 2), ['factmark.reattach', 'factmark.deleteClaim'], md);
    assert.ok(!md.includes('not even approximately'), `the matcher's words are shown:\n${md}`);
    assert.ok((factmark.views.hover.markdownFor(ref.article, ref.id)?.isTrusted as { enabledCommands: string[] }).enabledCommands.includes('factmark.deleteClaim'),
      'the Delete link is not trusted, so it would do nothing');

    await vscode.commands.executeCommand('factmark.showDetails', ref);
    const details = factmark.views.details;
    await waitFor('the details to show the orphan', () => details.current()?.id === ref.id);
    const state = details.lastState();
    assert.ok(state.type === 'claim' && state.notice, 'the details say nothing about the orphan');
    if (state.type === 'claim' && state.notice) {
      assert.deepStrictEqual(state.notice.actions, ['reattach', 'delete']);
      assert.ok(!`${state.notice.title} ${state.notice.detail}`.includes('not found, not even'), state.notice.detail);
    }

    // Reveal: the article, with the cursor where the words were.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('factmark.revealClaim', ref);
    const shown = await waitFor('the article to open', () => vscode.window.activeTextEditor?.document.uri.toString() === ref.article && vscode.window.activeTextEditor);
    await waitFor('the cursor at the old place', () => shown.selection.active.line === line);

    // The user selects the words the claim now refers to and clicks Re-attach in the details.
    select(shown, 'Tickets go up in spring');
    await details.receive({ type: 'command', command: 'factmark.reattach', ref });
    const placed = await waitFor('the claim to be placed', async () => {
      const e = await entryOf(ref);
      return e && e.state !== 'orphaned' ? e : undefined;
    });
    assert.strictEqual(shown.document.getText().slice(placed.start, placed.end), 'Tickets go up in spring');
    assert.strictEqual(placed.claim.quote, 'Tickets go up in spring');
  });

  it('a suggested sentence has a hover with its reasons and Accept / Dismiss, and both as quick fixes (the lightbulb)', async () => {
    const editor = await treatyCopy();
    const uri = editor.document.uri;
    const list = (await vscode.commands.executeCommand<Suggestion[]>('factmark.suggestClaims')) ?? [];
    assert.ok(list.length >= 2, `only ${list.length} suggestions`);
    const s = list[0];
    const inside = editor.document.positionAt(s.start + 3);

    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, inside)) ?? [];
    const text = hoverText(hovers);
    assert.match(text, /Suggested claim/);
    // Every reason, as the panel's tooltip words it (a model feature without its "feature:" tag).
    const shown = text.replace(/\\(.)/g, '$1');
    for (const r of s.reasons) assert.ok(shown.includes(r.replace(/^feature: /, '')), `reason "${r}" is not in the hover:\n${text}`);
    assert.deepStrictEqual(commandsLinked(text).filter((c) => c.includes('Suggestion')), ['factmark.acceptSuggestion', 'factmark.dismissSuggestion']);
    const outside = editor.document.positionAt(list[0].end + 1);
    if (!list.some((x) => x.start <= list[0].end + 1 && list[0].end + 1 < x.end)) {
      assert.ok(!/Suggested claim/.test(hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, outside)) ?? [])), 'a suggestion hover outside the sentence');
    }

    editor.selection = new vscode.Selection(inside, inside);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(inside, inside))) ?? [];
    const ours = actions.filter((a) => a.command?.command === 'factmark.acceptSuggestion' || a.command?.command === 'factmark.dismissSuggestion');
    assert.strictEqual(ours.length, 2, actions.map((a) => a.title).join(', '));
    for (const a of ours) assert.ok(a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind), `${a.title} is not a quick fix, so no lightbulb shows`);
    const accept = ours.find((a) => a.command?.command === 'factmark.acceptSuggestion');
    assert.match(accept?.title ?? '', /^Mark as claim: “/);
    const ref = await vscode.commands.executeCommand<{ article: string; id: string }>(accept!.command!.command, ...(accept!.command!.arguments ?? []));
    const claim = factmark.store.claim(ref.article, ref.id);
    assert.strictEqual(claim?.claim.quote, s.text);
    await waitFor('the suggestion to go', () => !factmark.suggestions.of(uri)?.some((x) => x.start === s.start));
  });

  it('the status bar counts suggested sentences, never "unchecked", and says it in full in its tooltip', async () => {
    const editor = await treatyCopy();
    const list = (await vscode.commands.executeCommand<Suggestion[]>('factmark.suggestClaims')) ?? [];
    let bar = factmark.views.statusBar.state();
    assert.strictEqual(bar.text, `$(lightbulb) ${list.length} suggested sentences without a claim`);
    await markWords(editor, list[0].text);
    await waitFor('the count to follow', () => factmark.suggestions.of(editor.document.uri)?.length === list.length - 1);
    bar = factmark.views.statusBar.state();
    assert.match(bar.text, new RegExp(`^\\$\\(checklist\\) 0/1 checked · ${list.length - 1} suggested$`));
    assert.match(bar.tooltip, new RegExp(`${list.length - 1} suggested sentences without a claim`));
    assert.match(bar.accessibilityLabel, /0 of 1 claim checked/);
    for (const s of [bar.text, bar.tooltip]) assert.ok(!/unchecked/.test(s), s);
  });

  it('a command refused because of a broken sidecar names it by its workspace path and says where the error is', async () => {
    const editor = await openNewArticle(uniqueName('broken-names'), ARTICLE);
    const ref = await markWords(editor, 'Spending on housing rises');
    await sidecarYaml(editor.document.uri);
    const sidecar = sidecarOf(editor.document.uri);
    const good = (await readFile(sidecar))!;
    await writeFile(sidecar, 'factmark: 1\nclaims:\n  - id: x\n    quote: "unclosed\n');
    await waitFor('the sidecar to be broken', () => factmark.articleOf(editor.document.uri)?.sidecarState === 'broken');
    let error: Error | undefined;
    try { factmark.store.updateClaim(ref.article, ref.id, { status: 'accurate' }); } catch (e) { error = e as Error; }
    assert.ok(error, 'a broken sidecar was written over');
    const rel = vscode.workspace.asRelativePath(sidecar, false);
    assert.ok(error.message.startsWith(`${rel} has errors (line `), error.message);
    assert.ok(!/file:\/\/|:\)|column \d+:\)/.test(error.message), `odd message: ${error.message}`);
    const location = (error as Error & { location?: { file: string; line?: number } }).location;
    assert.strictEqual(location?.file, sidecar.toString());
    assert.ok(location?.line && location.line >= 1, 'no line to open the file at');
    const bar = factmark.views.statusBar.state();
    assert.ok(bar.warning && !bar.tooltip.includes('file://'), bar.tooltip);
    await writeFile(sidecar, good);
    await waitFor('the sidecar to read again', () => factmark.articleOf(editor.document.uri)?.sidecarState !== 'broken');
  });

  it('sets the context keys that hide situational commands until they apply', async () => {
    const key = (k: string) => factmark.contextKey(k);
    const editor = await openNewArticle(uniqueName('keys'), ARTICLE);
    const a = await markWords(editor, 'Spending on housing rises to £58 million');
    await waitFor('the current claim', () => key('factmark.currentClaimState') === 'anchored');
    assert.strictEqual(key('factmark.articleHasChangedClaims'), false);
    assert.strictEqual(key('factmark.currentClaimHasSources'), false);
    await vscode.commands.executeCommand('factmark.addSource', a, { url: 'https://example.org/budget' });
    await waitFor('has sources', () => key('factmark.currentClaimHasSources') === true);

    await replaceWords(editor, '£58 million', '£85 million');
    await waitFor('the claim to be changed', async () => (await entryOf(a))?.state === 'changed');
    select(editor, 'Spending on housing');
    await waitFor('the changed state at the cursor', () => key('factmark.currentClaimState') === 'changed');
    assert.strictEqual(key('factmark.articleHasChangedClaims'), true);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await waitFor('no claim at the cursor', () => key('factmark.claimAtCursor') === false);

    const b = await markWords(editor, 'Bus fares will stay frozen');
    await vscode.commands.executeCommand('factmark.deleteClaim', b, { confirm: false });
    assert.strictEqual(key('factmark.canUndoDelete'), true);
    await vscode.commands.executeCommand('factmark.undoDelete');
    assert.strictEqual(key('factmark.canUndoDelete'), false);

    await vscode.commands.executeCommand('factmark.suggestClaims');
    await waitFor('suggestions shown', () => key('factmark.hasSuggestions') === true);
    await vscode.commands.executeCommand('factmark.clearSuggestions');
    await waitFor('suggestions cleared', () => key('factmark.hasSuggestions') === false);

    // The key is about the whole workspace: other tests' sidecars may still hold conflicts.
    const conflicted = (article: string) => {
      const s = factmark.store.get(article);
      return !!s && (s.sidecarState === 'conflict' || (s.sidecarState === 'broken' && s.problems.some((p) => p.code === 'git-conflict')));
    };
    const others = () => factmark.store.articles().some((x) => x !== a.article && conflicted(x));
    await sidecarYaml(editor.document.uri);
    const sidecar = sidecarOf(editor.document.uri);
    const text = (await readFile(sidecar))!;
    assert.strictEqual(key('factmark.hasConflicts'), others());
    await writeFile(sidecar, text.replace(/^claims:\n/m, 'claims:\n<<<<<<< HEAD\n=======\n>>>>>>> theirs\n'));
    await waitFor('the conflict markers to be seen', () => conflicted(a.article) && key('factmark.hasConflicts') === true);
    await writeFile(sidecar, text);
    await waitFor('the conflict to be gone', () => !conflicted(a.article) && key('factmark.hasConflicts') === others());
  });

  it('the details form adds a source with its archived copy, and refuses an archive that is not a web address', async () => {
    const editor = await openNewArticle(uniqueName('archive'), ARTICLE);
    const ref = await markWords(editor, 'a budget of £412 million');
    await vscode.commands.executeCommand('factmark.showDetails', ref);
    const details = factmark.views.details;
    await waitFor('the form to show the claim', () => details.current()?.id === ref.id);
    await details.receive({ type: 'addSource', ref, source: { url: 'https://example.org/b', archive: 'javascript:alert(1)' } });
    assert.deepStrictEqual((await entryOf(ref))?.claim.sources, [], 'a source with a javascript: archive was added');
    await details.receive({ type: 'addSource', ref, source: { url: 'https://example.org/b', title: 'B', archive: ' https://web.archive.org/web/2026/https://example.org/b ' } });
    const sources = (await entryOf(ref))?.claim.sources ?? [];
    assert.deepStrictEqual(sources.map((s) => [s.url, s.archive]), [['https://example.org/b', 'https://web.archive.org/web/2026/https://example.org/b']]);
    const yaml = await sidecarYaml(editor.document.uri);
    assert.strictEqual(yaml.claims[0].sources?.[0].archive, 'https://web.archive.org/web/2026/https://example.org/b');
    const state = details.lastState();
    assert.ok(state.type === 'claim' && state.sources[0].archive, 'the form is not sent the archive link');
  });
});
