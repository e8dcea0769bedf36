// The first hour of a fact-checker (issue 15), in the real workbench: the Claims panel says each
// status first, with a shape of its own, to the eye and to a screen reader, and its Filter button
// works with a claim selected; an orphan's next steps are offered where it is seen; a suggested
// sentence explains itself in a hover and offers Accept / Dismiss as quick fixes; a broken sidecar
// is named by its workspace path, opens at the error and its warning goes once it is fixed; the
// Command Palette hides what does not apply; the walkthrough's steps tick as they are done; the
// details form takes an archived copy; the empty panel's welcome reads as written.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { FrameLocator, Locator } from 'playwright-core';
import { copyWorkspace, type Workspace } from '../harness/workspace';
import { DETAILS_WEBVIEW, openWorkbench, Workbench } from './workbench';

const ARTICLE = 'city-budget.md';
const SIDECAR = `${ARTICLE}.claims.yaml`;

describe('first use of Factmark', () => {
  let demo: Workspace;
  let wb: Workbench;

  before(async () => {
    demo = copyWorkspace(path.resolve(__dirname, '..', '..', 'demo'), { git: true, prefix: 'factmark-first-use-' });
    wb = await openWorkbench({ folder: demo.dir, openFile: ARTICLE });
    await wb.editor.locator('.view-lines').waitFor();
    await wb.runCommand('Factmark: Show Claims Panel');
    await panelRow('Spending on housing').waitFor();
  });
  after(async () => {
    await wb?.close();
    demo?.dispose();
  });

  const panelRow = (text: string | RegExp): Locator => wb.page.locator('.pane-body .monaco-list-row', { hasText: text }).first();
  const details = (): FrameLocator => wb.page.frameLocator(DETAILS_WEBVIEW).frameLocator('iframe#active-frame');
  const toast = (text: string | RegExp): Locator => wb.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  const clearToasts = () => wb.runCommand('Notifications: Clear All Notifications');
  /** A button of the Claims panel's title bar (shown while the pointer is over the panel). */
  const clickTitleButton = async (label: string): Promise<void> => {
    await wb.page.locator('.pane-header', { hasText: /Claims/i }).first().hover();
    await wb.page.locator(`.pane-header .action-label[aria-label^="${label}"]`).first().click();
  };
  /** Groups the panel from its title bar's Group Claims By… button and the quick pick it opens. */
  const groupBy = async (label: 'Article' | 'Status'): Promise<void> => {
    await clickTitleButton('Group Claims By');
    await wb.page.locator('.quick-input-list .monaco-list-row').filter({ has: wb.page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first().click();
  };
  /** Makes the article's own tab (not its sidecar's, whose name starts the same) the active one. */
  const showArticle = async () => {
    const name = wb.page.locator('.tabs-container .tab .label-name', { hasText: new RegExp(`^${ARTICLE.replace(/\./g, '\\.')}$`) });
    await name.first().click();
    await wb.page.locator('.tabs-container .tab.active .label-name', { hasText: new RegExp(`^${ARTICLE.replace(/\./g, '\\.')}$`) }).first().waitFor();
    await wb.editor.locator('.view-lines').waitFor();
  };

  it('the Claims panel says each status first, with a shape of its own that a selected row keeps, and a screen reader hears it', async () => {
    const expected: [string, string, string][] = [
      ['Spending on housing rises to £58 million', 'True', 'pass-filled'],
      ['1,200 new social homes will be started', 'Unproven', 'question'],
      ['We have balanced the books', 'Misleading', 'warning'],
      ['Bus fares will stay frozen', 'Unverified', 'circle-large-outline'],
      ['Cycling schemes receive £3.5 million', 'In progress', 'search'],
    ];
    for (const [quote, status, icon] of expected) {
      const row = wb.page.locator('.pane-body .monaco-list-row[aria-level="2"]', { hasText: quote }).last();
      await row.waitFor();
      const label = (await row.locator('.label-name').first().innerText()).replace(/\u00a0/g, ' ');
      assert.ok(label.startsWith(`${status}: `), `the row of “${quote}” reads “${label}”`);
      assert.ok(await row.locator(`.codicon-${icon}`).count() > 0, `the row of “${quote}” has no ${icon} icon`);
      assert.match(await row.getAttribute('aria-label') ?? '', new RegExp(`^${status}, ${quote.slice(0, 12)}`));
      // The status is in view: its words end inside the row, however long the quote.
      const fits = await row.evaluate((el, s) => {
        const name = (el as unknown as { querySelector(q: string): { firstChild: unknown; getBoundingClientRect(): { right: number } } }).querySelector('.label-name');
        const doc = (el as unknown as { ownerDocument: { createRange(): { setStart(n: unknown, o: number): void; setEnd(n: unknown, o: number): void; getBoundingClientRect(): { right: number } } } }).ownerDocument;
        const walker = (doc as unknown as { createTreeWalker(r: unknown, w: number): { nextNode(): { textContent: string } | null } }).createTreeWalker(name, 4);
        const text = walker.nextNode();
        if (!text) return false;
        const range = doc.createRange();
        range.setStart(text, 0);
        range.setEnd(text, s.length);
        return range.getBoundingClientRect().right <= (el as unknown as { getBoundingClientRect(): { right: number } }).getBoundingClientRect().right;
      }, status);
      assert.ok(fits, `the status of “${quote}” is cut off`);
    }
    // Selected (and focused), the row's icon loses its colour to the selection's: the shape stays.
    const row = wb.page.locator('.pane-body .monaco-list-row[aria-level="2"]', { hasText: 'Spending on housing' }).last();
    await row.click();
    await wb.page.locator('.pane-body .monaco-list-row.selected', { hasText: 'Spending on housing' }).first().waitFor();
    assert.ok(await row.locator('.codicon-pass-filled').count() > 0, 'the selected row lost its shape');

    await groupBy('Status');
    const group = wb.page.locator('.pane-body .monaco-list-row[aria-level="1"]', { hasText: /^True/ }).first();
    await group.waitFor();
    assert.strictEqual(await group.getAttribute('aria-label'), 'True, 3 claims', 'a screen reader does not hear the group as "True, 3 claims"');
    await wb.screenshot('panel-by-status');
    await groupBy('Article');
    await wb.page.locator('.pane-body .monaco-list-row[aria-level="1"]', { hasText: ARTICLE }).first().waitFor();
  });

  it('Filter works from the panel\'s title bar while a claim is selected', async () => {
    const row = wb.page.locator('.pane-body .monaco-list-row[aria-level="2"]', { hasText: 'Spending on housing' }).last();
    await row.click();
    await wb.page.locator('.pane-body .monaco-list-row.selected', { hasText: 'Spending on housing' }).first().waitFor();
    await clickTitleButton('Filter Claims');
    const widget = wb.page.locator('.quick-input-widget');
    await widget.locator('.quick-input-title', { hasText: 'Filter claims (1/2)' }).waitFor();
    await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'Misleading' }).first().click();
    await wb.page.keyboard.press('Enter');
    await widget.locator('.quick-input-title', { hasText: 'words to look for' }).waitFor();
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.pane-body', { hasText: 'Filtered: Misleading' }).first().waitFor();
    await wb.page.locator('.pane-body .monaco-list-row', { hasText: 'Spending on housing' }).first().waitFor({ state: 'detached' });
    assert.ok(await panelRow('We have balanced the books').isVisible(), 'the Misleading claim is not listed');
    await wb.runCommand('Factmark: Clear Filter');
    await panelRow('Spending on housing').waitFor();
  });

  it('an orphan says what to do and offers Re-attach and Delete, from the panel and in the details', async () => {
    await clearToasts();
    await panelRow('The stadium redevelopment').click();
    const warning = toast('is no longer in city-budget.md');
    await warning.waitFor({ timeout: 15_000 });
    assert.match(await warning.innerText(), /Select the words it now refers to and choose Re-attach, or delete the claim/);
    for (const button of ['Re-attach to Selection', 'Delete Claim']) {
      assert.ok(await warning.locator('.monaco-button', { hasText: button }).count() > 0, `no ${button} button`);
    }
    await wb.runCommand('Factmark: Show Claim Details');
    const state = details().locator('.state');
    await state.filter({ hasText: 'Not found in the article' }).waitFor({ timeout: 20_000 });
    assert.ok(!/not even approximately/.test(await state.innerText()), 'the details repeat the matcher\'s words');
    for (const button of ['Re-attach to selection', 'Delete claim']) {
      assert.ok(await state.locator('button', { hasText: button }).count() > 0, `no ${button} button in the details`);
    }
    await wb.screenshot('orphan', { docs: true });
    await clearToasts();
  });

  it('a suggested sentence has a hover with its reasons and Accept / Dismiss, and both in the lightbulb', async () => {
    await wb.editor.locator('.view-lines').click();
    await wb.runCommand('Factmark: Suggest Claims');
    // The sentence starts in the middle of a line (after "the chamber."): hover over its own words.
    await wb.page.locator('.pane-body .monaco-list-row', { hasText: /Suggestions \(\d+\)/ }).first().waitFor({ timeout: 20_000 });
    const box = await wordBox(wb, 'councillors');
    let hover: Locator | undefined;
    for (let tries = 0; tries < 5 && !hover; tries++) {
      await wb.page.mouse.move(box.x + 4 + tries * 6, box.y + box.height / 2);
      await wb.page.mouse.move(box.x + 10 + tries * 6, box.y + box.height / 2);
      const h = wb.page.locator('.monaco-hover', { hasText: 'Suggested claim' }).first();
      if (await h.waitFor({ timeout: 5000 }).then(() => true, () => false)) hover = h;
    }
    assert.ok(hover, 'no hover over the suggested sentence');
    const text = await hover.innerText();
    assert.match(text, /attribution/);
    for (const link of ['Accept as claim', 'Dismiss']) assert.ok(await hover.locator('a', { hasText: link }).count() > 0, `no ${link} link`);
    await wb.screenshot('suggestion-hover', { docs: true });
    await wb.page.keyboard.press('Escape');

    await wb.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await wb.page.keyboard.press('Control+.');
    const menu = wb.page.locator('.action-widget');
    await menu.first().waitFor();
    assert.match(await menu.first().innerText(), /Mark as claim: “Opposition councillors/);
    assert.match(await menu.first().innerText(), /Dismiss this suggestion/);
    await wb.page.keyboard.press('Escape');
  });

  it('the Command Palette offers situational commands only when they apply', async () => {
    const offered = async () => new Set(await wb.paletteCommands('Factmark:'));
    // The demo's article has a changed claim, no conflict, nothing deleted, no filter.
    let commands = await offered();
    for (const hidden of ['Factmark: Undo Delete Claim', 'Factmark: Resolve Sidecar Conflicts…', 'Factmark: Clear Filter']) {
      assert.ok(!commands.has(hidden), `${hidden} is offered`);
    }
    assert.ok(commands.has('Factmark: Accept New Wording'), 'Accept New Wording is not offered with a changed claim in the article');
    assert.ok(commands.has('Factmark: Clear Suggestions'), 'Clear Suggestions is not offered while suggestions are shown');
    await wb.runCommand('Factmark: Clear Suggestions');
    // (the context key reaches the workbench a moment after the command: a palette opened at once
    // can still show the old list, as a fresh-clone run did; a user's next palette would not)
    for (let tries = 0; tries < 10; tries++) {
      commands = await offered();
      if (!commands.has('Factmark: Clear Suggestions')) break;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    assert.ok(!commands.has('Factmark: Clear Suggestions'), 'Clear Suggestions is offered with no suggestion shown');
  });

  it('a broken sidecar is named by its workspace path, opens at the error, and its warning goes once fixed', async () => {
    await clearToasts();
    const file = path.join(demo.dir, SIDECAR);
    const good = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, good.replace('status: misleading', 'status: "misleading'));
    const warning = toast(`${SIDECAR} cannot be read`);
    await warning.waitFor({ timeout: 20_000 });
    const text = await warning.innerText();
    assert.ok(!text.includes('file://'), `a file URI in: ${text}`);
    assert.match(text, /line \d+, column \d+: /);
    assert.ok(!/[:.,] ?\)/.test(text), `odd punctuation in: ${text}`);
    assert.ok(await warning.locator('.codicon-warning, .codicon-notifications-warning').count() > 0, 'not a warning (an error with buttons never goes by itself)');
    await warning.locator('.monaco-button', { hasText: 'Open File' }).click();
    await wb.activeTab.filter({ hasText: SIDECAR }).waitFor();
    const line = Number(/line (\d+)/.exec(text)?.[1]);
    assert.match(await wb.cursorStatus(), new RegExp(`^Ln ${line}, Col \\d+`));

    fs.writeFileSync(file, good);
    await wb.page.locator('.statusbar-item', { hasText: `${SIDECAR} reads again` }).first().waitFor({ timeout: 20_000 });
    await wb.page.locator('.notifications-toasts .notification-toast', { hasText: `${SIDECAR} cannot be read` }).first()
      .waitFor({ state: 'detached', timeout: 40_000 });
    await showArticle();
  });

  it('the details form takes an archived copy and shows it on the source card', async () => {
    await clickInWords(wb, 'Bus fares will stay frozen');
    await wb.runCommand('Factmark: Show Claim Details');
    const frame = details();
    await frame.locator('.quote', { hasText: 'Bus fares will stay frozen' }).waitFor({ timeout: 20_000 });
    const form = frame.locator('form.add-source');
    await form.locator('input[type="url"]').first().fill('https://example.org/transport/fares-2026');
    await form.locator('input[placeholder^="Title"]').fill('Fares notice');
    const archive = form.locator('input[placeholder^="https://web.archive.org"]');
    assert.ok(await archive.count() > 0, 'the form has no archive field');
    await archive.fill('https://web.archive.org/web/2026/https://example.org/transport/fares-2026');
    await form.locator('button[type="submit"]').click();
    const card = frame.locator('.sources li', { hasText: 'Fares notice' });
    await card.waitFor();
    assert.strictEqual(await card.locator('a', { hasText: 'Archived copy' }).getAttribute('href'), 'https://web.archive.org/web/2026/https://example.org/transport/fares-2026');
  });

  it('marking a first claim says in full how to rate it, with a Set Status button', async () => {
    await clearToasts();
    await wb.selectText('A review of the housing programme is due in the autumn');
    await wb.runCommand('Factmark: Mark Claim');
    const hint = toast('Now rate it');
    await hint.waitFor({ timeout: 15_000 });
    assert.match(await hint.innerText(), /Marked “A review of the housing programme is due in the autumn”\. Now rate it: Set Status \(Ctrl\+Alt\+S\), or the Set status link in its hover\./);
    await hint.locator('.monaco-button', { hasText: 'Set Status…' }).click();
    const widget = wb.page.locator('.quick-input-widget');
    await widget.locator('.quick-input-title', { hasText: 'Status of' }).waitFor();
    await wb.page.keyboard.type('t');
    await widget.waitFor({ state: 'hidden' });
    await panelRow('True: A review of the housing programme').waitFor();
  });

  it('the walkthrough\'s steps tick as they are done', async () => {
    await wb.runCommand('Welcome: Open Walkthrough...');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Fact-check an article' }).first().click();
    const steps = wb.page.locator('.gettingStartedContainer .getting-started-step');
    await steps.first().waitFor();
    // Opened an article, marked, rated and cited a claim, seen the panel: all in the steps above,
    // before the walkthrough was first opened; they tick as it opens (firstSteps.ts).
    // VS Code marks a step done on its check mark (`[data-done-step-id]`), with the class `complete`.
    const ticked = () => steps.evaluateAll((els) => els.map((el) => !!(el as unknown as { querySelector(q: string): { classList: { contains(c: string): boolean } } | null })
      .querySelector('[data-done-step-id]')?.classList.contains('complete')));
    let done = await ticked();
    for (let tries = 0; tries < 40 && done.some((d) => !d); tries++) {
      await wb.page.waitForTimeout(250);
      done = await ticked();
    }
    assert.deepStrictEqual(done, [true, true, true, true, true], 'steps ticked (open, mark, rate, cite, review)');
    // The first step's page (a webview beside the steps) is not clipped: nothing in it is wider
    // than the page, so no line of it is cut off or needs a scroll bar.
    await steps.filter({ hasText: 'Open an article' }).locator('.step-title, h3').first().click();
    let clipped: string[] | undefined;
    for (let tries = 0; tries < 40 && !clipped; tries++) {
      for (const frame of wb.page.frames()) {
        const found = await frame.evaluate(() => {
          const doc = (globalThis as unknown as { document: { querySelector(q: string): { textContent: string } | null; querySelectorAll(q: string): ArrayLike<{ tagName: string; textContent: string; scrollWidth: number; clientWidth: number }>; documentElement: { scrollWidth: number; clientWidth: number } } }).document;
          if (doc.querySelector('h1')?.textContent?.trim() !== 'Open an article') return undefined;
          const page = doc.documentElement;
          const wide = Array.from(doc.querySelectorAll('body *')).filter((el) => el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1);
          return [...(page.scrollWidth > page.clientWidth + 1 ? [`the page (${page.scrollWidth} > ${page.clientWidth} px)`] : []),
            ...wide.map((el) => `${el.tagName.toLowerCase()} “${el.textContent.slice(0, 40)}” (${el.scrollWidth} > ${el.clientWidth} px)`)];
        }).catch(() => undefined);
        if (found) clipped = found;
      }
      if (!clipped) await wb.page.waitForTimeout(250);
    }
    assert.ok(clipped, 'the first step\'s page is not shown');
    assert.deepStrictEqual(clipped, [], 'clipped in the walkthrough\'s first step');
    await wb.screenshot('walkthrough');
  });
});

