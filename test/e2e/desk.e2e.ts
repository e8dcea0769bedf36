// The Desk as a user sees it: a newsroom's workspace of three articles — the demo's city budget
// and two more marked, rated, reviewed and assigned with the `factmark` CLI by three checkers —
// opened as "Ann Lee". The Desk shows each article's claims per status in the theme's status
// colours and what awaits Ann, and a figure's link opens the claim behind it. The screenshot
// goes to docs/screenshots/desk.png for the README (FACTMARK_DOCS_SCREENSHOTS=1).
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator } from 'playwright-core';
import { builtCli } from '../fixtures/builtCli';
import { copyWorkspace, type Workspace } from '../harness/workspace';
import { openWorkbench, Workbench } from './workbench';

const HARBOUR = `# Harbour wall repairs to start in May

The port authority says the repairs will cost £14 million and take two years.

The harbour wall was last rebuilt in 1962, according to the council's archive.

Fishing boats landed 8,400 tonnes of fish last year, a third less than in 2015.

The authority's chair said the work would "save the harbour for another century".
`;

const SCHOOLS = `# Three new primary schools approved

The education committee approved three new primary schools with 630 places in all.

Pupil numbers in the city grew by 12 per cent between 2015 and 2025.

The schools will open in September 2028, the committee said.
`;

describe('the Desk', () => {
  let ws: Workspace;
  let wb: Workbench;

  before(async () => {
    ws = copyWorkspace(path.resolve(__dirname, '..', '..', 'demo'), { git: true, prefix: 'factmark-desk-' });
    const dir = ws.dir;
    fs.writeFileSync(path.join(dir, 'harbour.md'), HARBOUR);
    fs.writeFileSync(path.join(dir, 'schools.md'), SCHOOLS);
    fs.writeFileSync(path.join(dir, '.factmark.yaml'), 'requireReviews: 1\n');
    fs.mkdirSync(path.join(dir, '.vscode'));
    fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), '{ "editor.minimap.enabled": false, "factmark.author": "Ann Lee" }\n');
    const cli = builtCli();
    const run = (...args: string[]) => execFileSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8' }).trim();
    const add = (article: string, quote: string, ...opts: string[]) => run('add', article, '--quote', quote, ...opts);
    const h1 = add('harbour.md', 'will cost £14 million and take two years', '--status', 'accurate', '--by', 'Jane Doe', '--source', 'https://example.org/port/plan.pdf', '--explanation', 'The port plan, p. 3.');
    const h2 = add('harbour.md', 'last rebuilt in 1962', '--status', 'mostly-accurate', '--by', 'Jane Doe', '--assignee', 'Ann Lee');
    const h3 = add('harbour.md', '8,400 tonnes of fish last year', '--status', 'misleading', '--by', 'Ann Lee');
    add('harbour.md', 'a third less than in 2015', '--assignee', 'Ann Lee', '--by', 'Jane Doe');
    run('review', 'harbour.md', h1, '--approve', '--by', 'Bo Kim', '--note', 'Checked the plan.');
    run('review', 'harbour.md', h3, '--dispute', '--by', 'Bo Kim', '--note', 'The 2015 figure is for the whole coast.');
    void h2;
    const s1 = add('schools.md', 'three new primary schools with 630 places', '--status', 'accurate', '--by', 'Bo Kim');
    add('schools.md', 'grew by 12 per cent between 2015 and 2025', '--status', 'inaccurate', '--by', 'Jane Doe');
    add('schools.md', 'open in September 2028', '--assignee', 'Jane Doe', '--by', 'Jane Doe');
    run('review', 'schools.md', s1, '--approve', '--by', 'Jane Doe');
    execFileSync('git', ['add', '-A'], { cwd: dir });
    execFileSync('git', ['commit', '-q', '-m', 'Two more articles, checked by the desk'], { cwd: dir });
    wb = await openWorkbench({ folder: dir, openFile: 'harbour.md', viewport: { width: 1600, height: 1000 } });
    await wb.activeTab.filter({ hasText: 'harbour.md' }).waitFor();
  });
  after(async () => {
    // Editors carry over to the next workbench of the run: leave no Desk behind for them.
    await wb?.runCommand('View: Close All Editors').catch(() => undefined);
    await wb?.close();
    ws?.dispose();
  });

  const page = (): FrameLocator => wb.page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');

  it('shows every article’s progress and what awaits me, each figure a link to its claims', async () => {
    await wb.runCommand('Factmark: Show Desk');
    await wb.activeTab.filter({ hasText: 'Factmark Desk' }).waitFor();
    const desk = page();
    await desk.locator('h1', { hasText: 'Factmark Desk' }).waitFor();
    const rows = desk.locator('tbody tr');
    await rows.nth(2).waitFor();
    assert.deepStrictEqual((await desk.locator('tbody th .article').allInnerTexts()).map((t) => t.trim()), ['city-budget.md', 'harbour.md', 'schools.md']);
    assert.match(await desk.locator('header .sub').first().innerText(), /3 articles · 15 claims · \d+ checked · you are Ann Lee/);

    // As Ann: Jane's two verdicts in harbour.md and Jane's in schools.md await her sign-off
    // (h1 is signed off by Bo, h3 is hers and disputed); the city budget's verdicts were rated by
    // no one named, so they await anyone's review, hers too.
    const card = (cls: string) => desk.locator(`.card.${cls} .figure`);
    const awaitingMe = Number(await card('awaiting-me').innerText());
    const harbour = rows.filter({ hasText: 'harbour.md' });
    assert.strictEqual((await harbour.locator('td.awaiting-me').innerText()).trim(), '1');
    assert.strictEqual((await harbour.locator('td.disputed').innerText()).trim(), '1');
    assert.strictEqual((await harbour.locator('td.signed-off').innerText()).trim(), '1');
    assert.strictEqual((await rows.filter({ hasText: 'schools.md' }).locator('td.awaiting-me').innerText()).trim(), '1');
    assert.ok(awaitingMe >= 2, `awaiting my review: ${awaitingMe}`);
    // Each status segment is drawn in its colour, sized by its share.
    const segments = harbour.locator('.segment');
    assert.strictEqual(await segments.count(), 4);
    assert.match(await segments.first().getAttribute('aria-label') ?? '', /^1 /);

    await wb.screenshot('desk', { docs: true });

    // The dispute in harbour.md: one claim, shown in its article.
    await harbour.locator('td.disputed button').click();
    await wb.activeTab.filter({ hasText: 'harbour.md' }).waitFor();
    for (let tries = 0; tries < 40 && !/\(\d+ selected\)|Ln 7,/.test(await wb.cursorStatus().catch(() => '')); tries++) await wb.page.waitForTimeout(250);
    assert.match(await wb.cursorStatus(), /^Ln 7,/, 'the disputed claim is on line 7');
  });
});
