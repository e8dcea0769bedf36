// Re-attach of a placed claim (issue 9), as a user does it in the real workbench: select other
// words, run Re-attach Claim to Selection from the Command Palette, and answer the modal
// question that names the claim's words now and the words it would be on. Cancel writes
// nothing; Re-attach moves the claim and its sidecar says so (new quote, the old wording in its
// log, its verdict marked to re-check).
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { builtCli } from '../fixtures/builtCli';
import { copyWorkspace, type Workspace } from '../harness/workspace';
import { openWorkbench, Workbench } from './workbench';

const ARTICLE = `# Library extension approved

The council approved a budget of £412 million on Monday for the new central library.

Building work starts in June and should take three years, the council said.
`;
const CLAIM = 'budget of £412 million on Monday';
const OTHER = 'a budget of £412 million';

interface SidecarClaim { quote: string; status: string; recheck?: boolean; log?: { change: string; from: string; to: string }[] }

function claimsOf(file: string): SidecarClaim[] {
  return (parse(fs.readFileSync(file, 'utf8')) as { claims: SidecarClaim[] }).claims;
}

/** Polls `check` until it holds (the sidecar is written after the store changes), or fails naming `what`. */
async function until(what: string, check: () => boolean, ms = 20_000): Promise<void> {
  for (const end = Date.now() + ms; !check();) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Re-attach asks first (issue 9)', () => {
  let ws: Workspace;
  let wb: Workbench;
  let sidecar: string;

  before(async () => {
    ws = copyWorkspace(path.resolve(__dirname, '..', 'fixtures', 'workspace'), { git: true, prefix: 'factmark-reattach-' });
    fs.writeFileSync(path.join(ws.dir, 'library.md'), ARTICLE);
    fs.mkdirSync(path.join(ws.dir, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(ws.dir, '.vscode', 'settings.json'), '{ "editor.minimap.enabled": false, "factmark.author": "Ann Lee" }\n');
    execFileSync(process.execPath, [builtCli(), 'add', 'library.md', '--quote', CLAIM, '--status', 'accurate', '--by', 'Jane Doe'], { cwd: ws.dir, encoding: 'utf8' });
    sidecar = path.join(ws.dir, 'library.md.claims.yaml');
    assert.strictEqual(claimsOf(sidecar)[0].quote, CLAIM);
    wb = await openWorkbench({ folder: ws.dir });
    await wb.quickOpen('library.md');
    // The claim is highlighted once Factmark has read the sidecar.
    await wb.editor.locator('[class*="cgmr"]').first().waitFor();
  });
  after(async () => {
    await wb?.close();
    ws?.dispose();
  });

  /** Selects OTHER (its end is inside the claim, so the claim is the current one) and asks to re-attach. */
  async function askToReattach() {
    await wb.selectText(OTHER);
    await wb.runCommand('Factmark: Re-attach Claim to Selection');
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    return dialog;
  }

  it('names the words the claim is on and the words it would be on; Cancel writes nothing', async () => {
    const before = fs.readFileSync(sidecar, 'utf8');
    const dialog = await askToReattach();
    const text = (await dialog.innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /Re-attach this claim to other words\?/);
    assert.ok(text.includes(`Now on: “${CLAIM}”`), text);
    assert.ok(text.includes(`Would be on: “${OTHER}”`), text);
    assert.match(text, /marked to re-check/);
    await wb.screenshot('reattach-question');
    await dialog.locator('.dialog-buttons .monaco-button', { hasText: /^Cancel$/ }).click();
    await dialog.waitFor({ state: 'detached' });
    // Nothing written now; the next test shows nothing was written later either (its
    // re-attach asks again, and the log holds its one entry only).
    assert.strictEqual(fs.readFileSync(sidecar, 'utf8'), before);
  });

  it('its Re-attach button moves the claim: the sidecar holds the new words, the old ones in its log, and a re-check mark', async () => {
    const dialog = await askToReattach();
    await dialog.locator('.dialog-buttons .monaco-button', { hasText: /^Re-attach$/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await until('the sidecar to hold the new words', () => claimsOf(sidecar)[0].quote === OTHER);
    const [claim] = claimsOf(sidecar);
    assert.strictEqual(claim.recheck, true);
    assert.strictEqual(claim.status, 'accurate');
    assert.deepStrictEqual(claim.log?.map((l) => [l.change, l.from, l.to]), [['wording', CLAIM, OTHER]]);
  });
});
