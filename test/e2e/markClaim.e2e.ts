// The main journey, as a user does it in the real workbench: open the article, select the words
// of a claim, mark it from the Command Palette, rate it, and see it highlighted, in the Claims
// panel, in the status bar, in the hover and in the details form. Screenshots go to
// docs/screenshots/ for the README.
import * as assert from 'assert';
import { DETAILS_WEBVIEW, openWorkbench, Workbench } from './workbench';

const CLAIM = 'Repairs cost £14.2 million';

describe('mark and rate a claim', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench();
    await wb.quickOpen('harbour-bridge.md');
  });
  after(() => wb?.close());

  it('marks the selected words from the Command Palette', async () => {
    await wb.selectText(CLAIM);
    await wb.runCommand('Factmark: Mark Claim');
    const bar = wb.page.locator('.statusbar-item', { hasText: /checked/ });
    await bar.first().waitFor();
    assert.match(await bar.first().innerText(), /0\/1 checked/);
    // The gutter mark is drawn in the glyph margin beside the claim's line.
    await wb.editor.locator('[class*="cgmr"]').first().waitFor();
  });

  it('rates it from the status list', async () => {
    await wb.runCommand('Factmark: Set Status…');
    const row = wb.page.locator('.quick-input-list .monaco-list-row').filter({ has: wb.page.locator('.label-name', { hasText: /^False$/ }) });
    await row.first().click();
    await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    const bar = wb.page.locator('.statusbar-item', { hasText: /checked/ });
    await bar.first().waitFor();
    // Short, so that the status bar keeps room for messages; the statuses are in its tooltip.
    assert.strictEqual((await bar.first().innerText()).trim(), '1/1 checked');
  });

  it('lists it in the Claims panel with its status', async () => {
    await wb.runCommand('Factmark: Show Claims Panel');
    const row = wb.page.locator('.pane-body .monaco-list-row', { hasText: CLAIM });
    await row.first().waitFor();
    assert.match(await row.first().innerText(), /False/);
    const article = wb.page.locator('.pane-body .monaco-list-row', { hasText: 'harbour-bridge.md' });
    assert.match(await article.first().innerText(), /1\/1 checked/);
    // Put the cursor back in the claim so the screenshot shows the highlight beside the panel.
    await wb.editor.locator('.view-lines').click();
    await wb.page.keyboard.press('Control+Home');
    await wb.screenshot('mark-claim', { docs: true });
  });

  it('shows the claim in a hover over its words', async () => {
    // The claim starts the line: a point a few characters in is on its words.
    const line = await wb.editor.locator('.view-line', { hasText: 'Repairs cost' }).first().boundingBox();
    assert.ok(line, 'the claim\'s line is not rendered');
    await wb.page.mouse.move(line.x + 40, line.y + line.height / 2);
    await wb.page.mouse.move(line.x + 48, line.y + line.height / 2);
    const hover = wb.page.locator('.monaco-hover', { hasText: 'Not accurate' });
    await hover.first().waitFor({ timeout: 15_000 });
    assert.match(await hover.first().innerText(), /False/);
    await wb.screenshot('hover', { docs: true });
    await wb.page.keyboard.press('Escape');
  });

  it('shows the claim in the details form', async () => {
    await wb.editor.locator('.view-line', { hasText: 'Repairs cost' }).first().click({ position: { x: 40, y: 5 } });
    await wb.runCommand('Factmark: Show Claim Details');
    const frame = wb.page.frameLocator(DETAILS_WEBVIEW).frameLocator('iframe#active-frame');
    await frame.locator('.quote', { hasText: CLAIM }).waitFor({ timeout: 20_000 });
    assert.strictEqual(await frame.locator('#f-status').inputValue(), 'inaccurate');
    await wb.screenshot('details', { docs: true });
  });
});
