// The report preview in the real workbench: Preview Fact-check Report on the demo article opens
// the HTML report beside it (no script runs in it), with the verdicts, the chart and the claims;
// its picture is the README's report screenshot (docs/screenshots/report.png with
// FACTMARK_DOCS_SCREENSHOTS=1). A status set meanwhile shows up in the open preview.
import * as assert from 'assert';
import * as path from 'path';
import type { FrameLocator } from 'playwright-core';
import { copyWorkspace, type Workspace } from '../harness/workspace';
import { openWorkbench, Workbench } from './workbench';

const ARTICLE = 'city-budget.md';

describe('Preview Fact-check Report', () => {
  let demo: Workspace;
  let wb: Workbench;

  before(async () => {
    demo = copyWorkspace(path.resolve(__dirname, '..', '..', 'demo'), { git: true, prefix: 'factmark-report-' });
    wb = await openWorkbench({ folder: demo.dir, openFile: ARTICLE, viewport: { width: 1600, height: 1000 } });
    await wb.activeTab.filter({ hasText: ARTICLE }).waitFor();
    await wb.editor.locator('.view-lines').waitFor();
  });
  after(async () => {
    await wb?.close();
    demo?.dispose();
  });

  const report = (): FrameLocator => wb.page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');

  it('opens beside the article with the verdicts, the chart and each claim', async () => {
    await wb.runCommand('Factmark: Preview Fact-check Report');
    await wb.page.locator('.tab', { hasText: `Report: ${ARTICLE}` }).waitFor();
    const page = report();
    await page.locator('h1').waitFor({ timeout: 30_000 });
    assert.match(await page.locator('h1').innerText(), /^Fact-check: /);
    assert.match(await page.locator('.progress').innerText(), /6 of 8 claims checked; 2 still open/);
    assert.ok(await page.locator('svg.chart rect').count() >= 5, 'a bar per verdict');
    const quotes = await page.locator('blockquote.quote').allInnerTexts();
    assert.strictEqual(quotes.length, 8);
    assert.match(quotes[0], /approved a budget of £412 million on Monday night/);
    assert.strictEqual(await page.locator('script').count(), 0, 'no script in the page');
    await page.locator('.claims').scrollIntoViewIfNeeded();
    await page.locator('h3', { hasText: 'Summary' }).scrollIntoViewIfNeeded();
    await wb.screenshot('report', { docs: true });
  });
});