describe('the Claims panel of a workspace without claims', () => {
  let dir: string;
  let wb: Workbench;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-empty-'));
    fs.writeFileSync(path.join(dir, 'notes.md'), '# Notes\n\nThe bridge opened in 1962 and cost £4 million, the council said.\n');
    wb = await openWorkbench({ folder: dir });
  });
  after(async () => {
    await wb?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('welcomes with plain text and a Suggest Claims button that picks an article', async () => {
    await wb.runCommand('Factmark: Show Claims Panel');
    const welcome = wb.page.locator('.pane-body .welcome-view').first();
    await welcome.waitFor();
    const text = await welcome.innerText();
    assert.ok(!text.includes('`'), `literal backticks in: ${text}`);
    assert.ok(await welcome.locator('.monaco-button', { hasText: 'Mark Claim' }).count() > 0, 'no Mark Claim button');
    await welcome.locator('.monaco-button', { hasText: 'Suggest Claims' }).click();
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'notes.md' }).first().click();
    await wb.page.locator('.pane-body .monaco-list-row', { hasText: /Suggestions \(\d+\)/ }).first().waitFor({ timeout: 20_000 });
    await wb.screenshot('welcome-suggest');
  });
});

/** Clicks a few characters into `words`, which start a rendered line or are inside one. */
async function clickInWords(wb: Workbench, words: string): Promise<void> {
  const line = wb.editor.locator('.view-line', { hasText: words }).first();
  await line.waitFor();
  const box = await line.boundingBox();
  assert.ok(box, `“${words}” is not rendered`);
  await wb.page.mouse.click(box.x + 30, box.y + box.height / 2);
}

/** Where the first occurrence of a word (inside one rendered token) is drawn in the editor. */
async function wordBox(wb: Workbench, word: string): Promise<{ x: number; y: number; width: number; height: number }> {
  const line = wb.editor.locator('.view-line', { hasText: word }).first();
  await line.waitFor();
  const box = await line.evaluate((el, w) => {
    type Node = { textContent: string | null };
    type Rect = { x: number; y: number; width: number; height: number };
    const doc = (el as unknown as { ownerDocument: { createTreeWalker(r: unknown, what: number): { nextNode(): Node | null }; createRange(): { setStart(n: Node, o: number): void; setEnd(n: Node, o: number): void; getBoundingClientRect(): Rect } } }).ownerDocument;
    const walker = doc.createTreeWalker(el, 4);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = (n.textContent ?? '').replace(/\u00a0/g, ' ').indexOf(w);
      if (at < 0) continue;
      const range = doc.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + w.length);
      const r = range.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }
    return undefined;
  }, word);
  assert.ok(box && box.width > 0, `“${word}” is not drawn in one piece in the editor`);
  return box;
}
