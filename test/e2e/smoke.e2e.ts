import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { openWorkbench, Workbench } from './workbench';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));

describe('workbench smoke', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench();
  });
  after(() => wb?.close());

  it('opens the sample article from Quick Open and renders it', async () => {
    await wb.quickOpen('harbour-bridge.md');
    assert.match(await wb.visibleText(), /Harbour Bridge reopens two months late/);
  });

  it('selects a claim in the article', async () => {
    const claim = '£14.2 million';
    await wb.selectText(claim);
    assert.match(await wb.cursorStatus(), new RegExp(`\\(${claim.length} selected\\)`));
    await wb.screenshot('smoke-article-selection');
  });

  it("lists Factmark's commands in the Command Palette", async () => {
    const contributed = new Set<string>(
      (manifest.contributes?.commands ?? []).map((c: { category?: string; title: string }) =>
        c.category ? `${c.category}: ${c.title}` : c.title),
    );
    assert.ok(contributed.size > 0, 'package.json contributes no commands');
    const shown = await wb.paletteCommands('Factmark');
    const ours = shown.filter((label) => contributed.has(label));
    assert.ok(ours.length > 0, `none of Factmark's commands is in the palette; it shows: ${shown.join(' | ')}`);
  });
});
