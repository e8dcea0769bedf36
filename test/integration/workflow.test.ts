// The newsroom workflow in the real VS Code: the rater and the corrections log written with the
// status, the reason prompt when a verdict changes (Set Status and the details view's reason
// box), Approve / Dispute from the details view for everyone but the rater, assignment, Set
// Status and go to the next open claim. Who "I" am is the factmark.author setting.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { api } from './helpers';
import { actAs, ARTICLE, entryOf, markWords, openNewArticle, sidecarYaml, uniqueName, waitFor, writeFile, type ClaimRef } from './claimFiles';

type Api = Awaited<ReturnType<typeof api>>;

/**
 * Runs a command that is expected to open an input box, then cancels the box (Escape) until
 * the command gives up; resolves to what the command returned. A command that never asked would
 * have done its work already, which the caller's assertions catch.
 */
async function cancelPrompt(run: () => Thenable<unknown>): Promise<unknown> {
  let done = false;
  const result = Promise.resolve(run()).finally(() => { done = true; });
  for (let i = 0; i < 100 && !done; i++) {
    await new Promise((r) => setTimeout(r, 100));
    if (!done) await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  }
  return result;
}

interface YamlClaim { id: string; status: string; rater?: string; rated?: string; assignee?: string; reviews?: Array<Record<string, string>>; log?: Array<Record<string, string>> }

async function claimOnDisk(editor: vscode.TextEditor, ref: ClaimRef): Promise<YamlClaim> {
  const c = (await sidecarYaml(editor.document.uri)).claims.find((x) => x.id === ref.id);
  assert.ok(c, `claim ${ref.id} is not in the sidecar`);
  return c as unknown as YamlClaim;
}

