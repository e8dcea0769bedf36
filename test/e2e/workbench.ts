// Drives the real VS Code workbench in Chromium the way a user does: Quick Open, the Find widget,
// the Command Palette, screenshots. test/harness/runE2e.ts serves the workbench (code-server with
// Factmark loaded, a git-initialised copy of test/fixtures/workspace) and hands it to this module.
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import type { Session } from '../harness/session';

const repoRoot = path.resolve(__dirname, '..', '..');
const resultsDir = path.join(repoRoot, 'test-results', 'e2e');
const docsScreenshots = path.join(repoRoot, 'docs', 'screenshots');

let session: Session | undefined;
const open = new Set<Workbench>();

/** Called by the runner before the suite starts. */
export function useSession(s: Session): void {
  session = s;
}

/** Workbenches still open, for the runner's screenshot-on-failure hook. */
export function openWorkbenches(): Workbench[] {
  return [...open];
}

/** The absolute path of a file in the workspace copy the suite runs in. */
export function workspaceFile(relativePath: string): string {
  if (!session) throw new Error('no e2e session: run e2e tests with `npm run test:e2e`');
  return path.join(session.workspace.dir, relativePath);
}

/**
 * The Claim Details view's webview (the one webview *view* Factmark contributes; VS Code marks a
 * view's iframe `purpose=webviewView`). Not just `iframe.webview.ready`: a webview panel such as
 * the Desk, open or restored from an earlier test, is one too, and the first match may be it.
 */
export const DETAILS_WEBVIEW = 'iframe.webview.ready[src*="purpose=webviewView"]';

export interface OpenOptions {
  /** A file to open, relative to the folder. */
  openFile?: string;
  /** An absolute folder to open instead of the suite's workspace (e.g. a copy of demo/). */
  folder?: string;
  /** The tab's size; default the browser's (1400×900). */
  viewport?: { width: number; height: number };
}

/** Opens a new browser tab on the workbench (optionally with a file open) and waits until it is ready. */
export async function openWorkbench(options: OpenOptions = {}): Promise<Workbench> {
  if (!session) throw new Error('no e2e session: run e2e tests with `npm run test:e2e`');
  const page = await session.browser.context.newPage();
  if (options.viewport) await page.setViewportSize(options.viewport);
  const folder = options.folder ?? session.workspace.dir;
  await page.goto(session.server.workbenchUrl({
    folder,
    extensionDevelopmentPath: repoRoot,
    openFile: options.openFile && path.join(folder, options.openFile),
  }));
  const wb = new Workbench(page);
  open.add(wb);
  await wb.ready();
  return wb;
}

export class Workbench {
  constructor(readonly page: Page) {}

  /**
   * Resolves once the workbench is laid out and connected to the server. It does not assume a
   * layout: the server's user data (layout, open views and editors) carries over from one
   * openWorkbench() to the next within a run.
   */
  async ready(): Promise<void> {
    await this.page.locator('.monaco-workbench .part.editor').waitFor();
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor();
    // The Problems item is contributed once the workbench reaches its Restored phase.
    await this.page.locator('[id="status.problems"]').waitFor();
  }

  async close(): Promise<void> {
    open.delete(this);
    await this.screenshotting; // a failure screenshot may have been started just before
    await this.page.close();
  }

  private screenshotting: Promise<unknown> = Promise.resolve();

  /** The active editor. */
  get editor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** The tab of the active editor. */
  get activeTab(): Locator {
    return this.page.locator('.editor-group-container.active .tab.active');
  }

  /** Opens a workspace file through Quick Open (Ctrl+P), as a user would. */
  async quickOpen(fileName: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(fileName);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.activeTab.filter({ hasText: fileName }).waitFor();
    await this.editor.locator('.view-lines').waitFor();
  }

  /** Text of the lines the editor currently renders (Monaco renders only what is visible). */
  async visibleText(): Promise<string> {
    const text = await this.editor.locator('.view-lines').innerText();
    return text.replace(/\u00a0/g, ' ');
  }

