// The README's pictures, taken from the real workbench the way a user sees it: a fresh copy of
// demo/ (what `npm start` serves: city-budget.md and its sidecar, claims in every state) in a
// 1600×1000 tab with a side bar wide enough to read the claims, once in VS Code's default light
// theme and once in its default dark theme. Each step asserts what its picture shows.
// `FACTMARK_DOCS_SCREENSHOTS=1 npm run test:e2e -- --grep README` refreshes
// docs/screenshots/{overview,set-status,claim-hover,add-source,recheck}{,-dark}.png.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator, Locator } from 'playwright-core';
import { copyWorkspace, type Workspace } from '../harness/workspace';
import { DETAILS_WEBVIEW, openWorkbench, Workbench } from './workbench';

const ARTICLE = 'city-budget.md';
const SIDE_BAR_WIDTH = 600;
const SOURCE_URL = 'https://example.org/city/budget-2026/transport-annex.pdf';
const THEMES = [
  { kind: 'light', name: 'Default Light Modern', suffix: '' },
  { kind: 'dark', name: 'Default Dark Modern', suffix: '-dark' },
] as const;

/** The default colour package.json gives a theme colour in a kind of theme, as `rgba(r, g, b` (a prefix of the computed style). */
function defaultTint(id: string, kind: 'light' | 'dark'): string {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8'));
  const hex = (manifest.contributes.colors as { id: string; defaults: Record<string, string> }[]).find((c) => c.id === id)?.defaults[kind];
  assert.ok(hex, `no default for ${id}`);
  const n = parseInt(hex.slice(1, 7), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}`;
}

for (const theme of THEMES) describe(`README screenshots of the demo workspace (${theme.kind} theme)`, () => {
  let demo: Workspace;
  let wb: Workbench;

  before(async () => {
    demo = copyWorkspace(path.resolve(__dirname, '..', '..', 'demo'), { git: true, prefix: 'factmark-readme-' });
    // No minimap: with a side bar wide enough to read the claims, the article's longest line and
    // its "⟲" marker then fit beside it (the marker is not counted by word wrap).
    fs.mkdirSync(path.join(demo.dir, '.vscode'));
    fs.writeFileSync(path.join(demo.dir, '.vscode', 'settings.json'), `${JSON.stringify({ 'editor.minimap.enabled': false, 'workbench.colorTheme': theme.name }, null, 2)}\n`);
    execFileSync('git', ['add', '.vscode'], { cwd: demo.dir });
    execFileSync('git', ['commit', '-q', '-m', 'No minimap in the screenshots'], { cwd: demo.dir });
    wb = await openWorkbench({ folder: demo.dir, openFile: ARTICLE, viewport: { width: 1600, height: 1000 } });
    await wb.activeTab.filter({ hasText: ARTICLE }).waitFor();
    await wb.editor.locator('.view-lines').waitFor();
    // The workspace setting chooses the theme; in a full e2e run the browser's stored theme of an
    // earlier window has been seen to win over it. Then pick it the way a user does.
    const themed = wb.page.locator(`.monaco-workbench.vs${theme.kind === 'dark' ? '-dark' : ''}`);
    if (!(await themed.waitFor({ timeout: 10_000 }).then(() => true, () => false))) {
      await wb.runCommand('Preferences: Color Theme');
      const pick = wb.page.locator('.quick-input-widget');
      await pick.locator('input').first().fill(theme.name);
      await pick.locator('.quick-input-list .monaco-list-row', { hasText: theme.name }).first().click();
      await themed.waitFor();
    }
    // Add Source reads the clipboard (a URL there is offered first): let the page read it, as a
    // user allowing it would, instead of a "cannot read the clipboard" notification.
    await wb.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(wb.page.url()).origin });
    await wb.runCommand('Factmark: Show Claims Panel');
    await widenSideBar(wb, SIDE_BAR_WIDTH);
  });
  after(async () => {
    await wb?.close();
    demo?.dispose();
  });

  const panelRow = (text: string | RegExp): Locator =>
    wb.page.locator('.pane-body .monaco-list-row', { hasText: text }).first();
  const details = (): FrameLocator =>
    wb.page.frameLocator(DETAILS_WEBVIEW).frameLocator('iframe#active-frame');
  const progress = (): Locator => wb.page.locator('.statusbar-item', { hasText: /checked/ }).first();

  it('overview: highlights, the Claims panel, the details of a sourced claim and the progress', async () => {
    await progress().waitFor();
    assert.strictEqual(
      (await progress().innerText()).trim(),
      '6/8 checked · 3 to re-check',
    );

    // The panel: the re-check group first, then the article with its eight claims and their statuses.
    const recheck = panelRow('Orphaned / needs re-check');
    await recheck.waitFor();
    assert.match(await recheck.innerText(), /Orphaned \/ needs re-check\s*3/);
    const article = wb.page.locator('.pane-body .monaco-list-row[aria-level="1"]', { hasText: ARTICLE }).first();
    assert.match(await article.innerText(), /6\/8 checked · 3 to re-check/);
    // Each row under the article: its status first, then the quote; a state to re-check after it.
    const expected: [string, string, string][] = [
      ['approved a budget of £412 million on Monday night', 'True', '⟲ words changed'],
      ['Spending on housing rises to £58 million', 'True', ''],
      ['1,200 new social homes will be started', 'Unproven', ''],
      ['We have balanced the books without cutting a single library', 'Misleading', ''],
      ['Bus fares will stay frozen until at least April 2027', 'Unverified', ''],
      ['tax rises by 4.99 per cent', 'True', '⟲ unsure place'],
      ['The stadium redevelopment will cost nothing', 'Mostly false', '⚠ not found'],
      ['Cycling schemes receive £3.5 million', 'In progress', ''],
    ];
    for (const [quote, status, state] of expected) {
      const row = wb.page.locator('.pane-body .monaco-list-row[aria-level="2"]', { hasText: quote }).last();
      await row.waitFor();
      const text = (await row.innerText()).replace(/\u00a0/g, ' ');
      assert.ok(text.startsWith(`${status}: ${quote.slice(0, 20)}`), `panel row of “${quote}”: ${text}`);
      if (state) assert.ok(text.includes(state), `panel row of “${quote}” does not say ${state}: ${text}`);
    }

    // The highlights: each claim's words carry its status colour (light theme tints).
    await expectTint(wb, 'Spending on housing rises', defaultTint('factmark.status.accurate.background', theme.kind));
    await expectTint(wb, 'We have balanced the books', defaultTint('factmark.status.misleading.background', theme.kind));
    await expectTint(wb, 'Bus fares will stay frozen', defaultTint('factmark.status.unverified.background', theme.kind));
    // Claims to re-check carry a one-glyph marker after their words (text there would not wrap with the line).
    const markers = await wb.editor.locator('.view-line span').evaluateAll((els) => els
      .map((el) => (globalThis as unknown as { getComputedStyle(e: unknown, pseudo: string): { content: string } }).getComputedStyle(el, '::after').content)
      .map((c) => c.replace(/^"|"$/g, '').trim())
      .filter((c) => c === '⟲' || c === '?'));
    assert.deepStrictEqual(markers.sort(), ['?', '⟲']);

    // The cursor in a claim with sources and an explanation: the details view shows it.
    await clickInWords(wb, 'Spending on housing rises');
    await wb.runCommand('Factmark: Show Claim Details');
    const frame = details();
    await frame.locator('.quote', { hasText: 'Spending on housing rises to £58 million' }).waitFor({ timeout: 20_000 });
    assert.strictEqual(await frame.locator('#f-status').inputValue(), 'accurate');
    // The status's swatch is the theme's colour of the status, as in the panel (not the light default everywhere).
    const swatch = await frame.locator('.swatch').first().evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor);
    assert.strictEqual(swatch.replace(/^rgb\(/, 'rgba('), `${defaultTint('factmark.status.accurate', theme.kind)})`, 'the details\' status swatch');
    assert.match(await frame.locator('textarea[name="explanation"]').inputValue(), /budget book \(table 4\.2\)/);
    assert.match(await frame.locator('.sources').innerText(), /Budget book 2026\/27/);
    await clickInWords(wb, 'Spending on housing rises');
    // The Claims panel just tall enough for its rows, so that the details show the sources too.
    await fitClaimsPane(wb);
    await frame.locator('.sources li', { hasText: 'Budget book 2026/27' }).scrollIntoViewIfNeeded();
    await tidy(wb);
    await wb.screenshot(`overview${theme.suffix}`, { docs: true });
  });

  it('set-status: the scale as a quick pick, with definitions and colours', async () => {
    await clickInWords(wb, 'Bus fares will stay frozen');
    await wb.runCommand('Factmark: Set Status…');
    const widget = wb.page.locator('.quick-input-widget');
    await widget.locator('.quick-input-title', { hasText: 'Status of' }).waitFor();
    const rows = widget.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor();
    // Each row's first label is the status (the definition is the detail line's).
    const labels = (await rows.evaluateAll((els) => els.map((el) => (el as unknown as { querySelector(s: string): { textContent: string } | null })
      .querySelector('.label-name')?.textContent ?? ''))).map((l) => l.replace(/\u00a0/g, ' ').trim());
    assert.deepStrictEqual(labels, ['Unverified', 'In progress', 'True', 'Mostly true', 'Mixed', 'Misleading', 'Mostly false', 'False', 'Unproven', 'Not checkable']);
    assert.match(await rows.filter({ hasText: 'Misleading' }).first().innerText(), /Contains accurate facts but gives a false impression/);
    assert.match(await rows.filter({ hasText: 'Unverified' }).first().innerText(), /current/);
    await wb.screenshot(`set-status${theme.suffix}`, { docs: true });

    // Picking a status rates the claim: its row in the panel follows.
    await rows.filter({ has: wb.page.locator('.label-name', { hasText: /^In progress$/ }) }).first().click();
    await widget.waitFor({ state: 'hidden' });
    await wb.page.locator('.pane-body .monaco-list-row', { hasText: 'Bus fares will stay frozen' }).filter({ hasText: 'In progress' }).first().waitFor();
  });

  it('claim-hover: status, explanation, sources and claimant over the words', async () => {
    // The cursor in the same claim: panel and details show it too.
    await clickInWords(wb, 'We have balanced the books');
    await details().locator('.quote', { hasText: 'We have balanced the books' }).waitFor();
    await tidy(wb);
    const hover = await hoverWords(wb, 'We have balanced the books', 'Contains accurate facts');
    const text = await hover.innerText();
    for (const expected of [/Misleading/, /No library closes, but three branches move to four-day opening/,
      /Sources/, /refutes: Library opening hours from April/, /Northfield, Ashby and Dale Road libraries/,
      /Claimant: Helen Marsh, mayor/, /Set status/]) assert.match(text, expected);
    await wb.screenshot(`claim-hover${theme.suffix}`, { docs: true });
    await wb.page.keyboard.press('Escape');
  });

  it('add-source: the address step, then the source is cited', async () => {
    await clickInWords(wb, 'Cycling schemes receive');
    await tidy(wb);
    await wb.page.evaluate((url) => (globalThis as unknown as { navigator: { clipboard: { writeText(t: string): Promise<void> } } }).navigator.clipboard.writeText(url), SOURCE_URL);
    await wb.runCommand('Factmark: Add Source…');
    const widget = wb.page.locator('.quick-input-widget');
    const input = widget.locator('input').first();
    const step = async (n: number) => widget.locator('.quick-input-title', { hasText: `(${n}/6)` }).waitFor();
    await step(1);
    assert.match(await widget.locator('.quick-input-title').innerText(), /Add a source to .*Cycling schemes.*\(1\/6\): Address/);
    // Prefilled from the clipboard, where the checker copied the address.
    await input.waitFor();
    assert.strictEqual(await input.inputValue(), SOURCE_URL);
    await wb.screenshot(`add-source${theme.suffix}`, { docs: true });
    await wb.page.keyboard.press('Enter');
    await step(2);
    await input.fill('Budget 2026/27, transport annex');
    await wb.page.keyboard.press('Enter');
    await step(3);
    await input.fill('Active travel and cycling schemes: £3.5m');
    await wb.page.keyboard.press('Enter');
    await step(4);
    await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'Supports the claim' }).first().click();
    await step(5);
    await wb.page.keyboard.press('Enter');
    await step(6);
    await wb.page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden' });
    const hover = await hoverWords(wb, 'Cycling schemes receive', 'Being checked');
    assert.match(await hover.innerText(), /supports: Budget 2026\/27, transport annex/);
    await wb.page.keyboard.press('Escape');
  });

  it('recheck: a claim whose words changed, old and new words, and the re-check group', async () => {
    const group = panelRow('Orphaned / needs re-check');
    assert.match(await group.getAttribute('aria-expanded') ?? '', /true/);
    assert.match(await group.innerText(), /3/);
    // The cursor in the claim: the details say what changed and offer to accept the new words.
    await clickInWords(wb, 'approved a budget of');
    const state = details().locator('.state-changed');
    await state.waitFor();
    assert.match(await state.innerText(), /The words changed since this claim was rated\.\s*Now: “?approved a budget of £421 million on Monday night/);
    await details().locator('button', { hasText: 'Accept new wording' }).waitFor();
    await tidy(wb);
    const hover = await hoverWords(wb, 'approved a budget of', 'The words changed since this claim was rated');
    const text = await hover.innerText();
    assert.match(text, /Rated words: “approved a budget of £412 million on Monday night”/);
    assert.match(text, /Now: “approved a budget of £421 million on Monday night”/);
    assert.match(text, /Accept new wording/);
    await wb.screenshot(`recheck${theme.suffix}`, { docs: true });
    await wb.page.keyboard.press('Escape');
  });
});

/** Drags the sash between the side bar and the editor until the side bar is `width` wide. */
async function widenSideBar(wb: Workbench, width: number): Promise<void> {
  const bar = await wb.page.locator('.part.sidebar').boundingBox();
  assert.ok(bar, 'the side bar is not shown');
  const edge = bar.x + bar.width;
  const y = bar.y + bar.height / 2;
  await wb.page.mouse.move(edge, y);
  await wb.page.mouse.down();
  await wb.page.mouse.move(edge + 20, y, { steps: 2 });
  await wb.page.mouse.move(bar.x + width, y, { steps: 5 });
  await wb.page.mouse.up();
  const now = await wb.page.locator('.part.sidebar').boundingBox();
  assert.ok(now && Math.abs(now.width - width) < 8, `the side bar is ${now?.width} px wide, not ${width}`);
}

/** Drags the sash above Claim Details up to just below the last row of the Claims panel. */
async function fitClaimsPane(wb: Workbench): Promise<void> {
  const header = await wb.page.locator('.pane-header', { hasText: /Claim Details/i }).boundingBox();
  const rows = await wb.page.locator('.pane-body .monaco-list-row').evaluateAll((els) =>
    Math.max(...els.map((el) => (el as unknown as { getBoundingClientRect(): { bottom: number } }).getBoundingClientRect().bottom)));
  assert.ok(header && Number.isFinite(rows), 'the Claims panel or Claim Details is not shown');
  const x = header.x + header.width / 2;
  await wb.page.mouse.move(x, header.y + 1);
  await wb.page.mouse.down();
  await wb.page.mouse.move(x, header.y - 10, { steps: 2 });
  await wb.page.mouse.move(x, rows + 12, { steps: 5 });
  await wb.page.mouse.up();
  const moved = await wb.page.locator('.pane-header', { hasText: /Claim Details/i }).boundingBox();
  assert.ok(moved && moved.y < header.y, 'the Claim Details pane did not move up');
}

/** The rendered line holding `words` (articles are short: every line is rendered). */
function lineWith(wb: Workbench, words: string): Locator {
  return wb.editor.locator('.view-line', { hasText: words }).first();
}

/** Where `words` start on screen, from the span that holds them. */
async function wordsBox(wb: Workbench, words: string): Promise<{ x: number; y: number; height: number }> {
  const line = lineWith(wb, words);
  await line.waitFor();
  const box = await line.evaluate((el, w) => {
    const doc = (el as unknown as { ownerDocument: { createRange(): any; createTreeWalker(root: unknown, what: number): any } }).ownerDocument;
    const walker = doc.createTreeWalker(el, 4 /* text */);
    let all = '';
    const nodes: { node: any; at: number }[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push({ node: n, at: all.length }); all += n.textContent; }
    const i = all.replace(/\u00a0/g, ' ').indexOf(w);
    const hit = nodes.filter((x) => x.at <= i).pop();
    if (!hit || i < 0) return undefined;
    const range = doc.createRange();
    range.setStart(hit.node, i - hit.at);
    range.setEnd(hit.node, Math.min(i - hit.at + 1, hit.node.textContent.length));
    const r = range.getBoundingClientRect();
    return { x: r.left, y: r.top, height: r.height };
  }, words);
  assert.ok(box, `“${words}” is not rendered`);
  return box;
}

/** Clicks a few characters into `words`: the cursor is in that claim. */
async function clickInWords(wb: Workbench, words: string): Promise<void> {
  const box = await wordsBox(wb, words);
  await wb.page.mouse.click(box.x + 30, box.y + box.height / 2);
}

/** Hovers a few characters into `words` and waits for the hover that says `expected`. */
async function hoverWords(wb: Workbench, words: string, expected: string): Promise<Locator> {
  const box = await wordsBox(wb, words);
  await wb.page.mouse.move(box.x + 24, box.y + box.height / 2);
  await wb.page.mouse.move(box.x + 32, box.y + box.height / 2);
  const hover = wb.page.locator('.monaco-hover', { hasText: expected }).first();
  await hover.waitFor({ timeout: 15_000 });
  await settled(wb, hover);
  return hover;
}

/** Waits until `el` and its ancestors are fully opaque (a hover fades in; a picture taken before
 *  shows the text under it through it). */
async function settled(wb: Workbench, el: Locator): Promise<void> {
  for (let tries = 0; tries < 40; tries++) {
    const opaque = await el.evaluate((node) => {
      const win = globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string } };
      for (let n = node as unknown as { parentElement: unknown } | null; n; n = n.parentElement as typeof n) {
        if (Number(win.getComputedStyle(n).opacity) < 1) return false;
      }
      return true;
    });
    if (opaque) return;
    await wb.page.waitForTimeout(50);
  }
}

/** Asserts that a decoration behind `words` has a background of the given rgba prefix. */
async function expectTint(wb: Workbench, words: string, rgbaPrefix: string): Promise<void> {
  const box = await wordsBox(wb, words);
  let colours: string[] = [];
  for (let tries = 0; tries < 40; tries++) {
    colours = await wb.editor.locator('.view-overlays div div, .view-lines span').evaluateAll((els, at) =>
      els.filter((el) => {
        const r = (el as unknown as { getBoundingClientRect(): { left: number; right: number; top: number; bottom: number } }).getBoundingClientRect();
        return r.left <= at.x + 5 && r.right >= at.x + 5 && r.top <= at.y + 2 && r.bottom >= at.y + 2;
      }).map((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor), box);
    if (colours.some((c) => c.startsWith(rgbaPrefix))) return;
    await wb.page.waitForTimeout(250);
  }
  assert.fail(`“${words}” is not tinted ${rgbaPrefix}…): backgrounds there are ${colours.join(', ')}`);
}

/** Clears notifications and transient status-bar messages so that pictures hold only the feature. */
async function tidy(wb: Workbench): Promise<void> {
  await wb.runCommand('Notifications: Clear All Notifications').catch(() => undefined);
  // "Factmark: … is now In progress" and the like stay three or four seconds.
  await wb.page.locator('.statusbar-item', { hasText: /^\s*Factmark: (claim marked|new wording|restored|.* is now |.* will not be suggested)/ }).waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
  // The pointer off the text (no hover) and off the bars (no tooltip): below the article's end.
  const editor = await wb.editor.boundingBox();
  if (editor) await wb.page.mouse.move(editor.x + editor.width / 2, editor.y + editor.height - 40);
  await wb.page.waitForTimeout(300);
}