describe('the newsroom workflow', () => {
  let factmark: Api;
  before(async () => { factmark = await api(); await factmark.ready; });
  beforeEach(async () => actAs(factmark, 'Jane Doe'));
  after(async () => actAs(factmark, undefined));

  it('Set Status writes the rater; a changed verdict asks for a reason and is logged with it', async () => {
    const editor = await openNewArticle(uniqueName('reason'), ARTICLE);
    const ref = await markWords(editor, 'a budget of £412 million');
    await vscode.commands.executeCommand('factmark.setStatus', ref, 'accurate');
    let c = await claimOnDisk(editor, ref);
    assert.strictEqual(c.rater, 'Jane Doe');
    assert.match(String(c.rated), /^\d{4}-\d\d-\d\dT/);
    assert.strictEqual(c.log, undefined, 'a first verdict is not a correction');

    // Without a reason, Set Status asks; cancelling the prompt changes nothing.
    const cancelled = await cancelPrompt(() => vscode.commands.executeCommand('factmark.setStatus', ref, 'inaccurate'));
    assert.strictEqual(cancelled, undefined);
    assert.strictEqual((await entryOf(ref))?.claim.status, 'accurate');

    await actAs(factmark, 'Ann Lee');
    await vscode.commands.executeCommand('factmark.setStatus', ref, 'inaccurate', 'The budget book says £421 million.');
    c = await claimOnDisk(editor, ref);
    assert.strictEqual(c.status, 'inaccurate');
    assert.strictEqual(c.rater, 'Ann Lee');
    assert.deepStrictEqual(c.log?.map((l) => [l.change, l.from, l.to, l.by, l.reason]), [['status', 'accurate', 'inaccurate', 'Ann Lee', 'The budget book says £421 million.']]);
  });

  it('the details view: a reason box for a changed verdict, Approve and Dispute for everyone but the rater', async () => {
    const editor = await openNewArticle(uniqueName('signoff'), ARTICLE);
    const ref = await markWords(editor, 'Spending on housing rises to £58 million');
    await vscode.commands.executeCommand('factmark.showDetails', ref);
    const details = factmark.views.details;
    await waitFor('the form to show the claim', () => details.current()?.id === ref.id);
    const workflow = () => { const s = details.lastState(); assert.strictEqual(s.type, 'claim'); return s.type === 'claim' ? s.workflow : undefined as never; };

    await details.receive({ type: 'update', ref, field: 'status', value: 'mostly-accurate' });
    assert.strictEqual(workflow().rater, 'Jane Doe');
    assert.strictEqual(workflow().ratedByMe, true);
    assert.deepStrictEqual([workflow().approve.ok, workflow().dispute.ok], [false, false], 'the rater is offered no sign-off');

    // The rater's own approval is refused, and nothing is written.
    await details.receive({ type: 'review', ref, verdict: 'approve' });
    assert.strictEqual((await claimOnDisk(editor, ref)).reviews, undefined);

    // A changed verdict without a reason (an old page, say) asks; cancelled, the form shows the old status again.
    await cancelPrompt(() => details.receive({ type: 'update', ref, field: 'status', value: 'mixed' }));
    assert.strictEqual((await entryOf(ref))?.claim.status, 'mostly-accurate');
    const s = details.lastState();
    assert.ok(s.type === 'claim' && s.status === 'mostly-accurate', 'the form was not put back');

    // The page's reason box sends the reason with the new status.
    await details.receive({ type: 'update', ref, field: 'status', value: 'mixed', reason: 'Housing rises to £58m, but not the largest increase.' });
    assert.deepStrictEqual(workflow().log.map((l) => [l.from, l.to, l.reason]), [['Mostly true', 'Mixed', 'Housing rises to £58m, but not the largest increase.']]);

    await actAs(factmark, 'Ann Lee');
    await waitFor('the form to offer Ann a sign-off', () => details.lastState().type === 'claim' && workflow().approve.ok);
    await details.receive({ type: 'review', ref, verdict: 'approve', note: 'Checked the budget book.' });
    await actAs(factmark, 'Bo Kim');
    await details.receive({ type: 'review', ref, verdict: 'dispute', note: 'Transport rises more.' });

    const c = await claimOnDisk(editor, ref);
    assert.deepStrictEqual(c.reviews?.map((r) => [r.by, r.verdict, r.status, r.note]), [
      ['Ann Lee', 'approve', 'mixed', 'Checked the budget book.'],
      ['Bo Kim', 'dispute', 'mixed', 'Transport rises more.'],
    ]);
    assert.strictEqual(workflow().state, 'disputed');
    assert.deepStrictEqual(workflow().reviews.map((r) => r.standing), ['counts', 'counts']);
  });

  it('Approve and Dispute commands: the rater is refused, a second checker signs off once', async () => {
    const editor = await openNewArticle(uniqueName('approve'), ARTICLE);
    const ref = await markWords(editor, 'Bus fares will stay frozen');
    await vscode.commands.executeCommand('factmark.setStatus', ref, 'accurate');
    assert.strictEqual(await vscode.commands.executeCommand('factmark.approveClaim', ref), undefined, 'the rater signed off their own verdict');
    await actAs(factmark, 'Ann Lee');
    assert.deepStrictEqual(await vscode.commands.executeCommand('factmark.approveClaim', ref), ref);
    assert.strictEqual(await vscode.commands.executeCommand('factmark.approveClaim', ref), undefined, 'a second approval by the same person');
    // A dispute without a note asks for one; cancelled, nothing is written.
    await cancelPrompt(() => vscode.commands.executeCommand('factmark.disputeClaim', ref));
    const c = await claimOnDisk(editor, ref);
    assert.deepStrictEqual(c.reviews?.map((r) => [r.by, r.verdict]), [['Ann Lee', 'approve']]);
  });

  it('Assign Claim sets and clears the assignee', async () => {
    const editor = await openNewArticle(uniqueName('assign'), ARTICLE);
    const ref = await markWords(editor, 'up 6 per cent on last year');
    await vscode.commands.executeCommand('factmark.assignClaim', ref, 'Sam Roe');
    assert.strictEqual((await claimOnDisk(editor, ref)).assignee, 'Sam Roe');
    await vscode.commands.executeCommand('factmark.assignClaim', ref, null);
    assert.strictEqual((await claimOnDisk(editor, ref)).assignee, undefined);
  });

  it('Set Status and Go to Next Open Claim rates the claim and selects the next one still open', async () => {
    const editor = await openNewArticle(uniqueName('next'), ARTICLE);
    const a = await markWords(editor, 'a budget of £412 million');
    const b = await markWords(editor, 'Spending on housing rises to £58 million');
    const c = await markWords(editor, 'Bus fares will stay frozen');
    await vscode.commands.executeCommand('factmark.setStatus', b, 'accurate');
    const next = await vscode.commands.executeCommand<ClaimRef>('factmark.setStatusAndNext', a, 'mixed');
    assert.strictEqual((await entryOf(a))?.claim.status, 'mixed');
    assert.deepStrictEqual(next, { article: a.article, id: c.id }, 'the rated claim b was not skipped');
    const e = await entryOf(c);
    assert.strictEqual(vscode.window.activeTextEditor?.document.offsetAt(vscode.window.activeTextEditor.selection.start), e?.start);
  });
});

