// Text from files never becomes live UI: the one function (uiText) and the one way to the user
// (src/vscode/notify.ts). The real workbench's rendering of a hostile notification is checked in
// test/e2e/hostileNotification.e2e.ts; here, that the function breaks what VS Code would read,
// and that no file of the VS Code layer goes around notify.ts.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { uiDetail, uiText } from '../../src/core/present/displayText';

// VS Code's own pattern for links in notification text (workbench/common/notifications.ts).
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
// Theme icons in labels (base/common/iconLabels.ts): `$(name)` and `$(name~spin)`.
const ICON = /\$\([a-z.]+[^)]*\)/gi;

const HOSTILE = [
  '[Run](command:workbench.action.terminal.new?%5B%5D)',
  'x [Open](https://evil.example/) y',
  '[a](file:///etc/passwd "title") and [b](COMMAND:git.clone)',
  '$(zap) $(sync~spin) claim',
  'line one\nline two\r\n\u202Ereversed\u0007bell\u001b[31m',
];

describe('uiText: file text in notifications, quick picks and the status bar', () => {
  it('leaves no notification link, theme icon, control or bidi character, and reads the same', () => {
    for (const h of HOSTILE) {
      const out = uiText(h);
      assert.deepStrictEqual(out.match(NOTIFICATION_LINK), null, out);
      assert.deepStrictEqual(out.match(ICON), null, out);
      assert.doesNotMatch(out, /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
      assert.strictEqual(out.replace(/\u200b/g, ''), out.replace(/\u200b/g, '').trim(), 'no stray spaces');
    }
    assert.strictEqual(uiText('[Run](command:x)').replace(/\u200b/g, ''), '[Run](command:x)', 'the text reads as written');
    assert.strictEqual(uiText('plain text: 3 claims (2 open)'), 'plain text: 3 claims (2 open)', 'ordinary text is untouched');
    assert.strictEqual(uiText('a'.repeat(5000)).length, 1000, 'cut to a length');
  });

  it('keeps the line breaks of a modal detail, neutralising each line', () => {
    const out = uiDetail('one [x](command:y)\ntwo $(zap)');
    assert.deepStrictEqual(out.split('\n').length, 2);
    assert.strictEqual(out.match(NOTIFICATION_LINK), null);
    assert.strictEqual(out.match(ICON), null);
  });

  it('no file of src/vscode shows a message, a status bar message or progress except through notify.ts', () => {
    const root = path.resolve(__dirname, '../../src/vscode');
    const offenders: string[] = [];
    for (const file of fs.readdirSync(root, { recursive: true }) as string[]) {
      if (!file.endsWith('.ts') || file === 'notify.ts') continue;
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      text.split('\n').forEach((line, i) => {
        if (/\bwindow\s*\.\s*(show(Information|Warning|Error)Message|setStatusBarMessage|withProgress)\b/.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    assert.deepStrictEqual(offenders, [], 'use src/vscode/notify.ts, which neutralises file text');
  });
});
