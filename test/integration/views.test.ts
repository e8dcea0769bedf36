// The views follow the store: highlights per status, the hover (escaped), the Claims panel with
// grouping and filter, the status bar and the details form. Reached through activate()'s API.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { parse, stringify } from 'yaml';
import { api } from './helpers';
import { ARTICLE, entryOf, markWords, openNewArticle, readFile, sidecarOf, sidecarYaml, uniqueName, waitFor, writeFile } from './claimFiles';

type Api = Awaited<ReturnType<typeof api>>;
type Node = Parameters<Api['views']['tree']['provider']['getTreeItem']>[0];

/** Ranges per status from the store, in the shape the decorations handle reports. */
function expectedRanges(factmark: Api, uri: vscode.Uri): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of factmark.claimsOf(uri)) if (e.start !== undefined) (out[e.claim.status] ??= []).push(`${e.start}-${e.end}`);
  return out;
}

function appliedRanges(factmark: Api, uri: vscode.Uri): Record<string, string[]> | undefined {
  const d = factmark.views.decorations.applied(uri);
  if (!d) return undefined;
  const out: Record<string, string[]> = {};
  for (const [k, rs] of Object.entries(d.byStatus).sort(([a], [b]) => a.localeCompare(b))) if (rs.length) out[k] = rs.map((r) => `${r.start}-${r.end}`).sort();
  return out;
}

function sortedValues(r: Record<string, string[]>): Record<string, string[]> {
  // Keys in one order too: the tests compare JSON.stringify of these.
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v].sort()]));
}

async function children(factmark: Api, n?: Node): Promise<Node[]> {
  return (await factmark.views.tree.provider.getChildren(n)) ?? [];
}

async function item(factmark: Api, n: Node): Promise<vscode.TreeItem> {
  return factmark.views.tree.provider.getTreeItem(n);
}

/** The item as VS Code shows it on hover: with the tooltip it resolves only then. */
async function resolved(factmark: Api, n: Node): Promise<vscode.TreeItem> {
  const provider = factmark.views.tree.provider;
  const it = await provider.getTreeItem(n);
  return (await provider.resolveTreeItem?.(it, n, new vscode.CancellationTokenSource().token)) ?? it;
}

/** What a node (an id) of the Claims panel stands for. */
function nodeOf(factmark: Api, n: Node | undefined) {
  return n === undefined ? undefined : factmark.views.tree.node(n);
}

function isArticle(factmark: Api, n: Node, article: string): boolean {
  const x = nodeOf(factmark, n);
  return x?.kind === 'article' && x.article === article;
}

function claimOf(factmark: Api, n: Node): { article: string; id: string } | undefined {
  const x = nodeOf(factmark, n);
  return x?.kind === 'claim' ? { article: x.article, id: x.id } : undefined;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');
}

async function hoverAt(uri: vscode.Uri, pos: vscode.Position): Promise<vscode.Hover[]> {
  return (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos)) ?? [];
}