  /** Selects the first occurrence of `text` in the active editor with the Find widget. */
  async selectText(text: string): Promise<void> {
    await this.editor.locator('.view-lines').click();
    await this.page.keyboard.press('Control+Home');
    await this.page.keyboard.press('Control+F');
    const find = this.editor.locator('.find-widget textarea, .find-widget input').first();
    await find.waitFor();
    await find.fill(text);
    await this.editor.locator('.find-widget .matchesCount', { hasNotText: 'No results' }).waitFor();
    await this.page.keyboard.press('Enter');
    // Closing the widget leaves the match selected and the editor focused.
    await this.editor.locator('.find-widget .codicon-widget-close').click();
    await this.editor.locator('.find-widget.visible').waitFor({ state: 'detached' });
    await this.editor.locator('.selected-text').first().waitFor();
  }

  /** The status bar's cursor item, e.g. "Ln 6, Col 27 (13 selected)". */
  async cursorStatus(): Promise<string> {
    return (await this.page.locator('[id="status.editor.selection"]').innerText()).trim();
  }

  /** Labels the Command Palette lists for `query`; leaves the palette closed. */
  async paletteCommands(query: string): Promise<string[]> {
    await this.openPalette(query);
    const rows = this.page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor();
    const labels = await rows.locator('.label-name').allInnerTexts();
    await this.page.keyboard.press('Escape');
    return labels.map((l) => l.replace(/\u00a0/g, ' ').trim());
  }

  /** Runs a command from the Command Palette by its exact label, e.g. "Factmark: Mark Claim". */
  async runCommand(label: string): Promise<void> {
    const row = this.page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) });
    // A palette opened while the workbench is still taking in the extension's contributions
    // (a loaded machine, the first test of a run) lists what it knew when it opened and does not
    // refresh: close it and open it again, three times at most, before calling the command missing.
    for (let attempt = 1; ; attempt++) {
      await this.openPalette(label);
      try {
        await row.first().waitFor({ timeout: 10_000 });
        break;
      } catch (e) {
        if (attempt === 3) throw e;
        await this.page.keyboard.press('Escape');
      }
    }
    await row.first().click();
    // The palette is gone once the widget is hidden, or once a command's own quick pick or
    // input box has taken its place (its input no longer holds the palette's ">" query): a
    // command that opens one at once may never let the widget be seen hidden.
    const widget = this.page.locator('.quick-input-widget');
    for (const end = Date.now() + 30_000; ;) {
      const query = await widget.locator('input').first().inputValue({ timeout: 1000 }).catch(() => '');
      if (!(await widget.isVisible()) || !query.startsWith('>')) return;
      if (Date.now() > end) throw new Error(`the Command Palette stayed open after choosing "${label}"`);
      await this.page.waitForTimeout(50);
    }
  }

  /** Saves a screenshot to test-results/e2e/NAME.png; one marked `docs` is also copied to
   *  docs/screenshots/ when FACTMARK_DOCS_SCREENSHOTS=1 (so that test runs never touch tracked files). */
  async screenshot(name: string, options: { docs?: boolean } = {}): Promise<string> {
    fs.mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `${name}.png`);
    const taking = this.page.screenshot({ path: file });
    this.screenshotting = taking.catch(() => undefined);
    await taking;
    if (options.docs && process.env.FACTMARK_DOCS_SCREENSHOTS) {
      fs.mkdirSync(docsScreenshots, { recursive: true });
      fs.copyFileSync(file, path.join(docsScreenshots, `${name}.png`));
    }
    return file;
  }

  private async openPalette(text: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    // On a loaded machine a key pressed while the workbench is busy (a view just shown, a webview
    // taking focus) can be lost: the palette never opens (seen once in a fresh-clone run at load
    // 13-16). Press again, then try the other binding, before calling it a failure.
    for (const [i, key] of ['F1', 'F1', 'Control+Shift+P'].entries()) {
      await this.page.keyboard.press(key);
      try {
        await input.waitFor({ timeout: i === 2 ? 30_000 : 8_000 });
        break;
      } catch (e) {
        if (i === 2) throw e;
      }
    }
    await input.fill(`>${text}`);
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
