// Suggest Claims as a user sees it: the sample article opens in the "Fact-check article"
// language with its cues (figures, dates, quotations, attributions) coloured by the theme, and
// Suggest Claims lists its check-worthy sentences in the Claims panel and the status bar.
// Hovering a suggestion explains it. The screenshots go to docs/screenshots/suggestions.png
// and suggestion-why.png for the README.
import * as assert from 'assert';
import { openWorkbench, Workbench } from './workbench';

describe('suggest claims', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench();
    await wb.quickOpen('treaty.article.md');
  });
  after(() => wb?.close());

  it('opens the sample article in the Fact-check article language, cues coloured', async () => {
    await wb.page.locator('[id="status.editor.mode"]', { hasText: 'Fact-check article' }).waitFor();
    // Monaco renders each token as a span; a cue is scoped (constant.numeric…, string.quoted…),
    // so the theme gives it a colour that plain prose does not have.
    const colourOf = async (text: string) => {
      const span = wb.editor.locator('.view-line span span', { hasText: text }).first();
      await span.waitFor();
      // Runs in the page; this project's tsconfig has no DOM types.
      return span.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(el).color);
    };
    const prose = await colourOf('cooperation pact has been signed');
    // Single words or short quotations: articles are word-wrapped, so a longer cue may be split
    // across two rendered lines.
    for (const cue of ['2022', '“constructive”', 'characterized']) {
      // Tokenising (and so colouring) runs after the text is shown: give it a moment.
      let colour = await colourOf(cue);
      for (let tries = 0; colour === prose && tries < 40; tries++) {
        await wb.page.waitForTimeout(250);
        colour = await colourOf(cue);
      }
      assert.notStrictEqual(colour, prose, `the cue ${cue} is not coloured apart from prose`);
    }
  });

  it('lists the check-worthy sentences in the Claims panel and counts them in the status bar', async () => {
    await wb.runCommand('Factmark: Show Claims Panel');
    await wb.editor.locator('.view-lines').click();
    await wb.runCommand('Factmark: Suggest Claims');
    const group = wb.page.locator('.pane-body .monaco-list-row', { hasText: /Suggestions \(\d+\)/ });
    await group.first().waitFor();
    const n = Number(/Suggestions \((\d+)\)/.exec(await group.first().innerText())?.[1]);
    assert.ok(n >= 5, `only ${n} suggestions`);
    await wb.page.locator('.pane-body .monaco-list-row', { hasText: 'According to Iranian Ambassador Kazem Jalali' }).first().waitFor();
    const bar = wb.page.locator('.statusbar-item', { hasText: /suggested sentences without a claim/ });
    await bar.first().waitFor();
    assert.match(await bar.first().innerText(), new RegExp(`${n} suggested sentences without a claim`));
    await wb.page.keyboard.press('Control+Home');
    await wb.screenshot('suggestions', { docs: true });
  });

  it('explains a suggestion in its tooltip: the score, the cues and the words the model weighed', async () => {
    const row = wb.page.locator('.pane-body .monaco-list-row', { hasText: 'According to Iranian Ambassador Kazem Jalali' }).first();
    const box = await row.boundingBox();
    assert.ok(box, 'the suggestion row is not rendered');
    // Two moves: the workbench shows a tooltip once the mouse rests on the row.
    await wb.page.mouse.move(box.x + 60, box.y + box.height / 2);
    await wb.page.mouse.move(box.x + 70, box.y + box.height / 2);
    const tip = wb.page.locator('.monaco-hover', { hasText: 'The model weighed most' }).first();
    await tip.waitFor({ timeout: 15_000 });
    const text = await tip.innerText();
    assert.match(text, /Check-worthiness 0\.\d+/);
    assert.match(text, /Cues: .*attribution: According to/);
    assert.match(text, /duration: for 20 years/);
    await wb.screenshot('suggestion-why', { docs: true });
    await wb.page.keyboard.press('Escape');
  });
});