describe('views', () => {
  let factmark: Api;
  before(async () => {
    factmark = await api();
    await factmark.ready;
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('factmark.clearFilter');
    await vscode.commands.executeCommand('factmark.groupByArticle');
  });

  it('highlights each claim in its status colour, and claims to re-check apart', async () => {
    const editor = await openNewArticle(uniqueName('deco'), ARTICLE);
    const uri = editor.document.uri;
    const a = await markWords(editor, 'a budget of £412 million');
    const b = await markWords(editor, 'Spending on housing rises to £58 million');
    await markWords(editor, 'Bus fares will stay frozen');
    await vscode.commands.executeCommand('factmark.setStatus', a, 'inaccurate');
    await vscode.commands.executeCommand('factmark.setStatus', b, 'mostly-accurate');
    const builds = factmark.views.decorations.typeBuilds;

    const expected = sortedValues(expectedRanges(factmark, uri));
    assert.deepStrictEqual(Object.keys(expected).sort(), ['inaccurate', 'mostly-accurate', 'unverified']);
    assert.deepStrictEqual(appliedRanges(factmark, uri), expected);
    assert.deepStrictEqual(factmark.views.decorations.applied(uri)?.needsRecheck, []);

    // Change a word inside a rated claim: it keeps its colour and is marked for re-checking.
    const at = editor.document.getText().indexOf('£58');
    await editor.edit((e) => e.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 3)), '£85'));
    await waitFor('the changed claim to be marked', () => factmark.views.decorations.applied(uri)?.needsRecheck.some((r) => r.id === b.id));
    assert.strictEqual((await entryOf(b))?.state, 'changed');
    await waitFor('decorations to follow the edit', () =>
      JSON.stringify(appliedRanges(factmark, uri)) === JSON.stringify(sortedValues(expectedRanges(factmark, uri))));
    assert.strictEqual(factmark.views.decorations.typeBuilds, builds, 'decoration types were rebuilt without a settings change');

    await vscode.commands.executeCommand('factmark.deleteClaim', a, { confirm: false });
    assert.ok(!appliedRanges(factmark, uri)?.inaccurate, 'a deleted claim is still highlighted');
  });

  it('after a keystroke sends again only the decoration types whose ranges the edit touched, and every type once typing stops', async () => {
    const editor = await openNewArticle(uniqueName('deco-typing'), ARTICLE);
    const uri = editor.document.uri;
    const decorations = factmark.views.decorations;
    const a = await markWords(editor, 'a budget of £412 million');
    const b = await markWords(editor, 'Spending on housing rises to £58 million');
    await markWords(editor, 'Bus fares will stay frozen');
    await vscode.commands.executeCommand('factmark.setStatus', a, 'inaccurate');
    await vscode.commands.executeCommand('factmark.setStatus', b, 'mostly-accurate');
    await factmark.flush();
    await waitFor('the highlights', () => JSON.stringify(appliedRanges(factmark, uri)) === JSON.stringify(sortedValues(expectedRanges(factmark, uri))));
    const last = () => decorations.redraws[decorations.redraws.length - 1]?.seq ?? 0;
    const since = (seq: number) => decorations.redraws.filter((r) => r.seq > seq);
    const startOfClaims = (): number[] => factmark.claimsOf(uri).map((e) => e.start as number);

    // A keystroke before the claims: VS Code moves the highlights itself; nothing is sent.
    let mark = last();
    const before = startOfClaims();
    await editor.edit((e) => e.insert(new vscode.Position(2, 0), 'x'));
    // (Other redraws, of every claim, may come between: a change of the visible editors, or the
    // whole article anchored afresh when an edit found it clean, see documentSync.ts.)
    const typed = (seq: number) => since(seq).filter((r) => r.afterTyping);
    let reanchors = factmark.perf().store.reanchors;
    const redrawn = (seq: number, n: number) => typed(seq).length > 0 || (factmark.perf().store.reanchors > n && since(seq).some((r) => !r.settle));
    await waitFor('the redraw after the keystroke', () => redrawn(mark, reanchors));
    assert.deepStrictEqual(startOfClaims(), before.map((s) => s + 1));
    assert.deepStrictEqual(appliedRanges(factmark, uri), sortedValues(expectedRanges(factmark, uri)), 'what is shown follows the claims');
    assert.deepStrictEqual(since(mark).filter((r) => !r.settle).map((r) => r.typesSent), since(mark).filter((r) => !r.settle).map(() => 0), 'a keystroke away from the claims sent decorations');
    assert.deepStrictEqual(typed(mark).map((r) => r.claimsWalked), typed(mark).map(() => 0), 'the redraw after a keystroke away from the claims looked claims up');
    await waitFor('every type sent again once typing stopped', () => since(mark).some((r) => r.settle && r.typesSent >= 3), 10_000);

    // A word changed strictly inside a rated claim: the re-check marker it joins, nothing else (its
    // status's type is where VS Code carried it, the end moved by the edit as the store moved it).
    mark = last();
    reanchors = factmark.perf().store.reanchors;
    const at = editor.document.getText().indexOf('£58');
    await editor.edit((e) => e.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 3)), '£85'));
    await waitFor('the changed claim to be marked', () => decorations.applied(uri)?.needsRecheck.some((r) => r.id === b.id));
    const sent = since(mark).filter((r) => !r.settle);
    if (factmark.perf().store.reanchors === reanchors) {
      assert.deepStrictEqual([sent.reduce((n, r) => n + r.typesSent, 0), sent.reduce((n, r) => n + r.rangesSent, 0)], [1, 1], `types and ranges sent after the edit inside a claim: ${JSON.stringify(since(mark))}`);
    }
    assert.deepStrictEqual(appliedRanges(factmark, uri), sortedValues(expectedRanges(factmark, uri)));

    // Typing on in the changed claim: the redraw after it looks up that one claim, not every claim
    // of the article, and sends nothing: the claim stays in its two types, where VS Code carried
    // it (unless the article was anchored afresh meanwhile, which redraws it all).
    mark = last();
    reanchors = factmark.perf().store.reanchors;
    const at85 = editor.document.getText().indexOf('£85');
    await editor.edit((e) => e.replace(new vscode.Range(editor.document.positionAt(at85), editor.document.positionAt(at85 + 3)), '£86'));
    await waitFor('the redraw after the edit', () => redrawn(mark, reanchors));
    if (typed(mark).length) assert.strictEqual(typed(mark).reduce((n, r) => n + r.typesSent, 0), 0, `types sent after typing on in the claim: ${JSON.stringify(since(mark))}`);
    const walked = typed(mark).map((r) => r.claimsWalked);
    assert.ok(walked.every((n) => n === 1), `claims looked up per redraw after the edit inside one: ${walked.join(', ')}`);
    assert.deepStrictEqual(appliedRanges(factmark, uri), sortedValues(expectedRanges(factmark, uri)));
  });

  it('once typing stops, sends again only the types sent before a keystroke that came after them, as carried', async () => {
    const editor = await openNewArticle(uniqueName('deco-settle'), ARTICLE);
    const uri = editor.document.uri;
    const decorations = factmark.views.decorations;
    const a = await markWords(editor, 'a budget of £412 million');
    const b = await markWords(editor, 'Spending on housing rises to £58 million');
    await markWords(editor, 'Bus fares will stay frozen');
    await vscode.commands.executeCommand('factmark.setStatus', a, 'inaccurate');
    await vscode.commands.executeCommand('factmark.setStatus', b, 'mostly-accurate');
    await factmark.flush();
    await waitFor('the highlights', () => JSON.stringify(appliedRanges(factmark, uri)) === JSON.stringify(sortedValues(expectedRanges(factmark, uri))));
    const last = () => decorations.redraws[decorations.redraws.length - 1]?.seq ?? 0;
    const since = (seq: number) => decorations.redraws.filter((r) => r.seq > seq);
    const exact = () => {
      const given = decorations.rangesOf(uri) ?? [];
      for (const e of factmark.claimsOf(uri)) {
        const g = given.find((x) => x.id === e.claim.id);
        if (!g?.range.isEqual(new vscode.Range(editor.document.positionAt(e.start as number), editor.document.positionAt(e.end as number)))) return false;
      }
      return true;
    };
    const reanchors = factmark.perf().store.reanchors;
    // The first keystroke comes after everything sent so far: all of it is sent again once typing stops.
    let mark = last();
    await editor.edit((e) => e.insert(new vscode.Position(2, 0), 'x'));
    await waitFor('the types sent before the keystroke sent again', () => since(mark).some((r) => r.settle));
    // A word changed in b's claim: the redraw after it sends the re-check marker it joins…
    mark = last();
    const at = editor.document.getText().indexOf('£58');
    await editor.edit((e) => e.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 3)), '£85'));
    await waitFor('the redraw after the edit inside b', () => decorations.applied(uri)?.needsRecheck.some((r) => r.id === b.id));
    // …and a keystroke between the claims after that: that one, and only that, is sent again, as carried.
    mark = last();
    await editor.edit((e) => e.insert(new vscode.Position(2, 0), 'y'));
    await waitFor('the type sent again once typing stopped', () => since(mark).some((r) => r.settle));
    const settles = since(mark).filter((r) => r.settle).map(({ typesSent, claimsWalked, rangesSent }) => ({ typesSent, claimsWalked, rangesSent }));
    if (factmark.perf().store.reanchors === reanchors) assert.deepStrictEqual(settles, [{ typesSent: 1, claimsWalked: 0, rangesSent: 1 }], JSON.stringify(since(mark)));
    await waitFor('the ranges given where the claims are', exact);
    assert.deepStrictEqual(appliedRanges(factmark, uri), sortedValues(expectedRanges(factmark, uri)));
  });

  it('typing strictly inside a claim sends none of its types again; an edit across its edge does, and after undo the highlights stay on its words', async function () {
    this.timeout(60_000); // six edits, each waiting for its redraw (on a busy machine, a few seconds each)
    const editor = await openNewArticle(uniqueName('deco-inside'), ARTICLE);
    const uri = editor.document.uri;
    const decorations = factmark.views.decorations;
    const a = await markWords(editor, 'a budget of £412 million');
    const b = await markWords(editor, 'Spending on housing rises to £58 million');
    await markWords(editor, 'Bus fares will stay frozen');
    await vscode.commands.executeCommand('factmark.setStatus', b, 'mostly-accurate');
    await vscode.commands.executeCommand('factmark.setStatus', a, 'mostly-accurate');
    await factmark.flush();
    await waitFor('the highlights', () => JSON.stringify(appliedRanges(factmark, uri)) === JSON.stringify(sortedValues(expectedRanges(factmark, uri))));
    const last = () => decorations.redraws[decorations.redraws.length - 1]?.seq ?? 0;
    const typed = (seq: number) => decorations.redraws.filter((r) => r.seq > seq && !r.settle);
    // Every claim's words where the store has them, and the Ranges given (as carried) on exactly those words.
    const exact = () => {
      const given = decorations.rangesOf(uri) ?? [];
      const placed = factmark.claimsOf(uri).filter((e) => e.start !== undefined);
      const wrong = placed.filter((e) => {
        const want = new vscode.Range(editor.document.positionAt(e.start as number), editor.document.positionAt(e.end as number));
        const mine = given.filter((g) => g.id === e.claim.id);
        return !mine.length || mine.some((g) => !g.range.isEqual(want) || g.start !== e.start || g.end !== e.end);
      });
      return wrong.length ? `highlights off their claims' words: ${wrong.map((e) => e.claim.id).join(', ')}` : undefined;
    };
    const settled = async (what: string, mark: number) => {
      await waitFor(`the redraw after ${what}`, () => typed(mark).length > 0);
      await waitFor(`the highlights where the claims are after ${what}`, () => !exact() && JSON.stringify(appliedRanges(factmark, uri)) === JSON.stringify(sortedValues(expectedRanges(factmark, uri)))).catch(() => assert.fail(exact() ?? 'the types shown differ from the claims\' statuses'));
      return typed(mark);
    };
    const count = (rs: { typesSent: number; rangesSent: number }[]) => [rs.reduce((n, r) => n + r.typesSent, 0), rs.reduce((n, r) => n + r.rangesSent, 0)];
    const words = (ref: { id: string }) => { const e = factmark.claimsOf(uri).find((x) => x.claim.id === ref.id); return editor.document.getText().slice(e?.start, e?.end); };
    const pos = (text: string, delta = 0) => editor.document.positionAt(editor.document.getText().indexOf(text) + delta);

    // The first keystroke inside b: it joins the re-check marker (one type, its one range); the mostly-accurate type (a and b) is not sent.
    let reanchors = factmark.perf().store.reanchors;
    let mark = last();
    await editor.edit((e) => e.insert(pos('£58', 2), '1'));
    let sent = await settled('the first keystroke inside b', mark);
    assert.strictEqual(words(b), 'Spending on housing rises to £518 million');
    assert.strictEqual((await entryOf(b))?.state, 'changed');
    if (factmark.perf().store.reanchors === reanchors) assert.deepStrictEqual(count(sent), [1, 1], JSON.stringify(sent));
    // Typing on inside it, a character deleted inside it: nothing is sent.
    mark = last();
    await editor.edit((e) => e.insert(pos('£518', 3), '2'), { undoStopBefore: false, undoStopAfter: false });
    await editor.edit((e) => e.delete(new vscode.Range(pos('housing', 1), pos('housing', 2))), { undoStopBefore: false, undoStopAfter: false });
    sent = await settled('typing on inside b', mark);
    assert.strictEqual(words(b), 'Spending on husing rises to £5128 million');
    if (factmark.perf().store.reanchors === reanchors) assert.deepStrictEqual(count(sent), [0, 0], JSON.stringify(sent));

    // Undo: b's words as rated again; it leaves the re-check marker (sent, now empty) and its highlight is on its words.
    mark = last();
    reanchors = factmark.perf().store.reanchors;
    for (let i = 0; i < 3 && words(b) !== 'Spending on housing rises to £58 million'; i++) await vscode.commands.executeCommand('undo');
    assert.strictEqual(words(b), 'Spending on housing rises to £58 million', 'undo gave back the words as rated');
    sent = await settled('the undo', mark);
    assert.strictEqual((await entryOf(b))?.state, 'anchored');
    assert.deepStrictEqual(decorations.applied(uri)?.needsRecheck, []);

    // An edit across b's first word and the words before it: where VS Code and the store may part, so b's types are sent again.
    mark = last();
    reanchors = factmark.perf().store.reanchors;
    await editor.edit((e) => e.replace(new vscode.Range(pos('Spending', -2), pos('Spending', 5)), '—Spe'));
    sent = await settled('an edit across b\'s start', mark);
    // (the words replaced at its start are not the claim's: it keeps the words left after them)
    assert.strictEqual(words(b), 'ing on housing rises to £58 million');
    if (factmark.perf().store.reanchors === reanchors) assert.ok(count(sent)[0] >= 2, `the mostly-accurate type and the re-check marker sent again: ${JSON.stringify(sent)}`);
    mark = last();
    await vscode.commands.executeCommand('undo');
    await settled('its undo', mark);
    // (the words put back before the claim are not taken into it, as for any insertion at its start: it keeps the words it had)
    assert.strictEqual(words(b), 'ing on housing rises to £58 million');
    assert.ok(editor.document.getText().includes('Spending on housing rises to £58 million'), 'the undo put the text back');
  });

  it('a status set looks up that claim alone and sends exactly the two types it leaves and joins; a deleted claim, the one it leaves', async () => {
    const editor = await openNewArticle(uniqueName('deco-status'), ARTICLE);
    const uri = editor.document.uri;
    const decorations = factmark.views.decorations;
    const a = await markWords(editor, 'a budget of £412 million');
    const b = await markWords(editor, 'Spending on housing rises to £58 million');
    const c = await markWords(editor, 'Bus fares will stay frozen');
    await vscode.commands.executeCommand('factmark.setStatus', a, 'inaccurate');
    await vscode.commands.executeCommand('factmark.setStatus', b, 'mostly-accurate');
    await factmark.flush();
    await waitFor('the highlights', () => JSON.stringify(appliedRanges(factmark, uri)) === JSON.stringify(sortedValues(expectedRanges(factmark, uri))));
    const last = () => decorations.redraws[decorations.redraws.length - 1]?.seq ?? 0;
    // (A full redraw may come between, e.g. when the visible editors change: only the partial ones are counted.)
    const partial = (seq: number) => decorations.redraws.filter((r) => r.seq > seq && r.partial && !r.settle);

    // c goes from unverified (where it was alone) to inaccurate (beside a): two types, two ranges.
    let mark = last();
    await vscode.commands.executeCommand('factmark.setStatus', c, 'inaccurate');
    await waitFor('the redraw after the status change', () => partial(mark).length > 0);
    assert.deepStrictEqual(partial(mark).map(({ claimsWalked, typesSent, rangesSent, afterTyping }) => ({ claimsWalked, typesSent, rangesSent, afterTyping })),
      [{ claimsWalked: 1, typesSent: 2, rangesSent: 2, afterTyping: false }], JSON.stringify(decorations.redraws.filter((r) => r.seq > mark)));
    assert.deepStrictEqual(appliedRanges(factmark, uri), sortedValues(expectedRanges(factmark, uri)));
    assert.deepStrictEqual(Object.keys(appliedRanges(factmark, uri) ?? {}), ['inaccurate', 'mostly-accurate']);
    const given = decorations.rangesOf(uri) ?? [];
    for (const e of factmark.claimsOf(uri)) {
      const g = given.find((x) => x.id === e.claim.id);
      assert.ok(g?.range.isEqual(new vscode.Range(editor.document.positionAt(e.start as number), editor.document.positionAt(e.end as number))), `the range given for ${e.claim.id}`);
    }

    // Deleting a leaves the inaccurate type with c alone: one type, one range.
    mark = last();
    await vscode.commands.executeCommand('factmark.deleteClaim', a, { confirm: false });
    await waitFor('the redraw after the deletion', () => partial(mark).length > 0);
    assert.deepStrictEqual(partial(mark).map(({ claimsWalked, typesSent, rangesSent }) => ({ claimsWalked, typesSent, rangesSent })),
      [{ claimsWalked: 1, typesSent: 1, rangesSent: 1 }], JSON.stringify(decorations.redraws.filter((r) => r.seq > mark)));
    assert.deepStrictEqual(appliedRanges(factmark, uri), sortedValues(expectedRanges(factmark, uri)));
  });

  it('the highlights\' ranges follow lines added, removed and typed on above, beside and inside claims', async () => {
    const editor = await openNewArticle(uniqueName('deco-lines'), ARTICLE);
    const uri = editor.document.uri;
    const decorations = factmark.views.decorations;
    const a = await markWords(editor, 'a budget of £412 million');
    const b = await markWords(editor, 'Spending on housing rises to £58 million');
    const c = await markWords(editor, 'Bus fares will stay frozen');
    await vscode.commands.executeCommand('factmark.setStatus', b, 'mostly-accurate');
    await factmark.flush();
    // What was given to the editor, as carried through the edits, must sit where the claims are.
    const exact = () => {
      const given = decorations.rangesOf(uri) ?? [];
      const placed = factmark.claimsOf(uri).filter((e) => e.start !== undefined);
      const byId = new Map(placed.map((e) => [e.claim.id, e]));
      const wrong = given.filter((g) => {
        const e = byId.get(g.id);
        return !e || !g.range.isEqual(new vscode.Range(editor.document.positionAt(e.start as number), editor.document.positionAt(e.end as number)));
      });
      assert.ok(given.length >= placed.length, `${given.length} ranges given for ${placed.length} claims`);
      assert.deepStrictEqual(wrong.map((g) => g.id), [], 'ranges given to the editor where the claims are not');
    };
    const last = () => decorations.redraws[decorations.redraws.length - 1]?.seq ?? 0;
    await waitFor('the highlights', () => JSON.stringify(appliedRanges(factmark, uri)) === JSON.stringify(sortedValues(expectedRanges(factmark, uri))));
    exact();
    const pos = (words: string, delta = 0) => editor.document.positionAt(editor.document.getText().indexOf(words) + delta);
    const steps: [string, (e: vscode.TextEditorEdit) => void][] = [
      ['a line added above every claim', (e) => e.insert(new vscode.Position(1, 0), 'A new line.\n')],
      ['typing on a claim\'s line before it', (e) => e.insert(pos('a budget of'), 'indeed ')],
      ['typing on a claim\'s line after it', (e) => e.insert(pos(' on Monday'), ',')],
      ['two lines added between two claims', (e) => e.insert(pos('The mayor said'), 'One.\nTwo.\n')],
      ['typing inside a claim', (e) => e.insert(pos('£58', 1), '1')],
      ['a line break inside a claim', (e) => e.insert(pos('rises to'), '\n')],
      ['lines removed above the last claim', (e) => e.delete(new vscode.Range(pos('One.'), pos('The mayor said')))],
      ['a line joined to the one before, beside a claim', (e) => e.delete(new vscode.Range(pos('Bus fares', -2), pos('Bus fares', -1)))],
    ];
    for (const [what, edit] of steps) {
      const mark = last();
      const reanchors = factmark.perf().store.reanchors;
      await editor.edit(edit);
      // At once (carried through the edit, unless the article was anchored afresh: then what the
      // redraw after it sends), and after the redraw that follows it.
      if (factmark.perf().store.reanchors === reanchors) {
        try { exact(); } catch (e) { throw new Error(`right after ${what}: ${(e as Error).message}`); }
      }
      await waitFor(`the redraw after ${what}`, () => decorations.redraws.some((r) => r.seq > mark && !r.settle));
      const holds = () => { try { exact(); return true; } catch { return false; } };
      await waitFor(`the ranges given after ${what} where the claims are`, holds).catch(() => exact());
    }
    await waitFor('the highlights where the claims are', () => JSON.stringify(appliedRanges(factmark, uri)) === JSON.stringify(sortedValues(expectedRanges(factmark, uri))));
    for (const ref of [a, c]) assert.match((await entryOf(ref))?.state ?? '', /^(anchored|moved)$/);
  });

  it('rebuilds decoration types when the style setting changes, not otherwise', async () => {
    const editor = await openNewArticle(uniqueName('style'), ARTICLE);
    await markWords(editor, 'up 6 per cent on last year');
    const cfg = vscode.workspace.getConfiguration('factmark.decorations');
    const builds = factmark.views.decorations.typeBuilds;
    await cfg.update('style', 'underline', vscode.ConfigurationTarget.Global);
    try {
      await waitFor('a rebuild', () => factmark.views.decorations.typeBuilds > builds);
      assert.deepStrictEqual(appliedRanges(factmark, editor.document.uri), sortedValues(expectedRanges(factmark, editor.document.uri)));
    } finally {
      await cfg.update('style', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('hovers show the status, its definition and sources as links', async () => {
    const editor = await openNewArticle(uniqueName('hover'), ARTICLE);
    const ref = await markWords(editor, 'a budget of £412 million');
    await vscode.commands.executeCommand('factmark.setStatus', ref, 'inaccurate');
    await vscode.commands.executeCommand('factmark.addSource', ref, { url: 'https://example.org/budget-2026.pdf', title: 'Budget book 2026', stance: 'refutes' });
    const inside = editor.document.positionAt(editor.document.getText().indexOf('£412') + 1);
    const timedBefore = factmark.perf().timings.hover;
    const asked = performance.now();
    const text = hoverText(await hoverAt(editor.document.uri, inside));
    // The bench's hover figure for Factmark's own provider: one run per hover, inside the command's time.
    const timed = factmark.perf().timings.hover;
    assert.strictEqual(timed.count, timedBefore.count + 1, 'Factmark\'s hover provider timed once per hover');
    assert.ok(timed.lastStartedAt >= asked && timed.lastEndedAt >= timed.lastStartedAt && timed.lastEndedAt <= performance.now(), 'the timing is of this hover');
    assert.match(text, /\*\*False\*\* — Not accurate/);
    assert.match(text, /\[Budget book 2026\]\(https:\/\/example\.org\/budget-2026\.pdf\)/);
    assert.match(text, /refutes/);
    assert.match(text, /\]\(command:factmark\.setStatus\?/);
    const outside = editor.document.positionAt(editor.document.getText().indexOf('Bus fares'));
    assert.ok(!/Not accurate/.test(hoverText(await hoverAt(editor.document.uri, outside))), 'a hover outside any claim');
  });

  it('hovers escape hostile text from a hand-edited sidecar', async () => {
    const editor = await openNewArticle(uniqueName('hostile'), ARTICLE);
    const ref = await markWords(editor, 'Bus fares will stay frozen');
    await sidecarYaml(editor.document.uri);
    const sidecar = sidecarOf(editor.document.uri);
    const data = parse((await readFile(sidecar)) as string);
    const evil = '<img src=x onerror=alert(1)> [run](command:workbench.action.terminal.new) [x](javascript:alert(1)) $(zap) \u202Ereversed';
    Object.assign(data.claims[0], {
      explanation: evil,
      claimant: '<script>alert(1)</script>',
      sources: [
        { url: 'javascript:alert(1)', title: 'Evil link' },
        { url: 'https://example.org/ok', title: evil, stance: 'supports' },
      ],
    });
    await writeFile(sidecar, stringify(data));
    await waitFor('the hand edit to load', async () => (await entryOf(ref))?.claim.explanation === evil);

    const inside = editor.document.positionAt(editor.document.getText().indexOf('Bus fares') + 2);
    const hovers = await hoverAt(editor.document.uri, inside);
    const ours = hovers.flatMap((h) => h.contents).filter((c): c is vscode.MarkdownString => typeof c !== 'string' && /Unverified/.test(c.value));
    assert.strictEqual(ours.length, 1, 'no Factmark hover');
    const md = ours[0];
    const targets = [...md.value.matchAll(/(?<!\\)\]\(([^)\s]*)\)/g)].map((m) => m[1]);
    for (const t of targets) assert.match(t, /^(https:\/\/example\.org\/ok|command:factmark\.[a-zA-Z]+\?)/, `unexpected link target ${t}`);
    assert.ok(targets.includes('https://example.org/ok'));
    assert.ok(!/(?<!\\)</.test(md.value), 'unescaped < in the hover');
    assert.ok(!/(?<!\\)\$\(/.test(md.value), 'a theme icon from the sidecar');
    assert.ok(!md.value.includes('\u202E'), 'a bidi control in the hover');
    assert.ok(md.value.includes('Evil link') && md.value.includes('javascript\\:alert'), 'the bad source is not shown as plain text');
    assert.strictEqual(md.supportHtml, false);
    const trusted = md.isTrusted as { enabledCommands: string[] };
    assert.ok(Array.isArray(trusted.enabledCommands) && trusted.enabledCommands.every((c) => c.startsWith('factmark.')), 'trusts commands that are not ours');

    // The same claim in the Claims panel: plain label, escaped tooltip, our commands only.
    const factmark = await api();
    const article = (await children(factmark)).find((n) => isArticle(factmark, n, ref.article));
    assert.ok(article, 'the article is not in the panel');
    const node = (await children(factmark, article)).find((n) => claimOf(factmark, n)?.id === ref.id);
    assert.ok(node, 'the claim is not in the panel');
    assert.strictEqual((await item(factmark, node)).tooltip, undefined, 'the tooltip is built before it is hovered');
    const row = await resolved(factmark, node);
    const tip = row.tooltip as vscode.MarkdownString;
    assert.ok(tip instanceof vscode.MarkdownString && tip.value.includes('alert'), 'the tooltip does not show the explanation');
    assert.strictEqual(tip.supportHtml, false);
    assert.ok(!/(?<!\\)</.test(tip.value), 'unescaped < in the tooltip');
    for (const m of tip.value.matchAll(/(?<!\\)\]\(([^)\s]*)\)/g)) assert.match(m[1], /^(https:\/\/example\.org\/ok|command:factmark\.[a-zA-Z]+\?)/, `unexpected link target ${m[1]} in the tooltip`);
    assert.ok((tip.isTrusted as { enabledCommands: string[] }).enabledCommands.every((c) => c.startsWith('factmark.')));
  });

  it('the Claims panel lists the store, grouped by article or by status, with counts and a badge', async () => {
    const editor = await openNewArticle(uniqueName('tree'), ARTICLE);
    const key = editor.document.uri.toString();
    const a = await markWords(editor, 'a budget of £412 million');
    const b = await markWords(editor, 'Bus fares will stay frozen');
    await vscode.commands.executeCommand('factmark.setStatus', b, 'accurate');

    const roots = await children(factmark);
    const article = roots.find((n) => isArticle(factmark, n, key));
    assert.ok(article, 'the article is not in the panel');
    const claims = await children(factmark, article);
    assert.deepStrictEqual(claims.map((n) => claimOf(factmark, n)?.id), factmark.claimsOf(editor.document.uri).map((e) => e.claim.id));
    const articleItem = await item(factmark, article);
    assert.match(String(articleItem.description), /1\/2 checked/);
    assert.strictEqual(articleItem.contextValue, 'article');

    const first = await item(factmark, claims[0]);
    assert.strictEqual(first.label, 'Unverified: a budget of £412 million');
    assert.strictEqual(first.description, '');
    assert.strictEqual(first.contextValue, 'claim status:unverified anchored review:open');
    assert.strictEqual(first.command?.command, 'factmark.revealClaim');
    assert.deepStrictEqual(first.command?.arguments, [a]);
    assert.ok(first.id && first.id !== (await item(factmark, claims[1])).id, 'ids are not unique');
    assert.strictEqual(factmark.views.tree.provider.getParent?.(claims[0]), article);

    const open = factmark.store.articles().flatMap((k) => factmark.store.get(k)?.claims ?? [])
      .filter((e) => !factmark.store.scale.statuses.find((s) => s.key === e.claim.status)?.settled || e.state === 'changed' || e.state === 'ambiguous').length;
    assert.strictEqual(factmark.views.tree.view.badge?.value, open);

    await vscode.commands.executeCommand('factmark.groupByStatus');
    assert.strictEqual(factmark.views.tree.groupBy(), 'status');
    const groups = await children(factmark);
    const accurate = groups.find((n) => { const x = nodeOf(factmark, n); return x?.kind === 'group' && x.by === 'status' && x.key === 'accurate'; });
    assert.ok(accurate, 'no "True" group');
    assert.strictEqual((await item(factmark, accurate)).label, 'True');
    const inGroup = await children(factmark, accurate);
    assert.ok(inGroup.some((n) => claimOf(factmark, n)?.id === b.id));
    assert.ok(inGroup.every((n) => { const c = claimOf(factmark, n); return !!c && factmark.store.claim(c.article, c.id)?.claim.status === 'accurate'; }));
    assert.strictEqual(factmark.views.tree.provider.getParent?.(inGroup[0]), accurate);
    const order = groups.flatMap((n) => { const x = nodeOf(factmark, n); return x?.kind === 'group' ? [factmark.store.scale.statuses.findIndex((s) => s.key === x.key)] : []; });
    assert.deepStrictEqual(order, [...order].sort((x, y) => x - y), 'status groups are not in scale order');
  });

  it('filters the Claims panel by status and by words', async () => {
    const editor = await openNewArticle(uniqueName('filter'), ARTICLE);
    const key = editor.document.uri.toString();
    const a = await markWords(editor, 'a budget of £412 million');
    const b = await markWords(editor, 'Bus fares will stay frozen');
    await vscode.commands.executeCommand('factmark.setStatus', a, 'misleading');
    await vscode.commands.executeCommand('factmark.editExplanation', b, 'The transport plan keeps fares flat.');
    const ids = async () => {
      const art = (await children(factmark)).find((n) => isArticle(factmark, n, key));
      return art ? (await children(factmark, art)).map((n) => claimOf(factmark, n)?.id) : [];
    };
    assert.deepStrictEqual(await ids(), [a.id, b.id]);

    await vscode.commands.executeCommand('factmark.filter', { statuses: ['misleading'] });
    assert.deepStrictEqual(await ids(), [a.id]);
    assert.match(String(factmark.views.tree.view.message), /Misleading/);

    await vscode.commands.executeCommand('factmark.filter', { text: 'TRANSPORT plan' });
    assert.deepStrictEqual(await ids(), [b.id]);

    await vscode.commands.executeCommand('factmark.filter', { statuses: ['misleading'], text: 'transport' });
    assert.deepStrictEqual(await ids(), [], 'an article with no matching claim is still listed');

    await vscode.commands.executeCommand('factmark.clearFilter');
    assert.deepStrictEqual(await ids(), [a.id, b.id]);
    assert.strictEqual(factmark.views.tree.view.message, undefined);
  });

  it('puts claims to re-check in a group at the top, and broken sidecars under "Sidecar errors"', async () => {
    const editor = await openNewArticle(uniqueName('recheck'), ARTICLE);
    const ref = await markWords(editor, 'up 6 per cent on last year');
    const at = editor.document.getText().indexOf('6 per cent');
    await editor.edit((e) => e.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 1)), '9'));
    await waitFor('the claim to change', async () => (await entryOf(ref))?.state === 'changed');
    // The panel takes in typing after a pause; other tests' changed claims may already be in the group.
    const { roots, node } = await waitFor('the changed claim in the re-check group at the top', async () => {
      const r = await children(factmark);
      if (nodeOf(factmark, r[0])?.kind !== 'recheck') return undefined;
      const n = (await children(factmark, r[0])).find((x) => claimOf(factmark, x)?.id === ref.id);
      return n ? { roots: r, node: n } : undefined;
    });
    assert.match(String((await item(factmark, node)).contextValue), /\bchanged\b/);
    assert.strictEqual(factmark.views.tree.provider.getParent?.(node), roots[0]);

    const other = await openNewArticle(uniqueName('broken'), ARTICLE);
    await markWords(other, 'Bus fares will stay frozen');
    await sidecarYaml(other.document.uri);
    await writeFile(sidecarOf(other.document.uri), 'factmark: 1\nclaims: [unclosed\n');
    await waitFor('the sidecar to be seen as broken', () => factmark.articleOf(other.document.uri)?.sidecarState === 'broken');
    const errors = (await children(factmark)).find((n) => nodeOf(factmark, n)?.kind === 'errors');
    assert.ok(errors, 'no "Sidecar errors" group');
    const entries = await children(factmark, errors);
    const entry = entries.find((n) => { const x = nodeOf(factmark, n); return x?.kind === 'sidecarError' && x.article === other.document.uri.toString(); });
    assert.ok(entry, 'the broken sidecar is not listed');
    const it = await item(factmark, entry);
    assert.strictEqual(it.command?.command, 'vscode.open');
    assert.strictEqual((it.command?.arguments?.[0] as vscode.Uri).toString(), sidecarOf(other.document.uri).toString());

    await vscode.window.showTextDocument(other.document);
    await waitFor('the status bar warning', () => factmark.views.statusBar.state().warning);
    assert.match(factmark.views.statusBar.state().text, /errors/);
  });

  it('typing on inside a claim takes in that claim alone once typing pauses: no snapshot of the article, its node refreshed alone, the status bar not worked out again, and the panel as a full rebuild shows it', async function () {
    this.timeout(60_000);
    const editor = await openNewArticle(uniqueName('typed-panel'), ARTICLE);
    const uri = editor.document.uri;
    const key = uri.toString();
    const tree = factmark.views.tree;
    const bar = factmark.views.statusBar;
    await markWords(editor, 'a budget of £412 million');
    const b = await markWords(editor, 'Spending on housing rises to £58 million');
    await vscode.commands.executeCommand('factmark.setStatus', b, 'mostly-accurate');
    await factmark.flush();
    const pos = (text: string, delta = 0) => editor.document.positionAt(editor.document.getText().indexOf(text) + delta);
    // Dirty first (a keystroke between claims), so that no keystroke below is taken for a reload from disk.
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), ' '));
    await waitFor('the article to be dirty', () => editor.document.isDirty);
    const claimNode = `claim:article:${b.id}:${key}`;
    const pause = async (what: string, fired: number) => {
      await waitFor(`the panel to take in ${what}`, () => tree.stats().fired > fired, 5_000).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 400)); // and anything else the pause brings
    };

    // The first keystroke inside b: it goes from anchored to changed, which its article's progress and the re-check group show.
    let fired = tree.stats().fired;
    await editor.edit((e) => e.insert(pos('£58', 2), '1'));
    await pause('the first keystroke', fired);
    assert.strictEqual((await entryOf(b))?.state, 'changed');
    assert.match(bar.state().text, /1 to re-check/);
    assert.match(String((await item(factmark, `article:${key}`)).description), /1 to re-check/);

    // Typing on inside it: its words change, nothing else the panel or the status bar shows.
    const reanchors = factmark.perf().store.reanchors;
    const snapshots = factmark.perf().store.snapshots;
    const builds = bar.builds;
    const shown = bar.state();
    fired = tree.stats().fired;
    for (const c of ['2', '3', '4']) await editor.edit((e) => e.insert(pos('housing', 7), c), { undoStopBefore: false, undoStopAfter: false });
    await pause('typing on', fired);
    assert.strictEqual((await entryOf(b))?.currentText, 'Spending on housing432 rises to £518 million');
    if (factmark.perf().store.reanchors === reanchors) {
      assert.strictEqual(factmark.perf().store.snapshots, snapshots, 'typing on inside a claim built a snapshot of the article');
      // The refreshes fired since typing on began (the log keeps the last 20).
      const { recent, fired: now } = tree.stats();
      const refreshes = recent.slice(Math.max(0, recent.length - (now - fired)));
      assert.ok(refreshes.length >= 1, 'the panel did not take in the typing');
      for (const r of refreshes) assert.deepStrictEqual(r, [claimNode, `claim:recheck:${b.id}:${key}`], `refreshed ${JSON.stringify(r)}, not that claim's nodes alone`);
      assert.strictEqual(bar.builds, builds, 'the status bar was worked out again though nothing it shows changed');
    }
    assert.deepStrictEqual(bar.state(), shown);

    // What every node shows now is what a full rebuild of the panel shows.
    const looks = async () => {
      const out: unknown[] = [];
      const walk = async (n?: Node) => {
        for (const c of await children(factmark, n)) {
          const it = await resolved(factmark, c);
          const icon = it.iconPath instanceof vscode.ThemeIcon ? [it.iconPath.id, it.iconPath.color?.id] : String(it.iconPath);
          const tip = it.tooltip instanceof vscode.MarkdownString ? it.tooltip.value : it.tooltip;
          out.push([c, it.label, it.description, it.contextValue, it.collapsibleState, icon, tip, it.accessibilityInformation?.label, JSON.stringify(it.command?.arguments)]);
          await walk(c);
        }
      };
      await walk();
      return out;
    };
    const incremental = await looks();
    await vscode.commands.executeCommand('factmark.groupByArticle');
    assert.deepStrictEqual(await looks(), incremental);
    // Its tooltip (resolved on hover) gives the words it has now.
    assert.ok(incremental.some((x) => (x as unknown[])[0] === claimNode && String((x as unknown[])[6]).includes('housing432')), 'the claim typed in does not show its words now');
  });

  it('the status bar shows the active article\'s progress and hides for other files', async () => {
    const editor = await openNewArticle(uniqueName('bar'), ARTICLE);
    const a = await markWords(editor, 'a budget of £412 million');
    await markWords(editor, 'Bus fares will stay frozen');
    await vscode.commands.executeCommand('factmark.setStatus', a, 'inaccurate');
    const s = factmark.views.statusBar.state();
    assert.ok(s.visible);
    assert.match(s.text, /1\/2 checked$/);
    assert.match(s.tooltip, /1 of 2 claims checked, 1 still open\n1 unverified · 1 false/);
    assert.strictEqual(s.warning, false);

    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: '{}' });
    await vscode.window.showTextDocument(doc);
    await waitFor('the item to hide', () => !factmark.views.statusBar.state().visible);
  });

  it('typing inside the claim the details form shows: the first keystroke\'s words at once, the last ones once typing stops', async () => {
    const editor = await openNewArticle(uniqueName('details-typing'), ARTICLE);
    const ref = await markWords(editor, 'a budget of £412 million');
    await vscode.commands.executeCommand('factmark.showDetails', ref);
    const details = factmark.views.details;
    await waitFor('the form to show the claim', () => details.current()?.id === ref.id);
    const words = () => { const s = details.lastState(); return s.type === 'claim' ? s.currentText : undefined; };
    const at = editor.document.getText().indexOf('£412') + 1;
    const before = details.posts;
    await editor.edit((b) => b.insert(editor.document.positionAt(at), '9'), { undoStopBefore: false, undoStopAfter: false });
    assert.strictEqual(words(), 'a budget of £9412 million', 'the first keystroke was not shown at once');
    const keys = 12;
    for (let i = 0; i < keys; i++) {
      await editor.edit((b) => b.insert(editor.document.positionAt(at + 1 + i), String(i % 10)), { undoStopBefore: false, undoStopAfter: false });
    }
    await waitFor('the form to show the last keystroke', () => words() === 'a budget of £9012345678901412 million');
    const state = details.lastState();
    assert.ok(state.type === 'claim' && state.state === 'changed' && state.quote === 'a budget of £412 million', 'the words as rated are kept beside the words now');
    // Never more than one state per keystroke (how they are spaced is the throttle's, unit-tested on a fake clock: test/unit/throttle.test.ts).
    assert.ok(details.posts - before <= keys + 1, `${details.posts - before} states for ${keys + 1} keystrokes`);
    // An edit that changes the claim's state (its words as rated again) is sent at once, not with the next of the throttle.
    const typedRange = new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + keys + 1));
    await editor.edit((b) => b.delete(typedRange), { undoStopBefore: false, undoStopAfter: false });
    const back = details.lastState();
    assert.ok(back.type === 'claim' && back.state !== 'changed' && back.currentText === undefined, `the form still shows the claim as changed: ${back.type === 'claim' ? back.state : back.type}`);
    // A change of anything else is sent at once, typing or not.
    await details.receive({ type: 'update', ref, field: 'explanation', value: 'Checked.' });
    const after = details.lastState();
    assert.ok(after.type === 'claim' && after.explanation === 'Checked.');
  });

  it('the details form edits the current claim through the store', async () => {
    const editor = await openNewArticle(uniqueName('details'), ARTICLE);
    const ref = await markWords(editor, 'a budget of £412 million');
    await vscode.commands.executeCommand('factmark.showDetails', ref);
    const details = factmark.views.details;
    await waitFor('the form to show the claim', () => details.current()?.id === ref.id);
    const state = details.lastState();
    assert.strictEqual(state.type, 'claim');
    if (state.type === 'claim') assert.strictEqual(state.quote, 'a budget of £412 million');

    await details.receive({ type: 'update', ref, field: 'status', value: 'mixed' });
    await details.receive({ type: 'update', ref, field: 'explanation', value: 'Half right.' });
    await details.receive({ type: 'update', ref, field: 'tags', value: 'budget, council' });
    await details.receive({ type: 'addSource', ref, source: { url: 'https://example.org/a', title: 'A', stance: 'supports' } });
    await details.receive({ type: 'addSource', ref, source: { url: 'javascript:alert(1)' } });
    let c = (await entryOf(ref))?.claim;
    assert.strictEqual(c?.status, 'mixed');
    assert.strictEqual(c?.explanation, 'Half right.');
    assert.deepStrictEqual(c?.tags, ['budget', 'council']);
    assert.deepStrictEqual(c?.sources.map((s) => s.url), ['https://example.org/a'], 'a javascript: source was added');
    await details.receive({ type: 'setStance', ref, index: 0, stance: 'refutes' });
    assert.strictEqual((await entryOf(ref))?.claim.sources[0].stance, 'refutes');
    await details.receive({ type: 'removeSource', ref, index: 0 });
    c = (await entryOf(ref))?.claim;
    assert.deepStrictEqual(c?.sources, []);
    const after = details.lastState();
    assert.ok(after.type === 'claim' && after.status === 'mixed' && after.explanation === 'Half right.', 'the form was not sent the new values');
    assert.strictEqual((await sidecarYaml(editor.document.uri)).claims[0].status, 'mixed');
  });
});
