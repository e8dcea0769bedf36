// Hostile text in a hand-edited sidecar (HTML, script, javascript: and command: links, theme
// icons, bidi controls) is shown as text in the Claim Details webview: nothing from the file
// becomes markup, a script or a live link. And a claim id written as a `[label](command:…)` link
// in a sidecar that cannot be read reaches the error notification as text, not as a link that
// would run the command (issue 8, item 1: VS Code renders such links in notification text).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { copyWorkspace, type Workspace } from '../harness/workspace';
import { DETAILS_WEBVIEW, openWorkbench, Workbench } from './workbench';

const ARTICLE = 'hostile.md';
const QUOTE = 'The bridge opened in 1962';
const BROKEN = 'unreadable.md';
const LINK_ID = '[Open a terminal](command:workbench.action.terminal.new)';
const EVIL = '<img src=x onerror="document.title=\'pwned\'"> <script>document.title="pwned"</script> [run](command:workbench.action.terminal.new) $(zap) \u202Edesrever';

function sidecar(): string {
  const q = (s: string) => JSON.stringify(s); // a JSON string is a valid YAML double-quoted scalar
  return [
    'factmark: 1',
    `article: ${ARTICLE}`,
    'claims:',
    '  - id: evil01',
    `    quote: ${q(QUOTE)}`,
    '    before: ""',
    `    after: ${q(', the oldest road crossing on the river.')}`,
    '    status: mixed',
    `    claimant: ${q(EVIL)}`,
    `    explanation: ${q(EVIL)}`,
    '    sources:',
    '      - url: "javascript:document.title=\'pwned\'"',
    `        title: ${q('Evil ' + EVIL)}`,
    '      - url: https://example.org/ok',
    `        title: ${q(EVIL)}`,
    `        excerpt: ${q(EVIL)}`,
    '        stance: supports',
    '',
  ].join('\n');
}

describe('hostile sidecar text in the Claim Details view', () => {
  let ws: Workspace;
  let wb: Workbench;
  before(async () => {
    const src = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-hostile-src-'));
    const dir = path.join(src, 'hostile');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, ARTICLE), `${QUOTE}, the oldest road crossing on the river.\n`);
    fs.writeFileSync(path.join(dir, `${ARTICLE}.claims.yaml`), sidecar());
    // The same id twice: the file is refused, and the notification quotes the id.
    const claim = (n: number) => [`  - id: ${JSON.stringify(LINK_ID)}`, `    quote: "claim ${n}"`, '    status: mixed'];
    fs.writeFileSync(path.join(dir, BROKEN), 'claim 1 and claim 2.\n');
    fs.writeFileSync(path.join(dir, `${BROKEN}.claims.yaml`), ['factmark: 1', `article: ${BROKEN}`, 'claims:', ...claim(1), ...claim(2), ''].join('\n'));
    ws = copyWorkspace(dir, { git: true, prefix: 'factmark-hostile-' });
    fs.rmSync(src, { recursive: true, force: true });
    wb = await openWorkbench({ folder: ws.dir, openFile: ARTICLE });
    await wb.editor.locator('.view-lines').waitFor();
  });
  after(async () => {
    await wb?.close();
    ws?.dispose();
  });

  it('a hostile claim id in an unreadable sidecar is text in the notification, not a link', async () => {
    const toast = wb.page.locator('.notification-toast', { hasText: `${BROKEN}.claims.yaml cannot be read` });
    await toast.waitFor({ timeout: 30_000 });
    const message = toast.locator('.notification-list-item-message');
    const text = await message.innerText();
    assert.ok(text.includes('Open a terminal') && text.includes('command:workbench.action.terminal.new'), `the id is not shown as written: ${text}`);
    assert.strictEqual(await message.locator('a').count(), 0, 'the id became a link in the notification');
    assert.deepStrictEqual(await toast.locator('a[href^="command:"], [data-href^="command:"]').count(), 0, 'a command link from the file');
    await wb.screenshot('hostile-notification');
    await wb.runCommand('Notifications: Clear All Notifications');
  });

  it('shows the text literally: no element, script or link comes from the file', async () => {
    await wb.runCommand('Factmark: Show Claims Panel');
    await wb.editor.locator('.view-lines').click();
    await wb.selectText('bridge opened'); // the details view follows the claim under the cursor
    const frame = wb.page.frameLocator(DETAILS_WEBVIEW).frameLocator('iframe#active-frame');
    await frame.locator('.quote', { hasText: QUOTE }).waitFor({ timeout: 20_000 });
    assert.strictEqual(await frame.locator('#f-explanation').inputValue(), EVIL, 'the explanation is not shown as written');
    assert.strictEqual(await frame.locator('img').count(), 0, 'an <img> from the sidecar was rendered');
    // VS Code injects an inline script of its own (acquireVsCodeApi); none may carry the file's text.
    const scripts = await frame.locator('script').evaluateAll((els) => els.map((e) => (e as unknown as { textContent: string }).textContent));
    assert.ok(scripts.every((text) => !text.includes('pwned')), 'a <script> from the sidecar was rendered');
    const hrefs = await frame.locator('a[href]').evaluateAll((els) => els.map((e) => (e as unknown as { getAttribute(n: string): string }).getAttribute('href')));
    assert.deepStrictEqual(hrefs.filter((h) => !/^https:\/\/example\.org\/ok$/.test(h)), [], 'a link that is not the http(s) source');
    assert.ok(await frame.getByText('Evil <img', { exact: false }).count() > 0, 'the javascript: source is not listed as plain text');
    assert.notStrictEqual(await wb.page.title(), 'pwned');
  });
});