describe('the Claims panel by review state and assignee', () => {
  let factmark: Api;
  before(async () => { factmark = await api(); await factmark.ready; await actAs(factmark, 'Jane Doe'); });
  after(async () => {
    await vscode.commands.executeCommand('factmark.clearFilter');
    await vscode.commands.executeCommand('factmark.groupByArticle');
    await actAs(factmark, undefined);
  });

  const tree = () => factmark.views.tree;
  const kids = async (n?: string) => (await tree().provider.getChildren(n)) ?? [];
  const groupOf = async (by: string, key: string) => (await kids()).find((n) => { const x = tree().node(n); return x?.kind === 'group' && x.by === by && x.key === key; });
  const claimsUnder = async (n: string | undefined, article: string) =>
    (n ? await kids(n) : []).flatMap((c) => { const x = tree().node(c); return x?.kind === 'claim' && x.article === article ? [x.id] : []; }).sort();

  it('groups what awaits my review apart from my own verdicts, by assignee, and filters to either', async () => {
    const editor = await openNewArticle(uniqueName('desk-groups'), ARTICLE);
    const mine = await markWords(editor, 'a budget of £412 million');
    const theirs = await markWords(editor, 'Spending on housing rises to £58 million');
    const open = await markWords(editor, 'Bus fares will stay frozen');
    const { article } = mine;
    await vscode.commands.executeCommand('factmark.setStatus', mine, 'accurate');
    await vscode.commands.executeCommand('factmark.assignClaim', open, 'Jane  Doe');
    await vscode.commands.executeCommand('factmark.assignClaim', theirs, 'Sam Roe');
    await actAs(factmark, 'Ann Lee');
    await vscode.commands.executeCommand('factmark.setStatus', theirs, 'inaccurate');
    await actAs(factmark, 'Jane Doe');

    assert.strictEqual(await vscode.commands.executeCommand('factmark.groupBy', 'review'), 'review');
    await waitFor('the panel to follow', async () => (await claimsUnder(await groupOf('review', 'awaiting-me'), article)).includes(theirs.id));
    assert.deepStrictEqual(await claimsUnder(await groupOf('review', 'awaiting-me'), article), [theirs.id]);
    assert.deepStrictEqual(await claimsUnder(await groupOf('review', 'awaiting-others'), article), [mine.id], 'my own verdict awaits someone else');
    assert.deepStrictEqual(await claimsUnder(await groupOf('review', 'open'), article), [open.id]);
    assert.strictEqual((await tree().provider.getTreeItem((await groupOf('review', 'awaiting-me'))!)).label, 'Awaiting my review');

    await vscode.commands.executeCommand('factmark.groupByAssignee');
    const groups = (await kids()).map((n) => tree().node(n)).flatMap((x) => (x?.kind === 'group' ? [x.key] : []));
    assert.strictEqual(groups[0], 'jane doe', 'my group comes first');
    assert.strictEqual(groups.at(-1), '', 'unassigned comes last');
    const me = await groupOf('assignee', 'jane doe');
    assert.strictEqual((await tree().provider.getTreeItem(me!)).label, 'Jane Doe (me)', 'the name as the claim writes it, spaces collapsed');
    assert.deepStrictEqual(await claimsUnder(me, article), [open.id]);
    assert.deepStrictEqual(await claimsUnder(await groupOf('assignee', 'sam roe'), article), [theirs.id]);
    assert.deepStrictEqual(await claimsUnder(await groupOf('assignee', ''), article), [mine.id]);

    // One step to what I am asked to check, the filter named in the view's message.
    await vscode.commands.executeCommand('factmark.groupByArticle');
    await actAs(factmark, 'Bo Kim');
    const f = await vscode.commands.executeCommand('factmark.showAwaitingMyReview');
    assert.deepStrictEqual(f, { statuses: undefined, review: ['awaiting-me'], assignees: undefined, text: undefined });
    const row = async () => (await kids()).find((n) => { const x = tree().node(n); return x?.kind === 'article' && x.article === article; });
    await waitFor('the filtered article', async () => (await claimsUnder(await row(), article)).length === 2);
    assert.deepStrictEqual(await claimsUnder(await row(), article), [mine.id, theirs.id].sort(), 'both verdicts await Bo, the open claim does not');
    await waitFor('the filter named in the view', () => /Filtered: Awaiting my review/.test(String(tree().view.message)));
    await vscode.commands.executeCommand('factmark.filter', { assignees: { me: true } });
    assert.strictEqual(await row(), undefined, 'nothing of this article is assigned to Bo');
    await waitFor('the assignee filter named in the view', () => /Filtered: assigned to Bo Kim \(me\)/.test(String(tree().view.message)));
    await vscode.commands.executeCommand('factmark.clearFilter');

    // Ann signs off Jane's verdict, Bo Ann's: both leave "awaiting" for "signed off".
    await actAs(factmark, 'Ann Lee');
    await vscode.commands.executeCommand('factmark.approveClaim', mine);
    await actAs(factmark, 'Bo Kim');
    await vscode.commands.executeCommand('factmark.approveClaim', theirs);
    await vscode.commands.executeCommand('factmark.groupByReview');
    await waitFor('both to be signed off', async () => (await claimsUnder(await groupOf('review', 'signed-off'), article)).length === 2);
    assert.deepStrictEqual(await claimsUnder(await groupOf('review', 'awaiting-me'), article), []);
  });
});

describe('the repository policy in the Problems panel', () => {
  let factmark: Api;
  const config = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, '.factmark.yaml');
  before(async () => {
    factmark = await api();
    await factmark.ready;
    await actAs(factmark, 'Jane Doe');
    await writeFile(config(), 'requireReviews: 1\nrequireSources: true\n');
    await waitFor('the policy to be read', () => factmark.store.policy.requireReviews === 1 && factmark.store.policy.requireSources);
  });
  after(async () => {
    await vscode.workspace.fs.delete(config());
    await waitFor('the policy to go', () => factmark.store.policy.requireReviews === 0 && !factmark.store.policy.requireSources);
    await actAs(factmark, undefined);
  });

  const problems = (uri: vscode.Uri) => factmark.views.policy.of(uri).map((d) => [d.code, d.severity === vscode.DiagnosticSeverity.Warning ? 'warning' : 'info']);

  it('lists each breach on the claim’s words, follows the claim as it is fixed, and matches vscode.languages', async () => {
    const editor = await openNewArticle(uniqueName('policy'), ARTICLE);
    const uri = editor.document.uri;
    const ref = await markWords(editor, 'a budget of £412 million');
    assert.deepStrictEqual(problems(uri), [], 'an open claim breaks no rule');

    await vscode.commands.executeCommand('factmark.setStatus', ref, 'accurate');
    await waitFor('the breaches', () => factmark.views.policy.of(uri).length === 3);
    assert.deepStrictEqual(problems(uri), [['no-explanation', 'warning'], ['no-source', 'warning'], ['sign-off', 'info']]);
    const [first] = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'factmark');
    const e = await entryOf(ref);
    assert.deepStrictEqual([editor.document.offsetAt(first.range.start), editor.document.offsetAt(first.range.end)], [e?.start, e?.end], 'not on the claim’s words');
    assert.match(first.message, /“a budget of £412 million”: settled without an explanation/);

    // The quick fix on the sign-off breach: the rater is sent to the details, not offered to approve.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, first.range);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Add Source…') && titles.includes('Edit Explanation…'), titles.join(', '));
    assert.ok(!titles.includes('Approve Verdict'), 'the rater is offered to approve their own verdict');

    await vscode.commands.executeCommand('factmark.editExplanation', ref, 'The budget book says £412m.');
    await vscode.commands.executeCommand('factmark.addSource', ref, { url: 'https://example.org/budget.pdf' });
    await waitFor('only the sign-off to remain', () => factmark.views.policy.of(uri).length === 1);
    assert.deepStrictEqual(problems(uri), [['sign-off', 'info']]);

    await actAs(factmark, 'Ann Lee');
    await vscode.commands.executeCommand('factmark.disputeClaim', ref, 'Which budget book?');
    await waitFor('the dispute', () => problems(uri).some(([c]) => c === 'disputed'));
    await vscode.commands.executeCommand('factmark.approveClaim', ref);
    await waitFor('no breach once signed off', () => factmark.views.policy.of(uri).length === 0);
  });

  it('after typing that changes no claim the breaches move with their claims without being found again; a changed claim finds them again', async () => {
    const editor = await openNewArticle(uniqueName('policy-typing'), ARTICLE);
    const uri = editor.document.uri;
    const a = await markWords(editor, 'a budget of £412 million');
    const b = await markWords(editor, 'Bus fares will stay frozen');
    await vscode.commands.executeCommand('factmark.setStatus', a, 'accurate');
    await vscode.commands.executeCommand('factmark.setStatus', b, 'inaccurate');
    await waitFor('the breaches', () => factmark.views.policy.of(uri).length === 6);
    // Every diagnostic on its claim's words as they are now.
    const placed = () => {
      const spans = new Set(factmark.claimsOf(uri).map((e) => `${e.start}-${e.end}`));
      return factmark.views.policy.of(uri).every((d) => spans.has(`${editor.document.offsetAt(d.range.start)}-${editor.document.offsetAt(d.range.end)}`));
    };
    assert.ok(placed());
    // The sidecar's first write (its state goes from missing to ok) is a change the breaches are found again after.
    await factmark.flush();
    await sidecarYaml(uri);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'A first line.\n'));
    await waitFor('the breaches to follow their claims', placed);
    const counts = factmark.views.policy.countsOf(uri);

    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'A new first line.\n'));
    await waitFor('the breaches to follow their claims again', placed);
    assert.strictEqual(factmark.views.policy.countsOf(uri).built, counts.built, 'the breaches were found again after typing that changed no claim');
    assert.ok(factmark.views.policy.countsOf(uri).moved > counts.moved, 'the breaches were not placed again');
    assert.deepStrictEqual(problems(uri).map(([c]) => c).sort(), ['no-explanation', 'no-explanation', 'no-source', 'no-source', 'sign-off', 'sign-off']);

    // A word changed in a's claim: its state changed, so the breaches are found again.
    const at = editor.document.getText().indexOf('£412');
    await editor.edit((e) => e.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 4)), '£421'));
    await waitFor('the breaches found again', () => factmark.views.policy.countsOf(uri).built > counts.built);
    await waitFor('the breaches on the claims', placed);
  });

  it('a new policy reaches every article at once: breaches no rule asks for any more leave the Problems panel, also when no rule is left', async () => {
    const first = await openNewArticle(uniqueName('policy-many-a'), ARTICLE);
    const a = await markWords(first, 'a budget of £412 million');
    await vscode.commands.executeCommand('factmark.setStatus', a, 'accurate');
    const second = await openNewArticle(uniqueName('policy-many-b'), ARTICLE);
    const b = await markWords(second, 'Bus fares will stay frozen');
    await vscode.commands.executeCommand('factmark.setStatus', b, 'inaccurate');
    const uris = [first.document.uri, second.document.uri];
    const codes = () => uris.map((u) => problems(u).map(([c]) => c).sort());
    await waitFor('the breaches of both', () => uris.every((u) => factmark.views.policy.of(u).length === 3));
    assert.deepStrictEqual(codes(), [['no-explanation', 'no-source', 'sign-off'], ['no-explanation', 'no-source', 'sign-off']]);
    const everyArticle = factmark.store.articles().length;
    assert.ok(everyArticle > 2, 'other articles, with no breach, take the same batch');
    try {
      // Sources no longer asked for: one batch of every article (setPolicy), each article's list made again.
      await writeFile(config(), 'requireReviews: 1\n');
      await waitFor('the policy to be read', () => !factmark.store.policy.requireSources);
      await waitFor('only the sign-off asked for', () => uris.every((u) => factmark.views.policy.of(u).length === 1));
      assert.deepStrictEqual(codes(), [['sign-off'], ['sign-off']]);
      assert.deepStrictEqual(uris.map((u) => vscode.languages.getDiagnostics(u).filter((d) => d.source === 'factmark').map((d) => d.code)), [['sign-off'], ['sign-off']], 'the workbench shows what the collection holds');
      // No rule at all: nothing is found, and what was shown goes (not left from before).
      await writeFile(config(), 'requireReviews: 0\n');
      await waitFor('the policy to be read', () => factmark.store.policy.requireReviews === 0);
      await waitFor('no breach shown', () => uris.every((u) => factmark.views.policy.of(u).length === 0));
      await waitFor('none in the workbench', () => uris.every((u) => vscode.languages.getDiagnostics(u).every((d) => d.source !== 'factmark')));
    } finally {
      await writeFile(config(), 'requireReviews: 1\nrequireSources: true\n');
      await waitFor('the policy to be read again', () => factmark.store.policy.requireReviews === 1 && factmark.store.policy.requireSources);
    }
    await waitFor('the breaches back', () => uris.every((u) => factmark.views.policy.of(u).length === 3));
  });
});
